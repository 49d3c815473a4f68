"""Which money facts a second statement of the same document confirms (../shared/STATEMENTS.md §4).

A figure is confirmed when another statement, or the text, prints the same line, year and measure with the
same amount at the printed precision, or when it takes part in an identity of totals and parts that holds
(the catalogue's `identities`, and the 科目 hierarchy). Confirmation is a label-free measure of extraction
accuracy: a figure read wrong rarely agrees with an independent one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from ingest.document import Document
from ingest.extract.budget import LISTED_CLASS, line_of
from ingest.extract.numbers import NUMBER, figure, parse_number
from ingest.extract.records import Record, finding
from ingest.extract.sangong import category_of
from ingest.extract.statements import catalogue, text_precision
from ingest.normalize import compact

# an amount the 说明 states as a level, in 万元 (not a change: "减少0.29万元")
_LEVEL = re.compile(rf"(?<!增加)(?<!减少)(?<!降低)(?<!增长)(?<!下降)(?<!节约)(?<![\d.,])({NUMBER})万元")
# what introduces the parts of a whole: "政府采购预算117.00万元，其中：货物17.00万元、工程0万元、服务100.00万元"
_PARTS_FOLLOW = re.compile(r"其中|包括")
# a part and its share of a whole: "公务接待费支出397.5万元，占“三公”经费的60.22%"
_SHARE = re.compile(rf"(?P<part>{NUMBER})万元,?占(?P<whole>[^,;。%\d]{{0,16}}?)的?(?P<pct>{NUMBER})%")
# a budget, its 决算 and the share completed: "年初预算为22.00万元,支出决算为8.77万元,完成预算的39.86%"
_COMPLETION = re.compile(
    rf"(?:年初)?预算(?:数)?为(?P<budget>{NUMBER})万元,?[^。;]{{0,20}}?决算(?:数)?为(?P<actual>{NUMBER})万元,?"
    rf"完成(?:年初)?预算的(?P<pct>{NUMBER})%"
)
_NAME_BEFORE = 24  # how far before its amount a line's name may be printed ("…预算总额为1774.70万元")


def precision_wan(record: Record) -> Decimal:
    """Half the last printed digit of the figure, in 万元: 0.005 for "9,101.68万元", 0.0000005 for "….34" 元."""
    raw = str(record.get("value_raw") or "")
    number = parse_number(raw.replace("万元", "").replace("亿元", "").replace("元", "").strip())
    # the unit the figure was printed in: 元 (10^-4 万元), 万元 or 亿元 (10^4), from the amount it was read as
    factor = (
        Decimal(1).scaleb(round(math.log10(abs(record["amount_wan"] / number))))
        if number and record["amount_wan"]
        else Decimal(1)
    )
    return text_precision(raw) * factor


def exact_wan(record: Record) -> Decimal:
    """The figure in 万元 to every digit printed: a 元 statement's 189,767,551.46 is 18,976.755146, where the
    contract keeps 18,976.7551."""
    raw = str(record.get("value_raw") or "")
    number = parse_number(raw.replace("万元", "").replace("亿元", "").replace("元", "").strip())
    if not number or not record["amount_wan"]:
        return record["amount_wan"]
    factor = Decimal(1).scaleb(round(math.log10(abs(record["amount_wan"] / number))))
    return (number * factor).normalize()


def _agree(a: Record, b: Record) -> bool:
    return abs(a["amount_wan"] - b["amount_wan"]) <= precision_wan(a) + precision_wan(b)


def _restated(records: list[Record], key: str) -> None:
    """The same figure printed twice: in two statements, or in a statement and the text."""
    by_fact: dict[tuple, list[Record]] = defaultdict(list)
    for record in records:
        by_fact[(record[key], record["fiscal_year"], record["measure"])].append(record)
    for same in by_fact.values():
        for a in same:
            if any(b is not a and _where(b) != _where(a) and _agree(a, b) for b in same):
                a["confirmed"] = True


def _where(record: Record) -> tuple:
    return record.get("statement"), record.get("source")


def _sums_hold(total: Record, parts: Iterable[Record]) -> bool:
    parts = list(parts)
    bound = precision_wan(total) + sum((precision_wan(p) for p in parts), Decimal(0))
    return abs(total["amount_wan"] - sum((p["amount_wan"] for p in parts), Decimal(0))) <= bound


def _identity_checks(records: list[Record], facts: str, key: str) -> Iterator[tuple[str, list[Record], bool]]:
    """Every identity of totals and parts whose figures are all printed in one statement (or the text), as
    (name, its figures with the total first, whether it holds): the catalogue's, and the 科目 hierarchy."""
    groups: dict[tuple, dict[str, Record]] = defaultdict(dict)
    for record in records:
        groups[(*_where(record), record["fiscal_year"], record["measure"])].setdefault(record[key], record)
    for identity in catalogue().identities:
        if identity["facts"] != facts:
            continue
        for lines in groups.values():
            members = [lines.get(identity["total"]), *(lines.get(p) for p in identity["parts"])]
            if all(m is not None for m in members):
                yield identity["name"], members, _sums_hold(members[0], members[1:])  # type: ignore[arg-type]
    if facts == "budget_line":
        for lines in groups.values():
            yield from _hierarchy(lines)


