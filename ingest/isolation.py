"""Extract files in parallel, each in its own forked process with a time and a memory limit.

A file that hangs the parser or exhausts memory is stopped and recorded as failed; the others go on.
Forking is cheap here (the parsers are already imported) and a killed child cannot leave state behind.
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


@dataclass(frozen=True)
class Limits:
    seconds: float = 300.0
    memory_mb: int = 2048

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            seconds=float(os.environ.get("YUSUAN_FILE_TIMEOUT", cls.seconds)),
            memory_mb=int(os.environ.get("YUSUAN_FILE_MEMORY_MB", cls.memory_mb)),
        )


def default_workers() -> int:
    return int(os.environ.get("YUSUAN_WORKERS") or os.cpu_count() or 1)


def _child(conn: Connection, landed: LandedFile, ingested_at: datetime, limits: Limits) -> None:
    # The limit is on address space, which starts with what the parent had mapped when it forked.
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    budget = mapped + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    conn.send(process(landed, ingested_at))
    conn.close()
    os._exit(0)  # skip the parent's atexit handlers


def process_all(
    files: Sequence[LandedFile], ingested_at: datetime, workers: int = 1, limits: Limits | None = None
) -> Iterator[tuple[LandedFile, Tables]]:
    """Yield (file, tables) for every file, in completion order."""
    limits = limits or Limits.from_env()
    context = multiprocessing.get_context("fork")
    pending = deque(files)
    running: dict[Connection, tuple[multiprocessing.Process, LandedFile, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, workers):
            landed = pending.popleft()
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(sender, landed, ingested_at, limits), daemon=True)
            child.start()
            sender.close()
            running[receiver] = (child, landed, time.monotonic() + limits.seconds)
        next_deadline = min(deadline for _, _, deadline in running.values())
        for conn in wait(list(running), timeout=max(0.0, next_deadline - time.monotonic())):
            child, landed, _ = running.pop(conn)
            try:
                tables = conn.recv()
            except EOFError:  # died without answering: killed by the kernel, or a crash in C code
                child.join()
                reason = f"the reading process died (exit code {child.exitcode}); the file may be malformed"
                tables = failed(landed, ingested_at, "extraction_crashed", reason)
            conn.close()
            child.join()
            yield landed, tables
        now = time.monotonic()
        for conn, (child, landed, deadline) in list(running.items()):
            if now >= deadline:
                child.kill()
                child.join()
                conn.close()
                del running[conn]
                reason = f"reading took longer than {limits.seconds:g} s and was stopped (YUSUAN_FILE_TIMEOUT)"
                yield landed, failed(landed, ingested_at, "file_timeout", reason)
