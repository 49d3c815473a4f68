"""Extraction measured against the golden labels (tests/golden) of the corpus seeds, PDFs and excerpts, and
of the real reports of other templates (tests/golden/real and ../shared/golden/real)."""

from decimal import Decimal

import pytest

from benchmarks.accuracy import cases, evaluate
from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def accuracy():
    return evaluate(cases("seeds", "pdf", "excerpts"))


def test_every_corpus_document_has_a_golden_file(accuracy):
    corpus = {p.name for folder in ("seeds", "pdf", "excerpts") for p in (SEEDS.parent / folder).iterdir()}
    assert {d for d in accuracy if d not in ("all", "confirmed")} == corpus


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
def test_precision_and_recall_on_the_golden_set(accuracy, mart, floor):
    score = accuracy["all"][mart]
    assert score.expected > 0
    assert score.precision >= floor and score.recall >= floor, (score.matched, score.extracted, score.expected)


@pytest.fixture(scope="module")
def real_accuracy():
    return evaluate(cases("real"))


def test_every_real_report_has_a_golden_file(real_accuracy):
    # the Shenzhen 绩效目标 workbooks are labelled with the targets they hold (performance_target)
    reports = {p.name for p in (SEEDS.parent / "real").iterdir() if not p.name.startswith("shenzhen_")}
    assert {d for d in real_accuracy if d not in ("all", "confirmed")} == reports


@pytest.mark.parametrize(
    ("mart", "floor"),
    [("dim_document", 1.0), ("fct_sangong", 0.98), ("fct_budget_line", 0.98), ("fct_headcount", 1.0)],
)
def test_precision_and_recall_on_real_reports_of_other_templates(real_accuracy, mart, floor):
    score = real_accuracy["all"][mart]
    assert score.expected > 0
    assert score.precision >= floor and score.recall >= floor, (score.matched, score.extracted, score.expected)


def test_subject_lines_of_real_statements_are_read_with_their_codes(real_accuracy):
    # printed with their codes in the statements, or named in words in a 说明 (coded by the national list)
    score = real_accuracy["all"]["subject_lines"]
    assert score.expected >= 600
    assert score.precision >= 0.98 and score.recall >= 0.98, (score.matched, score.extracted, score.expected)


def test_the_seeds_rendered_as_word_and_pdf_score_as_the_seeds():
    rendered = evaluate(cases("rendered"))
    assert len(rendered) - 2 == 15  # 5 seeds × (.docx, portrait PDF, landscape PDF), then "all" and "confirmed"
    for mart, score in rendered["all"].items():
        assert score.precision == 1.0 and score.recall == 1.0, (mart, score)


def test_most_facts_read_from_real_reports_are_confirmed_by_a_second_statement(real_accuracy):
    shares = real_accuracy["confirmed"]
    assert shares["canonical facts"].extracted > 500
    # 科目 a 说明 prints once (a 说明-only file, the prior year's budget beside each item) have nothing to agree with
    assert shares["canonical facts"].precision >= 0.8 and shares["all money facts"].precision >= 0.85, shares


def test_no_self_evaluation_is_read_from_a_budget(real_accuracy):
    assert real_accuracy["all"]["fct_performance_evaluation"].extracted == 0


def _tables(name, folder="seeds"):
    path = SEEDS.parent / folder / name
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
    assert functions["2013101"] == Decimal("592.0000")  # 一般公共服务/党委办公厅(室)及相关机构事务/行政运行
    assert functions["2210201"] == Decimal("56.7400")  # 住房保障支出/住房改革支出/住房公积金
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


def _pdf_tables(name):
    from datetime import datetime

    from tests.conftest import CORPUS_PDF

    path = CORPUS_PDF / name
    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


def test_function_and_economic_classification_tables():
    shanghai = _pdf_tables("shanghai_putuo_caizhengju_2024_juesuan.pdf")
    rows = {(r["line_code"], r["page"]): r for r in shanghai["budget_line"] if r["source"] == "table"}
    assert rows[("2010601", 8)]["line_name"] == "行政运行"
    assert rows[("2010601", 8)]["amount_wan"] == Decimal("1511.9000")
    assert rows[("30102", 16)]["statement"] == "basic_by_economic"
    assert rows[("30102", 16)]["amount_wan"] == Decimal("1238.5800")
    jiangsu = _pdf_tables("jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf")
    line = next(r for r in jiangsu["budget_line"] if r["line_code"] == "2013101")
    assert (line["measure"], line["amount_wan"], line["fiscal_year"]) == ("initial_budget", Decimal("9370.1200"), 2019)


