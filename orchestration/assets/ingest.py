"""Discover the landing folder and extract each new document into the cache."""

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dagster import AssetExecutionContext, AssetIn, asset

from ingest import PARSER_VERSION, head_start
from ingest.cache import ExtractionCache
from ingest.discover import LandedFile, Landing
from ingest.distributed import process_on_dask
from ingest.isolation import process_all
from ingest.progress import Progress
from orchestration.resources import YusuanResource

# the order files are listed in: what needs attention first
STATUS_ORDER = ("quarantined", "failed", "partial", "skipped", "ok")


@dataclass(frozen=True)
class FileStatus:
    name: str  # relative to the landing folder; archive members as `archive.zip/member`
    status: str  # ok, partial, failed, quarantined, skipped
    reason: str = ""


@dataclass
class IngestSummary:
    seen: int = 0
    new: int = 0
    failed: int = 0
    files: list[FileStatus] = field(default_factory=list)

    @property
    def statuses(self) -> Counter[str]:
        return Counter(f.status for f in self.files)


# the findings that say why a document is not ok (a failed document's findings are all about why)
STATUS_REASONS = {
    "quarantined": {"document_quarantined"},
    "partial": {"image_only_pages", "html_truncated", "report_kind_unknown", "targets_not_read", "fiscal_year_unknown"}
    | {"ocr_no_text"},
}


def file_status(name: str, tables: dict) -> FileStatus:
    """A document's status and, unless it is ok, the reason its findings give."""
    status = tables["document"][0]["extraction_status"]
    if status == "ok":
        return FileStatus(name, status)
    wanted = STATUS_REASONS.get(status)
    reasons = [f["message"] for f in tables["finding"] if wanted is None or f["check_id"] in wanted]
    reason = reasons[0] if reasons else ""
    named, _, rest = reason.partition(": ")
    return FileStatus(name, status, rest if rest and name.endswith(named) else reason)


@asset(
    key=["ingest", "landing_files"],
    group_name="ingest",
    description="Files under the landing folder: report documents, one per distinct content (sha256; archive "
    "members each on their own), and the files skipped as no report format.",
)
def landing_files(context: AssetExecutionContext, yusuan: YusuanResource) -> Landing:
    from ingest.discover import discover

    if not yusuan.landing_dir.is_dir():
        raise FileNotFoundError(f"landing folder {yusuan.landing_dir} does not exist")
    landing = discover(yusuan.landing_dir)
    context.add_output_metadata(
        {"files": len(landing.files), "skipped": len(landing.skipped), "landing": str(yusuan.landing_dir)}
    )
    return landing


def _relative(landed: LandedFile, yusuan: YusuanResource) -> str:
    try:
        base = landed.path.relative_to(yusuan.landing_dir).as_posix()
    except ValueError:
        base = landed.path.name
    return "/".join((base, *landed.member))


@asset(
    key=["ingest", "extracted_documents"],
    group_name="ingest",
    code_version=PARSER_VERSION,  # a new parser shows the extraction (and all below it) as stale
    ins={"landing_files": AssetIn(["ingest", "landing_files"])},
    description="Each landed file read and extracted once per parser version, cached by content hash.",
)
def extracted_documents(
    context: AssetExecutionContext, yusuan: YusuanResource, landing_files: Landing
) -> IngestSummary:
    cache = ExtractionCache(yusuan.cache_dir)
    documents = landing_files.files
    summary = IngestSummary(seen=len(documents))
    # `yusuan run` may have started reading before Dagster was imported: those documents are new here too
    head = head_start.finish(yusuan.cache_dir)
    ahead = head.sha256s & {f.sha256 for f in documents} if head else set()
    cached = {f.sha256: tables for f in documents if (tables := cache.get(f.sha256)) is not None}
    new = [f for f in documents if f.sha256 not in cached]
    now = datetime.now(UTC).replace(tzinfo=None)
    progress = Progress(len(new))
    scheduler = yusuan.dask or os.environ.get("YUSUAN_DASK_SCHEDULER")
    if scheduler:
        context.log.info(f"extracting {len(new)} files on the Dask cluster at {scheduler}")
    results = process_on_dask(new, now, scheduler) if scheduler else process_all(new, now, yusuan.worker_count)
    for landed, tables in results:
        cache.put(landed.sha256, tables)
        cached[landed.sha256] = tables
        progress.advance(ocr_pages=tables["document"][0].get("ocr_pages") or 0)
    summary.new = len(new) + len(ahead)
    for landed in documents:
        tables = cached[landed.sha256]
        summary.files.append(file_status(_relative(landed, yusuan), tables))
        summary.failed += tables["document"][0]["extraction_status"] == "failed"
    summary.files += [
        FileStatus(s.name, "skipped", f"not a report format ({s.extension})") for s in landing_files.skipped
    ]
    summary.files.sort(key=lambda f: (STATUS_ORDER.index(f.status), f.name))
    context.log.info(f"read {summary.new} new of {summary.seen} documents ({len(cached) - summary.new} cached)")
    if head:
        context.log.info(f"{len(ahead)} of them read ahead in {head.seconds:.1f} s, while the run started")
        context.add_output_metadata({"read_ahead_seconds": round(head.seconds, 2)})
    for f in summary.files:
        if f.status != "ok":
            context.log.info(f"{f.status}: {f.name}" + (f": {f.reason}" if f.reason else ""))
    context.add_output_metadata(
        {"seen": summary.seen, "new": summary.new, **{f"status.{s}": n for s, n in summary.statuses.items()}}
    )
    return summary
