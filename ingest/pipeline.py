"""One landed file → its records, never raising: a file that cannot be read becomes a failed row."""

from __future__ import annotations

import traceback
from datetime import datetime

from ingest import PARSER_VERSION
from ingest.discover import LandedFile
from ingest.document import UnreadableFile
from ingest.extract import extract
from ingest.extract.records import Record, finding
from ingest.readers import read


def process(landed: LandedFile, ingested_at: datetime) -> dict[str, list[Record]]:
    document: Record = {
        "document_id": landed.document_id,
        "sha256": landed.sha256,
        "file_name": landed.path.name,
        "file_path": str(landed.path),
        "file_format": landed.path.suffix.lower().lstrip("."),
        "parser_version": PARSER_VERSION,
        "ingested_at": ingested_at.replace(microsecond=0),
    }
    try:
        return extract(read(landed.path), document).tables()
    except UnreadableFile as exc:
        where = f" (page {exc.page})" if exc.page else ""
        message = f"{landed.path.name}{where}: {exc.reason}"
        problem = finding(landed.document_id, "file_unreadable", message, page=exc.page)
    except Exception as exc:  # a parser bug must not stop the run nor lose the other documents
        last = traceback.extract_tb(exc.__traceback__)[-1]
        message = (
            f"{landed.path.name}: extraction failed with {type(exc).__name__}: {exc} "
            f"(at {last.filename.rsplit('/', 1)[-1]}:{last.lineno}); please report it with the file"
        )
        problem = finding(landed.document_id, "extraction_crashed", message)
    document["extraction_status"] = "failed"
    return {"document": [document], "sangong": [], "finding": [problem]}
