"""Word documents: paragraphs and tables in document order; merged cells repeat their value.

A table nested in a cell follows its parent table as a table of its own.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ingest.document import Block, Document, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text
from ingest.readers.package import open_package


def _tables(table: DocxTable) -> list[Table]:
    """The table, then the tables nested in its cells (each merged cell visited once)."""
    # row.cells repeats a horizontally or vertically merged cell in every grid position it spans
    rows = [[clean_cell(cell.text) for cell in row.cells] for row in table.rows]
    out = [Table(rows=rows)]
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                for nested in cell.tables:
                    out += _tables(nested)
    return out


def read(path: Path) -> Document:
    open_package(path, ".docx").close()
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise UnreadableFile(f"cannot open .docx: {type(exc).__name__}: {exc}") from exc
    blocks: list[Block] = []
    for item in word.iter_inner_content():
        if isinstance(item, DocxParagraph):
            text = clean_text(item.text)
            if text:
                blocks.append(Paragraph(text))
        elif isinstance(item, DocxTable):
            blocks.extend(_tables(item))
    return Document(file_name=path.name, file_format="docx", blocks=blocks)
