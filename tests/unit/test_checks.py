"""The text and form checks on small documents: a contradiction is found, a consistent report is not."""

from ingest.document import Document, Paragraph, Table
from ingest.extract.checks import check_balance, check_text
from ingest.extract.classify import Classification
from ingest.extract.performance import extract_performance
from ingest.readers import read
from tests.conftest import CORPUS_PDF


def _checks(*paragraphs: str, year: int = 2024) -> list[tuple]:
    doc = Document("x.txt", "txt", [Paragraph(p) for p in paragraphs])
    return [(f["check_id"], f["expected"], f["actual"]) for f in check_text(doc, "doc", year)]


def test_parts_listed_after_qizhong_add_up():
    assert _checks("基本支出预算数587.28万元,其中人员经费462.92万元,公用经费124.36万元。") == []
    assert _checks("工作经费20万元,其中:会议费6万元;印刷费5万元。") == [("parts_do_not_sum_to_total", "20", "11")]


def test_placeholders_and_stray_years():
    assert _checks("本年支出较上年下降(增长)XX%。")[0][:1] == ("template_placeholder_left",)
    assert _checks("2021年度部门决算支出情况如下。") == [("fiscal_year_out_of_place", "2024", "2021")]
    assert _checks("2023年度决算与2024年度预算。") == []


def _summary_statement(income_total: str, expenditure_total: str) -> list[tuple]:
    rows = [
        ["收入支出决算总表"],
        ["单位:元"],
        ["项目", "决算数", "项目", "决算数"],
        ["一、财政拨款收入", "29,402,500.00", "一、一般公共服务支出", "29,402,500.00"],
        ["总计", income_total, "总计", expenditure_total],
    ]
    doc = Document("x.pdf", "pdf", [Table(rows=rows, page=6)])
    return [(f["check_id"], f["expected"], f["actual"], f["page"]) for f in check_balance(doc, "doc")]


def test_income_and_expenditure_totals_of_the_summary_statement_balance():
    assert _summary_statement("29,953,900.00", "29,953,900.00") == []
    assert _summary_statement("29,953,900.00", "29,853,900.00") == [
        ("income_total_is_expenditure_total", "2995.3900", "2985.3900", 6)
    ]


def test_real_summary_statements_balance_and_are_checked():
    doc = read(CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf")
    assert check_balance(doc, "doc") == []
    # the check did read both sides: break the expenditure total of the 收入支出决算总表 (p6, its 总计 on p7)
    table = next(t for t in doc.tables if t.page_of(0) == 6 and any(r[:1] == ["总计"] for r in t.rows))
    row = next(r for r in table.rows if r[:1] == ["总计"])
    row[3] = "2,990.00"
    assert [(f["expected"], f["actual"], f["page"]) for f in check_balance(doc, "doc")] == [
        ("2995.3900", "2990.0000", 7)
    ]


def _form(weights: list[str], scores: list[str], total: tuple[str, str]) -> list[tuple]:
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"]]
    rows += [
        ["产出指标", "数量指标", f"指标{i}", "≥1次", "1次", w, s]
        for i, (w, s) in enumerate(zip(weights, scores, strict=True))
    ]
    rows.append(["总分", *total])
    doc = Document("x.txt", "txt", [Table(rows=[["项目名称", "会议经费"], *rows])])
    kind = Classification("project_performance", "某局", 2024, None, None)
    *_, findings = extract_performance(doc, "doc", kind)
    return [(f["check_id"], f["expected"], f["actual"]) for f in findings]


def test_form_points_add_up():
    assert _form(["60", "40"], ["60", "38"], ("100", "98")) == []
    assert _form(["60", "30"], ["60", "30"], ("100", "90")) == [("indicator_weights_do_not_sum", "100", "90")]
    assert _form(["60", "40"], ["60", "38"], ("100", "95")) == [("total_score_is_sum_of_scores", "98", "95")]
