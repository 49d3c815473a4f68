"""Start a run when new report files land (a file dropped twice, or copied under two names, triggers once), and
record each finished run's quality report and log."""

import hashlib
import json

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunStatusSensorContext,
    SensorEvaluationContext,
    SkipReason,
    run_status_sensor,
    sensor,
)

from ingest.discover import discover
from orchestration import settings
from orchestration.jobs import yusuan_job


@sensor(job=yusuan_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
def landing_sensor(context: SensorEvaluationContext):
    """Cursor = the content hashes already seen; run key = a hash of the set of new ones."""
    landing = settings.landing_dir()
    if not landing.is_dir():
        return SkipReason(f"landing folder {landing} does not exist")
    seen = set(json.loads(context.cursor)) if context.cursor else set()
    current = {f.sha256 for f in discover(landing).files}
    new = sorted(current - seen)
    context.update_cursor(json.dumps(sorted(current)))
    if not new:
        return SkipReason("no new report files")
    run_key = hashlib.sha256("".join(new).encode()).hexdigest()[:32]
    return RunRequest(run_key=run_key, tags={"yusuan/new_files": str(len(new))})


def _record(context: RunStatusSensorContext) -> None:
    from orchestration.run import outcome_of, record_run

    run = context.dagster_run
    if run.tags.get("yusuan/launched_by") == "yusuan run":
        return  # the command line records its own run, with its console output
    outcome = outcome_of(context.instance, run.run_id, settings.landing_dir(), settings.warehouse_file())
    record_run(context.instance, run.run_id, outcome)


# every finished run of the job writes its quality report and run log, whoever launched it
@run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS, monitored_jobs=[yusuan_job], default_status=DefaultSensorStatus.RUNNING
)
def report_after_success(context: RunStatusSensorContext) -> None:
    _record(context)


@run_status_sensor(
    run_status=DagsterRunStatus.FAILURE, monitored_jobs=[yusuan_job], default_status=DefaultSensorStatus.RUNNING
)
def report_after_failure(context: RunStatusSensorContext) -> None:
    _record(context)
