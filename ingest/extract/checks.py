"""Self-consistency checks that need the report's wording; each finding is a published warning.

The checks on extracted facts (三公 parts, 基本支出 = 人员 + 公用, …) run in the warehouse
(dbt_project/models/intermediate/int_check_*.sql); these are the ones only the text can answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ingest.document import Document, Table
from ingest.extract.numbers import NUMBER, figure, parse_number, to_wan
from ingest.extract.records import Record, finding, on_page
from ingest.extract.statements import Located, locate, text_precision
from ingest.normalize import compact

TOLERANCE_WAN = Decimal("0.01")
# an amount that is a level, not a change ("减少0.29万元" is a change: it sums with signs, not as a part)
_AMOUNT = re.compile(rf"(?<!增加)(?<!减少)(?<!降低)(?<!增长)(?<!下降)(?<!节约)(?<![\d.,])({NUMBER})万元")
_CHOICE = "增加|减少|增长|下降|降低|大于|小于"
# template wording left in: an unresolved choice ("增加(减少)"), a filling instruction ("(按…填写)",
# "(100字以内)", "(此页为封面)", "“科目编码”和“科目名称”为必填项"), a reason left blank or filled with junk
# ("主要原因是。", "原因是qq")
_PLACEHOLDER = re.compile(
    rf"XX|××|(?:{_CHOICE})\((?:{_CHOICE})\)|\((?:按|请|根据)[^()]{{2,60}}?(?:填写|填报|描述|列示)\)|\(此页为封面\)"
    r"|\((?:一|每)个专项一行\)|\(\d+字以内\)|原因(?:是|为)(?:[a-z]{1,3}|\d{1,3})?$|为必填项"
)
# an amount left blank: "政府性基金支出预算支出万元", "2023年当年预算执行数为。", "2023年当年预算执行。"
_BLANK_AMOUNT = re.compile(
    r"(?:为|预算|支出|收入|执行数)万元|(?:执行数|预算数|决算数)为?$|(?:19|20)\d{2}年度?(?:当年)?预算执行$"
)
# the year a figure is compared with must be the year before ("比2022年持平" in a report on 2024)
_COMPARED_YEAR = re.compile(r"(?:比|较|与(?=(?:19|20)\d{2}年度?(?:相比|同期)))((?:19|20)\d{2})年")
_AS_OF = re.compile(r"截[至止]((?:19|20)\d{2})年")
_GRAND_TOTAL = re.compile(r"(?:[一二三四五六七八九十]+、)?(收入|支出)?(?:预算|决算)?总计")
_YEAR_FIGURE = re.compile(r"((?:19|20)\d{2})年度?(?:部门|单位)?(?:预算|决算|收入|支出|收支)")
# the scope of the report's own budget: "纳入本部门2019年部门汇总预算编制范围的预算单位" is of the report's year
_SCOPE_YEAR = re.compile(r"纳入(?:本部门|本单位)?((?:19|20)\d{2})年度?[^,;。\d]{0,10}?(?:预算|决算)(?:编制)?范围")


# a level and its change from a year named ("37,151.47万元,比2024年预算增加24,491.71万元", "24,169.74万元,与上年相比
# 收、支预算总计各增加2214.39万元")
_LEVEL_AND_CHANGE = re.compile(
    rf"(?<![\d.,])(?P<level>{NUMBER})万元,(?:比|较|与)(?:(?P<year>(?:19|20)\d{{2}})年|上年)[^,;。\d]{{0,12}}?(?:相比)?,?"
    rf"[^,;。\d]{{0,10}}?(?P<direction>增加|减少)(?P<change>{NUMBER})万元"
)
_SENTENCE_END = re.compile(r"[。;:!?]$")
# what such a level must be: a total of the report (收入/支出预算, 收、支总计, 财政拨款收入, 一般公共预算拨款支出),
# not a 科目 or an item of spending, whose lines may share this year's amount and not last year's
_TOTAL_CLAUSE = re.compile(r"(?:收入|支出|收、?支)(?:预算)?(?:总计|合计)?(?:预算)?(?:数|为)?$")
_ITEM_CLAUSE = re.compile(r"费|\((?:类|款|项)\)")


def check_text(doc: Document, document_id: str, fiscal_year: int | None) -> list[Record]:
    findings: dict[tuple, Record] = {}
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        before = ""  # the sentence before: a blank left in two items ("…主要住房公积金。…执行数为。") is two
        for sentence in re.split(r"[。!?]", text):
            problems = [
                *_parts(sentence, document_id, paragraph.page),
                *_counted_parts(sentence, document_id, paragraph.page),
                *_residue(sentence, document_id, paragraph.page),
                *_blanks(sentence, document_id, paragraph.page),
                *_years(sentence, document_id, fiscal_year, paragraph.page),
            ]
            for problem in problems:
                # the same sentence printed twice in a report is one finding; template wording or a blank left
                # in two sentences (政府性基金, 其他资金 …) is one in each
                # a footnote's instruction repeated under each table is one
                where = sentence if problem["expected"] is None and problem["severity"] == "warning" else None
                item = before if problem["check_id"] == "amount_missing" else None
                findings.setdefault((problem["check_id"], problem["expected"], problem["actual"], where, item), problem)
            before = sentence
    for problem in _form_residue(doc, document_id):
        findings.setdefault((problem["check_id"], problem["expected"], problem["actual"], problem["message"]), problem)
    return list(findings.values())


def _form_residue(doc: Document, document_id: str) -> Iterator[Record]:
    """A form's filling instructions left in its cells ("(100字以内)", "(每个专项一行)"): a 自评表 or a 基础数据表
    published with the template's text in place of the answers. A merged cell repeated across a row is one."""
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        for r, row in enumerate(table.rows):
            for cell in dict.fromkeys(compact(c) for c in row if c):
                for sentence in re.split(r"[。!?]", cell):
                    yield from _residue(sentence, document_id, table.page_of(r))


