"""The 预算/决算 statements of a report, recognised by the catalogue (ingest/catalogue/statements.yaml).

Each table of a report is located: which standard statement it is (by its title, printed as its caption
row or in the lines above it on its page) and the money unit it states (in its first rows, its title or
those lines). The knowledge of a template lives in the catalogue; this module only reads it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

import yaml

from ingest.document import Document, Paragraph, Table
from ingest.extract.tables import has_year_measure_header, merged_once
from ingest.normalize import compact

_ABOVE = 3  # lines printed above a table that may be its title and unit line
_TITLE_LINE = re.compile(r"^[^。;!?]{1,80}$")  # a title or a unit line, not a sentence


@dataclass(frozen=True)
class Statement:
    """A catalogue entry: one standard 公开表."""

    code: str
    name: str
    titles: tuple[re.Pattern[str], ...]
    statement: str  # the mart's `statement` code for its figures
    scope: str  # all or fiscal
    reads: str  # all, total or none
    total_line: str | None = None  # the canonical line its 合计 row is
    total_column: str = "first"  # which figure of that row: first (the 合计 column) or last
    bottom_line: str | None = None  # the line its last total row is, whatever its label
    needs_note_when_empty: bool = False  # published even when empty, then with a note saying so


@dataclass(frozen=True)
class Catalogue:
    statements: tuple[Statement, ...]
    line_names: dict[str, str]  # a cell's text (compact) → canonical line
    unit_phrase: re.Pattern[str]
    default_unit: str
    identities: tuple[dict, ...]  # total = Σ parts, each within one statement
    column_parts: tuple[str, ...] = ()  # the column headings that add up to a 科目 statement's 合计 column
    cross_identities: tuple[dict, ...] = ()  # total = Σ parts, its figures from any statements (confirmation only)
    same_figures: tuple[dict, ...] = ()  # two lines that print one figure where they agree (confirmation only)

    def identify(self, title: str) -> Statement | None:
        return next((s for s in self.statements if any(p.search(title) for p in s.titles)), None)


@functools.cache
def catalogue() -> Catalogue:
    data = yaml.safe_load(resources.files("ingest").joinpath("catalogue/statements.yaml").read_text("utf-8"))
    statements = tuple(
        Statement(
            code=entry["code"],
            name=entry["name"],
            titles=tuple(re.compile(t) for t in entry["titles"]),
            statement=entry["statement"],
            scope=entry["scope"],
            reads=entry["reads"],
            total_line=(entry.get("total") or {}).get("line"),
            total_column=(entry.get("total") or {}).get("column", "first"),
            bottom_line=entry.get("bottom_line"),
            needs_note_when_empty=entry.get("empty", "") == "with_note",
        )
        for entry in data["statements"]
    )
    units = data["units"]
    return Catalogue(
        statements, data["line_names"], re.compile(units["phrase"]), units["default"], tuple(data["identities"]),
        tuple(data.get("column_parts") or ()), tuple(data.get("cross_identities") or ()),
        tuple(data.get("same_figures") or ()),
    )  # fmt: skip


@dataclass(frozen=True)
class Located:
    """A table of the report as a statement: what it is, its title and the unit it states."""

    table: Table
    title: str  # compact: the caption row and the title lines above it
    statement: Statement | None
    printed_unit: str | None  # None: the table states no unit anywhere

    @property
    def unit(self) -> str:
        return self.printed_unit or catalogue().default_unit


def _is_form(table: Table) -> bool:
    """A 基础数据表 or a 自评表: read by their own extractors, never as statements."""
    cells = {compact(c) for row in table.rows for c in row}
    return has_year_measure_header(table.rows) or bool(cells & {"三级指标", "年初预算数", "年初预算"})


def locate(doc: Document) -> list[Located]:
    """The statement tables of a document, in order, each with what the catalogue knows of it."""
    known = catalogue()
    located, above = [], []
    page = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.page != page:
                above, page = [], block.page
            text = compact(block.text)
            above = [*above, text][-_ABOVE:] if _TITLE_LINE.match(text) else []
            continue
        lines = above if block.page == page else []
        above, page = [], block.page
        if _is_form(block):
            continue
        title = compact(block.caption) + "".join(lines)
        head = "".join(compact(c) for row in block.rows[:3] for c in dict.fromkeys(row))
        # a unit line the PDF split over two rows of one column ("单位:万" / "元") reads down the column
        columns = (
            "".join(merged_once([compact(r[i]) for r in block.rows[:4] if i < len(r)])) for i in range(block.width)
        )
        unit = known.unit_phrase.search(head) or known.unit_phrase.search(title)
        unit = unit or next((m for c in columns if (m := known.unit_phrase.search(c))), None)
        located.append(Located(block, title, known.identify(title), unit.group(1) if unit else None))
    return located


def text_precision(raw: str) -> Decimal:
    """Half the last printed digit of a figure as printed ("9,101.68万元" → 0.005): the rounding bound."""
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", raw)
    decimals = len(number.group(1) or "") if number else 0
    return Decimal(1).scaleb(-decimals) / 2
