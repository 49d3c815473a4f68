"""Performance self-evaluations (绩效自评表): each evaluated scope with its funding, score and indicators.

Templates read: the Hunan 部门整体支出绩效自评表 and 项目支出绩效自评表 (年初预算数/全年预算数/全年执行数),
the Sichuan 项目支出绩效自评表 (年初预算/调整后预算数/预算执行数, with 指标性质 and 度量单位 columns) and
the Sichuan 部门整体 scoring sheet (指标分值, 部门打分). A document without such a table but with a
department-wide score in its text gets a department evaluation with that score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ingest.document import Document, Table
from ingest.extract.classify import Classification
from ingest.extract.numbers import parse_number, to_wan
from ingest.extract.records import BLOCK, Record, finding
from ingest.extract.tables import merged_once
from ingest.extract.targets import operator_of, read_target
from ingest.normalize import compact

_PROJECT_NAME = re.compile(r"^(?:项目支出名称|项目名称)$")
_DEPARTMENT_NAME = re.compile(r"(?:预算部门|部门|单位)(?:、单位)?名称$")
_PROJECT_CODE = re.compile(r"^(?P<code>[0-9A-Z]{15,})\s*[-－—–]+\s*(?P<name>.+)$")
_SCORE_TAG = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]+\)*$")
_COLUMN_WORDS = re.compile(r"^(?:金额|功能分类|支出用途|合计|预算数|决算数)$")  # a header row, not a form
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度|成本|效果)指标$")
# the sources the 年度资金总额 divides into, each on a row of its own below it
_FUNDING_PART = re.compile(
    r"^(?:其中[:：]?)?(?:当年财政拨款|财政资金|上年结转资金|财政专户管理资金|单位资金|其他资金)$"
)
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|部门整体自评得分|自评得分合计)$")
_BREAKDOWN = {
    "general_public_budget": re.compile(r"一般公共预算[:：]?(\d[\d,]*(?:\.\d+)?)"),
    "government_fund": re.compile(r"政府性基金(?:拨款|预算)?[:：]?(\d[\d,]*(?:\.\d+)?)"),
    "basic_expenditure": re.compile(r"基本支出[:：]?(\d[\d,]*(?:\.\d+)?)"),
    "project_expenditure": re.compile(r"项目支出[:：]?(\d[\d,]*(?:\.\d+)?)"),
}
_INCOME_LINES = ("general_public_budget", "government_fund")
_HEADER_KEYS = (
    ("level1", r"^一级指标$"),
    ("level2", r"^二级指标$"),
    ("level3", r"^三级指标$"),
    ("nature", r"^指标性质$"),
    ("target", r"指标值$"),
    ("unit", r"^度量单位$"),
    ("actual", r"完成值$|完成情况$"),
    ("weight", r"^(?:分值|权重|指标分值)$"),
    ("score", r"得分$|^部门打分$"),
    ("note", r"原因|改进措施|^备注$"),
)
_FUNDING_KEYS = (
    ("initial", r"^年初预算"),
    ("adjusted", r"^(?:全年预算|调整后预算)"),
    ("actual", r"^(?:全年执行|预算执行数|执行数)"),
    ("rate", r"执行率$"),
    ("weight", r"^(?:分值|权重)$"),
    ("score", r"得分$"),
)


@dataclass
class _Evaluation:
    record: Record
    indicators: list[Record] = field(default_factory=list)
    breakdown: list[tuple[str, Decimal, str, int | None]] = field(default_factory=list)
    funding_points: tuple[Decimal | None, Decimal | None] = (None, None)  # 执行率 row: (分值, 得分)
    # the funding block's sub-rows (其中：当年财政拨款, 上年结转资金, 其他资金) that print their own (分值, 得分)
    sub_points: list[tuple[Decimal | None, Decimal | None]] = field(default_factory=list)
    points_total: Decimal | None = None  # the 总分 row's full marks, when printed beside the score
    total_page: int | None = None
    funding_printed: tuple[str, str] | None = None  # 执行率 row: (执行率, 得分) as printed, e.g. ("95%", "9.5")
    funding_page: int | None = None


def _columns(row: list[str], keys: tuple[tuple[str, str], ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        text = compact(cell)
        for name, pattern in keys:
            if name not in found and re.search(pattern, text):
                found[name] = i
                break
    return found


def _number(cell: str) -> Decimal | None:
    return parse_number(cell.replace(" ", "")) if cell else None


def _rate(cell: str) -> Decimal | None:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)%", cell.replace(" ", ""))
    return (Decimal(match.group(1)) / 100).quantize(Decimal("0.0001")) if match else None


def _level(cell: str) -> str:
    return _SCORE_TAG.sub("", compact(cell)).strip()


class _Reader:
    """Walks every table row of the document in order, opening an evaluation per 自评表."""

    def __init__(self, document_id: str, kind: Classification):
        self.document_id = document_id
        self.kind = kind
        self.evaluations: list[_Evaluation] = []
        self.current: _Evaluation | None = None
        self.header: dict[str, int] | None = None
        self.header_width = 0
        self.funding: dict[str, int] | None = None
        self.funding_columns: dict[str, int] | None = None  # the 年度资金总额 row's columns, as aligned
        self.levels: dict[str, str] = {}
        self.table: Table | None = None  # the table being read

    def open(self, scope: str, name: str | None = None, page: int | None = None) -> _Evaluation:
        code = None
        name = re.sub(r"\s+", "", name) if name else None
        if name and (match := _PROJECT_CODE.match(name)):
            code, name = match.group("code"), match.group("name")
        evaluation = _Evaluation(
            {
                "evaluation_id": f"{self.document_id}-{len(self.evaluations) + 1}",
                "document_id": self.document_id,
                "scope": scope,
                "project_name": name,
                "project_code": code,
                "initial_budget_wan": None,
                "adjusted_budget_wan": None,
                "actual_wan": None,
                "execution_rate_reported": None,
                "total_score": None,
                "grade": self.kind.self_eval_grade if scope == "department" else None,
                "page": page,
                "source": "table",
                BLOCK: self.table,
            }
        )
        self.evaluations.append(evaluation)
        self.current, self.header, self.funding, self.levels = evaluation, None, None, {}
        self.funding_columns = None
        return evaluation

    def row(self, row: list[str], previous: list[str], page: int | None) -> None:
        first = compact(row[0]) if row else ""
        if re.search(r"项目支出绩效自评表|整体支出绩效自评表", first) and len([c for c in row if c]) == 1:
            self.current, self.header = None, None  # a new form starts; its name row opens it
            return
        if _PROJECT_NAME.match(first) and len(row) > 1 and not _COLUMN_WORDS.match(compact(row[1])):
            self.open("project", row[1] or None, page)
            return
        if _DEPARTMENT_NAME.search(first) and len(row) > 1:
            self.open("department", None, page)
            return
        funding = _columns(row, _FUNDING_KEYS)
        if {"initial", "adjusted", "actual"} <= funding.keys():
            self.funding = funding
            return
        if self.funding and self.current and any(compact(c) in ("年度资金总额", "总额") for c in row[:3]):
            self._funding_row(row, page)
            return
        if self.funding_columns and self.current and any(_FUNDING_PART.match(compact(c)) for c in row[:3]):
            self._funding_part(row)
            return
        if self.current and self.current.record["scope"] == "department":
            self._breakdown(row, page)
        if any(compact(c) == "三级指标" for c in row):
            self._header(row, previous, page)
            return
        if self.header is not None and self.current:
            # the 合计 row: labelled, or short, or (Word, PDF: merged cells repeated) a full row of figures only
            figures_only = any(row) and all(_number(c) is not None for c in row if c)
            if _TOTAL_ROW.match(first) or (not first and (len(row) < self.header_width - 2 or figures_only)):
                self._total_row(row, page)
                self.header = None
            else:
                self._indicator(row, page)
        elif self.current and _TOTAL_ROW.match(first):
            self._total_row(row, page)

    def _total_row(self, row: list[str], page: int | None) -> None:
        """ "总分 | 100 | 99": the score, after the full marks when both are printed."""
        numbers = [n for c in row if (n := _number(c)) is not None]
        if len(numbers) == 1 and self.header and "nature" in self.header:
            # the Sichuan form prints 合计 | full marks | score: a lone figure is the full marks, unscored
            self.current.points_total, self.current.total_page = numbers[0], page
        elif numbers:
            self.current.record["total_score"] = numbers[-1]
            self.current.points_total = numbers[0] if len(numbers) > 1 else None
            self.current.total_page = page

    def _funding_row(self, row: list[str], page: int | None) -> None:
        # the label (总额) sits just left of 年初预算; an export that lost a merged first column is shifted, and
        # a label merged over two columns (Word, PDF) repeats in both: its last cell is the one beside the figures
        label = next(i for i, c in enumerate(row[:3]) if compact(c) in ("年度资金总额", "总额"))
        while label + 1 < len(row) and row[label + 1] == row[label]:
            label += 1
        shift = label - (self.funding["initial"] - 1)
        record, cols = self.current.record, {k: v + shift for k, v in self.funding.items()}
        for name, key in (
            ("initial", "initial_budget_wan"),
            ("adjusted", "adjusted_budget_wan"),
            ("actual", "actual_wan"),
        ):
            value = _number(row[cols[name]]) if cols[name] < len(row) else None
            if value is not None:
                record[key] = to_wan(value)
        if "rate" in cols and cols["rate"] < len(row):
            record["execution_rate_reported"] = _rate(row[cols["rate"]])
        points = [_number(row[cols[k]]) if k in cols and cols[k] < len(row) else None for k in ("weight", "score")]
        self.current.funding_points = (points[0], points[1])
        self.funding_columns = cols
        printed = [compact(row[cols[k]]) if k in cols and cols[k] < len(row) else "" for k in ("rate", "score")]
        self.current.funding_printed, self.current.funding_page = (printed[0], printed[1]), page

    def _funding_part(self, row: list[str]) -> None:
        """A source of the funds (其中：当年财政拨款, 上年结转资金, 其他资金) printed with points of its own: the form
        scores the 执行率 once, so such points are counted in the 分值 column like any other row's."""
        cols = self.funding_columns
        points = [_number(row[cols[k]]) if k in cols and cols[k] < len(row) else None for k in ("weight", "score")]
        if points[0] is not None:
            self.current.sub_points.append((points[0], points[1]))

    def _breakdown(self, row: list[str], page: int | None) -> None:
        for cell in merged_once(row):
            text = compact(cell)
            for line, pattern in _BREAKDOWN.items():
                if match := pattern.search(text):
                    self.current.breakdown.append(
                        (line, Decimal(match.group(1).replace(",", "")), match.group(0), page)
                    )

    def _header(self, row: list[str], previous: list[str], page: int | None) -> None:
        if self.current is None:  # indicators without a name row: the document's kind says whose they are
            self.open("project" if self.kind.report_kind == "project_performance" else "department", None, page)
        columns = _columns(row, _HEADER_KEYS)
        # the Sichuan scoring sheet prints 指标分值 and 部门打分 in the header row above
        above = {compact(c) for c in previous}
        if "weight" not in columns and "指标分值" in above:
            columns["weight"] = columns["level3"] + 1
        if "score" not in columns and "部门打分" in above:
            columns["score"] = len(row) - 2
            columns["note"] = len(row) - 1
        self.header, self.header_width, self.levels = columns, len(row), {}

    def _indicator(self, row: list[str], page: int | None) -> None:
        # rows printed wider than their header align on the right; a row that starts with its 一级指标
        # (an export that lost the merged 绩效指标 column and trailing blanks) aligns on that
        lead = next((i for i, c in enumerate(row[:3]) if _LEVEL1.match(_level(c))), None)
        if lead is not None and "level1" in self.header and len(row) < self.header_width:
            shift = lead - self.header["level1"]
        else:
            shift = len(row) - self.header_width
        cols = {k: v + shift for k, v in self.header.items()}

        def cell(name: str) -> str:
            i = cols.get(name)
            return row[i] if i is not None and 0 <= i < len(row) else ""

        if any(compact(c).startswith("扣分项") for c in row[:3]):
            return  # deductions sit outside the 100 points
        weight, score = _number(cell("weight")), _number(cell("score"))
        levels = {name: _level(cell(name)) for name in ("level1", "level2", "level3")}
        if not levels["level3"] and weight is None:
            return
        for name in ("level1", "level2"):
            levels[name] = levels[name] or self.levels.get(name, "")
        if not levels["level3"] and weight is not None:
            levels["level3"] = self.levels.get("level3", "")  # a merged 三级指标 cell
        if levels["level1"] != self.levels.get("level1"):
            self.levels.pop("level2", None)
            levels["level2"] = levels["level2"] or ""
        self.levels = {k: v for k, v in levels.items() if v}

        target_raw, actual_raw = cell("target"), cell("actual")
        if "nature" in cols:  # Sichuan: 指标性质 | 指标值 | 度量单位
            nature, unit = cell("nature"), cell("unit")
            target_raw = " ".join(c for c in (nature, target_raw, unit) if c)
            operator = operator_of(nature)
            value = _number(cell("target")) if operator else None
            target = (operator, value, unit or None)
            actual = (None, _number(actual_raw), unit or None if _number(actual_raw) is not None else None)
        else:
            target = read_target(target_raw)
            actual = read_target(actual_raw)
        self.current.indicators.append(
            {
                "evaluation_id": self.current.record["evaluation_id"],
                "document_id": self.document_id,
                "row_order": len(self.current.indicators) + 1,
                "level1": levels["level1"] or None,
                "level2": levels["level2"] or None,
                "level3": levels["level3"] or None,
                "target_raw": target_raw or None,
                "target_operator": target[0],
                "target_value": target[1],
                "target_unit": target[2],
                "actual_raw": actual_raw or None,
                "actual_value": actual[1],
                "actual_unit": actual[2],
                "weight": weight,
                "score": score,
                "deviation_note": cell("note") or None,
                "page": page,
                "source": "table",
                "value_raw": " | ".join(row),
                BLOCK: self.table,
            }
        )


