"""What a published warehouse was built from: the landed files' extractions and the warehouse's own code.

A run whose fingerprint equals the published one would rebuild the same warehouse, so `yusuan run`
skips it. Stored beside the published file and swapped in with it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ingest import PARSER_VERSION
from ingest.cache import ExtractionCache
from ingest.discover import Landing

_PROJECT = Path(__file__).resolve().parent.parent
_CODE = (
    "dbt_project/models",
    "dbt_project/macros",
    "dbt_project/seeds",
    "dbt_project/tests",
    "expectations/suites",
    "warehouse",
)


def _code_digest() -> str:
    digest = hashlib.sha256(PARSER_VERSION.encode())
    for folder in _CODE:
        for path in sorted((_PROJECT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".sql", ".yml", ".py", ".csv"):
                digest.update(path.relative_to(_PROJECT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def fingerprint(landing: Landing, cache: ExtractionCache) -> str | None:
    """None when a file has no current extraction (it must be read, so the warehouse must be built)."""
    digest = hashlib.sha256(_code_digest().encode())
    for landed in sorted(landing.files, key=lambda f: f.sha256):
        entry = cache.entry_digest(landed.sha256)
        if entry is None:
            return None
        digest.update(f"{landed.sha256}:{landed.name}:{entry}".encode())
    for skipped in landing.skipped:  # a file landed in a format no reader takes is still news
        digest.update(f"skipped:{skipped.name}".encode())
    return digest.hexdigest()


def path_for(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".fingerprint")


def published(warehouse: Path) -> str | None:
    try:
        return path_for(warehouse).read_text().strip() if warehouse.exists() else None
    except OSError:
        return None


def write(database: Path, value: str) -> None:
    tmp = path_for(database).with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(value)
    os.replace(tmp, path_for(database))
