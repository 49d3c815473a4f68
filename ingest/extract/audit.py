"""Further contradictions an auditor reads off a report (../shared/STATEMENTS.md §2), each with both figures and
where they are printed, `info` within the printed precision and `warning` beyond (§3):

- a change's stated direction against the two levels it is stated between ("X万元，上年Y万元，主要…增加");
- an empty statement's note against the statement it is printed under (a filled table, another fund's note);
- 人员经费 and 公用经费 split two ways by two statements that agree on their sum, the 基本支出;
- the 年初预算 and 决算 of the items a 决算说明 lists against the whole's; the changes of parts whose levels add up
  to a total's against the total's change; the funds' changes against the 财政拨款's, and their one base;
- a 三公 category's rate printed without its level, recomputed from the category's figure stated elsewhere;
- what the 说明 says money is spent on against the statements (基本 or 项目支出; the items of 人员/公用经费);
- an item's reason naming another item of the list, or cut off mid-word; an amount printed without its unit;
- template residue: sections filled with a placeholder, a statement's row of ellipses.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ingest.document import Document, Paragraph, Table
from ingest.extract.columns import Cell, _column_headings, _rows
from ingest.extract.derived import _CHANGE, _LEVEL, severity
from ingest.extract.numbers import NUMBER, figure, parse_number
from ingest.extract.reconcile import precision_wan
from ingest.extract.records import Record, finding, on_page
from ingest.extract.sangong import category_of
from ingest.extract.statements import Located, text_precision
from ingest.normalize import compact

# "58.28万元,上年:421.23万元,主要公益性岗位补贴经费增加": a level, the prior year's, and the direction the 说明
# gives the change between them (a direction followed by its own amount or rate is a change, checked elsewhere)
_LEVEL_AND_PRIOR = re.compile(
    rf"(?<![\d.,])(?P<level>{NUMBER})万元?[,;]?上年(?:预算)?(?:数)?[:为]?(?P<prior>{NUMBER})万元?"
    rf"(?P<reason>[^。;]*?)(?P<direction>增加|减少|增长|下降|降低|持平|保持不变)(?![\d了])"
)
_UP, _DOWN, _SAME = ("增加", "增长"), ("减少", "下降", "降低"), ("持平", "保持不变")


def check_change_directions(doc: Document, document_id: str) -> list[Record]:
    """ "X万元，上年Y万元，主要…经费增加": the direction the 说明 states contradicts its own two levels when X < Y
    (or X > Y for 减少, X ≠ Y for 持平) beyond the rounding of the two figures."""
    findings: dict[tuple, Record] = {}
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        for match in _LEVEL_AND_PRIOR.finditer(text):
            raw_level, raw_prior, direction = match.group("level", "prior", "direction")
            change = figure(raw_level) - figure(raw_prior)
            bound = text_precision(raw_level) + text_precision(raw_prior)
            wrong = (
                (direction in _UP and change < -bound)
                or (direction in _DOWN and change > bound)
                or (direction in _SAME and abs(change) > bound)
            )
            if not wrong:
                continue
            shown = "增加" if change > 0 else "减少"
            findings.setdefault((raw_level, raw_prior, direction), finding(
                document_id, "change_direction_contradicts_levels",
                f"“{match.group(0)[:60]}”{on_page(paragraph.page)}：本年{raw_level}万元、上年{raw_prior}万元，"
                f"实为{shown}{abs(change)}万元，文字却说“{direction}”",
                expected=change, actual=direction, page=paragraph.page,
            ))  # fmt: skip
    return list(findings.values())


# a note saying its statement is empty: "注:本部门2025年无政府性基金预算财政拨款安排的预算,故本表为空表。"
_EMPTY_NOTE = re.compile(r"本表(?:为空表|为空|无数据)|故本表")
# the fund a statement (or its note) is of
_FUNDS = {"government_fund": "政府性基金", "state_capital": "国有资本经营"}


def check_empty_notes(doc: Document, document_id: str, statements: list[Located]) -> list[Record]:
    """The note printed right below a statement that it is empty must be true of that statement: a statement
    with amounts in it under a note "故本表为空表" contradicts its note, and a note naming another fund
    (a 国有资本经营 statement "无政府性基金预算…故本表为空表") was copied from another statement."""
    located = {id(s.table): s for s in statements}
    blocks = doc.blocks
    findings = []
    for n, block in enumerate(blocks):
        spec = located[id(block)].statement if id(block) in located else None
        if spec is None:
            continue
        note = _note_below(blocks, n)
        if note is None:
            continue
        text, page = compact(note.text), note.page if note.page is not None else block.page
        figures = _nonzero_figures(block)
        if figures:
            findings.append(finding(
                document_id, "empty_note_contradicts_statement",
                f"{spec.name}{on_page(block.page)}印有{len(figures)}个非零金额（如{figures[0]}），"
                f"表下注释却说本表为空：“{text[:60]}”",
                expected=figures[0], actual=text[:60], page=page,
            ))  # fmt: skip
        own = _FUNDS.get(spec.code)
        named = [fund for fund in _FUNDS.values() if fund in text]
        if own and named and own not in named:
            findings.append(finding(
                document_id, "empty_note_contradicts_statement",
                f"{spec.name}{on_page(block.page)}的注释说的是{named[0]}：“{text[:60]}”，本表是{own}预算的表",
                severity="info", expected=own, actual=named[0], page=page,
            ))  # fmt: skip
    return findings


def _note_below(blocks: list, n: int) -> Paragraph | None:
    """The note saying a statement is empty, in the paragraphs right below it (before the next table)."""
    for block in blocks[n + 1 : n + 3]:
        if isinstance(block, Table):
            return None
        if isinstance(block, Paragraph) and _EMPTY_NOTE.search(compact(block.text)):
            return block
    return None


_CODE_OR_YEAR = re.compile(r"\d{3}(?:\d{2}){0,2}|(?:19|20)\d{2}")


def _nonzero_figures(table: Table) -> list[str]:
    """The non-zero amounts printed in a table, as printed; a 科目 code or a year is no amount."""
    return [
        cell.strip()
        for row in table.rows
        for cell in dict.fromkeys(row)
        if parse_number(cell) and not _CODE_OR_YEAR.fullmatch(cell.strip())
    ]


_SPLIT = ("personnel_expenditure", "public_expenditure")  # 基本支出 = 人员经费 + 公用经费
_SPLIT_NAMES = {"personnel_expenditure": "人员经费", "public_expenditure": "公用经费"}


def check_basic_split(budget_lines: list[Record], document_id: str) -> list[Record]:
    """Two statements that print the same 基本支出 (人员经费 + 公用经费 agree) but split it differently: the
    scopes are the same (the whole agrees), so each part printed twice differently is a contradiction."""
    by_statement: dict[tuple, dict[str, Record]] = defaultdict(dict)
    for record in budget_lines:
        if record["source"] == "table" and record["line_code"] in _SPLIT:
            key = (record["fiscal_year"], record["measure"], record["statement"])
            by_statement[key].setdefault(record["line_code"], record)
    findings = []
    complete = {key: parts for key, parts in by_statement.items() if len(parts) == 2}
    for (year, measure, a_statement), a in complete.items():
        for (other_year, other_measure, b_statement), b in complete.items():
            if (other_year, other_measure) != (year, measure) or a_statement >= b_statement:
                continue
            whole_a = sum((r["amount_wan"] for r in a.values()), Decimal(0))
            whole_b = sum((r["amount_wan"] for r in b.values()), Decimal(0))
            bound = sum((precision_wan(r) for r in (*a.values(), *b.values())), Decimal(0))
            if abs(whole_a - whole_b) > bound:
                continue  # two scopes (all funds, 财政拨款): the wholes differ too
            findings += _split_findings(a, b, year, document_id)
    return findings


def _split_findings(a: dict[str, Record], b: dict[str, Record], year: int, document_id: str) -> Iterator[Record]:
    for code in _SPLIT:
        x, y = a[code], b[code]
        difference = abs(x["amount_wan"] - y["amount_wan"])
        bound = precision_wan(x) + precision_wan(y)
        if difference <= bound:
            continue
        yield finding(
            document_id, "same_line_differs",
            f"{year}年{_SPLIT_NAMES[code]}：{x['statement']}（第{x['page']}页）印为{x['value_raw']}，"
            f"{y['statement']}（第{y['page']}页）印为{y['value_raw']}，两表的人员经费与公用经费之和相同，"
            f"差{difference}万元",
            expected=y["amount_wan"], actual=x["amount_wan"], page=x["page"],
        )  # fmt: skip


def audit(
    doc: Document, document_id: str, fiscal_year: int | None, statements: list[Located], budget_lines: list[Record],
    sangong: list[Record],
) -> list[Record]:  # fmt: skip
    """Every check of this module on one document."""
    return [
        *check_sangong_changes(doc, document_id, fiscal_year, sangong),
        *check_change_directions(doc, document_id),
        *check_item_reasons(doc, document_id),
        *check_reasons_cut_off(doc, document_id),
        *check_units_missing(doc, document_id),
        *check_empty_notes(doc, document_id, statements),
        *check_basic_split(budget_lines, document_id),
        *check_listed_items(doc, document_id),
        *check_fund_changes(doc, document_id),
        *check_changes_of_parts(doc, document_id),
        *check_item_purposes(doc, document_id, statements),
        *check_listed_components(doc, document_id, statements),
        *check_filler_sections(doc, document_id),
        *check_template_rows(doc, document_id, statements),
        *check_government_level(doc, document_id),
    ]


# a 决算说明's 项 each with its 年初预算 and 决算: "年初预算为1560.05万元,支出决算为1511.89万元"
_BUDGET_AND_ACTUAL = re.compile(
    rf"年初预算(?:数)?为(?P<budget>{NUMBER})万元,(?:支出)?决算(?:数)?为(?P<actual>{NUMBER})万元"
)
# a heading that ends a list of items: "六、…", "(四)…"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")


def check_listed_items(doc: Document, document_id: str) -> list[Record]:
    """ "…支出年初预算为2993.92万元，支出决算为2940.05万元…其中：1、…年初预算为1560.05万元，支出决算为1511.89万元
    …": the 年初预算 and the 决算 of the items listed after 其中 (up to the next heading) sum to the whole's,
    within the rounding of the figures added."""
    findings = []
    paragraphs = [(compact(p.text), p.page) for p in doc.paragraphs]
    for n, (text, page) in enumerate(paragraphs):
        whole = _BUDGET_AND_ACTUAL.search(text)
        introducer = text.find("其中", whole.end()) if whole else -1
        if introducer < 0:
            continue
        listed = [(text[introducer:], page)]
        for following, following_page in paragraphs[n + 1 :]:
            if _HEADING.match(following) or ("其中" in following and _BUDGET_AND_ACTUAL.search(following)):
                break
            listed.append((following, following_page))
        items = [m for part, _ in listed for m in _BUDGET_AND_ACTUAL.finditer(part)]
        if len(items) < 2:
            continue
        for measure, name in (("budget", "年初预算"), ("actual", "决算")):
            raw_total = whole.group(measure)
            total = figure(raw_total)
            parts = [m.group(measure) for m in items]
            added = sum((figure(p) for p in parts), Decimal(0))
            if added == total:
                continue
            bound = text_precision(raw_total) + sum((text_precision(p) for p in parts), Decimal(0))
            last_page = listed[-1][1]
            where = f"第{page}页" if page == last_page or last_page is None else f"第{page}-{last_page}页"
            findings.append(finding(
                document_id, "parts_do_not_sum_to_total",
                f"说明（{where}）：{name}总数印为{raw_total}万元，其中所列{len(parts)}项的{name}之和为{added}万元，"
                f"差{abs(total - added)}万元",
                severity="info" if abs(total - added) <= bound else "warning",
                expected=total, actual=added, page=page,
            ))  # fmt: skip
    return findings


# "财政拨款支出预算18,976.76万元,比2024年预算增加3,355.65万元": the whole and its change
_APPROPRIATION_CHANGE = re.compile(
    rf"财政拨款支出(?:预算)?(?:为)?(?P<level>{NUMBER})万元,(?:比|较|与)[^,;。]{{0,14}}?(?:(?P<direction>增加|减少)"
    rf"(?P<change>{NUMBER})万元|持平)"
)
# "一般公共预算拨款支出预算0.00万元,比2024年预算减少15,621.11万元;政府性基金拨款支出预算0.00万元,与2024年预算持平"
_FUND_CHANGE = re.compile(
    rf"(?P<fund>一般公共预算|政府性基金|国有资本经营)[^;。\d]{{0,16}}?(?P<level>{NUMBER})万元,(?:比|较|与)(?P<base>[^,;。]{{0,14}}?)"
    rf"(?:(?P<direction>增加|减少)(?P<change>{NUMBER})万元|持平)"
)


def _change(match: re.Match[str]) -> Decimal:
    if match.group("direction") is None:
        return Decimal(0)  # 持平
    return (1 if match.group("direction") == "增加" else -1) * figure(match.group("change"))


def check_fund_changes(doc: Document, document_id: str) -> list[Record]:
    """ "财政拨款支出预算中，一般公共预算…比上年减少a万元；政府性基金…持平；国有资本经营…持平": the three funds
    make up the 财政拨款, so their changes add up to the 财政拨款's change stated before. When one fund's change is
    off, the change it must have is the whole's less the others'. The funds are compared with one base (the year
    before's 预算, or its 执行数), not each with another."""
    findings = []
    whole: tuple[re.Match[str], int | None] | None = None
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        start = text.find("财政拨款支出预算中")
        for match in _APPROPRIATION_CHANGE.finditer(text[: start if start >= 0 else len(text)]):
            whole = (match, paragraph.page)
        if start < 0 or whole is None:
            continue
        funds = {m.group("fund"): m for m in _FUND_CHANGE.finditer(text[start:])}
        if len(funds) < 2:
            continue
        bases = {fund: m.group("base").removesuffix("相比") for fund, m in funds.items()}
        if len(set(bases.values())) > 1:
            # the parts of one whole compared with two different figures of the year before (预算, 预算执行数)
            findings.append(finding(
                document_id, "comparison_base_mixed",
                f"说明{on_page(paragraph.page)}“财政拨款支出预算中”各资金的比较基数不一："
                + "；".join(f"{fund}比“{base}”" for fund, base in bases.items()),
                severity="info", expected=bases[next(iter(bases))],
                actual=next(b for b in bases.values() if b != bases[next(iter(bases))]), page=paragraph.page,
            ))  # fmt: skip
        total, total_page = whole
        stated = _change(total)
        changes = {fund: _change(m) for fund, m in funds.items()}
        if sum(changes.values(), Decimal(0)) == stated:
            continue
        raw = [m.group("change") for m in (total, *funds.values()) if m.group("change")]
        bound = sum((text_precision(r) for r in raw), Decimal(0))
        difference = abs(sum(changes.values(), Decimal(0)) - stated)
        # the fund whose change is off: the only one that changed, or the largest
        fund = max(changes, key=lambda f: abs(changes[f]))
        must = stated - sum((c for f, c in changes.items() if f != fund), Decimal(0))
        findings.append(finding(
            document_id, "change_stated_twice_differently",
            f"财政拨款支出比上年变动{stated}万元（“{total.group(0)[:40]}”{on_page(total_page)}），"
            f"其中{fund}印为变动{changes[fund]}万元（“{funds[fund].group(0)[:40]}”{on_page(paragraph.page)}），"
            f"其余资金共变动{stated - must}万元，{fund}应变动{must}万元，差{difference}万元",
            severity="info" if difference <= bound else "warning",
            expected=must, actual=changes[fund], page=paragraph.page,
        ))  # fmt: skip
    return findings


# a level and its change from the year before: "基本支出预算数为13,994.31万元。与上年相比增加1,670.85万元"
_LEVEL_WITH_CHANGE = re.compile(
    rf"(?<![\d.,])(?P<level>{NUMBER})万元[^\d;]{{0,60}}?(?:与上年相比|比上年|较上年)[^,;。\d]{{0,12}}?"
    rf"(?P<direction>增加|减少)(?P<change>{NUMBER})万元"
)
# a line new this year, its change its whole level: "其他检察支出(项)469.5万元,…。上年《…》无此项级科目"
_NEW_LINE = re.compile(
    rf"(?<![\d.,])(?P<level>{NUMBER})万元[^\d;]{{0,60}}?上年[^。;]{{0,30}}?无此(?:项级|款级|类级)?科目"
)
_MAX_PARTS = 12


def check_changes_of_parts(doc: Document, document_id: str) -> list[Record]:
    """The 说明 states a total and its change from the year before, then parts of it with theirs (its 类, or 基本
    支出, 项目支出 and 机动经费; a line new this year changes by its whole level): when consecutive parts' levels
    add up to the total's, their changes add up to the total's change too, within the rounding of the figures
    added."""
    stated = []  # (level, change, raw level, raw change, page) in the order printed
    for text, page in _sentences(doc):
        changes = [*_LEVEL_WITH_CHANGE.finditer(text), *_NEW_LINE.finditer(text)]
        for m in sorted(changes, key=lambda m: m.start()):
            if "direction" not in m.re.groupindex:  # new this year: from 0
                stated.append((figure(m.group("level")), figure(m.group("level")), m.group("level"),
                               m.group("level"), page))  # fmt: skip
                continue
            sign = 1 if m.group("direction") == "增加" else -1
            stated.append((figure(m.group("level")), sign * figure(m.group("change")), m.group("level"),
                           m.group("change"), page))  # fmt: skip
    findings: dict[tuple, Record] = {}
    for i, (level, change, raw_level, raw_change, page) in enumerate(stated):
        for start in range(i + 1, len(stated)):
            for end in range(start + 2, min(start + _MAX_PARTS, len(stated)) + 1):
                parts = stated[start:end]
                levels = sum((p[0] for p in parts), Decimal(0))
                if levels != level or any(p[0] == level for p in parts):
                    continue
                changes = sum((p[1] for p in parts), Decimal(0))
                if changes == change:
                    continue
                bound = text_precision(raw_change) + sum((text_precision(p[3]) for p in parts), Decimal(0))
                difference = abs(changes - change)
                findings.setdefault((level, change, changes), finding(
                    document_id, "parts_do_not_sum_to_total",
                    f"{raw_level}万元比上年变动{change}万元{on_page(page)}；其后所列{len(parts)}项金额之和也是"
                    f"{raw_level}万元（第{parts[0][4]}页起），各项变动之和却为{changes}万元，差{difference}万元",
                    severity="info" if difference <= bound else "warning",
                    expected=change, actual=changes, page=page,
                ))  # fmt: skip
    return list(findings.values())


def _sentences(doc: Document) -> Iterator[tuple[str, int | None]]:
    for paragraph in doc.paragraphs:
        yield compact(paragraph.text), paragraph.page


def check_sangong_changes(
    doc: Document, document_id: str, fiscal_year: int | None, sangong: list[Record]
) -> list[Record]:
    """ "其中：因公出国(境)费支出决算减少0万元，降低0%；公务用车…减少0.29万元，降低3.31%": a 三公 category's change and
    rate printed without its level, the level being the category's figure the report states elsewhere (its table
    or the sentence before): the rate is the change over the prior level (level ∓ change), and a rate of a prior
    level of 0 (0 this year, no change) has no value at all."""
    if fiscal_year is None:
        return []
    measure = "actual" if any(r["measure"] == "actual" for r in sangong) else "budget"
    levels: dict[str, list[Record]] = defaultdict(list)
    for record in sangong:
        if record["fiscal_year"] == fiscal_year and record["measure"] == measure:
            levels[record["category"]].append(record)
    findings: dict[tuple, Record] = {}
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        for match in _CHANGE.finditer(text):
            if _LEVEL.search(text[: match.start()]):
                continue  # a level printed before it: recomputed with it (derived.py)
            clause = re.split(r"[,;:。]", text[: match.start()])[-1]
            category = category_of(clause)
            records = levels.get(category) if category else None
            if not records or len({r["amount_wan"] for r in records}) != 1:
                continue
            level, raw_level = records[0]["amount_wan"], str(records[0]["value_raw"])
            sign = 1 if match.group(1) == "增加" else -1
            raw_delta, printed = match.group(2), match.group(4)
            delta = figure(raw_delta)
            prior = level - sign * delta
            where = on_page(records[0]["page"]) or "（说明）"
            if prior == 0:
                findings.setdefault((clause, match.group(0)), finding(
                    document_id, "percent_from_zero_base",
                    f"“{clause}{match.group(0)}”：本年{raw_level}{where}、{match.group(1)}{raw_delta}万元，"
                    f"上年为0，增长率无从计算，却印为{printed}%",
                    actual=printed, page=paragraph.page,
                ))  # fmt: skip
                continue
            if prior < 0:
                continue
            pl, pd = precision_wan(records[0]), text_precision(raw_delta)
            face = delta / prior * 100
            low = (delta - pd) / (prior + pl + pd) * 100
            high = (delta + pd) / (prior - pl - pd) * 100 if prior > pl + pd else Decimal("Infinity")
            level_of_severity = severity(printed, face, min(low, high), max(low, high))
            if level_of_severity:
                computed = face.quantize(Decimal(1).scaleb(-max(len(printed.partition(".")[2]), 2)), ROUND_HALF_UP)
                findings.setdefault((clause, match.group(0)), finding(
                    document_id, "yoy_percent_mismatch",
                    f"“{clause}{match.group(0)}”：本年{raw_level}{where}、上年{prior}万元，变动率应为{computed}%，"
                    f"印为{printed}%",
                    severity=level_of_severity, expected=computed, actual=printed, page=paragraph.page,
                ))  # fmt: skip
    return list(findings.values())


# "…财政事务(款)一般行政管理事务(项)。主要用于:局财政业务指导与宣传等基本支出。"
_ITEM_PURPOSE = re.compile(
    r"\(类\)(?P<kuan>[\u4e00-\u9fff、]+)\(款\)(?P<xiang>[\u4e00-\u9fff、]+)\(项\)[^。]{0,12}?。?主要用于:?"
    r"(?P<use>[^。;]{0,60}?)(?P<kind>基本支出|项目支出)。"
)
_SPENDING_STATEMENTS = ("expenditure", "general_public_by_function", "fiscal_by_function")


def check_item_purposes(doc: Document, document_id: str, statements: list[Located]) -> list[Record]:
    """The 说明 says what a 项 is spent on, "主要用于…等基本支出": a 项 its statements book entirely in the other column
    (基本支出 blank, all of it 项目支出, or the reverse) is described as the wrong kind of spending."""
    booked: dict[tuple[str, str], tuple[str, Cell, Cell, str]] = {}
    for located in statements:
        if located.statement is None or located.statement.code not in _SPENDING_STATEMENTS:
            continue
        headings = _column_headings(located.table.rows)
        basic = next((i for i, h in headings.items() if h == "基本支出"), None)
        project = next((i for i, h in headings.items() if h == "项目支出"), None)
        if basic is None or project is None:
            continue
        rows = [row for row in _rows(located) if row.code]
        names = {row.code: row.labels[max(row.labels)] for row in rows if row.labels}
        for row in rows:
            if len(row.code) != 7 or row.code not in names or basic not in row.cells or project not in row.cells:
                continue
            key = (names.get(row.code[:5], ""), names[row.code])
            booked.setdefault(key, (row.code, row.cells[basic], row.cells[project], located.statement.name))
    findings = []
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        for match in _ITEM_PURPOSE.finditer(text):
            entry = booked.get((match.group("kuan"), match.group("xiang")))
            if entry is None:
                continue
            code, basic, project, statement = entry
            said, page = match.group("kind"), basic.page
            if said == "基本支出" and basic.amount == 0 and project.amount > 0:
                other, amount = "项目支出", project.printed
            elif said == "项目支出" and project.amount == 0 and basic.amount > 0:
                other, amount = "基本支出", basic.printed
            else:
                continue
            findings.append(finding(
                document_id, "purpose_contradicts_statement",
                f"说明{on_page(paragraph.page)}称{match.group('xiang')}(项)“主要用于{match.group('use')}{said}”，"
                f"{statement}{on_page(page)}却把{code}全部列为{other}（{amount}），{said}为空",
                severity="info", expected=other, actual=said, page=paragraph.page,
            ))  # fmt: skip
    return findings


_SECTION = re.compile(r"^[一二三四五六七八九十]+、[\u4e00-\u9fff]{2,20}$")
_FILLER = re.compile(r"\d{1,2}|[.。…]+|无|略")
_FILLED_SECTIONS = 3  # a page number follows one heading; three headings each with a filler are a template


def check_filler_sections(doc: Document, document_id: str) -> list[Record]:
    """A form's sections ("一、项目概述", "二、立项依据" …) each followed by nothing but a filler ("1", "…") where
    the text is due: three or more on a page are the template filled in with placeholders (a figure that is the
    page's number is its page number)."""
    paragraphs = doc.paragraphs
    filled: dict[int | None, list[str]] = defaultdict(list)
    for heading, body in itertools.pairwise(paragraphs):
        title, text = compact(heading.text), compact(body.text)
        if _SECTION.match(title) and _FILLER.fullmatch(text) and text != str(body.page) and heading.page == body.page:
            filled[body.page].append(f"{title}：{text}")
    findings = []
    for page, sections in filled.items():
        if len(sections) < _FILLED_SECTIONS:
            continue
        findings.append(finding(
            document_id, "template_placeholder_left",
            f"说明{on_page(page)}有{len(sections)}节只填了占位符而无内容：{'；'.join(sections[:4])}",
            actual=sections[0].rpartition("：")[2], page=page,
        ))  # fmt: skip
    return findings


_ELLIPSIS_ROW = re.compile(r"\.{3,}|…+")


def check_template_rows(doc: Document, document_id: str, statements: list[Located]) -> list[Record]:
    """A statement's template row of ellipses ("…", where the filler adds rows) left in the published table."""
    findings = []
    for located in statements:
        if located.statement is None:
            continue
        table = located.table
        for r, row in enumerate(table.rows):
            cells = [compact(c) for c in row if compact(c)]
            if cells and all(_ELLIPSIS_ROW.fullmatch(c) for c in cells):
                findings.append(finding(
                    document_id, "template_placeholder_left",
                    f"{located.statement.name}{on_page(table.page_of(r))}留有模板的省略号行：“{' '.join(cells)}”",
                    severity="info", actual=cells[0], page=table.page_of(r),
                ))  # fmt: skip
                break
    return findings


# "人员经费2152.26万元,主要包括:基本工资、津贴补贴、…、个人农业生产补贴;公用经费…"
_COMPONENTS = re.compile(r"(?P<whole>人员经费|公用经费)[^。;]{0,20}?主要包括:?(?P<items>[^。;]+)")
_ITEM_NAME = re.compile(r"[\u4e00-\u9fff()]{2,20}")


def check_listed_components(doc: Document, document_id: str, statements: list[Located]) -> list[Record]:
    """The 说明 lists what 人员经费 and 公用经费 consist of ("主要包括：基本工资、津贴补贴、…"): an item it names that
    the 基本支出 statement prints empty (or 0) is no part of them this year."""
    booked: dict[str, tuple[Decimal, str, int | None]] = {}
    for located in statements:
        if located.statement is None or located.statement.code != "general_public_basic":
            continue
        table = located.table
        for r, row in enumerate(table.rows):
            cells = [compact(c) for c in row]
            for name, amount in itertools.pairwise(cells):
                value = parse_number(amount) if amount else Decimal(0)
                if _ITEM_NAME.fullmatch(name) and value is not None:
                    booked.setdefault(name, (value, located.statement.name, table.page_of(r)))
    findings = []
    for paragraph in doc.paragraphs:
        for match in _COMPONENTS.finditer(compact(paragraph.text)):
            for item in dict.fromkeys(re.split(r"[、,]", match.group("items"))):
                if item not in booked or booked[item][0] != 0:
                    continue
                _, statement, page = booked[item]
                findings.append(finding(
                    document_id, "purpose_contradicts_statement",
                    f"说明{on_page(paragraph.page)}把“{item}”列为{match.group('whole')}的组成，"
                    f"{statement}{on_page(page)}中“{item}”却为空（0）",
                    severity="info", expected=0, actual=item, page=paragraph.page,
                ))  # fmt: skip
    return findings


# an item of the 说明's list with its reason: "2.一般公共服务支出(类)群众团体事务(款)一般行政管理事务(项)42.29万元,
# 上年:42.60万元,主要组织事务一般行政管理事务经。"
_LISTED_ITEM = re.compile(
    rf"(?P<kuan>[\u4e00-\u9fff]+)\(款\)(?P<xiang>[\u4e00-\u9fff]+)\(项\)(?P<level>{NUMBER})万元,上年:?"
    rf"(?P<prior>{NUMBER})万元?,主要(?P<reason>[^。]*)"
)


def check_item_reasons(doc: Document, document_id: str) -> list[Record]:
    """Each item of the 说明's list of 项 gives its own reason: a reason that names another item of the list (its 款
    and 项, "主要组织事务一般行政管理事务…" under 群众团体事务(款)) was copied from that item."""
    items = [
        (match, paragraph.page)
        for paragraph in doc.paragraphs
        for match in _LISTED_ITEM.finditer(compact(paragraph.text))
    ]
    names = {m.group("kuan") + m.group("xiang"): (m, page) for m, page in items}
    findings = []
    for match, page in items:
        own = match.group("kuan") + match.group("xiang")
        reason = match.group("reason")
        named = [n for n in names if n != own and n in reason and not own.endswith(n)]
        if not named:
            continue
        other, other_page = names[max(named, key=len)]
        findings.append(finding(
            document_id, "reason_names_other_item",
            f"说明{on_page(page)}“{match.group('kuan')}(款){match.group('xiang')}(项)”的原因“主要{reason}”"
            f"说的是另一项“{other.group('kuan')}(款){other.group('xiang')}(项)”{on_page(other_page)}",
            expected=other.group("kuan") + other.group("xiang"), actual=own, page=page,
        ))  # fmt: skip
    return findings


# an amount printed without its unit in a 说明 that states its amounts in 万元: "2023年当年预算执行数为0.00。"
_UNITLESS = re.compile(r"(?:执行数|预算数|决算数|金额|支出|收入)为(?P<amount>\d[\d,]*\.\d{1,2})(?=[。;,]|$)")


def check_units_missing(doc: Document, document_id: str) -> list[Record]:
    """An amount the 说明 prints without its unit ("…执行数为318.14。") where it prints the others in 万元."""
    texts = [(compact(p.text), p.page) for p in doc.paragraphs]
    if not any("万元" in text for text, _ in texts):
        return []
    findings = []
    for text, page in texts:
        for match in _UNITLESS.finditer(text):
            findings.append(finding(
                document_id, "amount_without_unit",
                f"说明{on_page(page)}“{text[max(0, match.start() - 12) : match.end()]}”的金额{match.group('amount')}"
                "没有单位（说明其余金额以万元列示）",
                severity="info", actual=match.group("amount"), page=page,
            ))  # fmt: skip
    return findings


# the endings the template's reasons take ("主要…经费增加", "…经费减少", "…经费保持不变"), cut short
_CUT_ENDING = re.compile(r"(?:经费?|经费增|经费减|经费保持|经费保持不)$")


def check_reasons_cut_off(doc: Document, document_id: str) -> list[Record]:
    """An item's reason cut off mid-word: the start of its own 项's name ("其他城乡社区管理事务支出(项)…主要其他城乡社区
    管理。") or of the template's ending ("…经费增。", "…经费保持。", "…经。")."""
    findings = []
    for paragraph in doc.paragraphs:
        for match in _LISTED_ITEM.finditer(compact(paragraph.text)):
            reason, name = match.group("reason"), match.group("xiang")
            cut = (2 <= len(reason) < len(name) and name.startswith(reason)) or _CUT_ENDING.search(reason)
            if not cut:
                continue
            findings.append(finding(
                document_id, "reason_cut_off",
                f"说明{on_page(paragraph.page)}“{match.group('kuan')}(款){name}(项)”的原因只印了“主要{reason}”，话没说完",
                severity="info", actual=reason, page=paragraph.page,
            ))  # fmt: skip
    return findings


# the level of government a report is of, as its title names it: "上海市普陀区2024年区级部门预算"
_REPORT_LEVEL = re.compile(r"(?P<level>[省市区县])级(?:部门|单位)?(?:预算|决算)")
# a term the 说明 defines for one level's bodies: "是市级预算主管部门及所属预算单位…", "是与市级财政有经费领拨关系的…"
_DEFINED_FOR = re.compile(r"是(?:与)?(?P<level>[省市区县])级(?:预算主管部门|财政)")
_TITLE_PARAGRAPHS = 5


def check_government_level(doc: Document, document_id: str) -> list[Record]:
    """The terms a report defines (名词解释) are defined for its own level of government: a 区级 report whose
    财政拨款收入 is "市级预算主管部门…从本级财政部门取得的" copied the city's template. One finding per report,
    naming where each level is printed."""
    title = next((m for p in doc.paragraphs[:_TITLE_PARAGRAPHS] if (m := _REPORT_LEVEL.search(compact(p.text)))), None)
    if title is None:
        return []
    own = title.group("level")
    pages: dict[str, list[int | None]] = defaultdict(list)
    for paragraph in doc.paragraphs:
        for match in _DEFINED_FOR.finditer(compact(paragraph.text)):
            if match.group("level") != own:
                pages[match.group("level")].append(paragraph.page)
    if not pages:
        return []
    other, where = next(iter(pages.items()))
    shown = "、".join(dict.fromkeys(f"第{p}页" for p in where if p)) or "说明中"
    return [finding(
        document_id, "government_level_out_of_place",
        f"报告是{own}级的（“{title.group(0)}”），名词解释却按{other}级定义了{len(where)}处"
        f"（“是{other}级预算主管部门…”“{other}级财政…”，{shown}）",
        expected=f"{own}级", actual=f"{other}级", page=next((p for p in where if p), None),
    )]  # fmt: skip
