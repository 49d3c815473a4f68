"""Scanned pages: page images recognised by RapidOCR (PP-OCRv4 on ONNX Runtime) into paragraphs and tables.

The models ship inside the `rapidocr_onnxruntime` wheel; nothing is downloaded. The engine is created on
first use, once per process: the ingest workers are forked before any page is read, so each worker loads
its own sessions (ONNX Runtime sessions do not survive a fork) and none is created in the parent.

A page image becomes the same blocks as a text page (../pdf.py's conventions): ruled tables are rebuilt
from the ruling lines found in the image, their merged cells repeated in each position; the other text
boxes become lines, which are tables when their chunks line up in columns and paragraphs otherwise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ingest.document import Block, Note, Table
from ingest.normalize import clean_cell, clean_text
from ingest.readers.pdf import _join_across_pages, _Line, _text_blocks

# 150 dpi: on the benchmark's scans, recall and precision as at 200 dpi in 2/3 of the time (benchmarks/README.md)
DPI = 150
DEFAULT_MAX_PIXELS = 50_000_000  # an A4 page at 600 dpi is 35 M pixels
# long side of the image given to recognition: a low-resolution scan is enlarged, a very fine one reduced
SMALLEST_SIDE, LARGEST_SIDE = 1600, 2600


@dataclass(frozen=True)
class OcrStarted:
    """Told to whoever watches the reading (the parent of a forked worker): `pages` page images come next."""

    pages: int


# The watcher of this process, if any: the worker's time limit grows with the pages to recognise.
listener: Callable[[OcrStarted], None] | None = None


def announce(pages: int) -> None:
    if listener is not None and pages:
        listener(OcrStarted(pages))


def max_pixels() -> int:
    return int(os.environ.get("YUSUAN_OCR_MAX_PIXELS", DEFAULT_MAX_PIXELS))


class TooLarge(Exception):
    """An image beyond the pixel limit: refused before it is decoded."""

    def __init__(self, width: int, height: int):
        super().__init__(
            f"{width}×{height} pixels, more than the limit of {max_pixels():,} for a page image "
            "(set YUSUAN_OCR_MAX_PIXELS to raise it)"
        )


@cache
def engine() -> Any:
    """The recognition engine of this process: one ONNX Runtime thread per worker (one worker per core)."""
    from rapidocr_onnxruntime import RapidOCR  # its import loads onnxruntime: only in processes that OCR

    threads = int(os.environ.get("YUSUAN_OCR_THREADS", 1))
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, max_side_len=LARGEST_SIDE)


@dataclass(frozen=True)
class Box:
    """A recognised text box, in pixels of the page image."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


# spaces recognised inside a figure ("27, 664. 22"), a 、 left of a lost item number, a ruling line read as |
_SPACED_FIGURE = re.compile(r"(?<=[\d,.])\s+(?=[\d,.])|^、|\|")


