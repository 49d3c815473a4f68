"""Staffing (编制数, 实有/在职人数, 离退休) from the 基础数据表 and from the narrative."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ingest.document import Block, Document
from ingest.extract.records import BLOCK, Record
from ingest.normalize import compact

# A total only: "行政编制25名" or "公务员22人" describe part of the staff, not the department's total.
_TEXT = (
    ("authorized", re.compile(r"(?<![政业勤])编制(?:数)?(?:为|共)?(\d{1,5})(?:名|人)")),
    ("actual", re.compile(r"(?:实有人数|在职人数|在职(?:人员)?)(?:为|共)?(\d{1,5})人")),
    ("retired", re.compile(r"(?:离退休|退休)(?:人员|人数)?(?:为|共)?(\d{1,5})人")),
)
_HEADER = (("authorized", re.compile(r"^编制数")), ("actual", re.compile(r"实际在职人数|实有人数|在职人数")))
# a form flattened to one cell per line: "人员编制" / "21" / "实有人数" / "21"
_LABEL = (
    ("authorized", re.compile(r"^(?:人员编制|编制数|编制人数)$")),
    ("actual", re.compile(r"^(?:实有人数|在职人数)$")),
    ("retired", re.compile(r"^离退休人数$")),
)


def extract_headcount(doc: Document, document_id: str) -> list[Record]:
    """One row per metric: the first statement wins, tables before text."""
    rows: dict[str, Record] = {}
    for record in [*_from_tables(doc, document_id), *_from_text(doc, document_id)]:
        rows.setdefault(record["metric"], record)
    return list(rows.values())


def _from_tables(doc: Document, document_id: str) -> Iterator[Record]:
    for table in doc.tables:
        for r, row in enumerate(table.rows[:-1]):
            columns = {i: metric for i, cell in enumerate(row) for metric, p in _HEADER if p.search(compact(cell))}
            values = table.rows[r + 1]
            for i, metric in columns.items():
                if i < len(values) and values[i].isdigit():
                    page = table.page_of(r + 1)
                    yield _record(document_id, metric, int(values[i]), values[i], page, "table", table)


def _from_text(doc: Document, document_id: str) -> Iterator[Record]:
    paragraphs = doc.paragraphs
    for paragraph, following in itertools.pairwise(paragraphs):
        label, value = compact(paragraph.text), compact(following.text)
        for metric, pattern in _LABEL:
            if pattern.match(label) and value.isdigit():
                yield _record(document_id, metric, int(value), f"{label} {value}", following.page, "text", following)
    for paragraph in paragraphs:
        text = compact(paragraph.text)
        for metric, pattern in _TEXT:
            for match in pattern.finditer(text):
                raw = match.group(0)
                yield _record(document_id, metric, int(match.group(1)), raw, paragraph.page, "text", paragraph)


def _record(
    document_id: str, metric: str, headcount: int, raw: str, page: int | None, source: str, block: Block
) -> Record:
    return {
        "document_id": document_id,
        "metric": metric,
        "headcount": headcount,
        "value_raw": raw,
        "page": page,
        "source": source,
        BLOCK: block,
    }
