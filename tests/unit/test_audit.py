"""The auditor's further checks (ingest/extract/audit.py) on real reports: each finds the contradiction a report
prints, and is silent on a report (or the items of one) that is consistent."""

from functools import cache

from ingest.document import Document, Paragraph
from ingest.extract import extract
from ingest.extract.audit import (
    check_basic_split,
    check_change_directions,
    check_changes_of_parts,
    check_empty_notes,
    check_filler_sections,
    check_fund_changes,
    check_government_level,
    check_item_purposes,
    check_item_reasons,
    check_listed_components,
    check_listed_items,
    check_reasons_cut_off,
    check_sangong_changes,
    check_template_rows,
    check_units_missing,
)
from ingest.extract.checks import check_text
from ingest.extract.classify import classify
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
            "empty_note_contradicts_statement",
            "warning",
            "47.91",
            "注:本部门2024年无三公经费和机关运行经费预算,故本表为空表。",
            31,
        )
    ]
    # the 国有资本经营 table's note names 政府性基金; the 政府性基金 table's (p17) is right, and both are empty
    copied = _doc("real", "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf")
    assert _figures(check_empty_notes(copied, "d", locate(copied))) == [
        ("empty_note_contradicts_statement", "info", "国有资本经营", "政府性基金", 18)
    ]
    # empty statements with their own notes
    right = _doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf")
    assert check_empty_notes(right, "d", locate(right)) == []


