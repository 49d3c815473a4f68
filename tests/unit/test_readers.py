"""DOCX, XLSX/XLS and text details: merged and nested cells, numbers as printed, normalization."""

from pathlib import Path

import docx
import openpyxl
import pytest

from ingest.normalize import clean_cell, clean_text
from ingest.readers import read
from samples.generator import hunan_dept_performance, write, write_pdf

REPORT = hunan_dept_performance("汨罗市财政局", 2024, 93, ("12.40", "13.00", "11.85"))


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".xlsx", ".xls", ".html"])
def test_every_format_reads_the_same_tables_cell_for_cell(tmp_path, suffix):
    write(REPORT, tmp_path / "r.txt")
    write(REPORT, tmp_path / f"r{suffix}")
    expected = [t.rows for t in read(tmp_path / "r.txt").tables]
    assert [t.rows for t in read(tmp_path / f"r{suffix}").tables] == expected
    # the merged 一级/二级指标 cells repeat their value on every row they cover
    indicators = expected[-1]
    assert [row[:2] for row in indicators[1:4]] == [["产出指标", "数量指标"]] * 2 + [["产出指标", "质量指标"]]


def test_pdf_table_without_ruling_lines_is_read_by_column_position(tmp_path):
    write(REPORT, tmp_path / "r.txt")
    write_pdf(REPORT, tmp_path / "r.pdf", ruled=False)
    expected = [t.rows for t in read(tmp_path / "r.txt").tables]
    found = [t.rows for t in read(tmp_path / "r.pdf").tables]
    assert found[0] == expected[0]
    assert [row[2:] for row in found[1]] == [row[2:] for row in expected[1]]
    # without lines a merge cannot be seen: its value is printed once, in its own column, within its rows
    assert [row[0] for row in found[1]] == ["一级指标", "", "产出指标", "", "效益指标", "总分"]
    assert [row[1] for row in found[1]] == ["二级指标", "数量指标", "", "质量指标", "社会效益指标", ""]


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_paragraphs_match_the_text_export(tmp_path, suffix):
    write(REPORT, tmp_path / "r.txt")
    write(REPORT, tmp_path / f"r{suffix}")
    expected = [p.text for p in read(tmp_path / "r.txt").paragraphs]
    if suffix == ".html":  # the page's own navigation line, outside the report
        expected.insert(0, "当前位置:首页 > 信息公开")
    assert [p.text for p in read(tmp_path / f"r{suffix}").paragraphs] == expected


def test_xlsx_title_row_becomes_a_paragraph_and_sheets_number_pages(tmp_path):
    write(REPORT, tmp_path / "r.xlsx")
    doc = read(tmp_path / "r.xlsx")
    assert [(p.text, p.page) for p in doc.paragraphs] == [
        ("2024年度部门整体支出绩效评价基础数据表", 1),
        ("2024年度部门整体支出绩效自评表", 2),
    ]
    assert doc.page_count == 2


def test_xlsx_numbers_as_printed(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目", "金额"])
    sheet.append(["基本支出", 861.2])
    sheet["B2"].number_format = "#,##0.00"
    sheet.append(["人数", 30])
    book.save(tmp_path / "t.xlsx")
    assert read(tmp_path / "t.xlsx").tables[0].rows == [["项目", "金额"], ["基本支出", "861.20"], ["人数", "30"]]


def test_docx_nested_table_follows_its_parent(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "项目"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "年初预算数"
    inner.cell(0, 1).text = "100"
    document.save(tmp_path / "n.docx")
    tables = read(tmp_path / "n.docx").tables
    assert len(tables) == 2
    assert tables[1].rows == [["年初预算数", "100"]]


def test_normalization():
    assert clean_text("１２３．４５万元，≧６０％") == "123.45万元,≥60%"
    assert clean_text("部門預算經費") == "部门预算经费"
    assert clean_text("2023年度部门决算") == "2023年度部门决算"  # simplified text is left alone
    assert clean_cell("公务用车购置\n及运行费") == "公务用车购置及运行费"
    assert clean_cell("Total\namount") == "Total amount"
    assert [clean_cell(mark) for mark in ("—", "——", "/", "*", " ")] == [""] * 5


def test_txt_encodings(tmp_path):
    text = "2023年度部门决算\n\t项目\n\t金额\n"
    for name, data in (("gbk.txt", text.encode("gb18030")), ("bom.txt", b"\xef\xbb\xbf" + text.encode())):
        (tmp_path / name).write_bytes(data)
        doc = read(Path(tmp_path / name))
        assert doc.paragraphs[0].text == "2023年度部门决算" and doc.tables[0].rows == [["项目", "金额"]]
