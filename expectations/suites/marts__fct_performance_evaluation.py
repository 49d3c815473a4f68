"""marts.fct_performance_evaluation: the contract's columns, keys, plausible scores and rates."""

import great_expectations.expectations as gxe

from expectations.suites.codes import published_documents

TABLE = "marts.fct_performance_evaluation"
COLUMNS = [
    "evaluation_id", "document_id", "scope", "project_name", "project_code", "initial_budget_wan",
    "adjusted_budget_wan", "actual_wan", "execution_rate_reported", "execution_rate_calc", "total_score", "grade",
    "page", "source", "part",
]  # fmt: skip


def expectations(con):
    documents = published_documents(con)
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeUnique(column="evaluation_id"),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
    ]