def _point_checks(evaluation: _Evaluation) -> list[Record]:
    """Weights add up to the full marks, and scores to the total (the 执行率 row's points included)."""
    record, rows = evaluation.record, evaluation.indicators
    if not rows or record["total_score"] is None or any(r["weight"] is None for r in rows):
        return []
    weight, score = evaluation.funding_points
    weight = sum((w for w, _ in evaluation.sub_points), weight or Decimal(0))
    score = sum((s or Decimal(0) for _, s in evaluation.sub_points), score or Decimal(0))
    weights = sum((r["weight"] for r in rows), weight)
    scores = sum((r["score"] or Decimal(0) for r in rows), score)
    name = record["project_name"] or ("部门整体" if record["scope"] == "department" else "项目")
    findings = []
    full = evaluation.points_total or Decimal(100)
    if weights != full:
        findings.append(
            finding(
                record["document_id"],
                "indicator_weights_do_not_sum",
                f"{name}: the weights (分值) sum to {weights}, the form's full marks are {full}",
                expected=full,
                actual=weights,
                page=evaluation.total_page,
            )
        )
    elif abs(scores - record["total_score"]) > Decimal("0.1"):
        findings.append(
            finding(
                record["document_id"],
                "total_score_is_sum_of_scores",
                f"{name}: the scores (得分) sum to {scores}, but the total score is {record['total_score']}",
                expected=scores,
                actual=record["total_score"],
                page=evaluation.total_page,
            )
        )
    return findings


