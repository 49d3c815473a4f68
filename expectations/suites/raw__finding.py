"""raw.finding: each finding says what, how severe, and about which document."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SEVERITIES, values_of

TABLE = "raw.finding"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="check_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="message"),
        gxe.ExpectColumnValuesToBeInSet(column="severity", value_set=SEVERITIES),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
    ]
