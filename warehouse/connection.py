"""DuckDB connections with this project's offline settings."""

from __future__ import annotations

from pathlib import Path

import duckdb

EXTENSION_DIR = Path(__file__).resolve().parent / "extensions"


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file. Extensions never download: they come from PyPI wheels into EXTENSION_DIR."""
    return duckdb.connect(
        str(path),
        read_only=read_only,
        config={
            "autoinstall_known_extensions": "false",
            "autoload_known_extensions": "false",
            "extension_directory": str(EXTENSION_DIR),
        },
    )
