"""marts.fct_performance_indicator: the contract's columns, rows of known evaluations."""

import great_expectations.expectations as gxe

from expectations.suites.codes import values_of

TABLE = "marts.fct_performance_indicator"
COLUMNS = [
    "evaluation_id", "document_id", "row_order", "level1", "level2", "level3", "target_raw", "target_operator",
    "target_value", "target_unit", "actual_raw", "actual_value", "actual_unit", "weight", "score",
    "deviation_note", "page", "source", "value_raw", "part",
]  # fmt: skip


def expectations(con):
    evaluations = values_of(con, "marts.fct_performance_evaluation", "evaluation_id")
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="evaluation_id", value_set=evaluations),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["evaluation_id", "row_order"]),
    ]
