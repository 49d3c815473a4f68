"""marts.fct_sangong: the contract's columns and grain, amounts that are sane 万元 figures."""

import great_expectations.expectations as gxe

from expectations.suites.codes import SANGONG_CATEGORIES, SANGONG_MEASURES, values_of

TABLE = "marts.fct_sangong"
COLUMNS = ["document_id", "fiscal_year", "measure", "category", "amount_wan", "page", "source", "value_raw", "part"]


def expectations(con):
    documents = values_of(con, "marts.dim_document", "document_id")
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "fiscal_year", "measure", "category"]),
        gxe.ExpectColumnValuesToBeInSet(column="category", value_set=SANGONG_CATEGORIES),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=SANGONG_MEASURES),
        gxe.ExpectColumnValuesToNotBeNull(column="amount_wan"),
        # 三公 of one department is never near 1 亿元 a year: larger means a unit was misread
        gxe.ExpectColumnValuesToBeBetween(column="amount_wan", min_value=0, max_value=10000),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
    ]
