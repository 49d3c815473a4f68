"""Find the report files under a landing folder and identify each by its content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

# Formats the contract accepts; a file of one of these that cannot be read still gets a (failed) row.
REPORT_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".xlsx", ".xls"})


@dataclass(frozen=True)
class LandedFile:
    path: Path
    sha256: str

    @property
    def document_id(self) -> str:
        return self.sha256[:16]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def discover(landing: Path) -> list[LandedFile]:
    """Every report file under `landing` (recursively), one per distinct content, in path order."""
    seen: dict[str, LandedFile] = {}
    for path in sorted(landing.rglob("*")):
        hidden = any(part.startswith((".", "~$")) for part in path.relative_to(landing).parts)
        if path.is_file() and not hidden and path.suffix.lower() in REPORT_SUFFIXES:
            sha = sha256_of(path)
            seen.setdefault(sha, LandedFile(path=path, sha256=sha))
    return list(seen.values())
