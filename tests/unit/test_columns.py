"""A 科目 statement's columns and rows add up, cell by cell, at the printed precision (STATEMENTS.md §2–3).
Rows are quoted from corpus statements."""

from __future__ import annotations

from ingest.document import Table
from ingest.extract.columns import check_statement_arithmetic
from ingest.extract.statements import Located, catalogue, locate
from ingest.readers import read
from tests.conftest import SHARED

# 普陀区司法局 2026 单位预算 p11 支出预算总表 (元)
SIFAJU_HEADER = [
    ["项目", "项目", "项目", "项目", "支出预算", "支出预算", "支出预算"],
    ["功能分类科目编码", "功能分类科目编码", "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"],
]
SIFAJU_ROWS = [
    ["204", "", "", "公共安全支出", "79,189,400.34", "14,348,853.34", "64,840,547.00"],
    ["204", "06", "", "司法", "79,189,400.34", "14,348,853.34", "64,840,547.00"],
    ["204", "06", "01", "行政运行", "14,348,853.34", "14,348,853.34", "64,840,547.00"],
    ["204", "06", "04", "基层司法业务", "21,703,947.00", "0.00", "21,703,947.00"],
    ["208", "", "", "社会保障和就业支出", "2,925,857.00", "2,925,857.00", "0.00"],
    ["208", "05", "", "行政事业单位养老支出", "2,925,857.00", "2,925,857.00", "0.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "2,925,857.00", "2,925,857.00", "0.00"],
    ["合计", "合计", "合计", "合计", "82,115,257.34", "17,274,710", "64,840,547.00"],
]


def _findings(rows: list[list[str]], title: str = "支出预算总表", unit: str = "元") -> list[tuple]:
    located = Located(Table(rows, page=11), title, catalogue().identify(title), unit)
    return sorted(
        (f["check_id"], f["severity"], f["expected"], f["actual"]) for f in check_statement_arithmetic([located], "d")
    )


def test_a_row_whose_total_is_not_its_parts_is_a_contradiction():
    # 行政运行: 合计 14,348,853.34 but 基本支出 14,348,853.34 + 项目支出 64,840,547.00 = 79,189,400.34; the sums
    # of the 项目支出 column it takes part in (司法 = Σ 项) are not reported again
    assert _findings(SIFAJU_HEADER + SIFAJU_ROWS) == [
        ("column_parts_sum", "info", "1727.471034", "1727.471"),
        ("row_parts_sum", "info", "8211.5257", "8211.525734"),
        ("row_parts_sum", "warning", "7918.940034", "1434.885334"),
    ]


def test_a_total_printed_to_the_yuan_over_parts_to_the_cent_is_a_rounding_slip():
    # p12 prints its 基本支出 合计 to the 元 (22,118,861) over 类 printed to the cent: a sum within the rounding
    # of the figures added is no finding at all when they agree to the 元
    rows = SIFAJU_HEADER + [[*r[:4], r[5], r[5], "0.00"] for r in SIFAJU_ROWS[4:7]]
    rows += [["合计", "合计", "合计", "合计", "2,925,857.00", "2,925,857", "0.00"]]
    assert _findings(rows) == []
    # a 元 off is beyond it; the 合计 row is reported once, by its own parts (which of its cells is wrong
    # is unknown)
    rows[-1][5] = "2,925,856"
    assert _findings(rows) == [("row_parts_sum", "warning", "292.5856", "292.5857")]


def test_a_total_above_its_parts_may_be_continued_on_the_next_page():
    # 江苏检察院 2018 p15 财政拨款支出预算表: the 合计 21,940.96 over the one 类 printed on this page
    rows = [
        ["", "功能科目代码", "功能科目名称", "金额"],
        ["", "", "合计", "21,940.96"],
        ["204", "", "公共安全支出", "16,444.36"],
        ["20404", "", "检察", "16,444.36"],
        ["2040401", "", "行政运行", "10,883.36"],
    ]
    assert _findings(rows, "财政拨款支出预算表", "万元") == []


def test_the_statements_of_a_real_report_add_up_but_for_their_rounding_slips():
    # 普陀区财政局 2024 决算: p8 收入决算表 合计 2,946.25 and 财政拨款收入 2,940.05, p10 支出决算表 基本支出 2,336.91,
    # each 0.01 under the sum of its four 类 (rounding); every other column, row and 款 adds up
    doc = read(SHARED / "corpus" / "pdf" / "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    found = sorted(
        (f["severity"], f["expected"], f["actual"], f["page"]) for f in check_statement_arithmetic(locate(doc), "d")
    )
    assert found == [
        ("info", "2336.92", "2336.91", 10),
        ("info", "2940.06", "2940.05", 8),
        ("info", "2946.26", "2946.25", 8),
    ]
    # 普陀区人民政府办公室 2025 单位预算: every statement adds up
    doc = read(SHARED / "corpus" / "real" / "shanghai_putuo_zhengfuban_2025_danwei_yusuan.pdf")
    assert check_statement_arithmetic(locate(doc), "d") == []
