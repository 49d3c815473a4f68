"""Page images (.png, .jpg, .jpeg, .tif, .tiff): a scan has no text layer to read.

Until OCR reads them, an image is a failed document with the reason, never passed over in silence. The
content is checked against the extension, so a web page saved as .png says what it is.
"""

from __future__ import annotations

from pathlib import Path

from ingest.document import Document, UnreadableFile

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def read(path: Path) -> Document:
    with path.open("rb") as fh:
        head = fh.read(8)
    kind = next((name for signature, name in _SIGNATURES.items() if head.startswith(signature)), None)
    if kind is None:
        raise UnreadableFile(f"not an image: the content is no PNG, JPEG or TIFF despite the {path.suffix} extension")
    raise UnreadableFile(f"image: no text layer ({kind} page image; OCR is needed to read it)")
