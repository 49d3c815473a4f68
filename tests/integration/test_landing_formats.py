"""Every file under the landing folder is accounted for: web pages, legacy Word, archives and images are
read or failed with the reason, other formats are listed as skipped, and the run publishes the rest."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from ingest.readers import read
from samples.generator import Report, TableSpec, write_html
from tests import badfiles
from tests.conftest import SEEDS, SHARED
from tests.helpers import query, run_cli

RENDERED = SHARED / "corpus" / "rendered"
SEED_004 = "004_49c7c66149f159f0"

# file name (as in dim_document) → (status, the reason's check_id, the reason as printed)
EXPECTED = {
    "decision.html": ("ok", None, None),
    "cut_off.htm": ("partial", "html_truncated", "cut_off.htm: the page ends before </html>: it may have been cut off"),
    "decision.doc": ("ok", None, None),
    "broken.doc": ("failed", "file_unreadable",
                   "broken.doc: LibreOffice could not open the .doc file (corrupt, or not a Word document)"),
    "scan.png": ("failed", "file_unreadable", "scan.png: OCR read no text from this PNG image"),
    "empty.jpg": ("failed", "file_unreadable", "empty.jpg: empty file (0 bytes)"),
    "fake.tif": ("failed", "file_unreadable",
                 "fake.tif: not an image: the content is no PNG, JPEG or TIFF despite the .tif extension"),
    "bundle.zip/部门预算/君山区委办.txt": ("ok", None, None),
    "bundle.zip/inner.zip/沅江.txt": ("ok", None, None),
    "bundle.zip/secret.pdf": ("failed", "file_unreadable",
                              "bundle.zip/secret.pdf: encrypted archive member (a password is needed)"),
    "bomb.zip": ("failed", "file_unreadable", "bomb.zip: .zip package would unpack to 40 MB, more than the limit of "
                                              "32 MB (a zip bomb?; set YUSUAN_MAX_UNPACKED_MB to raise it)"),
}  # fmt: skip
SKIPPED = ["bundle.zip/setup.exe", "minutes.rar", "notes.rar"]


def as_html(source: Path, target: Path) -> None:
    """A text report as a government web page (tables as <table>, merged cells as spans)."""
    doc = read(source)
    blocks = [b.text if hasattr(b, "text") else TableSpec(b.rows) for b in doc.blocks]
    write_html(Report("", 0, "", blocks), target)


def office_convert(source: Path, target_format: str, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{outdir}/profile", "--headless", "--convert-to", target_format,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return outdir / f"{source.stem}.{target_format}"


@pytest.fixture(scope="module")
def formats_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    landing, work = root / "landing", root / "work"
    landing.mkdir()
    work.mkdir()
    as_html(SEEDS / f"{SEED_004}.txt", landing / "decision.html")
    as_html(SEEDS / "003_5069244cfe29a9a5.txt", work / "whole.html")
    page = (work / "whole.html").read_bytes()
    (landing / "cut_off.htm").write_bytes(page[: len(page) // 2])
    converted = office_convert(RENDERED / f"{SEED_004}.docx", "doc", work)
    shutil.copy(converted, landing / "decision.doc")
    (landing / "broken.doc").write_bytes(converted.read_bytes()[:4096])  # a download cut off
    badfiles.png(landing / "scan.png")
    (landing / "empty.jpg").write_bytes(b"")
    (landing / "fake.tif").write_text("<html>404</html>")
    with zipfile.ZipFile(work / "inner.zip", "w") as inner:
        inner.write(SEEDS / "002_62ac2a61d3324a6b.txt", "沅江.txt")
    with zipfile.ZipFile(landing / "bundle.zip", "w") as bundle:
        bundle.write(SEEDS / "001_66e78293cd0851a8.txt", "部门预算/君山区委办.txt")
        bundle.write(work / "inner.zip", "inner.zip")
        bundle.writestr("setup.exe", b"MZ")
        bundle.writestr("secret.pdf", b"%PDF-1.4 ...")
    badfiles.mark_encrypted(landing / "bundle.zip", "secret.pdf")
    badfiles.zip_bomb(landing / "bomb.zip", unpacked_mb=40)
    (landing / "notes.rar").write_bytes(b"Rar!")
    (landing / "minutes.rar").write_bytes(b"Rar!\x00")
    warehouse = root / "wh" / "yusuan.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("YUSUAN_MAX_UNPACKED_MB", "32")
        code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return warehouse, code, out


def test_the_run_publishes_and_lists_every_file_with_its_status(formats_run):
    _, code, out = formats_run
    assert code == 0, out
    assert "documents: 11 seen, 11 new, 6 failed, 0 quarantined" in out
    assert "files: 4 ok, 1 partial, 6 failed, 3 skipped (.rar 2, .exe 1)" in out
    for name, (status, _, reason) in EXPECTED.items():
        line = f"  {status:<11} {name}" + (f": {reason.removeprefix(name + ': ')}" if reason else "")
        assert line in out.splitlines()
    for name in SKIPPED:
        assert f"  skipped     {name}: not a report format (.{name.rsplit('.', 1)[1]})" in out.splitlines()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_a_document_with_its_status_and_reason(formats_run, name):
    warehouse, _, _ = formats_run
    status, check_id, message = EXPECTED[name]
    [(found_status, file_format)] = query(
        warehouse, "SELECT extraction_status, file_format FROM marts.dim_document WHERE file_name = ?", [name]
    )
    assert found_status == status
    assert file_format == Path(name).suffix.lstrip(".")
    if check_id:
        findings = query(
            warehouse,
            """SELECT check_id, message FROM marts.fct_quality_finding JOIN marts.dim_document USING (document_id)
               WHERE file_name = ?""",
            [name],
        )
        assert (check_id, message) in findings


def _sangong(warehouse: Path, name: str) -> list[tuple]:
    return query(
        warehouse,
        """SELECT s.fiscal_year, measure, category, amount_wan FROM marts.fct_sangong s JOIN marts.dim_document
           USING (document_id) WHERE file_name = ? ORDER BY ALL""",
        [name],
    )


def test_a_web_page_and_a_legacy_word_file_give_the_facts_of_the_text_report(formats_run):
    warehouse, _, _ = formats_run
    text = SEEDS / f"{SEED_004}.txt"
    expected = sorted(
        (r["fiscal_year"], r["measure"], r["category"], Decimal(r["amount_wan"]))
        for r in process(LandedFile(text, sha256_of(text)), datetime(2026, 1, 1))["sangong"]
    )
    assert len(expected) == 7  # the text report's own facts (held to its golden file elsewhere)
    assert _sangong(warehouse, "decision.html") == expected
    assert _sangong(warehouse, "decision.doc") == expected
    for name in ("decision.html", "decision.doc"):
        [row] = query(
            warehouse, "SELECT department_name, fiscal_year FROM marts.dim_document WHERE file_name = ?", [name]
        )
        assert row == ("中共峨边彝族自治县委办公室", 2024)


def test_archive_members_are_documents_of_their_own(formats_run):
    warehouse, _, _ = formats_run
    rows = query(
        warehouse,
        """SELECT file_name, department_name, count(s.amount_wan) FROM marts.dim_document d
           LEFT JOIN marts.fct_sangong s USING (document_id) WHERE file_name LIKE 'bundle.zip/%'
           GROUP BY ALL ORDER BY 1""",
    )
    assert rows == [
        ("bundle.zip/inner.zip/沅江.txt", "沅江市委办公室", 0),
        ("bundle.zip/secret.pdf", None, 0),
        ("bundle.zip/部门预算/君山区委办.txt", "中共岳阳市君山区委办公室", 18),
    ]


def test_skipped_files_are_in_the_warehouse_and_the_quality_report(formats_run):
    warehouse, _, _ = formats_run
    assert query(warehouse, "SELECT file_name, extension FROM raw.skipped_file ORDER BY 1") == [
        (name, "." + name.rsplit(".", 1)[1]) for name in SKIPPED
    ]
    report = (warehouse.parent / "reports" / "quality.html").read_text(encoding="utf-8")
    for name in [*SKIPPED, *EXPECTED]:
        assert f"<td>{name}</td>" in report
    assert "<b>4</b>正常 <code>ok</code>" in report and "<b>3</b>未读取（非报告格式） <code>skipped</code>" in report


def test_without_libreoffice_a_doc_is_failed_with_that_reason(tmp_path, monkeypatch):
    from ingest.readers import legacy_word

    monkeypatch.setattr(legacy_word, "libreoffice", lambda: None)
    (tmp_path / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(Exception, match=r"\.wps needs LibreOffice to be read"):
        read(tmp_path / "old.wps")