def _parent_of(code: str, present: set[str]) -> str | None:
    """The nearest printed level above a 科目 (201 ⊃ 20101 ⊃ 2010101): a 项 whose 款 is not printed (the 说明
    lists 类 totals and 项 items) belongs to its 类."""
    return next((code[:n] for n in (len(code) - 2, len(code) - 4) if n >= 3 and code[:n] in present), None)


def _hierarchy(lines: dict[str, Record]) -> Iterator[tuple[str, list[Record], bool]]:
    """类 = Σ 款 and 款 = Σ 项, the children known by their codes."""
    codes = {c for c in lines if c.isdigit() and len(c) in (3, 5, 7)}
    children: dict[str, list[Record]] = defaultdict(list)
    for code in codes:
        if parent := _parent_of(code, codes):
            children[parent].append(lines[code])
    for parent, parts in children.items():
        yield f"{parent} = Σ its sub-items", [lines[parent], *parts], _sums_hold(lines[parent], parts)


def _held_across(records: list[Record], facts: str, key: str) -> Iterator[list[Record]]:
    """Every identity (the catalogue's `identities` and `cross_identities`) that holds with its figures taken
    from any statements or the text of the report, one figure per line (same year and measure): the figures of
    each combination that holds. A line printed with several amounts (two scopes) gives one combination per
    amount; the same amount printed in several places is tried once and confirms them all. A line the
    report prints with two amounts that disagree (beyond rounding) takes part in no combination: the report
    contradicts itself there (two splits of 基本支出 may each add up), and a contradicted figure is not confirmed."""
    lines: dict[tuple, dict[str, dict[tuple, list[Record]]]] = defaultdict(lambda: defaultdict(dict))
    for record in records:
        printed = lines[(record["fiscal_year"], record["measure"])][record[key]]
        printed.setdefault((record["amount_wan"], precision_wan(record)), []).append(record)
    identities = (*catalogue().identities, *catalogue().cross_identities)
    for identity in (i for i in identities if i["facts"] == facts):
        for printed in lines.values():
            codes = (identity["total"], *identity["parts"])
            if identity.get("blank_is_nil"):  # the parts a report leaves blank are nil; two at least are printed
                codes = (identity["total"], *(p for p in identity["parts"] if p in printed))
                if len(codes) < 3:
                    continue
            if not all(code in printed and _unambiguous(printed[code]) for code in codes):
                continue
            for combination in itertools.product(*(printed[code].values() for code in codes)):
                if _sums_hold(combination[0][0], [same[0] for same in combination[1:]]):
                    yield [record for same in combination for record in same]


