"""Budget and final-account amounts (fct_budget_line): canonical lines from the narrative and the
基础数据表, and the 功能分类 items the 决算说明 lists as text.

Measures follow the contract: 年初预算/bare 预算 → initial_budget, 全年预算/调整后预算 → adjusted_budget,
决算/执行/实际支出/支出 → actual. A clause that states an amount without a measure word takes the
measure of the clause before it in the same sentence ("基本支出预算数587.28万元，其中人员经费462.92万元").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ingest.document import Block, Document, Paragraph, Table
from ingest.extract.numbers import NUMBER, parse_number, to_wan
from ingest.extract.records import BLOCK, Record
from ingest.extract.statements import Located, catalogue, locate, text_precision
from ingest.extract.subjects import Path, class_code, code_of, names_of
from ingest.extract.tables import year_measure_cells
from ingest.normalize import CLAUSE_BREAK, compact
from ingest.plausibility import LINE_LIMIT_WAN

# "…司法局收入预算8695.94万元" is the department's total; "财政拨款支出预算…", "机关运行经费支出预算…" are a part's
_NOT_A_FUND = r"(?:(?<=[局厅委办院处室心会所站队馆])|(?<=部门)|(?<=单位)|(?<![\u4e00-\u9fff]))"
# Canonical lines; the first pattern that matches nearest before the amount names the line.
LINES: tuple[tuple[str, str], ...] = (
    # named so that their amounts are not taken for a canonical line they contain ("…财政拨款收入")
    (
        "other",
        r"国有资本经营预算(?:财政拨款)?(?:收入|支出)?|上级补助收入|事业收入|经营收入|其他收入|上缴上级支出"
        r"|经营支出|对附属单位补助支出|附属单位上缴收入",
    ),
    (
        "grand_total",
        r"收、?支(?:预算)?总计|收入支出(?:预算|决算)?总计|收入(?:预算)?总计|支出(?:预算)?总计|收、?支总?预算",
    ),
    ("total_income", rf"本年收入(?:预算)?合计|收入(?:预算)?合计|总体预算收入|{_NOT_A_FUND}收入预算"),
    ("total_expenditure", rf"本年支出(?:预算)?合计|支出(?:预算)?合计|整体部门支出资金|{_NOT_A_FUND}支出预算"),
    ("fiscal_appropriation", r"财政拨款(?:预算)?收入"),
    ("operating_expenditure_of_organs", r"机关运行经费"),
    ("government_procurement", r"政府采购(?:支出)?(?:预算)?(?:总额|金额)|政府采购预算"),
    ("personnel_expenditure", r"人员经费"),
    ("public_expenditure", r"公用经费"),
    ("basic_expenditure", r"基本支出"),
    ("project_expenditure", r"项目支出"),
    ("government_fund", r"政府性基金(?:预算)?(?:财政拨款)?(?:收入|支出)?"),
    ("general_public_budget", r"一般公共预算(?:财政拨款)?(?:收入|支出)?"),
)
_LINE_RE = re.compile("|".join(f"(?P<{code}>{pattern})" for code, pattern in LINES))
_AMOUNT = re.compile(rf"(?P<number>{NUMBER})(?P<unit>亿元|万元|元)")
_CHANGE = re.compile(r"增加|减少|增长|下降|较|比|相比|持平|占")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})年")
SUBJECT_PATH = "_subject_path"  # a text 科目's names, until its code is found
LISTED_CLASS = "_listed_class"  # a 类 the 说明 lists with its share of the spending, its 项 listed below it


def _compared(text: str, year: re.Match[str]) -> bool:
    """A year named to compare with ("比2025年预算增加", "与2016年度相比"): not the year of the figure."""
    return bool(re.search(r"[比较与同]$", text[: year.start(1)])) or text[year.end() :].startswith(("相比", "度相比"))


_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|财政拨款")
_MEASURE_WORDS = (
    ("adjusted_budget", re.compile(r"全年预算|调整后预算|调整预算")),
    ("initial_budget", re.compile(r"年初预算|预算")),
    ("actual", re.compile(r"决算|执行数|实际支出|实际|支出")),
)
# "全年预算资金1013.19万元" under the heading "一般公共预算支出情况": the heading names the line.
_UNNAMED = re.compile(
    r"^(?:(?:19|20)\d{2}年度?)?[^,;]{0,4}?(?:全年|年度)?(?:预算资金|实际支出|支出决算|决算数|预算数|执行数)为?$"
)
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(][一二三四五六七八九十]+[)]|\d+、|第[一二三四五六七八九十]+部分)"
)
_STATEMENTS = (
    ("basic_by_economic", re.compile(r"基本支出(?:决算|预算)?(?:情况)?说明|基本支出(?:决算|预算)情况")),
    (
        "by_function",
        re.compile(r"功能分类|支出(?:决算|预算)具体情况|支出(?:决算|预算)结构|一般公共预算(?:财政拨款)?支出"),
    ),
    ("fiscal_appropriation_summary", re.compile(r"财政拨款收(?:入)?支(?:出)?(?:决算|预算)?总(?:体情况|表)")),
    ("summary", re.compile(r"总体情况|收支总")),
    ("income", re.compile(r"收入(?:决算|预算)?情况")),
    ("expenditure", re.compile(r"支出(?:决算|预算)?情况")),
)
# a 科目 named in words: "住房保障支出(类)住房改革支出(款)提租补贴(项)" (a name may hold "(室)", "(护)")
_SUBJECT = re.compile(
    r"(?P<name>[\u4e00-\u9fff](?:[^()\d.、:,;。!?]|(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff])|\((?![类款项]\))[^()]{1,3}\))*?)"
    r"\((?P<level>[类款项])\)"
)
_TABLE_ZERO = re.compile(r"本表(?:数|金额|数据)?(?:均)?为(?:零|0)")
_PATH_GAP = re.compile(r"^(?:支出)?$")  # what may stand between two levels of one path
# 功能分类 类 (2024 科目), as the 决算说明 lists them: "一般公共服务支出902.84万元，占72.22%"
_CLASSES = (
    "一般公共服务|外交|国防|公共安全|教育|科学技术|文化旅游体育与传媒|社会保障和就业|卫生健康|节能环保|城乡社区"
    "|农林水|交通运输|资源勘探工业信息等|商业服务业等|金融|援助其他地区|自然资源海洋气象等|住房保障|粮油物资储备"
    "|灾害防治及应急管理|其他"
)
_CLASS_SHARE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<name>(?:{_CLASSES})支出)(?P<number>{NUMBER})(?P<unit>万元|元|亿元),?占"
)
_ITEM_AMOUNT = re.compile(
    rf"(?P<measure>年初预算|调整后预算|全年预算|支出决算|决算|预算)(?:数)?为?(?P<number>{NUMBER})(?P<unit>万元|元|亿元)"
)
# the amount printed right after the 科目 ("(项)支出1,509.72万元", "(项)科目20.00万元"): the stated level
_ITEM_LEVEL = re.compile(rf"^(?:支出|科目|:|为)*(?P<number>{NUMBER})(?P<unit>万元|元|亿元)")
# the prior year's budget beside it ("上年:25.77万元") and a year's execution ("2023年当年预算执行数为15.00万")
_ITEM_PRIOR = re.compile(rf"上年(?:预算数?)?[:为]?(?P<number>{NUMBER})(?P<unit>万元|元|亿元)")
_ITEM_EXECUTED = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}})年(?:当年)?预算执行数为?(?P<number>{NUMBER})(?P<unit>万元|万|元)?"
)


def _measure(text: str, budget_document: bool = False) -> str | None:
    """The measure a phrase names; in a 预算 document a bare 支出 is what is budgeted, not spent."""
    text = _FUND_NAMES.sub("", text)
    if budget_document:
        text = re.sub(r"支出", "", text)
    for measure, pattern in _MEASURE_WORDS:
        if pattern.search(text):
            return measure
    return None


def _stated_level(budget_document: bool) -> str:
    """The measure of a figure printed without one: a 预算 document's figures are budgets, a 决算's are spent."""
    return "initial_budget" if budget_document else "actual"


def line_of(text: str) -> str | None:
    """The canonical line a phrase names ("本年支出合计" → total_expenditure)."""
    match = _LINE_RE.search(text)
    return match.lastgroup if match and match.lastgroup != "other" else None


def extract_budget_lines(
    doc: Document,
    document_id: str,
    fiscal_year: int | None,
    budget_document: bool = False,
    statements: list[Located] | None = None,
) -> list[Record]:
    """Canonical lines stated in text, in the statements and in the 基础数据表, and 功能分类/经济分类 科目
    lines; one row per (statement, line, year, measure, source), the first of it wins."""
    rows: dict[tuple, Record] = {}
    text = list(_from_text(doc, document_id, fiscal_year, budget_document))
    tables = []
    if fiscal_year is not None:
        measure = _stated_level(budget_document)
        for located in statements if statements is not None else locate(doc):
            readings = {
                unit: list(_from_statement(located, unit, document_id, fiscal_year, measure))
                for unit in ([located.printed_unit] if located.printed_unit else UNREAD_UNITS)
            }
            tables += readings[_best_reading(readings, text)]
    _code_subjects(text, tables)
    for record in [*_from_basic_data(doc, document_id), *tables, *text]:
        key = (record["statement"], record["line_code"], record["fiscal_year"], record["measure"], record["source"])
        rows.setdefault(key, record)
    return list(rows.values())


def _code_subjects(text: list[Record], tables: list[Record]) -> None:
    """The 科目 a 说明 names in words get their code: from the report's statements, else the national list;
    one that neither knows keeps its names as its line."""
    own = names_of((r["line_code"], r["line_name"]) for r in tables if _SUBJECT_CODE.match(r["line_code"]))
    for record in text:
        if (path := record.pop(SUBJECT_PATH, None)) and (coded := code_of(path, own)):
            classification, record["line_code"] = coded
            record["statement"] = "by_function" if classification == "by_function" else "basic_by_economic"


# a statement that states no unit is read both ways; the reading its restatements and plausibility favour wins
UNREAD_UNITS = ("万元", "元")


def _best_reading(readings: dict[str, list[Record]], text: list[Record]) -> str:
    """The unit under which the statement's figures agree with the 说明's (at the text's printed precision)
    and stay plausible; the first reading when nothing tells them apart."""
    stated = {}
    for record in text:
        stated.setdefault((record["line_code"], record["measure"], record["fiscal_year"]), record)

    def score(unit: str) -> tuple[int, int]:
        agree = implausible = 0
        for record in readings[unit]:
            implausible += abs(record["amount_wan"]) > LINE_LIMIT_WAN  # a unit misread
            restated = stated.get((record["line_code"], record["measure"], record["fiscal_year"]))
            if restated and record["amount_wan"]:
                bound = text_precision(restated["value_raw"]) + Decimal("0.005")
                agree += abs(record["amount_wan"] - restated["amount_wan"]) <= bound
        return agree, -implausible

    return max(readings, key=score)


def _from_basic_data(doc: Document, document_id: str) -> Iterator[Record]:
    """The Hunan 基础数据表 (上年决算数 / 本年预算数 / 本年决算数): a bare 预算数 is the initial budget."""
    measures = {"预算": "initial_budget", "决算": "actual", "执行": "actual"}
    for cell in year_measure_cells(doc):
        label = compact(cell.label)
        code = line_of(label)
        if code in ("project_expenditure", "public_expenditure", "government_procurement") and not label.startswith(
            "其中"
        ):
            yield _record(
                document_id, "basic_data", code, label, measures[cell.measure_word], cell.fiscal_year,
                to_wan(cell.amount, cell.unit), cell.raw, cell.page, "table", cell.table,
            )  # fmt: skip


_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、]|[(][一二三四五六七八九十\d]+[)])")
_SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TOTALS_STATEMENTS = {"summary", "fiscal_appropriation_summary"}  # they name the 类 without their codes
# the statements whose 科目 lines are their own statement's; other tables' go by code (2xx / 3xx)
_SUBJECT_STATEMENTS = {
    "summary", "fiscal_appropriation_summary", "income", "expenditure", "by_function", "basic_by_economic",
    "operating_expenditure_of_organs",
}  # fmt: skip


def _table_line(cell: str) -> str | None:
    """A cell that is exactly a canonical line's name ("一、基本支出", "收入合计")."""
    label = _ENUMERATION.sub("", compact(cell)).rstrip(":")
    if label in catalogue().line_names:
        return catalogue().line_names[label]
    match = _LINE_RE.fullmatch(label)
    return match.lastgroup if match and match.lastgroup != "other" else None


def _from_statement(located: Located, unit: str, document_id: str, fiscal_year: int, measure: str) -> Iterator[Record]:
    """A statement's figures in `unit`: the 合计 of a table that is one canonical line (政府采购预算表,
    机关运行经费表), or its canonical lines (the amount right of the name, or below it) and its 科目 lines."""
    table, spec = located.table, located.statement
    statement = spec.statement if spec else "summary"
    if spec and spec.reads == "none":
        return
    if spec and spec.reads == "columns":
        for code, cell, value, page in _headed_columns(table):
            yield _record(
                document_id, statement, code, cell, _measure(cell) or measure, fiscal_year,
                to_wan(parse_number(value), unit), value, page, "table", table,
            )  # fmt: skip
        return
    # the 合计 of a statement that is one canonical line in its own right (收入表 合计 = 本年收入合计)
    total = spec.total_line if spec and spec.total_column == "first" else None
    totals = [r for r, row in enumerate(table.rows) if any(_TOTAL_LABEL.match(compact(c)) for c in row)]
    bottom = totals[-1] if totals and spec and spec.bottom_line else None
    for r, row in enumerate(table.rows):
        page = table.page_of(r)
        amounts = [c for c in row if parse_number(c) is not None]
        if spec and spec.total_column == "last" and amounts and any(compact(c) == "合计" for c in row):
            yield _record(
                document_id, statement, spec.total_line, spec.name, measure, fiscal_year,
                to_wan(parse_number(amounts[-1]), unit), amounts[-1], page, "table", table,
            )  # fmt: skip
        for i, cell in enumerate(row if not spec or spec.reads == "all" else ()):
            code = _table_line(cell) or (total if compact(cell) == "合计" else None)
            if r == bottom and (code in ("total_income", "total_expenditure") or compact(cell) == "总计"):
                code = spec.bottom_line
            if code is None:
                continue
            # the figure right of the name: the next cell with content (a text-aligned table leaves empty ones)
            right = next((c for c in row[i + 1 :] if c and c != cell), "")
            for value in (right, _column_total(table.rows, r, i)):
                amount = parse_number(value)
                if amount is not None:
                    yield _record(
                        document_id, statement, code, cell, measure, fiscal_year, to_wan(amount, unit), value, page,
                        "table", table,
                    )  # fmt: skip
                    break
        named_classes = [] if not spec or spec.statement not in _TOTALS_STATEMENTS else _classes(row)
        for code, name, amount in [*_subjects(row), *named_classes]:
            own = spec.statement if spec and spec.statement in _SUBJECT_STATEMENTS else None
            subject_statement = own or ("basic_by_economic" if code.startswith("3") else "by_function")
            yield _record(
                document_id, subject_statement, code, name, measure, fiscal_year, to_wan(parse_number(amount), unit),
                amount, page, "table", table,
            )  # fmt: skip


def _headed_columns(table: Table) -> Iterator[tuple[str, str, str, int | None]]:
    """(line, heading, figure, page) of each canonical line heading a column of its own ("机关运行经费预算数"
    beside the 三公 figures): the figure below it, or, when an export dropped the empty cells so that the
    columns no longer align, the last figure of the first row holding one for the last heading."""
    figures = next((r for r, row in enumerate(table.rows) if any(parse_number(c) is not None for c in row)), None)
    if figures is None:
        return
    aligned, seen = len({len(row) for row in table.rows}) == 1, set()
    for row in table.rows[:figures]:
        for i, cell in enumerate(row):
            if not (code := line_of(compact(cell))) or code in seen:
                continue
            if aligned:
                value = table.rows[figures][i]
            elif i == max(j for j, c in enumerate(row) if c):
                value = [c for c in table.rows[figures] if parse_number(c) is not None][-1]
            else:
                continue
            if parse_number(value) is not None:
                seen.add(code)
                yield code, cell, value, table.page_of(figures)


_TOTAL_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:本年)?(?:收入|支出)?(?:合计|总计)$")


