"""Per-document plausibility: a document whose facts cannot be right is quarantined, not published.

A misread report (statements in 元 read as 万元, 绩效目标 pages read as a score sheet) must not stop the
warehouse, nor put its figures beside good ones. Its facts are held back (loaded into `quarantine.*`
instead of `raw.*`), the document stays in dim_document with extraction_status 'quarantined', and a
finding names the value, the page and the check. The warehouse's own integrity is the gates' business.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingest.extract.records import Record, finding

Tables = dict[str, list[Record]]
FACT_TABLES = ("sangong", "budget_line", "evaluation", "indicator", "headcount", "target")


@dataclass(frozen=True)
class Bound:
    table: str
    column: str
    low: Decimal
    high: Decimal
    check_id: str
    message: str  # what a value beyond the bound means: {value}, and {name} of the fact


# One department's figures, whatever its size: beyond these a unit, a column or a form was misread.
LINE_LIMIT_WAN = Decimal(10_000_000)  # 1,000 亿元
BOUNDS = (
    Bound("budget_line", "amount_wan", -LINE_LIMIT_WAN, LINE_LIMIT_WAN, "amount_implausible",
          "budget line {name} of {value} 万元 is beyond 1,000 亿元 for one department: a unit misread (元 as 万元?)"),
    Bound("sangong", "amount_wan", Decimal(0), Decimal(10_000), "amount_implausible",
          "三公 {name} of {value} 万元 is beyond 1 亿元 a year for one department: a unit misread (元 as 万元?)"),
    *(Bound("evaluation", column, Decimal(0), LINE_LIMIT_WAN, "amount_implausible",
            f"{label} of {{value}} 万元 is beyond 1,000 亿元 for one evaluated scope: a unit misread")
      for column, label in (("initial_budget_wan", "年初预算"), ("adjusted_budget_wan", "全年预算"),
                            ("actual_wan", "执行数"))),
    Bound("evaluation", "total_score", Decimal(0), Decimal(120), "score_above_maximum",
          "total score {value} is above any maximum (100, plus bonus points): not a score sheet, or a column misread"),
    Bound("evaluation", "execution_rate_reported", Decimal(0), Decimal(10), "percentage_implausible",
          "execution rate {value} is beyond 1000 %"),
    Bound("indicator", "weight", Decimal(0), Decimal(100), "score_above_maximum",
          "indicator {name} weighs {value}, more than the whole form (100): amounts read as weights"),
    Bound("indicator", "score", Decimal(-100), Decimal(100), "score_above_maximum",
          "indicator {name} scores {value}, more than the whole form (100): amounts read as scores"),
    Bound("headcount", "headcount", Decimal(0), Decimal(100_000), "headcount_implausible",
          "headcount {name} of {value} is more than 100,000 staff in one department"),
    Bound("document", "self_eval_score", Decimal(0), Decimal(100), "score_above_maximum",
          "self-evaluation score {value} is above 100"),
)  # fmt: skip
_NAMES = {  # the columns that name a fact in a finding
    "budget_line": ("line_code", "measure", "fiscal_year"),
    "sangong": ("category", "measure", "fiscal_year"),
    "indicator": ("level3",),
    "headcount": ("metric",),
}
EARLIEST_YEAR = 2000
# a figure printed in a statement and restated in the text that differs by this factor: 元 read as 万元
UNIT_FACTOR = Decimal(10_000)
SHOWN_PER_CHECK = 10  # findings per check and document; the summary finding counts them all


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _where(record: Record) -> str:
    return f"page {record['page']}" if record.get("page") else "no page"


def _beyond_bounds(tables: Tables) -> Iterator[Record]:
    document_id = tables["document"][0]["document_id"]
    for bound in BOUNDS:
        for record in tables[bound.table]:
            value = _decimal(record.get(bound.column))
            if value is None or bound.low <= value <= bound.high:
                continue
            name = " ".join(str(record[k]) for k in _NAMES.get(bound.table, ()) if record.get(k) is not None)
            printed = f", printed {raw}" if (raw := record.get("value_raw")) else ""
            yield finding(
                document_id,
                bound.check_id,
                f"{bound.message.format(name=name, value=f'{value.normalize():f}')} ({_where(record)}{printed})",
                expected=f"{bound.low}..{bound.high}",
                actual=value,
                page=record.get("page"),
            )


def _years(tables: Tables) -> Iterator[Record]:
    document_id = tables["document"][0]["document_id"]
    latest = datetime.date.today().year + 1
    for table in ("document", "budget_line", "sangong"):
        for record in tables[table]:
            year = record.get("fiscal_year")
            if year is not None and not EARLIEST_YEAR <= int(year) <= latest:
                yield finding(
                    document_id,
                    "year_implausible",
                    f"fiscal year {year} ({table}, {_where(record)}) is not a year of a published report",
                    expected=f"{EARLIEST_YEAR}..{latest}",
                    actual=year,
                    page=record.get("page"),
                )


def _unit_slips(tables: Tables) -> Iterator[Record]:
    """The same line, year and measure printed in a table and in the text, 10,000 times apart."""
    document_id = tables["document"][0]["document_id"]
    for table, key in (("budget_line", ("line_code", "measure", "fiscal_year")),
                       ("sangong", ("category", "measure", "fiscal_year"))):  # fmt: skip
        text: dict[tuple, Record] = {}
        for record in tables[table]:
            if record.get("source") == "text":
                text.setdefault(tuple(record[k] for k in key), record)
        for record in tables[table]:
            stated = text.get(tuple(record[k] for k in key))
            if record.get("source") != "table" or stated is None:
                continue
            read, restated = _decimal(record["amount_wan"]), _decimal(stated["amount_wan"])
            if not read or not restated:
                continue
            ratio = abs(read / restated)
            if UNIT_FACTOR / 2 <= ratio <= UNIT_FACTOR * 2:
                yield finding(
                    document_id,
                    "unit_misread",
                    f"{' '.join(str(record[k]) for k in key)} reads {read} 万元 in the statement ({_where(record)}), "
                    f"{ratio:.0f} times the text's {restated} 万元 ({_where(stated)}): the statement's unit (元?) "
                    "was misread",
                    expected=restated,
                    actual=read,
                    page=record.get("page"),
                )


def screen(tables: Tables) -> Tables:
    """The document's tables, quarantined when any fact is implausible (a finding per failed check)."""
    if tables["document"][0].get("extraction_status") == "failed":
        return tables
    problems = [*_beyond_bounds(tables), *_years(tables), *_unit_slips(tables)]
    if not problems:
        return tables
    document = tables["document"][0] | {"extraction_status": "quarantined"}
    score = _decimal(document.get("self_eval_score"))
    if score is not None and not 0 <= score <= 100:
        document["self_eval_score"] = document["self_eval_grade"] = None  # the finding keeps the value read
    year = document.get("fiscal_year")
    if year is not None and not EARLIEST_YEAR <= int(year) <= datetime.date.today().year + 1:
        document["fiscal_year"] = None
    others = len(problems) - 1
    more = f" (and {others} more implausible {'fact' if others == 1 else 'facts'})" if others else ""
    summary = finding(
        document["document_id"],
        "document_quarantined",
        f"{document['file_name']}: quarantined, its facts held back: {problems[0]['message']}{more}",
        page=problems[0]["page"],
    )
    per_check: Counter[str] = Counter()
    kept = []
    for problem in problems:
        per_check[problem["check_id"]] += 1
        if per_check[problem["check_id"]] <= SHOWN_PER_CHECK:
            kept.append(problem)
    return tables | {"document": [document], "finding": [*tables["finding"], summary, *kept]}
