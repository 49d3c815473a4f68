"""Execute the asset graph in-process (what `yusuan run` does) and summarize the outcome."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dagster import AssetKey, DagsterEventType, DagsterInstance, Definitions, JobDefinition, in_process_executor
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ingest.discover import extension_of
from orchestration.assets.ingest import IngestSummary
from orchestration.definitions import ASSETS, CHECKS, resources
from orchestration.jobs import yusuan_job
from orchestration.settings import PROJECT_DIR, dagster_home, mask_password
from warehouse.publish import build_path_for
from warehouse.report import write_quality_report

PUBLISHED = AssetKey(["warehouse", "published"])
REPLICA = AssetKey(["warehouse", "postgres_replica"])
EXTRACTED = AssetKey(["ingest", "extracted_documents"])
EXTRACTED_STEP = "ingest__extracted_documents"
# the events of a run its log keeps, beside the messages the steps log
_LOGGED_EVENTS = {
    DagsterEventType.RUN_START, DagsterEventType.RUN_SUCCESS, DagsterEventType.RUN_FAILURE,
    DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE, DagsterEventType.STEP_SKIPPED,
    DagsterEventType.ASSET_MATERIALIZATION, DagsterEventType.ASSET_CHECK_EVALUATION,
}  # fmt: skip
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes a tool may still print
COUNTED = ("ok", "partial", "failed", "quarantined", "skipped")  # the order statuses are counted in
LISTED_OK_FILES = 100  # beyond this the summary counts ok files; the quality report lists them all


def ingest_lines(ingest: IngestSummary) -> list[str]:
    """Documents by status, then every file with its status and reason (ok files up to a limit)."""
    statuses = ingest.statuses
    lines = [f"documents: {ingest.seen} seen, {ingest.new} new, {ingest.failed} failed, "
             f"{statuses['quarantined']} quarantined"]  # fmt: skip
    counts = ", ".join(f"{statuses[s]} {s}" for s in COUNTED if statuses[s])
    skipped = Counter(extension_of(f.name) for f in ingest.files if f.status == "skipped")
    if skipped:
        counts += " (" + ", ".join(f"{ext} {n}" for ext, n in skipped.most_common()) + ")"
    lines.append(f"files: {counts or 'none'}")
    ok = [f for f in ingest.files if f.status == "ok"]
    for f in ingest.files:
        if f.status != "ok" or len(ok) <= LISTED_OK_FILES:
            lines.append(f"  {f.status:<11} {f.name}" + (f": {f.reason}" if f.reason else ""))
    if len(ok) > LISTED_OK_FILES:
        lines.append(f"  ok          {len(ok)} files (each listed in the quality report)")
    return lines


@dataclass
class Gate:
    name: str
    asset: str
    passed: bool
    detail: str = ""


@dataclass
class RunOutcome:
    landing: Path
    warehouse: Path
    published: bool
    ingest: IngestSummary | None
    rows: dict[str, int] = field(default_factory=dict)
    replicated: dict[str, int] | None = None
    step_seconds: dict[str, float] = field(default_factory=dict)  # wall time of each Dagster step
    gates: list[Gate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"yusuan run: {self.landing}"]
        if self.ingest:
            lines += ingest_lines(self.ingest)
        gx = [g for g in self.gates if g.name.startswith("gx_")]
        dbt_tests = [g for g in self.gates if not g.name.startswith("gx_")]
        lines.append(f"gates: {sum(g.passed for g in gx)}/{len(gx)} Great Expectations suites passed, "
                     f"{sum(g.passed for g in dbt_tests)}/{len(dbt_tests)} dbt tests passed")  # fmt: skip
        for gate in self.gates:
            if not gate.passed:
                lines.append(f"  FAILED {gate.asset} {gate.name}")
                lines += [f"    {d}" for d in gate.detail.splitlines()]
        lines += [f"  error: {e}" for e in self.errors]
        if self.published:
            lines.append(f"published {self.warehouse}")
            lines += [f"  marts.{table}: {n} rows" for table, n in sorted(self.rows.items())]
            if self.replicated is not None:
                lines.append(f"replicated marts and cn to PostgreSQL ({sum(self.replicated.values())} rows)")
        else:
            lines.append(f"NOT published: a blocking gate failed; {self.warehouse} is unchanged")
        if self.ingest and self.ingest.statuses["quarantined"]:
            lines.append("quarantined documents' facts are held back in the schema quarantine (their findings say why)")
        lines.append(f"quality report: {report_file_for(self.warehouse)}")
        lines.append(f"log: {log_file_for(self.warehouse)}")
        return "\n".join(lines)


def _root_cause(error) -> str:
    """The innermost error of a step failure, first line, with any password in a DSN masked."""
    while error.cause is not None:
        error = error.cause
    message = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name
    return mask_password(message)


def _rows(materialization) -> dict[str, int]:
    """Rows per table, from a materialization's `rows.<table>` metadata."""
    if materialization is None:
        return {}
    return {k.removeprefix("rows."): v.value for k, v in materialization.metadata.items() if k.startswith("rows.")}


def job_for(
    landing: Path, warehouse: Path, postgres: str = "", reader_role: str = "", workers: int = 0, dask: str = ""
) -> JobDefinition:
    """yusuan_job with its resources set to these folders (the definitions' defaults come from the environment)."""
    return Definitions(
        assets=ASSETS,
        asset_checks=CHECKS,
        jobs=[yusuan_job],
        resources=resources(str(landing), str(warehouse), postgres, reader_role, workers, dask),
        executor=in_process_executor,
    ).resolve_job_def(yusuan_job.name)


