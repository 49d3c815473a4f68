"""The statements catalogue on real reports of templates the extractors were not first written for: which
statement a table is, its unit (printed in it, in its title or on the line above it, or decided by the
说明's restatements), and the lines read from it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.document import Document, Paragraph, Table
from ingest.extract import extract
from ingest.extract.budget import extract_budget_lines
from ingest.extract.statements import catalogue, locate
from ingest.pipeline import process
from ingest.readers import read
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"


def _lines(tables: dict) -> set[tuple]:
    return {(r["statement"], r["line_code"], r["fiscal_year"], r["measure"], r["amount_wan"]) for r in tables}


@pytest.fixture(scope="module")
def sifaju() -> dict:
    path = REAL / "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"
    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


def test_a_unit_printed_on_the_line_above_a_statement_is_its_unit():
    located = {item.table.page: item for item in locate(read(REAL / "shanghai_putuo_sifaju_2026_danwei_yusuan.pdf"))}
    assert (located[8].statement.code, located[8].printed_unit) == ("summary", "元")  # 编制单位:… 单位:元
    assert (located[14].statement.code, located[14].printed_unit) == ("general_public_by_function", "元")
    assert (located[20].statement.code, located[20].printed_unit) == ("sangong", "万元")


def test_statements_in_yuan_give_their_lines_in_wan(sifaju):
    assert sifaju["document"][0]["extraction_status"] == "ok"  # nothing read 10,000 times too large
    lines = _lines(sifaju["budget_line"])
    for expected in [
        ("summary", "grand_total", 2026, "initial_budget", Decimal("8695.9408")),  # 86,959,408.34 元
        ("income", "total_income", 2026, "initial_budget", Decimal("8695.9408")),  # 收入预算总表 合计
        ("basic_by_economic", "basic_expenditure", 2026, "initial_budget", Decimal("2211.8861")),
        ("summary", "personnel_expenditure", 2026, "initial_budget", Decimal("2037.4181")),  # 支出总计 row
        ("by_function", "2040601", 2026, "initial_budget", Decimal("1434.8853")),  # 行政运行 14,348,853.34
    ]:
        assert expected in lines


def test_a_caption_after_an_empty_row_still_titles_a_tables_only_file():
    path = REAL / "jiangsu_zhengxie_2019_yusuan_biao.pdf"
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    document = tables["document"][0]
    assert (document["report_kind"], document["department_name"], document["fiscal_year"]) == (
        "budget", "江苏省政协办公厅", 2019,
    )  # fmt: skip
    lines = _lines(tables["budget_line"])
    assert ("summary", "government_procurement", 2019, "initial_budget", Decimal("1624.42")) in lines
    # two scopes of one line are two facts: all funds (公开01表) and 财政拨款 (公开04表)
    assert ("summary", "grand_total", 2019, "initial_budget", Decimal("13377.11")) in lines
    assert ("fiscal_appropriation_summary", "grand_total", 2019, "initial_budget", Decimal("13297.11")) in lines


def test_a_statement_titled_anew_on_the_next_page_is_not_the_empty_one_before_it():
    located = locate(read(REAL / "jiangsu_shengweiban_2017_yusuan_biaoge.pdf"))
    codes = [(item.statement.code if item.statement else None, item.table.page) for item in located]
    assert ("government_fund", 7) in codes and ("general_public_by_function", 8) in codes


def _budget(*blocks) -> dict:
    doc = Document("x.pdf", "pdf", [Paragraph("上海市普陀区某某局2026年部门预算", 1), *blocks], page_count=2)
    record = {"document_id": "x", "file_name": "x.pdf", "extraction_status": None}
    return extract(doc, record).tables()


STATEMENT = Table([["2026年部门财务收支预算总表", ""], ["项目", "预算数"], ["收入总计", "86,959,408.34"]], page=2)


def test_a_statement_without_a_unit_is_read_in_the_unit_its_text_restates():
    tables = _budget(Paragraph("2026年,上海市普陀区某某局收入预算8695.94万元,收入总计8695.94万元。", 1), STATEMENT)
    [grand] = [r for r in tables["budget_line"] if r["source"] == "table"]
    assert (grand["line_code"], grand["amount_wan"]) == ("grand_total", Decimal("8695.9408"))


def test_without_a_restatement_a_statement_too_large_in_wan_is_read_in_yuan():
    [grand] = _budget(STATEMENT)["budget_line"]
    assert grand["amount_wan"] == Decimal("8695.9408")  # 869.6 亿元 for one 局 would be implausible


def test_every_catalogue_title_is_a_valid_pattern_and_codes_are_unique():
    codes = [s.code for s in catalogue().statements]
    assert len(codes) == len(set(codes))
    assert catalogue().identify("2026年预算单位财务收支预算总表").code == "summary"
    assert catalogue().identify("财政拨款收支预算总表").code == "fiscal_appropriation_summary"
    assert catalogue().identify("一般公共预算财政拨款基本支出决算表").code == "general_public_basic"
    assert catalogue().identify("“三公”经费和机关运行经费预算表").code == "sangong"


def test_a_unit_line_split_over_two_rows_of_one_column_is_read_down_the_column():
    path = REAL / "jiangsu_gaoyuan_2019_yusuan.pdf"
    [sangong] = [item for item in locate(read(path)) if item.statement and item.statement.code == "sangong"]
    assert sangong.printed_unit == "万元"  # "单位:万" above "元" in the PDF's text layer
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    assert (2019, "budget", "total", Decimal("513.75")) in {
        (r["fiscal_year"], r["measure"], r["category"], r["amount_wan"]) for r in tables["sangong"]
    }


@pytest.mark.parametrize(
    ("name", "total"),
    [("jiangsu_jianchayuan_2018_yusuan.pdf", "484.30"), ("jiangsu_gaoyuan_2017_yusuan.pdf", "670.12")],
)
def test_a_sangong_column_placed_under_the_wrong_heading_is_resolved_by_the_identity(name, total):
    # text-aligned 三公 tables whose headings the PDF scattered: one category gets two columns' figures
    tables = process(LandedFile(REAL / name, sha256_of(REAL / name)), datetime(2026, 1, 1))
    totals = {r["amount_wan"] for r in tables["sangong"] if (r["category"], r["measure"]) == ("total", "budget")}
    assert totals == {Decimal(total)}
    assert not [f for f in tables["finding"] if f["check_id"] == "sangong_stated_twice_differently"
                and "total" in f["message"]]  # fmt: skip


def test_the_organs_column_beside_the_sangong_figures_is_its_line(sifaju):
    assert ("summary", "operating_expenditure_of_organs", 2026, "initial_budget", Decimal("184.59")) in _lines(
        sifaju["budget_line"]
    )  # 三公经费和机关运行经费预算表: 机关运行经费预算数 184.59 in the column it heads


def test_an_export_that_dropped_empty_cells_still_gives_the_organs_column():
    path = SHARED / "corpus" / "excerpts" / "shanghai_jiading_sifaju_2017_sangong_juesuan.txt"
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    # the figure ends the 预算数/决算数 header row; the 三公 figures below it are no budget line
    assert _lines(tables["budget_line"]) == {
        ("summary", "operating_expenditure_of_organs", 2017, "actual", Decimal("325.88"))
    }


def _explained(sentence: str) -> set[tuple]:
    blocks = [Paragraph("七、政府性基金支出预算表情况说明", page=13), Paragraph(sentence, page=13)]
    doc = Document("政协2017年部门预算.pdf", "pdf", blocks)
    return _lines(extract_budget_lines(doc, "d", 2017, budget_document=True, statements=[]))


def test_a_statement_its_explanation_says_is_zero_gives_its_total_as_zero():
    assert _explained("本表数为零。") == {("by_function", "government_fund", 2017, "initial_budget", Decimal(0))}
    assert _explained("本部门无政府性基金预算拨款。") == set()  # no figure is printed: no line
