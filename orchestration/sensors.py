"""Start a run when new report files land (a file dropped twice, or copied under two names, triggers once)."""

import hashlib
import json

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SkipReason, sensor

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
