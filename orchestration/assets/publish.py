"""Swap the checked build file in as the published warehouse."""

from dagster import AssetExecutionContext, RetryPolicy, asset

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
def published_warehouse(context: AssetExecutionContext, yusuan: YusuanResource) -> dict[str, int]:
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
    context.add_output_metadata({"path": str(yusuan.warehouse_file), **{f"rows.{t}": n for t, n in rows.items()}})
    return rows


@asset(
    key=["warehouse", "postgres_replica"],
    group_name="publish",
    deps=[published_warehouse],
    description="marts and cn replicated to PostgreSQL for BI tools, when YUSUAN_POSTGRES_DSN is set.",
    retry_policy=RetryPolicy(max_retries=3, delay=10),  # a database restarting is transient
)
def postgres_replica(context: AssetExecutionContext, yusuan: YusuanResource) -> dict[str, int] | None:
    dsn = settings.postgres_dsn(yusuan.postgres)
    if not dsn:
        context.log.info("no PostgreSQL DSN (--postgres or YUSUAN_POSTGRES_DSN): no replica to refresh")
        context.add_output_metadata({"replicated": False})
        return None
    rows = replicate(yusuan.warehouse_file, dsn, settings.reader_role(yusuan.reader_role))
    context.add_output_metadata({"replicated": True, "rows": sum(rows.values())})
    return rows
