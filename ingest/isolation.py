"""Extract files in parallel, each in its own forked process with a time and a memory limit.

A file that hangs the parser or exhausts memory is stopped and recorded as failed; the others go on.
Forking is cheap here (the parsers are already imported) and a killed child cannot leave state behind.
A file's time limit grows by `ocr_page_seconds` for each page image its worker says it will recognise: OCR
takes seconds a page, where a text page takes milliseconds. The OCR models are loaded in each worker, once.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection, wait

from ingest.discover import LandedFile
from ingest.pipeline import Tables, failed, process
from ingest.readers import ocr


@dataclass(frozen=True)
class Limits:
    seconds: float = 300.0
    memory_mb: int = 2048
    ocr_page_seconds: float = 60.0  # about 10 times a page's OCR on one core (benchmarks/README.md)

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            seconds=float(os.environ.get("YUSUAN_FILE_TIMEOUT", cls.seconds)),
            memory_mb=int(os.environ.get("YUSUAN_FILE_MEMORY_MB", cls.memory_mb)),
            ocr_page_seconds=float(os.environ.get("YUSUAN_OCR_PAGE_TIMEOUT", cls.ocr_page_seconds)),
        )


def default_workers() -> int:
    return int(os.environ.get("YUSUAN_WORKERS") or os.cpu_count() or 1)


BATCH = 16  # files per forked process: forking once per file costs more than reading a small file


def _child(conn: Connection, batch: Sequence[LandedFile], ingested_at: datetime, limits: Limits) -> None:
    # The limit is on address space, which starts with what the parent had mapped when it forked.
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    budget = mapped + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    ocr.listener = conn.send
    for landed in batch:
        conn.send(process(landed, ingested_at))
    conn.close()
    os._exit(0)  # skip the parent's atexit handlers


@dataclass
class _Worker:
    process: multiprocessing.Process
    batch: list[LandedFile]
    done: int  # files of the batch answered so far
    deadline: float  # for the file being read now


def process_all(
    files: Sequence[LandedFile], ingested_at: datetime, workers: int = 1, limits: Limits | None = None
) -> Iterator[tuple[LandedFile, Tables]]:
    """Yield (file, tables) for every file, in completion order.

    Each forked process reads a batch of files in turn; the time limit applies to each file. When a file
    is stopped or kills its process, it is recorded as failed and the rest of its batch goes back in line.
    """
    limits = limits or Limits.from_env()
    workers = max(1, workers)
    context = multiprocessing.get_context("fork")
    # largest first, in batches that shrink as the queue does: the last files to start are small ones, so
    # no worker is left reading a long report alone while the others wait
    pending = deque(sorted(files, key=_size, reverse=True))
    running: dict[Connection, _Worker] = {}
    while pending or running:
        while pending and len(running) < workers:
            size = min(BATCH, -(-len(pending) // (4 * workers)))
            batch = [pending.popleft() for _ in range(size)]
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(sender, batch, ingested_at, limits), daemon=True)
            child.start()
            sender.close()
            running[receiver] = _Worker(child, batch, 0, time.monotonic() + limits.seconds)
        next_deadline = min(worker.deadline for worker in running.values())
        for conn in wait(list(running), timeout=max(0.0, next_deadline - time.monotonic())):
            worker = running[conn]
            try:
                message = conn.recv()
            except EOFError:  # finished its batch, or died on the file it was reading
                del running[conn]
                conn.close()
                worker.process.join()
                if worker.done < len(worker.batch):
                    reason = (f"the reading process died (exit code {worker.process.exitcode}); "
                              "the file may be malformed")  # fmt: skip
                    yield _give_up(worker, pending, ingested_at, "extraction_crashed", reason)
                continue
            if isinstance(message, ocr.OcrStarted):
                worker.deadline += message.pages * limits.ocr_page_seconds
                continue
            yield worker.batch[worker.done], message
            worker.done += 1
            worker.deadline = time.monotonic() + limits.seconds
        now = time.monotonic()
        for conn, worker in list(running.items()):
            if now >= worker.deadline:
                worker.process.kill()
                worker.process.join()
                conn.close()
                del running[conn]
                reason = f"reading took longer than {limits.seconds:g} s and was stopped (YUSUAN_FILE_TIMEOUT)"
                yield _give_up(worker, pending, ingested_at, "file_timeout", reason)


def _size(landed: LandedFile) -> int:
    try:
        return landed.path.stat().st_size  # an archive member counts as its archive
    except OSError:
        return 0


def _give_up(
    worker: _Worker, pending: deque[LandedFile], ingested_at: datetime, check_id: str, reason: str
) -> tuple[LandedFile, Tables]:
    """The file being read failed; the files after it in the batch are read again by another process."""
    landed = worker.batch[worker.done]
    pending.extendleft(reversed(worker.batch[worker.done + 1 :]))
    return landed, failed(landed, ingested_at, check_id, reason)
