"""The arithmetic of a 科目 statement's columns and rows (../shared/STATEMENTS.md §2), cell by cell.

A 收入表, 支出表 or 一般公共预算支出表 prints one amount per 科目 and column (合计, 基本支出, 项目支出, or the
income sources): in every column its 合计 row is the sum of the 类 and each 类 or 款 the sum of the levels
below it; in every row its 合计 column is the sum of the part columns. The budget lines carry only a
statement's first column, whose hierarchy the warehouse checks (int_check_function.sql); the other columns,
an income statement's, and the rows are checked here, on the printed cells, at the printed precision
(STATEMENTS.md §3): a difference within the rounding of the figures added is `info`, beyond it `warning`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ingest.extract.budget import _named_after
from ingest.extract.numbers import in_wan, parse_number
from ingest.extract.records import Record, finding
from ingest.extract.statements import Located, catalogue, text_precision
from ingest.normalize import compact

_SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TOTAL_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:本年)?(?:收入|支出)?(?:合计|总计)$")
_TOTAL_COLUMN = re.compile(r"(?:本年)?(?:收入|支出)?合计$")
_SUBTOTAL_COLUMN = re.compile(r"小计$")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、])")


@dataclass(frozen=True)
class Cell:
    amount: Decimal  # in the table's unit; an empty cell is 0
    printed: str
    page: int | None

    @property
    def bound(self) -> Decimal:
        """Half the last printed digit: 0 for an empty cell, which states nothing to round."""
        return text_precision(self.printed) if self.printed else Decimal(0)


@dataclass(frozen=True)
class Row:
    code: str | None  # 科目编码 (3, 5 or 7 digits); None for a row named in words (合计, 一、公共安全支出)
    cells: dict[int, Cell]  # column index → amount
    labels: dict[int, str]  # column index → the words printed there
    total: bool = False  # the 合计/总计 row

    def name(self, column: int) -> str:
        """The row's name as printed left of a column: "204 06 01 行政运行", "合计"."""
        words = [label for i, label in sorted(self.labels.items()) if i < column]
        name = words[-1] if words else ""
        return f"{self.code} {name}" if self.code else name


def check_statement_arithmetic(statements: list[Located], document_id: str) -> list[Record]:
    """Findings of every 科目 statement's columns (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项) and rows (合计 = Σ parts)."""
    findings: dict[tuple, Record] = {}
    for located in statements:
        spec = located.statement
        if spec is None or spec.code not in _SUBJECT_TABLES:
            continue
        headings = _column_headings(located.table.rows)
        rows = list(_rows(located))
        codes = [row.code for row in rows if row.code]
        if len(codes) != len(set(codes)):
            continue  # a 科目 printed over several lines (a PDF's merged cells): its amounts are not in one row
        total = next((i for i, h in sorted(headings.items()) if _TOTAL_COLUMN.search(h)), None)
        broken: set[int] = set()  # rows whose parts are off beyond rounding: one wrong cell is reported once
        for problem in _row_sums(located, rows, headings, total, document_id):
            row = problem.pop("_row")
            if problem["severity"] == "warning":
                broken.add(row)
            findings.setdefault((problem["check_id"], problem["expected"], problem["actual"]), problem)
        for column in sorted(headings):
            # a statement's first column is a budget line, summed in the warehouse, except an income statement's
            if column == total and spec.code != "income":
                continue
            for problem in _column_sums(located, rows, broken, column, headings[column], document_id):
                findings.setdefault((problem["check_id"], problem["expected"], problem["actual"]), problem)
    return list(findings.values())


# the statements printed as 科目 × amount columns
_SUBJECT_TABLES = {"income", "expenditure", "general_public_by_function", "fiscal_by_function", "summary"}


def _column_headings(rows: list[list[str]]) -> dict[int, str]:
    """Each amount column's heading: its lowest header cell ("人员经费" under "基本支出"), compact."""
    first = next((r for r, row in enumerate(rows) if any(parse_number(c) is not None for c in row)), len(rows))
    headings: dict[int, str] = {}
    for row in rows[:first]:
        for i, cell in enumerate(row):
            label = _ENUMERATION.sub("", compact(cell))
            if label and not label.startswith("单位") and parse_number(label) is None:
                headings[i] = label
    amounts = {i for row in rows[first:] for i, c in enumerate(row) if parse_number(c) is not None}
    return {i: h for i, h in headings.items() if i in amounts}


