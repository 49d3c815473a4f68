"""Extraction results per document, keyed by content hash and parser version.

One JSON file per document under <root>/<sha256[:2]>/<sha256>.json, written atomically. An unchanged
file is never parsed twice; a new parser version makes every entry stale.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ingest import PARSER_VERSION
from ingest.extract.records import Record


def _encode(value: object) -> str:
    if isinstance(value, Decimal | datetime):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__} in the extraction cache")


class ExtractionCache:
    def __init__(self, root: Path):
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> dict[str, list[Record]] | None:
        """The cached tables of a document, or None when absent, unreadable or from another parser."""
        try:
            entry = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry["tables"] if entry.get("parser_version") == PARSER_VERSION else None

    def current(self, sha256: str) -> bool:
        """An entry of this parser version exists (its content is not read)."""
        try:
            with self._path(sha256).open("rb") as entry:
                return f'"parser_version": "{PARSER_VERSION}"'.encode() in entry.read(200)
        except OSError:
            return False

    def entry_digest(self, sha256: str) -> str | None:
        """A digest of the cached entry when it is current (same parser version), else None."""
        try:
            data = self._path(sha256).read_bytes()
        except OSError:
            return None
        if f'"parser_version": "{PARSER_VERSION}"'.encode() not in data[:200]:
            return None
        return hashlib.sha256(data).hexdigest()

    def put(self, sha256: str, tables: dict[str, list[Record]]) -> None:
        path = self._path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        entry = {"parser_version": PARSER_VERSION, "tables": tables}
        tmp.write_text(json.dumps(entry, ensure_ascii=False, default=_encode), encoding="utf-8")
        os.replace(tmp, path)
