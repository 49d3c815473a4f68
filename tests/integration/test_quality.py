"""Quality gates and findings: what each seed really contradicts, and gates that block bad data."""

import json
import shutil
from decimal import Decimal

import pytest

from orchestration import settings
from tests.conftest import SEEDS
from tests.helpers import file_digest, query, run_cli

EXPECTED_FINDINGS = {
    "000_4d800827b66f7bef.txt": {("parts_do_not_sum_to_total", "210.45", "200.45")},
    "001_66e78293cd0851a8.txt": {
        ("text_and_table_disagree", "254.7700", "273.1000"),
        ("part_exceeds_whole", "151.9500", "373.0000"),  # one project's 执行数 beyond the whole 项目支出
        ("count_stated_twice_differently", "56", "115"),  # the same tasks counted as 56 and as 115
        ("indicator_weights_do_not_sum", "100", "110"),  # a funding sub-row with 分值 of its own
        ("template_placeholder_left", None, "(一个专项一行)"),  # the 基础数据表's example row left in
    },
    "002_62ac2a61d3324a6b.txt": {
        ("amount_missing", None, "总分", "info"),  # section scores, no total
        ("part_exceeds_whole", "7.0000", "9.5000"),  # 9.5万元 spent of a 7万元 budget
    },
    "003_5069244cfe29a9a5.txt": {
        ("text_and_table_disagree", "145.2900", "152.8100"),
        ("execution_rate_mismatch", "0.9979", "1.0000"),
        ("execution_score_mismatch", "10.00", "9"),  # 执行率 100% of 分值 10 scored 9
        ("basic_plus_project_exceeds_form_spending", "1435.0900", "1438.4600"),
        ("staff_control_rate_mismatch", "91.18", "91.17", "info"),  # 62 / 68 truncated
        ("fiscal_year_out_of_place", "2023", "2024"),  # a 2023 form's 时效 target set in 2024
        ("template_placeholder_left", None, "(此页为封面)"),  # the cover page left as the template's
        ("template_placeholder_left", None, "(每个专项一行)"),
        ("amount_missing", None, "≤万元"),  # a 成本指标 target without its amount
    },
    "004_49c7c66149f159f0.txt": {
        ("basic_is_personnel_plus_public", "1024.3100", "1250.1400"),
        ("yoy_percent_mismatch", "16.92", "0.17"),
        ("sangong_printed_in_yuan", "17.0000", "170000元"),
        # the 决算说明's 类 against the 项 it lists: a rounding slip of four parts, and one part 0.01 off
        ("function_class_sums", "124.3100", "124.3200", "info"),
        ("function_class_sums", "56.7400", "56.7300"),
        # the 三公 compared with 2022 in a report on 2024, the vehicles counted at the end of 2021
        ("fiscal_year_out_of_place", "2023", "2022"),
        ("fiscal_year_out_of_place", "2024", "2021"),
        ("template_placeholder_left", None, "(根据自评体系进行描述)"),
        ("completion_rate_mismatch", "0", "100"),  # three 三公 items: "支出0万元，完成预算100%"
        # the projects: their count against the list and the forms, their narratives against their forms, a
        # 成本指标 beyond what was spent, and a chart's 2023 bar against the text's level and change
        ("count_differs_from_parts_listed", "3", "2"),
        ("evaluations_stated_fewer_than_forms", "3", "2"),
        ("narrative_differs_from_form", "0.0000", "70"),
        ("narrative_differs_from_form", "0.0000", "11.26"),
        ("narrative_differs_from_form", "0.0000", "18.5"),
        ("narrative_differs_from_form", "11.2600", "18.5"),
        ("part_exceeds_whole", "11.2600", "45"),
        ("chart_differs_from_text", "1504.72", "1492.91"),
        # the pie's labels against the shares the 说明's amounts give
        ("share_mismatch", "72.22", "75.31"),
        ("share_mismatch", "9.94", "13.32"),
        ("share_mismatch", "1.45", "1.58"),
        ("share_mismatch", "4.54", "4.19"),
        ("share_mismatch", "11.85", "5.6"),
    },
}


def _findings(warehouse):
    rows = query(
        warehouse,
        """SELECT d.file_name, f.check_id, f.severity, f.expected, f.actual, f.message
           FROM marts.fct_quality_finding f JOIN marts.dim_document d USING (document_id)""",
    )
    found = {name: set() for name in EXPECTED_FINDINGS}
    for name, check, severity, expected, actual, _ in rows:
        found[name].add((check, expected, actual) + (() if severity == "warning" else (severity,)))
    return found, rows


def test_each_seed_gets_the_findings_it_really_contains_and_no_others(seeds_run):
    _, warehouse, code, out = seeds_run
    assert code == 0, out
    found, _ = _findings(warehouse)
    assert found == EXPECTED_FINDINGS


