"""Figures read by OCR from page images: marked `source = 'ocr'`, trusted only as far as the report confirms them.

OCR misreads in ways a text layer never does (0 ↔ O, 1 ↔ l, a lost decimal point, a comma for a point), so
each OCR figure is held to the checks the report itself offers (../shared/STATEMENTS.md §4):
- confirmed by another statement, the text or an identity that holds: published as any figure;
- confirmed by nothing: published, with an `info` finding per page listing them, to check against the scan;
- part of an identity that does not hold (total ≠ Σ parts beyond rounding) and confirmed by nothing else:
  held back (loaded into quarantine.*, not the marts), with a warning naming the identity. The misread
  figure cannot be told from the others of the identity, so all its unconfirmed OCR figures are held.
"""

from __future__ import annotations

from collections import defaultdict

from ingest.document import Document
from ingest.extract.reconcile import contradicted
from ingest.extract.records import HELD_BACK, Record, finding

SHOWN_PER_PAGE = 10  # unconfirmed figures named in a page's finding; the count covers them all


def _name(record: Record) -> str:
    what = record.get("category") or f"{record.get('line_code')} {record.get('line_name') or ''}".strip()
    return f"{what} {record['measure']} {record['fiscal_year']}"


def _figure(record: Record) -> str:
    return f"{_name(record)} = {record['amount_wan']} 万元 (printed “{record.get('value_raw')}”)"


def mark_ocr(doc: Document, document_id: str, money: list[Record], others: list[Record]) -> list[Record]:
    """Mark the facts read from OCR pages, hold back the contradicted ones; returns the findings.

    `money` are the budget lines and 三公 figures after confirmation; `others` the remaining fact records.
    """
    pages = set(doc.ocr_pages)
    if not pages:
        return []
    findings = []
    held: set[int] = set()
    budget_lines = [r for r in money if "line_code" in r]
    sangong = [r for r in money if "line_code" not in r]
    for name, members in contradicted(budget_lines, sangong):
        suspects = [m for m in members if m.get("page") in pages and not m["confirmed"] and id(m) not in held]
        if not suspects:
            continue
        for record in suspects:
            record[HELD_BACK] = True
            held.add(id(record))
        total, parts = members[0], members[1:]
        findings.append(
            finding(
                document_id,
                "ocr_figure_contradicted",
                f"{doc.file_name} page {suspects[0]['page']}: figures read by OCR break the identity {name} "
                f"({_name(total)}: {total['amount_wan']} ≠ Σ {len(parts)} parts "
                f"{sum(p['amount_wan'] for p in parts)}); held back from the marts: "
                + "; ".join(_figure(r) for r in suspects),
                expected=sum(p["amount_wan"] for p in parts),
                actual=total["amount_wan"],
                page=suspects[0]["page"],
            )
        )
    unconfirmed: dict[int, list[Record]] = defaultdict(list)
    is_money = {id(r) for r in money}
    for record in (*money, *others):
        if record.get("page") in pages:
            record["source"] = "ocr"
            if id(record) in is_money and not record["confirmed"] and id(record) not in held:
                unconfirmed[record["page"]].append(record)
    for page, records in sorted(unconfirmed.items()):
        more = len(records) - SHOWN_PER_PAGE
        what, them = ("figure", "it") if len(records) == 1 else ("figures", "them")
        findings.append(
            finding(
                document_id,
                "ocr_figure_unconfirmed",
                f"{doc.file_name} page {page}: {len(records)} {what} read by OCR that no other statement or "
                f"identity confirms; check {them} against the page image: "
                + "; ".join(_figure(r) for r in records[:SHOWN_PER_PAGE])
                + (f" (and {more} more)" if more > 0 else ""),
                severity="info",
                page=page,
            )
        )
    return findings
