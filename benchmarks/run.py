"""End to end on a generated corpus: wall time, peak memory, pages per second, time per stage, a second
run with nothing new, accuracy against the truth files, and the floors set by bare PDF text extraction.

    .venv/bin/python -m benchmarks.run N [--workers W]

Generation is timed apart and not counted. The floors are single-process text extraction of the same
PDFs with pdfplumber (the library yusuan reads with) and pypdfium2 (the fastest text layer here).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from benchmarks.accuracy import MARTS, Score, score_document
from benchmarks.pdf_reader import floor


def _floor_pdfium(pdfs: list[Path]) -> float:
    import pypdfium2

    start = time.perf_counter()
    for path in pdfs:
        document = pypdfium2.PdfDocument(path)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    return time.perf_counter() - start


def _stages(step_seconds: dict[str, float]) -> dict[str, float]:
    stages = {"discover": 0.0, "read+extract": 0.0, "load": 0.0, "dbt": 0.0, "gates": 0.0, "publish": 0.0}
    for step, seconds in step_seconds.items():
        name = (
            "gates" if "_gx_" in step else "read+extract" if "extracted_documents" in step else "discover"
            if "landing_files" in step else "load" if "raw_tables" in step else "dbt" if "dbt_models" in step
            else "publish"
        )  # fmt: skip
        stages[name] += seconds
    return stages


def accuracy(root: Path, warehouse: Path) -> dict[str, Score]:
    """Every truth file of a generated corpus scored against the extraction (cache) and the published findings."""
    import duckdb

    from ingest.cache import ExtractionCache
    from ingest.discover import sha256_of
    from orchestration.settings import cache_dir

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        published = con.execute(
            """SELECT d.file_name, f.check_id, f.expected, f.actual
               FROM marts.fct_quality_finding f JOIN marts.dim_document d USING (document_id)"""
        ).fetchall()
    finally:
        con.close()
    findings: dict[str, list[dict]] = {}
    for name, check_id, expected, actual in published:
        findings.setdefault(name, []).append({"check_id": check_id, "expected": expected, "actual": actual})
    cache = ExtractionCache(cache_dir(warehouse))
    totals = {mart: Score() for mart in MARTS}
    for truth in sorted((root / "truth").glob("*.yaml")):
        golden = yaml.safe_load(truth.read_text(encoding="utf-8"))
        tables = cache.get(sha256_of(root / "landing" / golden["file"]))
        for mart, score in score_document(golden, tables, findings.get(golden["file"], [])).items():
            totals[mart].add(score)
    return totals


def main(n: int, workers: int) -> None:
    from orchestration import cli
    from orchestration.run import run_pipeline
    from orchestration.settings import quiet_telemetry
    from samples.corpus import generate

    quiet_telemetry()
    root = Path(tempfile.mkdtemp(prefix=f"yusuan-bench-{n}-"))
    start = time.perf_counter()
    generate(root, n)
    generated = time.perf_counter() - start
    pdfs = sorted((root / "landing").glob("*.pdf"))
    pages, plumber = floor(pdfs)
    pdfium = _floor_pdfium(pdfs)

    warehouse = root / "warehouse" / "yusuan.duckdb"
    start = time.perf_counter()
    first = run_pipeline(root / "landing", warehouse, workers=workers)
    first_seconds = time.perf_counter() - start
    # the second run as a user runs it: the command line finds nothing changed and rebuilds nothing
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli.main(["run", "--landing", str(root / "landing"), "--warehouse", str(warehouse)])
    second_seconds = time.perf_counter() - start
    assert first.published and code == 0 and "0 new" in out.getvalue(), first.summary() + out.getvalue()

    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    stages = _stages(first.step_seconds)
    scores = accuracy(root, warehouse)
    print(f"# {n} documents ({len(pdfs)} PDF, {pages} PDF pages), {workers} workers, {date.today()}, "
          f"{platform.machine()} {os.cpu_count()} cores, generated in {generated:.1f} s")  # fmt: skip
    print(f"first run: {first_seconds:.1f} s; second run (nothing new): {second_seconds:.1f} s "
          f"({second_seconds / first_seconds:.1%}); peak memory {peak / 1024:.0f} MB")  # fmt: skip
    print(f"floors on the PDFs: pdfplumber extract_text {plumber:.1f} s ({pages / plumber:.1f} pages/s), "
          f"pypdfium2 {pdfium:.1f} s; yusuan end to end / pdfplumber floor: {first_seconds / plumber:.2f}")  # fmt: skip
    print("stages: " + ", ".join(f"{k} {v:.1f} s ({v / first_seconds:.0%})" for k, v in stages.items()))
    scored = {mart: s for mart, s in scores.items() if s.expected or s.extracted}
    print("accuracy: " + ", ".join(f"{mart} P={s.precision:.3f} R={s.recall:.3f}" for mart, s in scored.items()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    main(args.n, args.workers)
