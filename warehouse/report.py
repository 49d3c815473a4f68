"""The quality report of a run, one self-contained HTML file in Chinese: what happened (published or not, files
by status, quarantined ones and why), the findings per document, the gates, and each department across years."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb

from warehouse.report_page import SCRIPT, STYLE, Bar, Cell, bar_chart, esc, table

SEED = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds" / "code_labels.csv"
STATUSES = ("ok", "partial", "failed", "quarantined", "skipped")
SEVERITIES = ("error", "warning", "info")  # most severe first
WAREHOUSE_WIDE = "(仓库整体)"  # the group of findings that concern no one document
SECTIONS = (("outcome", "1 运行结果"), ("findings", "2 问题清单"), ("gates", "3 检查"), ("departments", "4 部门概览"))

Gate = tuple[str, str, bool, str]  # (check, table, passed, failed expectations)
File = tuple[str, str, str]  # (name, status, reason)


class Labels:
    """Chinese labels of codes (marts.dim_code_label); a code without one shows as itself."""

    def __init__(self, rows: Sequence[tuple[str, str, str]]):
        self._labels = {(domain, code): label for domain, code, label in rows}

    def __call__(self, domain: str, code: str | None) -> str:
        return "" if code is None else self._labels.get((domain, code), code)


@dataclass(frozen=True)
class Document:
    document_id: str
    file_name: str
    report_kind: str | None
    department_key: str | None
    department_name: str | None
    fiscal_year: int | None
    status: str
    facts_total: int | None
    facts_confirmed: int | None


@dataclass(frozen=True)
class Finding:
    document_id: str | None
    check_id: str
    severity: str
    page: int | None
    message: str
    expected: str | None
    actual: str | None


@dataclass
class Contents:
    """What the report shows from the warehouse; empty when its marts were never built."""

    labels: Labels
    built: bool = False  # the marts could be read
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    departments: list[tuple[str, str, str]] = field(default_factory=list)  # (key, name, region)
    sangong: dict[str, dict[int, Decimal]] = field(default_factory=dict)  # department → year → 三公 决算 total


def _seed_labels() -> list[tuple[str, str, str]]:
    if not SEED.exists():
        return []
    with SEED.open(encoding="utf-8", newline="") as f:
        return [(r["domain"], r["code"], r["label_zh"]) for r in csv.DictReader(f)]


def _labels(con: duckdb.DuckDBPyConnection) -> Labels:
    try:
        return Labels(con.execute("SELECT domain, code, label_zh FROM marts.dim_code_label").fetchall())
    except duckdb.Error:  # a warehouse built before the labels were, or whose marts were not built
        return Labels(_seed_labels())


def _read(con: duckdb.DuckDBPyConnection) -> Contents:
    contents = Contents(labels=_labels(con))
    try:
        contents.documents = [Document(*row) for row in con.execute(
            """SELECT document_id, file_name, report_kind, department_key, department_name, fiscal_year,
                      extraction_status, facts_total, facts_confirmed FROM marts.dim_document"""
        ).fetchall()]  # fmt: skip
        contents.findings = [Finding(*row) for row in con.execute(
            """SELECT document_id, check_id, severity, page, message, expected, actual
               FROM marts.fct_quality_finding ORDER BY page NULLS FIRST, check_id, message"""
        ).fetchall()]  # fmt: skip
        contents.departments = con.execute(
            """SELECT department_key, department_name, concat_ws(' ', province, nullif(city, province), county)
               FROM marts.dim_department ORDER BY department_name"""
        ).fetchall()
        # a year's figure as the report on that year prints it, else as the latest report restates it
        for key, year, amount in con.execute(
            """SELECT d.department_key, s.fiscal_year,
                      arg_max(s.amount_wan, (s.fiscal_year = d.fiscal_year)::int * 10000 + d.fiscal_year)
               FROM marts.fct_sangong s JOIN marts.dim_document d USING (document_id)
               WHERE s.category = 'total' AND s.measure = 'actual' AND d.department_key IS NOT NULL
               GROUP BY ALL"""
        ).fetchall():
            contents.sangong.setdefault(key, {})[year] = amount
    except duckdb.Error:  # the marts were never built (a raw gate failed): the run's outcome and gates only
        return Contents(labels=contents.labels)
    contents.built = True
    return contents


def _contents(database: Path) -> Contents:
    try:
        # a plain read-only connection, as readers open the file: this process may hold one already
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return Contents(labels=Labels(_seed_labels()))
    try:
        return _read(con)
    finally:
        con.close()


# --- figures -------------------------------------------------------------------------------------------------


def _decimal(text: object) -> Decimal | None:
    try:
        return Decimal(str(text).strip().rstrip("%")) if text is not None else None
    except InvalidOperation:
        return None


def _figure(text: str | None) -> str:
    """A stored figure as printed, without the trailing zeros of the warehouse's 4 decimals (254.7700 → 254.77)."""
    number = _decimal(text)
    if text is None or number is None or number.as_tuple().exponent >= -2:
        return text or ""
    short = number.normalize()
    return f"{short:f}" if short.as_tuple().exponent <= -2 else f"{number.quantize(Decimal('0.01')):f}"


