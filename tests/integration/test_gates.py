"""Every error expectation of every suite, one by one: good data passes, data corrupted in exactly the way
the expectation guards against fails it with a message naming the column and the offending values.

The corruptions are derived from the expectations themselves, so a new expectation is covered as soon as it
is written (and a kind of expectation this file does not know how to break fails the test).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from expectations.gates import run_suite
from expectations.suites import suites
from samples.generator import LANDING as SAMPLES
from tests.conftest import SEEDS
from tests.helpers import run_cli

SUITES = [suite for layer in ("raw", "marts") for suite in suites(layer)]


def _cases():
    con = duckdb.connect()  # the suites only need a connection to build their value sets
    for suite in SUITES:
        for n, expectation in enumerate(suite.expectations(_EmptyTables(con))):
            column = getattr(expectation, "column", None) or "+".join(getattr(expectation, "column_list", []) or [])
            yield pytest.param(
                suite, n, id=f"{suite.__name__.rsplit('.', 1)[-1]}-{expectation.expectation_type}-{column}"
            )


class _EmptyTables:
    """Stands in for the warehouse while collecting: every value list is empty (the ids only need the shapes)."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql: str):
        return self.con.execute("SELECT NULL WHERE false")


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """The seeds and the bundled 绩效目标 workbook published: every raw table and mart holds rows."""
    landing = tmp_path_factory.mktemp("gates") / "landing"
    shutil.copytree(SEEDS, landing)
    shutil.copy(SAMPLES / "sichuan_mabian_sifaju_2024_jixiaomubiao.xlsx", landing)
    warehouse = landing.parent / "warehouse" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    return warehouse


def _first_rowid(con, table: str) -> int:
    rowid = con.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]
    assert rowid is not None, f"{table} is empty in the seeds' warehouse: nothing to corrupt"
    return rowid


def _corrupt(con, table: str, expectation) -> str:
    """Break `table` in exactly the way `expectation` guards against; return the SQL used."""
    kind = expectation.expectation_type
    column = getattr(expectation, "column", None)
    # the marts' own constraints (primary keys, not null) would refuse most corruptions: a table without them
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {table}")
    row = _first_rowid(con, table)
    if kind == "expect_table_columns_to_match_ordered_list":
        last = expectation.column_list[-1]
        sql = f"ALTER TABLE {table} RENAME COLUMN {last} TO {last}_renamed"
    elif kind == "expect_column_values_to_not_be_null":
        sql = f"UPDATE {table} SET {column} = NULL WHERE rowid = {row}"
    elif kind == "expect_column_values_to_be_unique":
        sql = (f"UPDATE {table} SET {column} = (SELECT {column} FROM {table} WHERE rowid = {row}) "
               f"WHERE rowid = (SELECT max(rowid) FROM {table})")  # fmt: skip
    elif kind == "expect_compound_columns_to_be_unique":
        sql = f"INSERT INTO {table} SELECT * FROM {table} WHERE rowid = {row}"
    elif kind == "expect_column_values_to_be_in_set":
        sql = f"UPDATE {table} SET {column} = 'not-a-known-value' WHERE rowid = {row}"
    elif kind == "expect_column_values_to_match_regex":
        sql = f"UPDATE {table} SET {column} = '5.42万' WHERE rowid = {row}"
    elif kind == "expect_column_values_to_be_between":
        sql = f"UPDATE {table} SET {column} = {expectation.max_value} + 1 WHERE rowid = {row}"
    else:
        raise AssertionError(f"no corruption known for {kind}: add one to this test")
    if kind in ("expect_column_values_to_be_in_set", "expect_column_values_to_match_regex"):
        con.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DATA TYPE VARCHAR")
    con.execute(sql)
    return sql


def test_good_data_passes_every_suite(good_build):
    for suite in SUITES:
        result = run_suite(good_build, suite)
        assert result.success, (suite.__name__, result.failures)


@pytest.mark.parametrize(("suite", "index"), list(_cases()))
def test_error_expectation_fails_on_data_corrupted_that_way(good_build, tmp_path, suite, index):
    build = tmp_path / "build.duckdb"
    shutil.copy(good_build, build)
    con = duckdb.connect(str(build))
    try:
        expectation = suite.expectations(con)[index]
        sql = _corrupt(con, suite.TABLE, expectation)
    finally:
        con.close()

    result = run_suite(build, suite)

    failed = [f for f in result.failures if f.startswith(f"{expectation.expectation_type}(")]
    assert failed, f"{sql} did not fail {expectation.expectation_type}: {result.failures}"
    column = getattr(expectation, "column", None)
    if column:
        assert any(f"column={column}" in f for f in failed), failed
    # readable: what was expected and what was found
    assert any(word in f for word in ("unexpected", "observed", "could not be evaluated") for f in failed), failed
