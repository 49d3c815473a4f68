"""Text normalization shared by every reader and extractor."""

from __future__ import annotations

import re
import unicodedata

_EMPTY_MARKS = {"", "—", "——", "-", "--", "/", "*", "…", "……", "-—", "——-"}
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff"
# A line break inside a cell: nothing between CJK characters ("公务用车购置\n及运行费"), a space otherwise.
_WRAP_CJK = re.compile(rf"(?<=[{_CJK}()%])\s*\n\s*|\s*\n\s*(?=[{_CJK}(])")
# a figure or a date wrapped in a narrow cell ("202" / "3、12、3" / "1"): nothing between its parts
_WRAP_FIGURE = re.compile(r"(?<=[\d\-、./:])\s*\n\s*(?=[\d\-、./:%])")

# Traditional characters seen where a report was converted, mapped to the simplified form. Only characters
# that are never simplified forms themselves, so simplified text passes through unchanged.
_TRADITIONAL = str.maketrans(
    "預決經費單門績評價報萬億項設實際數計總額縣區辦廳會員財機關務車輛購運維護國內與貼補產業專戶資撥時較為並處職場審這個們來對"
    "應發現開從說過還進後裡當點長將體義變問題條權責領導監據標準確認輸請規劃無況歲顯證類統錄營銷",
    "预决经费单门绩评价报万亿项设实际数计总额县区办厅会员财机关务车辆购运维护国内与贴补产业专户资拨时较为并处职场审这个们来对"
    "应发现开从说过还进后里当点长将体义变问题条权责领导监据标准确认输请规划无况岁显证类统录营销",
)


def clean_text(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII), ≧/≦ to ≥/≤, Traditional to Simplified,
    Word bookmark residue removed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("≧", "≥").replace("≦", "≤").translate(_TRADITIONAL)
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return _SPACES.sub(" ", text).strip()


def clean_cell(text: str) -> str:
    """A table cell: normalized, wrapped lines joined, spaces collapsed, n/a marks ("—", "/", "*") empty."""
    text = _WRAP_FIGURE.sub("", text)
    text = _WRAP_CJK.sub("", clean_text(text))
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    return "" if text in _EMPTY_MARKS else text


def join_lines(first: str, second: str) -> str:
    """Join a wrapped line to the next: no space after or before a CJK character."""
    if re.search(rf"[{_CJK}]$", first) or re.match(rf"[{_CJK}]", second):
        return first + second
    return f"{first} {second}"


def compact(text: str) -> str:
    """Text with all whitespace and quote marks removed, for matching labels and phrases."""
    return re.sub(r"[\s\u3000\xa0“”\"'‘’「」]", "", unicodedata.normalize("NFKC", text))


# a clause ends at a comma or semicolon, but not at the comma of a thousands separator ("1,186.40")
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3})|;")
