"""One landed file → its records, never raising: a file that cannot be read becomes a failed row."""

from __future__ import annotations

import traceback
from datetime import datetime

from ingest import PARSER_VERSION
from ingest.archive import extracted
from ingest.discover import LandedFile
from ingest.document import Document, UnreadableFile
from ingest.extract import extract
from ingest.extract.records import RAW_TABLES, Record, finding
from ingest.plausibility import screen
from ingest.readers import read

Tables = dict[str, list[Record]]


def _document(landed: LandedFile, ingested_at: datetime) -> Record:
    return {
        "document_id": landed.document_id,
        "sha256": landed.sha256,
        "file_name": landed.name,
        "file_path": landed.file_path,
        "file_format": landed.suffix.lstrip("."),
        "parser_version": PARSER_VERSION,
        "ingested_at": ingested_at.replace(microsecond=0),
    }


def failed(landed: LandedFile, ingested_at: datetime, check_id: str, reason: str, page: int | None = None) -> Tables:
    """The tables of a file that could not be read: its document row, status failed, and why."""
    document = _document(landed, ingested_at) | {"extraction_status": "failed"}
    where = f" (page {page})" if page else ""
    problem = finding(landed.document_id, check_id, f"{landed.name}{where}: {reason}", page=page)
    return {name: [document] if name == "document" else [problem] if name == "finding" else [] for name in RAW_TABLES}


def _read(landed: LandedFile) -> Document:
    if landed.problem:
        raise UnreadableFile(landed.problem)
    if not landed.member:
        return read(landed.path)
    with extracted(landed) as path:
        doc = read(path)
    doc.file_name = landed.name  # findings name the member as `archive.zip/member`
    return doc


def process(landed: LandedFile, ingested_at: datetime) -> Tables:
    """Read, extract and screen one document: an implausible one comes back quarantined."""
    try:
        return screen(extract(_read(landed), _document(landed, ingested_at)).tables())
    except UnreadableFile as exc:
        return failed(landed, ingested_at, "file_unreadable", exc.reason, exc.page)
    except MemoryError:
        return failed(landed, ingested_at, "file_too_large", "ran out of memory (limit: YUSUAN_FILE_MEMORY_MB)")
    except Exception as exc:  # a parser bug must not stop the run nor lose the other documents
        last = traceback.extract_tb(exc.__traceback__)[-1]
        reason = (
            f"extraction failed with {type(exc).__name__}: {exc} "
            f"(at {last.filename.rsplit('/', 1)[-1]}:{last.lineno}); please report it with the file"
        )
        return failed(landed, ingested_at, "extraction_crashed", reason)