_RATE = re.compile(r"(?P<n>\d+(?:\.\d+)?)%")


def _execution_score(evaluation: _Evaluation) -> list[Record]:
    """The 年度资金总额 row's 得分 is its 分值 × 执行率, never above the 分值 (the national and provincial
    项目支出绩效自评表 score the 预算执行率 so), rounded or truncated to the printed digits of the 得分: a row
    printing 执行率 100%, 分值 10 and 得分 9 contradicts itself. Only where the row prints all three; a 得分 that
    a 执行率 within the printed one's rounding gives is a rounding slip (`info`)."""
    (weight, score), printed = evaluation.funding_points, evaluation.funding_printed
    rate = _RATE.fullmatch(printed[0]) if printed else None
    if weight is None or score is None or rate is None or weight <= 0:
        return []
    step = Decimal(1).scaleb(-len(rate.group("n").partition(".")[2])) / 2  # the rate's rounding, in %
    low, face, high = (min(weight, weight * (Decimal(rate.group("n")) + d) / 100) for d in (-step, Decimal(0), step))
    digits = Decimal(1).scaleb(min(score.as_tuple().exponent, 0))  # the 得分's printed precision
    if score in (face.quantize(digits, ROUND_HALF_UP), face.quantize(digits, ROUND_DOWN)):
        return []
    # a 得分 the printed 执行率's own rounding gives (99.5% ≤ 执行率 < 100.5% printed as 100%) is a slip
    level = "info" if score - digits / 2 <= high and score + digits / 2 >= low else "warning"
    record = evaluation.record
    name = record["project_name"] or ("部门整体" if record["scope"] == "department" else "项目")
    expected = face.quantize(Decimal(1).scaleb(-max(len(printed[1].partition(".")[2]), 2)), ROUND_HALF_UP)
    return [
        finding(
            record["document_id"],
            "execution_score_mismatch",
            f"{name}：年度资金总额执行率{printed[0]} × 分值{weight} = {expected}分，自评得分印为{printed[1]}分"
            f"（得分 = 执行率 × 分值，以分值为上限）",
            severity=level,
            expected=expected,
            actual=score,
            page=evaluation.funding_page or record["page"],
        )
    ]


