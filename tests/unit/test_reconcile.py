"""Confirmed facts on real reports: a figure a second statement agrees with is confirmed; one it contradicts,
or that is printed once, is not (../shared/STATEMENTS.md §4)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.extract.reconcile import check_restatements, confirm, exact_wan, precision_wan
from ingest.pipeline import process
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def sifaju() -> dict:
    path = SHARED / "corpus" / "real" / "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"
    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


def _line(tables: dict, statement: str, code: str) -> dict:
    return next(r for r in tables["budget_line"] if (r["statement"], r["line_code"]) == (statement, code))


def test_a_statement_figure_the_text_restates_is_confirmed(sifaju):
    income = _line(sifaju, "income", "total_income")  # 合计 86,959,408.34 元; the text: 收入预算8695.94万元
    assert (income["amount_wan"], income["source"], income["confirmed"]) == (Decimal("8695.9408"), "table", True)


def test_a_figure_two_statements_print_differently_is_not_confirmed(sifaju):
    # p8 splits 基本支出 into 人员经费 20,374,181 / 公用经费 1,744,680; p18 into 20,272,981.00 / 1,845,880.34
    summary = _line(sifaju, "summary", "personnel_expenditure")
    economic = _line(sifaju, "basic_by_economic", "personnel_expenditure")
    assert (summary["amount_wan"], summary["confirmed"]) == (Decimal("2037.4181"), False)
    # the 经济分类 table's own identity holds: 合计 22,118,861.34 = 人员 20,272,981.00 + 公用 1,845,880.34
    assert (economic["amount_wan"], economic["confirmed"]) == (Decimal("2027.2981"), True)


def test_sangong_parts_that_sum_to_their_total_are_confirmed(sifaju):
    assert {(r["category"], r["amount_wan"], r["confirmed"]) for r in sifaju["sangong"]} >= {
        ("total", Decimal("10.71"), True),
        ("vehicle_total", Decimal("9.98"), True),
        ("reception", Decimal("0.73"), True),
    }


def test_the_document_counts_its_money_facts_and_the_confirmed_ones(sifaju):
    document = sifaju["document"][0]
    facts = sifaju["budget_line"] + sifaju["sangong"]
    assert document["facts_total"] == len(facts) > 50
    assert document["facts_confirmed"] == sum(r["confirmed"] for r in facts)
    assert 0.8 < document["facts_confirmed"] / document["facts_total"] < 1  # the contradictions stay unconfirmed


def _record(code: str, amount: str, raw: str, statement: str = "summary", source: str = "table") -> dict:
    return {"line_code": code, "amount_wan": Decimal(amount), "value_raw": raw, "statement": statement,
            "source": source, "fiscal_year": 2024, "measure": "actual"}  # fmt: skip


def test_agreement_is_judged_at_the_printed_precision():
    assert precision_wan(_record("x", "9101.6775", "91,016,775.35")) == Decimal("0.0000005")
    assert precision_wan(_record("x", "17192", "17192万元")) == Decimal("0.5")
    table, text = (
        _record("total_income", "17191.52", "17,191.52"),
        _record("total_income", "17192", "17192万元", source="text"),
    )
    confirm([table, text], [])
    assert table["confirmed"] and text["confirmed"]  # whole 万元 in the text agree with 17,191.52
    table, text = (
        _record("total_income", "17191.52", "17,191.52"),
        _record("total_income", "17193", "17193万元", source="text"),
    )
    confirm([table, text], [])
    assert not table["confirmed"] and not text["confirmed"]


def test_the_subject_hierarchy_confirms_a_class_and_its_items():
    lines = [_record("201", "100.00", "100.00"), _record("20101", "60.00", "60.00"), _record("20102", "40.00", "40.00"),
             _record("208", "50.00", "50.00"), _record("20805", "49.00", "49.00")]  # fmt: skip
    confirm(lines, [])
    assert [r["confirmed"] for r in lines] == [True, True, True, False, False]


def test_a_line_printed_to_the_cent_beside_the_yuan_is_a_rounding_slip():
    # 万里街道 2025 (rerender) p20 prints 一般公共预算 189,767,551.46元, p11 and the other statements 189,767,551
    summary = _record("general_public_budget", "18976.7551", "189,767,551") | {"page": 11}
    appropriation = _record("general_public_budget", "18976.7551", "189,767,551.46", "fiscal_appropriation_summary")
    appropriation["page"] = 20
    assert exact_wan(appropriation) == Decimal("18976.755146")
    found = [(f["severity"], f["expected"], f["actual"]) for f in check_restatements([summary, appropriation], "d")]
    assert found == [("info", "18976.7551", "18976.755146")]
    # printed alike (the cents .00 beside the 元) they agree
    appropriation["value_raw"] = "189,767,551.00"
    assert check_restatements([summary, appropriation], "d") == []
