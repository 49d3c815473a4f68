"""The one Definitions object: `dagster dev` and `yusuan run` load the same graph."""

from dagster import Definitions, in_process_executor

from orchestration.assets.ingest import extracted_documents, landing_files
from orchestration.assets.marts import dbt_models, dbt_resource
from orchestration.assets.publish import postgres_replica, published_warehouse
from orchestration.assets.raw import raw_tables
from orchestration.checks import gx_checks
from orchestration.jobs import yusuan_job
from orchestration.resources import YusuanResource
from orchestration.schedules import nightly
from orchestration.sensors import landing_sensor, report_after_failure, report_after_success

ASSETS = [landing_files, extracted_documents, raw_tables, dbt_models, published_warehouse, postgres_replica]
CHECKS = gx_checks()


def resources(
    landing: str = "",
    warehouse: str = "",
    postgres: str = "",
    reader_role: str = "",
    workers: int = 0,
    dask: str = "",
) -> dict:
    return {
        "yusuan": YusuanResource(
            landing=landing,
            warehouse=warehouse,
            postgres=postgres,
            reader_role=reader_role,
            workers=workers,
            dask=dask,
        ),
        "dbt": dbt_resource(),
    }


defs = Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[yusuan_job],
    schedules=[nightly],
    sensors=[landing_sensor, report_after_success, report_after_failure],
    resources=resources(),
    # one process for every job, the UI's "Materialize all" too: the steps are quick SQL and parsing is
    # parallel inside the extraction step, while a process per step costs seconds of imports each
    executor=in_process_executor,
)
