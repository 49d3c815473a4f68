"""Readers: one file format each, all returning a Document."""

from __future__ import annotations

from pathlib import Path

from ingest.document import Document, UnreadableFile
from ingest.readers import docx, html, image, legacy_word, pdf, txt, xlsx

READERS = {
    ".txt": txt.read,
    ".docx": docx.read,
    ".doc": legacy_word.read,
    ".wps": legacy_word.read,
    ".pdf": pdf.read,
    ".xlsx": xlsx.read_xlsx,
    ".xls": xlsx.read_xls,
    ".html": html.read,
    ".htm": html.read,
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), image.read),
}


def read(path: Path) -> Document:
    """Read one report file; raises UnreadableFile with a reason a person can act on."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported file format {path.suffix!r}")
    if path.stat().st_size == 0:
        raise UnreadableFile("empty file (0 bytes)")
    return reader(path)
