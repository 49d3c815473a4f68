"""`yusuan run` over the real PDFs of ../shared/corpus as a user meets it, beside bare pdfplumber.

    .venv/bin/python -m benchmarks.real [--workers 2] [--profile] [--copies N]

Both sides run in the same invocation on the same pages:
- the floor: one process extracting every page's text with pdfplumber `extract_text()`, timed around the
  loop (its interpreter start and imports not counted);
- yusuan: `yusuan run` launched as a whole process from the shell (interpreter start, imports of Dagster,
  dbt and GX, the run, the report) on a fresh warehouse, extraction cache and Dagster instance; then the
  same command again, with nothing new. As for every run after a first one into the same warehouse path
  (`make run` builds the default one), dbt starts from its kept parse: an untimed run of an empty landing
  folder into that path comes first, and its warehouse is removed.
Memory is the sum of the resident sets of the run's whole process tree (parent, reading workers, dbt),
sampled every 50 ms; the figure is the largest sum. The stages come from the run's own step records.
`--profile` adds where reading spends its time, per call, on one core (cProfile over the reader).
`--copies N` lands N documents cycling over the real PDFs (each a distinct file) to time real-size reports
at scale; the floor is then one pass over the originals, scaled to the pages landed.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
GROUPS = ("pdf", "real")
# the floor runs in a process of its own, as a single-process extraction would
_FLOOR = (
    "import sys; from pathlib import Path; from benchmarks.pdf_reader import floor; "
    "print(*floor([Path(p) for p in sys.argv[1:]]))"
)


def real_pdfs() -> list[Path]:
    return sorted(p for group in GROUPS for p in (CORPUS / group).glob("*.pdf"))


def floor(pdfs: list[Path]) -> tuple[int, float]:
    """Pages and seconds of single-process bare pdfplumber text extraction."""
    out = subprocess.run(
        [sys.executable, "-c", _FLOOR, *map(str, pdfs)], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    pages, seconds = out.stdout.split()
    return int(pages), float(seconds)


class TreeMemory(threading.Thread):
    """The largest sum of resident memory over a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total = 0
            try:
                for proc in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            time.sleep(0.05)


def timed_run(landing: Path, warehouse: Path, home: Path, workers: int) -> tuple[float, int, str]:
    """Wall seconds, peak tree memory (bytes) and output of `yusuan run` as a process."""
    env = os.environ | {"DAGSTER_HOME": str(home), "YUSUAN_WORKERS": str(workers)}
    command = [str(Path(sys.executable).parent / "yusuan"), "run", "--landing", str(landing)]
    start = time.perf_counter()
    proc = subprocess.Popen([*command, "--warehouse", str(warehouse)], env=env, stdout=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    memory.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    memory.done.set()
    memory.join()
    if proc.returncode != 0:
        raise SystemExit(f"yusuan run failed ({proc.returncode}):\n{out}")
    return seconds, memory.peak, out


def warm_up(root: Path, workers: int) -> None:
    """An untimed run of an empty landing folder into the benchmark's warehouse path, then removed: dbt's
    parse of the project is kept from it, as from any run before into the same warehouse path."""
    (root / "empty").mkdir()
    env = os.environ | {"DAGSTER_HOME": str(root / "warm-up"), "YUSUAN_WORKERS": str(workers)}
    command = [str(Path(sys.executable).parent / "yusuan"), "run", "--landing", str(root / "empty")]
    subprocess.run([*command, "--warehouse", str(root / "warehouse" / "yusuan.duckdb")], env=env,
                   capture_output=True, check=False)  # fmt: skip
    shutil.rmtree(root / "warehouse")


def stages(home: Path, total: float) -> dict[str, float]:
    """Seconds per stage of the last run in `home`, from Dagster's step records; start-up is the time
    before the first step starts, the rest is the run's end (report, log) and the interpreter's exit."""
    os.environ["DAGSTER_HOME"] = str(home)
    from dagster import AssetKey, DagsterInstance

    with DagsterInstance.get() as instance:
        record = instance.get_run_records(limit=1)[0]
        steps = instance.get_run_step_stats(record.dagster_run.run_id)
        started = record.start_time or min(s.start_time for s in steps if s.start_time)
        extracted = instance.get_latest_materialization_event(AssetKey(["ingest", "extracted_documents"]))
    ahead = extracted.asset_materialization.metadata.get("read_ahead_seconds") if extracted else None
    out = {"start-up": 0.0, "discover": 0.0, "read+extract": 0.0, "load": 0.0, "gates": 0.0, "dbt": 0.0}
    first = min(s.start_time for s in steps if s.start_time)
    last = max(s.end_time for s in steps if s.end_time)
    for step in steps:
        key = step.step_key
        stage = (
            "gates" if "_gx_" in key else "read+extract" if "extracted_documents" in key else "discover"
            if "landing_files" in key else "load" if "raw_tables" in key else "dbt" if "dbt_models" in key
            else "publish"
        )  # fmt: skip
        out[stage] = out.get(stage, 0.0) + (step.end_time or 0) - (step.start_time or 0)
    out["between steps"] = (last - first) - sum(v for k, v in out.items() if k != "start-up")
    out["start-up"] = first - started
    out["process (start, end)"] = total - (last - started)
    # files read before the run's first step, while the command imported (ingest/head_start.py)
    out["read ahead, within process"] = ahead.value if ahead else 0.0
    return out


def profile(pdfs: list[Path], top: int = 25) -> None:
    """Where reading and extracting spends its time, on one core."""
    from datetime import datetime

    from ingest.discover import discover
    from ingest.pipeline import process

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for pdf in pdfs:
            (folder / pdf.name).symlink_to(pdf)
        files = discover(folder).files
        start = time.perf_counter()
        profiler.enable()
        for file in files:
            process(file, datetime.now())
        profiler.disable()
        print(f"\nread+extract on one core: {time.perf_counter() - start:.1f} s")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)


