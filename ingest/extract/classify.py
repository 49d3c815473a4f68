"""What a document is: its kind, department, fiscal year and department-wide self-evaluation result."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ingest.document import Document, Paragraph
from ingest.normalize import compact

# The first of these phrases in the text names the document's main kind (its title comes first).
_KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("performance_target", r"绩效目标(?:申报表|表)"),
    ("special_fund_evaluation", r"专项资金(?:绩效)?评价报告"),
    ("project_performance", r"项目(?:支出)?绩效(?:自评表|自评报告|自评)"),
    ("dept_performance", r"整体(?:支出)?绩效(?:评价)?(?:自评|评价报告|基础数据表)"),
    ("final_accounts", r"决算"),
    ("budget", r"(?:部门|单位)预算(?!项目)|预算公开|(?:收支|收入|支出)预算总表"),
)
_KIND_PATTERN = dict(_KIND_PATTERNS)
_KIND_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KIND_PATTERNS))

_ORG_SUFFIX = r"(?:办公室|办公厅|委员会|局|厅|委|办|中心|院|所|站|队|馆|会|部|处|室|社|校|政府)"
_NAME_AT_END = re.compile(rf"(?P<name>[\u4e00-\u9fff()]{{2,40}}{_ORG_SUFFIX})(?:部门|单位|本级|\(本级\)|年度)*$")
# "X(简称…)/是/系/为/下设…", and the heading "关于X2017年度…情况说明"
_INTRODUCED_NAME = re.compile(rf"^(?P<name>[\u4e00-\u9fff()]{{2,40}}?{_ORG_SUFFIX})(?:\(简称|是|系|为|下设|内设)")
_ABOUT_NAME = re.compile(rf"^关于(?P<name>[\u4e00-\u9fff()]{{2,40}}?{_ORG_SUFFIX})(?:19|20)\d{{2}}年")
_LABELLED_NAME = re.compile(
    rf"(?:部门|单位)(?:\(单位\))?(?:名称)?:(?P<name>[\u4e00-\u9fff()]{{2,40}}?{_ORG_SUFFIX})(?=单位|$)"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
# "江苏省政协办公厅2019年度收入、支出预算总计…": the 说明's sentences open with the department and the year
_SUBJECT_NAME = re.compile(rf"^(?P<name>[\u4e00-\u9fff()]{{2,40}}?{_ORG_SUFFIX})(?:19|20)\d{{2}}年")
_ABOUT_A_REPORT = re.compile(r"(?:预算|决算)公开(?:情况)?检查(?:表|情况|清单)")
_SCORE = re.compile(r"(?:自评|评价)(?:结果)?得分?[为是:]?(\d{1,3}(?:\.\d+)?)分")
_GRADE = re.compile(r"等级[为是:]?(优秀|良好|中|差)")
_HEAD_PARAGRAPHS = 60


@dataclass(frozen=True)
class Classification:
    report_kind: str | None
    department_name: str | None
    fiscal_year: int | None
    self_eval_score: Decimal | None
    self_eval_grade: str | None


def _texts(doc: Document) -> list[str]:
    """Paragraphs, and the captions printed as a table's first row (tables published on their own)."""
    texts = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            texts.append(compact(block.text))
        elif block.caption:
            texts.append(compact(block.caption))
    return texts


def classify(doc: Document) -> Classification:
    texts = _texts(doc)
    title, after = _title(texts)
    body = "".join(texts)
    kind_match = _KIND_RE.search(title) if title else _KIND_RE.search(body)
    if _ABOUT_A_REPORT.search(body[:300]):
        kind_match = None  # an inspection of a report's disclosure, not a report
    kind = kind_match.lastgroup if kind_match else ("performance_target" if _targets_only(doc) else None)
    return Classification(
        report_kind=kind,
        department_name=_department(title, texts) or _form_department(doc) or _subject_department(texts),
        fiscal_year=_fiscal_year(title, after, body) or (_file_year(doc.file_name) if kind else None),
        self_eval_score=_score(body),
        self_eval_grade=(m.group(1) if (m := _GRADE.search(body)) else None),
    )


def document_parts(doc: Document, main_kind: str | None) -> dict[int, str | None]:
    """The kind of report part each block belongs to (keyed by id(block)).

    A part starts at a title naming a kind and a year — a line without sentence punctuation, or a table's
    caption row ("2023年度项目支出绩效自评表", "部门预算项目支出绩效自评表(2024年度)"); before the first,
    the main kind.
    """
    parts: dict[int, str | None] = {}
    current = main_kind
    for block in doc.blocks:
        text = compact(block.text) if isinstance(block, Paragraph) else compact(block.caption)
        titled = text and len(text) <= 40 and re.search(r"(?:19|20)\d{2}", text) and not re.search(r"[。,;]", text)
        if titled and (kind := _part_kind(text)):
            current = kind
        parts[id(block)] = current
    return parts


