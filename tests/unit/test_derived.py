"""Derived figures of the 说明 (增长率, 占比, 完成率) recomputed from the printed levels; the printed precision
decides between a rounding slip (info) and a contradiction (warning). Sentences are quoted from corpus reports."""

from decimal import Decimal
from pathlib import Path

from ingest.document import Document, Paragraph
from ingest.extract import extract
from ingest.extract.derived import check_derived, severity
from ingest.readers import read
from tests.conftest import SHARED


def _derived(*paragraphs: str) -> list[tuple]:
    doc = Document("x.txt", "txt", [Paragraph(p) for p in paragraphs])
    return [(f["check_id"], f["severity"], f["expected"], f["actual"]) for f in check_derived(doc, "doc")]


def test_a_growth_rate_is_the_change_over_the_prior_level():
    # 嘉定 2017 and 峨边 2024: right at face value
    assert _derived("机关运行经费支出130.18万元,比2023年增加44.91万元,增长52.67%。") == []
    # seed 004: "减少0.17%" is 254.58 / (1250.14 + 254.58)
    assert _derived("收、支总计均为1250.14万元。与2023年相比,收、支总计各减少254.58万元,减少0.17%。") == [
        ("yoy_percent_mismatch", "warning", "16.92", "0.17")
    ]
    # 江苏检察院 2019 p26: 13.22% is the line above's growth, 1237.7 / 5573.0 = 22.21%
    assert _derived("项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%。") == [
        ("yoy_percent_mismatch", "warning", "22.21", "13.22")
    ]


def test_a_percentage_right_when_truncated_is_a_rounding_slip():
    # 江苏检察院 2019 p27: 1311.6 / 3666.0 = 35.777%: 35.78 rounded, 35.77 truncated
    assert _derived("一般行政管理事务（项）2354.4万元，与上年相比减少1311.6万元，减少35.77%。") == [
        ("yoy_percent_mismatch", "info", "35.78", "35.77")
    ]
    assert severity("35.77", Decimal("35.777"), Decimal("35.776"), Decimal("35.778")) == "info"
    assert severity("35.78", Decimal("35.777"), Decimal("35.776"), Decimal("35.778")) is None
    assert severity("35.70", Decimal("35.777"), Decimal("35.776"), Decimal("35.778")) == "warning"


def test_a_share_is_the_part_over_the_whole_listed_before_qizhong():
    # 江苏政协 2017 p8: every share recomputes
    kept = "本年支出预算合计9,146.79万元，其中：基本支出5,916.27万元，占64.68%；项目支出3,123.68万元，占34.15%；"
    assert _derived(kept + "单位预留机动经费106.84万元，占1.17%。") == []
    # 江苏检察院 2018 p25: 13,994.31 / 21,955.35 = 63.74%, printed 63.75 to make the shares add to 100
    broken = "本年支出预算合计21,955.35万元，其中：基本支出13,994.31万元，占63.75%。"
    assert _derived(broken) == [("share_mismatch", "warning", "63.74", "63.75")]


def test_a_percentage_of_a_zero_base_has_no_value():
    assert _derived("因公出国（境）费年初预算为0万元，支出决算为0万元，完成预算的0%。") == [
        ("percent_from_zero_base", "warning", None, "0")
    ]
    assert _derived("公务接待费年初预算为8.00万元，支出决算为0.30万元，完成预算的3.75%。") == []


def test_the_derived_figures_of_a_real_report():
    """江苏省人民检察院 2019 部门预算: the growth rates the careful reader found wrong, beyond and within the bound."""
    doc = read(Path(SHARED / "corpus" / "real" / "jiangsu_jianchayuan_2019_yusuan.pdf"))
    found = {(f["expected"], f["actual"]): f["severity"] for f in check_derived(doc, "doc")}
    assert found[("10.09", "10.06")] == "warning"  # 2214.39 / 21955.35
    assert found[("22.21", "13.22")] == "warning"
    assert found[("35.78", "35.77")] == "info"
    assert found[("34.36", "34.38")] == "warning"


