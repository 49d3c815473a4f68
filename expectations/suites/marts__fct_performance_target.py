"""marts.fct_performance_target: the contract's columns, rows of known documents."""

import great_expectations.expectations as gxe

from expectations.suites.codes import values_of

TABLE = "marts.fct_performance_target"
COLUMNS = [
    "target_id", "document_id", "scope", "project_name", "project_code", "department_name", "fiscal_year",
    "funding_total_wan", "funding_fiscal_wan", "level1", "level2", "level3", "target_raw", "target_operator",
    "target_value", "target_unit", "weight", "row_order", "page", "source", "value_raw",
]  # fmt: skip


def expectations(con):
    documents = values_of(con, "marts.dim_document", "document_id")
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["target_id", "row_order"]),
    ]