# A part title is read by precedence, not position: "单位预算整体和项目支出绩效自评表" is a self-evaluation.
_PART_KINDS = (
    ("special_fund_evaluation", re.compile(_KIND_PATTERN["special_fund_evaluation"])),
    ("dept_performance", re.compile(_KIND_PATTERN["dept_performance"] + r"|整体.{0,6}绩效")),
    ("project_performance", re.compile(_KIND_PATTERN["project_performance"])),
    ("final_accounts", re.compile(_KIND_PATTERN["final_accounts"])),
    ("budget", re.compile(_KIND_PATTERN["budget"])),
)


def _part_kind(title: str) -> str | None:
    return next((kind for kind, pattern in _PART_KINDS if pattern.search(title)), None)


def _title(texts: list[str]) -> tuple[str, str]:
    """The title: the first paragraph naming a report kind, with the short lines it wrapped from.

    Returns the title up to its kind phrase, and the paragraph after it (a year printed below the title).
    Titles wrap ("…整体绩效" / "自评报告"), so the kind is searched across paragraph breaks.
    """
    head = [t for t in texts[:_HEAD_PARAGRAPHS] if not re.search(r"[。,;]", t)]  # sentences are no titles
    joined = "".join(head)
    match = _KIND_RE.search(joined)
    if not match:
        return "", ""
    offset, index = 0, 0
    while offset + len(head[index]) <= match.start():
        offset += len(head[index])
        index += 1
    first = index
    while first > 0 and index - first < 3 and len(head[first - 1]) <= 25:
        first -= 1
    title = "".join(head[first:index]) + head[index][: match.start() - offset] + match.group()
    after = head[index + 1] if index + 1 < len(head) else ""
    return title, after


def _file_year(file_name: str) -> int | None:
    """A form that prints no year (a 绩效目标 export) is filed under its year: "…_2023_jixiaomubiao.xlsx"."""
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", file_name)
    return int(years[0]) if len(set(years)) == 1 else None


def _fiscal_year(title: str, after: str, body: str) -> int | None:
    """The year in the title ("2023年度…自评报告"), or printed just below it, else the first 年度."""
    for text, pattern in ((title, _YEAR), (after, re.compile(r"^((?:19|20)\d{2})(?!\d)")), (body, _YEAR)):
        years = pattern.findall(text)
        if years:
            return int(years[-1] if text is title else years[0])
    return None


def _department(title: str, texts: list[str]) -> str | None:
    """The name printed in the title, after its year or before it; else the one the text introduces."""
    kind = _KIND_RE.search(title)
    before_kind = title[: kind.start()] if kind else title
    years = list(_YEAR.finditer(before_kind))
    candidates = [before_kind[years[-1].end() :], before_kind[: years[-1].start()]] if years else [before_kind]
    for candidate in candidates:
        match = _NAME_AT_END.search(candidate)
        if match:
            return re.sub(r"^(?:关于|附件[一二三四五六七八九十\d]*)", "", match.group("name"))
    for text in texts:
        match = _INTRODUCED_NAME.match(text) or _ABOUT_NAME.match(text) or _LABELLED_NAME.search(text)
        if match:
            return match.group("name")
    return None


_DEPARTMENT_LABELS = ("主管部门", "预算部门名称", "市级预算部门名称", "预算部门、单位名称", "一级预算单位")


def _form_department(doc: Document) -> str | None:
    """A form without a title names its department in a row: 主管部门 | 中共…办公室 (or, in a form flattened
    to one cell per line, in the line after the label)."""
    rows = [*(row for table in doc.tables for row in table.rows), [p.text for p in doc.paragraphs]]
    for labels in (_DEPARTMENT_LABELS, ("申请单位",)):  # a form's 申请单位 may be a unit under the department
        for row in rows:
            for label, value in itertools.pairwise(row):
                # "大英县司法局部门", "青神县发展和改革局本级": the unit's name without the qualifier; a header row
                # ("一级预算单位 | 项目总金额") names no unit
                if compact(label).rstrip(":") in labels and (match := _NAME_AT_END.search(compact(value))):
                    return match.group("name")
    return None


def _targets_only(doc: Document) -> bool:
    """Indicator tables with 指标值 and no 完成值 or 得分: targets set before the money is spent (a 绩效目标
    export without a title), not a self-evaluation."""
    headers = {compact(c) for table in doc.tables for row in table.rows[:2] for c in row}
    return "指标值" in headers and not headers & {"完成值", "实际完成值", "全年实际完成值", "得分", "自评得分"}


def _subject_department(texts: list[str]) -> str | None:
    """The name the 说明's sentences most often open with, before a year (a file with no title)."""
    names = Counter(m.group("name") for text in texts if (m := _SUBJECT_NAME.match(text)))
    return names.most_common(1)[0][0] if names else None


def _score(text: str) -> Decimal | None:
    match = _SCORE.search(text)
    return Decimal(match.group(1)) if match else None
