"""A generated corpus of every report kind and format, some reports deliberately inconsistent: the warehouse
holds exactly the rows and the findings each truth file lists."""

import pytest
import yaml

from benchmarks.run import accuracy
from samples.corpus import generate
from tests.helpers import query, run_cli

# the contradictions the flawed reports carry, each a warehouse or extraction check
PLANTED = {
    "function_class_sums", "income_total_is_expenditure_total", "sangong_parts_sum_to_total",
    "sangong_vehicle_parts_sum", "basic_is_personnel_plus_public", "parts_do_not_sum_to_total",
    "indicator_score_above_weight", "execution_rate_mismatch", "sangong_printed_in_yuan", "text_and_table_disagree",
    "column_parts_sum", "row_parts_sum",
}  # fmt: skip


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    generate(root, 18)  # three rounds of the six kinds; the second round is flawed
    warehouse = root / "warehouse" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(root / "landing"), "--warehouse", str(warehouse))
    assert code == 0, out
    return root, warehouse


def test_every_mart_holds_exactly_the_truth(generated):
    root, warehouse = generated
    scores = accuracy(root, warehouse)
    assert {mart: (s.matched, s.extracted) for mart, s in scores.items()} == {
        mart: (s.expected, s.expected) for mart, s in scores.items()
    }
    assert scores["fct_quality_finding"].expected >= len(PLANTED)


def test_each_planted_contradiction_is_published_with_what_differs(generated):
    root, warehouse = generated
    truths = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (root / "truth").glob("*.yaml")]
    planted = {
        (truth["file"], f["check_id"]) for truth in truths for f in truth["findings"] if f.get("severity") != "info"
    }
    assert {check for _, check in planted} == PLANTED
    published = query(
        warehouse,
        """SELECT d.file_name, f.check_id, f.severity, f.message FROM marts.fct_quality_finding f
           JOIN marts.dim_document d USING (document_id) WHERE f.severity <> 'info'""",
    )
    assert {(name, check) for name, check, _, _ in published} == planted
    assert {severity for _, _, severity, _ in published} == {"warning"}
    messages: dict[str, list[str]] = {}
    for _, check, _, message in published:
        messages.setdefault(check, []).append(message)
    assert any("收支总表: 总计" in m for m in messages["income_total_is_expenditure_total"])
    assert any(m.startswith("功能分类 20103") for m in messages["function_class_sums"])  # a table's 款
    assert any("社会保障和就业支出 (说明)" in m for m in messages["function_class_sums"])  # a 类 in the text


def test_each_promised_indicator_is_set_beside_the_result_its_project_reported(generated):
    root, warehouse = generated
    truths = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (root / "truth").glob("*.yaml")]
    expected = sorted(
        (row["project_name"], row["level3"], row["status"], row["attainment"])
        for truth in truths
        for row in truth["target_attainment"]
    )
    rows = query(
        warehouse,
        "SELECT project_name, level3, status, attainment, project_match, evaluation_id FROM marts.fct_target_attainment",
    )
    assert len(expected) == 10  # two projects: 4 promised (1 never reported) and 1 reported but never promised
    assert sorted(row[:4] for row in rows) == expected
    # one project's forms both print its 项目编码; the other's 绩效目标 does not, and is found by name
    codes = {
        truth["targets"][0]["project_name"]: truth["targets"][0]["project_code"] for truth in truths if truth["targets"]
    }
    assert {name: match for name, _, _, _, match, _ in rows} == {name: "project_code" for name in codes} | {
        row[0]: "department_and_name" for row in rows if row[0] not in codes
    }
    assert all(evaluation for *_, evaluation in rows)
