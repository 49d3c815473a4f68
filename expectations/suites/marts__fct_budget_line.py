"""marts.fct_budget_line: the contract's columns, known documents, sane 万元 amounts."""

import great_expectations.expectations as gxe

from expectations.suites.codes import values_of

TABLE = "marts.fct_budget_line"
COLUMNS = [
    "document_id", "statement", "line_code", "line_name", "measure", "fiscal_year", "amount_wan", "page",
    "source", "value_raw", "part",
]  # fmt: skip


def expectations(con):
    documents = values_of(con, "marts.dim_document", "document_id")
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        # a department's line beyond 1,000 亿元 means a unit was misread
        gxe.ExpectColumnValuesToBeBetween(column="amount_wan", min_value=-10_000_000, max_value=10_000_000),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
    ]
