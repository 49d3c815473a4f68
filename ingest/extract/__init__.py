"""Document → records for every raw table. Pure functions: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ingest.document import Document
from ingest.extract.audit import audit
from ingest.extract.budget import extract_budget_lines
from ingest.extract.charts import check_charts
from ingest.extract.checks import (
    check_balance,
    check_blank_cells,
    check_changes,
    check_empty_statements,
    check_sangong_units,
    check_text,
    check_total_score,
)
from ingest.extract.classify import classify, document_parts
from ingest.extract.columns import check_statement_arithmetic
from ingest.extract.derived import check_derived
from ingest.extract.evaluations import check_counts, check_evaluations
from ingest.extract.headcount import extract_headcount
from ingest.extract.numbers import parse_number
from ingest.extract.performance import extract_performance
from ingest.extract.reconcile import (
    check_listed_classes,
    check_restatements,
    confirm,
    confirm_completion,
    confirm_listed,
    confirm_shares,
)
from ingest.extract.records import BLOCK, RAW_TABLES, Record, finding
from ingest.extract.regions import locate
from ingest.extract.sangong import extract_sangong
from ingest.extract.scanned import mark_ocr
from ingest.extract.statements import locate as locate_statements
from ingest.extract.target_forms import extract_targets


@dataclass
class Extraction:
    document: Record
    sangong: list[Record] = field(default_factory=list)
    budget_line: list[Record] = field(default_factory=list)
    evaluation: list[Record] = field(default_factory=list)
    indicator: list[Record] = field(default_factory=list)
    headcount: list[Record] = field(default_factory=list)
    target: list[Record] = field(default_factory=list)
    finding: list[Record] = field(default_factory=list)

    def tables(self) -> dict[str, list[Record]]:
        return {name: [self.document] if name == "document" else getattr(self, name) for name in RAW_TABLES}


def unread_tables(doc: Document, document_id: str, facts: list[Record]) -> list[Record]:
    """Tables full of figures that none of the extracted facts come from: say so rather than guess.

    A table counts as read when most of its figures are among the extracted values (a table that
    repeats another's figures adds nothing new).
    """
    values = {n.normalize() for r in facts if (n := parse_number(str(r.get("value_raw") or ""))) is not None}
    values |= {v.normalize() for r in facts for v in r.values() if isinstance(v, Decimal)}
    findings = []
    for table in doc.tables:
        # amounts only: codes (2013101) and counts are whole numbers, money is printed with decimals
        figures = {n.normalize() for row in table.rows for c in row if "." in c and (n := parse_number(c))}
        if table.page is None or len(figures) < 4 or len(figures & values) * 2 >= len(figures):
            continue
        title = next((c for c in table.rows[0] if c), "")[:40]
        findings.append(
            finding(
                document_id,
                "table_not_read",
                f"{doc.file_name} page {table.page}: table “{title}” ({len(table.rows)} rows) was not mapped to "
                "any mart; most of its figures are not in the warehouse",
                page=table.page,
            )
        )
    return findings


def extract(doc: Document, document: Record) -> Extraction:
    """Fill `document` (which holds the file's identity) and extract every fact the document states."""
    document_id = document["document_id"]
    kind = classify(doc)
    region = locate(kind.department_name, "".join(p.text for p in doc.paragraphs))
    document.update(
        file_format=doc.file_format,
        page_count=doc.page_count,
        report_kind=kind.report_kind,
        department_name=kind.department_name,
        province=region.province,
        city=region.city,
        county=region.county,
        fiscal_year=kind.fiscal_year,
        self_eval_score=kind.self_eval_score,
        self_eval_grade=kind.self_eval_grade,
    )
    budget_document = kind.report_kind == "budget"
    statements = locate_statements(doc)  # the tables as statements, read by the extractors below
    readings: list[Record] = []  # 三公 cells placed by the identities: for the checks, not published
    sangong, findings = extract_sangong(doc, document_id, kind.fiscal_year, budget_document, statements, readings)
    # a budget is filed before the money is spent: its forms are 绩效目标 (targets), never self-evaluations
    targets = kind.report_kind == "performance_target"
    evaluations, indicators, funding_lines, point_findings = (
        ([], [], [], []) if budget_document or targets else extract_performance(doc, document_id, kind)
    )
    # a 绩效目标 form's money is its projects' funding, in fct_performance_target
    budget_lines = (
        [] if targets else extract_budget_lines(doc, document_id, kind.fiscal_year, budget_document, statements)
    ) + funding_lines
    findings += point_findings
    if kind.report_kind is None:
        findings.append(
            finding(
                document_id,
                "report_kind_unknown",
                f"{doc.file_name}: no report title found (部门预算/决算/绩效自评/评价报告); is it a report?",
            )
        )
    target_rows: list[Record] = []
    if targets:
        target_rows, target_findings, budget_unit = extract_targets(doc, document_id, kind.fiscal_year)
        findings += target_findings
        document["department_name"] = budget_unit or kind.department_name
        if not target_rows:
            findings.append(
                finding(
                    document_id,
                    "targets_not_read",
                    f"{doc.file_name}: a 绩效目标 form (targets, not a self-evaluation), but no indicator table "
                    "(一级/二级/三级指标 with 目标值 or 指标值) was read from it",
                )
            )
    if kind.report_kind is not None and kind.fiscal_year is None:
        findings.append(
            finding(document_id, "fiscal_year_unknown", f"{doc.file_name}: no fiscal year found in the report's title")
        )
    if kind.report_kind in ("dept_performance", "project_performance") and not evaluations:
        findings.append(
            finding(
                document_id,
                "evaluation_not_read",
                f"{doc.file_name}: a self-evaluation report, but no 自评表 and no total score were read from it",
            )
        )
    findings += [finding(document_id, note.check_id, note.message, page=note.page) for note in doc.notes]
    findings += check_text(doc, document_id, kind.fiscal_year) + check_derived(
        doc, document_id, kind.fiscal_year, budget_lines, [*readings, *sangong]
    )
    findings += check_sangong_units(sangong, document_id)
    findings += check_changes(doc, document_id, kind.fiscal_year)
    findings += check_empty_statements(doc, document_id, statements)
    findings += check_blank_cells(indicators, document_id)
    findings += check_total_score(kind.report_kind, kind.self_eval_score, evaluations, document_id)
    findings += check_balance(doc, document_id, statements)
    findings += check_statement_arithmetic(statements, document_id)
    facts = [*sangong, *budget_lines, *evaluations, *indicators]
    if not target_rows:  # a 绩效目标 form's tables are its targets, read above
        findings += unread_tables(doc, document_id, facts)
    incomplete = kind.report_kind is None or kind.fiscal_year is None or doc.notes or (targets and not target_rows)
    document["extraction_status"] = "partial" if incomplete else "ok"
    findings += check_listed_classes(budget_lines, document_id)
    findings += check_restatements(budget_lines, document_id)
    findings += check_evaluations(doc, document_id, kind.fiscal_year, evaluations, indicators, budget_lines)
    findings += check_counts(doc, document_id, evaluations)
    findings += check_charts(doc, document_id, kind.fiscal_year)
    findings += audit(doc, document_id, kind.fiscal_year, statements, budget_lines, sangong)
    confirm(budget_lines, sangong)
    confirm_listed(doc, budget_lines, sangong)
    confirm_shares(doc, budget_lines, sangong)
    confirm_completion(doc, budget_lines, sangong)
    document["facts_total"] = len(budget_lines) + len(sangong)
    document["facts_confirmed"] = sum(r["confirmed"] for r in (*budget_lines, *sangong))
    headcount = extract_headcount(doc, document_id)
    document["ocr_pages"] = len(doc.ocr_pages)
    findings += mark_ocr(doc, document_id, [*budget_lines, *sangong], [*evaluations, *indicators, *headcount])
    part_of = document_parts(doc, kind.report_kind)
    for record in (*sangong, *budget_lines, *evaluations, *indicators, *headcount):
        record["part"] = part_of.get(id(record.pop(BLOCK, None)), kind.report_kind)
    # a project's form is a 项目自评表 wherever it is attached (forms can share one table in an export)
    projects = {e["evaluation_id"] for e in evaluations if e["scope"] == "project"}
    for record in (*evaluations, *indicators):
        if record["evaluation_id"] in projects and record["part"] != "special_fund_evaluation":
            record["part"] = "project_performance"
    return Extraction(
        document=document,
        sangong=sangong,
        budget_line=budget_lines,
        evaluation=evaluations,
        indicator=indicators,
        headcount=headcount,
        target=target_rows,
        finding=findings,
    )
