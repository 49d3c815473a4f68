"""Word documents: paragraphs and tables in document order; merged cells repeat their value."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ingest.document import Block, Document, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text


def read(path: Path) -> Document:
    if not zipfile.is_zipfile(path):
        raise UnreadableFile("not a .docx file (not a zip package)")
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise UnreadableFile(f"cannot open .docx: {exc}") from exc
    blocks: list[Block] = []
    for item in word.iter_inner_content():
        if isinstance(item, DocxParagraph):
            text = clean_text(item.text)
            if text:
                blocks.append(Paragraph(text))
        elif isinstance(item, DocxTable):
            # row.cells repeats a horizontally or vertically merged cell in every grid position it spans
            rows = [[clean_cell(cell.text) for cell in row.cells] for row in item.rows]
            blocks.append(Table(rows=rows))
    return Document(file_name=path.name, file_format="docx", blocks=blocks)
