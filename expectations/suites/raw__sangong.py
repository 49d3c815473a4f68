"""raw.sangong: coded, numeric amounts, with provenance, belonging to a loaded document."""

import great_expectations.expectations as gxe

from expectations.suites.codes import AMOUNT_PATTERN, SANGONG_CATEGORIES, SANGONG_MEASURES, SOURCES, values_of

TABLE = "raw.sangong"


def expectations(con):
    documents = values_of(con, "raw.document", "document_id")
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="document_id"),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectColumnValuesToBeInSet(column="category", value_set=SANGONG_CATEGORIES),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=SANGONG_MEASURES),
        gxe.ExpectColumnValuesToNotBeNull(column="fiscal_year"),
        gxe.ExpectColumnValuesToNotBeNull(column="amount_wan"),
        gxe.ExpectColumnValuesToMatchRegex(column="amount_wan", regex=AMOUNT_PATTERN),
        gxe.ExpectColumnValuesToNotBeNull(column="value_raw"),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=SOURCES),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "fiscal_year", "measure", "category"]),
    ]
