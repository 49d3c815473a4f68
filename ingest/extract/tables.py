"""Shared reading of the tables whose columns are (year, 预算/决算), e.g. the Hunan 基础数据表."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ingest.document import Document, Table
from ingest.extract.numbers import parse_number, unit_of
from ingest.normalize import compact

_YEAR_MEASURE = re.compile(r"((?:19|20)\d{2})年?(?:度)?(预算|决算|执行)")


@dataclass(frozen=True)
class Cell:
    label: str  # the row's label (first cell), as printed
    fiscal_year: int
    measure_word: str  # 预算, 决算 or 执行, from the column header
    amount: Decimal
    unit: str
    raw: str
    page: int | None
    table: Table  # where it was read (for the part of the document it belongs to)


def merged_once(row: list[str]) -> list[str]:
    """A row's cells with a merged cell once: readers repeat its value in every position it covers."""
    return [cell for i, cell in enumerate(row) if i == 0 or cell != row[i - 1]]


def has_year_measure_header(rows: list[list[str]]) -> bool:
    return any(sum(bool(_YEAR_MEASURE.search(compact(c))) for c in row) >= 2 for row in rows)


def year_measure_cells(doc: Document) -> Iterator[Cell]:
    """Every numeric cell under a header row naming two or more (year, measure) columns."""
    for table in doc.tables:
        columns: dict[int, tuple[int, str]] = {}
        unit = "万元"
        for r, row in enumerate(table.rows):
            header = {i: m for i, cell in enumerate(row) if (m := _YEAR_MEASURE.search(compact(cell)))}
            if len(header) >= 2:
                columns = {i: (int(m.group(1)), m.group(2)) for i, m in header.items()}
                unit = unit_of(row[0]) or unit
                continue
            if not columns or not row or not row[0]:
                continue
            for i, (year, word) in columns.items():
                amount = parse_number(row[i]) if i < len(row) else None
                if amount is not None:
                    yield Cell(row[0], year, word, amount, unit, row[i], table.page_of(r), table)
