"""The characters of a page with no drawn lines, read by PDFium in the shape pdfplumber gives them.

pdfplumber parses a page's content stream in Python (pdfminer): most of a report's reading time. A page
that draws no path can hold no ruled table, so all the reader needs from it is its characters, and PDFium
(C++) gives them at a fraction of the cost. The boxes are pdfminer's: left and right from PDFium's loose
box, which uses the same advance widths; the bottom at the baseline plus the descent that the font's
descriptor states (PDFium would use the font file's own); one font size tall. A page PDFium might read
otherwise (rotated, offset media box, rotated or unmapped characters, a font not among the page's
resources) is left to pdfplumber.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

_NOT_MAPPED = {0, 0xFFFD, 0xFFFE}


def has_paths(page: pdfium.PdfPage) -> bool:
    """The page draws a line or a shape (form XObjects included): a ruled table may be on it."""
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_PATH for obj in page.get_objects(max_depth=4))


def plain_text_chars(page: pdfium.PdfPage, resources: Any, initial_doctop: float) -> list[dict] | None:
    """pdfplumber-shaped characters of a page that draws no path, or None when pdfplumber must read it.

    `resources` is the page's resource dictionary as pdfminer holds it (pdfplumber's `page_obj.resources`).
    """
    left, bottom, _, top = page.get_mediabox()
    if page.get_rotation() or left or bottom or has_paths(page):
        return None
    descents = _descents(resources)
    if descents is None:
        return None
    text_page = page.get_textpage()
    try:
        return _chars(text_page, descents, top - bottom, initial_doctop)
    finally:
        text_page.close()


def _name(value: Any) -> bytes:
    name = value.name if isinstance(value, PSLiteral) else value
    return name if isinstance(name, bytes) else str(name).encode()


def _unsubset(name: bytes) -> bytes:
    """`ABCDEE+SimSun` → `SimSun`: PDFium names a font without its subset tag."""
    return name[7:] if name[6:7] == b"+" and name[:6].isalpha() and name[:6].isupper() else name


def _descents(resources: Any) -> dict[bytes, float] | None:
    """Descent per em of each font of the page, by base font name, as pdfminer reads it."""
    descents: dict[bytes, float] = {}
    fonts = resolve1(resolve1(resources or {}).get("Font")) or {}
    for ref in fonts.values():
        spec = resolve1(ref)
        if spec.get("Subtype") is not None and _name(spec["Subtype"]) == b"Type3":
            return None  # glyphs drawn by the font's own procedures, in its own units
        if _name(spec.get("Subtype", b"")) == b"Type0":
            descendants = resolve1(spec.get("DescendantFonts")) or [{}]
            descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor")) or {}
        else:
            descriptor = resolve1(spec.get("FontDescriptor")) or {}
        descent = -abs(float(resolve1(descriptor.get("Descent", 0)) or 0)) / 1000  # pdfminer makes it negative
        name = _unsubset(_name(spec.get("BaseFont", b"")))
        if descents.setdefault(name, descent) != descent:
            return None  # two subsets of one font that differ: which is which is unknown
    return descents


def _base_font(font: Any, cache: dict[int, bytes]) -> bytes:
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        cache[key] = _unsubset(buffer.value)
    return cache[key]


def _chars(
    text_page: pdfium.PdfTextPage, descents: dict[bytes, float], height: float, initial_doctop: float
) -> list[dict] | None:
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int, bytes] = {}
    chars = []
    for i in range(text_page.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text_page, i):
            continue  # spaces and line ends PDFium infers from gaps: pdfminer has no such characters
        code = pdfium_c.FPDFText_GetUnicode(text_page, i)
        if code in _NOT_MAPPED or pdfium_c.FPDFText_HasUnicodeMapError(text_page, i):
            return None  # pdfminer writes "(cid:n)" for these
        pdfium_c.FPDFText_GetMatrix(text_page, i, matrix)
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None  # rotated, skewed or mirrored text
        font = _base_font(pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(text_page, i)), fonts)
        if font not in descents:
            return None
        # PDFium computes in single precision: rounded to 4 decimals, a position is the double that the
        # content stream's own number gives pdfminer, so comparisons at a threshold come out the same
        size = round(pdfium_c.FPDFText_GetFontSize(text_page, i) * matrix.d, 4)  # pdfminer's size: page units
        pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)
        pdfium_c.FPDFText_GetCharOrigin(text_page, i, x, y)
        x0, x1 = round(x.value, 4), round(x.value + box.right - box.left, 4)
        y0 = round(y.value + descents[font] * size, 4)
        char_top = height - y0 - size
        chars.append(
            {
                "text": chr(code),
                "x0": x0,
                "x1": x1,
                "top": char_top,
                "bottom": height - y0,
                "doctop": initial_doctop + char_top,
                "y0": y0,
                "y1": y0 + size,
                "width": x1 - x0,
                "height": size,
                "size": size,
                "upright": True,
                "object_type": "char",
            }
        )
    return chars
