"""The quality report's figures and sentences, and a report of a build whose marts were never built."""

import duckdb

from warehouse.report import Finding, _figure, _is_chinese, _sentence, write_quality_report


def _finding(message: str, expected: str | None, actual: str | None) -> Finding:
    return Finding("d", "amount_implausible", "warning", 3, message, expected, actual)


def test_figures_lose_the_warehouse_s_trailing_zeros_only():
    assert [_figure(v) for v in ("254.7700", "17.0000", "0.9979", "100", "170000元", None)] == [
        "254.77", "17.00", "0.9979", "100", "170000元", "",
    ]  # fmt: skip


def test_an_english_message_gets_a_chinese_sentence():
    assert _is_chinese("“减少254.58万元,减少0.17%”：本年1250.14万元、上年1504.72万元，变动率应为16.92%，印为0.17%")
    assert _is_chinese("report.pdf: “(根据自评体系进行描述)”")
    assert not _is_chinese("public_expenditure 2023 actual: a table says 254.77, the text says 273.1")
    assert _sentence(_finding("x", "254.7700", "273.1000"), "正文与表格金额不一致") == (
        "正文与表格金额不一致：应为 254.77，实为 273.10，相差 +18.33。"
    )
    assert (
        _sentence(_finding("x", "0..10000", "54200"), "金额不合常理")
        == "金额不合常理：应在 0 至 10000 之间，实为 54200。"
    )
    assert _sentence(_finding("x", None, None), "表格未读取") == "表格未读取。"


def test_a_build_without_marts_reports_the_run_and_its_gates(tmp_path):
    build = tmp_path / "yusuan.duckdb.building"
    duckdb.connect(str(build)).close()
    gates = [("gx_raw__sangong", "raw/sangong", False, "expect_column_values_to_be_in_set(column=category)")]
    page = write_quality_report(build, gates, False, tmp_path / "quality.html", [("a.txt", "ok", "")]).read_text()
    assert "NOT published" in page and "marts 未建成" in page and "expect_column_values_to_be_in_set" in page
    assert "<td>a.txt</td><td class='st-ok' data-sort='0'>正常</td>" in page  # the status labelled from the seed
