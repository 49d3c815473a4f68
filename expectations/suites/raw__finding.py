"""raw.finding: each finding says what, how severe, and about which document."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SEVERITIES

TABLE = "raw.finding"


def expectations(con):
    documents = [row[0] for row in con.execute("SELECT document_id FROM raw.document").fetchall()]
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="check_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="message"),
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=SEVERITIES),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
    ]