def _difference(finding: Finding) -> Decimal | None:
    expected, actual = _decimal(finding.expected), _decimal(finding.actual)
    return None if expected is None or actual is None else actual - expected


def _signed(number: Decimal | None) -> str:
    if number is None:
        return ""
    text = _figure(f"{number:f}")
    return text if number <= 0 else f"+{text}"


def _percent(part: int | None, whole: int | None) -> str:
    return f"{100 * (part or 0) / whole:.0f}%" if whole else "—"


# --- sentences -----------------------------------------------------------------------------------------------

# what is quoted from the report, and file names, may be in any script: the message's own words are not
_QUOTED = re.compile(r"“[^”]*”|'[^']*'|\"[^\"]*\"|\S+\.(?:pdf|docx?|wps|txt|xlsx?|html?|zip|png|jpe?g|tiff?)\b", re.I)
_RANGE = re.compile(r"^(-?[\d.]+)\.\.(-?[\d.]+)$")


def _is_chinese(message: str) -> bool:
    return not re.search(r"[A-Za-z]{3,}", _QUOTED.sub("", message))


def _sentence(finding: Finding, label: str) -> str:
    """A Chinese sentence for a finding whose message is in English: the check's label and the figures."""
    expected, actual = _figure(finding.expected), _figure(finding.actual)
    said = []
    if bounds := _RANGE.match(expected):
        said.append(f"应在 {bounds[1]} 至 {bounds[2]} 之间")
    elif expected:
        said.append(f"应为 {expected}")
    if actual:
        said.append(f"实为 {actual}")
    if difference := _difference(finding):
        said.append(f"相差 {_signed(difference)}")
    return f"{label}：{'，'.join(said)}。" if said else f"{label}。"


def _explained(finding: Finding, label: str) -> str:
    """The message when it is Chinese, else a Chinese sentence with the message below it."""
    if _is_chinese(finding.message):
        return esc(finding.message)
    return f"{esc(_sentence(finding, label))}<div class='small muted'>原文：{esc(finding.message)}</div>"


# --- sections ------------------------------------------------------------------------------------------------


def _status_cell(status: str, labels: Labels) -> Cell:
    return Cell(
        labels("extraction_status", status), f"st-{status}", sort=STATUSES.index(status) if status in STATUSES else 9
    )


def _severity_counts(findings: Sequence[Finding], labels: Labels) -> str:
    counts = Counter(f.severity for f in findings)
    return "，".join(f"{labels('severity', s)} {counts[s]}" for s in SEVERITIES if counts[s]) or "无"


def _outcome(published: bool, files: Sequence[File], contents: Contents, gates: Sequence[Gate]) -> str:
    labels = contents.labels
    banner = (
        "<p class='banner ok'>已发布 · published：全部阻断性检查通过，新仓库已替换上一版。</p>"
        if published
        else "<p class='banner bad'>未发布 · NOT published：阻断性检查未通过，已发布的仓库保持不变。</p>"
    )
    statuses = Counter(status for _, status, _ in files)
    cards = "".join(
        f"<div class='card st-{s}'><b>{statuses[s]}</b>{esc(labels('extraction_status', s))} <code>{s}</code></div>"
        for s in STATUSES
    )
    passed = sum(ok for _, _, ok, _ in gates)
    summary = (
        f"<p>{len(files)} 个文件，{len(contents.documents)} 份文档；问题 {len(contents.findings)} 条"
        f"（{_severity_counts(contents.findings, labels)}）；检查 {passed}/{len(gates)} 通过。</p>"
    )
    attention = [(n, _status_cell(s, labels), _reason(r, contents)) for n, s, r in files if s != "ok"]
    why = (
        "<h3>需要关注的文件</h3><p class='small muted'>已隔离文档的数据暂存于 <code>quarantine</code> 模式，"
        "不进入事实表；读取失败与未读取的文件没有数据；部分读取的文件缺少部分内容。原因如下。</p>"
        + table(["文件", "状态", "原因"], attention)
        if attention
        else "<p class='clean'>所有文件均已正常读取。</p>"
    )
    every = table(["文件", "状态", "原因"], [(n, _status_cell(s, labels), _reason(r, contents)) for n, s, r in files])
    return (
        f"<section id='outcome'><h2>1 运行结果</h2>{banner}{summary}<div class='cards'>{cards}</div>{why}"
        f"<details><summary>全部文件（{len(files)}）</summary>{every}</details></section>"
    )


