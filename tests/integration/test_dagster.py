"""The Dagster definitions: valid, complete, and a landing sensor that triggers once per new content."""

import os
import shutil
import subprocess
import sys

from dagster import AssetKey, build_sensor_context

from tests.conftest import PROJECT, SEEDS
from tests.helpers import query


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
    shutil.copy(PROJECT / "orchestration" / "dagster.yaml", tmp_path / "dagster.yaml")
    dagster = shutil.which("dagster", path=os.path.dirname(sys.executable))
    done = subprocess.run([dagster, "asset", "materialize", "-m", "orchestration.definitions", "--select", "*"],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "RUN_SUCCESS" in done.stderr
    assert (tmp_path / "wh" / "yusuan.duckdb").exists()


def test_a_command_line_run_is_recorded_on_the_instance_with_its_checks(seeds_run):
    from dagster import AssetCheckKey, DagsterRunStatus

    from orchestration.run import instance_for

    _, warehouse, code, out = seeds_run
    assert code == 0, out
    instance = instance_for(warehouse)  # warehouse/dagster: the instance `make dagster` opens
    runs = instance.get_runs()
    assert [(r.job_name, r.status, r.tags["yusuan/launched_by"]) for r in runs] == [
        ("yusuan_job", DagsterRunStatus.SUCCESS, "yusuan run")
    ]
    sangong = instance.get_latest_materialization_event(AssetKey(["marts", "fct_sangong"])).asset_materialization
    rows = query(warehouse, "SELECT count(*) FROM marts.fct_sangong")[0][0]
    assert sangong.metadata["dagster/row_count"].value == rows
    assert "amount_wan" in {c.name for c in sangong.metadata["dagster/column_schema"].value.columns}
    assert sangong.metadata["path"].value == str(warehouse)  # the published file, not a pickle
    published = instance.get_latest_materialization_event(AssetKey(["warehouse", "published"]))
    assert published.asset_materialization.metadata["path"].value == str(warehouse)
    # no DSN: the replica step is skipped, not shown as materialized
    assert instance.get_latest_materialization_event(AssetKey(["warehouse", "postgres_replica"])) is None
    for check in (
        AssetCheckKey(AssetKey(["marts", "fct_sangong"]), "gx_marts__fct_sangong"),  # a Great Expectations suite
        AssetCheckKey(AssetKey(["marts", "fct_sangong"]), "fct_sangong_amounts_have_at_most_4_decimals"),  # singular
    ):
        history = instance.event_log_storage.get_asset_check_execution_history(check, limit=1)
        assert history and history[0].status.value == "SUCCEEDED", check


def test_a_run_launched_from_the_ui_sensor_or_schedule_writes_its_report_and_log(tmp_path, monkeypatch):
    from dagster import DagsterEventType, build_run_status_sensor_context

    from orchestration.run import instance_for, job_for, log_file_for, report_file_for
    from orchestration.sensors import report_after_success

    landing, warehouse = tmp_path / "landing", tmp_path / "wh" / "yusuan.duckdb"
    landing.mkdir()
    shutil.copy(SEEDS / "000_4d800827b66f7bef.txt", landing)
    monkeypatch.setenv("YUSUAN_LANDING", str(landing))
    monkeypatch.setenv("YUSUAN_WAREHOUSE", str(warehouse))
    instance = instance_for(warehouse)
    result = job_for(landing, warehouse).execute_in_process(
        instance=instance, tags={"dagster/sensor_name": "landing_sensor"}
    )
    assert result.success and not report_file_for(warehouse).exists()  # the run itself writes neither
    run = instance.get_run_by_id(result.run_id)
    success = instance.get_records_for_run(result.run_id, of_type=DagsterEventType.RUN_SUCCESS).records[0]
    report_after_success(
        build_run_status_sensor_context(
            sensor_name="report_after_success",
            dagster_instance=instance,
            dagster_run=run,
            dagster_event=success.event_log_entry.dagster_event,
        )
    )
    assert "中共江永县委办公室" in report_file_for(warehouse).read_text(encoding="utf-8")
    log = log_file_for(warehouse).read_text(encoding="utf-8")
    assert log.startswith(f"run {result.run_id}") and f"published {warehouse}" in log
    assert "ingest__extracted_documents: read 1 new of 1 documents" in log and "\x1b[" not in log
