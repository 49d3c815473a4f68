"""marts.fct_headcount: the contract's columns and grain."""

import great_expectations.expectations as gxe

from expectations.suites.codes import published_documents

TABLE = "marts.fct_headcount"
COLUMNS = ["document_id", "metric", "headcount", "page", "source", "value_raw", "part"]


def expectations(con):
    documents = published_documents(con)
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "metric"]),
    ]
