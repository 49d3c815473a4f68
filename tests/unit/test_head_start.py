"""Reading ahead: `yusuan run` reads the new files while it imports, and the extraction step takes them from
the cache as the step itself would have read them."""

from datetime import datetime

from ingest import head_start
from ingest.cache import ExtractionCache
from ingest.discover import discover
from ingest.pipeline import process
from tests.conftest import CORPUS_PDF, SEEDS


def _without_time(tables: dict) -> dict:
    return {
        name: [{k: v for k, v in row.items() if k != "ingested_at"} for row in rows] for name, rows in tables.items()
    }


def test_files_read_ahead_are_cached_as_the_step_reads_them(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    pdf = sorted(CORPUS_PDF.glob("*.pdf"))[0]
    for source in (pdf, SEEDS / "000_4d800827b66f7bef.txt"):
        (landing / source.name).symlink_to(source)
    files = discover(landing).files
    cache = ExtractionCache(tmp_path / "extracted")

    head_start.start(files, cache.root, workers=2)
    assert head_start.finish(tmp_path / "another warehouse's cache") is None  # not this cache's reading
    ahead = head_start.finish(cache.root)

    assert ahead is not None and ahead.sha256s == {f.sha256 for f in files}
    assert ahead.seconds > 0
    assert head_start.finish(cache.root) is None  # taken once
    by_the_step = ExtractionCache(tmp_path / "read by the step")
    for landed in files:
        assert cache.current(landed.sha256)
        by_the_step.put(landed.sha256, process(landed, datetime(2026, 1, 1)))
        assert _without_time(cache.get(landed.sha256)) == _without_time(by_the_step.get(landed.sha256))


def test_nothing_to_read_starts_nothing(tmp_path):
    head_start.start([], tmp_path)
    assert head_start.finish(tmp_path) is None
