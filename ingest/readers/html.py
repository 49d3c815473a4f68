"""Web pages (.html, .htm): tables from `<table>` (rowspan and colspan expanded), paragraphs from the rest.

Government sites publish 三公 说明 and 自评表 as pages in UTF-8, GB2312 or GBK, often with the whole page
laid out in an outer table: only tables that hold no table are data; an outer layout table contributes
its text. A page cut off before its end is read as far as it goes, with a note.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ingest.document import Block, Document, Note, Paragraph, Table, UnreadableFile
from ingest.normalize import clean_cell, clean_text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article", "td", "th"}
_SKIP = {"script", "style", "noscript", "head", "title", "template"}


def decode(data: bytes) -> str:
    """The page's text: its declared charset first (GB2312 read as its superset GB18030), else UTF-8, else GB18030."""
    declared = _CHARSET.search(data[:4096])
    candidates = []
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        candidates.append("gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name)
    candidates += ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableFile("web page is neither UTF-8 nor GB18030 text")


def _span(cell: etree._Element, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), 1000))
    except ValueError:
        return 1


def _grid(table: etree._Element) -> list[list[str]]:
    """Rows × cells; a cell spanning rows or columns repeats its text in every position it covers."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column → (rows still covered, text) from a rowspan above
    for tr in table.iter("tr"):
        if _owner(tr) is not table:
            continue
        row: list[str] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        column = 0
        for cell in cells:
            while column in pending:
                row.append(_take(pending, column))
                column += 1
            text = clean_cell(_cell_text(cell))
            for _ in range(_span(cell, "colspan")):
                if (rowspan := _span(cell, "rowspan")) > 1:
                    pending[column] = (rowspan - 1, text)
                row.append(text)
                column += 1
        while column in pending:
            row.append(_take(pending, column))
            column += 1
        if any(row):
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _take(pending: dict[int, tuple[int, str]], column: int) -> str:
    left, text = pending[column]
    if left > 1:
        pending[column] = (left - 1, text)
    else:
        del pending[column]
    return text


def _owner(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_text(cell: etree._Element) -> str:
    # line breaks inside a cell (<br>, <p>) are kept as "\n" for clean_cell to join
    parts = []
    for node in cell.iter():
        if node.tag in _SKIP:
            continue
        if node is not cell and node.tag in ("br", "p", "div"):
            parts.append("\n")
        if node.text and node.tag not in _SKIP:
            parts.append(node.text)
        if node is not cell and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def read(path: Path) -> Document:
    data = path.read_bytes()
    text = decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"not a readable web page: {exc}") from exc
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        for line in "".join(lines).split("\n"):
            if cleaned := clean_text(line):
                blocks.append(Paragraph(cleaned))
        lines.clear()

    def walk(element: etree._Element) -> None:
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            return
        if element.tag == "table" and not element.xpath(".//table"):
            flush()
            if rows := _grid(element):
                blocks.append(Table(rows=rows))
            return
        if element.tag in _BLOCKS:
            lines.append("\n")
        if element.text:
            lines.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                lines.append(child.tail)
        if element.tag in _BLOCKS:
            lines.append("\n")

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    notes = []
    if not re.search(r"</(?:html|body)\s*>", text[-4096:], re.IGNORECASE):
        notes.append(Note("html_truncated", f"{path.name}: the page ends before </html>: it may have been cut off"))
    if not blocks:
        raise UnreadableFile("web page without text")
    return Document(file_name=path.name, file_format=path.suffix.lower().lstrip("."), blocks=blocks, notes=notes)
