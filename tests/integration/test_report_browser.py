"""The quality report as a browser shows it: headless Chromium renders the seeds' report after its script ran."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from warehouse.report import write_quality_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Run in the page once it is laid out: sort one findings table by its 差额 column, filter the findings by a file
# name, and measure what sticks out to the right of the window (a table scrolls inside its own container).
PROBE = """<script>
window.addEventListener('load', function () {
  var out = document.body;
  var wide = Array.prototype.filter.call(document.querySelectorAll('body *'), function (e) {
    return e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.scroll');
  }).map(function (e) { return e.tagName + '.' + e.className; });
  out.setAttribute('data-probe-overflow', JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 5)}));
  var block = document.querySelector("[data-filter-text^='004_49c7c66149f159f0.txt']");
  var th = Array.prototype.find.call(block.querySelectorAll('th'), function (h) { return h.textContent === '差额'; });
  th.click(); th.click();
  out.setAttribute('data-probe-sorted', Array.prototype.map.call(block.querySelectorAll('tbody tr'), function (tr) {
    return tr.cells[5].textContent; }).join(' '));
  var filter = document.getElementById('filter-text');
  filter.value = '003_5069244cfe29a9a5';
  filter.dispatchEvent(new Event('input'));
  out.setAttribute('data-probe-filtered', Array.prototype.filter.call(
    document.querySelectorAll('[data-filter-group]'), function (g) { return !g.hidden; }).length);
});
</script>"""


def _render(page: Path, width: int) -> html.HtmlElement:
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},900",
         "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return html.fromstring(done.stdout)


@pytest.fixture(scope="module")
def report(seeds_run, tmp_path_factory) -> Path:
    """The seeds' report written anew with a failed gate, the probe added before </body>."""
    assert Path(CHROMIUM).exists(), "headless Chromium is missing: apt-get install chromium (.ci/run installs it)"
    landing, warehouse, _, _ = seeds_run
    gates = [("gx_marts__fct_sangong", "marts/fct_sangong", True, ""), ("not_null_dim_document_sha256", "marts/dim_document", True, ""),
             ("gx_raw__sangong", "raw/sangong", False, "expect_column_values_to_match_regex(column=amount_wan, regex=^-?\\d+$): 1 unexpected, e.g. ['" + "5.42万" * 60 + "']")]  # fmt: skip
    files = [(p.name, "ok", "") for p in sorted(landing.iterdir())]
    files.insert(
        0, ("有一个很长很长的文件名_" * 8 + ".pdf", "quarantined", "quarantined, its facts held back: " + "原因" * 80)
    )
    page = write_quality_report(warehouse, gates, True, tmp_path_factory.mktemp("report") / "quality.html", files)
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def dom(report) -> html.HtmlElement:
    return _render(report, 1280)


def test_the_sections_come_in_order_with_the_run_first(dom):
    assert [s.get("id") for s in dom.iter("section")] == ["outcome", "findings", "gates", "departments"]
    outcome = dom.get_element_by_id("outcome").text_content()
    assert "已发布" in outcome and "已隔离" in outcome and "原因原因" in outcome
    gates = dom.get_element_by_id("gates")
    assert "2/2" not in gates.text_content() and "1/2" in gates.text_content()  # the suites: one of two passed
    assert [
        row.text_content() for row in gates.xpath(".//h3[.='未通过的检查']/following-sibling::div[1]//tbody/tr/td[1]")
    ] == ["gx_raw__sangong"]


def test_a_finding_shows_both_figures_its_check_and_its_document(dom):
    block = dom.xpath("//div[starts-with(@data-filter-text, '004_49c7c66149f159f0.txt')]")[0]
    meta = block.find_class("meta")[0].text_content()
    assert "中共峨边彝族自治县委办公室" in meta and "2024年度" in meta and "部门决算" in meta
    rows = [[td.text_content() for td in tr.iter("td")] for tr in block.xpath(".//tbody/tr")]
    yoy = next(r for r in rows if "yoy_percent_mismatch" in r[1])
    assert yoy[0] == "警告" and yoy[1].startswith("增减百分比与增减额不符") and yoy[3:6] == ["16.92", "0.17", "-16.75"]
    english = next(r for r in rows if "basic_is_personnel_plus_public" in r[1])  # a message in English: a Chinese one
    assert english[6].startswith("人员经费与公用经费之和不等于基本支出：应为 1024.31，实为 1250.14，相差 +225.83。")
    clean = dom.xpath("//h3[starts-with(., '没有问题的文档')]/following-sibling::div[1]//tbody/tr/td[1]")
    # every seed contradicts itself somewhere: 002, the last without a finding, prints no 总分 (info)
    assert [td.text_content() for td in clean] == []


def test_the_script_sorts_and_filters(dom):
    headers = dom.xpath("//section[@id='findings']//thead/tr/th")
    assert headers and all("sortable" in th.classes and th.get("role") == "button" for th in headers)
    body = dom.find("body")
    differences = body.get("data-probe-sorted").split()  # 差额 clicked twice: descending
    assert differences[0] == "+225.83" and differences[-1] == "-16.75"
    assert body.get("data-probe-filtered") == "1"  # only 003's findings are left


def test_each_department_has_its_charts(dom):
    departments = dom.get_element_by_id("departments")
    junshan = departments.xpath(".//div[h3='中共岳阳市君山区委办公室']")[0]
    charts = {fig.find("figcaption").text_content(): fig for fig in junshan.iter("figure")}
    assert list(charts) == [
        "三公经费决算数（万元）",
        "已印证比例（已印证数 / 金额事实数）",
        "每份报告的问题数（红：错误，黄：警告，灰：提示）",
    ]
    sangong = charts["三公经费决算数（万元）"].find("svg")
    assert sangong is not None and {"2022", "2023", "5.42", "2.14"} <= {t.text for t in sangong.iter("text")}
    assert all(fig.find("svg") is not None for fig in charts.values())
    assert len(departments.xpath(".//figure")) == 3 * len(departments.xpath(".//div[@class='department']"))


@pytest.mark.parametrize("width", [1280, 500])  # 500: the narrowest window headless Chromium opens
def test_nothing_overflows_the_page(report, width):
    measured = json.loads(_render(report, width).find("body").get("data-probe-overflow"))
    assert measured["innerWidth"] == width
    assert measured["scrollWidth"] <= width and measured["wide"] == [], measured
