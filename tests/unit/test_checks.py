"""The text and form checks on small documents: a contradiction is found, a consistent report is not."""

from ingest.document import Document, Paragraph, Table
from ingest.extract.checks import (
    check_balance,
    check_blank_cells,
    check_changes,
    check_empty_statements,
    check_text,
    check_total_score,
)
from ingest.extract.classify import Classification, classify
from ingest.extract.performance import extract_performance
from ingest.readers import read
from tests.conftest import CORPUS_PDF, SHARED


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


def _changes(*paragraphs: str, fiscal_year: int = 2019) -> list[tuple]:
    doc = Document("x.txt", "txt", [Paragraph(p) for p in paragraphs])
    return [(f["check_id"], f["severity"], f["expected"], f["actual"]) for f in check_changes(doc, "d", fiscal_year)]


def test_one_total_compared_with_one_year_has_one_change():
    # 江苏检察院 2019 p25: the 收、支总计 and the 一般公共预算收入 are both 24,169.74, their changes from 2018 differ
    assert _changes(
        "江苏省人民检察院2019年度收入、支出预算总计24,169.74万元，与上年相比收、支预算总计各增加2214.39万元，增长10.06%。",
        "（1）一般公共预算收入预算24,169.74万元，与上年相比增加2228.78万元，增长10.15%。",
    ) == [("change_stated_twice_differently", "warning", "2214.39", "2228.78")]
    # 普陀区商务委 2025 p7: a sentence broken before its change by the PDF's line end
    assert _changes(
        "2025年,上海市普陀区商务委员会收入预算37,151.47万元,其中:财政拨款收入37,151.47万元,比2024年预算执行数增加",
        "24,558.18万元;事业收入0万元;事业单位经营收入0万元;其他收入0万元。",
        "支出预算37,151.47万元,其中:财政拨款支出预算37,151.47万元,比2024年预算增加24,491.71万元。",
        fiscal_year=2025,
    ) == [("change_stated_twice_differently", "warning", "24558.18", "24491.71")]


def test_the_same_amount_of_two_items_may_have_two_changes():
    # 江苏政协 2019 p12 and p16: the 政协会议 项 and the 会议费 are both 1,282.56 this year, not last year
    assert (
        _changes(
            "3.政协事务(款)政协会议(项)1,282.56万元,与上年相比增加468.4万元,增长57.53%。",
            "江苏省政协办公厅2019年度一般公共预算拨款安排的会议费预算支出1,282.56万元,比上年预算增加398.4万元。",
        )
        == []
    )
    # 普陀区商务委 2025 p7: the same change printed for the 财政拨款 and its only fund agrees
    assert (
        _changes(
            "支出预算37,151.47万元,其中:财政拨款支出预算37,151.47万元,比2024年预算增加24,491.71万元。财政拨款支出预算中,"
            "一般公共预算拨款支出预算37,151.47万元,比2024年预算增加24,491.71万元;政府性基金拨款支出预算0万元,"
            "比2024年预算执行数持平。",
            fiscal_year=2025,
        )
        == []
    )


def _empty(*blocks: Paragraph | Table) -> list[str]:
    doc = Document("x.pdf", "pdf", list(blocks))
    return [f["check_id"] for f in check_empty_statements(doc, "d")]


def test_an_empty_mandatory_statement_carries_its_note():
    # 江苏高院 2017 p15: the 政府性基金支出预算表 prints its header and an empty 合计 row, and nothing else
    title = Paragraph("七、2017年度江苏省高级人民法院部门政府性基金支出预算表", page=15)
    unit = Paragraph("单位:万元", page=15)
    empty = Table(
        [["", "功能科目代码", "", "", "功能科目名称", "金额", ""], ["", "", "", "合计", "合计", "", ""]], page=15
    )
    assert _empty(title, unit, empty) == ["empty_statement_without_note"]
    # 江苏政协 2018 p10: the same empty table with its note below it
    assert _empty(title, unit, empty, Paragraph("注:本部门无该项目", page=10)) == []
    # 江苏高院 2019 p14: a 合计 of 0 is a figure printed
    zeros = Table([["合 计", "合 计", "合 计", "合 计", "0", "0", "0"], ["", "", "", "", "", "", ""]], page=14)
    assert _empty(Paragraph("政府性基金预算财政拨款支出预算表", page=14), zeros) == []


