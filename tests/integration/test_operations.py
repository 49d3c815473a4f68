"""Running unattended: the cache, parser upgrades, crashes at the worst moment, readers during a run."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest.progress import Progress
from orchestration import settings
from tests.conftest import PROJECT, SEEDS
from tests.helpers import file_digest, query, run_cli

SEED_NAMES = ("001_66e78293cd0851a8.txt", "004_49c7c66149f159f0.txt")


@pytest.fixture
def landed(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, landing / name)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    return landing, warehouse


def _cache(warehouse: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in settings.cache_dir(warehouse).rglob("*.json")}


def test_a_run_with_nothing_new_reads_nothing_and_rebuilds_nothing(landed):
    landing, warehouse = landed
    before, published = _cache(warehouse), file_digest(warehouse)
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0 and "2 seen, 0 new" in out and "is up to date" in out
    assert _cache(warehouse) == before  # no entry rewritten: nothing was parsed
    assert file_digest(warehouse) == published


def test_a_change_to_the_warehouse_code_rebuilds_from_the_cache(landed, monkeypatch):
    landing, warehouse = landed
    import warehouse.fingerprint as fingerprint

    monkeypatch.setattr(fingerprint, "_code_digest", lambda: "a new dbt model")
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0 and "2 seen, 0 new" in out and "published" in out and "up to date" not in out


def test_a_new_parser_version_re_extracts_everything(landed, monkeypatch):
    landing, warehouse = landed
    import ingest.cache
    import ingest.pipeline

    monkeypatch.setattr(ingest.cache, "PARSER_VERSION", "99.0.0")
    monkeypatch.setattr(ingest.pipeline, "PARSER_VERSION", "99.0.0")
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0 and "2 seen, 2 new" in out
    assert query(warehouse, "SELECT DISTINCT parser_version FROM marts.dim_document") == [("99.0.0",)]


KILL_DURING_LOAD = """
import os, signal, sys
import warehouse.load

connect = warehouse.load.connect

class Dying:
    def __init__(self, con):
        self.con = con
    def execute(self, sql, *args):
        if sql.startswith("CREATE OR REPLACE TABLE raw.sangong"):
            os.kill(os.getpid(), signal.SIGKILL)  # half-way through the raw load's transaction
        return self.con.execute(sql, *args)
    def __getattr__(self, name):
        return getattr(self.con, name)

warehouse.load.connect = lambda *a, **k: Dying(connect(*a, **k))
"""

KILL_DURING_PUBLISH = """
import os, signal

def dying(*args):
    os.kill(os.getpid(), signal.SIGKILL)  # the build is checkpointed, the swap has not happened

os.replace = dying
"""


@pytest.mark.parametrize("fault", [KILL_DURING_LOAD, KILL_DURING_PUBLISH], ids=["during_load", "during_publish"])
def test_a_run_killed_leaves_the_last_warehouse_and_the_next_run_recovers(landed, fault):
    landing, warehouse = landed
    (landing / "003.txt").write_bytes((SEEDS / "003_5069244cfe29a9a5.txt").read_bytes())
    published = file_digest(warehouse)
    script = fault + (
        "\nimport sys\nfrom orchestration.cli import main\n"
        f"sys.exit(main(['run', '--landing', {str(landing)!r}, '--warehouse', {str(warehouse)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert done.returncode == -9, done.stdout + done.stderr
    assert file_digest(warehouse) == published
    assert query(warehouse, "SELECT count(*) FROM marts.dim_document") == [(2,)]

    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    assert query(warehouse, "SELECT count(*), count(DISTINCT document_id) FROM marts.dim_document") == [(3, 3)]
    keys = "document_id, fiscal_year, measure, category"
    assert query(warehouse, f"SELECT count(*) - count(DISTINCT ({keys})) FROM marts.fct_sangong") == [(0,)]


def test_a_reader_holding_the_published_file_does_not_stop_a_run(landed):
    landing, warehouse = landed
    reader = duckdb.connect(str(warehouse), read_only=True)
    assert reader.execute("SELECT count(*) FROM marts.dim_document").fetchone() == (2,)
    (landing / SEED_NAMES[0]).unlink()
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    assert reader.execute("SELECT count(*) FROM marts.dim_document").fetchone() == (2,)  # its version
    reader.close()
    assert query(warehouse, "SELECT count(*) FROM marts.dim_document") == [(1,)]  # reconnected: the new one
    assert not Path(str(warehouse) + ".wal").exists()


def test_progress_on_a_terminal_and_silence_elsewhere():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(3, stream=stream, every=0)
        for _ in range(3):
            progress.advance()
    assert "parsed 3/3 documents" in terminal.getvalue() and "/s" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_extraction_on_a_dask_cluster_gives_the_same_marts(landed, tmp_path):
    from distributed import LocalCluster

    landing, pooled = landed
    warehouse = tmp_path / "dask" / "yusuan.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse), "--dask",
                            cluster.scheduler_address)  # fmt: skip
    assert code == 0, out
    assert "2 seen, 2 new, 0 failed" in out
    for table in ("fct_sangong", "fct_budget_line", "fct_performance_indicator", "fct_quality_finding"):
        sql = f"SELECT * FROM marts.{table} ORDER BY ALL"
        assert query(warehouse, sql) == query(pooled, sql), table
    columns = "document_id, report_kind, department_name, fiscal_year, self_eval_score, extraction_status"
    assert query(warehouse, f"SELECT {columns} FROM marts.dim_document ORDER BY 1") == query(
        pooled, f"SELECT {columns} FROM marts.dim_document ORDER BY 1"
    )
