"""BI access: the PostgreSQL replica (swap, read-only role) and SQLAlchemy over the published DuckDB file."""

import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import sqlalchemy

from tests.conftest import SEEDS
from tests.helpers import run_cli
from tests.postgres import private_cluster


@pytest.fixture(scope="module")
def postgres():
    with private_cluster() as dsn:
        yield dsn


def _reader(dsn: str) -> str:
    return dsn.replace("://yusuan@", "://yusuan_reader@")


def test_run_replicates_every_mart_for_the_read_only_role(corpus_run, postgres, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(SEEDS, landing)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse), "--postgres", postgres)
    assert code == 0, out
    assert "replicated marts and cn to PostgreSQL" in out
    import duckdb

    local = duckdb.connect(str(warehouse), read_only=True)
    tables = [r[0] for r in local.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()]  # fmt: skip
    with psycopg.connect(_reader(postgres)) as con:
        for table in tables:
            expected = local.execute(f"SELECT count(*) FROM marts.{table}").fetchone()[0]
            assert con.execute(f"SELECT count(*) FROM marts.{table}").fetchone()[0] == expected, table
        reception = con.execute(
            """SELECT s.amount_wan FROM marts.fct_sangong s JOIN marts.dim_document d USING (document_id)
               WHERE d.department_name = '中共岳阳市君山区委办公室' AND s.category = 'reception'
               AND s.measure = 'actual' AND s.fiscal_year = 2023"""
        ).fetchone()
        assert reception == (Decimal("2.1400"),)
        assert con.execute('SELECT count(*) FROM cn."三公经费"').fetchone()[0] == local.execute(
            "SELECT count(*) FROM marts.fct_sangong").fetchone()[0]  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("DELETE FROM marts.fct_sangong")
    local.close()


def test_a_publish_while_a_reader_holds_a_transaction(corpus_run, postgres):
    assert run_cli("publish", "--warehouse", str(corpus_run), "--postgres", postgres)[0] == 0
    with psycopg.connect(_reader(postgres)) as reader:
        before = reader.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0]  # transaction open
        done = {}
        thread = threading.Thread(target=lambda: done.update(result=run_cli(
            "publish", "--warehouse", str(corpus_run), "--postgres", postgres)))  # fmt: skip
        thread.start()
        thread.join(timeout=120)
        assert done["result"][0] == 0, done
        # the reader is not broken: its transaction goes on, and reads the replica (old or new, never half)
        assert reader.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0] == before
        reader.commit()
    with psycopg.connect(_reader(postgres)) as again:
        assert again.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0] == 8
        schemas = {r[0] for r in again.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts%'")}
        assert "marts" in schemas and "marts__loading" not in schemas


def test_sqlalchemy_reads_the_published_file_while_a_run_builds_the_next(corpus_run, tmp_path):
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(corpus_run, warehouse)
    landing = tmp_path / "landing"
    shutil.copytree(SEEDS, landing)
    yusuan = str(Path(sys.executable).parent / "yusuan")
    run = subprocess.Popen([yusuan, "run", "--landing", str(landing), "--warehouse", str(warehouse)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    reads = []
    while run.poll() is None:
        # the path Superset takes: duckdb-engine, read-only; a fresh engine sees the current published file
        engine = sqlalchemy.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
        with engine.connect() as con:
            reads.append(con.execute(sqlalchemy.text("SELECT count(*) FROM marts.dim_document")).scalar())
        engine.dispose()
        time.sleep(0.2)
    assert run.returncode == 0, run.stdout.read()
    assert reads and set(reads) <= {8, 5}  # the old warehouse (8 documents), then the new one (5)
    engine = sqlalchemy.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    with engine.connect() as con:
        assert con.execute(sqlalchemy.text("SELECT count(*) FROM marts.dim_document")).scalar() == 5


def test_the_starter_dashboard_questions_run_on_the_replica(corpus_run, postgres):
    import json

    from tests.conftest import PROJECT

    assert run_cli("publish", "--warehouse", str(corpus_run), "--postgres", postgres)[0] == 0
    questions = json.loads((PROJECT / "bi" / "metabase" / "questions.json").read_text(encoding="utf-8"))["questions"]
    assert len(questions) == 3
    with psycopg.connect(_reader(postgres)) as con:
        results = [con.execute(q["sql"]).fetchall() for q in questions]
    assert all(results)
    assert dict((a, n) for a, n, _ in results[2]) == {"met": 37, "qualitative": 34}