def _column_total(rows: list[list[str]], r: int, i: int) -> str:
    """The figure of a column headed by a line's name (人员经费, 项目支出 …): in the table's 合计/总计 row,
    or in the row right below when that row is the totals without a label. A heading merged across
    columns (基本支出 over 人员经费 | 公用经费) heads no single column."""
    if any(0 <= j < len(rows[r]) and rows[r][j] == rows[r][i] for j in (i - 1, i + 1)):
        return ""
    below = rows[r + 1 :]
    if below and all(parse_number(c) is not None for c in below[0] if c) and any(below[0]):
        return below[0][i] if i < len(below[0]) else ""
    for row in below:
        if any(_TOTAL_LABEL.match(compact(c)) for c in row):
            return row[i] if i < len(row) else ""
    return ""


def _subjects(row: list[str]) -> Iterator[tuple[str, str, str]]:
    """(科目编码, 科目名称, first amount) of each 功能分类/经济分类 entry of a row.

    The code may be split over 类|款|项 cells ("208" "05" "01"); a row may hold two entries side by side
    (人员经费 | 公用经费 panels), so an entry's amount is looked for only up to the next code.
    """
    starts = [i for i, cell in enumerate(row) if _SUBJECT_CODE.match(cell) and _named_after(row, i)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(row)
        code, i = row[start], start + 1
        while i < end and len(code) < 7 and re.fullmatch(r"\d{2}", row[i]):
            code += row[i]
            i += 1
        names = [c for c in row[i:end] if c and parse_number(c) is None]
        amounts = [c for c in row[i:end] if parse_number(c) is not None]
        if names and amounts and len(code) in (3, 5, 7):
            yield code, names[0], amounts[0]


def _classes(row: list[str]) -> Iterator[tuple[str, str, str]]:
    """(code, name, amount) of each 功能分类 类 a 收支总表 names without its code ("一、一般公共服务支出")."""
    if any(_SUBJECT_CODE.match(cell) for cell in row):
        return
    for i, cell in enumerate(row):
        if cell and (code := class_code(cell)):
            amount = next((c for c in row[i + 1 :] if c and c != cell), "")
            if parse_number(amount) is not None:
                yield code, cell, amount


def _named_after(row: list[str], i: int) -> bool:
    """A code is followed (after its 款/项 parts and blanks) by a name, not straight by an amount."""
    for cell in row[i + 1 :]:
        if cell and not re.fullmatch(r"\d{2}", cell):
            return parse_number(cell) is None
    return False


def _from_text(doc: Document, document_id: str, fiscal_year: int | None, budget_document: bool) -> Iterator[Record]:
    statement, heading_line, explained = "summary", None, None
    context: dict[str, str] = {}  # the 类 and 款 a list of 科目 items sits under
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        if _HEADING.match(text) and len(text) <= 40:
            # "六、财政拨款基本支出预算表情况说明" explains a statement the catalogue knows
            explained = spec = catalogue().identify(text)
            statement = spec.statement if spec else next((s for s, p in _STATEMENTS if p.search(text)), statement)
            heading_line = line_of(re.sub(r"情况.*$", "", text))
        if explained and explained.total_line and fiscal_year is not None and (zero := _TABLE_ZERO.search(text)):
            # "七、政府性基金支出预算表情况说明 / 本表数为零。": the statement's total is stated, as zero
            yield _record(
                document_id, explained.statement, explained.total_line, explained.name,
                _stated_level(budget_document), fiscal_year, Decimal(0), zero.group(), paragraph.page, "text",
                paragraph,
            )  # fmt: skip
        paths = list(_paths(text, context))  # a heading "(一)一般公共服务支出(类)" sets the 类 of the items after it
        if _HEADING.match(text) and len(text) <= 40 and not _AMOUNT.search(text):
            continue  # "(一)人员经费4,704.35万元" is a heading and a statement of the amount
        for n, (path, end) in enumerate(paths):
            rest = text[end : paths[n + 1][1] if n + 1 < len(paths) else None]
            subject = "basic_by_economic" if statement == "basic_by_economic" else "by_function"
            yield from _subject_item(path, rest, subject, document_id, fiscal_year, paragraph, budget_document)
        if paths:
            continue
        for share in _CLASS_SHARE.finditer(text):
            name, raw = share.group("name"), share.group("number") + share.group("unit")
            amount = to_wan(Decimal(share.group("number").replace(",", "")), share.group("unit"))
            record = _record(
                document_id, "by_function", name, name, _stated_level(budget_document), fiscal_year, amount, raw,
                paragraph.page, "text", paragraph,
            )  # fmt: skip
            record[SUBJECT_PATH] = (("类", name),)
            record[LISTED_CLASS] = True
            yield record
        for sentence in re.split(r"[。!?]", text):
            yield from _sentence(
                sentence, document_id, statement, heading_line, fiscal_year, paragraph, budget_document
            )


def _paths(text: str, context: dict[str, str]) -> Iterator[tuple[Path, int]]:
    """Each 科目 a text names, as its path from the widest level down, and where its name ends. A path that
    starts below 类 takes the 类 (and 款) of the items before it ("(一)一般公共服务支出(类)" heads "1.政协事务(款)
    行政运行(项)…")."""
    levels = "类款项"
    path: list[tuple[str, str]] = []
    end = 0
    for match in _SUBJECT.finditer(text):
        level, name = match.group("level"), match.group("name")
        joined = path and _PATH_GAP.match(text[end : match.start()]) and levels.index(level) > levels.index(path[-1][0])
        if path and not joined:
            yield tuple(path), end
            path = []
        if not path:
            path = [(above, context[above]) for above in levels[: levels.index(level)] if above in context]
        path.append((level, name))
        context[level] = name
        for below in levels[levels.index(level) + 1 :]:
            context.pop(below, None)
        end = match.end()
    if path:
        yield tuple(path), end


def _subject_item(
    path: Path, rest: str, statement: str, document_id: str, fiscal_year: int | None, paragraph: Paragraph,
    budget_document: bool,
) -> Iterator[Record]:  # fmt: skip
    """The amounts a 说明 prints for one 科目: "…(项):支出决算为Y万元" with its measure named, or the level right
    after the name, with the prior year's budget and a year's execution beside it. The code is found once the
    report's statements are read (`line_code` holds the names until then)."""
    name = "/".join(n for _, n in path)
    amounts = []
    for amount in _ITEM_AMOUNT.finditer(rest):
        amounts.append((_measure(amount.group("measure")) or "actual", fiscal_year, amount))
    if not amounts and (level := _ITEM_LEVEL.match(rest)):
        amounts.append((_stated_level(budget_document), fiscal_year, level))
        if fiscal_year is not None and (prior := _ITEM_PRIOR.search(rest)):
            amounts.append(("initial_budget", fiscal_year - 1, prior))
        if executed := _ITEM_EXECUTED.search(rest):
            amounts.append(("actual", int(executed.group("year")), executed))
    seen = set()
    for measure, year, amount in amounts:
        if (measure, year) in seen:
            continue
        seen.add((measure, year))
        unit = (amount.group("unit") or "万元").replace("万", "万元").replace("元元", "元")
        value = to_wan(Decimal(amount.group("number").replace(",", "")), unit)
        raw = amount.group("number") + (amount.group("unit") or "")
        record = _record(
            document_id, statement, name, name, measure, year, value, raw, paragraph.page, "text", paragraph
        )
        record[SUBJECT_PATH] = path
        yield record


def _sentence(
    sentence: str,
    document_id: str,
    statement: str,
    heading_line: str | None,
    fiscal_year: int | None,
    paragraph: Paragraph,
    budget_document: bool,
) -> Iterator[Record]:
    year, measure = fiscal_year, None
    for clause in re.split(rf"{CLAUSE_BREAK.pattern}|其中:?", sentence):
        if (m := re.match(r"^.{0,12}?((?:19|20)\d{2})年", clause)) and not _compared(clause, m):
            year = int(m.group(1))  # the year of this clause and the ones after it
        amount = _AMOUNT.search(clause)
        if not amount:
            continue
        before = clause[: amount.start()]
        # "…与2016年度相比(2016年度部门支出预算安排为8,648.07万元)": the level's own year is the last one
        # named before it that is not a comparison's
        own = [y for y in _YEAR_NAMED.finditer(before) if not _compared(clause, y)]
        stated_year = int(own[-1].group(1)) if own else year
        labels = list(_LINE_RE.finditer(before))
        label = labels[-1] if labels else None
        between = before[label.end() if label else 0 :]
        changed = bool(label) and re.search(r"(?:增加|减少|增长|下降)$", before[: label.start()][-3:])
        if _CHANGE.search(between) or _CHANGE.search(before[-4:]) or changed:
            continue  # a change or a share ("基本支出增加人员经费1408.29万元"), not a level
        if label and "费" in between:
            continue  # the amount of another item named after the line ("一般公共预算拨款安排的会议费…")
        words = before[: label.start()] + before[label.end() :] if label else before
        # the measure named around the line's name, else after it ("政府采购预算1484.2万元"; but "财政拨款预算收入"
        # is 预算会计's name for revenue received)
        named = label.group() if label and label.group().endswith("预算") else ""
        stated = _measure(words, budget_document) or _measure(named, budget_document)
        measure = stated or measure
        code = label.lastgroup if label else (heading_line if _UNNAMED.search(before) else None)
        if code in (None, "other") or (heading_line == "project_expenditure" and code != heading_line):
            continue  # in a 项目支出 section, other names are the projects' own items
        if measure is None:
            level = _stated_level(budget_document)
            measure = level if label and re.search(r"支出|经费|合计|总计|收入|金额|总额", label.group()) else None
        if measure is None or stated_year is None:
            continue
        yield _record(
            document_id, statement, code, label.group() if label else before, measure, stated_year,
            to_wan(Decimal(amount.group("number").replace(",", "")), amount.group("unit")),
            amount.group(), paragraph.page, "text", paragraph,
        )  # fmt: skip


def _record(
    document_id: str, statement: str, code: str, name: str, measure: str, year: int | None,
    amount: Decimal, raw: str, page: int | None, source: str, block: Block,
) -> Record:  # fmt: skip
    return {
        "document_id": document_id,
        "statement": statement,
        "line_code": code,
        "line_name": name,
        "measure": measure,
        "fiscal_year": year,
        "amount_wan": amount,
        "value_raw": raw,
        "page": page,
        "source": source,
        BLOCK: block,
    }
