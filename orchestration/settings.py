"""Configuration read at run time from flags or environment variables (never at import)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from warehouse.replica import DEFAULT_READER_ROLE

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_LANDING = PROJECT_DIR / "samples" / "landing"
DEFAULT_WAREHOUSE = PROJECT_DIR / "warehouse" / "yusuan.duckdb"


def landing_dir(value: str | None = None) -> Path:
    return Path(value or os.environ.get("YUSUAN_LANDING") or SAMPLE_LANDING).resolve()


def warehouse_file(value: str | None = None) -> Path:
    return Path(value or os.environ.get("YUSUAN_WAREHOUSE") or DEFAULT_WAREHOUSE).resolve()


def cache_dir(warehouse: Path) -> Path:
    """Extraction results live beside the warehouse file they feed."""
    return warehouse.parent / "extracted"


def dagster_home(warehouse: Path) -> Path:
    """Where Dagster records runs: DAGSTER_HOME, else `dagster/` beside the warehouse file (`make dagster`
    opens the default one)."""
    return Path(os.environ.get("DAGSTER_HOME") or warehouse.parent / "dagster").resolve()


def quiet_telemetry() -> None:
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def mask_password(text: str) -> str:
    """Text that may quote a DSN, with the password replaced: errors are printed and logged."""
    return re.sub(r"(://[^:@/\s]+:)[^@/\s]+@", r"\1***@", text)


def postgres_dsn(value: str | None = None) -> str | None:
    """The PostgreSQL replica to refresh after publishing, if any."""
    return value or os.environ.get("YUSUAN_POSTGRES_DSN") or None


def reader_role(value: str | None = None) -> str:
    return value or os.environ.get("YUSUAN_POSTGRES_READER_ROLE") or DEFAULT_READER_ROLE
