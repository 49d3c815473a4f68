"""Reading that starts before the orchestration is imported.

`yusuan run` spends seconds importing Dagster, dbt and Great Expectations, on one core, before its first
step. The files to read are known before that, so the command forks a process at once that reads the new
ones into the extraction cache, in the same isolated workers the extraction step uses, while the command's
own process imports. The extraction step then waits for it and finds those documents cached.

The fork happens while the command's process is still small and has no threads (nothing imported yet
starts one), so the reading processes inherit no locks and no more memory than they need.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

from ingest.cache import ExtractionCache
from ingest.discover import LandedFile


class HeadStart:
    def __init__(self, files: Sequence[LandedFile], cache_root: Path, workers: int):
        self.cache_root = cache_root
        self.sha256s = {f.sha256 for f in files}
        self.seconds = 0.0  # how long the reading took, known once it has finished
        context = multiprocessing.get_context("fork")
        self._done, sender = context.Pipe(duplex=False)
        # not a daemon: a daemonic process may not start the reading workers
        self._process = context.Process(target=_read, args=(list(files), cache_root, workers, sender))
        self._process.start()
        sender.close()

    def wait(self) -> None:
        """Until the reading has ended. A file it could not cache (its process killed) is not in the
        cache: the extraction step reads it again."""
        with contextlib.suppress(EOFError):
            self.seconds = self._done.recv()
        self._process.join()


_started: HeadStart | None = None


def start(files: Sequence[LandedFile], cache_root: Path, workers: int = 0) -> None:
    """Start reading `files` into the cache at `cache_root` in the background (`workers` 0: the default)."""
    global _started
    if _started is not None:  # a run that stopped before its extraction step
        _started.wait()
        _started = None
    if files:
        _started = HeadStart(files, cache_root, workers)


def finish(cache_root: Path) -> HeadStart | None:
    """The reading started ahead for this cache, once it has ended (None if none was started)."""
    global _started
    if _started is None or _started.cache_root != cache_root:
        return None
    started, _started = _started, None
    started.wait()
    return started


def _read(files: list[LandedFile], cache_root: Path, workers: int, done: Connection) -> None:
    from ingest.isolation import default_workers, process_all  # here: the command's process goes on at once
    from ingest.progress import Progress

    began = time.monotonic()
    cache = ExtractionCache(cache_root)
    progress = Progress(len(files))
    now = datetime.now(UTC).replace(tzinfo=None)
    for landed, tables in process_all(files, now, workers or default_workers()):
        cache.put(landed.sha256, tables)
        progress.advance(ocr_pages=tables["document"][0].get("ocr_pages") or 0)
    sys.stderr.flush()
    done.send(time.monotonic() - began)
