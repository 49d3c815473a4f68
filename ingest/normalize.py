"""Text normalization shared by every reader and extractor."""

from __future__ import annotations

import re
import unicodedata

_EMPTY_MARKS = {"", "—", "——", "-", "--", "/", "*", "…", "……"}
_SPACES = re.compile(r"[\s\u3000\xa0]+")


def clean_text(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII), ≧/≦ to ≥/≤, Word bookmark residue removed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("≧", "≥").replace("≦", "≤")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return text.strip()


def clean_cell(text: str) -> str:
    """A table cell: normalized, inner whitespace collapsed, n/a marks ("—", "/", "*") made empty."""
    text = _SPACES.sub(" ", clean_text(text)).strip()
    return "" if text in _EMPTY_MARKS else text


def compact(text: str) -> str:
    """Text with all whitespace and quote marks removed, for matching labels and phrases."""
    return re.sub(r"[\s\u3000\xa0“”\"'‘’「」]", "", unicodedata.normalize("NFKC", text))
