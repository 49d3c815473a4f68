"""The one model every reader produces: a report as ordered paragraphs and tables, each with its page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None  # 1-based; None for formats without pages (.txt, .docx)


@dataclass(frozen=True)
class Table:
    """Rows × cells, every row as wide as the table; merged cells repeat their value in each position."""

    rows: list[list[str]]
    page: int | None = None
    row_pages: list[int] | None = None  # per row, when the table continues across pages

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def page_of(self, row: int) -> int | None:
        return self.row_pages[row] if self.row_pages else self.page

    @property
    def caption(self) -> str:
        """The title printed as the table's first row ("2019年政府采购预算表部门:…"): one value across the
        row, after any empty rows; "" when the table starts with its header."""
        first = next((row for row in self.rows if any(row)), [])
        values = {c for c in first if c}
        return next(iter(values)) if len(values) == 1 else ""


Block = Paragraph | Table


@dataclass(frozen=True)
class Note:
    """Something a reader noticed that loses content (e.g. image-only pages): becomes a finding."""

    check_id: str
    message: str
    page: int | None = None


@dataclass
class Document:
    file_name: str
    file_format: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    notes: list[Note] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages read from their image by OCR

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


class UnreadableFile(Exception):
    """A file that cannot be read as a report; the message says why, for the finding."""

    def __init__(self, reason: str, page: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.page = page
