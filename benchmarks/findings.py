"""Findings scored like facts: the warehouse's contradictions against those a careful reader lists.

Each corpus document's contradictions are labelled in tests/golden/findings/ (written from reading the
document: what is printed wrong, the figure the other side gives, where). Per group this runs `yusuan run`
on the group's files and matches marts.fct_quality_finding against the labels:

- recall: labelled contradictions a finding names (both figures, or the kind when no figure is wrong);
- precision: findings that name a labelled contradiction, of the findings about the report's content;
- false warnings per document: `warning`s that name no labelled contradiction;
- parity: a rendered seed (.docx, PDF) must give exactly the findings of its .txt.

    python -m benchmarks.findings [group ...]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import yaml

from benchmarks.accuracy import CORPUS, GOLDEN, GROUPS

LABELS = GOLDEN / "findings"
# the golden kind each check finds; other checks report on the reading (a table not read, a page without
# text), not on the report's content, and are not scored
KINDS: dict[str, str] = {
    "yoy_percent_mismatch": "growth_rate",
    "growth_rate_mismatch": "growth_rate",
    "share_mismatch": "share",
    "change_amount_mismatch": "change_amount",
    "completion_rate_mismatch": "completion_rate",
    "execution_rate_mismatch": "completion_rate",
    "execution_score_mismatch": "score",
    "parts_do_not_sum_to_total": "total_and_parts",
    "function_class_sums": "total_and_parts",
    "economic_class_sums": "total_and_parts",
    "sangong_parts_sum_to_total": "total_and_parts",
    "sangong_vehicle_parts_sum": "total_and_parts",
    "basic_is_personnel_plus_public": "total_and_parts",
    "basic_plus_project_exceeds_total": "total_and_parts",
    "income_total_is_expenditure_total": "total_and_parts",
    "column_parts_sum": "total_and_parts",
    "row_parts_sum": "total_and_parts",
    "indicator_weights_do_not_sum": "score",
    "indicator_score_above_weight": "score",
    "total_score_is_sum_of_scores": "score",
    "same_line_differs": "same_line",
    "sangong_stated_twice_differently": "same_line",
    "text_and_table_disagree": "text_and_table",
    "level_stated_twice_differently": "text_and_table",
    "change_stated_twice_differently": "two_statements_of_one_change",
    "fiscal_year_out_of_place": "year",
    "template_placeholder_left": "placeholder",
    "amount_missing": "missing_amount",
    "empty_statement_without_note": "empty_statement",
    "sangong_printed_in_yuan": "other",
    "percent_from_zero_base": "growth_rate",  # or completion_rate: see _kind
    # a part beyond its whole, a count against what it counts: labelled `other`
    "part_exceeds_whole": "other",
    "count_differs_from_parts_listed": "other",
    "count_stated_twice_differently": "other",
    "evaluations_stated_fewer_than_forms": "other",
    "narrative_differs_from_form": "text_and_table",
    "basic_plus_project_exceeds_form_spending": "text_and_table",
    "chart_differs_from_text": "same_line",
    "staff_control_rate_mismatch": "share",
    "change_direction_contradicts_levels": "other",
    "empty_note_contradicts_statement": "other",
    "purpose_contradicts_statement": "other",
    "comparison_base_mixed": "other",
    "reason_names_other_item": "other",
    "amount_without_unit": "other",
    "reason_cut_off": "other",
    "government_level_out_of_place": "department",
}
SEVERITIES = ("warning", "info")


@dataclass
class FindingScore:
    labelled: int = 0
    found: int = 0  # labelled contradictions a finding names
    findings: int = 0
    true: int = 0  # findings that name a labelled contradiction
    false_warnings: int = 0
    documents: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.true / self.findings if self.findings else 1.0


def _number(value: object) -> Decimal | None:
    try:
        return None if value is None else Decimal(re.sub(r"[,%万元\s]", "", str(value)))
    except InvalidOperation:
        return None


def _names(label: dict, finding: dict) -> bool:
    """A finding names a labelled contradiction when it states both figures (either way round), or, for a
    contradiction without a wrong figure, when it is of the same kind."""
    figures = [_number(label.get("printed")), _number(label.get("correct"))]
    stated = [_number(finding["expected"]), _number(finding["actual"])]
    if finding["check_id"] == "execution_rate_mismatch":  # a rate stated as a fraction, labelled in %
        stated = [s * 100 if s is not None else None for s in stated]
    if all(f is not None for f in figures):
        # the other side's figure may be stated to the printed figure's digits or to more
        digits = len(str(label["printed"]).partition(".")[2])
        tolerance = max(Decimal("0.011"), Decimal(1).scaleb(-digits) / 2 + Decimal("0.001"))
        return all(any(s is not None and abs(s - f) <= tolerance for s in stated) for f in figures)
    pages = {
        page
        for first, last in re.findall(r"\bp(\d+)(?:-p?(\d+))?", label.get("where") or "")
        for page in range(int(first), int(last or first) + 1)
    }
    on_page = not pages or finding["page"] is None or finding["page"] in pages
    return _kind(finding) == label["kind"] and on_page


def _kind(finding: dict) -> str | None:
    """The golden kind a finding is of: a percentage of a zero base is a growth rate's or a completion rate's,
    as its message names it ("上年为0，增长率无从计算", "预算为0，完成率无从计算")."""
    if finding["check_id"] == "percent_from_zero_base":
        return "completion_rate" if "完成率" in finding["message"] else "growth_rate"
    return KINDS.get(finding["check_id"])


def _labels() -> dict[str, list[dict]]:
    """Document path (relative to the corpus) → its labelled contradictions."""
    out = {}
    for path in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["file"]] = data["contradictions"] or []
    return out


def documents(group: str) -> dict[Path, list[dict]]:
    """The group's documents with their labels; a rendered seed has its seed's."""
    labels = _labels()
    if group == "rendered":
        return {
            path: contradictions
            for file, contradictions in labels.items()
            if file.startswith("seeds/")
            for path in sorted((CORPUS / "rendered").glob(f"{Path(file).stem}.*"))
        }
    return {CORPUS / file: contradictions for file, contradictions in labels.items() if file.startswith(f"{group}/")}


def run(paths: list[Path]) -> dict[str, list[dict]]:
    """`yusuan run` on the files; the findings about each file's content, by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        landing = Path(tmp, "landing")
        landing.mkdir()
        for path in paths:
            shutil.copy(path, landing / path.name)
        warehouse = Path(tmp, "warehouse.duckdb")
        command = [sys.executable, "-m", "orchestration.cli", "run", "--landing", str(landing)]
        subprocess.run(
            [*command, "--warehouse", str(warehouse)],
            check=False, capture_output=True, env={**os.environ, "DAGSTER_HOME": tmp},
        )  # fmt: skip
        with duckdb.connect(str(warehouse), read_only=True) as con:
            rows = con.execute(
                """select d.file_name, f.check_id, f.severity, f.message, f.expected, f.actual, f.page
                   from marts.fct_quality_finding f join marts.dim_document d using (document_id)"""
            ).fetchall()
    found: dict[str, list[dict]] = {path.name: [] for path in paths}
    for file_name, check_id, severity, message, expected, actual, page in rows:
        if check_id in KINDS and severity in SEVERITIES:
            found.setdefault(file_name, []).append(
                {"check_id": check_id, "severity": severity, "message": message, "expected": expected,
                 "actual": actual, "page": page}
            )  # fmt: skip
    return found