def _same_figures(records: list[Record], facts: str, key: str) -> Iterator[tuple[Record, Record]]:
    """Each pair of figures of two lines the catalogue's `same_figures` names that agree (same year and
    measure): 机关运行经费 printed as the amount of 公用经费."""
    for pair in (p for p in catalogue().same_figures if p["facts"] == facts):
        first, second = ([r for r in records if r[key] == line] for line in pair["lines"])
        for a, b in itertools.product(first, second):
            if (a["fiscal_year"], a["measure"]) == (b["fiscal_year"], b["measure"]) and _agree(a, b):
                yield a, b


# the statement totals the 类 of a 科目 column add up to: 功能分类 (2xx) and 经济分类 (3xx, 5xx) classes
_CLASS_TOTALS = {
    "2": ("total_expenditure", "fiscal_appropriation", "general_public_budget", "government_fund"),
    "3": ("basic_expenditure", "operating_expenditure_of_organs", "total_expenditure", "general_public_budget"),
    "5": ("basic_expenditure", "operating_expenditure_of_organs", "total_expenditure", "general_public_budget"),
}


def _class_sums(records: list[Record]) -> Iterator[list[Record]]:
    """A statement's 合计 = Σ its 类 (../shared/STATEMENTS.md §2: 收支总表 本年支出 by 功能分类 类, a 支出表's 合计 row,
    基本支出 = 301 + 302 + 303 …): within one statement (or the text), year and measure, the total line printed
    beside two 类 or more of one classification that add up to it, with those 类."""
    groups: dict[tuple, dict[str, Record]] = defaultdict(dict)
    for record in records:
        groups[(*_where(record), record["fiscal_year"], record["measure"])].setdefault(record["line_code"], record)
    for lines in groups.values():
        for first, totals in _CLASS_TOTALS.items():
            classes = [r for c, r in lines.items() if len(c) == 3 and c.isdigit() and c.startswith(first)]
            if len(classes) < 2:
                continue
            for total in (lines[t] for t in totals if t in lines):
                if _sums_hold(total, classes):
                    yield [total, *classes]


def _unambiguous(amounts: dict[tuple, list[Record]]) -> bool:
    """Every amount a line is printed with agrees with every other, at the printed precision."""
    figures = [same[0] for same in amounts.values()]
    return all(_agree(a, b) for a, b in itertools.combinations(figures, 2))


def contradicted(budget_lines: list[Record], sangong: list[Record]) -> list[tuple[str, list[Record]]]:
    """The identities that do not hold, each as (name, its figures with the total first)."""
    return [
        (name, members)
        for records, facts, key in ((budget_lines, "budget_line", "line_code"), (sangong, "sangong", "category"))
        for name, members, holds in _identity_checks(records, facts, key)
        if not holds
    ]


def confirm(budget_lines: list[Record], sangong: list[Record]) -> None:
    """Set `confirmed` on every money fact of one document."""
    for record in (*budget_lines, *sangong):
        record.setdefault("confirmed", False)  # a restatement dropped as a duplicate has confirmed it already
    _restated(budget_lines, "line_code")
    _restated(sangong, "category")
    for records, facts, key in ((budget_lines, "budget_line", "line_code"), (sangong, "sangong", "category")):
        for _, members, holds in _identity_checks(records, facts, key):
            if holds:
                for member in members:
                    member["confirmed"] = True
        class_sums = _class_sums(records) if facts == "budget_line" else []
        for members in (*_held_across(records, facts, key), *_same_figures(records, facts, key), *class_sums):
            for member in members:
                member["confirmed"] = True


def confirm_listed(doc: Document, budget_lines: list[Record], sangong: list[Record]) -> None:
    """A whole the 说明 states with all its parts ("本年收入预算合计13,377.11万元，其中：" and one part per line,
    or "政府采购预算117.00万元，其中：货物17.00万元、工程0万元、服务100.00万元"): when the parts add up to the whole
    at their printed precision, the text's figures of the whole and of the parts are confirmed."""
    printed = [r for r in (*budget_lines, *sangong) if r["source"] == "text"]
    for figures in _listed_wholes(doc):
        whole, parts = figures[0], figures[1:]
        bound = sum((text_precision(raw) for _, _, raw in figures), Decimal(0))
        if len(parts) < 2 or abs(figure(whole[2]) - sum((figure(raw) for _, _, raw in parts), Decimal(0))) > bound:
            continue
        for page, before, raw in figures:
            _mark_printed(printed, page, before, raw)


