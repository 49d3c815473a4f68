"""The Dagster definitions: valid, complete, and a landing sensor that triggers once per new content."""

import os
import shutil
import subprocess
import sys

from dagster import AssetKey, build_sensor_context

from tests.conftest import PROJECT, SEEDS


def test_definitions_validate():
    env = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1"}
    dagster = shutil.which("dagster", path=os.path.dirname(sys.executable))
    done = subprocess.run([dagster, "definitions", "validate", "-m", "orchestration.definitions"],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_graph_has_every_step_checks_sensor_and_schedule():
    from orchestration.definitions import defs

    keys = defs.resolve_asset_graph().get_all_asset_keys()
    for key in (
        ["ingest", "extracted_documents"],
        ["raw", "sangong"],
        ["marts", "fct_sangong"],
        ["warehouse", "published"],
    ):
        assert AssetKey(key) in keys
    checks = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
    assert {
        "gx_raw__document",
        "gx_raw__sangong",
        "gx_marts__dim_document",
        "gx_marts__fct_sangong",
    } <= checks
    assert defs.resolve_sensor_def("landing_sensor")
    assert defs.resolve_schedule_def("nightly").cron_schedule == "0 2 * * *"


def test_sensor_triggers_once_for_new_files(tmp_path, monkeypatch):
    from orchestration.sensors import landing_sensor

    monkeypatch.setenv("YUSUAN_LANDING", str(tmp_path))
    shutil.copy(SEEDS / "000_4d800827b66f7bef.txt", tmp_path / "a.txt")
    shutil.copy(SEEDS / "002_62ac2a61d3324a6b.txt", tmp_path / "b.txt")
    shutil.copy(SEEDS / "002_62ac2a61d3324a6b.txt", tmp_path / "b-copy.txt")  # same content, another name

    first = landing_sensor.evaluate_tick(build_sensor_context())
    assert len(first.run_requests) == 1 and first.run_requests[0].tags["yusuan/new_files"] == "2"
    again = landing_sensor.evaluate_tick(build_sensor_context(cursor=first.cursor))
    assert not again.run_requests


def test_materialize_every_asset_with_the_dagster_cli(tmp_path):
    env = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1", "DAGSTER_HOME": str(tmp_path),
           "YUSUAN_WAREHOUSE": str(tmp_path / "wh" / "yusuan.duckdb")}  # fmt: skip
    shutil.copy(PROJECT / "dagster.yaml", tmp_path / "dagster.yaml")
    dagster = shutil.which("dagster", path=os.path.dirname(sys.executable))
    done = subprocess.run([dagster, "asset", "materialize", "-m", "orchestration.definitions", "--select", "*"],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "RUN_SUCCESS" in done.stderr
    assert (tmp_path / "wh" / "yusuan.duckdb").exists()
