"""OCR figures: marked source 'ocr', an unconfirmed one named in an info finding, and one an identity
contradicts held back from the marts. On the real 三公 statement of the Putuo 司法局 2026 budget (page 20:
合计 10.71 = 因公出国 0 + 公务用车 9.98 + 公务接待 0.73), read as if page 20 were a scan."""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.document import Document
from ingest.extract.reconcile import confirm
from ingest.extract.records import HELD_BACK
from ingest.extract.scanned import mark_ocr
from ingest.pipeline import process
from tests.conftest import SHARED

SANGONG_PAGE = 20


@pytest.fixture(scope="module")
def sifaju() -> dict:
    path = SHARED / "corpus" / "real" / "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"
    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


def _scanned(tables: dict, misread: dict[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The 三公 figures as OCR would give them (with `misread` category → amount), confirmed anew and marked."""
    sangong = copy.deepcopy(tables["sangong"])
    for record in sangong:
        record.pop("confirmed")
        if misread and record["category"] in misread:
            record["amount_wan"] = Decimal(misread[record["category"]])
            record["value_raw"] = misread[record["category"]]
    confirm([], sangong)
    doc = Document("sifaju_scan.pdf", "pdf", ocr_pages=[SANGONG_PAGE])
    return sangong, mark_ocr(doc, "d1", sangong, [])


def test_figures_of_an_ocr_page_are_marked_and_those_identities_confirm_are_published(sifaju):
    sangong, findings = _scanned(sifaju)
    assert {r["source"] for r in sangong} == {"ocr"}
    assert all(r["confirmed"] and not r.get(HELD_BACK) for r in sangong)
    assert findings == []


def test_a_lost_decimal_point_breaks_the_identities_and_its_figures_are_held_back(sifaju):
    # 公务用车 9.98 read as 998: 10.71 ≠ 0 + 998 + 0.73; 998 ≠ 0 + 9.98
    sangong, findings = _scanned(sifaju, {"vehicle_total": "998"})
    held = {r["category"] for r in sangong if r.get(HELD_BACK)}
    # the items add up without it (合计 10.71 = 出国 0 + 购置 0 + 运行 9.98 + 接待 0.73): the misread figure is told
    # from the others, which that identity confirms, and held back alone
    assert held == {"vehicle_total"}
    assert [f["check_id"] for f in findings] == ["ocr_figure_contradicted"]
    assert findings[0]["message"] == (
        "sifaju_scan.pdf page 20: figures read by OCR break the identity sangong_parts_sum_to_total "
        "(total budget 2026: 10.7100 ≠ Σ 3 parts 998.7300); held back from the marts: vehicle_total budget 2026 = "
        "998 万元 (printed “998”)"
    )
    assert (findings[0]["severity"], findings[0]["page"]) == ("warning", 20)


def test_a_misread_total_is_held_back_with_the_figures_no_identity_confirms(sifaju):
    # 合计 10.71 read as 107.1: both identities with the total break; 公务用车 9.98 = 购置 0 + 运行 9.98 still holds
    sangong, findings = _scanned(sifaju, {"total": "107.1"})
    held = {r["category"] for r in sangong if r.get(HELD_BACK)}
    assert held == {"total", "outbound_travel", "reception"}
    assert [f["check_id"] for f in findings] == ["ocr_figure_contradicted"]


def test_an_ocr_figure_nothing_confirms_is_published_with_an_info_finding(sifaju):
    # only the 公务接待费 figure of the page, alone: no identity to check it against
    reception = [copy.deepcopy(r) for r in sifaju["sangong"] if r["category"] == "reception"]
    reception[0].pop("confirmed")
    confirm([], reception)
    doc = Document("sifaju_scan.pdf", "pdf", ocr_pages=[SANGONG_PAGE])
    [info] = mark_ocr(doc, "d1", reception, [])
    assert (info["check_id"], info["severity"], info["page"]) == ("ocr_figure_unconfirmed", "info", 20)
    assert info["message"] == (
        "sifaju_scan.pdf page 20: 1 figure read by OCR that no other statement or identity confirms; check it "
        "against the page image: reception budget 2026 = 0.7300 万元 (printed “0.73”)"
    )
    assert not reception[0].get(HELD_BACK)


def test_a_document_without_ocr_pages_is_left_as_read(sifaju):
    sangong = copy.deepcopy(sifaju["sangong"])
    assert mark_ocr(Document("x.pdf", "pdf"), "d1", sangong, []) == []
    assert {r["source"] for r in sangong} == {"table"}
