"""Derived figures a 说明 prints, recomputed from the levels it states (../shared/STATEMENTS.md §2–3).

增长/下降 Y% = change / prior, 占 Z% = part / whole, 完成预算的 W% = 决算 / 预算. A printed percentage that
differs from the face-value result is a finding; its severity comes from the printed precision: `info` when
some value within the rounding bound of the printed levels gives it (rounded or truncated), `warning`
beyond that bound. A percentage of a zero base ("增长100%" on a new item, "完成预算的0%" of no budget) has no
value at all and is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ingest.document import Document
from ingest.extract.budget import line_of
from ingest.extract.numbers import NUMBER, figure
from ingest.extract.records import Record, finding
from ingest.extract.sangong import category_of
from ingest.extract.statements import text_precision
from ingest.normalize import compact

# a level, not a change ("减少0.29万元" is a change)
_LEVEL = re.compile(rf"(?<!增加)(?<!减少)(?<!降低)(?<!增长)(?<!下降)(?<!节约)(?<![\d.,])({NUMBER})万元")
_CHANGE = re.compile(
    rf"(增加|减少)了?({NUMBER})万元[,]?(?:[^,;。%\d]{{0,6}})?(增长|下降|减少|增加|降低|增幅|降幅)了?({NUMBER})%"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
# two levels and the rate between them: "2025年当年预算执行数为1690.69万元,2026年预算安排1434.89万元,比2025年预算
# 执行数减少1.10%"
_RELATIVE = re.compile(
    rf"(?P<first>[^,;。]{{0,16}}?)(?P<a>{NUMBER})万元,(?P<second>[^,;。]{{0,16}}?)(?P<b>{NUMBER})万元,"
    rf"比(?P<base>[^,;。]{{2,16}}?)(?P<direction>增加|减少|增长|下降)(?P<pct>{NUMBER})%"
)
_SHARE = re.compile(rf"({NUMBER})万元[,]?占(?P<whole>[^,;。%\d]{{0,16}}?)的?(?P<pct>{NUMBER})%")
# the line a share is of, printed right before its amount ("一般公共服务支出902.84万元，占72.22%")
_SHARE_LINE = re.compile(r"([\u4e00-\u9fff()]{2,20})$")
# a share printed as a chart's label, without its amount ("一般公共服务支出, 75.31%" beside a pie)
_SHARE_LABEL = re.compile(rf"(?P<name>[\u4e00-\u9fff()]{{2,30}}),(?P<pct>{NUMBER})%")
# a 三公 category's completion, its budget printed in the table: "因公出国(境)费决算为0.00万元,完成预算的0%"
_CATEGORY_COMPLETION = re.compile(
    rf"(?P<name>[\u4e00-\u9fff()]{{2,20}}?)(?:支出)?决算(?:数)?为(?P<actual>{NUMBER})万元,完成(?:年初)?预算的(?P<pct>{NUMBER})%"
)
# nothing spent, yet a share of the budget completed: "公务接待费支出0万元，完成预算100%"
_NOTHING_SPENT = re.compile(rf"(?:支出|决算)(?:数)?为?0(?:\.0+)?万元[,]*完成(?:年初)?预算的?(?P<pct>{NUMBER})%")
_COMPLETION = re.compile(
    rf"(?:年初)?预算(?:数)?为({NUMBER})万元[,]?[^。;]{{0,20}}?决算(?:数)?为({NUMBER})万元[,]?完成(?:年初)?预算的({NUMBER})%"
)


def _places(printed: str) -> int:
    return len(printed.partition(".")[2])


def severity(printed: str, face: Decimal, low: Decimal, high: Decimal) -> str | None:
    """None when the printed percentage is the face value; `info` when a value within [low, high] gives it
    rounded or truncated; `warning` beyond."""
    places = _places(printed)
    step = Decimal(1).scaleb(-places)
    value = figure(printed)
    if face.quantize(step, ROUND_HALF_UP) == value:
        return None
    rounded = value - step / 2 <= high and value + step / 2 >= low
    truncated = value <= high and value + step > low
    return "info" if rounded or truncated else "warning"


def _stated(face: Decimal, printed: str) -> Decimal:
    """The recomputed percentage as a finding states it: to the printed digits, and at least to 0.01."""
    return face.quantize(Decimal(1).scaleb(-max(_places(printed), 2)), ROUND_HALF_UP)


def _difference(printed: str, face: Decimal) -> str:
    step = Decimal(1).scaleb(-_places(printed))
    return f"{abs(face.quantize(step, ROUND_HALF_UP) - figure(printed))}"


def _quotient(num: Decimal, num_bound: Decimal, den: Decimal, den_bound: Decimal) -> tuple[Decimal, ...]:
    """num / den in %, and its lowest and highest value with each figure off by its rounding bound."""
    high = (num + num_bound) / (den - den_bound) * 100 if den > den_bound else Decimal("Infinity")
    return num / den * 100, (num - num_bound) / (den + den_bound) * 100, high


def _mismatch(
    document_id: str, check_id: str, quote: str, basis: str, printed: str, face: Decimal, level: str | None,
    page: int | None,
) -> Iterator[Record]:  # fmt: skip
    """The finding of a printed percentage at `level` (None: it is right): "“quote”：{basis}应为X%，印为Y%"."""
    if level:
        computed = _stated(face, printed)
        yield finding(
            document_id, check_id,
            f"“{quote}”：{basis}应为{computed}%，印为{printed}%（差{_difference(printed, face)}个百分点）",
            severity=level, expected=computed, actual=printed, page=page,
        )  # fmt: skip


def _zero_base(document_id: str, quote: str, basis: str, printed: str, page: int | None) -> Record:
    """A percentage printed of a zero base: "“quote”：{basis}无从计算，却印为Y%"."""
    message = f"“{quote}”：{basis}无从计算，却印为{printed}%"
    return finding(document_id, "percent_from_zero_base", message, actual=printed, page=page)


def _levels(budget_lines: list[Record], fiscal_year: int | None) -> dict[str, str]:
    """Each canonical line of the report's year as printed in 万元: the whole a share names ("占本年支出合计的
    99.94%"). Of two amounts (two scopes: all funds, 财政拨款), the larger is the line's whole."""
    levels: dict[str, tuple[Decimal, str]] = {}
    for record in budget_lines:
        number = re.search(NUMBER, record["value_raw"] or "")
        if record["fiscal_year"] != fiscal_year or record["line_code"][0].isdigit() or not number:
            continue
        printed = number.group().replace(",", "")
        in_wan = Decimal(printed) == record["amount_wan"]
        candidate = (record["amount_wan"], printed if in_wan else str(record["amount_wan"]))
        levels[record["line_code"]] = max(levels.get(record["line_code"], candidate), candidate)
    return {code: printed for code, (_, printed) in levels.items()}


