"""marts.fct_sangong: the contract's columns and grain, facts of published documents only."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SANGONG_CATEGORIES, SANGONG_MEASURES, published_documents

TABLE = "marts.fct_sangong"
COLUMNS = [
    "document_id",
    "fiscal_year",
    "measure",
    "category",
    "amount_wan",
    "page",
    "source",
    "value_raw",
    "part",
    "confirmed",
]


def expectations(con):
    documents = published_documents(con)
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "fiscal_year", "measure", "category"]),
        gxe.ExpectColumnValuesToBeInSet(column="category", value_set=SANGONG_CATEGORIES),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=SANGONG_MEASURES),
        gxe.ExpectColumnValuesToNotBeNull(column="amount_wan"),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
    ]
