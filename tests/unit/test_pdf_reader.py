"""The PDF reader on real published PDFs: expected values read off the PDFs by eye."""

from decimal import Decimal

import pytest

from ingest.document import Paragraph, Table
from ingest.extract.numbers import parse_number
from ingest.readers import read
from tests.conftest import CORPUS_PDF


@pytest.fixture(scope="module")
def putuo():
    return read(CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf")


def test_sangong_table_has_12_columns_under_their_headers(putuo):
    table = next(t for t in putuo.tables if t.rows[0][0] == "财政拨款“三公”经费")
    assert table.page == 18
    assert table.width == 12 and all(len(row) == 12 for row in table.rows)
    categories = [
        "合计",
        "因公出国(境)费",
        "公务用车购置及运行费",
        "公务用车购置及运行费",
        "公务用车购置及运行费",
        "公务接待费",
    ]
    assert table.rows[1] == [c for c in categories for _ in (0, 1)]
    assert table.rows[2][4:10] == [
        "小计",
        "小计",
        "公务用车购置费",
        "公务用车购置费",
        "公务用车运行费",
        "公务用车运行费",
    ]
    assert table.rows[4] == ["预算数", "决算数"] * 6
    # the page prints 0.95 under 合计/预算数 and under 公务接待费/预算数, nothing else
    assert table.rows[5] == ["0.95"] + [""] * 9 + ["0.95", ""]


def test_table_continued_on_the_next_page_is_joined(putuo):
    table = next(t for t in putuo.tables if t.page == 10)
    assert set(table.row_pages) == {10, 11}
    headers = [row for row in table.rows if row[0] == "项目"]
    assert len(headers) == 1  # the header repeated on page 11 is not a data row
    row = next(i for i, r in enumerate(table.rows) if r[3] == "购房补贴")
    assert table.rows[row][:5] == ["221", "02", "03", "购房补贴", "258.50"]
    assert table.page_of(row) == 11


def test_wrapped_lines_form_one_paragraph(putuo):
    text = next(p.text for p in putuo.paragraphs if p.text.startswith("(三)逐步建立全面规范透明"))
    assert "建立跨年度预算平衡机制;理顺区与两镇收入划分" in text
    assert text.endswith("相适应的体制和制度。")


def test_jiangsu_budget_totals_keep_their_amounts():
    doc = read(CORPUS_PDF / "jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf")
    table = doc.tables[0]
    assert table.page == 1 and table.rows[0][0] == "收支预算总表部门:中共江苏省委办公厅 单位:万元"
    assert ["一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63"] in table.rows
    total = next(r for r in table.rows if r[0] == "收入合计")
    assert parse_number(total[1]) == Decimal("27664.22")
    housing = next(r for r in table.rows if r[2] == "十八、住房保障支出")
    assert parse_number(housing[3]) == Decimal("3894.09")


def test_blocks_keep_reading_order_with_pages(putuo):
    title = next(i for i, b in enumerate(putuo.blocks) if isinstance(b, Paragraph) and b.text == "收入决算表")
    assert isinstance(putuo.blocks[title + 2], Table) and putuo.blocks[title + 2].page == 8
