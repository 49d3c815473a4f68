"""The rest of the command line: defaults, bad arguments, query formats, Parquet export, the dbt docs."""

import csv
import io
import json
import threading
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.helpers import file_digest, guide_questions, query, run_cli


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory) -> tuple[Path, int, str]:
    """`yusuan run` without flags (the bundled samples) into a temporary warehouse: (file, exit code, stdout)."""
    warehouse = tmp_path_factory.mktemp("samples") / "yusuan.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.delenv("YUSUAN_LANDING", raising=False)
        env.setenv("YUSUAN_WAREHOUSE", str(warehouse))
        code, out = run_cli("run")
    return warehouse, code, out


def test_run_without_flags_uses_the_bundled_samples(samples_run):
    warehouse, code, out = samples_run
    assert code == 0, out
    assert "documents: 8 seen, 8 new, 0 failed" in out
    assert query(warehouse, "SELECT file_format FROM marts.dim_document ORDER BY 1") == [
        ("docx",), ("docx",), ("docx",), ("pdf",), ("pdf",), ("pdf",), ("txt",), ("xlsx",)
    ]  # fmt: skip
    # the analyst guide's question on targets against results, on the project's 绩效目标 and its self-evaluation
    assert query(warehouse, guide_questions()["Q11"]) == [
        ("法律援助办案经费", "工作任务完成率", "达到95%以上", "≥ 95 %", "98", "promised_and_reported", "met"),
        ("法律援助办案经费", "开展专项督查", "≥12次", "≥ 12 次", "14", "promised_and_reported", "met"),
        ("法律援助办案经费", "服务对象满意度", "≥98%", "≥ 90 %", "96", "promised_and_reported", "not_met"),
        ("法律援助办案经费", "项目总成本", "不超过36.00万元", None, None, "promised_not_reported", None),
        ("法律援助办案经费", "完成时限", None, "= 12 月", "12", "reported_not_promised", None),
    ]


@pytest.mark.parametrize("question", sorted(guide_questions(), key=lambda q: int(q[1:])))
def test_every_guide_question_has_an_answer_on_the_bundled_samples(samples_run, question):
    warehouse, code, out = samples_run
    assert code == 0, out
    assert query(warehouse, guide_questions()[question]), f"{question} returns no row on the bundled samples"


def test_docs_are_built_from_the_published_warehouse_without_writing_to_it(samples_run):
    warehouse, _, _ = samples_run
    before = file_digest(warehouse)
    code, out = run_cli("docs", "--warehouse", str(warehouse), "--no-serve")
    assert code == 0, out
    assert file_digest(warehouse) == before
    assert not warehouse.with_name(warehouse.name + ".wal").exists()
    docs = warehouse.parent / "docs"
    assert str(docs / "index.html") in out and (docs / "static_index.html").is_file()
    catalog = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["nodes"]) > 0 and "source.yusuan.raw.sangong" in catalog["sources"]
    columns = catalog["nodes"]["model.yusuan.fct_sangong"]["columns"]
    assert columns["amount_wan"]["type"] == "DECIMAL(18,4)" and columns["confirmed"]["type"] == "BOOLEAN"
    assert all(column["type"] for column in columns.values())
    manifest = json.loads((docs / "manifest.json").read_text(encoding="utf-8"))
    assert "三公经费" in manifest["docs"]["doc.yusuan.__overview__"]["block_contents"]
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert sorted(exposures) == ["quality_report", "starter_dashboard"]
    assert "model.yusuan.fct_quality_finding" in exposures["quality_report"]["depends_on"]["nodes"]
    assert "model.yusuan.fct_sangong_yoy" in exposures["starter_dashboard"]["depends_on"]["nodes"]
    assert all(e["owner"]["email"] == "data-team@example.org" for e in exposures.values())


def test_docs_are_served_over_http(tmp_path):
    from orchestration.docs import make_server

    (tmp_path / "index.html").write_text("<html>yusuan</html>", encoding="utf-8")
    server = make_server(tmp_path, port=0)  # any free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        with urllib.request.urlopen(f"http://{host}:{port}/index.html", timeout=10) as response:
            assert response.status == 200 and b"yusuan" in response.read()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_docs_need_a_published_warehouse(tmp_path, capsys):
    assert run_cli("docs", "--warehouse", str(tmp_path / "none.duckdb"), "--no-serve")[0] == 2
    assert "run `yusuan run` first" in capsys.readouterr().err


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