def check_derived(
    doc: Document, document_id: str, fiscal_year: int | None = None, budget_lines: list[Record] | None = None,
    sangong: list[Record] | None = None,
) -> list[Record]:  # fmt: skip
    levels = _levels(budget_lines or [], fiscal_year)
    tabled = _tabled(budget_lines or [], fiscal_year)
    budgets = {r["category"]: r for r in sangong or [] if r["measure"] == "budget" and r["fiscal_year"] == fiscal_year}
    findings: dict[tuple, Record] = {}
    stated: dict[str, StatedShare] = {}  # each line's share as its amounts give it, for the charts' labels
    whole: str | None = None  # the total a list of parts is of ("…合计X万元，其中：" then one part per line)
    previous = ""
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        page = paragraph.page
        shares = list(_SHARE.finditer(text))
        problems = [
            *_growth(text, document_id, fiscal_year, page),
            *_relative(text, document_id, page, tabled),
            *_shares(text, shares, whole, levels, document_id, page, stated),
            *_completion(text, document_id, page),
            *_category_completion(text, budgets, document_id, page),
            *_nothing_spent(text, document_id, page),
        ]
        # a list of parts continues in the next paragraphs after a paragraph that ends with its 其中; a page
        # number or a running head between two parts does not end it, a new amount does
        if re.search(rf"(?:{_LIST.pattern})[:]?$", text):
            # "…本年支出预算合计15897.44" / "万元,其中:": a figure and its unit broken over two lines
            whole = _whole(previous + text, len(previous + text))
        elif not shares and "万元" in text:
            whole = None
        previous = text
        for problem in problems:
            # the same sentence printed twice in a report is one finding
            findings.setdefault((problem["check_id"], problem["message"]), problem)
    # a chart's labels come out of a layout as lines of text or as the cells of a table
    labels = [(paragraph.text, paragraph.page) for paragraph in doc.paragraphs] + [
        (cell, table.page_of(r)) for table in doc.tables for r, row in enumerate(table.rows) for cell in row
    ]
    for text, page in labels:
        for problem in _share_labels(compact(text), stated, document_id, page):
            findings.setdefault((problem["check_id"], problem["message"]), problem)
    return list(findings.values())


