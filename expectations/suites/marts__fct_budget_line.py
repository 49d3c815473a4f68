"""marts.fct_budget_line: the contract's columns, facts of published documents only."""

import great_expectations.expectations as gxe

from expectations.suites.codes import published_documents

TABLE = "marts.fct_budget_line"
COLUMNS = [
    "document_id", "statement", "line_code", "line_name", "measure", "fiscal_year", "amount_wan", "page",
    "source", "value_raw", "part", "confirmed",
]  # fmt: skip


def expectations(con):
    documents = published_documents(con)
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
    ]
