"""Find the report files under a landing folder and identify each by its content.

Every file is accounted for: a report format becomes a document (a `.zip` archive one document per
member), anything else is listed as skipped with its extension.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Formats the contract accepts; a file of one of these that cannot be read still gets a (failed) row.
REPORT_SUFFIXES = frozenset(
    {".pdf", ".docx", ".txt", ".xlsx", ".xls", ".html", ".htm", ".doc", ".wps"}
    | {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
)
ARCHIVE_SUFFIXES = frozenset({".zip"})


@dataclass(frozen=True)
class LandedFile:
    """One document: a file of the landing folder, or a member of an archive there."""

    path: Path  # the file on disk (for an archive member: the archive)
    sha256: str  # of the document's own bytes (an archive member's, not the archive's)
    member: tuple[str, ...] = ()  # the member's path inside the archive, one entry per nesting level
    problem: str | None = None  # why it cannot be read, found while listing it (an encrypted member)

    @property
    def document_id(self) -> str:
        return self.sha256[:16]

    @property
    def name(self) -> str:
        """As shown to people: `report.pdf`, or `archive.zip/folder/report.pdf` for an archive member."""
        return "/".join((self.path.name, *self.member))

    @property
    def file_path(self) -> str:
        """Where it is: the file's path, or the archive's path and the member's path inside it."""
        return "/".join((str(self.path), *self.member))

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member[-1]).suffix.lower() if self.member else self.path.suffix.lower()


@dataclass(frozen=True)
class Skipped:
    """A file that is no report format: listed in the run summary and the quality report, never read."""

    name: str  # relative to the landing folder (archive members: `archive.zip/member`)
    extension: str


@dataclass
class Landing:
    files: list[LandedFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extension_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower() or "(none)"


def discover(landing: Path) -> Landing:
    """Every document under `landing` (recursively), one per distinct content, in path order."""
    from ingest.archive import unpack_listing

    seen: dict[str, LandedFile] = {}
    skipped: list[Skipped] = []
    for path in sorted(landing.rglob("*")):
        relative = path.relative_to(landing)
        if not path.is_file() or any(part.startswith((".", "~$")) for part in relative.parts):
            continue
        suffix = path.suffix.lower()
        if suffix in REPORT_SUFFIXES:
            sha = sha256_of(path)
            seen.setdefault(sha, LandedFile(path=path, sha256=sha))
        elif suffix in ARCHIVE_SUFFIXES:
            members, unsupported = unpack_listing(path)
            for landed in members:
                seen.setdefault(landed.sha256, landed)
            skipped += [Skipped(f"{relative.as_posix()}/{name}", extension_of(name)) for name in unsupported]
        else:
            skipped.append(Skipped(relative.as_posix(), extension_of(path.name)))
    return Landing(files=list(seen.values()), skipped=skipped)