def score(labelled: dict[Path, list[dict]], found: dict[str, list[dict]]) -> FindingScore:
    total = FindingScore()
    for path, labels in labelled.items():
        findings = found.get(path.name, [])
        total.documents += 1
        total.labelled += len(labels)
        total.findings += len(findings)
        for label in labels:
            if any(_names(label, f) for f in findings):
                total.found += 1
            else:
                total.missed.append(f"{path.name}: {label['kind']} {label.get('printed')} / {label.get('correct')}")
        for f in findings:
            if any(_names(label, f) for label in labels):
                total.true += 1
            else:
                total.false_warnings += f["severity"] == "warning"
                total.spurious.append(f"{path.name}: {f['check_id']} {f['severity']} {f['message'][:90]}")
    return total


def parity(found: dict[str, list[dict]], seeds: dict[str, list[dict]]) -> list[str]:
    """Rendered seeds whose findings differ from their .txt's (compared by check, severity and figures)."""

    def key(findings: list[dict]) -> Counter:
        return Counter((f["check_id"], f["severity"], _number(f["expected"]), _number(f["actual"])) for f in findings)

    seed_of = {name: f"{name.split('.')[0]}.txt" for name in found}
    return [name for name, findings in found.items() if key(findings) != key(seeds.get(seed_of[name], []))]


def main() -> None:
    groups = sys.argv[1:] or list(GROUPS)
    results, published = {}, {}
    for group in groups:
        labelled = documents(group)
        found = published[group] = run(list(labelled))
        results[group] = score(labelled, found)
        if group == "rendered":
            seeds = published.get("seeds") or run(list(documents("seeds")))
            differing = parity(found, seeds)
            print(f"rendered: {len(differing)} of {len(found)} renderings differ from their .txt: {differing}")
        for line in results[group].missed:
            print(f"missed   {line}")
        for line in results[group].spurious:
            print(f"extra    {line}")
    print(f"\n{'group':10} {'labelled':>8} {'recall':>7} {'findings':>8} {'precision':>9} {'false warnings/doc':>19}")
    for group, s in results.items():
        per_doc = s.false_warnings / s.documents if s.documents else 0
        print(f"{group:10} {s.labelled:8} {s.recall:7.3f} {s.findings:8} {s.precision:9.3f} {per_doc:19.2f}")


if __name__ == "__main__":
    main()
