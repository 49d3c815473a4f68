from ingest.document import Paragraph, Table
from ingest.readers import read
from ingest.readers.txt import decode, parse
from tests.conftest import SEEDS


def test_seed_basic_data_table_rows_and_cells():
    doc = read(SEEDS / "001_66e78293cd0851a8.txt")
    basic = next(t for t in doc.tables if t.rows[0][0] == "财政供养人员情况(人)")
    assert basic.rows[0] == ["财政供养人员情况(人)", "编制数", "2023年实际在职人数", "控制率"]
    assert basic.rows[1] == ["", "30", "30", "100%"]
    assert basic.rows[3] == ["三公经费", "5.42", "5.32", "2.14"]
    # "——" is n/a, full-width space residue is stripped
    assert ["政府采购金额", "", "99.19", "99.19"] in basic.rows


def test_wrapped_cell_lines_join_their_cell():
    doc = read(SEEDS / "001_66e78293cd0851a8.txt")
    cells = [cell for table in doc.tables for row in table.rows for cell in row]
    assert "楼堂馆所控制情况(2023年完工项目)" in cells
    assert "经济效益指标" in cells


def test_paragraphs_and_tables_keep_document_order():
    doc = parse("标题\n\tA\n\tB\n\n\t1\n\t2\n\n正文。\n", "x.txt")
    assert doc.blocks == [Paragraph("标题"), Table(rows=[["A", "B"], ["1", "2"]]), Paragraph("正文。")]


def test_gb18030_and_bom_are_decoded():
    text = "2023年度部门决算"
    assert decode(text.encode("gb18030")) == text
    assert decode("\ufeff".encode() + text.encode()) == text


def test_pipe_rows_of_web_exports():
    doc = parse("部门预算项目支出绩效自评表(2023年度) | ||||\n项目名称 | 会议经费 | ||\n总额 | 0.00 | 3.36 |\n说明。\n")
    assert doc.blocks == [
        Paragraph("部门预算项目支出绩效自评表(2023年度)"),  # a row of one cell is a title
        Table(rows=[["项目名称", "会议经费"], ["总额", "0.00", "3.36"]]),  # trailing empty cells dropped
        Paragraph("说明。"),
    ]


def test_form_flattened_to_one_cell_per_line_gets_its_rows_back():
    lines = ["自评表(2023年度)", "项目名称", "X-会议经费", "绩效指标(90分)", "一级指标", "二级指标", "三级指标",
             "指标值", "产出指标", "数量指标", "会议次数", "≥4次", "", "合计", "100"]  # fmt: skip
    doc = parse("".join(f"{cell} |\n" if cell else "|\n" for cell in lines))
    assert doc.blocks == [
        Paragraph("自评表(2023年度)"),
        Table(
            rows=[
                ["项目名称", "X-会议经费"],
                ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "会议次数", "≥4次", ""],
                ["合计", "100"],
            ]
        ),
    ]
