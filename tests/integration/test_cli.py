"""The rest of the command line: defaults, bad arguments, query formats, Parquet export."""

import csv
import io
import json

import duckdb
import pytest

from tests.helpers import guide_questions, query, run_cli


def test_run_without_flags_uses_the_bundled_samples(tmp_path, monkeypatch):
    warehouse = tmp_path / "yusuan.duckdb"
    monkeypatch.delenv("YUSUAN_LANDING", raising=False)
    monkeypatch.setenv("YUSUAN_WAREHOUSE", str(warehouse))
    code, out = run_cli("run")
    assert code == 0, out
    assert "documents: 5 seen, 5 new, 0 failed" in out
    assert query(warehouse, "SELECT file_format FROM marts.dim_document ORDER BY 1") == [
        ("docx",), ("docx",), ("pdf",), ("txt",), ("xlsx",)
    ]  # fmt: skip
    # the analyst guide's question on targets against results, on the project's 绩效目标 and its self-evaluation
    assert query(warehouse, guide_questions()["Q11"]) == [
        ("法律援助办案经费", "工作任务完成率", "达到95%以上", "≥ 95 %", "98", "promised_and_reported", "met"),
        ("法律援助办案经费", "开展专项督查", "≥12次", "≥ 12 次", "14", "promised_and_reported", "met"),
        ("法律援助办案经费", "服务对象满意度", "≥98%", "≥ 90 %", "96", "promised_and_reported", "not_met"),
        ("法律援助办案经费", "项目总成本", "不超过36.00万元", None, None, "promised_not_reported", None),
        ("法律援助办案经费", "完成时限", None, "= 12 月", "12", "reported_not_promised", None),
    ]


def test_bad_arguments_exit_2(tmp_path, capsys):
    assert run_cli("run", "--landing", str(tmp_path / "missing"))[0] == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        run_cli("run", "--no-such-flag")
    assert exc.value.code == 2
    assert run_cli("query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb"))[0] == 2


def test_query_formats(seeds_run):
    _, warehouse, _, _ = seeds_run
    sql = "SELECT department_name, fiscal_year FROM marts.dim_document WHERE fiscal_year = 2021"
    code, out = run_cli("query", sql, "--warehouse", str(warehouse), "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["department_name", "fiscal_year"],
        ["沅江市委办公室", "2021"],
    ]
    code, out = run_cli("query", sql, "--warehouse", str(warehouse), "--format", "json")
    assert json.loads(out) == [{"department_name": "沅江市委办公室", "fiscal_year": 2021}]
    code, out = run_cli("query", sql, "--warehouse", str(warehouse))
    assert out.splitlines()[2].split() == ["沅江市委办公室", "2021"]


def test_query_rejects_writes_and_bad_sql(seeds_run, capsys):
    _, warehouse, _, _ = seeds_run
    assert run_cli("query", "DELETE FROM marts.dim_document", "--warehouse", str(warehouse))[0] == 1
    assert "read-only" in capsys.readouterr().err
    assert run_cli("query", "SELEC nonsense", "--warehouse", str(warehouse))[0] == 1


def test_export_parquet_writes_every_mart(seeds_run, tmp_path):
    _, warehouse, _, _ = seeds_run
    assert run_cli("export", "--parquet", str(tmp_path), "--warehouse", str(warehouse))[0] == 0
    con = duckdb.connect(str(warehouse), read_only=True)
    for table in ("dim_document", "fct_sangong", "fct_quality_finding"):
        exported = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / table}.parquet'").fetchone()
        assert exported == con.execute(f"SELECT count(*) FROM marts.{table}").fetchone()
