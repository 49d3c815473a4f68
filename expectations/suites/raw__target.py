"""raw.target: rows of known documents, one per project form and row, with numeric funding and targets."""

import great_expectations.expectations as gxe

from expectations.suites.codes import OPERATORS, SCOPES, values_of

TABLE = "raw.target"
# 元 read as 万元 carry up to six decimals (3,583,813.54 元 → 358.381354 万元)
FIGURE_PATTERN = r"^-?\d{1,14}(?:\.\d{1,6})?$"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToNotBeNull(column="target_id"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["target_id", "row_order"]),
        gxe.ExpectColumnValuesToBeInSet(column="scope", value_set=SCOPES),
        gxe.ExpectColumnValuesToBeInSet(column="target_operator", value_set=OPERATORS),
        *(
            gxe.ExpectColumnValuesToMatchRegex(column=column, regex=FIGURE_PATTERN)
            for column in ("funding_total_wan", "funding_fiscal_wan", "target_value", "weight")
        ),
    ]
