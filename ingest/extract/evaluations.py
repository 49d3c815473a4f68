"""A self-evaluation's money against the rest of the report: a project's form, its narrative and the department.

A 自评表 states each project's 年初预算, 全年(调整后)预算 and 执行数; the report around it states the same
money again: the narrative of the project's self-evaluation ("…项目年初预算资金70万元", "…项目支出资金18.5万元"),
the department's 项目支出 (of which every project is a part), its 基本支出 and 项目支出 (which add up to what the
department-wide form says was spent), and the form's own 成本指标 (a part of what the project spent). Where the
two statements of one sum disagree, the report contradicts itself (../shared/STATEMENTS.md §2, "the same figure
printed twice must agree" and "a part never exceeds its whole"); within the rounding of the printed figures
(§3) it is a rounding slip, `info`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ingest.document import Document
from ingest.extract.derived import severity
from ingest.extract.numbers import NUMBER, figure, parse_number
from ingest.extract.records import Record, finding
from ingest.extract.statements import text_precision
from ingest.normalize import compact

_CENT = Decimal("0.005")  # a form's amounts are printed to the 0.01 万元
# what the narrative of a project states of its money, right after the project's name ("…项目年初预算资金70万元",
# "网络、系统运行维护费项目支出资金18.5万元"): the measure of the form it restates
_NARRATED = (
    ("initial_budget_wan", "年初预算", re.compile(rf"(?:项目)?年初预算(?:资金|数)?(?:为|是)?(?P<n>{NUMBER})万元")),
    ("actual_wan", "执行数", re.compile(rf"(?:项目)?(?:实际)?支出(?:资金|金额)?(?:为|是)?(?P<n>{NUMBER})万元")),
)
_COST = re.compile(r"成本")
# a cost that spans more than the year's spending: an investment's total, a construction's estimate
_WHOLE_PROJECT = re.compile(r"投资|造价|概算|总价")


def _wan(amount: Decimal) -> str:
    """An amount as a form prints it, to the 0.01 万元 ("373.0000" → "373.00")."""
    return f"{amount.quantize(Decimal('0.01'))}"


def _severity(difference: Decimal, bound: Decimal) -> str:
    return "info" if abs(difference) <= bound else "warning"


def check_evaluations(
    doc: Document,
    document_id: str,
    fiscal_year: int | None,
    evaluations: list[Record],
    indicators: list[Record],
    budget_lines: list[Record],
) -> list[Record]:
    """The findings of a report's self-evaluation forms against its other statements of the same money."""
    forms = [e for e in evaluations if e["source"] == "table"]
    return [
        *_dated_targets(indicators, document_id, fiscal_year),
        *_staff_control_rate(doc, document_id),
        *_spending_within_budget(evaluations, document_id),
        *_project_within_department(forms, budget_lines, document_id, fiscal_year),
        *_department_spending(forms, budget_lines, document_id, fiscal_year),
        *_cost_within_spending(forms, indicators, document_id),
        *_narrative_and_form(doc, forms, document_id),
    ]


# a date in a form's cell: "2024年", "2023年12月", "2023-12-31", "2023、12、31"
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}年?[-~—至到](?:19|20)\d{2}")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|[-./、]\d{1,2}(?:[-./、]\d{1,2})?(?!\d))")


def _dated_targets(indicators: list[Record], document_id: str, fiscal_year: int | None) -> Iterator[Record]:
    """A 时效指标 of the year's self-evaluation sets a date within that year: its 指标值 names no other year."""
    if fiscal_year is None:
        return
    for indicator in indicators:
        if "时效" not in f"{indicator['level2'] or ''}{indicator['level3'] or ''}":
            continue
        target = compact(indicator["target_raw"] or "")
        if _YEAR_RANGE.search(target):  # a multi-year project's span ("2022-2024年")
            continue
        for year in dict.fromkeys(int(y) for y in _DATE.findall(target)):
            if year == fiscal_year:
                continue
            yield finding(
                document_id, "fiscal_year_out_of_place",
                f"{fiscal_year}年度自评表时效指标“{indicator['level3']}”的年度指标值“{indicator['target_raw']}”"
                f"（完成值“{indicator['actual_raw'] or ''}”）落在{year}年，不在所评价的{fiscal_year}年度内"
                f"（差{abs(year - fiscal_year)}年）",
                expected=fiscal_year, actual=year, page=indicator["page"],
            )  # fmt: skip


_STAFF = (("authorized", re.compile(r"^编制数")), ("actual", re.compile(r"实际在职人数|实有人数|在职人数")))


