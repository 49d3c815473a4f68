"""marts.fct_quality_finding: findings are coded and attached to known documents."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SEVERITIES

TABLE = "marts.fct_quality_finding"
COLUMNS = ["document_id", "check_id", "severity", "message", "expected", "actual", "page"]


def expectations(con):
    documents = [row[0] for row in con.execute("SELECT document_id FROM marts.dim_document").fetchall()]
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=SEVERITIES),
        gxe.ExpectColumnValuesToNotBeNull(column="check_id"),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
    ]
