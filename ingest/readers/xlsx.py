"""Spreadsheets (.xlsx with openpyxl, .xls with xlrd): each sheet one table, merged ranges expanded.

A sheet's title rows (one merged cell across the sheet, e.g. "2024年部门收支预算总表") become a paragraph
before its table. `page` is the sheet's number (1-based), so a figure can be found again.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ingest.document import Block, Document, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text
from ingest.readers.package import open_package


def _as_printed(value: object, number_format: str = "General") -> str:
    """A number as the sheet shows it: the format's decimals, else the shortest exact form."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    decimals = re.search(r"0\.(0+)", number_format or "")
    if decimals:
        return f"{value:.{len(decimals.group(1))}f}"
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(number.normalize(), "f") if number == number.to_integral() else repr(value)


def _sheet_blocks(rows: list[list[str]], number: int, name: str) -> list[Block]:
    rows = [[clean_cell(cell) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    blocks: list[Block] = []
    while rows and len({cell for cell in rows[0] if cell}) == 1 and len(rows) > 1 and all(rows[0]):
        blocks.append(Paragraph(clean_text(rows.pop(0)[0]), page=number))
    if rows:
        blocks.append(Table(rows=rows, page=number))
    return blocks or [Paragraph(clean_text(name), page=number)]


def _expand(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Fill every cell of a merged range (first row, last row, first col, last col; 0-based, inclusive)."""
    for r0, r1, c0, c1 in merged:
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                rows[r][c] = value
    return rows


def read_xlsx(path: Path) -> Document:
    import openpyxl

    open_package(path, ".xlsx").close()
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:
        raise UnreadableFile(f"cannot open .xlsx: {type(exc).__name__}: {exc}") from exc
    blocks: list[Block] = []
    for number, sheet in enumerate(book.worksheets, start=1):
        rows = [[_as_printed(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]
        merged = [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        blocks += _sheet_blocks(_expand(rows, merged), number, sheet.title)
    return Document(file_name=path.name, file_format="xlsx", blocks=blocks, page_count=len(book.worksheets))


def read_xls(path: Path) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:
        raise UnreadableFile(f"cannot open .xls: {type(exc).__name__}: {exc}") from exc
    blocks: list[Block] = []
    for number, sheet in enumerate(book.sheets(), start=1):
        rows = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                row.append(_as_printed(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None, fmt))
            rows.append(row)
        merged = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        blocks += _sheet_blocks(_expand(rows, merged), number, sheet.name)
    return Document(file_name=path.name, file_format="xls", blocks=blocks, page_count=book.nsheets)
