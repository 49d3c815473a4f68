"""A two-year chart's data against the level and change the 说明 states, on seed 004 and its renderings."""

from ingest.document import Document, Paragraph
from ingest.extract.charts import check_charts
from ingest.readers import read
from tests.conftest import SEEDS, SHARED

# seed 004 L35 and the residue of its charts (L1102-L1107, L1131-L1136)
_TEXT = "2024年度收、支总计均为1250.14万元。与2023年相比，收、支总计各减少254.58万元，减少0.17%。"
_FIRST_CHART = "2023年\t2024年\t1504.72\t1250.14\t2023年\t2024年\t1\t2023年\t2024年\t1\t"
_SECOND_CHART = "2024年\t2023年\t1250.14\t1492.91\t"


def _charts(*paragraphs: str, year: int = 2024) -> list[tuple]:
    doc = Document("x.txt", "txt", [Paragraph(p) for p in paragraphs])
    return [(f["check_id"], f["severity"], f["expected"], f["actual"]) for f in check_charts(doc, "d", year)]


def test_a_charts_prior_year_is_the_texts_level_and_change():
    # the second chart's 2023 bar is 1492.91; the text's 1250.14 and 减少254.58 make 2023 1504.72
    assert _charts(_TEXT, _SECOND_CHART) == [("chart_differs_from_text", "warning", "1504.72", "1492.91")]
    # the first chart's bars are the text's 1504.72 and 1250.14
    assert _charts(_TEXT, _FIRST_CHART) == []
    # a chart of other years, or a level the text gives no change of, says nothing
    assert _charts(_TEXT, _SECOND_CHART, year=2025) == []
    assert _charts(_TEXT.replace("1250.14万元。", "1250.15万元。"), _SECOND_CHART) == []


def test_the_charts_of_seed_004_in_each_rendering():
    expected = [("chart_differs_from_text", "warning", "1504.72", "1492.91")]
    for path in [next(SEEDS.glob("004_*.txt")), *sorted((SHARED / "corpus" / "rendered").glob("004_*"))]:
        findings = check_charts(read(path), "d", 2024)
        assert [(f["check_id"], f["severity"], f["expected"], f["actual"]) for f in findings] == expected, path.name
    # seed 001 (2023) draws no chart
    assert check_charts(read(next(SEEDS.glob("001_*.txt"))), "d", 2023) == []
