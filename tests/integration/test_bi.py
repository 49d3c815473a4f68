"""BI access: the PostgreSQL replica (swap, read-only role) and SQLAlchemy over the published DuckDB file."""

import os
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
import yaml

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


def _psql(dsn: str, sql: str) -> subprocess.CompletedProcess[str]:
    """psql as a BI tool's user would run it: tab-separated rows, stops at the first error."""
    return subprocess.run(["psql", dsn, "-XAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, env={**os.environ, "PGCLIENTENCODING": "UTF8"})  # fmt: skip


def _yml_descriptions(layer: str, model: str) -> tuple[str, dict[str, str]]:
    """The model's description and its columns', whitespace collapsed as a BI tool shows them."""
    from tests.conftest import PROJECT

    yml = next((PROJECT / "dbt_project" / "models" / layer).glob("_*.yml"))
    entry = next(m for m in yaml.safe_load(yml.read_text(encoding="utf-8"))["models"] if m["name"] == model)
    columns = {c["name"]: " ".join(c["description"].split()) for c in entry["columns"]}
    return " ".join(entry["description"].split()), columns


def _comments(dsn: str, table: str, column: str) -> list[str]:
    """The comment of a replica table and of one of its columns."""
    relation = "'" + table.replace("'", "''") + "'::regclass"
    result = _psql(dsn, f"SELECT obj_description({relation}, 'pg_class'), col_description({relation}, "
                        f"(SELECT attnum FROM pg_attribute WHERE attrelid = {relation} AND attname = '{column}'))")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\t")


def _constraints(dsn: str) -> set[tuple[str, str]]:
    """(table, definition) of every primary, unique and foreign key of the replica's marts."""
    result = _psql(dsn, "SELECT conrelid::regclass, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE connamespace = 'marts'::regnamespace AND contype IN ('p', 'u', 'f')")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {tuple(line.split("\t")) for line in result.stdout.splitlines()}


def test_the_replica_carries_the_dbt_descriptions_and_keys(postgres, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(SEEDS, landing)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse), "--postgres", postgres)
    assert code == 0, out
    reader = _reader(postgres)

    table, columns = _yml_descriptions("marts", "fct_sangong")
    assert _comments(reader, "marts.fct_sangong", "amount_wan") == [table, columns["amount_wan"]]
    assert "Grain: document × fiscal_year × measure × category." in table  # folded over two lines in the yml
    table, columns = _yml_descriptions("cn", "cn_sangong")
    assert columns["金额万元"]
    assert _comments(reader, 'cn."三公经费"', "金额万元") == [table, columns["金额万元"]]

    constraints = _constraints(reader)
    assert {
        ("marts.dim_document", "PRIMARY KEY (document_id)"),
        ("marts.dim_department", "PRIMARY KEY (department_key)"),
        ("marts.dim_fiscal_year", "PRIMARY KEY (fiscal_year)"),
        ("marts.fct_performance_evaluation", "PRIMARY KEY (evaluation_id)"),
        ("marts.fct_sangong", "PRIMARY KEY (document_id, fiscal_year, measure, category)"),
        ("marts.fct_sangong", "FOREIGN KEY (document_id) REFERENCES marts.dim_document(document_id)"),
        ("marts.dim_document", "FOREIGN KEY (department_key) REFERENCES marts.dim_department(department_key)"),
        ("marts.fct_performance_indicator",
         "FOREIGN KEY (evaluation_id) REFERENCES marts.fct_performance_evaluation(evaluation_id)"),
    } <= constraints  # fmt: skip
    # fct_sangong_yoy's grain is tested, but not that its columns are never NULL: a unique key, no primary key
    assert ("marts.fct_sangong_yoy", "UNIQUE (department_key, category, measure, fiscal_year)") in constraints
    assert not any(t == "marts.fct_sangong_yoy" and d.startswith("PRIMARY KEY") for t, d in constraints)
    # information_schema lists only the constraints of tables the user may do more than SELECT on: the owner's
    keys = _psql(postgres, "SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = 'marts' "
                           "AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')")  # fmt: skip
    assert int(keys.stdout) == sum(1 for _, d in constraints if d.startswith(("PRIMARY KEY", "FOREIGN KEY")))

    # the foreign key is enforced: a figure of an unknown report is refused, the same of a known report is not
    insert = ("INSERT INTO marts.fct_sangong (document_id, fiscal_year, measure, category, amount_wan, source, "
              "value_raw, confirmed) VALUES ('{}', 1900, 'actual', 'reception', 1, 'table', '1万元', false)")  # fmt: skip
    orphan = _psql(postgres, insert.format("0000000000000000"))
    assert orphan.returncode != 0
    assert 'violates foreign key constraint "fct_sangong_document_id_fkey"' in orphan.stderr
    known = _psql(postgres, "SELECT document_id FROM marts.dim_document LIMIT 1").stdout.strip()
    accepted = _psql(postgres, f"BEGIN; {insert.format(known)}; ROLLBACK")
    assert accepted.returncode == 0, accepted.stderr


def test_a_key_the_data_breaks_is_left_out_not_the_replica(corpus_run, postgres, tmp_path, caplog):
    # a warehouse published before a relationships test was declared, which its data breaks
    import duckdb

    stale = tmp_path / "yusuan.duckdb"
    shutil.copy(corpus_run, stale)
    con = duckdb.connect(str(stale))
    con.execute("INSERT INTO marts.fct_sangong SELECT * REPLACE ('0000000000000000' AS document_id) "
                "FROM marts.fct_sangong LIMIT 1")  # fmt: skip
    con.close()
    code, out = run_cli("publish", "--warehouse", str(stale), "--postgres", postgres)
    assert code == 0, out
    assert "fct_sangong" in caplog.text and "violates foreign key constraint" in caplog.text
    constraints = _constraints(postgres)
    assert ("marts.fct_sangong", "PRIMARY KEY (document_id, fiscal_year, measure, category)") in constraints
    assert not any(t == "marts.fct_sangong" and d.startswith("FOREIGN KEY") for t, d in constraints)
    assert any(t == "marts.fct_budget_line" and d.startswith("FOREIGN KEY") for t, d in constraints)