def test_a_basic_expenditure_split_two_ways():
    # 收支总表 人员经费 20,374,181 + 公用经费 1,744,680 and 基本支出表 20,272,981.00 + 1,845,880.34: both 22,118,861
    split = extract(_doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"), {"document_id": "d"})
    assert _figures(check_basic_split(split.budget_line, "d")) == [
        ("same_line_differs", "warning", "2037.4181", "2027.2981", 18),
        ("same_line_differs", "warning", "174.4680", "184.5880", 18),
    ]
    same = extract(_doc("real", "shanghai_putuo_zhengfuban_2025_danwei_yusuan.pdf"), {"document_id": "d"})
    assert check_basic_split(same.budget_line, "d") == []


def test_the_items_listed_with_their_budget_and_actual():
    # 年初预算 2993.92 and 决算 2940.05, the 11 项 listed after 其中 sum to 2993.93 and 2940.06 (rounding slips)
    report = _doc("pdf", "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    assert _figures(check_listed_items(report, "d")) == [
        ("parts_do_not_sum_to_total", "info", "2993.92", "2993.93", 21),
        ("parts_do_not_sum_to_total", "info", "2940.05", "2940.06", 21),
    ]
    # the same 说明 with the whole printed as its items' sums
    fixed = [
        Paragraph(p.text.replace("2993.92", "2993.93").replace("2940.05", "2940.06"), p.page) for p in report.paragraphs
    ]
    assert check_listed_items(Document("x.pdf", "pdf", fixed), "d") == []


def test_the_funds_changes_add_up_to_the_appropriations():
    # 财政拨款 +3,355.65; 一般公共预算 -15,621.11, 政府性基金 and 国有资本经营 持平
    assert _figures(check_fund_changes(_doc(*RERENDER), "d")) == [
        ("change_stated_twice_differently", "warning", "3355.65", "-15621.11", 7)
    ]
    # the same sentences in the report's first rendering, its 一般公共预算 +3,355.65
    assert check_fund_changes(_doc("real", "shanghai_putuo_wanli_2025_bumen_yusuan.pdf"), "d") == []


def _text_findings(folder: str, name: str, check_id: str) -> list[tuple]:
    doc = _doc(folder, name)
    year = classify(doc).fiscal_year
    return [f for f in _figures(check_text(doc, "d", year)) if f[0] == check_id]


def test_a_blank_amount_in_two_items_is_two():
    # "主要行政运行。2023年当年预算执行数为。" (p9) and "主要住房公积金。2023年当年预算执行数为。" (p10): one blank each
    assert _text_findings(*RERENDER, "amount_missing") == [
        ("amount_missing", "warning", None, "2023年当年预算执行", 7),
        ("amount_missing", "warning", None, "执行数", 9),
        ("amount_missing", "warning", None, "执行数为", 9),
        ("amount_missing", "warning", None, "执行数为", 10),
    ]


def test_the_scope_of_the_reports_own_budget_is_of_its_year():
    # a 2019 report: "纳入本部门2018年部门汇总预算编制范围的预算单位共计一家"
    assert _text_findings("real", "jiangsu_renda_2019_yusuan_wenjian.pdf", "fiscal_year_out_of_place") == [
        ("fiscal_year_out_of_place", "warning", "2019", "2018", 5)
    ]
    # "纳入本部门2019年部门汇总预算编制范围" in a 2019 report
    assert _text_findings("real", "jiangsu_jianchayuan_2019_yusuan.pdf", "fiscal_year_out_of_place") == []


def test_a_mandatory_columns_footnote_left_in_is_one_finding():
    # "注:“科目编码”和“科目名称”为必填项" under six tables: the template's instruction, no figure affected
    assert _text_findings("real", "jiangsu_jianchayuan_2019_yusuan.pdf", "template_placeholder_left") == [
        ("template_placeholder_left", "info", None, "为必填项", 16)
    ]
    assert _text_findings("real", "jiangsu_jianchayuan_2018_yusuan.pdf", "template_placeholder_left") == []


def test_a_rate_is_recomputed_from_the_level_the_statements_print():
    # item 13 "购房补贴(03项)207万元 … 2026年预算安排170.03万元,比2025年预算执行数241.76万元增加21.74%": the table prints
    # 2,070,000元; item 7's rate fits its heading 56.12 (left as it was), item 1 has one level only
    doc = _doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf")
    found = extract(doc, {"document_id": "d"}).finding
    rates = [f for f in _figures(found) if f[0] in ("level_stated_twice_differently", "yoy_percent_mismatch")]
    assert rates == [
        ("yoy_percent_mismatch", "warning", "15.13", "1.10", 6),
        ("level_stated_twice_differently", "warning", "56.12", "57.8", 6),
        ("yoy_percent_mismatch", "info", "24.00", "22.22", 7),
        ("yoy_percent_mismatch", "info", "93.52", "93.51", 7),
        ("level_stated_twice_differently", "warning", "207", "170.03", 7),
        ("yoy_percent_mismatch", "warning", "-14.38", "21.74", 7),
    ]


def test_the_changes_of_parts_add_up_to_the_totals():
    # 收、支预算总计 21,955.35 "各增加3,958.67"; 基本 13,994.31 (+1,670.85) + 项目 5,573 (+40) + 机动 2,388.04
    # (+2,247.84) = 21,955.35 but their changes 3,958.69; the 类 (16,458.75 + 1,836.22 + 3,660.38) agree: +3,958.67
    assert _figures(check_changes_of_parts(_doc("real", "jiangsu_jianchayuan_2018_yusuan.pdf"), "d")) == [
        ("parts_do_not_sum_to_total", "info", "3958.67", "3958.69", 23)
    ]
    # 公共安全(类) 16,593.12 "增加134.37万元" while its five 项 (two new this year, "上年…无此项级科目": 315 and
    # 469.5 from 0) add up to 16,593.12 with changes of +148.76; the 10 项 give the total's +2228.78, not 2214.39
    assert [
        f[2:4] for f in _figures(check_changes_of_parts(_doc("real", "jiangsu_jianchayuan_2019_yusuan.pdf"), "d"))
    ] == [
        ("2214.39", "2228.78"),
        ("2228.78", "2214.39"),
        ("134.37", "148.76"),
    ]
    # a report whose parts' changes add up
    assert check_changes_of_parts(_doc("real", "jiangsu_renda_2018_yusuan.pdf"), "d") == []


def test_a_sangong_categorys_rate_from_its_level_stated_elsewhere():
    # "其中：因公出国(境)费支出决算减少0万元，降低0%；公务用车购置及运行维护费支出决算减少0.29万元，降低3.31%；公务接待费
    # 支出决算增加0.01万元，增长3.45%" with the levels 0, 8.47 and 0.30 in the sentence before: 出国 was 0 the year
    # before, no rate; 8.47 + 0.29 and 0.30 - 0.01 give 3.31% and 3.45%, and the 三公's 8.77 + 0.28 its 3.09%
    doc = _doc("excerpts", "shanghai_jiading_sifaju_2017_sangong_juesuan.txt")
    report = extract(doc, {"document_id": "d"})
    assert _figures(check_sangong_changes(doc, "d", 2017, report.sangong)) == [
        ("percent_from_zero_base", "warning", None, "0", None)
    ]


def test_an_items_purpose_against_the_column_it_is_booked_in():
    # "一般行政管理事务(项)。主要用于:局财政业务指导与宣传等基本支出" while the 支出表 books its 10.00 in 项目支出;
    # "行政运行(项)。主要用于:局本部人员经费及公用经费等的基本支出" has its 1,503.52 in 基本支出
    report = _doc("pdf", "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    assert _figures(check_item_purposes(report, "d", locate(report))) == [
        ("purpose_contradicts_statement", "info", "项目支出", "基本支出", 22)
    ]


def test_sections_filled_with_a_placeholder():
    # 项目经费情况说明 (p32): "一、项目概述" "1", "二、立项依据" "1" … seven sections
    assert _figures(check_filler_sections(_doc(*RERENDER), "d")) == [
        ("template_placeholder_left", "warning", None, "1", 32)
    ]
    # a heading followed by its page's number ("第四部分 名词解释" "2" on page 2, "二、…构成情况" "4" on page 4)
    assert check_filler_sections(_doc("real", "jiangsu_jianchayuan_2018_yusuan.pdf"), "d") == []


def test_a_template_row_of_ellipses_left_in_a_statement():
    # the 国有资本经营 table (p26) keeps the template's "..." row below its note
    rerender = _doc(*RERENDER)
    assert _figures(check_template_rows(rerender, "d", locate(rerender))) == [
        ("template_placeholder_left", "info", None, "...", 26)
    ]
    # the same report's first rendering, without it
    first = _doc("real", "shanghai_putuo_wanli_2025_bumen_yusuan.pdf")
    assert check_template_rows(first, "d", locate(first)) == []


def test_the_components_of_personnel_and_public_spending_the_text_lists():
    # "人员经费2152.26万元,主要包括:…、退休费、个人农业生产补贴" while the 基本支出表 leaves 303 10 个人农业生产补贴 blank
    report = _doc("pdf", "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    assert _figures(check_listed_components(report, "d", locate(report))) == [
        ("purpose_contradicts_statement", "info", "0", "个人农业生产补贴", 23)
    ]
    # "主要包括:基本工资、津贴补贴、奖金(98.89)、…、住房公积金": each booked in the 基本支出表
    budget = _doc("real", "jiangsu_renda_2018_yusuan.pdf")
    assert check_listed_components(budget, "d", locate(budget)) == []


def test_the_funds_are_compared_with_one_base():
    # "一般公共预算…比2024年预算增加24,491.71万元；政府性基金…比2024年预算执行数持平；国有资本经营…比2024年预算执行数持平"
    mixed = _doc("real", "shanghai_putuo_shangwuwei_2025_bumen_yusuan.pdf")
    assert _figures(check_fund_changes(mixed, "d")) == [
        ("comparison_base_mixed", "info", "2024年预算", "2024年预算执行数", 7)
    ]
    # "比2024年预算增加107.62万元；政府性基金…与2024年预算持平；…与2024年预算持平": one base, and the changes add up
    assert check_fund_changes(_doc("real", "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf"), "d") == []


def test_an_items_reason_naming_another_item():
    # "群众团体事务(款)一般行政管理事务(项)…主要组织事务一般行政管理事务经" (item 3's 款 and 项) in six items, and
    # "城乡社区管理事务(款)城管执法(项)…主要城乡社区管理事务一般行政管理事务" (item 25's); the other 26 items give their own
    found = _figures(check_item_reasons(_doc(*RERENDER), "d"))
    assert [(f[2], f[4]) for f in found] == [
        ("组织事务一般行政管理事务", 7),
        ("组织事务一般行政管理事务", 7),
        ("组织事务一般行政管理事务", 7),
        ("组织事务一般行政管理事务", 7),
        ("组织事务一般行政管理事务", 8),
        ("组织事务一般行政管理事务", 9),
        ("城乡社区管理事务一般行政管理事务", 9),
    ]
    assert found[-1][3] == "城乡社区管理事务城管执法"


def test_an_amount_printed_without_its_unit():
    # "2023年当年预算执行数为0.00。", "…为20.00。", "…为318.14。" (items 7 and 10 print "15.00万", "10.00万")
    assert _figures(check_units_missing(_doc(*RERENDER), "d")) == [
        ("amount_without_unit", "info", None, "0.00", 8),
        ("amount_without_unit", "info", None, "20.00", 8),
        ("amount_without_unit", "info", None, "318.14", 10),
    ]
    # "2025年当年预算执行数为1690.69万元" …: every amount with its unit
    assert check_units_missing(_doc("real", "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"), "d") == []


def test_a_reason_cut_off_mid_word():
    # "主要机关。" (机关事业单位职业年金缴费支出), "…经费增。", "…经费保持。", "…一般行政管理事务经。": 14 of the 33 items; the
    # others end their reasons ("主要专项普查活动", "主要其他公共安全支出经费增加", "…经费保持不变")
    found = _figures(check_reasons_cut_off(_doc(*RERENDER), "d"))
    assert len(found) == 14
    assert ("reason_cut_off", "info", None, "机关", 8) in found
    assert ("reason_cut_off", "info", None, "其他城乡社区住宅支出经费保持", 10) in found
    assert check_reasons_cut_off(_doc("real", "shanghai_putuo_wanli_2025_bumen_yusuan.pdf"), "d") == []


def test_terms_defined_for_another_level_of_government():
    # a 区级 report whose 名词解释 defines 财政拨款收入, 基本支出, 项目支出 and 三公经费 for 市级 bodies (p5)
    copied = _doc("real", "shanghai_putuo_wanli_2024_bumen_yusuan.pdf")
    assert _figures(check_government_level(copied, "d")) == [
        ("government_level_out_of_place", "warning", "区级", "市级", 5)
    ]
    # the next year's report of the same department defines them for 区级 bodies, as its title says
    assert check_government_level(_doc("real", "shanghai_putuo_wanli_2025_bumen_yusuan.pdf"), "d") == []
