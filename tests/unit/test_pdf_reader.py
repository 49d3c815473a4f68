"""The PDF reader on real published PDFs: expected values read off the PDFs by eye."""

from decimal import Decimal
from pathlib import Path

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


def _read_by_pdfminer(path, monkeypatch):
    """The reader with every page parsed by pdfplumber (pdfminer), PDFium's shapes turned off."""
    from ingest.readers import pdf as pdf_reader

    with monkeypatch.context() as patched:
        patched.setattr(pdf_reader, "page_objects", lambda *args: None)
        return pdf_reader.read(path)


@pytest.mark.parametrize(
    "path",
    [
        CORPUS_PDF / "jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf",  # ruled statements
        CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf",  # text, ruled and merged cells
        CORPUS_PDF.parent / "real" / "jiangsu_gaoyuan_2017_yusuan.pdf",  # subset fonts named in GBK
    ],
    ids=lambda p: p.name,
)
def test_pdfium_shapes_give_the_document_pdfminer_gives(path, monkeypatch):
    fast = read(path)
    assert fast.blocks == _read_by_pdfminer(path, monkeypatch).blocks


def test_pdfium_characters_and_edges_are_pdfminers():
    import pdfplumber
    import pypdfium2

    from ingest.readers.pdfium_page import page_objects

    path = CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[17]  # the 三公 statement: text and a ruled table
        document = pypdfium2.PdfDocument(path)
        objects = page_objects(document[17], page.page_obj.resources, page.initial_doctop)
        document.close()
        assert objects is not None
        box = ("x0", "x1", "top", "bottom")
        pdfminer_chars = [c for c in page.chars if c["text"] != " "]

        def in_order(chars):
            return sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))

        assert [c["text"] for c in in_order(objects["char"])] == [c["text"] for c in in_order(pdfminer_chars)]
        assert [c[k] for c in in_order(objects["char"]) for k in box] == pytest.approx(
            [c[k] for c in in_order(pdfminer_chars) for k in box], abs=0.01
        )
        edge = ("x0", "x1", "top", "bottom")
        pdfminer_edges = sorted((e["orientation"], *(e[k] for k in edge)) for e in page.edges)
        page._objects = objects
        pdfium_edges = sorted((e["orientation"], *(e[k] for k in edge)) for e in page.edges)
        assert [e[0] for e in pdfium_edges] == [e[0] for e in pdfminer_edges] and len(pdfium_edges) > 50
        assert [v for e in pdfium_edges for v in e[1:]] == pytest.approx(
            [v for e in pdfminer_edges for v in e[1:]], abs=0.01
        )


def _saved(tmp_path, change) -> Path:
    import pypdfium2

    document = pypdfium2.PdfDocument(CORPUS_PDF / "jiangsu_shengweibangongting_2019_yusuan_biaoge.pdf")
    change(document[0])
    saved = tmp_path / "changed.pdf"
    document.save(saved)
    document.close()
    return saved


@pytest.mark.parametrize("rotation", [0, 180, 270])  # the file's own pages are turned 90°
def test_turned_pages_are_read_as_pdfminer_reads_them(rotation, tmp_path, monkeypatch):
    turned = _saved(tmp_path, lambda page: page.set_rotation(rotation))
    assert read(turned).blocks == _read_by_pdfminer(turned, monkeypatch).blocks


def test_a_page_pdfium_might_read_otherwise_is_left_to_pdfminer(tmp_path, monkeypatch):
    import pdfplumber
    import pypdfium2

    from ingest.readers.pdfium_page import page_objects

    offset = _saved(tmp_path, lambda page: page.set_mediabox(10, 10, 852, 1201))  # not at the origin
    with pdfplumber.open(offset) as pdf:
        document = pypdfium2.PdfDocument(offset)
        assert page_objects(document[0], pdf.pages[0].page_obj.resources, 0) is None
        assert page_objects(document[1], pdf.pages[1].page_obj.resources, 0) is not None
        document.close()
    assert read(offset).blocks == _read_by_pdfminer(offset, monkeypatch).blocks