def _staff_control_rate(doc: Document, document_id: str) -> Iterator[Record]:
    """The 基础数据表's 财政供养人员 控制率 is 实际在职人数 / 编制数 (the two figures beside it)."""
    for table in doc.tables:
        for r, row in enumerate(table.rows[:-1]):
            cells = [compact(c) for c in row]
            columns = {name: i for i, c in enumerate(cells) for name, p in _STAFF if p.search(c)}
            rate = next((i for i, c in enumerate(cells) if c.endswith("控制率")), None)
            values = [compact(c) for c in table.rows[r + 1]]
            if len(columns) < 2 or rate is None or max(*columns.values(), rate) >= len(values):
                continue
            authorized, actual = (parse_number(values[columns[k]]) for k in ("authorized", "actual"))
            printed = re.fullmatch(rf"({NUMBER})%", values[rate])
            if not authorized or actual is None or not printed:
                continue
            face = actual / authorized * 100
            level = severity(printed.group(1), face, face, face)
            if level is None:
                continue
            computed = face.quantize(Decimal(1).scaleb(-max(len(printed.group(1).partition(".")[2]), 2)), ROUND_HALF_UP)
            yield finding(
                document_id, "staff_control_rate_mismatch",
                f"基础数据表财政供养人员控制率：实际在职人数{values[columns['actual']]}人/编制数"
                f"{values[columns['authorized']]}人应为{computed}%，印为{printed.group(0)}"
                f"（差{abs(computed - Decimal(printed.group(1)))}个百分点）",
                severity=level, expected=computed, actual=printed.group(1), page=table.page_of(r + 1),
            )  # fmt: skip


def _spending_within_budget(evaluations: list[Record], document_id: str) -> Iterator[Record]:
    """What a project spent comes out of its budget (年初, or 全年 as adjusted): it never exceeds the larger."""
    for evaluation in evaluations:
        spent = evaluation["actual_wan"]
        budgets = [b for b in (evaluation["initial_budget_wan"], evaluation["adjusted_budget_wan"]) if b is not None]
        if evaluation["scope"] != "project" or spent is None or not budgets or spent <= max(budgets) + _CENT:
            continue
        budget = max(budgets)
        where = "自评表" if evaluation["source"] == "table" else "正文"
        yield finding(
            document_id, "part_exceeds_whole",
            f"项目“{evaluation['project_name'] or '项目'}”（{where}）实际支出{_wan(spent)}万元，"
            f"超过其预算{_wan(budget)}万元（多{_wan(spent - budget)}万元）：支出出自预算资金，不能多于预算",
            expected=budget, actual=spent, page=evaluation["page"],
        )  # fmt: skip


def _project_within_department(
    forms: list[Record], budget_lines: list[Record], document_id: str, fiscal_year: int | None
) -> Iterator[Record]:
    """A project's 执行数 is a part of the department's 项目支出 of the same year: never more than it."""
    wholes = [
        line
        for line in budget_lines
        if line["line_code"] == "project_expenditure"
        and line["measure"] == "actual"
        and line["fiscal_year"] == fiscal_year
        and line["statement"] != "self_eval_funding"
    ]
    if not wholes:
        return
    whole = max(wholes, key=lambda line: line["amount_wan"])  # the largest statement of it: the kindest reading
    for form in forms:
        spent = form["actual_wan"]
        if form["scope"] != "project" or not form["project_name"] or spent is None:
            continue
        if spent <= whole["amount_wan"] + _CENT:
            continue
        where = f"第{whole['page']}页" if whole["page"] else "正文" if whole["source"] == "text" else "表格"
        yield finding(
            document_id, "part_exceeds_whole",
            f"项目“{form['project_name']}”自评表的执行数{_wan(spent)}万元，超过部门全年项目支出{_wan(whole['amount_wan'])}万元"
            f"（{where}）：一个项目是项目支出的一部分，不能多于其整体（多{_wan(spent - whole['amount_wan'])}万元）",
            expected=whole["amount_wan"], actual=spent, page=form["page"],
        )  # fmt: skip


