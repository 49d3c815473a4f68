"""raw.document: one row per file content, identified, with a known status."""

import great_expectations.expectations as gxe

from expectations.suites.codes import EXTRACTION_STATUSES, FILE_FORMATS, REPORT_KINDS

TABLE = "raw.document"


def expectations(con):
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="document_id"),
        gxe.ExpectColumnValuesToBeUnique(column="document_id"),
        gxe.ExpectColumnValuesToBeUnique(column="sha256"),
        gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$"),
        gxe.ExpectColumnValuesToNotBeNull(column="file_name"),
        gxe.ExpectColumnValuesToBeInSet(column="file_format", value_set=FILE_FORMATS),
        gxe.ExpectColumnValuesToBeInSet(column="report_kind", value_set=REPORT_KINDS),
        gxe.ExpectColumnValuesToNotBeNull(column="extraction_status"),
        gxe.ExpectColumnValuesToBeInSet(column="extraction_status", value_set=EXTRACTION_STATUSES),
        gxe.ExpectColumnValuesToNotBeNull(column="parser_version"),
    ]