def confirm_shares(doc: Document, budget_lines: list[Record], sangong: list[Record]) -> None:
    """Parts the 说明 lists with their shares of one whole, the shares adding up to 100% ("因公出国(境)费支出106万元，
    占“三公”经费的16.06%；公务用车…156.6万元，占…23.72%；公务接待费支出397.5万元，占…60.22%"): the whole is the sum
    of the parts (占 Z% = part / whole, ../shared/STATEMENTS.md §2), and when every printed share is its part over
    that sum at the printed precision of both, the text's figure of each part is confirmed."""
    printed = [r for r in (*budget_lines, *sangong) if r["source"] == "text"]
    for text, pages in _sentences(doc):
        of_whole: dict[str, list[re.Match[str]]] = defaultdict(list)
        for share in _SHARE.finditer(text):
            of_whole[share.group("whole")].append(share)
        for shares in of_whole.values():
            listed = sum((figure(s.group("pct")) for s in shares), Decimal(0))
            steps = sum((text_precision(s.group("pct")) for s in shares), Decimal(0))
            whole = sum((figure(s.group("part")) for s in shares), Decimal(0))
            whole_bound = sum((text_precision(s.group("part")) for s in shares), Decimal(0))
            if len(shares) < 2 or abs(listed - 100) > steps or whole <= whole_bound:
                continue
            if all(_share_holds(s.group("part"), s.group("pct"), whole, whole_bound) for s in shares):
                for share in shares:
                    page = next(page for end, page in pages if share.start() < end)
                    _mark_printed(printed, page, text[: share.start()], share.group("part"))


# a running page number a page break leaves inside a sentence ("…公务接待费支出384.75万元,占" / "─ 13 ─ “三公”经费的…")
_PAGE_NUMBER = re.compile(r"^[-—–─]\d+[-—–─]")


def _sentences(doc: Document) -> Iterator[tuple[str, list[tuple[int, int | None]]]]:
    """Each paragraph of the 说明 (compact), joined with the next when a page break cuts its sentence (it ends
    without a stop and the next one starts with a page number), with the page of each stretch of it, as (text,
    [(end of the stretch, its page), …])."""
    paragraphs = [(compact(p.text), p.page) for p in doc.paragraphs]
    for i, (text, page) in enumerate(paragraphs):
        pages = [(len(text), page)]
        if i + 1 < len(paragraphs) and not re.search(r"[。;:；：]$", text):
            following, on = paragraphs[i + 1]
            if cut := _PAGE_NUMBER.match(following):
                text += following[cut.end() :]
                pages.append((len(text), on))
        yield text, pages


def confirm_completion(doc: Document, budget_lines: list[Record], sangong: list[Record]) -> None:
    """A budget and its 决算 the 说明 states with the share completed ("“三公”经费…年初预算为22.00万元，支出决算为
    8.77万元，完成预算的39.86%"): when the printed percentage is the 决算 over the 预算 (完成预算的 W% = 决算 / 预算,
    ../shared/STATEMENTS.md §2) at the printed precision of all three, the text's figures of both are confirmed. A
    nil 决算 (0%) says nothing of the budget and confirms neither."""
    printed = [r for r in (*budget_lines, *sangong) if r["source"] == "text"]
    for text, pages in _sentences(doc):
        for match in _COMPLETION.finditer(text):
            raw_budget, raw_actual, percent = match.group("budget", "actual", "pct")
            budget, budget_bound = figure(raw_budget), text_precision(raw_budget)
            if figure(raw_actual) <= 0 or budget <= budget_bound:
                continue
            if not _share_holds(raw_actual, percent, budget, budget_bound):
                continue
            clause = re.split(r"[,;:。]", text[: match.start("budget")])[-1]
            category, line = category_of(clause), line_of(clause)
            page = next(page for end, page in pages if match.start() < end)
            for record in printed:
                named = record.get("category", record.get("line_code")) in (category, line)
                if named and record["page"] == page and record["amount_wan"] in (budget, figure(raw_actual)):
                    record["confirmed"] = True


