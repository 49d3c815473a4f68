"""Indicator targets and actuals as printed ("≥60次", "达到95%以上", "不超过13.7584万元", "2023、12、31", "效果明显"),
in self-evaluations and 绩效目标 alike."""

from __future__ import annotations

import re
from decimal import Decimal

_OPERATORS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}


def operator_of(nature: str) -> str | None:
    """The Sichuan 指标性质 column: "≥", "≤", "=", or "定性" (qualitative)."""
    return _OPERATORS.get(nature.strip())


# A target as a form prints it ("达到95%以上", "成本不超过13.7584万元", "3个小时内", "≧两场"): the comparison
# words before the figure (longer phrases first) or after it, the single figure and the measure word after it.
_BEFORE: tuple[tuple[str, str], ...] = (
    ("<=", r"≤|小于或(?:者)?等于|小于等于|不超过|不超|不高于|不大于|不多于"),
    (">=", r"≥|大于或(?:者)?等于|大于等于|不低于|不少于|不少|至少|达到?$"),
    (">", r"大于|》|>"),
    ("<", r"少于|<"),
)
_AFTER: tuple[tuple[str, str], ...] = ((">=", r"^[^\d]{0,6}?以上"), ("<=", r"^[^\d]{0,6}?(?:以内|之内|内|以下)"))
_CJK_NUMERALS = {"一": "1", "两": "2", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
                 "九": "9", "十": "10", "半": "0.5"}  # fmt: skip
# a numeral counts only before a measure word ("两栋", "每期三天", "三小时之内"): "一级", "一般" are no quantities
_CJK_COUNT = re.compile(
    r"(?<![第统唯同逐])([一两二三四五六七八九十半])(?=个?(?:栋|处|场|小时|天|件|次|份|名|人|户|家|期|工作日|月|周))"
)
_FIGURE = re.compile(r"(?<![a-z\d.])\d+(?:,\d{3})*(?:\.\d+)?")  # not the 2 of "m2"
# a date or a deadline is no quantity ("11月底前完成", "每月8号前", "2023/11/30", "2023.1.1-2025.12.31")
_DATE = re.compile(
    r"\d+月|\d+[号日]前|(?<!\d)(?:19|20)\d{2}[./-]\d{1,2}[./-]\d|(?:19|20)\d{2}年(?:\d|底|内|前|度内)|点半|月底|年底前"
)
_YEAR_PREFIX = re.compile(r"(?:19|20)\d{2}年(?:度)?")  # "2023年支付成本不超过300万元": the year is not the target
_UNIT = re.compile(r"^(?:[%‰]|m[23]|km|kg|[\u4e00-\u9fff/]+)")
_UNIT_END = re.compile(r"(?:及以上|以上|以内|之内|以下|左右|一年|的|内).*$")
_MEASURE_WORDS = ("个工作日", "个小时", "个月", "个")


def read_target(raw: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """(operator, value, unit) of a target as printed; (None, None, None) when it states no single quantity
    (qualitative text, a date or deadline, several figures)."""
    parts = (raw or "").split()
    text = parts[0] if parts and len(set(parts)) == 1 else "".join(parts)
    half = len(text) // 2
    if half and text[:half] == text[half:]:
        text = text[:half]  # "≥90% ≥90%", "≥90%≥90%": one target printed twice
    text = _CJK_COUNT.sub(lambda m: _CJK_NUMERALS[m.group(1)], text)
    if _DATE.search(text) or (len(set(parts)) > 1 and all(_FIGURE.search(p) for p in parts)):
        return None, None, None
    text = _YEAR_PREFIX.sub("", text)
    figures = list(_FIGURE.finditer(text))
    if len(figures) != 1:
        return None, None, None
    figure = figures[0]
    before, after = text[: figure.start()], text[figure.end() :]
    unit_match = _UNIT.match(_UNIT_END.sub("", after))
    unit = unit_match.group() if unit_match else None
    if unit and (unit.startswith("个") or len(unit.replace("/", "")) > 4):
        # "13个社区", "65个危险边坡": the measure word, not the thing counted (but 个工作日, 个小时, 个月 are units)
        unit = next((w for w in _MEASURE_WORDS if unit.startswith(w)), unit[0])
    operator = next((op for op, words in _BEFORE if re.search(words, before)), None)
    operator = operator or next((op for op, words in _AFTER if re.search(words, after)), "=")
    value = Decimal(figure.group().replace(",", ""))
    if re.search(r"(?:^|[≥≤<>=])-$", before):
        value = -value  # "-3.5%", "≥-5%"
    return operator, value, unit
