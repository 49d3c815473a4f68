"""raw.budget_line: coded lines and measures, numeric amounts, with provenance, of loaded documents."""

import great_expectations.expectations as gxe

from expectations.suites.codes import AMOUNT_PATTERN, MEASURES, SOURCES, STATEMENTS, values_of

TABLE = "raw.budget_line"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id"),
        gxe.ExpectColumnValuesToBeInSet(column="statement", value_set=STATEMENTS),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=MEASURES),
        gxe.ExpectColumnValuesToNotBeNull(column="line_code"),
        gxe.ExpectColumnValuesToNotBeNull(column="fiscal_year"),
        gxe.ExpectColumnValuesToNotBeNull(column="amount_wan"),
        gxe.ExpectColumnValuesToMatchRegex(column="amount_wan", regex=AMOUNT_PATTERN),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=SOURCES),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["document_id", "statement", "line_code", "fiscal_year", "measure", "source"]
        ),
    ]
