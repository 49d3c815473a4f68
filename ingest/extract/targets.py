"""Indicator targets and actuals as printed ("≥60次", "≤1013.19万元", "2023、12、31", "效果明显")."""

from __future__ import annotations

import re
from decimal import Decimal

_OPERATORS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}
_QUANTITY = re.compile(r"^(?P<op>≥|≤|>=|<=|>|<|=)?\s*(?P<value>-?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s、.\-/]{0,6})$")


def parse_quantity(raw: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """(operator, value, unit) of a quantitative target; (None, None, None) for qualitative text.

    A bare number is an exact target ("12次" → "=", 12, "次"); dates ("2023、12、31") are qualitative.
    """
    text = (raw or "").replace(" ", "")
    match = _QUANTITY.match(text)
    if not match:
        return None, None, None
    operator = _OPERATORS[match.group("op")] if match.group("op") else "="
    return operator, Decimal(match.group("value")), match.group("unit") or None


def operator_of(nature: str) -> str | None:
    """The Sichuan 指标性质 column: "≥", "≤", "=", or "定性" (qualitative)."""
    return _OPERATORS.get(nature.strip())
