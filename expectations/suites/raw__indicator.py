"""raw.indicator: rows of known evaluations, ordered, with numeric weights and scores."""

import great_expectations.expectations as gxe

from expectations.suites.codes import AMOUNT_PATTERN, OPERATORS, values_of

TABLE = "raw.indicator"


def expectations(con):
    evaluations = values_of(con, "raw.evaluation", "evaluation_id")
    return [
        gxe.ExpectColumnValuesToBeInSet(column="evaluation_id", value_set=evaluations),
        gxe.ExpectColumnValuesToNotBeNull(column="evaluation_id"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["evaluation_id", "row_order"]),
        gxe.ExpectColumnValuesToBeInSet(column="target_operator", value_set=OPERATORS),
        *(
            gxe.ExpectColumnValuesToMatchRegex(column=column, regex=AMOUNT_PATTERN)
            for column in ("target_value", "actual_value", "weight", "score")
        ),
    ]
