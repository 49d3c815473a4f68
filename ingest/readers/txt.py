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

_PIPE_ROW = re.compile(r"^[^|]*\|.*\|\s*$|^[^|]+(?:\s\|\s[^|]*){2,}$")  # ends with "|", or 3+ cells
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
    for i, line in enumerate(lines):
        if not line.startswith("\t") and _PIPE_ROW.match(line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > 1:
                end_row()
                rows.append([clean_cell(c) for c in cells])
                prev = "blank"
            elif cells:  # a row of one cell has no columns: a title ("…绩效自评表(2023年度) |") or a note
                end_table()
                blocks.append(Paragraph(clean_text(cells[0])))
                prev = "paragraph"
        elif line.startswith("\t"):
            row.append(line[1:])
            prev = "cell"
        elif not line.strip():
            if line and prev == "cell":
                continue  # whitespace wrapped inside a cell ("　"): the row goes on
            end_row()
            prev = "blank"
        elif prev == "cell":
            row[-1] += line  # wrapped cell
        elif rows and not row and _PARENTHETICAL.match(line.strip()) and _row_goes_on(lines, i + 1):
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


def _row_goes_on(lines: list[str], i: int) -> bool:
    """The next line with text is a cell, with no empty line before it (whitespace-only lines skipped)."""
    while i < len(lines) and lines[i] and not lines[i].strip():
        i += 1
    return i < len(lines) and lines[i].startswith("\t")


def read(path: Path) -> Document:
    return parse(decode(path.read_bytes()), path.name)
