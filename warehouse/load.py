"""Load raw.* into a build file from the per-document extraction results, in one transaction."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ingest.extract.records import RAW_TABLES, Record
from warehouse.connection import connect


def _jsonable(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def load_raw(build_path: Path, documents: Iterable[dict[str, list[Record]]]) -> dict[str, int]:
    """Replace raw.* in `build_path` with these documents' records; returns rows per table."""
    with tempfile.TemporaryDirectory(prefix="yusuan-raw-") as tmp:
        files = {name: (Path(tmp) / f"{name}.jsonl").open("w", encoding="utf-8") for name in RAW_TABLES}
        for tables in documents:
            for name, records in tables.items():
                for record in records:
                    row = {column: _jsonable(record.get(column)) for column in RAW_TABLES[name]}
                    files[name].write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        for fh in files.values():
            fh.close()
        con = connect(build_path)
        try:
            con.execute("BEGIN")
            con.execute("CREATE SCHEMA IF NOT EXISTS raw")
            counts = {}
            for name, columns in RAW_TABLES.items():
                spec = ", ".join(f"'{c}': '{t}'" for c, t in columns.items())
                con.execute(
                    f"CREATE OR REPLACE TABLE raw.{name} AS SELECT * FROM read_json(?, "
                    f"format='newline_delimited', columns={{{spec}}})",
                    [files[name].name],
                )
                counts[name] = con.execute(f"SELECT count(*) FROM raw.{name}").fetchone()[0]
            con.execute("COMMIT")
        finally:
            con.close()
    return counts