def _department_spending(
    forms: list[Record], budget_lines: list[Record], document_id: str, fiscal_year: int | None
) -> Iterator[Record]:
    """The 基本支出 and 项目支出 the 说明 states are parts of what the department-wide form says was spent: their sum
    is never more than it (it may be less, the form counting funds the 说明's scope leaves out)."""
    departments = [f for f in forms if f["scope"] == "department" and f["actual_wan"] is not None]
    if len(departments) != 1:
        return
    form = departments[0]
    seen = set()
    for statement in dict.fromkeys(line["statement"] for line in budget_lines):
        parts = {
            line["line_code"]: line
            for line in budget_lines
            if line["statement"] == statement
            and line["source"] == "text"
            and line["measure"] == "actual"
            and line["fiscal_year"] == fiscal_year
            and line["line_code"] in ("basic_expenditure", "project_expenditure")
        }
        if len(parts) != 2:
            continue
        basic, project = parts["basic_expenditure"], parts["project_expenditure"]
        listed = basic["amount_wan"] + project["amount_wan"]
        if listed in seen:
            continue
        seen.add(listed)
        difference = listed - form["actual_wan"]
        bound = text_precision(basic["value_raw"]) + text_precision(project["value_raw"]) + _CENT
        if difference <= 0:  # less may be a narrower scope (一般公共预算 only) than the form's 年度资金总额
            continue
        yield finding(
            document_id, "basic_plus_project_exceeds_form_spending",
            f"正文基本支出{basic['value_raw']}加项目支出{project['value_raw']}共{_wan(listed)}万元，"
            f"部门整体支出绩效自评表年度资金总额的全年执行数为{_wan(form['actual_wan'])}万元，相差{_wan(abs(difference))}万元",
            severity=_severity(difference, bound), expected=form["actual_wan"], actual=listed, page=form["page"],
        )  # fmt: skip


def _cost_within_spending(forms: list[Record], indicators: list[Record], document_id: str) -> Iterator[Record]:
    """A 成本指标's completed amount in 万元 is a part of what the project spent: never more than its 执行数."""
    spent = {f["evaluation_id"]: f for f in forms if f["actual_wan"] is not None}
    for indicator in indicators:
        form = spent.get(indicator["evaluation_id"])
        unit = indicator["actual_unit"] or indicator["target_unit"] or ""
        cost = indicator["actual_value"]
        if (
            form is None
            or cost is None
            or not re.fullmatch(r"万元?", unit)
            or not _COST.search(f"{indicator['level1'] or ''}{indicator['level2'] or ''}")
            or _WHOLE_PROJECT.search(indicator["level3"] or "")
            or cost <= form["actual_wan"] + _CENT
        ):
            continue
        yield finding(
            document_id, "part_exceeds_whole",
            f"“{form['project_name'] or '部门整体'}”自评表成本指标“{indicator['level3']}”"
            f"完成值{indicator['actual_raw']}（{unit}），超过同表预算执行数{_wan(form['actual_wan'])}万元"
            f"（多{_wan(cost - form['actual_wan'])}万元）：成本是项目支出的一部分",
            expected=form["actual_wan"], actual=cost, page=indicator["page"],
        )  # fmt: skip


def _narrative_and_form(doc: Document, forms: list[Record], document_id: str) -> Iterator[Record]:
    """ "<project>年初预算资金X万元", "<project>项目支出资金Y万元": the narrative restates the project's form."""
    projects = [f for f in forms if f["scope"] == "project" and f["project_name"] and len(f["project_name"]) >= 4]
    if not projects:
        return
    seen = set()
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        for form in projects:
            name = compact(form["project_name"])
            for at in (m.end() for m in re.finditer(re.escape(name), text)):
                for key, measure, pattern in _NARRATED:
                    stated = pattern.match(text, at)
                    if not stated or form[key] is None:
                        continue
                    amount = figure(stated.group("n"))
                    difference = amount - form[key]
                    if difference == 0 or (form["evaluation_id"], key, amount) in seen:
                        continue
                    seen.add((form["evaluation_id"], key, amount))
                    bound = text_precision(stated.group("n")) + _CENT
                    yield finding(
                        document_id, "narrative_differs_from_form",
                        f"项目“{name}”：正文“{stated.group(0)}”，自评表{measure}为{_wan(form[key])}万元，"
                        f"相差{_wan(abs(difference))}万元",
                        severity=_severity(difference, bound), expected=form[key], actual=amount,
                        page=paragraph.page,
                    )  # fmt: skip


# "项目支出225.83万元,其中项目2个,具体支出为:A144.57万元;B70万元;C11.26万元": a count of the parts listed after it
_COUNTED_LIST = re.compile(
    rf"(?<![\d.,])(?P<whole>{NUMBER})万元,其中(?P<noun>[\u4e00-\u9fff]{{1,6}}?)(?P<n>\d+)(?P<unit>个|项|笔),?"
    r"(?:[^,;:\d]{0,8}:)?(?P<list>.+)$"
)
_LISTED_AMOUNT = re.compile(rf"(?<![\d.,])({NUMBER})万元")
# "形成…等2个预算项目绩效自评报告": the project self-evaluations the report says it made
_EVALUATED_PROJECTS = re.compile(r"(?<![\d.])(?P<n>\d+)个(?:预算)?项目(?:的)?(?:绩效)?自评(?:报告|表)")


