"""Text exports of reports.

Convention (as in the corpus seeds): a line starting with TAB is a table cell; cells of one row follow
each other and rows are separated by a blank line; a line without TAB right after a cell continues that
cell (a wrapped cell); any other line is a paragraph, and ends the table.

Web-page exports print a table row per line with cells between "|" ("产出指标 | 数量指标 | … |"): such
lines are rows too, their trailing empty cells (merged cells' leftovers) dropped; a row of one cell is a
paragraph (a form's title, a note).
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.document import Block, Document, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text

_PIPE_ROW = re.compile(r"^.*\|\s*$|^[^|]+(?:\s\|\s[^|]*){2,}$")  # ends with "|", or 3+ cells
_FORM_HEADER = re.compile(r"^(?:三级指标|年初预算数?)$")
_FORM_TITLE = re.compile(r"(?:自评表|决算表|预算表)(?:\((?:19|20)\d{2}年度\))?$")
# the cells that begin a row of a 项目支出绩效自评表 (national and Sichuan 0013zp layouts)
_ROW_START = re.compile(
    r"^(?:报表编号|项目(?:支出)?名称|主管部门|项目基本情况|\d\.项目|预算执行情况|项目资金|年度资金总额|总额|其中[:：]"
    r"|上年结转资金|财政专户管理资金|单位资金|其他资金|年度总体目标|绩效指标|(?:产出|效益|满意度|成本)指标(?:\(\d+分\))?$"
    r"|合计$|总分$|评价结论|存在问题|改进措施|项目负责人|财务负责人)"
)
_PARENTHETICAL = re.compile(r"^[(（][^()（）]{1,10}[)）]$")  # a score tag such as (50分)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("text is neither UTF-8 nor GB18030")


def parse(text: str, file_name: str = "") -> Document:
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row: list[str] = []
    prev = "blank"  # kind of the previous line: blank | cell | paragraph

    def end_row() -> None:
        nonlocal row
        if row:
            rows.append([clean_cell(c) for c in row])
            row = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            blocks.append(Table(rows=rows))
            rows = []

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("\t") and _PIPE_ROW.match(line):
            end = i
            while end < len(lines) and not lines[end].startswith("\t") and _PIPE_ROW.match(lines[end]):
                end += 1
            end_table()
            blocks.extend(_pipe_blocks(lines[i:end]))
            i, prev = end, "paragraph"
            continue
        i += 1
        if line.startswith("\t"):
            row.append(line[1:])
            prev = "cell"
        elif not line.strip():
            if line and prev == "cell":
                continue  # whitespace wrapped inside a cell ("　"): the row goes on
            end_row()
            prev = "blank"
        elif prev == "cell":
            row[-1] += line  # wrapped cell
        elif rows and not row and _PARENTHETICAL.match(line.strip()) and _row_goes_on(lines, i):
            # a cell with a blank line inside ("产出指标" / "" / "(50分)"): the row goes on
            row = rows.pop()
            row[-1] += line.strip()
            prev = "cell"
        else:
            end_table()
            paragraph = clean_text(line)
            if paragraph:
                blocks.append(Paragraph(paragraph))
            prev = "paragraph"
    end_table()
    return Document(file_name=file_name, file_format="txt", blocks=blocks)


def _pipe_blocks(lines: list[str]) -> list[Block]:
    """Consecutive "|" lines: a row per line; a row of one cell is a paragraph (a title, a note). A form
    flattened to one cell per line ("项目名称 |", "|", …) is put back into rows where its template's rows start.
    """
    cells_per_line = [[c.strip() for c in line.strip().removesuffix("|").split("|")] for line in lines]
    flat = all(len(cells) == 1 for cells in cells_per_line)
    if flat and any(_FORM_HEADER.match(cells[0]) for cells in cells_per_line):
        return _tables_between_paragraphs(_reflow([clean_cell(cells[0]) for cells in cells_per_line]))
    items: list[str | list[str]] = []
    for cells in cells_per_line:
        while cells and not cells[-1]:
            cells.pop()  # trailing empty cells: leftovers of merged cells
        if len(cells) > 1:
            items.append([clean_cell(c) for c in cells])
        elif cells:
            items.append(clean_text(cells[0]))
    return _tables_between_paragraphs(items)


def _reflow(cells: list[str]) -> list[str | list[str]]:
    """A flattened 自评表: a new row at each cell that starts one in the template; titles stay paragraphs."""
    items: list[str | list[str]] = []
    for cell in cells:
        if _FORM_TITLE.search(cell):
            items.append(cell)
        elif items and isinstance(items[-1], list) and not _ROW_START.match(cell):
            items[-1].append(cell)
        else:
            items.append([cell])
    return items


def _tables_between_paragraphs(items: list[str | list[str]]) -> list[Block]:
    """Paragraphs (str) and rows (list): consecutive rows are one table."""
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, str):
            blocks.append(Paragraph(item))
        elif blocks and isinstance(blocks[-1], Table):
            blocks[-1].rows.append(item)
        else:
            blocks.append(Table(rows=[item]))
    return blocks


def _row_goes_on(lines: list[str], i: int) -> bool:
    """The next line with text is a cell, with no empty line before it (whitespace-only lines skipped)."""
    while i < len(lines) and lines[i] and not lines[i].strip():
        i += 1
    return i < len(lines) and lines[i].startswith("\t")


def read(path: Path) -> Document:
    return parse(decode(path.read_bytes()), path.name)