def _share_holds(raw_part: str, printed: str, whole: Decimal, whole_bound: Decimal) -> bool:
    """The printed percentage is the part over the whole, rounded or truncated, with each figure anywhere
    within its rounding bound."""
    part, bound = figure(raw_part), text_precision(raw_part)
    low = (part - bound) / (whole + whole_bound) * 100
    high = (part + bound) / (whole - whole_bound) * 100
    value, step = figure(printed), text_precision(printed) * 2
    return value - step / 2 <= high and value + step >= low


def _mark_printed(records: list[Record], page: int | None, before: str, raw: str) -> None:
    """Confirm the text's figures printed as `raw` on `page` after `before`: a line named right before its
    amount ("政府采购预算117.00万元"), a 三公 category named by the clause the amount ends
    ("公务接待费支出397.5万元"); and the text's figure of the line that clause names ("(二)支出预算总计"), with the
    same amount, wherever the text prints it first."""
    clause = re.split(r"[,;:。]", before)[-1]
    line = line_of(clause)
    for record in records:
        if record["amount_wan"] != figure(raw):
            continue
        if line is not None and record.get("line_code") == line:
            record["confirmed"] = True  # the line's figure, wherever the text prints it first
        if record["page"] != page:
            continue
        name = compact(str(record.get("line_name") or ""))
        named = bool(name) and name in before[-_NAME_BEFORE - len(name) :]
        if named or ("category" in record and category_of(clause) == record["category"]):
            record["confirmed"] = True


def _listed_wholes(doc: Document) -> Iterator[list[tuple[int | None, str, str]]]:
    """Each whole the 说明 lists the parts of, as [(page, text before the amount, amount as printed), …], the
    whole first: its parts in the same sentence, after the 其中/包括; or, when the paragraph ends with it, the
    paragraphs after it, one part each (see `_following_parts`)."""
    paragraphs = [(compact(p.text), p.page) for p in doc.paragraphs]
    for i, (text, page) in enumerate(paragraphs):
        for introducer in _PARTS_FOLLOW.finditer(text):
            levels = list(_LEVEL.finditer(text[: introducer.start()]))
            if not levels:
                continue
            sentence = text[introducer.end() :].split("。")[0]
            if _PARTS_FOLLOW.search(sentence):
                continue  # parts of parts: not one flat list
            whole = (page, text[: levels[-1].start()], levels[-1].group(1))
            parts = [(page, sentence[: m.start()], m.group(1)) for m in _LEVEL.finditer(sentence)]
            if not parts and re.fullmatch(r"[:：]?", sentence):
                parts = _following_parts(paragraphs[i + 1 :], _rank(text))
            yield [whole, *parts]


# the numbering of an outline's items, from the top: "一、", "(一)", "1.", "(1)"
_NUMBERING = (
    r"[一二三四五六七八九十]+[、.．]",
    r"[(（][一二三四五六七八九十]+[)）]",
    r"\d{1,2}[.、．](?!\d)",
    r"[(（]\d{1,2}[)）]",
)


def _rank(text: str) -> int:
    """How deep in an outline a paragraph's numbering puts it (0 for "一、" … 3 for "(1)"); unnumbered: 4."""
    return next((depth for depth, numbering in enumerate(_NUMBERING) if re.match(numbering, text)), len(_NUMBERING))


