"""Page images (.png, .jpg, .jpeg, .tif, .tiff): a scan, read by OCR (ingest/readers/ocr.py).

Each image (each frame of a multi-page TIFF) is a page. The content is checked against the extension, so a
web page saved as .png says what it is, and the size is read from the header before anything is decoded:
an image beyond the pixel limit is refused with its size, not decoded into memory.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence

from ingest.document import Document, UnreadableFile
from ingest.readers import ocr

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def _open(path: Path) -> Image.Image:
    """The image, opened lazily (header only); refused when its frames are beyond the pixel limit."""
    guard = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # Pillow's own guard, replaced by the limit below: same check, one message
    try:
        image = Image.open(path)
    except Exception as exc:
        raise UnreadableFile(f"corrupt image ({type(exc).__name__}: {exc})", page=1) from exc
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    width, height = image.size
    if width * height > ocr.max_pixels():
        image.close()
        raise UnreadableFile(str(ocr.TooLarge(width, height)), page=1)
    return image


def read(path: Path) -> Document:
    with path.open("rb") as fh:
        head = fh.read(8)
    kind = next((name for signature, name in _SIGNATURES.items() if head.startswith(signature)), None)
    if kind is None:
        raise UnreadableFile(f"not an image: the content is no PNG, JPEG or TIFF despite the {path.suffix} extension")
    scanned = ocr.Scanned()
    with _open(path) as image:
        ocr.announce(getattr(image, "n_frames", 1))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if frame.size[0] * frame.size[1] > ocr.max_pixels():
                raise UnreadableFile(str(ocr.TooLarge(*frame.size)), page=number)
            try:
                pixels = np.asarray(ImageOps.exif_transpose(frame).convert("L"))
            except Exception as exc:
                raise UnreadableFile(f"corrupt image ({type(exc).__name__}: {exc})", page=number) from exc
            ocr.read_image(pixels, number, path.name, scanned)
    if not scanned.blocks:
        pages = len(scanned.pages)
        raise UnreadableFile(f"OCR read no text from this {kind} image" + (f" ({pages} pages)" if pages > 1 else ""))
    return Document(
        file_name=path.name,
        file_format=path.suffix.lower().lstrip("."),
        blocks=ocr.join_pages(scanned.blocks),
        page_count=len(scanned.pages),
        notes=scanned.notes,
        ocr_pages=scanned.pages,
    )