def test_the_empty_statements_of_real_reports():
    biaoge = read(SHARED / "corpus" / "real" / "jiangsu_shengweiban_2017_yusuan_biaoge.pdf")
    assert [f["page"] for f in check_empty_statements(biaoge, "d")] == [7]
    assert check_empty_statements(read(CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf"), "d") == []


def test_template_wording_left_in_two_sentences_is_found_in_each():
    # 江苏人大 2018 p19 and p28: "增加(减少)" left in the 政府性基金 收入 and in the 公务用车购置 sentence; the same
    # sentence printed twice stays one finding
    fund = "(2)政府性基金收入预算0万元,与上年相比增加(减少) 0万元,增长(减少) 0 %。"
    vehicles = "(1)公务用车购置预算支出 0 万元,比上年预算增加(减少) 0 万元,主要原因无此项预算。"
    found = _checks(fund, vehicles, fund, year=2018)
    assert found.count(("template_placeholder_left", None, "增加(减少)")) == 2
    assert found.count(("template_placeholder_left", None, "增长(减少)")) == 1


def test_an_execution_left_without_its_amount():
    # 万里街道 2025 (rerender) p7: the sentence stops where the 执行数 should be
    blank = "1.一般公共服务支出(类)统计信息事务(款)专项普查活动(项)43.83万元,上年:25.77万元,主要专项普查活动。2023年当年预算执行。"
    assert [f[0] for f in _checks(blank, year=2025)] == ["amount_missing"]
    assert _checks("严格按照预算执行。2023年当年预算执行数为15.00万元。", year=2025) == []


def test_parts_a_rounding_apart_from_their_whole_are_a_rounding_slip():
    # 普陀区财政局 2024 决算 p23: 4.79 + 0 + 246.47 = 251.26, the whole printed 251.25: within 4 half-cents
    procurement = (
        "(二)政府采购支出情况上海市普陀区财政局 2024 年度政府采购金额(以合同签订为准)为 251.25 万元,其中:货物采购金额 "
        "4.79 万元、工程采购金额 0 万元、服务采购金额 246.47 万元。"
    )
    doc = Document("x.txt", "txt", [Paragraph(procurement)])
    found = [(f["severity"], f["expected"], f["actual"]) for f in check_text(doc, "d", 2024)]
    assert found == [("info", "251.25", "251.26")]
    # seed 000: 23 items 10.00 short of their 210.45 are a contradiction
    seed = read(SHARED / "corpus" / "seeds" / "000_4d800827b66f7bef.txt")
    found = [(f["severity"], f["expected"], f["actual"]) for f in check_text(seed, "d", 2023)]
    assert ("warning", "210.45", "200.45") in found


def test_a_forms_filling_instructions_left_in_its_cells():
    # 大英县司法局 2023 项目自评表: the 原因 cell still holds the form's instructions
    daying = read(SHARED / "corpus" / "excerpts" / "sichuan_daying_sifaju_2023_xiangmu_zipingbiao.txt")
    found = [f["actual"] for f in check_text(daying, "d", 2023) if f["check_id"] == "template_placeholder_left"]
    assert found == ["(100字以内)"]
    # 云县财政局 2022: its 自评表 is filled in
    yunxian = read(SHARED / "corpus" / "excerpts" / "yunnan_yunxian_caizhengju_2022_juesuan_with_zipingbiao.txt")
    assert [f for f in check_text(yunxian, "d", 2022) if f["check_id"] == "template_placeholder_left"] == []


def _blank_cells(path: str) -> list[str]:
    doc = read(SHARED / "corpus" / path)
    indicators = extract_performance(doc, "d", classify(doc))[1]
    return [f["message"] for f in check_blank_cells(indicators, "d")]


def test_a_forms_mandatory_cells_left_blank():
    # 青神县发改局 2023 项目自评表: two indicators with their 指标值 and 分值, no 完成值 and no 得分
    assert _blank_cells("excerpts/sichuan_qingshen_fagaiju_2023_xiangmu_zipingbiao.txt") == [
        "绩效指标“发放(缴纳)覆盖率”指标值为= 100 %、分值60，完成值和得分却都空白",
        "绩效指标“足额保障率(参保率)”指标值为= 100 %、分值30，完成值和得分却都空白",
    ]
    # seed 003: a 成本指标 target printed as "≤万元"
    assert _blank_cells("seeds/003_5069244cfe29a9a5.txt") == [
        "绩效指标“政府办公业务经费”的指标值只印了“≤万元”，没有数值（完成值145.29）"
    ]
    # 大英县司法局 2023: a row the excerpt cuts short after its 指标值 is no row left blank; every other is filled
    assert _blank_cells("excerpts/sichuan_daying_sifaju_2023_xiangmu_zipingbiao.txt") == []
    assert _blank_cells("seeds/004_49c7c66149f159f0.txt") == []


def test_the_parts_of_a_count_or_an_area_add_up_to_it():
    # 万里街道 2025 (rerender) p30: one vehicle, eight listed
    vehicles = (
        "截至2024年8月31日,上海市普陀区人民政府万里街道办事处共有车辆1辆,其中:部级领导干部用车1辆、主要领导干部用车1辆、"
        "机要通信用车1辆、应急保障用车1辆、执法执勤用车1辆、特种专业技术用车1辆、离退休干部用车1辆、其他用车1辆;"
        "单价100万元(含)以上设备(不含车辆)1台(套)。"
    )
    assert _checks(vehicles, year=2025) == [("parts_do_not_sum_to_total", "1", "8")]
    # 万里街道 2025 p31: the innermost list is summed (8013 of 7998 + 105); the outer one holds it and is left alone
    area = (
        "本工程规划建筑面积约为13459平方米,其中地上建筑面积为8013平方米(其中计容面积7998平方米,不计容面积105平方米),"
        "地下建筑面积为5356平方米,建筑高度为29.8米。"
    )
    assert _checks(area, year=2025) == [("parts_do_not_sum_to_total", "8013", "8103")]
    assert _checks(area.replace("8013", "8103"), year=2025) == []


def _total_score(path: str) -> list[str]:
    doc = read(SHARED / "corpus" / path)
    kind = classify(doc)
    evaluations = extract_performance(doc, "d", kind)[0]
    return [f["severity"] for f in check_total_score(kind.report_kind, kind.self_eval_score, evaluations, "d")]


def test_an_evaluation_prints_its_total_score():
    # seed 002 (专项资金评价): the sections' scores 30 + 30 + 38, and no 总分 printed
    assert _total_score("seeds/002_62ac2a61d3324a6b.txt") == ["info"]
    # seeds 000 and 003: the total (98, 90) is printed
    assert _total_score("seeds/000_4d800827b66f7bef.txt") == []
    assert _total_score("seeds/003_5069244cfe29a9a5.txt") == []
