"""Derived figures of the 说明 (增长率, 占比, 完成率) recomputed from the printed levels; the printed precision
decides between a rounding slip (info) and a contradiction (warning). Sentences are quoted from corpus reports."""

from decimal import Decimal
from pathlib import Path

from ingest.document import Document, Paragraph
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