def test_a_rate_between_two_printed_levels_is_checked_against_the_base_the_text_names():
    # 普陀区司法局 2026 单位预算 p6: 1434.89 is 15.13% below 1690.69, not 1.10%
    assert _derived("2025年当年预算执行数为1690.69万元,2026年预算安排1434.89万元,比2025年预算执行数减少1.10%。") == [
        ("yoy_percent_mismatch", "warning", "15.13", "1.10")
    ]
    # 万里街道 2024 p7: right, and an increase from nothing
    assert _derived("2023年当年预算执行数为15.00万元,2024年预算安排30.00万元,比2023年预算执行数增加100.00%。") == []
    assert _derived("2023年当年预算执行数为0.00万元,2024年预算安排25.00万元,比2023年预算执行数增加100.00%。") == [
        ("percent_from_zero_base", "warning", None, "100.00")
    ]


def test_a_sangong_category_completion_is_checked_against_its_budget_in_the_table():
    # 普陀区财政局 2024 决算 p23: 因公出国 has no budget (its table cell is 0), yet "完成预算的0%"
    text = "因公出国(境)费决算为0.00万元,完成预算的0%;公务接待费支出决算为0.60万元,完成预算的63.16%。"
    budgets = [
        {"category": "outbound_travel", "measure": "budget", "fiscal_year": 2024, "amount_wan": Decimal("0"),
         "value_raw": "0.00"},
        {"category": "reception", "measure": "budget", "fiscal_year": 2024, "amount_wan": Decimal("0.95"),
         "value_raw": "0.95"},
    ]  # fmt: skip
    doc = Document("x.txt", "txt", [Paragraph(text)])
    found = [(f["check_id"], f["expected"], f["actual"]) for f in check_derived(doc, "doc", 2024, [], budgets)]
    assert found == [("percent_from_zero_base", None, "0")]


def test_a_report_whose_derived_figures_hold_gets_no_finding():
    """江苏省政协办公厅 2017 说明: every share, growth rate and the prior year named in words recompute."""
    doc = read(Path(SHARED / "corpus" / "real" / "jiangsu_zhengxie_2017_yusuan_wenjian.pdf"))
    assert [f for f in check_derived(doc, "doc", 2017) if f["severity"] == "warning"] == []


def test_a_level_printed_twice_differently_is_found_by_the_rate_that_fits_one_of_them():
    # 万里街道 2024 p9 item 31: 0.53% fits the item's 350.35 (its table prints 3,503,499元), not 352.67
    text = (
        "31.住房保障支出(类)住房改革支出(款)住房公积金(项)350.35万元,主要用于住房公积金。2023年当年预算执行数为"
        "348.52万元,2024年预算安排352.67万元,比2023年预算执行数增加0.53%。"
    )
    assert _derived(text) == [("level_stated_twice_differently", "warning", "350.35", "352.67")]


def test_template_wording_blank_amounts_and_stale_years_are_found():
    from ingest.extract.checks import check_text

    def checks(text: str, year: int) -> list[tuple]:
        doc = Document("x.txt", "txt", [Paragraph(text)])
        return [(f["check_id"], f["actual"]) for f in check_text(doc, "doc", year)]

    # 江苏人大 2019 p16, 江苏政协 2018 p12, 万里街道 2025 p30 and p9, seed 004 L81
    assert checks("2019年政府性基金支出预算支出 万元。", 2019) == [("amount_missing", "支出万元")]
    assert checks("(按“部门预算公开06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写)", 2018)[0][0] == (
        "template_placeholder_left"
    )
    assert checks("因公出国(境)费0.00万元，比2024年预算持平，主要原因是qq。", 2025) == [
        ("template_placeholder_left", "原因是qq")
    ]
    assert checks("主要行政运行。2023年当年预算执行数为。", 2025)[0] == ("amount_missing", "执行数为")
    assert checks("因公出国(境)支出决算比2022年持平。", 2024) == [("fiscal_year_out_of_place", "2022")]
    # kept: the year before, and a reason that is given
    assert checks("比2023年预算执行数增加0.53%。主要原因是:住房公积金经费增加。", 2024) == []


