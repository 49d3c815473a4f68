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


_JIADING = SEEDS.parent / "excerpts" / "shanghai_jiading_sifaju_2017_sangong_juesuan.txt"
_ROW = "22.00 | 8.77 | 14.00 | 8.47 | 14.00 | 8.47 | 8.00 | 0.30 |"


def _jiading(tmp_path, row: str = _ROW):
    """The excerpt's 三公 table (its empty cells dropped by the export), with its figure row as given."""
    text = _JIADING.read_text(encoding="utf-8")
    assert _ROW in text
    path = tmp_path / _JIADING.name
    path.write_text(text.replace(_ROW, row), encoding="utf-8")
    readings: list = []
    records, findings = extract_sangong(read(path), "doc", 2017, readings=readings)
    return records, findings, readings


def test_a_row_that_lost_its_empty_cells_is_read_where_every_placement_keeping_the_identities_agrees(tmp_path):
    # 12 预算数/决算数 columns (合计, 出国, 小计, 购置, 运行, 接待) and 8 figures: the placements under which
    # 合计 = 出国 + 小计 + 接待 and 小计 = 购置 + 运行 hold all leave 出国 blank; 购置 vs 运行 stays open
    records, findings, readings = _jiading(tmp_path)
    assert {(r["measure"], r["category"]): r["value_raw"] for r in readings} == {
        ("budget", "total"): "22.00", ("actual", "total"): "8.77",
        ("budget", "vehicle_total"): "14.00", ("actual", "vehicle_total"): "8.47",
        ("budget", "reception"): "8.00", ("actual", "reception"): "0.30",
    }  # fmt: skip
    assert all(r["source"] == "table" for r in readings)
    assert not [f for f in findings if f["check_id"] == "table_row_misaligned"]
    assert {r["source"] for r in records} == {"text"}  # the readings are not published
    assert all(r.get("confirmed") for r in records)  # each text figure is the table's too (出国 0: left blank)


@pytest.mark.parametrize(
    "row",
    [
        "22.00 | 8.77 | 14.00 | 8.47 | 14.00 | 8.47 | 0.30 |",  # a figure lost: 22.00 is no sum of the others
        "22.00 | 8.77 | 15.00 | 8.47 | 14.00 | 8.47 | 8.00 | 0.30 |",  # 公务用车 15.00 is not 购置 + 运行
    ],
)
def test_a_row_no_placement_of_which_keeps_the_identities_is_not_read(tmp_path, row):
    records, findings, readings = _jiading(tmp_path, row)
    assert readings == []
    (misaligned,) = [f for f in findings if f["check_id"] == "table_row_misaligned"]
    assert "8 cells under 13 columns" in misaligned["message"] or "7 cells under 13 columns" in misaligned["message"]
    assert {r["source"] for r in records} == {"text"}


def test_a_complete_row_is_read_as_before():
    # p18 财政拨款“三公”经费支出决算表: 12 columns, the row printed whole (合计 and 公务接待费 预算数 0.95)
    readings: list = []
    records, findings = extract_sangong(
        read(SEEDS.parent / "pdf" / "shanghai_putuo_caizhengju_2024_juesuan.pdf"), "doc", 2024, readings=readings
    )
    assert readings == [] and findings == []
    tabled = {(r["measure"], r["category"]): (r["amount_wan"], r["page"]) for r in records if r["source"] == "table"}
    assert tabled == {("budget", "total"): (Decimal("0.9500"), 18), ("budget", "reception"): (Decimal("0.9500"), 18)}
