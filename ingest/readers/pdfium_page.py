"""A PDF page's characters and drawn lines, read by PDFium in the shape pdfplumber gives them.

pdfplumber parses a page's content stream in Python (pdfminer): most of a report's reading time. PDFium
(C++) reads the same page at a fraction of the cost, and the reader needs only two kinds of objects from
it: characters, and the lines and rectangles that ruled tables are found from. Both are given here as
pdfminer would give them, so pdfplumber's table finder and word grouping run on them unchanged:
- a character's left and right are PDFium's (the same advance widths), its bottom the baseline plus the
  descent that the font's descriptor states (PDFium would take the font file's own), one font size tall;
- a path is split into subpaths and each is a line, a rectangle or a curve by pdfminer's rules.
PDFium computes in single precision; positions are rounded to 4 decimals, which gives the double that
the content stream's own number gives pdfminer, so comparisons at a threshold come out the same. A page
PDFium might read otherwise (rotated, offset media box, rotated or unmapped characters, a Type 3 font, a
font not among the page's resources) is left to pdfplumber.

One known difference: PDFium keeps some space glyphs only as spaces it infers itself, which are left out,
so a cell may read "实施单位(盖章)" where pdfminer gives "实施单位 (盖章)". Labels and figures are matched
without spaces, and the golden files and format parity tests read the same facts either way.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

_NOT_MAPPED = {0, 0xFFFD, 0xFFFE}


def page_objects(page: pdfium.PdfPage, resources: Any, initial_doctop: float) -> dict[str, list[dict]] | None:
    """pdfplumber's `page.objects` (characters, lines, rectangles, curves), or None when pdfplumber must
    read the page. `resources` is the page's resource dictionary as pdfminer holds it."""
    left, bottom, right, top = page.get_mediabox()
    rotation = page.get_rotation()
    if left or bottom or rotation not in _SHOWN:
        return None
    descents = _descents(resources)
    if descents is None:
        return None
    shown = _SHOWN[rotation](right, top)
    height = right if rotation in (90, 270) else top  # the page as shown
    text_page = page.get_textpage()
    try:
        chars = _chars(text_page, descents, shown, height, initial_doctop)
    finally:
        text_page.close()
    if chars is None:
        return None
    objects: dict[str, list[dict]] = {"char": chars, "line": [], "rect": [], "curve": []}
    for kind, points in _shapes(page, shown):
        objects[kind].append(_shape(kind, points, height, initial_doctop))
    return objects


# pdfminer's page matrix for each /Rotate (a media box at the origin): page space → the page as shown
_SHOWN = {
    0: lambda right, top: pdfium.PdfMatrix(),
    90: lambda right, top: pdfium.PdfMatrix(0, -1, 1, 0, 0, right),
    180: lambda right, top: pdfium.PdfMatrix(-1, 0, 0, -1, right, top),
    270: lambda right, top: pdfium.PdfMatrix(0, 1, -1, 0, top, 0),
}


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
        subtype = _name(spec.get("Subtype", b""))
        if subtype == b"Type3":
            return None  # glyphs drawn by the font's own procedures, in its own units
        if subtype == b"Type0":
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
    text_page: pdfium.PdfTextPage,
    descents: dict[bytes, float],
    shown: pdfium.PdfMatrix,
    height: float,
    initial_doctop: float,
) -> list[dict] | None:
    box, raw_matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int, bytes] = {}
    chars: list[dict] = []
    last_object, size, descent = -1, 0.0, 0.0
    unturned = (shown.a, shown.b, shown.c, shown.d, shown.e, shown.f) == (1, 0, 0, 1, 0, 0)
    for i in range(text_page.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text_page, i):
            continue  # spaces and line ends PDFium infers from gaps
        code = pdfium_c.FPDFText_GetUnicode(text_page, i)
        if code in _NOT_MAPPED or pdfium_c.FPDFText_HasUnicodeMapError(text_page, i):
            return None  # pdfminer writes "(cid:n)" for these
        text_object = pdfium_c.FPDFText_GetTextObject(text_page, i)
        address = ctypes.cast(text_object, ctypes.c_void_p).value
        if address != last_object:  # font, size and direction are those of the text object
            last_object = address
            pdfium_c.FPDFText_GetMatrix(text_page, i, raw_matrix)
            matrix = pdfium.PdfMatrix.from_raw(raw_matrix).multiply(shown)
            if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
                return None  # rotated, skewed or mirrored text on the page as shown
            font = _base_font(pdfium_c.FPDFTextObj_GetFont(text_object), fonts)
            if font not in descents:
                return None
            size = round(pdfium_c.FPDFText_GetFontSize(text_page, i) * matrix.d, 4)  # pdfminer's: page units
            descent = descents[font] * size
        pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)
        pdfium_c.FPDFText_GetCharOrigin(text_page, i, x, y)
        if unturned:
            origin_x, origin_y, width = x.value, y.value, box.right - box.left
        else:
            origin_x, origin_y = shown.on_point(x.value, y.value)
            width = abs(shown.on_point(box.right, box.top)[0] - shown.on_point(box.left, box.bottom)[0])
        x0, x1 = round(origin_x, 4), round(origin_x + width, 4)
        y0 = round(origin_y + descent, 4)
        chars.append(_char(chr(code), x0, x1, y0, size, height, initial_doctop))
    return chars