def _parts(sentence: str, document_id: str, page: int | None) -> Iterator[Record]:
    """ "X210.45万元，其中：a6万元；b5万元；…": the listed parts add up to the whole."""
    head, sep, rest = sentence.partition("其中")
    if not sep:
        return
    whole = _AMOUNT.findall(head)
    parts = _AMOUNT.findall(rest)
    if not whole or len(parts) < 2:
        return
    total = figure(whole[-1])
    listed = sum((figure(p) for p in parts), Decimal(0))
    if total != listed:
        # within the rounding of the figures added (251.25 of 4.79 + 0 + 246.47) a rounding slip
        bound = text_precision(whole[-1]) + sum((text_precision(p) for p in parts), Decimal(0))
        # the clause naming the whole; a comma between digits is a thousands separator, not a clause break
        name = next(p for p in reversed(re.split(r"[;:]|,(?!\d{3})", head)) if p)[:40]
        yield finding(
            document_id, "parts_do_not_sum_to_total",
            f"{name}: the {len(parts)} parts listed after 其中 sum to {listed}万元, not {total}万元",
            severity="info" if abs(total - listed) <= bound else "warning", expected=total, actual=listed, page=page,
        )  # fmt: skip


# a count or an area the 说明 lists the parts of ("共有车辆1辆,其中:…用车1辆、…", "地上建筑面积为8013平方米(其中…)")
_COUNTED = re.compile(rf"(?<![\d.,])({NUMBER})(辆|平方米)")


def _counted_parts(sentence: str, document_id: str, page: int | None) -> Iterator[Record]:
    """ "共有车辆1辆,其中:部级领导干部用车1辆、…其他用车1辆": the parts of a count or an area add up to it. Only an
    innermost list is summed: a 其中 in parentheses lists up to its closing one, and a list holding another
    其中 is left alone (its parts and their parts would be counted twice)."""
    for introducer in re.finditer("其中", sentence):
        head, rest = sentence[: introducer.start()], sentence[introducer.end() :]
        rest = rest.split(")", 1)[0] if head.endswith("(") else rest
        wholes = _COUNTED.findall(head)
        if "其中" in rest or not wholes:
            continue
        rest = re.sub(r"\([^()]*\)", "", rest)  # "(含)", "(不含车辆)": no part
        raw_whole, unit = wholes[-1]
        parts = [number for number, u in _COUNTED.findall(rest) if u == unit]
        total, listed = figure(raw_whole), sum((figure(p) for p in parts), Decimal(0))
        if len(parts) < 2 or total == listed:
            continue
        bound = text_precision(raw_whole) + sum((text_precision(p) for p in parts), Decimal(0))
        clause = next(c for c in reversed(re.split(r"[,;:]", head)) if c)
        yield finding(
            document_id, "parts_do_not_sum_to_total",
            f"“{clause}，其中…”：总数印为{raw_whole}{unit}，其中所列{len(parts)}项之和为{listed}{unit}，"
            f"差{abs(total - listed)}{unit}",
            severity="info" if abs(total - listed) <= bound else "warning", expected=total, actual=listed, page=page,
        )  # fmt: skip


