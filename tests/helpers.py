"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

import duckdb


def run_cli(*args: str) -> tuple[int, str]:
    from orchestration.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