def _reason(reason: str, contents: Contents) -> Cell:
    """Why a file is not ok, in Chinese: the checks whose findings the reason quotes, above the reason itself."""
    if not reason:
        return Cell("")
    checks = dict.fromkeys(
        contents.labels("check_id", f.check_id)
        for f in contents.findings
        if f.check_id != "document_quarantined" and (f.message in reason or reason in f.message)
    )
    if not checks:
        return Cell(reason)
    return Cell(f"{esc('；'.join(checks))}<div class='small muted'>{esc(reason)}</div>", markup=True)


def _describe(document: Document, labels: Labels) -> str:
    return " · ".join(
        part
        for part in (
            document.department_name or "部门不详",
            f"{document.fiscal_year}年度" if document.fiscal_year else "年度不详",
            labels("report_kind", document.report_kind) or "报告类型不详",
            labels("extraction_status", document.status),
        )
    )


def _finding_rows(findings: Sequence[Finding], labels: Labels) -> tuple[list[list[object]], list[str]]:
    rows, attrs = [], []
    for f in sorted(findings, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9):
        label = labels("check_id", f.check_id)
        difference = _difference(f)
        rows.append([
            Cell(labels("severity", f.severity), f"sev-{f.severity}", sort=SEVERITIES.index(f.severity)
                 if f.severity in SEVERITIES else 9),
            Cell(f"{esc(label)}<br><code>{esc(f.check_id).replace('_', '_<wbr>')}</code>", markup=True, sort=label),
            Cell(f.page or "", "num", sort=f.page if f.page is not None else ""),
            Cell(_figure(f.expected), "num", sort=_decimal(f.expected)),
            Cell(_figure(f.actual), "num", sort=_decimal(f.actual)),
            Cell(_signed(difference), "num", sort=difference),
            Cell(_explained(f, label), "msg", markup=True),
        ])  # fmt: skip
        attrs.append(f"data-severity='{esc(f.severity)}' data-check='{esc(f.check_id)}'")
    return rows, attrs


_FINDING_HEADERS = ["级别", "检查项", "页码", "应为", "实为", "差额", "说明"]
_FINDING_WIDTHS = ["4rem", "11rem", "4.2rem", "6.5rem", "6.5rem", "6rem", ""]


def _document_block(title: str, meta: str, findings: Sequence[Finding], labels: Labels) -> str:
    rows, attrs = _finding_rows(findings, labels)
    worst = " has-error" if any(f.severity == "error" for f in findings) else ""
    listing = table(_FINDING_HEADERS, rows, row_attrs=attrs, widths=_FINDING_WIDTHS)
    return (
        f"<div class='doc{worst}' data-filter-group data-filter-text='{esc(title + ' ' + meta)}'>"
        f"<h3>{esc(title)}</h3><p class='meta'>{esc(meta)}</p>{listing}</div>"
    )


def _facts(document: Document) -> str:
    confirmed = _percent(document.facts_confirmed, document.facts_total)
    return f"金额事实 {document.facts_total or 0}，已印证 {document.facts_confirmed or 0}（{confirmed}）"