def _residue(sentence: str, document_id: str, page: int | None) -> Iterator[Record]:
    for match in _PLACEHOLDER.finditer(sentence):
        # a table's footnote telling the filler which columns are mandatory changes no figure
        yield finding(
            document_id, "template_placeholder_left",
            f"template wording left in the report: {match.group(0)!r} in “{sentence[:60]}”",
            severity="info" if match.group(0) == "为必填项" else "warning", actual=match.group(0), page=page,
        )  # fmt: skip


def _blanks(sentence: str, document_id: str, page: int | None) -> Iterator[Record]:
    for match in _BLANK_AMOUNT.finditer(sentence):
        yield finding(
            document_id, "amount_missing",
            f"an amount is left blank: “{sentence[max(0, match.start() - 30) : match.end()]}”",
            actual=match.group(0), page=page,
        )  # fmt: skip


def _years(sentence: str, document_id: str, fiscal_year: int | None, page: int | None) -> Iterator[Record]:
    if fiscal_year is None:
        return
    for match in _COMPARED_YEAR.finditer(sentence):
        if int(match.group(1)) != fiscal_year - 1:
            yield finding(
                document_id, "fiscal_year_out_of_place",
                f"“{match.group(0)}” in a report on {fiscal_year}: a figure is compared with {match.group(1)}, "
                f"not with {fiscal_year - 1}",
                expected=fiscal_year - 1, actual=match.group(1), page=page,
            )  # fmt: skip
    for match in _AS_OF.finditer(sentence):
        if not fiscal_year - 1 <= int(match.group(1)) <= fiscal_year:
            yield finding(
                document_id, "fiscal_year_out_of_place",
                f"“{match.group(0)}” in a report on {fiscal_year}", expected=fiscal_year, actual=match.group(1),
                page=page,
            )  # fmt: skip
    for match in _SCOPE_YEAR.finditer(sentence):
        if int(match.group(1)) != fiscal_year:
            yield finding(
                document_id, "fiscal_year_out_of_place",
                f"“{match.group(0)}”：本报告是{fiscal_year}年的，其编制范围却写成{match.group(1)}年",
                expected=fiscal_year, actual=match.group(1), page=page,
            )  # fmt: skip
    compared = [m.span() for m in _COMPARED_YEAR.finditer(sentence)]
    for match in _YEAR_FIGURE.finditer(sentence):
        year = int(match.group(1))
        if year not in (fiscal_year, fiscal_year - 1) and not any(a <= match.start() < b for a, b in compared):
            yield finding(
                document_id, "fiscal_year_out_of_place",
                f"{match.group(0)} in a report on {fiscal_year}: neither the report year nor the year before",
                expected=fiscal_year, actual=year, page=page,
            )  # fmt: skip