def test_findings_say_what_differs(seeds_run):
    _, warehouse, _, _ = seeds_run
    _, rows = _findings(warehouse)
    messages = {check: message for _, check, _, _, _, message in rows}
    assert "sum to 200.45万元, not 210.45万元" in messages["parts_do_not_sum_to_total"]
    assert "减少0.17%" in messages["yoy_percent_mismatch"] and "16.92%" in messages["yoy_percent_mismatch"]
    assert "人员经费 864.51 + 公用经费 159.8" in messages["basic_is_personnel_plus_public"]


def test_a_document_full_of_warnings_is_published_with_all_its_facts(seeds_run):
    _, warehouse, _, _ = seeds_run
    counts = query(
        warehouse,
        """SELECT (SELECT count(*) FROM marts.fct_quality_finding WHERE document_id = d.document_id),
                  (SELECT count(*) FROM marts.fct_sangong WHERE document_id = d.document_id),
                  (SELECT count(*) FROM marts.fct_performance_evaluation WHERE document_id = d.document_id),
                  (SELECT count(*) FROM marts.fct_performance_indicator WHERE document_id = d.document_id),
                  d.extraction_status
           FROM marts.dim_document d WHERE d.file_name = '004_49c7c66149f159f0.txt'""",
    )
    assert counts == [(24, 7, 4, 30, "ok")]
    basic = query(
        warehouse,
        """SELECT amount_wan FROM marts.fct_budget_line JOIN marts.dim_document USING (document_id)
           WHERE file_name = '004_49c7c66149f159f0.txt' AND line_code = 'basic_expenditure' ORDER BY 1""",
    )
    assert {row[0] for row in basic} == {Decimal("1024.3100"), Decimal("1250.1400")}  # both statements kept


def test_quality_report_lists_findings_per_document(seeds_run):
    _, warehouse, _, out = seeds_run
    report = (warehouse.parent / "reports" / "quality.html").read_text(encoding="utf-8")
    assert f"quality report: {warehouse.parent / 'reports' / 'quality.html'}" in out
    assert "004_49c7c66149f159f0.txt" in report and "yoy_percent_mismatch" in report
    assert "gx_marts__fct_sangong" in report and "published" in report


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Two seeds published once; each test corrupts its own copy of the warehouse folder."""
    root = tmp_path_factory.mktemp("gates")
    landing = root / "landing"
    landing.mkdir()
    for name in ("001_66e78293cd0851a8.txt", "004_49c7c66149f159f0.txt"):
        shutil.copy(SEEDS / name, landing / name)
    warehouse = root / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    return landing, warehouse


def _corrupt(entry: dict, how: str) -> None:
    tables = entry["tables"]
    if how == "orphan_fact":
        tables["sangong"][0]["document_id"] = "0000000000000000"
    elif how == "amount_not_a_number":
        tables["sangong"][0]["amount_wan"] = "5.42万"
    elif how == "missing_provenance":
        tables["sangong"][0]["value_raw"] = None
    elif how == "unknown_code":
        tables["sangong"][0]["category"] = "travel"
    elif how == "quarantine_leak":  # a quarantined document's fact loaded with another document's: marts catch it
        tables["document"][0]["extraction_status"] = "quarantined"


@pytest.mark.parametrize(
    ("how", "gate", "expectation"),
    [
        ("orphan_fact", "raw/sangong gx_raw__sangong", "expect_column_values_to_be_in_set(column=document_id)"),
        ("amount_not_a_number", "raw/sangong gx_raw__sangong", "expect_column_values_to_match_regex(column=amount_wan"),
        ("missing_provenance", "raw/sangong gx_raw__sangong", "expect_column_values_to_not_be_null(column=value_raw)"),
        ("unknown_code", "raw/sangong gx_raw__sangong", "expect_column_values_to_be_in_set(column=category)"),
        (
            "quarantine_leak",
            "marts/fct_sangong gx_marts__fct_sangong",
            "expect_column_values_to_be_in_set(column=document_id)",
        ),
    ],
)
def test_error_gate_blocks_publication(published, tmp_path, how, gate, expectation):
    landing, original = published
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    shutil.copytree(original.parent, warehouse.parent)
    before = file_digest(warehouse)
    entry_path = next(
        p for p in settings.cache_dir(warehouse).rglob("*.json") if json.loads(p.read_text())["tables"]["sangong"]
    )
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    _corrupt(entry, how)
    if how == "quarantine_leak":  # one of its facts travels in the other document's entry, into raw.sangong
        other_path = next(p for p in settings.cache_dir(warehouse).rglob("*.json") if p != entry_path)
        other = json.loads(other_path.read_text(encoding="utf-8"))
        other["tables"]["sangong"].append(entry["tables"]["sangong"].pop())
        other_path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 1, out
    assert f"FAILED {gate}" in out
    assert expectation in out
    assert "NOT published" in out
    assert file_digest(warehouse) == before
    report = (warehouse.parent / "reports" / "quality.html").read_text(encoding="utf-8")
    assert "NOT published" in report and "未通过的检查" in report and expectation.split("(")[0] in report
