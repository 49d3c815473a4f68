"""PDFs with a text layer: per page, tables (pdfplumber) and the paragraphs outside them, in reading order.

Tables keep every grid position (a merged cell repeats its text in each position it covers), wrapped
cell text is joined, and a table that runs on to the next page is joined to its first part. Lines of
a paragraph wrapped at the right margin are joined back into one paragraph.

A page's characters and drawn lines come from PDFium (`pdfium_page`) in the shapes pdfminer gives, so
pdfplumber's table finder and word grouping run on them without parsing the page in Python; a page PDFium
might read otherwise is parsed by pdfplumber as before.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable

from ingest.document import Block, Document, Note, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text, join_lines
from ingest.readers.pdfium_page import page_objects

DEFAULT_MAX_PAGES = 1000
_PAGE_FURNITURE = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$|^第\s*\d+\s*页(?:\s*[,,]?\s*共\s*\d+\s*页)?$")


def max_pages() -> int:
    return int(os.environ.get("YUSUAN_MAX_PAGES", DEFAULT_MAX_PAGES))


def _grid(table: PlumberTable) -> list[list[str]]:
    """The table's text with merged cells expanded over every row and column they cover.

    pdfplumber puts a cell's text at its top-left grid position and None where a merged cell covers;
    the grid lines are the distinct left and top edges of the cells.
    """
    texts = table.extract()
    cells = [(r, c, bbox) for r, row in enumerate(table.rows) for c, bbox in enumerate(row.cells) if bbox]
    xs = sorted({round(bbox[0], 1) for _, _, bbox in cells})
    ys = sorted({round(bbox[1], 1) for _, _, bbox in cells})
    grid: list[list[str | None]] = [[None] * len(xs) for _ in ys]
    for r, c, (x0, top, x1, bottom) in cells:
        text = clean_cell(texts[r][c] or "")
        # only a cell across more than one grid column or row can hold another cell's corner
        wide = sum(x0 - 0.1 < x < x1 - 0.9 for x in xs) > 1 or sum(top - 0.1 < y < bottom - 0.9 for y in ys) > 1
        if wide and any(x0 < o[0] < x1 - 1 and top < o[1] < bottom - 1 for _, _, o in cells):
            grid[ys.index(round(top, 1))][xs.index(round(x0, 1))] = text
            continue  # a frame drawn around other cells, not a merged cell
        for rr, y in enumerate(ys):
            if top - 1 <= y < bottom - 1:
                for cc, x in enumerate(xs):
                    if x0 - 1 <= x < x1 - 1 and grid[rr][cc] is None:
                        grid[rr][cc] = text
    return [[cell or "" for cell in row] for row in grid]


@dataclass
class _Line:
    top: float
    bottom: float
    chunks: list[tuple[float, float, str]]  # (x0, x1, text) separated by column-wide gaps

    @property
    def x0(self) -> float:
        return self.chunks[0][0]

    @property
    def x1(self) -> float:
        return self.chunks[-1][1]

    @property
    def text(self) -> str:
        return " ".join(text for _, _, text in self.chunks)


def _height(word: dict) -> float:
    return word["bottom"] - word["top"]


def _overlap(a: dict, b: dict) -> float:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])


def _lines(page: Page) -> list[_Line]:
    """Text lines of a page, each split into chunks where a gap is wider than a character."""
    words = sorted(page.extract_words(x_tolerance=1.5, y_tolerance=3), key=lambda w: (w["top"], w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        # same line when the word overlaps the line's first word by half its height: numbers set in
        # another font often sit a few points lower than the text around them
        if rows and _overlap(word, rows[-1][0]) >= 0.5 * min(_height(word), _height(rows[-1][0])):
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = median(w["bottom"] - w["top"] for w in row)
        chunks: list[tuple[float, float, str]] = []
        for word in row:
            if chunks and word["x0"] - chunks[-1][1] < size:
                x0, _, text = chunks[-1]
                chunks[-1] = (x0, word["x1"], f"{text} {word['text']}")
            else:
                chunks.append((word["x0"], word["x1"], word["text"]))
        lines.append(_Line(min(w["top"] for w in row), max(w["bottom"] for w in row), chunks))
    return lines


def _aligned_table(run: list[_Line], page: int) -> Table | None:
    """Lines whose chunks line up in columns (a table printed without ruling lines), as a Table.

    Columns are the x ranges that some chunk covers, separated by gaps no chunk of the run crosses. A
    single-chunk line between two rows is a merged cell printed between the rows it covers: it joins the
    row above.
    """
    spans = sorted((x0, x1) for line in run for x0, x1, _ in line.chunks)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < 2:
        return None
    rows: list[list[str]] = []
    for line in run:
        row = [""] * len(columns)
        for x0, _, text in line.chunks:
            column = next(i for i, (left, right) in enumerate(columns) if left <= x0 <= right)
            row[column] = clean_cell(f"{row[column]} {text}")
        if len(line.chunks) == 1 and rows:
            rows[-1] = [a or b for a, b in zip(rows[-1], row, strict=True)]
        else:
            rows.append(row)
    return Table(rows=rows, page=page)


def _in_table(lines: list[_Line], i: int) -> bool:
    """A line of a table: two or more chunks, or one short chunk between two such lines."""
    if len(lines[i].chunks) >= 2:
        return True
    inside = 0 < i < len(lines) - 1 and len(lines[i - 1].chunks) >= 2 and len(lines[i + 1].chunks) >= 2
    return inside and lines[i].x1 - lines[i].x0 < 0.3 * (lines[i + 1].x1 - lines[i + 1].x0)


def _text_blocks(lines: list[_Line], page: Page, number: int) -> list[tuple[float, Block]]:
    """Runs of 3+ table lines aligned in columns are a table; the other lines are paragraphs."""
    out: list[tuple[float, Block]] = []
    plain: list[_Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _in_table(lines, j):
            j += 1
        table = _aligned_table(lines[i:j], number) if j - i >= 3 else None
        if table:
            out += _paragraphs(plain, page, number)
            plain = []
            out.append((lines[i].top, table))
            i = j
        else:
            plain += lines[i : max(j, i + 1)]
            i = max(j, i + 1)
    return out + _paragraphs(plain, page, number)


def _paragraphs(lines: list[_Line], page: Page, number: int) -> list[tuple[float, Block]]:
    """Join lines that end at the right margin with the line after them."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    # the text's right edge: the widest line's, within the margin that mirrors the left one
    right = min(page.width - left, max(line.x1 for line in lines))
    size = median(line.bottom - line.top for line in lines)
    body = sum(line.x0 <= left + 0.5 * size for line in lines) >= 3  # not a cover of centred titles
    out: list[tuple[float, Block]] = []
    previous: _Line | None = None
    for line in lines:
        text = clean_text(line.text)
        if not text:
            continue
        wrapped = (
            body
            and previous is not None
            and previous.x1 - previous.x0 >= 0.6 * (right - left)
            and previous.x1 >= right - 2.5 * size
            and line.top - previous.bottom < 1.5 * size  # Word exports print 1.5-spaced lines
            and line.x0 <= left + 0.5 * size
        )
        if wrapped and out:
            top, paragraph = out[-1]
            out[-1] = (top, Paragraph(join_lines(paragraph.text, text), page=number))
        else:
            out.append((line.top, Paragraph(text, page=number)))
        previous = line
    return out


