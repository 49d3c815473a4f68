"""The auditor's further checks (ingest/extract/audit.py) on real reports: each finds the contradiction a report
prints, and is silent on a report (or the items of one) that is consistent."""

from functools import cache

from ingest.document import Document, Paragraph
from ingest.extract import extract
from ingest.extract.audit import (
    check_basic_split,
    check_change_directions,
    check_empty_notes,
    check_fund_changes,
    check_listed_items,
)
from ingest.extract.statements import locate
from ingest.readers import read
from tests.conftest import SHARED


@cache
def _doc(folder: str, name: str) -> Document:
    return read(SHARED / "corpus" / folder / name)


def _figures(findings: list[dict]) -> list[tuple]:
    return [(f["check_id"], f["severity"], f["expected"], f["actual"], f["page"]) for f in findings]


RERENDER = ("real", "shanghai_putuo_wanli_2025_bumen_yusuan_rerender.pdf")


def test_a_stated_direction_against_the_two_levels():
    # "58.28万元，上年:421.23万元，主要公益性岗位补贴经费增加" and two more; the other 30 items of the list agree
    # with their levels (257.80 over 133.30 "增加", 483.33 under 599.33 "减少", 30.00 and 30.00 "保持不变")
    assert _figures(check_change_directions(_doc(*RERENDER), "d")) == [
        ("change_direction_contradicts_levels", "warning", "-362.95", "增加", 8),
        ("change_direction_contradicts_levels", "warning", "-5.34", "增加", 9),
        ("change_direction_contradicts_levels", "warning", "4312.87", "减少", 9),
    ]


def test_an_empty_statements_note_against_the_statement():
    # a 三公 table with 47.91 in it under "故本表为空表"
    filled = _doc("real", "shanghai_putuo_wanli_2024_bumen_yusuan.pdf")
    assert _figures(check_empty_notes(filled, "d", locate(filled))) == [
        (
            "empty_note_on_filled_statement",
            "warning",
            "47.91",
            "注:本部门2024年无三公经费和机关运行经费预算,故本表为空表。",
            31,
        )
    ]
    # the 国有资本经营 table's note names 政府性基金; the 政府性基金 table's (p17) is right, and both are empty
    copied = _doc("real", "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf")
    assert _figures(check_empty_notes(copied, "d", locate(copied))) == [
        ("empty_note_names_other_statement", "info", "国有资本经营", "政府性基金", 18)
    ]
    # empty statements with their own notes
    right = _doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf")
    assert check_empty_notes(right, "d", locate(right)) == []


def test_a_basic_expenditure_split_two_ways():
    # 收支总表 人员经费 20,374,181 + 公用经费 1,744,680 and 基本支出表 20,272,981.00 + 1,845,880.34: both 22,118,861
    split = extract(_doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"), {"document_id": "d"})
    assert _figures(check_basic_split(split.budget_line, "d")) == [
        ("basic_split_differs", "warning", "2037.4181", "2027.2981", 18),
        ("basic_split_differs", "warning", "174.4680", "184.5880", 18),
    ]
    same = extract(_doc("real", "shanghai_putuo_zhengfuban_2025_danwei_yusuan.pdf"), {"document_id": "d"})
    assert check_basic_split(same.budget_line, "d") == []


def test_the_items_listed_with_their_budget_and_actual():
    # 年初预算 2993.92 and 决算 2940.05, the 11 项 listed after 其中 sum to 2993.93 and 2940.06 (rounding slips)
    report = _doc("pdf", "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    assert _figures(check_listed_items(report, "d")) == [
        ("listed_items_do_not_sum", "info", "2993.92", "2993.93", 21),
        ("listed_items_do_not_sum", "info", "2940.05", "2940.06", 21),
    ]
    # the same 说明 with the whole printed as its items' sums
    fixed = [
        Paragraph(p.text.replace("2993.92", "2993.93").replace("2940.05", "2940.06"), p.page) for p in report.paragraphs
    ]
    assert check_listed_items(Document("x.pdf", "pdf", fixed), "d") == []


def test_the_funds_changes_add_up_to_the_appropriations():
    # 财政拨款 +3,355.65; 一般公共预算 -15,621.11, 政府性基金 and 国有资本经营 持平
    assert _figures(check_fund_changes(_doc(*RERENDER), "d")) == [
        ("fund_changes_do_not_sum", "warning", "3355.65", "-15621.11", 7)
    ]
    # the same sentences in the report's first rendering, its 一般公共预算 +3,355.65
    assert check_fund_changes(_doc("real", "shanghai_putuo_wanli_2025_bumen_yusuan.pdf"), "d") == []
