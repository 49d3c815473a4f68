"""Swap the checked build file in as the published warehouse."""

from collections.abc import Iterator

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, RetryPolicy, asset

from orchestration import settings
from orchestration.assets.marts import dbt_models
from orchestration.resources import YusuanResource
from warehouse.connection import connect
from warehouse.publish import publish
from warehouse.replica import replicate

MART_KEYS = sorted((key for key in dbt_models.keys if key.path[0] == "marts"), key=str)


@asset(
    key=["warehouse", "published"],
    group_name="publish",
    deps=MART_KEYS,
    pool="warehouse",
    description="The published DuckDB file: replaced atomically once every blocking gate passed.",
)
def published_warehouse(context: AssetExecutionContext, yusuan: YusuanResource) -> MaterializeResult:
    # counted in the build file before the swap: this process may itself hold the published file open
    con = connect(yusuan.build_file, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1"
        ).fetchall()]  # fmt: skip
        rows = {t: con.execute(f"SELECT count(*) FROM marts.{t}").fetchone()[0] for t in tables}
    finally:
        con.close()
    publish(yusuan.warehouse_file)
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(yusuan.warehouse_file)),
            "dagster/row_count": sum(rows.values()),
            **{f"rows.{t}": n for t, n in rows.items()},
        }
    )


@asset(
    key=["warehouse", "postgres_replica"],
    group_name="publish",
    deps=[published_warehouse],
    description="marts and cn replicated to PostgreSQL for BI tools, when YUSUAN_POSTGRES_DSN is set "
    "(without it the step is skipped: nothing is materialized).",
    retry_policy=RetryPolicy(max_retries=3, delay=10),  # a database restarting is transient
    output_required=False,
)
def postgres_replica(context: AssetExecutionContext, yusuan: YusuanResource) -> Iterator[MaterializeResult]:
    dsn = settings.postgres_dsn(yusuan.postgres)
    if not dsn:
        context.log.info("no PostgreSQL DSN (--postgres or YUSUAN_POSTGRES_DSN): no replica to refresh")
        return
    rows = replicate(yusuan.warehouse_file, dsn, settings.reader_role(yusuan.reader_role))
    yield MaterializeResult(
        metadata={"dsn": settings.mask_password(dsn), "dagster/row_count": sum(rows.values()),
                  **{f"rows.{t}": n for t, n in rows.items()}}
    )  # fmt: skip