def test_nothing_spent_is_no_share_of_the_budget():
    # seed 004 L81-85: each 三公 item "支出0万元，完成预算100%"; the 三公 total's "完成预算0%" is right
    assert _derived("1.因公出国（境）经费支出0万元，完成预算100%。") == [
        ("completion_rate_mismatch", "warning", "0", "100")
    ]
    assert _derived("“三公”经费财政拨款预算数为17万元，支出决算为0万元，完成预算0%。") == []


def test_a_chart_label_restates_the_share_its_line_has_in_the_text():
    # seed 004 (县委办 2024 决算): the 说明's shares, then the pie's labels printed with other figures
    text = (
        "2024年度一般公共预算财政拨款支出1250.14万元，主要用于以下方面：:一般公共服务支出902.84万元，占72.22%；"
        "社会保障和就业支出124.32万元，占9.94%；农林水支出148.17万元，占11.85%。"
    )
    assert _derived(text, "销售额\t一般公共服务支出, 75.31%", "农林水支出,5.6%") == [
        ("share_mismatch", "warning", "72.22", "75.31"),
        ("share_mismatch", "warning", "11.85", "5.6"),
    ]
    # the same labels printed with the shares the amounts give (and a line the text gives no share) agree
    assert _derived(text, "一般公共服务支出, 72.22%", "农林水支出,11.85%", "卫生健康支出, 1.58%") == []
    # a label to fewer digits, truncated: a rounding slip
    assert _derived(text, "农林水支出,11.8%") == [("share_mismatch", "info", "11.85", "11.8")]


def test_the_chart_labels_of_seed_004_are_found_in_every_format():
    for name in ("004_49c7c66149f159f0.txt", "004_49c7c66149f159f0.docx", "004_49c7c66149f159f0.landscape.pdf"):
        folder = "seeds" if name.endswith(".txt") else "rendered"
        doc = read(SHARED / "corpus" / folder / name)
        labels = sorted(
            (f["expected"], f["actual"]) for f in check_derived(doc, "doc", 2024) if "图表标签" in f["message"]
        )
        assert labels == [("1.45", "1.58"), ("11.85", "5.6"), ("4.54", "4.19"), ("72.22", "75.31"), ("9.94", "13.32")]


def test_a_sangong_category_left_blank_in_the_table_has_no_budget():
    # 普陀区财政局 2024 决算 p23 as the warehouse reads it: the table's 因公出国 and 公务用车 budget cells are blank,
    # its 合计 0.95 is the 公务接待费 alone; "完成预算的0%" of each blank budget is a percentage of nothing
    text = (
        "因公出国(境)费决算为0.00万元,完成预算的0%;公务用车购置及运行维护费支出决算为0.00万元,完成预算的0%;"
        "公务接待费支出决算为0.00万元,完成预算的0%。"
    )
    budgets = [
        {"category": category, "measure": "budget", "fiscal_year": 2024, "amount_wan": Decimal("0.95"),
         "value_raw": "0.95"}
        for category in ("total", "reception")
    ]  # fmt: skip
    doc = Document("x.txt", "txt", [Paragraph(text)])
    found = [(f["check_id"], f["actual"]) for f in check_derived(doc, "doc", 2024, [], budgets)]
    assert found == [("percent_from_zero_base", "0"), ("percent_from_zero_base", "0")]
    # the whole document: the same two, with the 三公 table read by the extractor
    real = read(SHARED / "corpus" / "pdf" / "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    extraction = extract(real, {"document_id": "d"})
    assert [f["actual"] for f in extraction.finding if f["check_id"] == "percent_from_zero_base"] == ["0", "0"]
    # a 合计 that the categories read do not make up says nothing of a blank one
    budgets[0]["amount_wan"] = Decimal("1.95")
    assert check_derived(doc, "doc", 2024, [], budgets) == []
