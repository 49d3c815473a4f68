"""PDFs with a text layer: per page, tables (pdfplumber) and the text outside them, in reading order."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from ingest.document import Block, Document, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text


def _page_blocks(page: pdfplumber.page.Page, number: int) -> list[Block]:
    found = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for table in found:
        rows = [[clean_cell(cell or "") for cell in row] for row in table.extract()]
        if any(any(cell for cell in row) for row in rows):
            placed.append((table.bbox[1], Table(rows=rows, page=number)))

    def outside_tables(obj: dict) -> bool:
        return not any(
            t.bbox[0] <= obj["x0"]
            and obj["x1"] <= t.bbox[2]
            and t.bbox[1] <= obj["top"]
            and obj["bottom"] <= t.bbox[3]
            for t in found
        )

    text_page = page.filter(outside_tables) if found else page
    for line in text_page.extract_text_lines(return_chars=False):
        text = clean_text(line["text"])
        if text:
            placed.append((line["top"], Paragraph(text, page=number)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def read(path: Path) -> Document:
    with path.open("rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise UnreadableFile("not a PDF (no %PDF header)")
    try:
        with pdfplumber.open(path) as pdf:
            blocks: list[Block] = []
            for number, page in enumerate(pdf.pages, start=1):
                blocks.extend(_page_blocks(page, number))
            page_count = len(pdf.pages)
    except PDFPasswordIncorrect as exc:
        raise UnreadableFile("encrypted PDF (password required)") from exc
    except (PDFSyntaxError, Exception) as exc:
        if isinstance(exc, UnreadableFile):
            raise
        raise UnreadableFile(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    if not any(isinstance(b, Paragraph | Table) for b in blocks):
        raise UnreadableFile(f"no text layer on any of its {page_count} pages (image-only PDF)")
    return Document(file_name=path.name, file_format="pdf", blocks=blocks, page_count=page_count)