def _following_parts(paragraphs: list[tuple[str, int | None]], whole_rank: int) -> list[tuple[int | None, str, str]]:
    """The parts listed one per paragraph after a whole ("…收入预算总计13,377.11万元。包括：" / "1.财政拨款收入…
    13,297.11万元。" / "(1)一般公共预算收入…" / "2.财政专户…"): the first amount of each paragraph numbered as the first
    part is; paragraphs numbered deeper are the parts' own parts, and page numbers between them are skipped. The
    list ends at a paragraph that states no amount, one numbered as high as the first part or the whole (a new
    section), or, for unnumbered parts, one that introduces parts of its own."""
    parts: list[tuple[int | None, str, str]] = []
    rank = None
    for text, page in paragraphs:
        if re.fullmatch(r"[-—–─\d]*", text):
            continue  # a page number between two parts
        level, depth = _LEVEL.search(text), _rank(text)
        if level is None or (depth <= whole_rank < len(_NUMBERING)):
            break
        if rank is None:
            rank = depth
        if depth > rank:
            continue  # a part's own part
        if depth < rank or (depth == len(_NUMBERING) and _PARTS_FOLLOW.search(text)):
            break
        parts.append((page, text[: level.start()], level.group(1)))
    return parts


def check_listed_classes(budget_lines: list[Record], document_id: str) -> list[Record]:
    """A 决算说明 lists the 类 of its spending with their shares ("社会保障和就业支出124.32万元，占9.94%") and
    every 项 below them: each 类 is the sum of its 项, within the rounding of the parts (n × half a unit)."""
    text = [r for r in budget_lines if r["source"] == "text" and r["statement"] == "by_function"]
    findings = []
    wholes = [r for r in text if r.pop(LISTED_CLASS, False)]  # the mark is the extractor's, not a column
    for whole in wholes:
        parts = [
            r for r in text
            if r is not whole and r["line_code"].startswith(whole["line_code"]) and len(r["line_code"]) == 7
            and (r["fiscal_year"], r["measure"]) == (whole["fiscal_year"], whole["measure"])
        ]  # fmt: skip
        if not parts:
            continue
        listed_sum = sum((p["amount_wan"] for p in parts), Decimal(0))
        difference = abs(whole["amount_wan"] - listed_sum)
        if difference:
            bound = sum((precision_wan(p) for p in parts), Decimal(0))
            findings.append(finding(
                document_id, "function_class_sums",
                f"功能分类 {whole['line_code']} {whole['line_name']} (说明): its {len(parts)} sub-items sum to "
                f"{listed_sum}, but it is {whole['amount_wan']}",
                severity="info" if difference <= bound else "warning",
                expected=listed_sum, actual=whole["amount_wan"], page=whole["page"],
            ))  # fmt: skip
    return findings


def check_restatements(budget_lines: list[Record], document_id: str) -> list[Record]:
    """The same line printed by two statements with amounts a rounding apart (326.71 in the 收支总表, 326.72 in
    the 支出表): a rounding slip. Larger differences are left to the warehouse's checks, which know the text:
    two statements of different scopes (all funds, 财政拨款) may print two amounts for one line."""
    by_fact: dict[tuple, dict[Decimal, Record]] = defaultdict(dict)
    for record in budget_lines:
        # a line's income (收入表) and its spending may differ in a 决算 by what is carried over
        if record["source"] == "table" and record["statement"] != "income":
            key = (record["line_code"], record["fiscal_year"], record["measure"])
            by_fact[key].setdefault(exact_wan(record), record)
    findings = []
    for (line, year, measure), amounts in by_fact.items():
        ordered = sorted(amounts)
        for low, high in itertools.pairwise(ordered):
            a, b = amounts[low], amounts[high]
            # compared as printed: a 元 statement's cents (189,767,551.46 beside 189,767,551) are a rounding slip
            if 0 < high - low <= precision_wan(a) + precision_wan(b):
                findings.append(finding(
                    document_id, "same_line_differs",
                    f"{line} {year} {measure}: {a['statement']} (p{a['page']}) prints {low}, "
                    f"{b['statement']} (p{b['page']}) prints {high}",
                    severity="info", expected=low, actual=high, page=b["page"],
                ))  # fmt: skip
    return findings
