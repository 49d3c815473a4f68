"""The same report gives the same facts and findings whatever its format: each seed's text export against
its Word and (portrait and landscape) PDF renderings in ../shared/corpus/rendered."""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.pipeline import process
from tests.conftest import SEEDS, SHARED

RENDERED = SHARED / "corpus" / "rendered"
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _facts(path) -> dict:
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    document = tables["document"][0]
    return {
        "document": {k: document[k] for k in ("report_kind", "department_name", "fiscal_year", "self_eval_score")},
        "budget_line": sorted(
            (r["statement"], r["line_code"], r["fiscal_year"], r["measure"], r["amount_wan"])
            for r in tables["budget_line"]
        ),
        "sangong": sorted((r["fiscal_year"], r["measure"], r["category"], r["amount_wan"]) for r in tables["sangong"]),
        "evaluation": sorted(
            str(
                tuple(
                    e[k]
                    for k in (
                        "scope",
                        "project_name",
                        "project_code",
                        "total_score",
                        "initial_budget_wan",
                        "adjusted_budget_wan",
                        "actual_wan",
                        "execution_rate_reported",
                    )
                )
            )
            for e in tables["evaluation"]
        ),
        "indicator": sorted(
            str(tuple(i[k] for k in ("level1", "level2", "level3", "target_raw", "actual_raw", "weight", "score")))
            for i in tables["indicator"]
        ),
        "headcount": sorted((h["metric"], h["headcount"]) for h in tables["headcount"]),
        # a table the reader could not map is a finding about the reading, not about the report
        "finding": sorted(
            (f["check_id"], f["severity"], f["expected"], f["actual"])
            for f in tables["finding"]
            if f["check_id"] != "table_not_read"
        ),
    }


@pytest.fixture(scope="module", params=SEED_NAMES)
def seed(request):
    return request.param, _facts(SEEDS / f"{request.param}.txt")


@pytest.mark.parametrize("rendering", [".docx", ".pdf", ".landscape.pdf"])
def test_a_seed_gives_the_same_facts_and_findings_in_every_format(seed, rendering):
    name, expected = seed
    found = _facts(RENDERED / f"{name}{rendering}")
    assert expected["document"]["fiscal_year"] and any(expected[k] for k in ("budget_line", "sangong", "evaluation"))
    for kind in expected:
        assert found[kind] == expected[kind], kind