# a count of a thing named at length ("办理了56件区委常委会及区委主要领导批示、口头交办重点任务"), to its clause's end
_COUNT_OF = re.compile(r"(?<![\d.])(?P<n>\d+)(?P<unit>件|项|个|次|场|篇|期)(?P<what>[\u4e00-\u9fff、“”]{10,40})$")
# a clause counting within a period of its own (a year, a quarter, a month) or cumulatively
_OWN_PERIOD = re.compile(r"(?:19|20)\d{2}年|季度|上半年|下半年|\d{1,2}月|上年|去年|同期|累计")


def check_counts(doc: Document, document_id: str, evaluations: list[Record]) -> list[Record]:
    """A count the 说明 states against what it counts: the parts it lists, the project forms the report holds,
    the same count stated elsewhere."""
    findings: dict[tuple, Record] = {}
    for problem in _counted_twice(doc, document_id):
        findings.setdefault((problem["expected"], problem["actual"], problem["message"]), problem)
    projects = {e["project_name"] for e in evaluations if e["scope"] == "project" and e["source"] == "table"}
    for paragraph in doc.paragraphs:
        for sentence in re.split(r"[。!?]", compact(paragraph.text)):
            for problem in (
                *_listed_count(sentence, document_id, paragraph.page),
                *_evaluated_count(sentence, document_id, paragraph.page, len(projects)),
            ):
                # the same sentence printed twice (a 说明 repeated in the 自评报告) is one finding
                findings.setdefault((problem["expected"], problem["actual"], problem["message"]), problem)
    return list(findings.values())


def _counted_twice(doc: Document, document_id: str) -> Iterator[Record]:
    """The same things, named in the same words (的 aside), counted twice in the report: one count. A clause that
    names a period of its own (a year, a quarter, a month, 累计) counts that period's, and is left alone."""
    first: dict[tuple[str, str], tuple[str, str, int | None]] = {}
    for paragraph in doc.paragraphs:
        for clause in re.split(r"[,;:。!?()]", compact(paragraph.text)):
            for count in _COUNT_OF.finditer(clause):
                if _OWN_PERIOD.search(clause):
                    continue
                key = (count.group("unit"), count.group("what").replace("的", ""))
                n = count.group("n")
                if key not in first:
                    first[key] = (n, clause, paragraph.page)
                    continue
                n0, clause0, page0 = first[key]
                if n0 == n:
                    continue
                where = f"（第{page0}页、第{paragraph.page}页）" if paragraph.page else ""
                yield finding(
                    document_id, "count_stated_twice_differently",
                    f"同一数目印了两个数{where}：“{clause0}”与“{clause}”，{n0}{key[0]}与{n}{key[0]}相差"
                    f"{abs(int(n) - int(n0))}{key[0]}",
                    expected=n0, actual=n, page=paragraph.page,
                )  # fmt: skip


def _listed_count(sentence: str, document_id: str, page: int | None) -> Iterator[Record]:
    """The listed amounts add up to the whole, so the list is complete: their number is the count stated."""
    stated = _COUNTED_LIST.search(sentence)
    if not stated:
        return
    amounts = _LISTED_AMOUNT.findall(stated.group("list"))
    count, whole = int(stated.group("n")), figure(stated.group("whole"))
    if len(amounts) < 2 or len(amounts) == count or sum(map(figure, amounts), Decimal(0)) != whole:
        return
    noun, unit = stated.group("noun"), stated.group("unit")
    yield finding(
        document_id, "count_differs_from_parts_listed",
        f"“{stated.group('whole')}万元，其中{noun}{count}{unit}”：其后列出{len(amounts)}{unit}"
        f"（{'、'.join(a + '万元' for a in amounts)}，合计正是{stated.group('whole')}万元），不是{count}{unit}",
        expected=len(amounts), actual=count, page=page,
    )  # fmt: skip


def _evaluated_count(sentence: str, document_id: str, page: int | None, forms: int) -> Iterator[Record]:
    """The report holds more project self-evaluation forms than the project self-evaluations it says it made."""
    for stated in _EVALUATED_PROJECTS.finditer(sentence):
        count = int(stated.group("n"))
        if forms > count:
            yield finding(
                document_id, "evaluations_stated_fewer_than_forms",
                f"正文称“{stated.group(0)}”，报告所附项目支出绩效自评表却有{forms}张，相差{forms - count}个",
                expected=forms, actual=count, page=page,
            )  # fmt: skip