def check_changes(doc: Document, document_id: str, fiscal_year: int | None) -> list[Record]:
    """One level compared with one year has one change: the 说明 states 收入 and 支出 totals, or 财政拨款 and its
    only fund, with the same amount this year, and each with its change from the year before; two changes of
    one level from one year contradict each other (one of the prior levels they imply is wrong)."""
    stated: dict[tuple[Decimal, str], tuple[Decimal, str, str, int | None]] = {}  # change, as printed, quote, page
    findings: dict[tuple, Record] = {}
    for text, page in _sentences_across_lines(doc):
        for match in _LEVEL_AND_CHANGE.finditer(text):
            clause = re.split(r"[,;。:]", text[: match.start()])[-1]
            if not _TOTAL_CLAUSE.search(clause) or _ITEM_CLAUSE.search(clause):
                continue
            level = figure(match.group("level"))
            year = match.group("year") or (str(fiscal_year - 1) if fiscal_year else "上年")
            sign = 1 if match.group("direction") == "增加" else -1
            change = sign * figure(match.group("change"))
            if not level:
                continue  # many lines are 0 this year, each with its own prior level
            first, raw_first, quote, first_page = stated.setdefault(
                (level, year), (change, match.group("change"), clause[-16:] + match.group(0), page)
            )
            if first == change:
                continue
            difference = abs(first - change)
            bound = text_precision(raw_first) + text_precision(match.group("change"))
            findings.setdefault((level, year, change), finding(
                document_id, "change_stated_twice_differently",
                f"同一金额{match.group('level')}万元相对{year}年的变动印了两次：“{quote}”{on_page(first_page)}，"
                f"“{clause[-16:]}{match.group(0)}”{on_page(page)}，差{difference}万元",
                severity="info" if difference <= bound else "warning",
                expected=first, actual=change, page=page,
            ))  # fmt: skip
    return list(findings.values())


def _sentences_across_lines(doc: Document) -> Iterator[tuple[str, int | None]]:
    """The 说明's paragraphs, a sentence broken over two lines (a PDF's line ends before its amount) joined."""
    held, page = "", None
    for paragraph in doc.paragraphs:
        text = compact(paragraph.text)
        if held and text[:1].isdigit():
            held += text
            continue
        if held:
            yield held, page
        held, page = text, paragraph.page
        if _SENTENCE_END.search(text):
            yield held, page
            held = ""
    if held:
        yield held, page


# the note an empty mandatory statement carries: "本部门无政府性基金预算收支，故本表无数据", "注:本部门无该项目"
_EMPTY_NOTE = re.compile(
    r"无(?:该|此)项|(?:无|没有|未)[^。]{0,30}?(?:数据|收支|支出|收入|安排|预算|决算|资金)|为空|空表|本表.{0,6}(?:为零|为0|无)"
)
_NEAR = 3  # paragraphs before (its title) and after (its note) a table that may speak of it


def check_empty_statements(doc: Document, document_id: str, statements: list[Located] | None = None) -> list[Record]:
    """A mandatory statement the body has nothing to report in (政府性基金, 国有资本经营) is still published, with a
    note that it is empty: a table with no figure at all and no such note, in it or around it, is a finding."""
    findings = []
    blocks = doc.blocks
    located = {id(s.table): s for s in (statements if statements is not None else locate(doc))}
    for n, block in enumerate(blocks):
        spec = located[id(block)].statement if id(block) in located else None
        if spec is None or not spec.needs_note_when_empty or _has_figures(block):
            continue
        near = [b.text for b in (*blocks[max(0, n - _NEAR) : n], *blocks[n + 1 : n + 1 + _NEAR]) if hasattr(b, "text")]
        if any(_EMPTY_NOTE.search(compact(text)) for text in [*near, *(c for row in block.rows for c in row)]):
            continue
        findings.append(finding(
            document_id, "empty_statement_without_note",
            f"{spec.name}（第{block.page}页）没有任何数字，也没有说明本表为空的注释（如“本部门无…，故本表无数据”）"
            if block.page else f"{spec.name}没有任何数字，也没有说明本表为空的注释（如“本部门无…，故本表无数据”）",
            page=block.page,
        ))  # fmt: skip
    return findings


def _has_figures(table: Table) -> bool:
    """Any amount printed in a table, 0 included; a 科目 code or a year is no amount."""
    return any(
        parse_number(cell) is not None and not _CODE_OR_YEAR.fullmatch(cell.strip())
        for row in table.rows
        for cell in row
    )


_CODE_OR_YEAR = re.compile(r"\d{3}(?:\d{2}){0,2}|(?:19|20)\d{2}")


# a target printed as its operator and unit alone: "≤万元", "≥%"
_TARGET_WITHOUT_AMOUNT = re.compile(r"[≤≥<>=＝]+(?:万元|元|%|个|人|次|户|件|天|项)?")


