"""marts.dim_document: the contract's columns, keys and codes (plausibility is screened per document)."""

import great_expectations.expectations as gxe

from expectations.suites.codes import EXTRACTION_STATUSES, REPORT_KINDS

TABLE = "marts.dim_document"
COLUMNS = [
    "document_id", "sha256", "file_name", "file_format", "page_count", "report_kind", "department_name",
    "province", "city", "county", "fiscal_year", "self_eval_score", "self_eval_grade", "extraction_status",
    "parser_version", "ingested_at", "department_key", "facts_total", "facts_confirmed", "ocr_pages",
]  # fmt: skip


def expectations(con):
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeUnique(column="document_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="document_id"),
        gxe.ExpectColumnValuesToBeInSet(column="report_kind", value_set=REPORT_KINDS),
        gxe.ExpectColumnValuesToBeInSet(column="extraction_status", value_set=EXTRACTION_STATUSES),
    ]