def _finding_blocks(documents: Sequence[Document], findings: Sequence[Finding], labels: Labels) -> list[str]:
    by_document: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_document[finding.document_id].append(finding)
    blocks = []
    for d in documents:
        if found := by_document.pop(d.document_id, None):
            meta = f"{_describe(d, labels)} · {_facts(d)} · 问题 {len(found)} 条（{_severity_counts(found, labels)}）"
            blocks.append(_document_block(d.file_name, meta, found, labels))
    for document_id, found in by_document.items():  # warehouse-wide checks, and any of an unlisted document
        blocks.append(_document_block(document_id or WAREHOUSE_WIDE, f"问题 {len(found)} 条", found, labels))
    return blocks


def _clean_block(documents: Sequence[Document], labels: Labels) -> str:
    if not documents:
        return ""
    rows = [
        (Cell(d.file_name, "file"), d.department_name or "", d.fiscal_year or "", labels("report_kind", d.report_kind),
         _status_cell(d.status, labels), Cell(d.facts_total or 0, "num"),
         Cell(_percent(d.facts_confirmed, d.facts_total), "num",
              sort=(d.facts_confirmed or 0) / d.facts_total if d.facts_total else -1))
        for d in documents
    ]  # fmt: skip
    headers = ["文件", "部门", "年度", "报告类型", "状态", "金额事实", "已印证"]
    listing = table(headers, rows, row_attrs=["data-severity=''"] * len(rows))
    return f"<div data-filter-group><h3>没有问题的文档（{len(rows)}）</h3>{listing}</div>"


def _filters(labels: Labels) -> str:
    options = "".join(f"<option value='{s}'>{esc(labels('severity', s))}</option>" for s in SEVERITIES)
    return (
        "<div class='filters'><label>筛选 <input id='filter-text' type='search' "
        "placeholder='文件、部门、检查项、说明…'></label>"
        f"<label>级别 <select id='filter-severity'><option value=''>全部</option>{options}</select></label>"
        "<span id='filter-count' class='muted small'></span></div>"
    )


def _findings(contents: Contents) -> str:
    labels = contents.labels
    documents = sorted(
        contents.documents, key=lambda d: (d.department_name or "\uffff", d.fiscal_year or 0, d.file_name)
    )
    concerned = {f.document_id for f in contents.findings}
    intro = (
        "<p class='small muted'>每份文档自相矛盾之处：应为（由报告其他数字算得）、实为（报告所印）、页码与差额"
        "（实为−应为）。警告为超出印刷精度的差异，提示为舍入范围内的差异。点击表头排序。</p>"
    )
    empty = (
        "<p class='muted'>marts 未建成（阻断性检查在其前未通过）：没有可列的文档与问题。</p>"
        if not contents.built
        else ("" if contents.findings else "<p class='clean'>没有发现问题。</p>")
    )
    return (
        f"<section id='findings'><h2>2 问题清单（按文档）</h2>{intro}{_filters(labels)}{empty}"
        + "".join(_finding_blocks(documents, contents.findings, labels))
        + _clean_block([d for d in documents if d.document_id not in concerned], labels)
        + "</section>"
    )


def _gates(gates: Sequence[Gate]) -> str:
    suites = [g for g in gates if g[0].startswith("gx_")]
    tests = [g for g in gates if not g[0].startswith("gx_")]
    cards = "".join(
        f"<div class='card'><b>{sum(ok for _, _, ok, _ in group)}/{len(group)}</b>{name}</div>"
        for name, group in (("Great Expectations 检查套件通过", suites), ("dbt 测试通过", tests))
    )
    failed = [g for g in gates if not g[2]]
    failures = (
        "<h3>未通过的检查</h3>"
        + table(["检查", "表", "结果", "未通过的期望"],
                [(Cell(name, "file"), table_name, Cell("未通过", "sev-error"),
                  Cell(f"<pre>{esc(detail)}</pre>", "msg", markup=True)) for name, table_name, _, detail in failed])
        if failed
        else "<p class='clean'>全部检查通过。</p>"
    )  # fmt: skip
    passed = [(name, table_name, Cell("通过", "clean")) for name, table_name, ok, _ in gates if ok]
    listing = (
        f"<details><summary>通过的检查（{len(passed)}）</summary>{table(['检查', '表', '结果'], passed)}</details>"
    )
    intro = (
        "<p class='small muted'>阻断性检查：Great Expectations 套件检查 raw 与 marts 的每张表，dbt 测试检查模型；"
        "任何一项未通过，本次构建不发布。</p>"
    )
    return f"<section id='gates'><h2>3 检查</h2>{intro}<div class='cards'>{cards}</div>{failures}{listing}</section>"