def _growth(text: str, document_id: str, fiscal_year: int | None, page: int | None) -> Iterator[Record]:
    """ "…1250.14万元。…减少254.58万元，减少16.92%": the change over the prior level (this year ∓ the change),
    or over the level itself when the text names it as the prior year's ("(2016年度…为8,648.07万元)")."""
    for change in _CHANGE.finditer(text):
        before = list(_LEVEL.finditer(text[: change.start()]))
        if not before:
            continue
        raw_level, raw_delta, printed = before[-1].group(1), change.group(2), change.group(4)
        level, delta = figure(raw_level), figure(raw_delta)
        sign = 1 if change.group(1) == "增加" else -1
        years = _YEAR.findall(text[max(0, before[-1].start() - 30) : before[-1].start()])
        if fiscal_year is not None and years and int(years[-1]) == fiscal_year - 1:
            level, raw_level = level + sign * delta, f"{level + sign * delta}"
        prior = level - sign * delta
        if prior == 0:
            if delta or figure(printed):
                yield _zero_base(document_id, change.group(0), "上年为0，增长率", printed, page)
            continue
        if prior < 0:
            continue
        pl, pd = text_precision(raw_level), text_precision(raw_delta)
        face = delta / prior * 100
        low = (delta - pd) / (level + pl - sign * (delta - pd)) * 100
        high = (delta + pd) / (level - pl - sign * (delta + pd)) * 100
        if level - pl - sign * (delta + pd) <= 0:
            high = Decimal("Infinity")
        yield from _mismatch(
            document_id, "yoy_percent_mismatch", change.group(0), f"本年{raw_level}万元、上年{prior}万元，变动率",
            printed, face, severity(printed, face, min(low, high), max(low, high)), page,
        )  # fmt: skip


def _tabled(budget_lines: list[Record], fiscal_year: int | None) -> Callable[[str], bool]:
    """Whether a level the 说明 prints (in 万元) is an amount of the report's year in its statements."""
    amounts = {r["amount_wan"] for r in budget_lines if r["source"] == "table" and r["fiscal_year"] == fiscal_year}

    def printed_in_a_table(raw: str) -> bool:
        level, bound = figure(raw), text_precision(raw)
        return any(abs(level - amount) <= bound for amount in amounts)

    return printed_in_a_table


def _relative(
    text: str, document_id: str, page: int | None, tabled: Callable[[str], bool] = lambda raw: False
) -> Iterator[Record]:
    """Two levels, then the rate of one over the other that the text names as the base ("比2025年预算执行数").
    When the item's own amount printed before differs from the level here, the level its statements print is
    the item's: the rate is recomputed from it."""
    for match in _RELATIVE.finditer(text):
        base = match.group("base").replace("当年", "")
        labels = {side: match.group(side).replace("当年", "").removesuffix("为") for side in ("first", "second")}
        sides = [side for side, label in labels.items() if label and (base in label or label in base)]
        if len(sides) != 1:
            continue
        raw_base, raw_level = (match.group("a"), match.group("b")) if sides == ["first"] else match.group("b", "a")
        printed = match.group("pct")
        if figure(raw_base) == 0:
            yield _zero_base(document_id, match.group(0), "基数为0，变动率", printed, page)
            continue
        sign = 1 if match.group("direction") in ("增加", "增长") else -1
        level_of_severity, face = _rate(raw_level, raw_base, printed, sign)
        if level_of_severity == "warning":
            # the item's own amount printed before ("…(项)350.35万元。…预算安排352.67万元，比…增加0.53%"): when the
            # rate fits it, the level was printed twice differently
            own = _LEVEL.findall(text[: match.start()])
            if own and own[-1] != raw_level and _rate(own[-1], raw_base, printed, sign)[0] != "warning":
                yield finding(
                    document_id, "level_stated_twice_differently",
                    f"“{match.group(0)}”：the item is {own[-1]}万元 (its rate {printed}% fits that), "
                    f"but {raw_level}万元 here",
                    expected=own[-1], actual=raw_level, page=page,
                )  # fmt: skip
                continue
            if own and own[-1] != raw_level and tabled(own[-1]) and not tabled(raw_level):
                # the rate fits neither: the item's two amounts contradict each other, and the rate is the one
                # of the amount its statements confirm
                yield finding(
                    document_id, "level_stated_twice_differently",
                    f"“{match.group(0)}”：the item is {own[-1]}万元 (as its statements print it), "
                    f"but {raw_level}万元 here",
                    expected=own[-1], actual=raw_level, page=page,
                )  # fmt: skip
                raw_level = own[-1]
                level_of_severity, face = _rate(raw_level, raw_base, printed, sign)
        basis = f"从{raw_base}万元到{raw_level}万元，{match.group('direction')}"
        yield from _mismatch(
            document_id, "yoy_percent_mismatch", match.group(0), basis, printed, face, level_of_severity, page
        )