def test_sangong_tables_with_a_column_per_category():
    shanghai = {
        (r["measure"], r["category"]): r for r in _pdf_tables("shanghai_putuo_caizhengju_2024_juesuan.pdf")["sangong"]
    }
    assert shanghai[("budget", "total")]["amount_wan"] == Decimal("0.9500")
    assert shanghai[("budget", "reception")]["page"] == 18
    jiangsu = {
        r["category"]: r["amount_wan"]
        for r in _pdf_tables("jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf")["sangong"]
    }
    assert jiangsu == {
        "total": Decimal("508.2000"),
        "outbound_travel": Decimal("70.0000"),
        "vehicle_total": Decimal("411.2000"),
        "vehicle_operation": Decimal("411.2000"),
        "reception": Decimal("27.0000"),
    }


def test_a_table_that_cannot_be_mapped_is_reported_with_page_and_title():
    findings = _pdf_tables("jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf")["finding"]
    unread = [f for f in findings if f["check_id"] == "table_not_read"]
    assert [f["page"] for f in unread] == [12]
    assert "page 12: table “2019年政府采购预算表" in unread[0]["message"]


def test_each_fact_says_which_part_of_the_report_it_came_from():
    tables = _tables("004_49c7c66149f159f0.txt")  # a 决算 with a 整体自评 and three 项目自评表
    assert [(e["scope"], e["part"]) for e in tables["evaluation"]] == [
        ("department", "dept_performance"),
        *[("project", "project_performance")] * 3,
    ]
    assert {r["part"] for r in tables["sangong"]} == {"final_accounts"}
    basic = {(r["amount_wan"], r["part"]) for r in tables["budget_line"] if r["line_code"] == "basic_expenditure"}
    assert (Decimal("1250.1400"), "final_accounts") in basic
    assert {i["part"] for i in tables["indicator"] if i["evaluation_id"].endswith("-2")} == {"project_performance"}
    assert all("_block" not in r for rows in tables.values() for r in rows)


def test_sichuan_form_exported_one_cell_per_line_is_read():
    tables = _tables("sichuan_qingshen_fagaiju_2023_xiangmu_zipingbiao.txt", "excerpts")
    (evaluation,) = tables["evaluation"]
    assert (evaluation["project_code"], evaluation["project_name"], evaluation["adjusted_budget_wan"]) == (
        "51000021R000000019951", "工资性支出", Decimal("251.8900"),
    )  # fmt: skip
    assert [(i["level3"], i["target_operator"], i["target_value"], i["target_unit"], i["weight"])
            for i in tables["indicator"]] == [
        ("发放(缴纳)覆盖率", "=", Decimal("100"), "%", Decimal("60")),
        ("足额保障率(参保率)", "=", Decimal("100"), "%", Decimal("30")),
    ]  # fmt: skip
    assert tables["document"][0]["department_name"] == "青神县发展和改革局"  # printed "…本级"


def test_sangong_row_that_lost_its_empty_cells_is_placed_by_the_identities_not_published():
    # "22.00 | 8.77 | 14.00 | 8.47 | 14.00 | 8.47 | 8.00 | 0.30" under 12 预算数/决算数 columns: every placement
    # that keeps the identities leaves 出国 blank; the table's figures confirm the text's, and are not facts
    tables = _tables("shanghai_jiading_sifaju_2017_sangong_juesuan.txt", "excerpts")
    assert {(r["measure"], r["category"], r["source"], r["confirmed"]) for r in tables["sangong"]} == {
        ("budget", "total", "text", True), ("actual", "total", "text", True),
        ("actual", "outbound_travel", "text", True), ("actual", "vehicle_total", "text", True),
        ("actual", "reception", "text", True),
    }  # fmt: skip
    assert not [f for f in tables["finding"] if f["check_id"] == "table_row_misaligned"]
    (zero,) = [f for f in tables["finding"] if f["check_id"] == "percent_from_zero_base" and "完成率" in f["message"]]
    assert "因公出国(境)费决算为0万元,完成预算的0%" in zero["message"] and "预算在表中空白" in zero["message"]
    checks = ("parts_do_not_sum_to_total", "yoy_percent_mismatch", "completion_rate_mismatch")
    assert not [f for f in tables["finding"] if f["check_id"] in checks]
