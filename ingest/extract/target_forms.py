"""绩效目标 (fct_performance_target): the targets a project's 申报表 sets before the money is spent.

Two shapes are read, whatever sheet or page they sit on:
- a form per project: label cells (项目编码:, 项目名称:, 申请单位:, 本年度项目金额(万元):) above an indicator
  table headed 一级指标 | 二级指标 | 三级指标 | 目标值/指标值;
- a flat export: a projects table (项目编码 | 项目名称 | 本年金额 …) and an indicators table (项目编码 | 一级指标 …)
  joined by 项目编码. A table that repeats both (the same join again) is read only when no separate
  indicators table exists.

These forms label their money 万元 and often hold 元. The unit is decided per document by the forms' own
figures: a project's amount ÷ 10,000 printed as 万元 in its 测算依据 or its 成本 target says 元, the amount
itself printed there says 万元; with no such evidence, a total too large for one department in 万元 says
元. The decision is stated in a finding and in each project's `value_raw`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.document import Document, Table
from ingest.extract.numbers import parse_number
from ingest.extract.records import Record, finding
from ingest.extract.targets import read_target
from ingest.normalize import compact
from ingest.plausibility import LINE_LIMIT_WAN

_LEVELS = ("一级指标", "二级指标", "三级指标")
_TARGET_COLUMNS = ("目标值", "指标值", "年度指标值", "年度目标值")
_LABELS = {
    "project_code": ("项目编码", "项目代码"),
    "project_name": ("项目名称",),
    "department_name": ("申请单位", "申报单位", "实施单位", "项目单位"),
    "budget_unit": ("一级预算单位", "主管部门", "预算单位"),
    "funding_year": ("本年度项目金额", "本年金额", "年度资金总额", "本年度资金", "当年金额"),
    "funding_total": ("项目总金额", "资金总额"),
    "funding_fiscal": ("当年财政拨款", "财政拨款", "其中:财政拨款"),
}
_PLACEHOLDER = {"", "不适用", "不适应", "无"}
_WAN_FIGURE = re.compile(r"(\d+(?:\.\d+)?)万元?")
_SHARE_LIMIT_WAN = LINE_LIMIT_WAN / 100  # one department's projects in a year: far below a 1,000 亿 line


@dataclass
class _Project:
    fields: dict[str, str] = field(default_factory=dict)  # as printed, by _LABELS key
    raw: dict[str, str] = field(default_factory=dict)  # the label and cell of each amount
    indicators: list[tuple[str, str, str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # where the form restates its money (测算依据, 成本 targets)
    page: int | None = None


def _label(cell: str) -> str | None:
    text = re.sub(r"\(.*?\)", "", compact(cell)).rstrip(":")
    return next((key for key, names in _LABELS.items() if text in names), None)


def _header(row: list[str]) -> dict[str, int] | None:
    """Column positions of an indicator header row (一级/二级/三级指标 and the target), else None."""
    cells = [compact(c) for c in row]
    if not all(level in cells for level in _LEVELS):
        return None
    target = next((cells.index(c) for c in _TARGET_COLUMNS if c in cells), None)
    if target is None:
        return None
    columns = {level: cells.index(level) for level in _LEVELS} | {"target": target}
    for key in _LABELS:
        if (i := next((i for i, c in enumerate(cells) if _label(c) == key), None)) is not None:
            columns[key] = i
    return columns


def _form(table: Table, header: int) -> _Project:
    """A project's form: the label cells above its indicator header."""
    project = _Project(page=table.page)
    for row in table.rows[:header]:
        for i, cell in enumerate(row):
            key = _label(cell)
            if key and key not in project.fields:
                value = next((c for c in row[i + 1 :] if c and c != cell), "")
                if value and _label(value) is None:
                    project.fields[key] = value
                    project.raw[key] = f"{cell}{value}"
            elif compact(cell).startswith("测算依据"):
                project.texts += [c for c in row[i + 1 :] if c and c != cell][:1]
    return project


def _projects(doc: Document) -> Iterator[_Project]:
    tables = doc.tables
    headers = [(t, r, h) for t in tables for r, row in enumerate(t.rows[:12]) if (h := _header(row))]
    flat = [(t, r, h) for t, r, h in headers if "project_code" in h]
    joined_only = all("project_name" in h for _, _, h in flat)
    listed = _project_list(tables) if flat else {}
    for table, r, columns in headers:
        if "project_code" not in columns:
            yield _indicators(_form(table, r), table.rows[r + 1 :], columns)
        elif joined_only or "project_name" not in columns:
            yield from _flat(table, r, columns, listed)


def _project_list(tables: list[Table]) -> dict[str, _Project]:
    """The projects table of a flat export, by 项目编码."""
    for table in tables:
        head = [_label(c) for c in table.rows[0]]
        if "project_code" in head and "project_name" in head and not _header(table.rows[0]):
            projects = {}
            for row in table.rows[1:]:
                project = _Project(page=table.page)
                for key, cell, label in zip(head, row, table.rows[0], strict=False):
                    if key and cell:
                        project.fields[key] = cell
                        project.raw[key] = f"{label} {cell}"
                    if compact(label).startswith("测算依据"):
                        project.texts.append(cell)
                projects[project.fields.get("project_code", "")] = project
            return projects
    return {}