def _page_blocks(page: Page, number: int) -> list[Block]:
    found = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for table in found:
        rows = _grid(table)
        if any(any(cell for cell in row) for row in rows):
            placed.append((table.bbox[1], Table(rows=rows, page=number)))

    boxes = [t.bbox for t in found]  # pdfplumber computes a table's bbox from its cells on every access

    def outside_tables(obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = _lines(page.filter(outside_tables) if found else page)
    # text never runs on across a ruled table
    tops = sorted(box[1] for box in boxes)
    groups: list[list[_Line]] = [[] for _ in range(len(tops) + 1)]
    for line in lines:
        groups[sum(line.top > top for top in tops)].append(line)
    for group in groups:
        placed.extend(_text_blocks(group, page, number))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _join_across_pages(blocks: list[Block]) -> list[Block]:
    """A block that starts a page and carries on the last one of the page before is joined to it (the page
    furniture between them dropped): a table of the same width, or a sentence the page break cut."""
    out: list[Block] = []
    for block in blocks:
        previous = next((b for b in reversed(out) if not _is_furniture(b)), None)
        joined = None
        if previous is not None and block.page is not None and _first_on_page(out, block):
            joined = _joined(previous, block, block.page)
        if joined is None:
            out.append(block)
            continue
        while out[-1] is not previous:
            out.pop()  # the page number below the first part
        out[-1] = joined
    return out


_SENTENCE_END = re.compile(r"[。!?:;)]$")
_NUMERAL = "[一二三四五六七八九十]"
_NEW_PARAGRAPH = re.compile(rf"^(?:{_NUMERAL}+、|[(]({_NUMERAL}|\d)+[)]|\d+[.、]|第{_NUMERAL}+部分)")
_STATEMENT_TITLE = re.compile(r"^\d{4}\s*年[^。,;:]{0,40}表")  # "2025年部门财政拨款收支预算总表"


def _joined(previous: Block, block: Block, page: int) -> Block | None:
    """`previous` and `block` (first on `page`) as one, when `block` carries it on from the page before.

    A table continues with the same width, unless it starts with a title of its own (a new statement printed
    right after an empty one). A paragraph continues a paragraph that ended mid-sentence ("…财政拨款基本" /
    "支出预算17123.19万元"), unless it starts a new item.
    """
    if (
        isinstance(block, Table)
        and isinstance(previous, Table)
        and previous.page_of(len(previous.rows) - 1) == page - 1
        and previous.width == block.width
        and not _titled_anew(previous, block)
    ):
        rows = block.rows[1:] if block.rows[0] == previous.rows[0] else block.rows  # repeated header
        row_pages = [previous.page_of(i) or 0 for i in range(len(previous.rows))] + [page] * len(rows)
        return Table(rows=previous.rows + rows, page=previous.page, row_pages=row_pages)
    if (
        isinstance(block, Paragraph)
        and isinstance(previous, Paragraph)
        and previous.page == page - 1
        and not _SENTENCE_END.search(previous.text)
        and not _NEW_PARAGRAPH.match(block.text)
        and not _STATEMENT_TITLE.match(block.text)
        and not _is_furniture(block)
    ):
        return Paragraph(join_lines(previous.text, block.text), page=previous.page)
    return None


def _titled_anew(previous: Table, block: Table) -> bool:
    caption = block.caption
    return "表" in caption and caption != previous.caption


def _is_furniture(block: Block) -> bool:
    return isinstance(block, Paragraph) and bool(_PAGE_FURNITURE.match(block.text))


def _first_on_page(out: list[Block], block: Block) -> bool:
    """Nothing but page furniture precedes `block` on its page."""
    return not any(b.page == block.page and not _is_furniture(b) for b in out)


def _encrypted(exc: BaseException) -> bool:
    while exc is not None:
        if "password" in type(exc).__name__.lower() or "encrypt" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def read(path: Path) -> Document:
    with path.open("rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise UnreadableFile("not a PDF (no %PDF header)")
    blocks: list[Block] = []
    image_only: list[int] = []
    scans: list[int] = []  # pages with no text but an image: read by OCR
    try:
        with pdfplumber.open(path) as pdf:
            page_count = len(pdf.pages)
            if page_count > max_pages():
                raise UnreadableFile(
                    f"{page_count} pages, more than the limit of {max_pages()} (set YUSUAN_MAX_PAGES to raise it)"
                )
            fast = pdfium.PdfDocument(path)
            try:
                for number, page in enumerate(pdf.pages, start=1):
                    fast_page = fast[number - 1]
                    objects = page_objects(fast_page, page.page_obj.resources, page.initial_doctop)
                    fast_page.close()
                    if objects is not None and objects["char"]:
                        page._objects = objects  # pdfplumber's cache of the parsed page: no parsing in Python
                    if not page.chars:  # pdfplumber tells a scan (an image) from an empty page
                        (scans if page.images else image_only).append(number)
                        continue
                    blocks.extend(_page_blocks(page, number))
                    page.close()  # drop the page's cached objects: memory stays flat on long reports
            finally:
                fast.close()
    except UnreadableFile:
        raise
    except Exception as exc:
        if _encrypted(exc):
            raise UnreadableFile("encrypted PDF (a password is needed to open it)") from exc
        raise UnreadableFile(f"corrupt PDF ({type(exc).__name__}: {exc})") from exc
    if page_count == 0 or len(image_only) == page_count:
        raise UnreadableFile(f"no text layer on any of its {page_count} pages (image-only or empty PDF)")
    from ingest.readers import ocr  # which reads pages as this module does: imported here, not at the top

    scanned = ocr.read_pdf_pages(path, scans) if scans else ocr.Scanned()
    if not blocks and not scanned.blocks:
        raise UnreadableFile(f"no text on any of its {page_count} pages: OCR read none from its page images")
    notes = scanned.notes
    if image_only:
        pages = ", ".join(map(str, image_only))
        which = f"pages {pages} have" if len(image_only) > 1 else f"page {pages} has"
        notes.append(Note("image_only_pages", f"{path.name}: {which} no text layer (image-only)", image_only[0]))
    blocks = sorted([*blocks, *scanned.blocks], key=lambda block: block.page or 0)  # scanned pages in place
    return Document(
        file_name=path.name,
        file_format="pdf",
        blocks=_join_across_pages(blocks),
        page_count=page_count,
        notes=notes,
        ocr_pages=scanned.pages,
    )