def check_blank_cells(indicators: list[Record], document_id: str) -> list[Record]:
    """A self-evaluation form's mandatory cells left blank: an indicator with a measurable target and its 分值
    but neither a 完成值 nor a 得分, or a target printed without its amount ("≤万元")."""
    findings = []
    for r in indicators:
        where = f"{r['level3']}（第{r['page']}页）" if r["page"] else r["level3"]
        filled = r["target_value"] is not None and r["weight"] is not None  # a row cut short is no row filled
        if filled and r["actual_value"] is None and not r["actual_raw"] and r["score"] is None:
            findings.append(finding(
                document_id, "amount_missing",
                f"绩效指标“{where}”指标值为{r['target_raw']}、分值{r['weight']}，完成值和得分却都空白",
                actual=r["target_raw"], page=r["page"],
            ))  # fmt: skip
        if _TARGET_WITHOUT_AMOUNT.fullmatch(compact(r["target_raw"] or "")):
            findings.append(finding(
                document_id, "amount_missing",
                f"绩效指标“{where}”的指标值只印了“{r['target_raw']}”，没有数值（完成值{r['actual_raw'] or '空白'}）",
                actual=r["target_raw"], page=r["page"],
            ))  # fmt: skip
    return findings


_EVALUATIONS = ("dept_performance", "project_performance", "special_fund_evaluation")


def check_total_score(
    report_kind: str | None, report_score: object, evaluations: list[Record], document_id: str
) -> list[Record]:
    """An evaluation whose forms or sections are scored must print its 总分: a report with its 自评表 (or its
    sections' scores) read and no total score anywhere, neither in its text nor in a form, left it out."""
    if report_kind not in _EVALUATIONS or report_score is not None or not evaluations:
        return []
    if any(e["total_score"] is not None for e in evaluations):
        return []
    return [
        finding(
            document_id, "amount_missing",
            f"评价报告读到{len(evaluations)}项评价（自评表或各部分得分），正文和表中却都没有印出总分",
            severity="info", actual="总分",
        )
    ]  # fmt: skip


def check_sangong_units(sangong: list[Record], document_id: str) -> list[Record]:
    """A 三公 amount printed in 元 where the report otherwise speaks 万元 (converted, but flagged)."""
    return [
        finding(
            document_id,
            "sangong_printed_in_yuan",
            f"三公 {r['category']} {r['measure']} {r['fiscal_year']} is printed as {r['value_raw']} (元), "
            f"read as {r['amount_wan']}万元",
            expected=r["amount_wan"],
            actual=r["value_raw"],
            page=r["page"],
        )
        for r in sangong
        if re.search(r"\d元$", r["value_raw"])
    ]


def check_balance(doc: Document, document_id: str, statements: list[Located] | None = None) -> list[Record]:
    """A 收支总表 puts income on the left and expenditure on the right: its two 总计 are equal by design."""
    findings = []
    for located in statements if statements is not None else locate(doc):
        table, unit = located.table, located.unit
        for r, row in enumerate(table.rows):
            totals = _grand_totals(row)
            if len(totals) < 2:
                continue
            (income_label, income), (spending_label, spending) = totals[:2]
            expected, actual = to_wan(income, unit), to_wan(spending, unit)
            if abs(expected - actual) > TOLERANCE_WAN:
                findings.append(finding(
                    document_id, "income_total_is_expenditure_total",
                    f"收支总表: {income_label} {income} but {spending_label} {spending} ({unit}); they must be equal",
                    expected=expected, actual=actual, page=table.page_of(r),
                ))  # fmt: skip
    return findings


def _grand_totals(row: list[str]) -> list[tuple[str, Decimal]]:
    """(label, amount) of each 总计 of a row, its amount the first number right of it; a merged label repeated
    in the next cell counts once."""
    totals = []
    for i, cell in enumerate(row):
        label = compact(cell)
        if not _GRAND_TOTAL.fullmatch(label) or (i and compact(row[i - 1]) == label):
            continue
        for value in row[i + 1 :]:
            if _GRAND_TOTAL.fullmatch(compact(value)):
                break
            if (amount := parse_number(value)) is not None:
                totals.append((label, amount))
                break
    return totals
