"""Bad files never stop the run: each gets a status and a finding that says why; the good file loads."""

import shutil
import time
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.isolation import Limits, process_all
from tests import badfiles
from tests.conftest import SEEDS
from tests.helpers import query, run_cli

# file name → (status, check_id, message)
EXPECTED = {
    "empty.pdf": ("failed", "file_unreadable", "empty.pdf: empty file (0 bytes)"),
    "webpage.pdf": ("failed", "file_unreadable", "webpage.pdf: not a PDF (no %PDF header)"),
    "corrupt.pdf": ("failed", "file_unreadable", "corrupt.pdf: corrupt PDF (PdfminerException: No /Root object! - Is this really a PDF?)"),
    "encrypted.pdf": ("failed", "file_unreadable", "encrypted.pdf: encrypted PDF (a password is needed to open it)"),
    "scanned.pdf": ("failed", "file_unreadable", "scanned.pdf: no text layer on any of its 2 pages (image-only or empty PDF)"),
    "partly_scanned.pdf": ("partial", "image_only_pages", "partly_scanned.pdf: pages 2, 3 have no text layer (image-only)"),
    "long.pdf": ("failed", "file_unreadable", "long.pdf: 2000 pages, more than the limit of 1000 (set YUSUAN_MAX_PAGES to raise it)"),
    "not_a_zip.docx": ("failed", "file_unreadable", "not_a_zip.docx: not a .docx file (not a zip package)"),
    "bomb.docx": ("failed", "file_unreadable", "bomb.docx: .docx package would unpack to 600 MB, more than the limit of 512 MB (a zip bomb?; set YUSUAN_MAX_UNPACKED_MB to raise it)"),
    "recipe.txt": ("partial", "report_kind_unknown", "recipe.txt: no report title found (部门预算/决算/绩效自评/评价报告); is it a report?"),
}  # fmt: skip


@pytest.fixture(scope="module")
def bad_landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    landing = root / "landing"
    landing.mkdir()
    shutil.copy(SEEDS / "001_66e78293cd0851a8.txt", landing / "good.txt")
    (landing / "empty.pdf").write_bytes(b"")
    (landing / "webpage.pdf").write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    badfiles.corrupt_pdf(landing / "corrupt.pdf")
    badfiles.encrypted_pdf(landing / "encrypted.pdf")
    badfiles.image_only_pdf(landing / "scanned.pdf")
    badfiles.image_only_pdf(landing / "partly_scanned.pdf", text_pages=1, image_pages=2)
    badfiles.long_pdf(landing / "long.pdf", pages=2000)
    (landing / "not_a_zip.docx").write_text("PK? no, just text")
    badfiles.zip_bomb_docx(landing / "bomb.docx", unpacked_mb=600)
    (landing / "recipe.txt").write_text("红烧肉做法\n五花肉切块，冷水下锅焯水。\n", encoding="utf-8")
    warehouse = root / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    return warehouse, out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_recorded_with_a_clear_finding(bad_landing, name):
    warehouse, _ = bad_landing
    status, check_id, message = EXPECTED[name]
    rows = query(
        warehouse,
        """SELECT d.extraction_status, f.check_id, f.message FROM marts.dim_document d
           JOIN marts.fct_quality_finding f USING (document_id) WHERE d.file_name = ?""",
        [name],
    )
    assert rows == [(status, check_id, message)]


def test_the_good_file_in_the_same_folder_is_fully_loaded(bad_landing):
    warehouse, out = bad_landing
    assert "documents: 11 seen, 11 new, 8 failed" in out
    document = query(
        warehouse,
        "SELECT extraction_status, department_name, fiscal_year FROM marts.dim_document WHERE file_name = 'good.txt'",
    )
    assert document == [("ok", "中共岳阳市君山区委办公室", 2023)]
    sangong = query(
        warehouse,
        """SELECT count(*), sum(amount_wan) FROM marts.fct_sangong JOIN marts.dim_document USING (document_id)
           WHERE file_name = 'good.txt'""",
    )
    assert sangong == [(18, Decimal("25.76"))]  # 三公 total and 公务接待 rows: 2 × (5.42 + 5.32 + 2.14)


def test_a_file_that_hangs_is_stopped_and_the_others_finish(tmp_path, monkeypatch):
    import ingest.pipeline

    real_read = ingest.pipeline.read

    def read(path):
        if path.name == "hang.txt":
            time.sleep(60)
        return real_read(path)

    monkeypatch.setattr(ingest.pipeline, "read", read)  # forked workers inherit it
    files = []
    for name in ("hang.txt", "good.txt"):
        shutil.copy(SEEDS / "003_5069244cfe29a9a5.txt", tmp_path / name)
        (tmp_path / name).write_bytes((tmp_path / name).read_bytes() + name.encode())  # distinct content
        files.append(LandedFile(tmp_path / name, sha256_of(tmp_path / name)))
    start = time.monotonic()
    results = dict(process_all(files, ingested_at=_now(), workers=2, limits=Limits(seconds=2, memory_mb=1024)))
    assert time.monotonic() - start < 30
    hung = results[files[0]]
    assert hung["document"][0]["extraction_status"] == "failed"
    assert hung["finding"][0]["check_id"] == "file_timeout"
    assert (
        hung["finding"][0]["message"] == "hang.txt: reading took longer than 2 s and was stopped (YUSUAN_FILE_TIMEOUT)"
    )
    assert results[files[1]]["document"][0]["extraction_status"] == "ok"


def test_a_file_with_pages_to_recognise_gets_time_for_each(tmp_path, monkeypatch):
    import ingest.pipeline
    from ingest.readers import ocr

    real_read = ingest.pipeline.read

    def read(path):  # a scan of 3 pages whose recognition takes 3 s, past the file's 2 s
        ocr.announce(3)
        time.sleep(3)
        return real_read(path)

    monkeypatch.setattr(ingest.pipeline, "read", read)  # forked workers inherit it
    shutil.copy(SEEDS / "003_5069244cfe29a9a5.txt", tmp_path / "scan.txt")
    scan = LandedFile(tmp_path / "scan.txt", sha256_of(tmp_path / "scan.txt"))
    limits = Limits(seconds=2, memory_mb=1024, ocr_page_seconds=1)  # 2 s + 3 pages × 1 s
    [(_, tables)] = process_all([scan], ingested_at=_now(), workers=1, limits=limits)
    assert tables["document"][0]["extraction_status"] == "ok"
    limits = Limits(seconds=2, memory_mb=1024, ocr_page_seconds=0)  # no time for the pages: stopped
    [(_, tables)] = process_all([scan], ingested_at=_now(), workers=1, limits=limits)
    assert tables["finding"][0]["check_id"] == "file_timeout"


def test_a_file_that_exhausts_memory_is_stopped(tmp_path, monkeypatch):
    import ingest.pipeline

    def read(path):
        hog = bytearray(4 * 1024**3)  # 4 GB: beyond the limit
        return hog

    monkeypatch.setattr(ingest.pipeline, "read", read)
    (tmp_path / "huge.txt").write_text("x")
    landed = LandedFile(tmp_path / "huge.txt", sha256_of(tmp_path / "huge.txt"))
    [(_, tables)] = process_all([landed], ingested_at=_now(), limits=Limits(seconds=60, memory_mb=256))
    assert tables["document"][0]["extraction_status"] == "failed"
    assert tables["finding"][0]["message"] == "huge.txt: ran out of memory (limit: YUSUAN_FILE_MEMORY_MB)"


def _now():
    from datetime import datetime

    return datetime(2026, 1, 1)
