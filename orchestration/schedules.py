"""A nightly run: republishes even when nothing landed, so deletions and parser upgrades take effect."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import yusuan_job

nightly = ScheduleDefinition(
    name="nightly",
    job=yusuan_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.STOPPED,
)
