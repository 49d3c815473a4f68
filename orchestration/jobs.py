"""The one job: everything from the landing folder to the published warehouse."""

from dagster import AssetSelection, define_asset_job, in_process_executor

yusuan_job = define_asset_job(
    "yusuan_job",
    selection=AssetSelection.all(),
    description="Ingest the landing folder, build and check the warehouse, publish it.",
    tags={"dagster/concurrency_key": "warehouse"},
    # one process, as `yusuan run`: the steps are quick SQL, a process per step would cost seconds each,
    # and parsing is parallel inside the extraction step
    executor_def=in_process_executor,
)
