"""绩效目标: targets as printed, and the 申报表 workbooks read into fct_performance_target rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.document import Document, Paragraph, Table
from ingest.extract.target_forms import extract_targets
from ingest.extract.targets import read_target
from ingest.readers import read
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"
D = Decimal


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("达到95%以上", (">=", D("95"), "%")),
        ("出具评估报告总成本不超过0.3万元", ("<=", D("0.3"), "万元")),
        ("3个小时内", ("<=", D("3"), "个小时")),
        ("≥两场", (">=", D("2"), "场")),
        ("半小时内", ("<=", D("0.5"), "小时")),
        ("约50人", ("=", D("50"), "人")),
        ("13个社区", ("=", D("13"), "个")),
        ("》5000份", (">", D("5000"), "份")),
        ("少于3次/台机/年", ("<", D("3"), "次/台机/年")),
        ("小于等于23,739,200.00", ("<=", D("23739200.00"), None)),
        ("2023年支付成本不超过300万元", ("<=", D("300"), "万元")),  # the year is not the target
        ("≥90% ≥90%", (">=", D("90"), "%")),  # one target printed twice
        ("松岗辖区内基层矛盾纠纷化解率不低于50%", (">=", D("50"), "%")),  # 辖区内 is no "within"
        ("-3.5%", ("=", D("-3.5"), "%")),
        ("明显", (None, None, None)),
        ("11月底前完成", (None, None, None)),  # a deadline
        ("2023/11/30", (None, None, None)),
        ("102 120", (None, None, None)),  # two figures in one cell
        ("指派13个执业律师驻点13个社区", (None, None, None)),
    ],
)
def test_a_target_reads_as_its_comparison_figure_and_measure_word(raw, read):
    assert read_target(raw) == read


def test_a_form_per_sheet_gives_each_projects_indicators_and_funding_in_wan():
    rows, findings, budget_unit = extract_targets(read(REAL / "shenzhen_songgang_2023_jixiaomubiao_01.xlsx"), "d", 2023)
    assert len({r["target_id"] for r in rows}) == 20 and len(rows) == 120  # the 不适用 template rows left out
    first = rows[0]
    assert (first["project_code"], first["funding_total_wan"], first["level3"], first["target_raw"]) == (
        "440306231391500000173", "0.30", "需出具物业评估报告的物业数量", "1处",
    )  # fmt: skip  # 本年度项目金额(万元) 3,000.00: 元, as its 测算依据 "0.3万元" shows
    assert budget_unit == "深圳市宝安区松岗街道办事处(本级)"
    assert [f["check_id"] for f in findings] == ["target_amount_unit_decided"]
    assert "按元读取" in findings[0]["message"] and findings[0]["severity"] == "info"


def test_a_flat_export_joins_projects_and_indicators_by_code_and_reads_the_join_once():
    rows, _, _ = extract_targets(read(REAL / "shenzhen_songgang_2023_xiangmu_zhibiao_huizong.xlsx"), "d", 2023)
    assert len(rows) == 1555  # 指标信息 rows naming an indicator; the sheet `data` repeats the join
    by_code = {r["project_code"]: r for r in rows}
    assert by_code["440306231391500000172"]["funding_total_wan"] == "13.7584"  # 本年金额 137,584 元


def _form(amount: str, basis: str) -> Document:
    rows = [
        ["项目编码:", "001", "项目名称:", "普法宣传经费"],
        ["本年度项目金额(万元):", amount, "测算依据:", basis],
        ["一级指标", "二级指标", "三级指标", "目标值"],
        ["产出", "成本", "项目总成本", f"不超过{basis}"],
    ]
    return Document("form.xlsx", "xlsx", [Paragraph("2024年度项目支出绩效目标申报表", page=1), Table(rows, page=1)])


def test_a_form_whose_texts_restate_its_amount_in_wan_keeps_wan():
    rows, findings, _ = extract_targets(_form("36.00", "36.00万元"), "d", 2024)
    assert rows[0]["funding_total_wan"] == "36.00" and findings == []


def test_a_form_whose_texts_print_its_amount_over_10000_is_read_in_yuan():
    rows, findings, _ = extract_targets(_form("360000.00", "36万元"), "d", 2024)
    assert D(rows[0]["funding_total_wan"]) == 36 and findings[0]["check_id"] == "target_amount_unit_decided"
