"""Document → records for every raw table. Pure functions: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.document import Document
from ingest.extract.budget import extract_budget_lines
from ingest.extract.checks import check_sangong_units, check_text
from ingest.extract.classify import classify
from ingest.extract.headcount import extract_headcount
from ingest.extract.performance import extract_performance
from ingest.extract.records import RAW_TABLES, Record, finding
from ingest.extract.regions import locate
from ingest.extract.sangong import extract_sangong


@dataclass
class Extraction:
    document: Record
    sangong: list[Record] = field(default_factory=list)
    budget_line: list[Record] = field(default_factory=list)
    evaluation: list[Record] = field(default_factory=list)
    indicator: list[Record] = field(default_factory=list)
    headcount: list[Record] = field(default_factory=list)
    finding: list[Record] = field(default_factory=list)

    def tables(self) -> dict[str, list[Record]]:
        return {name: [self.document] if name == "document" else getattr(self, name) for name in RAW_TABLES}


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
    sangong, findings = extract_sangong(doc, document_id, kind.fiscal_year, budget_document)
    evaluations, indicators, funding_lines, point_findings = extract_performance(doc, document_id, kind)
    findings += point_findings
    if kind.report_kind is None:
        findings.append(
            finding(
                document_id,
                "report_kind_unknown",
                f"{doc.file_name}: no report title found (部门预算/决算/绩效自评/评价报告); is it a report?",
            )
        )
    findings += [finding(document_id, note.check_id, note.message, page=note.page) for note in doc.notes]
    findings += check_text(doc, document_id, kind.fiscal_year) + check_sangong_units(sangong, document_id)
    incomplete = kind.report_kind is None or kind.fiscal_year is None or doc.notes
    document["extraction_status"] = "partial" if incomplete else "ok"
    return Extraction(
        document=document,
        sangong=sangong,
        budget_line=extract_budget_lines(doc, document_id, kind.fiscal_year, budget_document) + funding_lines,
        evaluation=evaluations,
        indicator=indicators,
        headcount=extract_headcount(doc, document_id),
        finding=findings,
    )
