"""三公经费: from tables whose columns are (year, 预算/决算) and from narrative sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations
from math import comb

from ingest.document import Block, Document, Paragraph
from ingest.extract.numbers import NUMBER, parse_number, to_wan, unit_of
from ingest.extract.records import BLOCK, Record, finding
from ingest.extract.statements import Located, catalogue, locate, text_precision
from ingest.extract.tables import year_measure_cells
from ingest.normalize import CLAUSE_BREAK, compact

# Label → category; order matters: the vehicle total names both 购置 and 运行.
_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("vehicle_total", r"公务用?车购置(?:和|及|与)(?:运行)?(?:维护|运行)|公车购置(?:和|及)运行"),
    ("vehicle_purchase", r"公车购置|公务用?车购置"),
    ("vehicle_operation", r"公车运行|公务用?车(?:用车)?运行"),
    ("outbound_travel", r"出国"),
    ("reception", r"公务接待"),
    ("total", r"三公经费|三公"),
)
_CATEGORY_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _CATEGORIES))
_MEASURES = {"预算": "budget", "决算": "actual", "执行": "actual", "支出": "actual"}
_STATED = re.compile(
    rf"(?P<measure>预算支出|支出预算|预算数?|决算数?|支出决算数?|执行数?|支出)(?:数)?(?:为|是)?(?P<number>{NUMBER})(?P<unit>亿元|万元|元)"
)
_LEADING_YEAR = re.compile(r"^((?:19|20)\d{2})年")
_SUBJECT_ITEM = re.compile(r"^[^\d]{0,3}?\((?:款|项)\)")
_COMPARED = re.compile(r"小于|大于|上年")
_VEHICLE_PART = re.compile(r"(?P<vehicle_purchase>购置费?)|(?P<vehicle_operation>运行(?:维护)?费?)")
# "(一)因公出国(境)费0万元": an amount right after the category's name, with no measure word, is the
# document's own (a budget's budget, a 决算's actual); a change or a share names a comparison first
_BARE = re.compile(rf"^[^\d比较增减与占同]{{0,6}}?(?P<number>{NUMBER})(?P<unit>亿元|万元|元)")
_MEASURE_WORD = re.compile(r"(预算|决算)数?")
_MAX_PLACEMENTS = 100_000  # ways to place a row's figures under its columns, beyond which none is tried


def category_of(label: str) -> str | None:
    match = _CATEGORY_RE.search(compact(label))
    return match.lastgroup if match else None


def extract_sangong(
    doc: Document,
    document_id: str,
    fiscal_year: int | None,
    budget_document: bool = False,
    statements: list[Located] | None = None,
    readings: list[Record] | None = None,
) -> tuple[list[Record], list[Record]]:
    """Every 三公 figure the document states, and findings where it states one figure twice, differently.

    One row per (year, measure, category): the first statement wins, tables before text. `statements` are
    the document's located tables (located here when not given). `readings` receives the figures of table
    rows that lost their empty cells, placed by the 三公 identities (see `_placed`): they confirm the facts
    they restate and serve the checks (a budget left blank), but are not published as facts of their own.
    """
    rows: dict[tuple, Record] = {}
    findings: list[Record] = []
    default = "budget" if budget_document else "actual"
    text = list(_from_text(doc, document_id, fiscal_year, budget_document))
    stated = {(r["measure"], r["category"]): r["amount_wan"] for r in reversed(text)}  # the first statement
    statements = statements if statements is not None else locate(doc)
    placed: list[Record] = []
    grid = _from_grid(statements, document_id, fiscal_year, default, findings, stated, placed)
    found = [*_from_tables(doc, document_id), *grid]
    for record in [*found, *text]:
        key = (record["fiscal_year"], record["measure"], record["category"])
        kept = rows.setdefault(key, record)
        if kept is not record and kept["source"] != record["source"] and kept["amount_wan"] == record["amount_wan"]:
            kept["confirmed"] = True  # the table's figure restated in the text
        elif kept["amount_wan"] != record["amount_wan"]:
            findings.append(
                finding(
                    document_id,
                    "sangong_stated_twice_differently",
                    f"三公 {key[2]} {key[1]} {key[0]} is stated as {kept['value_raw']} ({kept['source']}) "
                    f"and as {record['value_raw']} ({record['source']})",
                    expected=kept["amount_wan"],
                    actual=record["amount_wan"],
                    page=record["page"],
                )
            )
    for reading in placed:
        kept = rows.get((reading["fiscal_year"], reading["measure"], reading["category"]))
        if kept is not None and kept["amount_wan"] == reading["amount_wan"]:
            kept["confirmed"] = True  # the figure the table prints in the cell the identities place it in
    if readings is not None:
        # a cell left blank is 0; the checks find a blank budget from its 合计 and the other categories
        readings += [r for r in placed if r["value_raw"]]
    return list(rows.values()), findings


def _from_tables(doc: Document, document_id: str) -> Iterator[Record]:
    for cell in year_measure_cells(doc):
        category = category_of(cell.label)
        if category is not None:
            measure = _MEASURES[cell.measure_word]
            yield _record(
                document_id, cell.fiscal_year, measure, category, cell.amount, cell.unit, cell.raw, cell.page, "table",
                cell.table,
            )  # fmt: skip


def _from_grid(
    statements: list[Located],
    document_id: str,
    fiscal_year: int | None,
    default_measure: str,
    findings: list[Record],
    stated: dict[tuple[str, str], Decimal],
    placed: list[Record],
) -> Iterator[Record]:
    """三公 tables with one column per category (and per 预算数/决算数 where both are printed).

    A column's category is the most specific label above its figures; 小计/合计 under a group is the
    group. Without a 预算数/决算数 header the document's kind says which (a 预算 table holds budgets).
    A row of figures narrower than its headers lost its empty cells in the export: the cells on which every
    placement of its figures that keeps the 三公 identities agrees are read into `placed` (not published);
    where no placement holds or none agrees on a cell, its figures are left out with a finding (the text
    usually states them).
    """
    for located in statements:
        table = located.table
        titled = located.statement is not None and located.statement.code == "sangong"
        if fiscal_year is None or not (titled or any("三公" in compact(c) for row in table.rows[:4] for c in row)):
            continue
        first = next((r for r, row in enumerate(table.rows) if sum(parse_number(c) is not None for c in row) >= 2), 0)
        headers = table.rows[:first]
        unit = located.printed_unit or unit_of(" ".join(c for row in headers for c in row)) or "万元"
        width = max((len(h) for h in headers), default=0)
        roles = _roles(headers, width, default_measure)
        for d in range(first, len(table.rows)):
            row = table.rows[d]
            if len(row) < width and sum(parse_number(c) is not None for c in row) >= 2:
                cells = _placed(row, roles) if roles else None
                if cells:
                    placed += [
                        _record(document_id, fiscal_year, measure, category, amount, unit, raw, table.page_of(d),
                                "table", table)
                        for (category, measure), (amount, raw) in cells.items()
                    ]  # fmt: skip
                    continue
                findings.append(finding(
                    document_id, "table_row_misaligned",
                    f"三公 table: a row has {len(row)} cells under {width} columns (empty cells lost in the export); "
                    f"its figures {' '.join(c for c in row if c)} are not placed",
                    page=table.page_of(d),
                ))  # fmt: skip
        yield from _resolved(
            list(_columns(table, headers, first, width, default_measure, unit, document_id, fiscal_year)), stated
        )


def _columns(
    table, headers: list[list[str]], first: int, width: int, default_measure: str, unit: str, document_id: str,
    fiscal_year: int,
) -> Iterator[Record]:  # fmt: skip
    for i in range(table.width):
        category, measure = _role(headers, i, default_measure)
        if category is None:
            continue
        for d in range(first, len(table.rows)):
            if len(table.rows[d]) < width:
                continue
            cell = table.rows[d][i] if i < len(table.rows[d]) else ""
            if (amount := parse_number(cell)) is not None:
                yield _record(
                    document_id, fiscal_year, measure, category, amount, unit, cell, table.page_of(d), "table", table,
                )  # fmt: skip


def _role(headers: list[list[str]], i: int, default_measure: str) -> tuple[str | None, str]:
    """The (category, measure) of column i, from the labels above it (headers that repeat a merged cell)."""
    category, measure = None, default_measure
    for header in headers:
        label = compact(header[i]) if i < len(header) else ""
        if m := _MEASURE_WORD.fullmatch(label):
            measure = _MEASURES[m.group(1)]
        elif label.endswith("表"):
            continue  # the table's title ("“三公”经费、会议费、培训费支出预算表")
        elif category == "vehicle_total" and (part := _VEHICLE_PART.fullmatch(label)):
            category = part.lastgroup  # 购置费 | 运行费 under 公务用车购置及运行费
        elif (named := category_of(label)) and not (category and re.fullmatch(r"小计|合计", label)):
            category = named
    return category, measure


def _roles(headers: list[list[str]], width: int, default_measure: str) -> list[tuple[str | None, str]] | None:
    """Each column's (category, measure). Header rows that span the table repeat a merged label over each of its
    columns; rows narrower than the table lost their merged cells too (an export that drops empty cells), and
    are read as a tree: each row's labels are the parts of the one group above them (三公经费 → 合计, 因公出国(境)费,
    公务用车购置及运行费, 公务接待费; 公务用车购置及运行费 → 小计, 购置费, 运行费), and a last row of 预算数/决算数
    gives the columns of each part in turn (a label that names its own measure, "机关运行经费决算数", has one).
    None where the headers cannot be read so."""
    if all(len(h) == width for h in headers):
        return [_role(headers, i, default_measure) for i in range(width)]
    groups = {i["total"] for i in catalogue().identities if i["facts"] == "sangong"}
    leaves: list[tuple[str, str | None, bool]] = []  # (label, category, has parts below it)
    rows = [[compact(c) for c in h if compact(c) and not compact(c).endswith("表")] for h in headers]
    measures = rows[-1] if rows and any(_MEASURE_WORD.fullmatch(c) for c in rows[-1]) else []
    for labels in rows[: len(rows) - 1] if measures else rows:
        if not leaves:
            leaves = [(label, category_of(label), category_of(label) in groups) for label in labels]
            continue
        open_groups = [k for k, leaf in enumerate(leaves) if leaf[2]]
        if len(open_groups) != 1 or not labels:
            return None
        k = open_groups[0]
        parent = leaves[k][1]
        parts = []
        for label in labels:
            if re.fullmatch(r"小计|合计", label):
                parts.append((label, parent, False))
            elif parent == "vehicle_total" and (part := _VEHICLE_PART.fullmatch(label)):
                parts.append((label, part.lastgroup, False))
            else:
                parts.append((label, category_of(label), category_of(label) in groups))
        leaves[k : k + 1] = parts
    if not measures:
        return [(category, default_measure) for _, category, _ in leaves] if len(leaves) == width else None
    unmeasured = [leaf for leaf in leaves if not re.search("预算|决算", leaf[0])]
    words = [c for c in measures if _MEASURE_WORD.fullmatch(c)]
    if not unmeasured or len(words) % len(unmeasured):
        return None
    each = len(words) // len(unmeasured)
    roles: list[tuple[str | None, str]] = []
    for label, category, _ in leaves:
        if re.search("预算|决算", label):
            roles.append((None, default_measure))  # a column of its own (机关运行经费决算数), not a 三公 figure
            continue
        for word in measures[len(roles) : len(roles) + each]:
            if not (m := _MEASURE_WORD.fullmatch(word)):
                return None
            roles.append((category, _MEASURES[m.group(1)]))
    return roles if len(roles) == width else None


def _placed(row: list[str], roles: list[tuple[str | None, str]]) -> dict[tuple[str, str], tuple[Decimal, str]]:
    """The cells of a row that lost its empty cells, as the 三公 identities place its figures.

    Every placement of the figures under the columns, in their order, is tried (a column left without a figure
    was blank: 0); those under which 合计 = 出国 + 公务用车 + 接待 and 公务用车 = 购置 + 运行 hold for each measure,
    at the printed precision, survive, and a cell is read where every survivor agrees on it: (category,
    measure) → (amount, as printed; "" for a blank). Empty where no placement holds or none agrees."""
    cells = [c for c in row if c.strip()]
    figures = [parse_number(c) for c in cells]
    slots = {(category, measure): k for k, (category, measure) in enumerate(roles) if category}
    if (
        any(f is None for f in figures)
        or len(slots) < sum(category is not None for category, _ in roles)  # a category twice under a measure
        or comb(len(roles), len(figures)) > _MAX_PLACEMENTS
    ):
        return {}
    identities = [
        (slots[(i["total"], m)], [slots[(p, m)] for p in i["parts"]])
        for i in catalogue().identities
        if i["facts"] == "sangong"
        for m in {measure for _, measure in slots}
        if all((c, m) in slots for c in (i["total"], *i["parts"]))
    ]
    if not identities:
        return {}
    survivors: list[dict[int, int]] = []  # column → the index of the figure placed in it
    for placement in combinations(range(len(roles)), len(figures)):
        at = dict(zip(placement, range(len(figures)), strict=True))
        value = {k: figures[j] for k, j in at.items()}
        bound = {k: text_precision(cells[j]) for k, j in at.items()}  # a blank is 0 exactly
        if all(
            abs(value.get(total, 0) - sum(value.get(p, 0) for p in parts))
            <= bound.get(total, 0) + sum(bound.get(p, 0) for p in parts)
            for total, parts in identities
        ):
            survivors.append(at)
    agreed: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for key, k in slots.items():
        read = [survivor.get(k) for survivor in survivors]
        if read and len({figures[j] if j is not None else 0 for j in read}) == 1:
            j = next((j for j in read if j is not None), None)  # "0.00" printed in one placement, blank in another
            agreed[key] = (figures[j], cells[j]) if j is not None else (Decimal(0), "")
    return agreed


def _sum_holds(total: Decimal, parts: list[Decimal]) -> bool:
    return abs(total - sum(parts)) <= Decimal("0.005") * (len(parts) + 1)


def _resolved(records: list[Record], stated: dict[tuple[str, str], Decimal]) -> list[Record]:
    """A column placed under the wrong heading gives a category two amounts: keep the one its identity
    confirms, with the other figures of the table or, where it prints none, the text's; else neither. (A table
    that reads each category once but does not add up is the report's own contradiction: kept, and found.)"""
    found: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        found.setdefault((record["measure"], record["category"]), []).append(record)
    one = {k: v[0]["amount_wan"] for k, v in found.items() if len({r["amount_wan"] for r in v}) == 1}
    kept = [r for k, v in found.items() if k in one for r in v]
    for (measure, category), candidates in found.items():
        if (measure, category) in one:
            continue
        for identity in (i for i in catalogue().identities if i["facts"] == "sangong"):
            total, parts = identity["total"], identity["parts"]
            members = (total, *parts)
            if category not in members:
                continue
            known = {c: one.get((measure, c), stated.get((measure, c))) for c in members if c != category}
            if any(v is None for v in known.values()):
                continue
            for candidate in candidates:
                values = known | {category: candidate["amount_wan"]}
                if _sum_holds(values[total], [values[p] for p in parts]):
                    kept.append(candidate)
                    break
            else:
                continue
            break
    return kept


