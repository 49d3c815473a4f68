"""A chart's data against the 说明: the bars of a two-year comparison restate the levels the text gives.

A 说明 exported from Word keeps its charts' data as text (a bar chart of 收、支总计 leaves "2023年 2024年
1504.72 1250.14" behind). The text states the same two figures: this year's level and the change from the year
before ("收、支总计均为1250.14万元。与2023年相比，收、支总计各减少254.58万元": 2023 was 1504.72). A chart whose
bar for this year is the text's level but whose bar for the year before is not that level minus the change
prints the prior year's figure differently from the text (../shared/STATEMENTS.md §2, the same figure printed
twice must agree); within the rounding of the figures (§3) it is a rounding slip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from ingest.document import Document, Table
from ingest.extract.numbers import NUMBER, figure
from ingest.extract.records import Record, finding
from ingest.extract.statements import text_precision
from ingest.normalize import compact

_DECIMAL = r"\d[\d,]*\.\d+"
# a chart's data: two years, then one amount for each ("2023年 2024年 1504.72 1250.14", "总收支 2023 2024 …")
_SERIES = re.compile(
    rf"(?<![\d.])(?P<y1>(?:19|20)\d{{2}})年? (?P<y2>(?:19|20)\d{{2}})年? (?P<a1>{_DECIMAL}) (?P<a2>{_DECIMAL})(?![\d.])"
)
# a level and its change from the year before, in one passage of the text
_LEVEL_AND_CHANGE = re.compile(
    rf"(?<![\d.,])(?P<level>{NUMBER})万元[^万%]{{0,40}}?(?:相比|比|较)[^万%\d]{{0,16}}?"
    rf"(?P<direction>增加|减少)了?(?P<change>{NUMBER})万元"
)


def _spaced(text: str) -> str:
    """A layout's text with one space between its words, "2023 年" read as "2023年"."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", re.sub(r"(\d)\s+年", r"\1年", text)).strip()


def check_charts(doc: Document, document_id: str, fiscal_year: int | None) -> list[Record]:
    """Each two-year chart series whose bar for this year is a level of the text, against that level's change."""
    if fiscal_year is None:
        return []
    priors: dict[Decimal, dict[Decimal, str]] = {}  # this year's level → the prior levels the text gives it
    for paragraph in doc.paragraphs:
        for stated in _LEVEL_AND_CHANGE.finditer(compact(paragraph.text)):
            level, change = figure(stated.group("level")), figure(stated.group("change"))
            prior = level + change if stated.group("direction") == "减少" else level - change
            priors.setdefault(level, {}).setdefault(prior, stated.group(0))
    if not priors:
        return []
    findings: dict[tuple, Record] = {}
    for text, page in _texts(doc):
        for series in _SERIES.finditer(text):
            bars = {int(series.group("y1")): series.group("a1"), int(series.group("y2")): series.group("a2")}
            if set(bars) != {fiscal_year, fiscal_year - 1}:
                continue
            now, before = bars[fiscal_year], bars[fiscal_year - 1]
            given = priors.get(figure(now), {})
            if not given:
                continue
            prior, quote = min(given.items(), key=lambda item: abs(figure(before) - item[0]))
            difference = abs(figure(before) - prior)
            if difference == 0:
                continue
            bound = text_precision(before) * 3  # the bar, the level and the change, each rounded
            findings.setdefault(
                (figure(before), prior),
                finding(
                    document_id, "chart_differs_from_text",
                    f"图表数据“{series.group(0)}”：{fiscal_year - 1}年为{before}万元，而说明“{quote}”"
                    f"（本年{now}万元及其增减）给出{fiscal_year - 1}年为{prior}万元，相差{difference}万元",
                    severity="info" if difference <= bound else "warning", expected=prior, actual=before,
                    page=page,
                ),
            )  # fmt: skip
    return list(findings.values())


def _texts(doc: Document) -> Iterator[tuple[str, int | None]]:
    """Each paragraph, and each table row with its cells joined: a chart's data may come out as either."""
    for block in doc.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                yield _spaced(" ".join(c for c in row if c)), block.page_of(r)
        else:
            yield _spaced(block.text), block.page