def _rows(located: Located) -> Iterator[Row]:
    """The 科目 rows and 合计 rows of a statement, with their amounts by column."""
    table = located.table
    for r, row in enumerate(table.rows):
        starts = [i for i, c in enumerate(row) if _SUBJECT_CODE.match(c) and _named_after(row, i)]
        if len(starts) > 1:
            continue  # two entries side by side (经济分类 panels): no 功能分类 row
        code, i = None, 0
        if starts:
            code, i = row[starts[0]], starts[0] + 1
            while i < len(row) and len(code) < 7 and re.fullmatch(r"\d{2}", row[i]):
                code += row[i]
                i += 1
        cells = {j: _cell(row[j], table.page_of(r)) for j in range(i, len(row))}
        labels = {j: compact(c) for j, c in enumerate(row) if j >= i and c.strip() and cells[j] is None}
        total = any(_TOTAL_ROW.match(label) for label in labels.values())
        if code or labels:
            yield Row(code, {j: c for j, c in cells.items() if c is not None}, labels, total)


def _cell(printed: str, page: int | None) -> Cell | None:
    """A cell's amount: an empty cell is 0, a cell with words is no amount."""
    if not printed.strip():
        return Cell(Decimal(0), "", page)
    amount = parse_number(printed)
    return None if amount is None else Cell(amount, printed.strip(), page)


def _row_sums(
    located: Located, rows: list[Row], headings: dict[int, str], total: int | None, document_id: str
) -> Iterator[Record]:
    """合计 column = Σ the part columns right of it, in every row, when every one of them is a known part."""
    if total is None:
        return
    parts = [i for i in sorted(headings) if i > total and not _SUBTOTAL_COLUMN.search(headings[i])]
    known = set(catalogue().column_parts)
    if not parts or any(headings[i] not in known for i in parts):
        return
    for n, row in enumerate(rows):
        whole = row.cells.get(total)
        if whole is None or not whole.printed or any(i not in row.cells for i in parts):
            continue
        members = [row.cells[i] for i in parts]
        listed = sum((c.amount for c in members), Decimal(0))
        names = "+".join(headings[i] for i in parts)
        label = row.name(total)
        problem = _sum_finding(
            located, document_id, "row_parts_sum", f"{label}行{headings[total]}", whole, listed, members,
            f"{names}之和",
        )  # fmt: skip
        if problem:
            yield {**problem, "_row": n}


def _column_sums(
    located: Located, rows: list[Row], broken: set[int], column: int, heading: str, document_id: str
) -> Iterator[Record]:
    """合计 = Σ 类, 类 = Σ its 款 (or its 项 when no 款 is printed), 款 = Σ its 项, in one column. A row whose own
    parts do not add up has a wrong cell, which of them unknown: the sums it takes part in are not checked.
    A whole above its parts beyond their rounding may be a table continued on the next page, or hold lines
    that are no 科目 (单位预留机动经费): only parts above the whole, or a rounding apart, are certain."""
    subjects = {row.code: n for n, row in enumerate(rows) if row.code and column in row.cells}
    for n, whole in enumerate(rows):
        if column not in whole.cells or not (whole.total or (whole.code and len(whole.code) < 7)):
            continue
        if whole.code is None:
            members = [m for code, m in subjects.items() if len(code) == 3]
        else:
            members = [m for code, m in subjects.items() if _parent(code, subjects) == whole.code]
        if not members or broken & {n, *members}:
            continue
        children = [rows[m] for m in members]
        members = [row.cells[column] for row in children]
        listed = sum((c.amount for c in members), Decimal(0))
        bound = whole.cells[column].bound + sum((c.bound for c in members), Decimal(0))
        if whole.cells[column].amount - listed > bound:
            continue
        label = whole.name(column)
        level = "类" if whole.code is None else "下级科目"
        problem = _sum_finding(
            located, document_id, "column_parts_sum", f"{heading}列{label}", whole.cells[column], listed, members,
            f"{len(members)}个{level}之和",
        )  # fmt: skip
        if problem:
            yield problem


def _parent(code: str, present: dict[str, int]) -> str | None:
    """The nearest printed level above a 科目: its 款, else its 类."""
    return next((code[:n] for n in (len(code) - 2, len(code) - 4) if n >= 3 and code[:n] in present), None)


def _sum_finding(
    located: Located, document_id: str, check_id: str, what: str, whole: Cell, listed: Decimal, members: list[Cell],
    parts: str,
) -> Record | None:  # fmt: skip
    """The finding of a printed whole against the sum of its printed parts, or None when they agree."""
    difference = abs(whole.amount - listed)
    if not whole.printed or not difference:
        return None
    bound = whole.bound + sum((c.bound for c in members), Decimal(0))
    unit = located.unit
    statement = located.statement.name if located.statement else "表"
    return finding(
        document_id, check_id,
        f"{statement}（第{whole.page}页）{what}印为{whole.printed}{unit}，{parts}为{listed}{unit}，差{difference}{unit}",
        severity="info" if difference <= bound else "warning",
        expected=in_wan(listed, unit), actual=in_wan(whole.amount, unit), page=whole.page,
    )  # fmt: skip
