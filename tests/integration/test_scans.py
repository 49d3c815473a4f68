"""Scanned reports reach the warehouse through OCR: an image-only PDF made from the 三公 statement of a real
report (samples/scans.py) gives the figures of its text layer with source 'ocr' and its OCR pages counted; a
page image turned by 90°, as .png or .jpg or at 100 dpi reads as the page; bad page images are failed documents with the reason."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from samples.scans import bad_inputs, image_only_pdf, page_images, render
from tests.conftest import SHARED
from tests.helpers import query, run_cli

SIFAJU = SHARED / "corpus" / "real" / "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"
PAGES = [1, 20]  # the cover (department, year, kind of report) and the 三公 statement


@pytest.fixture(scope="module")
def scans_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("scans")
    landing = root / "landing"
    landing.mkdir()
    image_only_pdf(SIFAJU, landing / "sifaju_scan.pdf", pages=PAGES)
    _, sangong = render(SIFAJU, 150, PAGES)
    sangong.rotate(90, expand=True).save(landing / "sifaju_p20_rotated.png")
    page_images(SIFAJU, landing, 20)  # as .png, .jpg, turned (.png) and at 100 dpi (.jpg)
    made = bad_inputs(root)
    for path in made.values():
        path.rename(landing / path.name)
    warehouse = root / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return warehouse, code, out


@pytest.fixture(scope="module")
def text_layer() -> set[tuple]:
    """The 三公 figures of the text-layer PDF: the truth the scans are held to."""
    tables = process(LandedFile(SIFAJU, sha256_of(SIFAJU)), datetime(2026, 1, 1))
    return {(r["fiscal_year"], r["measure"], r["category"], r["amount_wan"]) for r in tables["sangong"]}


def _sangong(warehouse, name: str) -> set[tuple]:
    rows = query(
        warehouse,
        """SELECT s.fiscal_year, measure, category, amount_wan, source FROM marts.fct_sangong s
           JOIN marts.dim_document USING (document_id) WHERE file_name = ?""",
        [name],
    )
    assert {row[-1] for row in rows} == {"ocr"}
    return {row[:-1] for row in rows}


def test_the_run_publishes_the_scans(scans_run):
    _, code, out = scans_run
    assert code == 0, out


def test_a_scanned_pdf_gives_the_sangong_figures_of_its_text_layer_marked_ocr(scans_run, text_layer):
    warehouse, _, _ = scans_run
    assert len(text_layer) == 6
    assert (2026, "budget", "total", Decimal("10.71")) in text_layer
    assert _sangong(warehouse, "sifaju_scan.pdf") == text_layer
    [(status, ocr_pages, page_count, year, kind)] = query(
        warehouse,
        """SELECT extraction_status, ocr_pages, page_count, fiscal_year, report_kind FROM marts.dim_document
           WHERE file_name = 'sifaju_scan.pdf'""",
    )
    assert (status, ocr_pages, page_count, year, kind) == ("ok", 2, 2, 2026, "budget")


def test_a_page_image_turned_by_90_degrees_reads_as_the_page(scans_run, text_layer):
    warehouse, _, _ = scans_run
    # the year and the kind of report (a budget's figures are budget amounts) are the cover's: a page image
    # alone has neither, so only the categories and amounts compare
    assert {(c, a) for _, _, c, a in _sangong(warehouse, "sifaju_p20_rotated.png")} == {
        (c, a) for _, _, c, a in text_layer
    }


@pytest.mark.parametrize("suffix", [".png", ".jpg", "_rotated.png", "_100dpi.jpg"])
def test_a_page_image_in_any_format_reads_as_the_page(scans_run, text_layer, suffix):
    warehouse, _, _ = scans_run
    name = f"{SIFAJU.stem}_p20{suffix}"
    assert {(c, a) for _, _, c, a in _sangong(warehouse, name)} == {(c, a) for _, _, c, a in text_layer}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("blank_page.png", "blank_page.png: OCR read no text from this PNG image"),
        ("photo.jpg", "photo.jpg: OCR read no text from this JPEG image"),
        (
            "huge_page.png",
            "huge_page.png (page 1): 20000×20000 pixels, more than the limit of 50,000,000 for a page image "
            "(set YUSUAN_OCR_MAX_PIXELS to raise it)",
        ),
    ],
)
def test_a_bad_page_image_is_a_failed_document_with_the_reason(scans_run, name, message):
    warehouse, _, _ = scans_run
    [(status, check_id, found)] = query(
        warehouse,
        """SELECT extraction_status, check_id, message FROM marts.dim_document
           JOIN marts.fct_quality_finding USING (document_id) WHERE file_name = ?""",
        [name],
    )
    assert (status, check_id, found) == ("failed", "file_unreadable", message)