def _char(text: str, x0: float, x1: float, y0: float, size: float, height: float, initial_doctop: float) -> dict:
    top = height - y0 - size
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": height - y0,
        "doctop": initial_doctop + top,
        "y0": y0,
        "y1": y0 + size,
        "width": x1 - x0,
        "height": size,
        "size": size,
        "upright": True,
        "object_type": "char",
    }


Point = tuple[float, float]
_DRAWN = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM)


def _shapes(page: pdfium.PdfPage, shown: pdfium.PdfMatrix) -> list[tuple[str, list[Point]]]:
    """Every painted subpath of the page (form XObjects included) on the page as shown, as pdfminer
    classifies it."""
    shapes: list[tuple[str, list[Point]]] = []
    forms: list[pdfium.PdfMatrix] = []  # the page-space matrix of each enclosing form, by nesting level
    for obj in page.get_objects(max_depth=8):
        if obj.type not in _DRAWN:
            continue  # text and images: their characters come from the text page
        del forms[obj.level :]
        matrix = obj.get_matrix().multiply(forms[-1] if forms else shown)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            forms.append(matrix)
        elif _painted(obj):
            shapes.extend(_subpaths(obj, matrix))
    return shapes


def _painted(obj: pdfium.PdfObject) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return bool(fill.value or stroke.value)


def _subpaths(obj: pdfium.PdfObject, matrix: pdfium.PdfMatrix) -> list[tuple[str, list[Point]]]:
    """pdfminer's `paint_path`: a path as operators m, l, c, h with their end points, split at each m."""
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, Point]] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = tuple(round(v, 4) for v in matrix.on_point(x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps a curve's end point only
            ops.append(("c", point))  # type: ignore[arg-type]
        else:
            ops.append(("m" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "l", point))  # type: ignore[arg-type]
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            start = next(p for op, p in reversed(ops) if op == "m") if any(op == "m" for op, _ in ops) else point
            ops.append(("h", start))
    subpaths: list[list[tuple[str, Point]]] = []
    for op in ops:
        if op[0] == "m" or not subpaths:
            subpaths.append([])
        subpaths[-1].append(op)
    return [shape for path in subpaths if path[0][0] == "m" and (shape := _classified(path))]


def _classified(path: list[tuple[str, Point]]) -> tuple[str, list[Point]] | None:
    shape = "".join(op for op, _ in path)
    points = [point for _, point in path]
    if len(shape) == 1:
        return None  # a lone move
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"  # a redundant l back to the start, closed with h
        del points[-2]
    if shape in ("mlh", "ml"):
        return "line", points[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            return "rect", points
    return "curve", points


def _shape(kind: str, points: list[Point], height: float, initial_doctop: float) -> dict:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": height - y1,
        "bottom": height - y0,
        "doctop": initial_doctop + height - y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "pts": [(x, height - y) for x, y in points],
    }
