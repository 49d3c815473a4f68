"""Pages per second of yusuan's PDF reader next to bare pdfplumber text extraction, same pages, same run.

.venv/bin/python -m benchmarks.pdf_reader [PDF ...]      # default: ../shared/corpus/pdf/*.pdf
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from ingest.readers import pdf as pdf_reader

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "pdf"


def bare_text(path: Path) -> int:
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_text()
        return len(document.pages)


def floor(paths: list[Path]) -> tuple[int, float]:
    """Pages and seconds of bare text extraction over every page of `paths`, in this process."""
    start = time.perf_counter()
    pages = sum(bare_text(path) for path in paths)
    return pages, time.perf_counter() - start


def timed(fn, path: Path, repeat: int = 3) -> float:
    """Best of `repeat` wall times, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - start)
    return best


def main(paths: list[Path]) -> None:
    print(f"{'file':60} {'pages':>5} {'bare p/s':>9} {'reader p/s':>10} {'ratio':>6}")
    rows = []
    for path in paths:
        rows.append((path.name, bare_text(path), timed(bare_text, path), timed(pdf_reader.read, path)))
    rows.append(("all", *(sum(r[i] for r in rows) for i in (1, 2, 3))))
    for name, pages, bare, reader in rows:
        print(f"{name:60} {pages:5d} {pages / bare:9.1f} {pages / reader:10.1f} {reader / bare:6.2f}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or sorted(DEFAULT.glob("*.pdf")))
