"""The dbt warehouse: the analyst guide's questions, contracts that hold, Chinese views, offline docs."""

import os
import shutil
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from tests.conftest import PROJECT
from tests.helpers import guide_questions, query


def test_the_guide_has_eleven_questions():
    # Q11 (targets against results) is checked on the bundled samples: tests/integration/test_cli.py
    assert sorted(guide_questions(), key=lambda q: int(q[1:])) == [f"Q{n}" for n in range(1, 12)]


D = Decimal


@pytest.mark.parametrize(
    ("question", "check"),
    [
        ("Q1", lambda rows: rows == [
            ("中共岳阳市君山区委办公室", 2023, D("5.42"), D("2.14"), D("-3.28")),
            ("衡山县人民政府办公室", 2023, D("6.29"), D("6.02"), D("-0.27")),
        ]),
        ("Q2", lambda rows: len(rows) == 18 and ("衡山县人民政府办公室", None, "数量指标", "办文办会", "met", D("13"), D("12")) in rows),
        ("Q3", lambda rows: rows == [("中共峨边彝族自治县委办公室", 2024, "basic_by_economic", D("1250.14"), D("864.51"), D("159.80"))]),
        ("Q4", lambda rows: ("中共峨边彝族自治县委办公室", 2024, D("17"), D("0")) in rows
                            and ("中共江苏省委办公厅", 2019, D("508.20"), None) in rows and len(rows) == 7),
        ("Q5", lambda rows: rows == [("衡山县人民政府办公室", "project", "业务经费", D("482.29"), D("481.27"), D("1"), D("0.9979"))]),
        ("Q6", lambda rows: [r[1:3] for r in rows][:2] == [("2010601", "行政运行"), ("2010608", "财政委托业务支出")]),
        ("Q7", lambda rows: rows == [("(not stated)", 3, 94.67), ("湖南省", 1, 99.0)]),
        ("Q8", lambda rows: ("004_49c7c66149f159f0.txt", "yoy_percent_mismatch", None, "16.92", "0.17") in rows),
        ("Q9", lambda rows: ("衡山县人民政府办公室", 2023, 68, 62, 37) in rows and len(rows) == 4),
        ("Q10", lambda rows: len(rows) == 6 and rows[1][1] == "51113224T000011946988"),
    ],
)  # fmt: skip
def test_each_question_returns_the_expected_rows(corpus_run, question, check):
    rows = query(corpus_run, guide_questions()[question])
    assert check(rows), rows


def test_chinese_views_mirror_the_marts(corpus_run):
    assert query(corpus_run, 'SELECT count(*) FROM cn."三公经费"') == query(
        corpus_run, "SELECT count(*) FROM marts.fct_sangong"
    )
    rows = query(
        corpus_run,
        "SELECT 类别, 金额万元 FROM cn.\"三公经费\" WHERE 部门名称 = '中共峨边彝族自治县委办公室' AND 口径 = '预算数'",
    )
    assert rows == [("三公经费合计", D("17"))]
    assert query(corpus_run, "SELECT count(*) FROM cn.\"绩效指标\" WHERE 完成情况 IN ('达标', '未达标', '定性')") == [
        (71,)
    ]
    kinds = set(query(corpus_run, 'SELECT 报告类型, 抽取状态 FROM cn."报告"'))
    assert kinds == {("部门决算", "正常"), ("部门决算", "部分读取"), ("部门整体支出绩效自评", "正常"),
                     ("部门预算", "正常"), ("专项资金绩效评价", "正常")}  # fmt: skip
    finding = query(
        corpus_run,
        """SELECT 级别, 检查项, 应为, 实为 FROM cn."质量问题"
           WHERE 文件名 = '004_49c7c66149f159f0.txt' AND 检查项编码 = 'yoy_percent_mismatch'""",
    )
    assert finding == [("警告", "增减百分比与增减额不符", "16.92", "0.17")]
    # every code in a cn view is labelled: none shows the code itself
    assert query(
        corpus_run,
        "SELECT count(*) FROM cn.\"质量问题\" WHERE 检查项 = 检查项编码 OR 级别 NOT IN ('错误', '警告', '提示')",
    ) == [(0,)]
    assert (
        query(corpus_run, "SELECT DISTINCT 报表 FROM cn.\"预决算明细\" WHERE regexp_matches(报表, '^[a-z_]+$')") == []
    )


def test_chinese_views_work_when_the_file_is_attached_under_another_name(corpus_run, tmp_path):
    copy = tmp_path / "budget_copy.duckdb"
    shutil.copy(corpus_run, copy)
    con = duckdb.connect()
    con.execute(f"ATTACH '{copy}' AS other (READ_ONLY)")
    con.execute("USE other")
    assert con.execute('SELECT count(*) FROM cn."三公经费"').fetchone() == (50,)
    con.close()


def test_departments_match_across_title_variations(corpus_run):
    rows = query(
        corpus_run, "SELECT department_key, documents FROM marts.dim_department WHERE department_key = '江苏省委办公厅'"
    )
    assert rows == [("江苏省委办公厅", 2)]  # "江苏省委办公厅" and "中共江苏省委办公厅"


def _dbt(args: list[str], build_file, project_dir) -> subprocess.CompletedProcess:
    dbt = shutil.which("dbt", path=os.path.dirname(sys.executable))
    env = {**os.environ, "YUSUAN_BUILD_PATH": str(build_file), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run([dbt, *args, "--profiles-dir", str(project_dir)], cwd=project_dir, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda sql: sql.replace("    value_raw,\n", ""), "value_raw"),
        (
            lambda sql: sql.replace("    fiscal_year,", "    cast(fiscal_year as varchar) as fiscal_year,"),
            "fiscal_year",
        ),
    ],
    ids=["column_missing", "column_retyped"],
)
def test_a_mart_that_breaks_its_contract_fails_the_build(corpus_run, tmp_path, change, message):
    project = tmp_path / "dbt_project"
    shutil.copytree(PROJECT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "marts" / "fct_sangong.sql"
    model.write_text(change(model.read_text(encoding="utf-8")), encoding="utf-8")
    build = tmp_path / "yusuan.duckdb"  # the catalog name the views were built with
    shutil.copy(corpus_run, build)
    done = _dbt(["build", "--select", "fct_sangong"], build, project)
    assert done.returncode != 0
    assert "contract" in done.stdout.lower() and message in done.stdout


def test_dbt_docs_generate_offline(corpus_run, tmp_path):
    build = tmp_path / "yusuan.duckdb"
    shutil.copy(corpus_run, build)
    project = PROJECT / "dbt_project"
    done = _dbt(["docs", "generate", "--target-path", str(tmp_path / "docs")], build, project)
    assert done.returncode == 0, done.stdout
    catalog = (tmp_path / "docs" / "catalog.json").read_text(encoding="utf-8")
    assert "fct_sangong" in catalog and "dim_department" in catalog


def test_every_model_and_column_is_described():
    import json

    manifest = json.loads((PROJECT / "dbt_project" / "target" / "manifest.json").read_text(encoding="utf-8"))
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        assert node["description"], node["name"]
        if node["name"].startswith(("dim_", "fct_", "cn_")):
            assert node["columns"] and all(c["description"] for c in node["columns"].values()), node["name"]