def _sangong_chart(by_year: dict[int, Decimal]) -> str:
    bars = [
        Bar(
            str(year),
            ((float(amount), "bar-sangong"),),
            _figure(f"{amount:f}"),
            f"{year}年 三公经费决算数 {amount:f} 万元",
        )
        for year, amount in sorted(by_year.items())
    ]
    return bar_chart("三公经费决算数（万元）", bars)


def _share_chart(documents: Sequence[Document]) -> str:
    years: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for d in documents:
        if d.fiscal_year and d.facts_total:
            years[d.fiscal_year][0] += d.facts_confirmed or 0
            years[d.fiscal_year][1] += d.facts_total
    bars = [
        Bar(str(year), ((100 * confirmed / total, "bar-share"),), _percent(confirmed, total),
            f"{year}年 金额事实 {total}，已印证 {confirmed}")
        for year, (confirmed, total) in sorted(years.items())
    ]  # fmt: skip
    return bar_chart("已印证比例（已印证数 / 金额事实数）", bars, ceiling=100)


def _findings_chart(documents: Sequence[Document], findings: dict[str, Counter], labels: Labels) -> str:
    bars = []
    for d in sorted(documents, key=lambda d: (d.fiscal_year or 0, d.file_name)):
        counts = findings.get(d.document_id, Counter())
        kind = labels("report_kind", d.report_kind)
        bars.append(Bar(
            f"{d.fiscal_year or '?'}\n{kind[:5] + '…' if len(kind) > 6 else kind}",
            tuple((counts[s], f"bar-{s}") for s in reversed(SEVERITIES)),
            str(sum(counts.values())),
            f"{d.file_name}：{kind}，问题 {sum(counts.values())} 条",
        ))  # fmt: skip
    return bar_chart("每份报告的问题数（红：错误，黄：警告，灰：提示）", bars)


def _departments(contents: Contents) -> str:
    labels = contents.labels
    per_document: dict[str | None, Counter] = {}
    for f in contents.findings:
        per_document.setdefault(f.document_id, Counter())[f.severity] += 1
    documents: dict[str | None, list[Document]] = defaultdict(list)
    for d in contents.documents:
        documents[d.department_key].append(d)
    groups = [(key, name, region) for key, name, region in contents.departments if key in documents]
    if None in documents:
        groups.append((None, "部门不详", ""))
    blocks = []
    for key, name, region in groups:
        charts = [
            _sangong_chart(contents.sangong.get(key, {})),
            _share_chart(documents[key]),
            _findings_chart(documents[key], per_document, labels),
        ]
        years = sorted({d.fiscal_year for d in documents[key] if d.fiscal_year})
        span = f"{years[0]}–{years[-1]}年度" if len(years) > 1 else (f"{years[0]}年度" if years else "")
        meta = " · ".join(p for p in (region, f"{len(documents[key])} 份报告", span) if p)
        blocks.append(f"<div class='department'><h3>{esc(name)}</h3><p class='meta small muted'>{esc(meta)}</p>"
                      f"<div class='charts'>{''.join(charts)}</div></div>")  # fmt: skip
    body = "".join(blocks) or "<p class='muted'>没有部门数据。</p>"
    return f"<section id='departments'><h2>4 部门概览（跨年度）</h2>{body}</section>"


def write_quality_report(
    database: Path,
    gates: Sequence[Gate],
    published: bool,
    out: Path,
    files: Sequence[File] = (),
) -> Path:
    """Write the report of the warehouse in `database`; `gates` are (check, table, passed, details), `files`
    every landed file as (name, status, reason), quarantined and failed first."""
    contents = _contents(database)
    if not files:  # no list of landed files: the documents the warehouse holds
        files = [(d.file_name, d.status, "") for d in sorted(contents.documents, key=lambda d: d.file_name)]
    nav = " · ".join(f"<a href='#{anchor}'>{title}</a>" for anchor, title in SECTIONS)
    body = (
        f"<h1>yusuan 数据质量报告</h1><p class='muted'>生成于 {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {nav}</p>"
        + _outcome(published, files, contents, gates)
        + _findings(contents)
        + _gates(gates)
        + _departments(contents)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>yusuan 数据质量报告</title>"
        f"<style>{STYLE}</style></head><body>{body}<script>{SCRIPT}</script></body></html>",
        encoding="utf-8",
    )
    return out