def landing_of(pdfs: list[Path], landing: Path, copies: int) -> list[Path]:
    """The real PDFs in `landing` (linked), or `copies` documents cycling over them, each made a distinct
    file by a comment after its end (same pages, another fingerprint)."""
    landing.mkdir()
    if not copies:
        for pdf in pdfs:
            (landing / pdf.name).symlink_to(pdf)
        return pdfs
    made = []
    for i in range(copies):
        source = pdfs[i % len(pdfs)]
        copy = landing / f"{i:05d}_{source.name}"
        copy.write_bytes(source.read_bytes() + f"\n%copy {i}\n".encode())
        made.append(source)
    return made


def main(workers: int, with_profile: bool, copies: int) -> None:
    pdfs = real_pdfs()
    with tempfile.TemporaryDirectory(prefix="yusuan-real-") as tmp:
        root = Path(tmp)
        documents = landing_of(pdfs, root / "landing", copies)
        pages, plumber = floor(pdfs)
        if copies:  # the copies repeat the same pages: the floor is one pass, scaled
            page_counts = _page_counts(pdfs)
            scale = sum(page_counts[p] for p in documents) / pages
            pages, plumber = round(pages * scale), plumber * scale
        warm_up(root, workers)
        home = root / "dagster"
        home.mkdir()
        first, peak, _ = timed_run(root / "landing", root / "warehouse" / "yusuan.duckdb", home, workers)
        profile_stages = stages(home, first)
        second, _, out = timed_run(root / "landing", root / "warehouse" / "yusuan.duckdb", home, workers)
        assert "0 new" in out, out
    what = f"{len(documents)} copies of" if copies else f"{len(pdfs)}"
    print(f"# {what} real PDFs ({pages} pages) of ../shared/corpus/{{pdf,real}}, {workers} workers, "
          f"{date.today()}, {platform.machine()} {os.cpu_count()} cores")  # fmt: skip
    print(f"pdfplumber extract_text, one process: {plumber:.1f} s ({pages / plumber:.1f} pages/s)"
          + (" (one pass over the originals, scaled)" if copies else ""))  # fmt: skip
    print(f"yusuan run, whole process: {first:.1f} s ({pages / first:.1f} pages/s); "
          f"floor / run = {plumber / first:.2f}; peak memory of the process tree {peak / 2**20:.0f} MB")  # fmt: skip
    print(f"second run (nothing new): {second:.1f} s ({second / first:.1%})")
    print("stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in profile_stages.items()))
    if with_profile:
        profile(pdfs)


def _page_counts(pdfs: list[Path]) -> dict[Path, int]:
    import pypdfium2

    counts = {}
    for path in pdfs:
        document = pypdfium2.PdfDocument(path)
        counts[path] = len(document)
        document.close()
    return counts


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", action="store_true", help="also profile reading on one core")
    parser.add_argument("--copies", type=int, default=0, help="N documents cycling over the real PDFs")
    args = parser.parse_args()
    main(args.workers, args.profile, args.copies)
