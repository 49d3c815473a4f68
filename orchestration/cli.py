"""`yusuan`: the command line of CONTRACT.md §1."""

from __future__ import annotations

import argparse
import atexit
import csv
import json
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from orchestration import settings

if TYPE_CHECKING:
    from ingest.discover import Landing


def entry() -> NoReturn:
    """The `yusuan` command. Once it has answered, the process ends without tearing down every module
    Dagster, dbt, GX and pandas loaded (over a second of freeing memory); exit handlers still run."""
    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yusuan", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="ingest the landing folder, build, check and publish the warehouse")
    run.add_argument("--landing", help="folder of report files (default: $YUSUAN_LANDING or the samples)")
    run.add_argument(
        "--warehouse", help="published DuckDB file (default: $YUSUAN_WAREHOUSE or warehouse/yusuan.duckdb)"
    )

    run.add_argument(
        "--postgres", metavar="DSN", help="then replicate marts to PostgreSQL (default: $YUSUAN_POSTGRES_DSN)"
    )
    run.add_argument("--reader-role", help="PostgreSQL role given read access (default: yusuan_reader)")
    run.add_argument("--workers", type=int, help="files read in parallel (default: $YUSUAN_WORKERS or one per core)")
    run.add_argument("--dask", metavar="ADDRESS", help="read the files on this Dask cluster ($YUSUAN_DASK_SCHEDULER)")

    publish = commands.add_parser("publish", help="replicate marts and cn of the published warehouse to PostgreSQL")
    publish.add_argument("--postgres", metavar="DSN", help="PostgreSQL connection (default: $YUSUAN_POSTGRES_DSN)")
    publish.add_argument("--warehouse")
    publish.add_argument("--reader-role", help="PostgreSQL role given read access (default: yusuan_reader)")

    query = commands.add_parser("query", help="run read-only SQL against the published warehouse")
    query.add_argument("sql")
    query.add_argument("--warehouse")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")

    export = commands.add_parser("export", help="write each marts table to DIR/<table>.parquet")
    export.add_argument("--parquet", required=True, metavar="DIR")
    export.add_argument("--warehouse")

    docs = commands.add_parser("docs", help="build the dbt docs of the published warehouse and serve them locally")
    docs.add_argument("--warehouse")
    docs.add_argument("--port", type=int, default=8080, help="local port to serve on (default: 8080)")
    docs.add_argument("--no-serve", action="store_true", help="only build the docs")

    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args)
    warehouse = settings.warehouse_file(args.warehouse)
    if not warehouse.exists():
        print(f"yusuan: no published warehouse at {warehouse}; run `yusuan run` first", file=sys.stderr)
        return 2
    if args.command == "docs":
        from orchestration.docs import docs

        return docs(warehouse, args.port, serve=not args.no_serve)
    if args.command == "query":
        return _query(warehouse, args.sql, args.format)
    if args.command == "publish":
        dsn = settings.postgres_dsn(args.postgres)
        if not dsn:
            print("yusuan: publish needs --postgres DSN (or YUSUAN_POSTGRES_DSN)", file=sys.stderr)
            return 2
        return _replicate(warehouse, dsn, settings.reader_role(args.reader_role))
    return _export(warehouse, Path(args.parquet))


def _replicate(warehouse: Path, dsn: str, role: str) -> int:
    import duckdb

    from warehouse.replica import replicate

    try:
        rows = replicate(warehouse, dsn, role)
    except duckdb.Error as exc:
        print(f"yusuan: PostgreSQL replica not refreshed: {settings.mask_password(str(exc))}", file=sys.stderr)
        return 1
    print(f"replicated marts and cn to PostgreSQL ({sum(rows.values())} rows in {len(rows)} marts tables); "
          f"read access for role {role}")  # fmt: skip
    return 0


def _run(args: argparse.Namespace) -> int:
    landing = settings.landing_dir(args.landing)
    if not landing.is_dir():
        print(f"yusuan: landing folder {landing} does not exist", file=sys.stderr)
        return 2
    warehouse = settings.warehouse_file(args.warehouse)
    if args.workers is not None and args.workers < 1:
        print("yusuan: --workers must be at least 1", file=sys.stderr)
        return 2
    from ingest.discover import discover

    found = discover(landing)
    # with --postgres the replica is refreshed even when the warehouse is up to date
    if not args.postgres and _up_to_date(found, landing, warehouse):
        return 0
    settings.quiet_telemetry()
    if not (args.dask or os.environ.get("YUSUAN_DASK_SCHEDULER")):
        _read_ahead(found, warehouse, args.workers or 0)
    from orchestration.run import run_pipeline  # Dagster, dbt and GX take seconds to import

    outcome = run_pipeline(
        landing, warehouse, args.postgres or "", args.reader_role or "", args.workers or 0, args.dask or ""
    )
    print(outcome.summary())
    return 0 if outcome.published and not outcome.errors else 1


def _up_to_date(found: Landing, landing: Path, warehouse: Path) -> bool:
    """Nothing new, nothing gone, same code: the published warehouse is what a run would build."""
    from ingest.cache import ExtractionCache
    from warehouse import fingerprint

    cache = ExtractionCache(settings.cache_dir(warehouse))
    current = fingerprint.fingerprint(found, cache)
    if current is None or current != fingerprint.published(warehouse):
        return False
    statuses = Counter(cache.get(f.sha256)["document"][0]["extraction_status"] for f in found.files)
    print(f"yusuan run: {landing}\ndocuments: {len(found.files)} seen, 0 new, {statuses['failed']} failed, "
          f"{statuses['quarantined']} quarantined\n"
          f"nothing changed since the last run: {warehouse} is up to date")  # fmt: skip
    return True


def _read_ahead(found: Landing, warehouse: Path, workers: int) -> None:
    """Start reading the files not yet extracted while the run's imports load (ingest/head_start.py)."""
    from ingest import head_start
    from ingest.cache import ExtractionCache

    cache = ExtractionCache(settings.cache_dir(warehouse))
    head_start.start([f for f in found.files if not cache.current(f.sha256)], cache.root, workers)


def _connect_published(warehouse: Path):
    from warehouse.connection import connect

    return connect(warehouse, read_only=True)


def _query(warehouse: Path, sql: str, fmt: str) -> int:
    import duckdb

    con = _connect_published(warehouse)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        print(f"yusuan: query failed: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        print(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows],
                ensure_ascii=False,
                default=str,
                indent=1,
            )
        )
    else:
        print(format_table(columns, rows))
    return 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """An aligned text table; Chinese characters count as two columns wide."""
    cells = [columns] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(columns))]

    def line(row: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:]), f"({len(rows)} rows)"])


def _export(warehouse: Path, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    con = _connect_published(warehouse)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1"
        ).fetchall()]  # fmt: skip
        for table in tables:
            target = directory / f"{table}.parquet"
            con.execute(f"COPY marts.{table} TO '{target}' (FORMAT parquet)")
            print(f"{target}")
    finally:
        con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