def _recognise(image: np.ndarray, classify: bool = True) -> list[Box]:
    result, _ = engine()(image, use_cls=classify)
    boxes = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if text := _SPACED_FIGURE.sub("", clean_text(text)):
            boxes.append(Box(min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return boxes


def _weight(boxes: list[Box]) -> float:
    return sum(b.score * len(b.text) for b in boxes)


def _sized(image: np.ndarray) -> np.ndarray:
    """The image at a size recognition reads well: a low-resolution scan enlarged, a fine one reduced."""
    long_side = max(image.shape[:2])
    target = SMALLEST_SIDE if long_side < SMALLEST_SIDE else LARGEST_SIDE if long_side > LARGEST_SIDE else None
    if target is None:
        return image
    scale = target / long_side
    size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)


def upright_boxes(image: np.ndarray) -> tuple[np.ndarray, list[Box]]:
    """The image turned upright, and its boxes. A page turned by 90° shows its lines as boxes taller than
    wide: both quarter turns are read without the 180° classifier, and the one read with more confidence
    is the page (text upside down reads poorly)."""
    image = _sized(image)
    boxes = _recognise(without_rulings(image))
    words = [b for b in boxes if len(b.text) >= 2]
    if not words or sum(b.height > 1.5 * (b.x1 - b.x0) for b in words) * 2 <= len(words):
        return image, boxes
    turns = [cv2.rotate(image, turn) for turn in (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE)]
    read = [
        (_weight(found), turned, found)
        for turned in turns
        if (found := _recognise(without_rulings(turned), classify=False))
    ]
    if not read:
        return image, boxes
    _, turned, found = max(read, key=lambda r: r[0])
    return turned, found


# --- ruling lines ------------------------------------------------------------------------------------


@dataclass
class Grid:
    """A ruled table: the x of its vertical lines, the y of its horizontal ones, and which cell boundaries
    are drawn (a missing segment is a merged cell)."""

    xs: list[int]
    ys: list[int]
    vertical: np.ndarray  # [row band, interior x index]: a line separates the two columns in that band
    horizontal: np.ndarray  # [interior y index, column band]: a line separates the two rows in that column
    box: tuple[int, int, int, int] = field(default=(0, 0, 0, 0))

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def position(self, x: float, y: float) -> tuple[int, int]:
        row = max(0, min(len(self.ys) - 2, int(np.searchsorted(self.ys, y)) - 1))
        column = max(0, min(len(self.xs) - 2, int(np.searchsorted(self.xs, x)) - 1))
        return row, column


def _positions(profile: np.ndarray, offset: int) -> list[int]:
    """The centres of runs of non-zero entries: one position per drawn line, however thick."""
    found: list[int] = []
    start = None
    for i, value in enumerate([*profile.tolist(), 0]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            found.append(offset + (start + i - 1) // 2)
            start = None
    return found


def _coverage(mask: np.ndarray, fixed: int, start: int, end: int, along_rows: bool) -> float:
    """The share of the segment from one line to the next that a line drawn near `fixed` covers."""
    lo, hi = start + 2, end - 1
    if hi <= lo:
        return 1.0
    strip = mask[lo:hi, max(0, fixed - 3) : fixed + 4] if along_rows else mask[max(0, fixed - 3) : fixed + 4, lo:hi]
    return float((strip.any(axis=1) if along_rows else strip.any(axis=0)).mean())


# a cell's border runs from one ruling line to the next; a character's stroke stops short of them
_DRAWN = 0.9


def _drawn(mask: np.ndarray, lines: list[int], across: list[int], vertical: bool) -> np.ndarray:
    """[band between `across` lines, interior line]: whether the line is drawn through that band."""
    return np.array(
        [[_coverage(mask, lines[j], across[i], across[i + 1], vertical) >= _DRAWN for j in range(1, len(lines) - 1)]
         for i in range(len(across) - 1)]
    ).reshape(len(across) - 1, max(0, len(lines) - 2))  # fmt: skip


def _merged(positions: list[int]) -> list[int]:
    """Positions closer than a line's thickness are one line."""
    out: list[int] = []
    for value in sorted(positions):
        if not out or value - out[-1] > 8:
            out.append(value)
    return out


def _rulings(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, int]:
    """The horizontal and vertical strokes of the page longer than `across` and `down` pixels."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    height, width = binary.shape
    # longer than most strokes of a character, shorter than a table's narrowest column and lowest row
    across = max(15, width // 30)
    down = max(15, height // 60)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    return horizontal, vertical, across, down


def without_rulings(image: np.ndarray) -> np.ndarray:
    """The page with its tables' ruling lines painted over: text touching a line ("一、" by a cell's left
    border) is lost or misread beside it. Only the lines of the tables found, so no character loses a stroke."""
    horizontal, vertical, _, _ = _rulings(image)
    clean = image.copy()
    for grid in ruled_grids(image):
        top, bottom, left, right = grid.ys[0] - 4, grid.ys[-1] + 5, grid.xs[0] - 4, grid.xs[-1] + 5
        for x in grid.xs:
            strip = np.s_[max(0, top) : bottom, max(0, x - 4) : x + 5]
            clean[strip][vertical[strip] > 0] = 255
        for y in grid.ys:
            strip = np.s_[max(0, y - 4) : y + 5, max(0, left) : right]
            clean[strip][horizontal[strip] > 0] = 255
    return clean


def ruled_grids(image: np.ndarray) -> list[Grid]:
    """The ruled tables of a page image, found by opening the inverted image with long thin kernels."""
    horizontal, vertical, across, down = _rulings(image)
    width = horizontal.shape[1]
    frame = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < width // 5 or h < 2 * down:
            continue
        # a line is longer than a stroke that passed the opening: a character's strokes add up to less
        rows = np.count_nonzero(horizontal[y : y + h, x : x + w], axis=1) >= 1.5 * across
        columns = np.count_nonzero(vertical[y : y + h, x : x + w], axis=0) >= 1.5 * down
        ys = _merged([y + 2, *_positions(rows, y), y + h - 3])
        xs = _merged([x + 2, *_positions(columns, x), x + w - 3])
        # keep the lines drawn from one line to the next somewhere: strokes of characters are not
        for _ in range(2):
            drawn_v = _drawn(vertical, xs, ys, True)
            xs = [xs[0], *(v for j, v in enumerate(xs[1:-1]) if drawn_v[:, j].any()), xs[-1]]
            drawn_h = _drawn(horizontal, ys, xs, False)
            ys = [ys[0], *(v for i, v in enumerate(ys[1:-1]) if drawn_h[:, i].any()), ys[-1]]
        if len(xs) < 3 or len(ys) < 3:
            continue  # a frame around text, or a single rule: no table
        grids.append(Grid(xs, ys, _drawn(vertical, xs, ys, True), _drawn(horizontal, ys, xs, False).T,
                          (int(x), int(y), int(x + w), int(y + h))))  # fmt: skip
    return grids


def _advance(char: str) -> float:
    """A character's width in ems: figures and Latin letters are half as wide as Chinese characters."""
    return 0.5 if char.isascii() else 1.0


# a box's text in pieces a cell border can fall between: money figures ("183.60427.50" is two), runs of other
# digits, and text
_TOKENS = re.compile(r"\d[\d,]*\.\d{2}|\d+|\D+")


def split_at_lines(grid: Grid, box: Box) -> list[Box]:
    """A box read across cell borders ("27,664.22一、基本支出", "183.60427.50") cut at the borders: the text is
    split where a line falls, estimated by the characters' widths, at the nearest boundary of a figure."""
    row, _ = grid.position(*box.centre)
    margin = 0.5 * box.height  # a detected box reaches about that far beyond its text
    cuts = [x for j, x in enumerate(grid.xs[1:-1]) if grid.vertical[row, j] and box.x0 + margin < x < box.x1 - margin]
    if not cuts or len(box.text) < 2:
        return [box]
    tokens = [m.group().strip() for m in _TOKENS.finditer(box.text)]
    if len(tokens) == len(cuts) + 1 and all(tokens):  # a piece for each cell: "183.60" "427.50" "1305.25"
        edges = [box.x0, *cuts, box.x1]
        return [Box(edges[i], box.top, edges[i + 1], box.bottom, t, box.score) for i, t in enumerate(tokens)]
    widths = np.cumsum([_advance(c) for c in box.text])
    scale = (box.x1 - box.x0) / widths[-1]
    starts = [m.start() for m in _TOKENS.finditer(box.text)][1:]
    pieces, start, x0 = [], 0, box.x0
    for x in [*cuts, box.x1]:
        if x == box.x1:
            end = len(box.text)
        else:
            end = int(np.searchsorted(widths * scale, x - box.x0 + 0.25 * scale))
            later = [b for b in starts if b > start]
            end = min(later, key=lambda b: abs(b - end)) if later else end
        if text := box.text[start:end].strip():
            pieces.append(Box(x0, box.top, x, box.bottom, text, box.score))
        start, x0 = max(start, end), x
    return pieces


def grid_rows(grid: Grid, boxes: Iterable[Box]) -> list[list[str]]:
    """The table's text by grid position: a merged cell (no line drawn between positions) repeats its text
    in each position it covers; lines wrapped inside a cell are joined."""
    rows, columns = len(grid.ys) - 1, len(grid.xs) - 1
    parent = list(range(rows * columns))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not grid.vertical[r, c]:
                parent[root(r * columns + c + 1)] = root(r * columns + c)
            if r + 1 < rows and not grid.horizontal[r, c]:
                parent[root((r + 1) * columns + c)] = root(r * columns + c)
    texts: dict[int, list[Box]] = {}
    for box in (piece for whole in boxes for piece in split_at_lines(grid, whole)):
        r, c = grid.position(*box.centre)
        texts.setdefault(root(r * columns + c), []).append(box)
    cells = {cell: clean_cell("\n".join(b.text for b in _reading_order(found))) for cell, found in texts.items()}
    return [[cells.get(root(r * columns + c), "") for c in range(columns)] for r in range(rows)]


def _reading_order(boxes: list[Box]) -> list[Box]:
    """Line by line (boxes overlapping by half their height share a line), left to right."""
    return [box for line in _rows(boxes) for box in line]


def _rows(boxes: Iterable[Box]) -> list[list[Box]]:
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        first = rows[-1][0] if rows else None
        overlap = min(box.bottom, first.bottom) - max(box.top, first.top) if first else 0.0
        if first and overlap >= 0.5 * min(box.height, first.height):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def lines(boxes: Iterable[Box]) -> list[_Line]:
    """Boxes as text lines (rows by baseline), split into chunks where a gap is wider than a character."""
    found = []
    for row in _rows(boxes):
        size = float(np.median([b.height for b in row]))
        chunks: list[tuple[float, float, str]] = []
        for box in row:
            if chunks and box.x0 - chunks[-1][1] < 0.6 * size:
                x0, _, text = chunks[-1]
                chunks[-1] = (x0, box.x1, f"{text} {box.text}")
            else:
                chunks.append((box.x0, box.x1, box.text))
        found.append(_Line(min(b.top for b in row), max(b.bottom for b in row), chunks))
    return found


@dataclass(frozen=True)
class _PageSize:
    width: float  # what pdf.py's paragraph rule reads of a page


def page_blocks(image: np.ndarray, boxes: list[Box], number: int) -> list[Block]:
    """A page's blocks from its image (for the ruling lines) and its recognised boxes, in reading order."""
    grids = ruled_grids(image)
    placed: list[tuple[float, Block]] = []
    free: list[Box] = []
    inside: dict[int, list[Box]] = {}
    for box in boxes:
        grid = next((i for i, g in enumerate(grids) if g.contains(*box.centre)), None)
        if grid is None:
            free.append(box)
        else:
            inside.setdefault(grid, []).append(box)
    for i, grid in enumerate(grids):
        rows = grid_rows(grid, inside.get(i, []))
        if any(any(row) for row in rows):
            placed.append((grid.ys[0], Table(rows=rows, page=number)))
    tops = sorted(g.ys[0] for g in grids)
    groups: list[list[_Line]] = [[] for _ in range(len(tops) + 1)]
    for line in lines(free):
        groups[sum(line.top > top for top in tops)].append(line)
    for group in groups:
        placed.extend(_text_blocks(group, _PageSize(image.shape[1]), number))  # type: ignore[arg-type]
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


# --- documents -----------------------------------------------------------------------------------------


@dataclass
class Scanned:
    """What OCR read of a document's page images."""

    blocks: list[Block] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # the pages OCR read text from
    notes: list[Note] = field(default_factory=list)


def read_image(image: np.ndarray, number: int, name: str, scanned: Scanned) -> None:
    """Recognise one page image into `scanned`; a page with no text is a note, not a failure."""
    image, boxes = upright_boxes(image)
    if not boxes:
        message = f"{name} page {number}: a page image with no text OCR could read (blank, or no report)"
        scanned.notes.append(Note("ocr_no_text", message, number))
        return
    scanned.pages.append(number)
    scanned.blocks.extend(page_blocks(image, boxes, number))


def read_pdf_pages(path: Path, numbers: list[int]) -> Scanned:
    """OCR the given pages (1-based) of a PDF, each rendered at DPI (less for a page beyond the pixel limit)."""
    import pypdfium2

    scanned = Scanned()
    announce(len(numbers))
    pdf = pypdfium2.PdfDocument(path)
    try:
        for number in numbers:
            page = pdf[number - 1]
            width, height = page.get_size()  # points
            scale = min(DPI / 72, (max_pixels() / max(width * height, 1.0)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_numpy()
            page.close()
            read_image(image, number, path.name, scanned)
    finally:
        pdf.close()
    return scanned


def join_pages(blocks: list[Block]) -> list[Block]:
    """Tables and sentences that run on across pages joined, as for text pages."""
    return _join_across_pages(blocks)