def _rate(raw_level: str, raw_base: str, printed: str, sign: int) -> tuple[str | None, Decimal]:
    """The severity of a printed rate from a base to a level, and the rate (positive in the printed direction)."""
    level, prior = figure(raw_level), figure(raw_base)
    pl, pp = text_precision(raw_level), text_precision(raw_base)
    face = (level - prior) / prior * 100 * sign
    low = ((level - pl) / (prior + pp) - 1) * 100 * sign
    high = ((level + pl) / (prior - pp) - 1) * 100 * sign if prior > pp else Decimal("Infinity")
    return ("warning" if face < 0 else severity(printed, face, min(low, high), max(low, high))), face


_LIST = re.compile(r"其中|(?:主要)?用于以下(?:几个)?方面|包括")  # what introduces the parts of a whole


def _whole(text: str, at: int) -> str | None:
    """The whole a share is of: the amount before the 其中 (or "主要用于以下方面:") that lists the parts."""
    introducers = list(_LIST.finditer(text[:at]))
    if not introducers:
        return None
    levels = _LEVEL.findall(text[: introducers[-1].start()])
    return levels[-1] if levels else None


@dataclass(frozen=True)
class StatedShare:
    """A line's share of a whole as the 说明 states its amounts: the part, the whole, the quotient and its
    bounds at the printed precision, and the page."""

    part: str
    whole: str
    face: Decimal
    low: Decimal
    high: Decimal
    page: int | None


def _shares(
    text: str, shares: list[re.Match[str]], listed_whole: str | None, levels: Mapping[str, str], document_id: str,
    page: int | None, stated: dict[str, StatedShare] | None = None,
) -> Iterator[Record]:  # fmt: skip
    """ "本年支出合计9,146.79万元，其中：基本支出5,916.27万元，占64.68%": the part over the whole: the amount
    before the 其中 that lists the parts, the canonical line the share names ("占本年支出合计的99.94%"), or, when
    the shares of one whole add up to 100% ("占三公经费的31.14%；…51.93%；…16.93%"), the sum of the parts."""
    partition = None
    listed = sum((figure(s.group("pct")) for s in shares), Decimal(0))
    bound = sum((Decimal(1).scaleb(-_places(s.group("pct"))) / 2 for s in shares), Decimal(0))
    if len(shares) > 1 and len({s.group("whole") for s in shares}) == 1 and abs(listed - 100) <= bound:
        partition = f"{sum(figure(s.group(1)) for s in shares)}"
    for share in shares:
        named = line_of(share.group("whole")) if share.group("whole") else None
        raw_whole = _whole(text, share.start()) or (levels.get(named) if named else None) or listed_whole or partition
        if raw_whole is None:
            continue
        raw_part, printed = share.group(1), share.group("pct")
        part, whole = figure(raw_part), figure(raw_whole)
        if whole <= 0 or part > whole:
            continue
        pp, pw = text_precision(raw_part), text_precision(raw_whole)
        if raw_whole is partition:
            pw = pp * len(shares)
        face, low, high = _quotient(part, pp, whole, pw)
        line = _SHARE_LINE.search(text[: share.start()])
        if line and stated is not None:
            stated.setdefault(line.group(1), StatedShare(raw_part, raw_whole, face, low, high, page))
        yield from _mismatch(
            document_id, "share_mismatch", share.group(0), f"{raw_part}万元占{raw_whole}万元", printed, face,
            severity(printed, face, low, high), page,
        )  # fmt: skip


