"""Load raw.* into a build file from the per-document extraction results, in one transaction.

A quarantined document's facts go to quarantine.* (same columns) instead: its document row and its
findings stay in raw.*, so it is listed with the reason, and its figures stay queryable but out of the marts.
So does a single fact held back (an OCR figure an identity contradicts), its document published.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ingest.discover import Skipped
from ingest.extract.records import HELD_BACK, RAW_TABLES, Record
from ingest.plausibility import FACT_TABLES
from warehouse.connection import connect


def _jsonable(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def load_raw(
    build_path: Path, documents: Iterable[dict[str, list[Record]]], skipped: Iterable[Skipped] = ()
) -> dict[str, int]:
    """Replace raw.* and quarantine.* in `build_path` with these documents' records, and raw.skipped_file
    with the files that are no report format; returns rows per raw table."""
    targets = [("raw", name) for name in RAW_TABLES] + [("quarantine", name) for name in FACT_TABLES]
    with tempfile.TemporaryDirectory(prefix="yusuan-raw-") as tmp:
        files = {t: (Path(tmp) / f"{t[0]}.{t[1]}.jsonl").open("w", encoding="utf-8") for t in targets}
        for tables in documents:
            quarantined = tables["document"][0]["extraction_status"] == "quarantined"
            for name, records in tables.items():
                for record in records:
                    held = quarantined or record.get(HELD_BACK, False)
                    schema = "quarantine" if held and name in FACT_TABLES else "raw"
                    row = {column: _jsonable(record.get(column)) for column in RAW_TABLES[name]}
                    files[schema, name].write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        for fh in files.values():
            fh.close()
        con = connect(build_path)
        try:
            con.execute("BEGIN")
            con.execute("CREATE SCHEMA IF NOT EXISTS raw")
            con.execute("CREATE SCHEMA IF NOT EXISTS quarantine")
            counts = {}
            for schema, name in targets:
                spec = ", ".join(f"'{c}': '{t}'" for c, t in RAW_TABLES[name].items())
                con.execute(
                    f"CREATE OR REPLACE TABLE {schema}.{name} AS SELECT * FROM read_json(?, "
                    f"format='newline_delimited', columns={{{spec}}})",
                    [files[schema, name].name],
                )
                if schema == "raw":
                    counts[name] = con.execute(f"SELECT count(*) FROM raw.{name}").fetchone()[0]
            con.execute("CREATE OR REPLACE TABLE raw.skipped_file (file_name VARCHAR, extension VARCHAR)")
            if rows := [(s.name, s.extension) for s in skipped]:
                con.executemany("INSERT INTO raw.skipped_file VALUES (?, ?)", rows)
            con.execute("COMMIT")
        finally:
            con.close()
    return counts
