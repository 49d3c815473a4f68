"""Execute the asset graph in-process (what `yusuan run` does) and summarize the outcome."""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dagster import AssetKey, DagsterInstance, materialize

from ingest.discover import extension_of
from orchestration.assets.ingest import IngestSummary
from orchestration.definitions import ASSETS, CHECKS, resources
from orchestration.settings import mask_password
from warehouse.publish import build_path_for
from warehouse.report import write_quality_report

PUBLISHED = AssetKey(["warehouse", "published"])
REPLICA = AssetKey(["warehouse", "postgres_replica"])
EXTRACTED = AssetKey(["ingest", "extracted_documents"])
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
    instance = DagsterInstance.ephemeral()
    with log.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        result = materialize(
            [*ASSETS, *CHECKS],
            resources=resources(str(landing), str(warehouse), postgres, reader_role, workers, dask),
            instance=instance,
            raise_on_error=False,
            # failures are reported in the summary (and in full in the log): keep the console quiet
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    gates = [
        Gate(
            name=e.check_name,
            asset=e.asset_key.to_user_string(),
            passed=e.passed,
            detail=str(e.metadata["failed"].value) if "failed" in e.metadata else "",
        )
        for e in result.get_asset_check_evaluations()
    ]
    errors = [
        f"{event.step_key}: {_root_cause(event.event_specific_data.error)}"
        for event in result.all_events
        if event.is_step_failure and event.event_specific_data and event.event_specific_data.error
    ]
    step_seconds = {
        stats.step_key: stats.end_time - stats.start_time
        for stats in instance.get_run_step_stats(result.run_id)
        if stats.start_time and stats.end_time
    }
    published = PUBLISHED in materialized
    built = warehouse if published else build_path_for(warehouse)
    ingest = result.asset_value(EXTRACTED) if EXTRACTED in materialized else None
    if built.exists():
        write_quality_report(
            built,
            [(g.name, g.asset, g.passed, g.detail) for g in gates],
            published,
            report_file_for(warehouse),
            [(f.name, f.status, f.reason) for f in ingest.files] if ingest else [],
        )
    return RunOutcome(
        landing=landing,
        warehouse=warehouse,
        published=published,
        ingest=ingest,
        rows=result.asset_value(PUBLISHED) if published else {},
        replicated=result.asset_value(REPLICA) if REPLICA in materialized else None,
        step_seconds=step_seconds,
        gates=gates,
        errors=errors,
    )
