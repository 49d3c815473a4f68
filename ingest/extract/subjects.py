"""科目 named in words, coded: "住房保障支出（类）住房改革支出（款）提租补贴（项）" is 2210202.

A report's own statements print each 科目's code beside its name and are asked first (a department's
template may rename a 科目); the national catalogue (ingest/catalogue/subjects.yaml) codes the 科目 of a
说明 printed without its tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources

import yaml

from ingest.normalize import compact

# the digits of a code at each level: 功能分类 类 ⊃ 款 ⊃ 项; 经济分类 类 ⊃ 款
_DIGITS = {"by_function": {"类": 3, "款": 5, "项": 7}, "by_economic": {"类": 3, "款": 5}}
_FIRST_DIGITS = {"by_function": "2", "by_economic": "35"}  # 功能分类 2xx; 经济分类 3xx (部门), 5xx (政府)

Path = tuple[tuple[str, str], ...]  # (level, name) from the widest level down: (("类", "住房保障支出"), …)
Names = Mapping[str, frozenset[str]]  # code → the names it is printed with (as keys)


def key(name: str) -> str:
    """A 科目 name as compared: "社会保障和就业" and "社会保障和就业支出" are one 类."""
    name = re.sub(r"^(?:[一二三四五六七八九十]+|\d+)[、.]", "", compact(name)).replace("其它", "其他")
    return re.sub(r"支出$", "", name)


@functools.cache
def _catalogue() -> dict:
    return yaml.safe_load(resources.files("ingest").joinpath("catalogue/subjects.yaml").read_text("utf-8"))


@functools.cache
def national(classification: str) -> Names:
    return {code: frozenset(map(key, names)) for code, names in _catalogue()[classification].items()}


def names_of(lines: Iterable[tuple[str, str]]) -> Names:
    """code → names, from the (code, name) pairs a report's statements print."""
    names: dict[str, set[str]] = {}
    for code, name in lines:
        names.setdefault(code, set()).add(key(name))
    return {code: frozenset(keys) for code, keys in names.items()}


def _resolve(path: Path, names: Names, classification: str) -> str | None:
    code = ""
    for level, name in path:
        digits = _DIGITS[classification].get(level)
        if digits is None:
            return None
        found = [
            c for c, keys in names.items()
            if len(c) == digits and c[0] in _FIRST_DIGITS[classification] and c.startswith(code) and key(name) in keys
        ]  # fmt: skip
        if len(found) == 1:
            code = found[0]
        elif level == "项" and len(code) == 5 and classification == "by_function" and not found:
            common = {key(n): number for number, n in _catalogue()["common_items"].items()}
            number = "99" if key(name).startswith("其他") else common.get(key(name))
            if number is None:
                return None
            code += number
        else:
            return None
    return code or None


def code_of(path: Path, own: Names) -> tuple[str, str] | None:
    """(classification, code) of a 科目 path: by the report's own statements, else the national catalogue. A
    path whose wider levels were carried from a heading is also tried without them (the heading may be stale)."""
    for start in range(len(path)):
        for classification in ("by_function", "by_economic"):
            for names in (own, national(classification)):
                if code := _resolve(path[start:], names, classification):
                    return classification, code
    return None


@functools.cache
def _classes() -> dict[str, str]:
    return {name: code for code, keys in national("by_function").items() if len(code) == 3 for name in keys}


def class_code(name: str) -> str | None:
    """The 功能分类 类 a cell names on its own ("六、社会保障和就业支出" in a 收支总表 → 208)."""
    return _classes().get(key(name))
