"""Amounts as printed → Decimal 万元. Money is never a float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_UNIT_FACTOR = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
_NUMBER_ONLY = re.compile(rf"^\s*({NUMBER})\s*$")
YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")


def figure(text: str) -> Decimal:
    """A figure a NUMBER pattern matched ("1,013.19"), as a Decimal."""
    return Decimal(text.replace(",", ""))


def parse_number(text: str) -> Decimal | None:
    """A bare number as printed in a cell ("1,013.19", "0"); None for anything else."""
    match = _NUMBER_ONLY.match(text)
    if not match:
        return None
    try:
        return Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None


def to_wan(value: Decimal, unit: str = "万元") -> Decimal:
    """Convert an amount printed in 元, 万元 or 亿元 to 万元, to the contract's 4 decimals."""
    return (value * _UNIT_FACTOR[unit]).quantize(Decimal("0.0001"))


def in_wan(value: Decimal, unit: str = "万元") -> Decimal:
    """An amount printed in 元, 万元 or 亿元 in 万元, every printed digit kept (a finding's figures)."""
    return (value * _UNIT_FACTOR[unit]).normalize()


def unit_of(text: str) -> str | None:
    """The money unit a table title or header states, e.g. "单位：万元" or "经费控制情况(万元)"."""
    match = re.search(r"(亿元|万元|元)", text)
    return match.group(1) if match else None