def _flat(table: Table, header: int, columns: dict[str, int], listed: dict[str, _Project]) -> Iterator[_Project]:
    """The indicator rows of a flat export, grouped by 项目编码 in their order."""
    projects: dict[str, _Project] = {}
    for row in table.rows[header + 1 :]:
        code = row[columns["project_code"]]
        if code not in projects:
            project = listed.get(code) or _Project(page=table.page)
            for key, i in columns.items():
                if key in _LABELS and row[i]:
                    project.fields.setdefault(key, row[i])
                    project.raw.setdefault(key, f"{table.rows[header][i]} {row[i]}")
            project.fields.setdefault("project_code", code)
            projects[code] = project
        _indicators(projects[code], [row], columns)
    yield from projects.values()


def _indicators(project: _Project, rows: list[list[str]], columns: dict[str, int]) -> _Project:
    for row in rows:
        cells = [row[columns[k]] if columns[k] < len(row) else "" for k in (*_LEVELS, "target")]
        if not cells[0] or _header(row) or compact(cells[0]).startswith("备注"):
            continue
        if compact(cells[2]) in _PLACEHOLDER and compact(cells[3]) in _PLACEHOLDER:
            continue  # a template row that names no indicator
        project.indicators.append((cells[0], cells[1], cells[2], cells[3]))
        project.texts.append(cells[3])
    return project


def _amount(project: _Project, key: str) -> Decimal | None:
    value = project.fields.get(key)
    return parse_number(value) if value else None


def _evidence(project: _Project) -> tuple[int, int]:
    """(says 元, says 万元): the project's amounts found again among the 万元 figures its texts print."""
    stated = {Decimal(m.group(1)) for text in project.texts for m in _WAN_FIGURE.finditer(compact(text))}
    amounts = [a for key in ("funding_year", "funding_total") if (a := _amount(project, key))]
    in_yuan = any(a / 10000 in stated for a in amounts)
    in_wan = any(a in stated for a in amounts)
    return int(in_yuan and not in_wan), int(in_wan and not in_yuan)


def _unit(projects: list[_Project]) -> tuple[str, str]:
    """The unit the forms' amounts are in, and why."""
    evidence = [_evidence(p) for p in projects]
    yuan, wan = sum(e[0] for e in evidence), sum(e[1] for e in evidence)
    if yuan or wan:
        unit = "元" if yuan > wan else "万元"
        return unit, f"{yuan} 个项目的测算依据或成本指标以万元写出金额÷10000，{wan} 个写出金额本身"
    total = sum((_amount(p, "funding_year") or Decimal(0)) for p in projects)
    if total > _SHARE_LIMIT_WAN:
        return "元", f"各项目本年金额合计 {total} 按万元读超出一个部门的规模"
    return "万元", "表上标注的单位"


def extract_targets(
    doc: Document, document_id: str, fiscal_year: int | None
) -> tuple[list[Record], list[Record], str | None]:
    """The target rows, the findings on reading them, and the 一级预算单位 the forms name."""
    projects = [p for p in _projects(doc) if p.indicators or p.fields.get("project_name")]
    if not projects:
        return [], [], None
    unit, why = _unit(projects)
    findings = []
    if unit == "元":
        labelled = any("万元" in raw for p in projects for raw in p.raw.values())
        message = f"{doc.file_name}: 绩效目标表的金额{'标注为万元' if labelled else '未标单位'}，按元读取（{why}）"
        findings.append(finding(document_id, "target_amount_unit_decided", message, severity="info"))
    divisor = Decimal(10000) if unit == "元" else Decimal(1)
    rows = []
    for n, project in enumerate(projects, start=1):
        year, fiscal = _amount(project, "funding_year"), _amount(project, "funding_fiscal")
        value_raw = "；".join(project.raw.get(k, "") for k in ("funding_year", "funding_total") if k in project.raw)
        base = {
            "target_id": f"{document_id}-{n:03d}",
            "document_id": document_id,
            "scope": "project",
            "project_name": project.fields.get("project_name"),
            "project_code": project.fields.get("project_code"),
            "department_name": project.fields.get("department_name"),
            "fiscal_year": fiscal_year,
            "funding_total_wan": None if year is None else str(year / divisor),
            "funding_fiscal_wan": None if fiscal is None else str(fiscal / divisor),
            "page": project.page,
            "source": "table",
            "value_raw": f"{value_raw}（按{unit}读取）" if value_raw else None,
        }
        for order, (level1, level2, level3, target_raw) in enumerate(project.indicators, start=1):
            operator, value, target_unit = read_target(target_raw)
            rows.append(
                base
                | {
                    "level1": level1, "level2": level2, "level3": level3 or None, "target_raw": target_raw or None,
                    "target_operator": operator, "target_value": None if value is None else str(value),
                    "target_unit": target_unit, "weight": None, "row_order": order,
                }
            )  # fmt: skip
    budget_unit = next((p.fields["budget_unit"] for p in projects if p.fields.get("budget_unit")), None)
    return rows, findings, budget_unit