def _from_text(doc: Document, document_id: str, fiscal_year: int | None, budget_document: bool) -> Iterator[Record]:
    """Sentences like "“三公”经费财政拨款预算数为170000元，支出决算为0万元".

    A clause names a category and states an amount after 预算/决算/支出; a clause that states an amount
    without naming a category inherits the one named in the clause before it in the same sentence.
    Changes ("较上年减少0.68万元") and shares ("占0%") state no measure and are skipped.
    """
    for paragraph in doc.blocks:
        if not isinstance(paragraph, Paragraph):
            continue
        for sentence in re.split(r"[。!?]", compact(paragraph.text)):
            category, year = None, fiscal_year
            for clause in CLAUSE_BREAK.split(sentence):
                if m := _LEADING_YEAR.match(clause):
                    year = int(m.group(1))
                named = _CATEGORY_RE.search(clause)
                if named:
                    category = named.lastgroup
                    clause = clause[named.end() :]
                    if _SUBJECT_ITEM.match(clause):
                        category = None  # "公务接待费(款)支出16万元": a 公用经费 经济分类 item, not 三公
                if category is None or year is None:
                    continue
                stated = _STATED.search(clause) or (named and _BARE.match(clause))
                if stated and _COMPARED.search(clause[: stated.start()]):
                    continue  # "本年数小于上年预算数40.05万元": a difference from the prior year
                if stated:
                    amount = Decimal(stated.group("number").replace(",", ""))
                    word = stated.groupdict().get("measure") or ("预算" if budget_document else "决算")
                    # in a 预算 document, "…费支出70万元" is what is budgeted
                    budgeted = "预算" in word or (budget_document and word == "支出")
                    measure = _MEASURES["预算" if budgeted else "决算"]
                    raw = stated.group("number") + stated.group("unit")
                    yield _record(
                        document_id,
                        year,
                        measure,
                        category,
                        amount,
                        stated.group("unit"),
                        raw,
                        paragraph.page,
                        "text",
                        paragraph,
                    )


def _record(
    document_id: str, year: int, measure: str, category: str, amount: Decimal, unit: str,
    raw: str, page: int | None, source: str, block: Block,
) -> Record:  # fmt: skip
    return {
        "document_id": document_id,
        "fiscal_year": year,
        "measure": measure,
        "category": category,
        "amount_wan": to_wan(amount, unit),
        "value_raw": raw,
        "page": page,
        "source": source,
        BLOCK: block,
    }