def _share_labels(text: str, stated: Mapping[str, StatedShare], document_id: str, page: int | None) -> Iterator[Record]:
    """A chart's label "一般公共服务支出, 75.31%" against the share the 说明's amounts give the same line
    (902.84 / 1250.14 = 72.22%): the label is a second statement of that share."""
    for label in _SHARE_LABEL.finditer(text):
        # the label's cell may follow other words of the chart ("销售额一般公共服务支出"): the longest line named
        names = [name for name in stated if label.group("name").endswith(name)]
        if not names:
            continue
        name = max(names, key=len)
        share = stated[name]
        printed = label.group("pct")
        level = severity(printed, share.face, share.low, share.high)
        if level:
            computed = _stated(share.face, printed)
            where = f"说明第{share.page}页" if share.page else "说明"
            yield finding(
                document_id, "share_mismatch",
                f"图表标签“{name}，{printed}%”，{where}{share.part}万元占{share.whole}万元应为"
                f"{computed}%（差{_difference(printed, share.face)}个百分点）",
                severity=level, expected=computed, actual=printed, page=page,
            )  # fmt: skip


def _completion(text: str, document_id: str, page: int | None) -> Iterator[Record]:
    """ "年初预算为22.00万元，支出决算为8.77万元，完成预算的39.86%": 决算 over 预算."""
    for match in _COMPLETION.finditer(text):
        raw_budget, raw_actual, printed = match.groups()
        budget, actual = figure(raw_budget), figure(raw_actual)
        if budget == 0:
            yield _zero_base(document_id, match.group(0), "预算为0，完成率", printed, page)
            continue
        face, low, high = _quotient(actual, text_precision(raw_actual), budget, text_precision(raw_budget))
        yield from _mismatch(
            document_id, "completion_rate_mismatch", match.group(0), f"{raw_actual}万元÷{raw_budget}万元", printed,
            face, severity(printed, face, low, high), page,
        )  # fmt: skip


def _category_completion(
    text: str, budgets: Mapping[str, Record], document_id: str, page: int | None
) -> Iterator[Record]:
    """A 三公 category's "完成预算的P%" against its budget as the report states it elsewhere (its table)."""
    for match in _CATEGORY_COMPLETION.finditer(text):
        if _COMPLETION.search(match.group(0)):
            continue  # the budget is in the sentence itself
        category = category_of(match.group("name"))
        budget = budgets.get(category) if category else None
        printed, raw_actual = match.group("pct"), match.group("actual")
        if budget is None and category and _left_blank(category, budgets):
            yield _zero_base(
                document_id, match.group(0), "其预算在表中空白（合计已由其余各项构成），完成率", printed, page
            )
            continue
        if budget is None:
            continue
        if budget["amount_wan"] == 0:
            yield _zero_base(document_id, match.group(0), f"其预算为0（{budget['value_raw']}），完成率", printed, page)
            continue
        face, low, high = _quotient(figure(raw_actual), text_precision(raw_actual), budget["amount_wan"], Decimal(0))
        basis = f"决算{raw_actual}万元÷预算{budget['amount_wan']}万元"
        yield from _mismatch(
            document_id, "completion_rate_mismatch", match.group(0), basis, printed, face,
            severity(printed, face, low, high), page,
        )  # fmt: skip


_SANGONG_PARTS = ("outbound_travel", "vehicle_total", "reception")  # 合计 = 出国 + 公务用车 + 接待


def _left_blank(category: str, budgets: Mapping[str, Record]) -> bool:
    """A 三公 category whose budget cell is blank while the 合计 is the sum of the other categories: it is 0."""
    total = budgets.get("total")
    if category not in _SANGONG_PARTS or total is None:
        return False
    others = [budgets[c]["amount_wan"] for c in _SANGONG_PARTS if c != category and c in budgets]
    return sum(others, Decimal(0)) == total["amount_wan"]


def _nothing_spent(text: str, document_id: str, page: int | None) -> Iterator[Record]:
    """0 spent is 0 % of any budget, and no percentage of none."""
    for match in _NOTHING_SPENT.finditer(text):
        if figure(match.group("pct")) != 0:
            yield finding(
                document_id, "completion_rate_mismatch",
                f"“{text[max(0, match.start() - 16) : match.end()]}”：决算为0，完成率应为0%（或预算为0而无完成率），"
                f"印为{match.group('pct')}%",
                expected=0, actual=match.group("pct"), page=page,
            )  # fmt: skip
