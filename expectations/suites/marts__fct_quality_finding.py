"""marts.fct_quality_finding: findings are coded and attached to known documents."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SEVERITIES, values_of

TABLE = "marts.fct_quality_finding"
COLUMNS = ["document_id", "check_id", "severity", "message", "expected", "actual", "page"]


def expectations(con):
    documents = values_of(con, "marts.dim_document", "document_id")
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=SEVERITIES),
        gxe.ExpectColumnValuesToNotBeNull(column="check_id"),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
    ]
