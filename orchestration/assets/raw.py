"""Load raw.* into a fresh build file from the cached extraction of the files now landed."""

from collections.abc import Iterator

from dagster import AssetExecutionContext, AssetIn, AssetKey, AssetSpec, MaterializeResult, multi_asset

from ingest.cache import ExtractionCache
from ingest.discover import Landing
from ingest.extract.records import RAW_TABLES
from orchestration.assets.ingest import IngestSummary
from orchestration.resources import YusuanResource
from warehouse.fingerprint import fingerprint
from warehouse.fingerprint import write as write_fingerprint
from warehouse.load import load_raw
from warehouse.publish import start_build

RAW_KEYS = [AssetKey(["raw", name]) for name in RAW_TABLES]


@multi_asset(
    specs=[
        AssetSpec(
            key,
            group_name="raw",
            deps=[AssetKey(["ingest", "landing_files"]), AssetKey(["ingest", "extracted_documents"])],
            description=f"raw.{key.path[-1]}: extracted records of the landed files",
        )
        for key in RAW_KEYS
    ],
    name="raw_tables",
    ins={
        "landing_files": AssetIn(["ingest", "landing_files"]),
        "extracted_documents": AssetIn(["ingest", "extracted_documents"]),
    },
    pool="warehouse",
)  # fmt: skip
def raw_tables(
    context: AssetExecutionContext,
    yusuan: YusuanResource,
    landing_files: Landing,
    extracted_documents: IngestSummary,
) -> Iterator[MaterializeResult]:
    cache = ExtractionCache(yusuan.cache_dir)

    def documents():
        for landed in landing_files.files:
            tables = cache.get(landed.sha256)
            if tables is None:
                raise RuntimeError(f"{landed.name}: no extraction in the cache; run the ingest step first")
            # the name it has now, not the one it had when first extracted
            tables["document"][0].update(file_name=landed.name, file_path=landed.file_path)
            yield tables

    build = start_build(yusuan.warehouse_file)
    counts = load_raw(build, documents(), landing_files.skipped)
    built_from = fingerprint(landing_files, cache)
    if built_from:
        write_fingerprint(build, built_from)
    for key in RAW_KEYS:
        yield MaterializeResult(asset_key=key, metadata={"rows": counts[key.path[-1]]})
