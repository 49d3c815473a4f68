"""OCR accuracy and speed: corpus PDFs scanned (samples/scans.py) and read again, against their text layer.

    .venv/bin/python -m benchmarks.ocr                         # the benchmark subset, at the reader's DPI
    .venv/bin/python -m benchmarks.ocr --dpi 100 150 200 pdf/shanghai_putuo_caizhengju_2024_juesuan.pdf

Each PDF is rendered to page images at 200 dpi and saved as an image-only PDF; both are read by the same
pipeline. The canonical facts of the text layer (every 三公 figure, and the budget lines with canonical codes)
are the truth: recall is the share of them the scan gives, precision the share of the scan's published facts
(after the confirmation rule has held back contradicted figures) that are among them. Facts compare on their
keys and exact amount. The scans are read by two forked workers as a run reads them (ingest/isolation.py),
which gives OCR pages per second on the machine's two cores and the peak memory of a worker.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.accuracy import CANONICAL, CORPUS
from ingest.discover import LandedFile, sha256_of
from ingest.extract.records import HELD_BACK, Record
from ingest.isolation import Limits, process_all
from ingest.pipeline import process
from ingest.readers import ocr
from samples.scans import image_only_pdf

# real reports with a 三公 statement and the budget statements, of three templates (Jiangsu, Shanghai)
SUBSET = (
    "pdf/shanghai_putuo_caizhengju_2024_juesuan.pdf",
    "real/shanghai_putuo_wanli_2025_bumen_yusuan.pdf",
    "real/jiangsu_renda_2018_yusuan.pdf",
    "pdf/jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf",
)


def canonical(tables: dict[str, list[Record]], published: bool = True) -> set[tuple]:
    facts = set()
    for record in tables["sangong"]:
        if not (published and record.get(HELD_BACK)):
            facts.add(("sangong", record["category"], record["measure"], record["fiscal_year"], record["amount_wan"]))
    for record in tables["budget_line"]:
        if record["line_code"] in CANONICAL and not (published and record.get(HELD_BACK)):
            facts.add((record["statement"], record["line_code"], record["measure"], record["fiscal_year"],
                       record["amount_wan"]))  # fmt: skip
    return facts


def _landed(path: Path) -> LandedFile:
    return LandedFile(path, sha256_of(path))


def measure(documents: list[str], dpi: int, scans: Path) -> None:
    ocr.DPI = dpi
    truth: dict[str, set[tuple]] = {}
    landed = []
    for name in documents:
        source = CORPUS / name
        truth[source.stem] = canonical(process(_landed(source), datetime(2026, 1, 1)))
        scan = scans / f"{source.stem}.pdf"
        if not scan.exists():
            image_only_pdf(source, scan)
        landed.append(_landed(scan))
    started = time.monotonic()
    results = dict(process_all(landed, datetime(2026, 1, 1), workers=2, limits=Limits(seconds=3600)))
    elapsed = time.monotonic() - started
    pages = 0
    totals = [0, 0, 0, 0]  # expected, found, published, published and right
    print(f"\n{dpi} dpi")
    print("| document | OCR pages | canonical facts | recall | precision (published) | held back | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for file in landed:
        tables = results[file]
        document = tables["document"][0]
        expected = truth[file.path.stem]
        found, published = canonical(tables, published=False), canonical(tables)
        right = published & expected
        pages += document.get("ocr_pages") or 0
        held = sum(bool(r.get(HELD_BACK)) for name in ("sangong", "budget_line") for r in tables[name])
        kinds = sorted({f["check_id"] for f in tables["finding"] if f["check_id"].startswith(("ocr", "file"))})
        totals = [
            a + b
            for a, b in zip(totals, (len(expected), len(found & expected), len(published), len(right)), strict=True)
        ]
        print(f"| {file.path.stem} | {document.get('ocr_pages')} | {len(expected)} | "
              f"{len(published & expected) / max(len(expected), 1):.3f} | {len(right) / max(len(published), 1):.3f} "
              f"| {held} | {', '.join(kinds)} |")  # fmt: skip
    expected_n, _, published_n, right_n = totals
    recall, precision = right_n / max(expected_n, 1), right_n / max(published_n, 1)
    print(f"| all | {pages} | {expected_n} | {recall:.3f} | {precision:.3f} | | |")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{pages} pages in {elapsed:.0f} s on 2 workers: {pages / elapsed:.2f} OCR pages/s; "
          f"peak worker memory {peak:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="*", default=list(SUBSET), help="paths under ../shared/corpus")
    parser.add_argument("--dpi", type=int, nargs="+", default=[ocr.DPI])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yusuan-scans-") as tmp:
        for dpi in args.dpi:
            measure(args.documents, dpi, Path(tmp))


if __name__ == "__main__":
    main()
