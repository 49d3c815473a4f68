"""Extraction measured against the golden labels of the corpus seeds (../shared/golden)."""

from decimal import Decimal

import pytest

from benchmarks.accuracy import evaluate, golden_files
from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def accuracy():
    return evaluate(p for p in golden_files() if p.parent.name == "golden" and p.parent.parent.name == "shared")


@pytest.mark.parametrize(
    ("mart", "floor"),
    [
        ("dim_document", 0.98),
        ("fct_sangong", 0.98),
        ("fct_budget_line", 0.98),
        ("fct_headcount", 0.98),
        ("fct_performance_evaluation", 0.98),
        ("fct_performance_indicator", 0.95),
    ],
)
def test_precision_and_recall_on_the_seeds(accuracy, mart, floor):
    score = accuracy["all"][mart]
    assert score.expected > 0
    assert score.precision >= floor and score.recall >= floor, (score.matched, score.extracted, score.expected)


def _tables(name):
    path = SEEDS / name
    from datetime import datetime

    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


def test_junshan_department_and_project_forms():
    tables = _tables("001_66e78293cd0851a8.txt")
    evaluations = tables["evaluation"]
    assert [(e["scope"], e["project_name"], e["total_score"]) for e in evaluations] == [
        ("department", None, Decimal("99")),
        ("project", "区委办专项", Decimal("98")),
    ]
    counts = [sum(i["evaluation_id"] == e["evaluation_id"] for i in tables["indicator"]) for e in evaluations]
    assert counts == [12, 11]
    first = tables["indicator"][0]
    assert (first["level1"], first["level2"], first["level3"], first["target_raw"], first["actual_raw"]) == (
        "产出指标", "数量指标", "积极开展理论学习.培训", "12次", "20次",
    )  # fmt: skip
    cost = next(i for i in tables["indicator"] if i["level3"] == "支出不超过预算批复金额")
    assert (cost["target_operator"], cost["target_value"], cost["target_unit"]) == ("<=", Decimal("1013.19"), "万元")
    assert all(i["weight"] is not None and i["score"] is not None for i in tables["indicator"])


def test_ebian_projects_function_lines_and_sangong_in_yuan():
    tables = _tables("004_49c7c66149f159f0.txt")
    projects = [e for e in tables["evaluation"] if e["scope"] == "project"]
    assert [(e["project_code"], e["adjusted_budget_wan"]) for e in projects] == [
        ("51113224T000011946988", Decimal("70.0000")),
        ("51113223T000009127151", Decimal("144.5700")),
        ("51113222T000000294166", Decimal("11.2600")),
    ]
    functions = {r["line_code"]: r["amount_wan"] for r in tables["budget_line"] if r["statement"] == "by_function"}
    assert functions["一般公共服务/党委办公厅(室)及相关机构事务/行政运行"] == Decimal("592.0000")
    assert functions["住房保障支出/住房改革支出/住房公积金"] == Decimal("56.7400")
    assert all(
        r["fiscal_year"] == 2024 and r["measure"] == "actual"
        for r in tables["budget_line"]
        if r["statement"] == "by_function"
    )
    budget = next(r for r in tables["sangong"] if r["measure"] == "budget")
    assert (budget["amount_wan"], budget["value_raw"]) == (Decimal("17.0000"), "170000元")


def test_sichuan_target_columns_are_parsed():
    tables = _tables("004_49c7c66149f159f0.txt")
    row = next(i for i in tables["indicator"] if i["level3"] == "农户满意度")
    assert (row["target_raw"], row["target_operator"], row["target_value"], row["target_unit"]) == (
        "≥ 95 %",
        ">=",
        Decimal("95"),
        "%",
    )
    qualitative = next(i for i in tables["indicator"] if i["level3"] == "是否完成相关工作")
    assert (qualitative["target_operator"], qualitative["target_value"]) == (None, None)
