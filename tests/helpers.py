"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
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


def guide_questions() -> dict[str, str]:
    """The analyst guide's questions, by their number (Q1 …)."""
    guide = Path(__file__).resolve().parent.parent / "docs" / "analyst-guide.md"
    blocks = re.findall(r"```sql\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    return {re.match(r"-- (Q\d+)", block).group(1): block for block in blocks}