def _budget_lines(evaluation: _Evaluation, document_id: str, fiscal_year: int | None) -> list[Record]:
    """The 年度预算申请 breakdown, in the budget column its parts sum to (年初 → initial, 全年 → adjusted)."""
    record = evaluation.record
    lines = []
    for group in (_INCOME_LINES, ("basic_expenditure", "project_expenditure")):
        parts = [b for b in evaluation.breakdown if b[0] in group]
        total = sum((amount for _, amount, _, _ in parts), Decimal(0))
        measure = next(
            (m for m, key in (("initial_budget", "initial_budget_wan"), ("adjusted_budget", "adjusted_budget_wan"))
             if record[key] is not None and abs(record[key] - total) <= Decimal("0.01")),
            None,
        )  # fmt: skip
        if measure is None:
            continue
        for line, amount, raw, page in parts:
            lines.append(
                {
                    "document_id": document_id,
                    "statement": "self_eval_funding",
                    "line_code": line,
                    "line_name": raw.split(":")[0],
                    "measure": measure,
                    "fiscal_year": fiscal_year,
                    "amount_wan": to_wan(amount),
                    "value_raw": raw,
                    "page": page,
                    "source": "table",
                    BLOCK: record.get(BLOCK),
                }
            )
    return lines


_FUND_NAME = re.compile(r"以(?P<name>[^,。以]{2,30}?专项资金)为例|(?P<name2>[^,。]{2,30}?专项资金)预算金额")
_FUND_BUDGET = re.compile(r"预算金额(?:为|是)?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|元)")
_FUND_ACTUAL = re.compile(r"实际(?:费用)?支出(?:为|是)?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|元)")


