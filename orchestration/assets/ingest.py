"""Discover the landing folder and extract each new document into the cache."""

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dagster import AssetExecutionContext, AssetIn, asset

from ingest import PARSER_VERSION
from ingest.cache import ExtractionCache
from ingest.discover import LandedFile, discover
from ingest.distributed import process_on_dask
from ingest.isolation import process_all
from ingest.progress import Progress
from orchestration.resources import YusuanResource


@dataclass
class IngestSummary:
    seen: int = 0
    new: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


@asset(
    key=["ingest", "landing_files"],
    group_name="ingest",
    description="Report files under the landing folder, one per distinct content (sha256).",
)
def landing_files(context: AssetExecutionContext, yusuan: YusuanResource) -> list[LandedFile]:
    if not yusuan.landing_dir.is_dir():
        raise FileNotFoundError(f"landing folder {yusuan.landing_dir} does not exist")
    files = discover(yusuan.landing_dir)
    context.add_output_metadata({"files": len(files), "landing": str(yusuan.landing_dir)})
    return files


@asset(
    key=["ingest", "extracted_documents"],
    group_name="ingest",
    code_version=PARSER_VERSION,  # a new parser shows the extraction (and all below it) as stale
    ins={"landing_files": AssetIn(["ingest", "landing_files"])},
    description="Each landed file read and extracted once per parser version, cached by content hash.",
)
def extracted_documents(
    context: AssetExecutionContext, yusuan: YusuanResource, landing_files: list[LandedFile]
) -> IngestSummary:
    cache = ExtractionCache(yusuan.cache_dir)
    summary = IngestSummary(seen=len(landing_files))
    cached = {f.sha256: tables for f in landing_files if (tables := cache.get(f.sha256)) is not None}
    new = [f for f in landing_files if f.sha256 not in cached]
    now = datetime.now(UTC).replace(tzinfo=None)
    progress = Progress(len(new))
    scheduler = yusuan.dask or os.environ.get("YUSUAN_DASK_SCHEDULER")
    if scheduler:
        context.log.info(f"extracting {len(new)} files on the Dask cluster at {scheduler}")
    results = process_on_dask(new, now, scheduler) if scheduler else process_all(new, now, yusuan.worker_count)
    for landed, tables in results:
        cache.put(landed.sha256, tables)
        cached[landed.sha256] = tables
        progress.advance()
    summary.new = len(new)
    for landed in landing_files:
        tables = cached[landed.sha256]
        if tables["document"][0]["extraction_status"] == "failed":
            summary.failed += 1
            summary.failures.extend(f["message"] for f in tables["finding"])
    context.add_output_metadata({"seen": summary.seen, "new": summary.new, "failed": summary.failed})
    return summary
