"""Generated reports rendered to .txt, .docx and .pdf are read back to the same tables and facts."""

from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from ingest.readers import read
from samples.generator import LANDING, SAMPLES, hunan_dept_performance, write


def _facts(path):
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    document = tables["document"][0]
    sangong = {
        (r["fiscal_year"], r["measure"], r["category"], str(r["amount_wan"].normalize())) for r in tables["sangong"]
    }
    return document, sangong


def _assert_truth(path, report):
    document, sangong = _facts(path)
    truth = report.truth
    assert document["extraction_status"] == "ok"
    for key in ("report_kind", "department_name", "fiscal_year", "self_eval_score"):
        assert document[key] == truth["document"][key], key
    expected = {(r["fiscal_year"], r["measure"], r["category"], str(Decimal(r["amount_wan"]).normalize()))
                for r in truth["sangong"]}  # fmt: skip
    assert sangong == expected


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_every_format_yields_the_truth(tmp_path, suffix):
    report = hunan_dept_performance("汨罗市财政局", 2024, 93, ("12.40", "13.00", "11.85"))
    write(report, tmp_path / f"report{suffix}")
    _assert_truth(tmp_path / f"report{suffix}", report)


def test_the_three_formats_give_the_same_tables(tmp_path):
    report = hunan_dept_performance("汨罗市财政局", 2024, 93, ("12.40", "13.00", "11.85"))
    tables = []
    for suffix in (".txt", ".docx", ".pdf"):
        write(report, tmp_path / f"r{suffix}")
        tables.append([t.rows for t in read(tmp_path / f"r{suffix}").tables])
    assert tables[0] == tables[1] == tables[2]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_bundled_samples_yield_their_truth(name):
    _assert_truth(LANDING / name, SAMPLES[name])
