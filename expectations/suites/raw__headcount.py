"""raw.headcount: one figure per metric and document."""

import great_expectations.expectations as gxe

from expectations.suites.codes import METRICS, values_of

TABLE = "raw.headcount"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToBeInSet(column="metric", value_set=METRICS),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "metric"]),
    ]
