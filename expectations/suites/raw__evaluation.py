"""raw.evaluation: identified scopes of loaded documents, numbers that are numbers."""

import great_expectations.expectations as gxe

from expectations.suites.codes import AMOUNT_PATTERN, SCOPES, values_of

TABLE = "raw.evaluation"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="evaluation_id"),
        gxe.ExpectColumnValuesToBeUnique(column="evaluation_id"),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToBeInSet(column="scope", value_set=SCOPES),
        *(
            gxe.ExpectColumnValuesToMatchRegex(column=column, regex=AMOUNT_PATTERN)
            for column in (
                "initial_budget_wan",
                "adjusted_budget_wan",
                "actual_wan",
                "execution_rate_reported",
                "total_score",
            )
        ),
    ]