@event.listens_for(Engine, "connect")
def _commit_without_fsync(connection: object, _record: object) -> None:
    """Dagster commits each event of a run to its SQLite files (hundreds per run), and a commit waits for
    the disk. In WAL mode (Dagster's), `synchronous=NORMAL` keeps the files consistent and only gives up
    the last commits on a power cut: a run history can afford that, and a run saves seconds."""
    if isinstance(connection, sqlite3.Connection):
        connection.execute("PRAGMA synchronous=NORMAL")


def instance_for(warehouse: Path) -> DagsterInstance:
    """The Dagster instance runs are recorded on (DAGSTER_HOME, else `dagster/` beside the warehouse file),
    set up on first use with the project's instance settings."""
    home = dagster_home(warehouse)
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copy(PROJECT_DIR / "orchestration" / "dagster.yaml", home / "dagster.yaml")
        # the UI's first-visit newsletter prompt asks for an e-mail address: an offline tool does not ask
        (home / ".nux").mkdir(exist_ok=True)
        (home / ".nux" / "nux.yaml").write_text("seen: 1\n", encoding="utf-8")
    # dagster.yaml's storage settings name DAGSTER_HOME; the instance is configured when it is made
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        return DagsterInstance.from_config(str(home))
    finally:
        if previous is None:
            del os.environ["DAGSTER_HOME"]
        else:
            os.environ["DAGSTER_HOME"] = previous


def log_file_for(warehouse: Path) -> Path:
    return warehouse.parent / "logs" / "last_run.log"


def report_file_for(warehouse: Path) -> Path:
    return warehouse.parent / "reports" / "quality.html"


def run_pipeline(
    landing: Path, warehouse: Path, postgres: str = "", reader_role: str = "", workers: int = 0, dask: str = ""
) -> RunOutcome:
    """Materialize every asset and check; dbt's own output goes to logs/last_run.log beside the warehouse."""
    log = log_file_for(warehouse)
    log.parent.mkdir(parents=True, exist_ok=True)
    instance = instance_for(warehouse)
    job = job_for(landing, warehouse, postgres, reader_role, workers, dask)
    with log.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        # a run of yusuan_job recorded on the project's instance: the UI shows it with its checks
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags={"yusuan/launched_by": "yusuan run"},
            # failures are reported in the summary (and in full in the log): keep the console quiet
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    ingest = result.asset_value(EXTRACTED) if result.is_node_success(EXTRACTED_STEP) else None
    outcome = outcome_of(instance, result.run_id, landing, warehouse, ingest)
    record_run(instance, result.run_id, outcome, console=log.read_text(encoding="utf-8"))
    return outcome


def outcome_of(
    instance: DagsterInstance, run_id: str, landing: Path, warehouse: Path, ingest: IngestSummary | None = None
) -> RunOutcome:
    """What a run of the job did, read from the instance's records of it: whatever launched it."""
    materializations, gates, errors = {}, [], []
    for record in instance.get_records_for_run(run_id, limit=100_000).records:
        event = record.event_log_entry.dagster_event
        if event is None:
            continue
        if event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
            materializations[event.asset_key] = event.event_specific_data.materialization
        elif event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            check = event.event_specific_data
            failed = check.metadata.get("failed")
            gates.append(Gate(check.check_name, check.asset_key.to_user_string(), check.passed,
                              str(failed.value) if failed else ""))  # fmt: skip
        elif event.event_type == DagsterEventType.STEP_FAILURE and event.event_specific_data.error:
            errors.append(f"{event.step_key}: {_root_cause(event.event_specific_data.error)}")
    step_seconds = {
        stats.step_key: stats.end_time - stats.start_time
        for stats in instance.get_run_step_stats(run_id)
        if stats.start_time and stats.end_time
    }
    return RunOutcome(
        landing=landing,
        warehouse=warehouse,
        published=PUBLISHED in materializations,
        ingest=ingest,
        rows=_rows(materializations.get(PUBLISHED)),
        replicated=_rows(materializations.get(REPLICA)) if REPLICA in materializations else None,
        step_seconds=step_seconds,
        gates=gates,
        errors=errors,
    )


def _logged(entry) -> bool:
    """A run log line: a step's message at info or above, or an event of _LOGGED_EVENTS (not Dagster's
    bookkeeping: intends to materialize, loaded input …)."""
    if entry.dagster_event:
        return entry.dagster_event.event_type in _LOGGED_EVENTS
    return not isinstance(entry.level, int) or entry.level >= logging.INFO


def record_run(instance: DagsterInstance, run_id: str, outcome: RunOutcome, console: str = "") -> None:
    """Write a run's quality report and its plain-text log beside the warehouse: every run does, from the
    command line or (through the sensors `report_after_success` / `report_after_failure`) from the UI, the landing
    sensor or the schedule."""
    warehouse = outcome.warehouse
    built = warehouse if outcome.published else build_path_for(warehouse)
    if built.exists():
        write_quality_report(
            built,
            [(g.name, g.asset, g.passed, g.detail) for g in outcome.gates],
            outcome.published,
            report_file_for(warehouse),
            [(f.name, f.status, f.reason) for f in outcome.ingest.files] if outcome.ingest else [],
        )
    log = log_file_for(warehouse)
    log.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"run {run_id}", *outcome.summary().splitlines(), "", "events:"]
    for entry in filter(_logged, instance.all_logs(run_id)):
        event = entry.dagster_event
        # Dagster records steps, materializations and check results at debug level: they are events here
        level = "EVENT" if event else entry.level if isinstance(entry.level, str) else logging.getLevelName(entry.level)
        when = datetime.fromtimestamp(entry.timestamp).strftime("%H:%M:%S")
        message = event.message if event and event.message else entry.user_message
        lines.append(f"{when} {level:<7} {entry.step_key or '-'}: {_ANSI.sub('', message or '')}")
    if console:
        lines += ["", "console (dbt):", _ANSI.sub("", console)]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
