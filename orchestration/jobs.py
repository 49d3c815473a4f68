"""The one job: everything from the landing folder to the published warehouse."""

from dagster import AssetSelection, define_asset_job

yusuan_job = define_asset_job(
    "yusuan_job",
    selection=AssetSelection.all(),
    description="Ingest the landing folder, build and check the warehouse, publish it.",
    tags={"dagster/concurrency_key": "warehouse"},
)
