"""Page images to blocks without the recognition models: ruled tables found in a drawn image, merged cells
repeated, boxes on one baseline joined into lines, aligned boxes as a table, wrapped lines as one paragraph."""

from __future__ import annotations

import cv2
import numpy as np

from ingest.document import Paragraph, Table
from ingest.readers.ocr import Box, grid_rows, lines, page_blocks, ruled_grids

WIDTH, HEIGHT = 1240, 1754  # an A4 page at 150 dpi


def _page() -> np.ndarray:
    return np.full((HEIGHT, WIDTH), 255, np.uint8)


def _ruled(image: np.ndarray) -> np.ndarray:
    """A 三公 table of three columns and three rows, drawn at y 300..480: the header cell 三公经费 spans the
    two columns on the right (no line between them in the first row)."""
    xs, ys = (100, 500, 800, 1100), (300, 360, 420, 480)
    for y in ys:
        cv2.line(image, (xs[0], y), (xs[-1], y), 0, 2)
    for x in (xs[0], xs[1], xs[-1]):
        cv2.line(image, (x, ys[0]), (x, ys[-1]), 0, 2)
    cv2.line(image, (xs[2], ys[1]), (xs[2], ys[-1]), 0, 2)  # not through the first row
    return image


def _box(x0: float, top: float, text: str, width: float | None = None, height: float = 28) -> Box:
    return Box(x0, top, x0 + (width if width is not None else 24 * len(text)), top + height, text)


def test_the_ruling_lines_of_a_table_and_its_merged_cell_are_found():
    [grid] = ruled_grids(_ruled(_page()))
    assert len(grid.xs) == 4 and len(grid.ys) == 4
    assert [abs(x - e) <= 3 for x, e in zip(grid.xs, (100, 500, 800, 1100), strict=True)] == [True] * 4
    assert grid.vertical.tolist() == [[True, False], [True, True], [True, True]]  # row 1: one cell over two
    assert grid.horizontal.all()


def test_text_in_a_merged_cell_is_repeated_in_each_position_it_covers():
    image = _ruled(_page())
    [grid] = ruled_grids(image)
    boxes = [
        _box(120, 316, "项目"), _box(560, 316, "三公经费"),
        _box(120, 376, "预算数"), _box(520, 376, "公务接待费"), _box(820, 376, "公务用车"),
        _box(120, 436, "2026"), _box(520, 436, "0.73"), _box(820, 436, "9.98"),
    ]  # fmt: skip
    assert grid_rows(grid, boxes) == [
        ["项目", "三公经费", "三公经费"],
        ["预算数", "公务接待费", "公务用车"],
        ["2026", "0.73", "9.98"],
    ]


def test_a_cell_of_two_wrapped_lines_reads_as_one_text():
    image = _ruled(_page())
    [grid] = ruled_grids(image)
    boxes = [_box(520, 363, "公务用车购置"), _box(520, 392, "及运行费")]
    assert grid_rows(grid, boxes)[1][1] == "公务用车购置及运行费"


def test_boxes_on_one_baseline_are_one_line_split_at_column_wide_gaps():
    [line] = lines([_box(100, 200, "公务接待费"), _box(230, 203, "(万元)"), _box(700, 198, "0.73")])
    assert [text for _, _, text in line.chunks] == ["公务接待费 (万元)", "0.73"]


def test_a_page_gives_its_title_its_ruled_table_and_an_unruled_aligned_table():
    image = _ruled(_page())
    boxes = [
        _box(400, 200, "财政拨款三公经费预算表"),
        _box(120, 316, "项目"), _box(560, 316, "三公经费"),
        _box(120, 376, "预算数"), _box(520, 376, "公务接待费"), _box(820, 376, "公务用车"),
        _box(120, 436, "2026"), _box(520, 436, "0.73"), _box(820, 436, "9.98"),
        *(_box(x, y, t) for y, row in ((600, ("科目", "名称", "金额")), (650, ("201", "一般公共服务支出", "12.50")),
                                       (700, ("208", "社会保障和就业支出", "3.20")))
          for x, t in zip((100, 400, 900), row, strict=True)),
    ]  # fmt: skip
    blocks = page_blocks(image, boxes, 3)
    assert blocks[0] == Paragraph("财政拨款三公经费预算表", page=3)
    assert isinstance(blocks[1], Table) and blocks[1].rows[2] == ["2026", "0.73", "9.98"]
    assert blocks[2] == Table(
        rows=[["科目", "名称", "金额"], ["201", "一般公共服务支出", "12.50"], ["208", "社会保障和就业支出", "3.20"]],
        page=3,
    )


def test_lines_wrapped_at_the_right_margin_are_one_paragraph():
    text = ["一、部门主要职能是负责全区财政收支管理和预算编制的各项工作并", "组织执行,监督财政资金的使用。",
            "二、部门决算单位构成。"]  # fmt: skip
    boxes = [_box(100, 200, text[0], width=1040), _box(100, 240, text[1]), _box(100, 280, text[2])]
    assert page_blocks(_page(), boxes, 1) == [
        Paragraph(text[0] + text[1], page=1),
        Paragraph(text[2], page=1),
    ]


def test_a_box_read_across_cell_borders_is_cut_at_them():
    image = _ruled(_page())
    [grid] = ruled_grids(image)
    # the figures of narrow columns read as one box (as on the 三公 statement of the Jiangsu 人大 2018 budget)
    assert grid_rows(grid, [_box(120, 436, "2026"), _box(520, 436, "0.739.98", width=540)])[2] == [
        "2026",
        "0.73",
        "9.98",
    ]
    # a figure and the label of the next cell ("27,664.22一、基本支出" on a 收支总表)
    assert grid_rows(grid, [_box(380, 376, "27,664.22一、基本支出", width=360)])[1] == ["27,664.22", "一、基本支出", ""]
