"""Extraction spread over a Dask cluster, for corpora too large for one machine.

Each file is read by `ingest.pipeline.process` on a worker; the workers must see the landing folder at
the same path (a shared or network file system). Per-file time and memory limits are the cluster's own
(Dask's worker memory limits); a file whose task fails is recorded as failed, the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from ingest.discover import LandedFile
from ingest.pipeline import Tables, failed, process


def process_on_dask(
    files: Sequence[LandedFile], ingested_at: datetime, scheduler: str
) -> Iterator[tuple[LandedFile, Tables]]:
    """Yield (file, tables) for every file, in completion order, computed on the cluster at `scheduler`."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = {
            client.submit(process, landed, ingested_at, pure=False, key=f"extract-{landed.sha256}"): landed
            for landed in files
        }
        for future in as_completed(futures):
            landed = futures[future]
            try:
                tables = future.result()
            except Exception as exc:  # the worker died or the task failed: record it, go on
                reason = f"the Dask task failed ({type(exc).__name__}: {exc})"
                tables = failed(landed, ingested_at, "extraction_crashed", reason)
            yield landed, tables