def _narrative_project(doc: Document, reader: _Reader) -> list[_Evaluation]:
    """A 专项资金绩效评价报告 without a form: the fund named in the text, its 预算金额 and 实际支出."""
    text = "".join(compact(p.text) for p in doc.paragraphs)
    named = _FUND_NAME.search(text)
    if not named:
        return []
    evaluation = reader.open("project", named.group("name") or named.group("name2"))
    evaluation.record.update(source="text")
    for key, pattern in (("initial_budget_wan", _FUND_BUDGET), ("actual_wan", _FUND_ACTUAL)):
        if match := pattern.search(text):
            evaluation.record[key] = to_wan(Decimal(match.group("n").replace(",", "")), match.group("u"))
    return [evaluation]


def extract_performance(
    doc: Document, document_id: str, kind: Classification
) -> tuple[list[Record], list[Record], list[Record], list[Record]]:
    """(evaluations, indicators, budget lines of the 自评表 funding blocks, findings on the points)."""
    reader = _Reader(document_id, kind)
    previous: list[str] = []
    for table in doc.tables:
        for r, row in enumerate(table.rows):
            reader.table = table
            reader.row(row, previous, table.page_of(r))
            previous = row
    reader.table = None  # evaluations opened from here on come from the text
    evaluations = [e for e in reader.evaluations if e.indicators or e.record["total_score"] is not None]
    if kind.report_kind == "special_fund_evaluation" and not evaluations:
        evaluations += _narrative_project(doc, reader)
    if kind.self_eval_score is not None and not any(e.record["scope"] == "department" for e in evaluations):
        narrative = reader.open("department")
        narrative.record.update(total_score=kind.self_eval_score, source="text", page=None)
        evaluations.append(narrative)
    for number, evaluation in enumerate(evaluations, start=1):  # ids in the order kept
        evaluation.record["evaluation_id"] = f"{document_id}-{number}"
        for indicator in evaluation.indicators:
            indicator["evaluation_id"] = evaluation.record["evaluation_id"]
    budget = [line for e in evaluations for line in _budget_lines(e, document_id, kind.fiscal_year)]
    return (
        [e.record for e in evaluations],
        [i for e in evaluations for i in e.indicators],
        budget,
        [f for e in evaluations for f in (*_point_checks(e), *_execution_score(e))],
    )
