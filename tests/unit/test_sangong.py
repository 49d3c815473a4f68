from decimal import Decimal

import pytest
import yaml

from ingest.document import Document, Paragraph
from ingest.extract.sangong import extract_sangong
from ingest.readers import read
from tests.conftest import GOLDEN, SEEDS


def _rows(records):
    return {(r["fiscal_year"], r["measure"], r["category"]): r["amount_wan"] for r in records}


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_sangong_matches_golden_exactly(name):
    golden = yaml.safe_load((GOLDEN / name.replace(".txt", ".yaml")).read_text(encoding="utf-8"))
    expected = {
        (r["fiscal_year"], r["measure"], r["category"]): Decimal(str(r["amount_wan"]))
        for r in golden.get("sangong", [])
    }
    records, _ = extract_sangong(read(SEEDS / name), "doc", golden["document"]["fiscal_year"])
    assert _rows(records) == expected


def test_hunan_basic_data_table_three_year_measure_columns():
    records, _ = extract_sangong(read(SEEDS / "001_66e78293cd0851a8.txt"), "doc", 2023)
    rows = _rows(records)
    assert rows[(2023, "actual", "reception")] == Decimal("2.14")
    assert rows[(2022, "actual", "reception")] == Decimal("5.42")
    assert rows[(2023, "budget", "reception")] == Decimal("5.32")
    assert all(r["source"] == "table" and r["page"] is None for r in records)


def test_narrative_budget_in_yuan_is_converted_and_raw_kept():
    records, _ = extract_sangong(read(SEEDS / "004_49c7c66149f159f0.txt"), "doc", 2024)
    budget = next(r for r in records if r["measure"] == "budget")
    assert (budget["category"], budget["amount_wan"], budget["value_raw"]) == (
        "total",
        Decimal("17.0000"),
        "170000元",
    )


def test_changes_and_shares_are_not_amounts():
    doc = Document("x.txt", "txt", [Paragraph("2024年“三公”经费支出决算为3.5万元，较上年减少0.68万元，下降16.3%。")])
    records, _ = extract_sangong(doc, "doc", 2024)
    assert _rows(records) == {(2024, "actual", "total"): Decimal("3.5000")}


def test_a_difference_from_last_year_and_a_basic_expenditure_item_are_not_sangong_figures():
    # 江苏检察院 2018 p29 and 江苏政协 2017 p12 (公用经费's 经济分类 款 公务接待费 is not the 三公 figure)
    doc = Document(
        "x.txt", "txt",
        [
            Paragraph("3.公务接待费预算支出116.5万元,本年数小于上年预算数40.05万元,主要是严格贯彻落实八项规定。"),
            Paragraph("(8)公务接待费(款)支出16万元。用于除专项接待费外的其他按规定开支的公务接待支出。"),
        ],
    )  # fmt: skip
    records, findings = extract_sangong(doc, "doc", 2018, budget_document=True)
    assert _rows(records) == {(2018, "budget", "reception"): Decimal("116.5000")}
    assert findings == []


def test_a_figure_stated_twice_differently_is_a_finding():
    doc = Document(
        "x.txt", "txt",
        [Paragraph("公务接待费支出决算2.00万元。"), Paragraph("国内公务接待支出2.50万元。")],
    )  # fmt: skip
    records, findings = extract_sangong(doc, "doc", 2024)
    assert _rows(records) == {(2024, "actual", "reception"): Decimal("2.0000")}
    assert [(f["check_id"], f["expected"], f["actual"]) for f in findings] == [
        ("sangong_stated_twice_differently", "2.0000", "2.5000")
    ]
