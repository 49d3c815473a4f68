"""The record kinds extraction produces; each becomes one raw.* table.

Amounts, scores and indicator values stay text in raw (as extracted, exact); staging casts them to
DECIMAL, so a value that is not a number is caught by the raw gate instead of failing the load.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

# Each raw table's columns and DuckDB types, in order. The warehouse creates raw.* from this.
RAW_TABLES: dict[str, dict[str, str]] = {
    "document": {
        "document_id": "VARCHAR", "sha256": "VARCHAR", "file_name": "VARCHAR", "file_path": "VARCHAR",
        "file_format": "VARCHAR", "page_count": "INTEGER", "report_kind": "VARCHAR",
        "department_name": "VARCHAR", "province": "VARCHAR", "city": "VARCHAR", "county": "VARCHAR",
        "fiscal_year": "INTEGER", "self_eval_score": "DECIMAL(6,2)", "self_eval_grade": "VARCHAR",
        "extraction_status": "VARCHAR", "parser_version": "VARCHAR", "ingested_at": "TIMESTAMP",
        "facts_total": "INTEGER", "facts_confirmed": "INTEGER", "ocr_pages": "INTEGER",
    },
    "sangong": {
        "document_id": "VARCHAR", "fiscal_year": "INTEGER", "measure": "VARCHAR", "category": "VARCHAR",
        "amount_wan": "VARCHAR", "value_raw": "VARCHAR", "page": "INTEGER", "source": "VARCHAR",
        "part": "VARCHAR", "confirmed": "BOOLEAN",
    },
    "budget_line": {
        "document_id": "VARCHAR", "statement": "VARCHAR", "line_code": "VARCHAR", "line_name": "VARCHAR",
        "measure": "VARCHAR", "fiscal_year": "INTEGER", "amount_wan": "VARCHAR", "value_raw": "VARCHAR",
        "page": "INTEGER", "source": "VARCHAR",
        "part": "VARCHAR", "confirmed": "BOOLEAN",
    },
    "evaluation": {
        "evaluation_id": "VARCHAR", "document_id": "VARCHAR", "scope": "VARCHAR", "project_name": "VARCHAR",
        "project_code": "VARCHAR", "initial_budget_wan": "VARCHAR", "adjusted_budget_wan": "VARCHAR",
        "actual_wan": "VARCHAR", "execution_rate_reported": "VARCHAR", "total_score": "VARCHAR",
        "grade": "VARCHAR", "page": "INTEGER", "source": "VARCHAR",
        "part": "VARCHAR",
    },
    "indicator": {
        "evaluation_id": "VARCHAR", "document_id": "VARCHAR", "row_order": "INTEGER", "level1": "VARCHAR",
        "level2": "VARCHAR", "level3": "VARCHAR", "target_raw": "VARCHAR", "target_operator": "VARCHAR",
        "target_value": "VARCHAR", "target_unit": "VARCHAR", "actual_raw": "VARCHAR", "actual_value": "VARCHAR",
        "actual_unit": "VARCHAR", "weight": "VARCHAR", "score": "VARCHAR", "deviation_note": "VARCHAR",
        "page": "INTEGER", "source": "VARCHAR", "value_raw": "VARCHAR",
        "part": "VARCHAR",
    },
    "headcount": {
        "document_id": "VARCHAR", "metric": "VARCHAR", "headcount": "INTEGER", "value_raw": "VARCHAR",
        "page": "INTEGER", "source": "VARCHAR",
        "part": "VARCHAR",
    },
    "target": {
        "target_id": "VARCHAR", "document_id": "VARCHAR", "scope": "VARCHAR", "project_name": "VARCHAR",
        "project_code": "VARCHAR", "department_name": "VARCHAR", "fiscal_year": "INTEGER",
        "funding_total_wan": "VARCHAR", "funding_fiscal_wan": "VARCHAR", "level1": "VARCHAR", "level2": "VARCHAR",
        "level3": "VARCHAR", "target_raw": "VARCHAR", "target_operator": "VARCHAR", "target_value": "VARCHAR",
        "target_unit": "VARCHAR", "weight": "VARCHAR", "row_order": "INTEGER", "page": "INTEGER",
        "source": "VARCHAR", "value_raw": "VARCHAR",
    },
    "finding": {
        "document_id": "VARCHAR", "check_id": "VARCHAR", "severity": "VARCHAR", "message": "VARCHAR",
        "expected": "VARCHAR", "actual": "VARCHAR", "page": "INTEGER",
    },
}  # fmt: skip


# Extractors note in each record the block it was read from, under this key; `extract` turns it into
# the record's `part` (the kind of the report part the block belongs to) before anything is stored.
BLOCK = "_block"
# A fact held back from the marts on its own (an OCR figure an identity contradicts): loaded into
# quarantine.* like the facts of a quarantined document, while the rest of its document is published.
HELD_BACK = "_held_back"


def on_page(page: int | None) -> str:
    """Where a finding's figure is printed, for its message: "（第3页）", or nothing when the page is unknown."""
    return f"（第{page}页）" if page else ""


def finding(
    document_id: str | None,
    check_id: str,
    message: str,
    severity: str = "warning",
    expected: object = None,
    actual: object = None,
    page: int | None = None,
) -> Record:
    return {
        "document_id": document_id,
        "check_id": check_id,
        "severity": severity,
        "message": message,
        "expected": None if expected is None else str(expected),
        "actual": None if actual is None else str(actual),
        "page": page,
    }
