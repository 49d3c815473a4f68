"""Extraction accuracy against golden files: precision and recall per mart and per document.

    .venv/bin/python -m benchmarks.accuracy                  # every group of the corpus
    .venv/bin/python -m benchmarks.accuracy real rendered    # some groups

Groups: seeds (the five text exports), rendered (the seeds as .docx and PDFs, held to the seeds' labels),
pdf, excerpts (other provinces' templates) and real (whole real reports of other templates, labelled in
tests/golden/real and ../shared/golden/real). A golden file (YAML) lists what each mart should hold for one
report, written from reading the report. A row matches when its keys match and its amount is within
0.01 万元 (scores and weights: exactly); each extracted row matches at most once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml

from ingest.discover import LandedFile, sha256_of
from ingest.normalize import compact
from ingest.pipeline import process

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden"
CANONICAL = {
    "total_income", "total_expenditure", "grand_total", "fiscal_appropriation", "general_public_budget",
    "government_fund", "basic_expenditure", "personnel_expenditure", "public_expenditure", "project_expenditure",
    "operating_expenditure_of_organs", "government_procurement",
}  # fmt: skip
MARTS = ("dim_document", "fct_sangong", "fct_budget_line", "subject_lines", "fct_headcount",
         "fct_performance_evaluation", "fct_performance_indicator", "fct_performance_target",
         "fct_quality_finding")  # fmt: skip
GROUPS = ("seeds", "rendered", "pdf", "excerpts", "real", "targets")


@dataclass
class Score:
    matched: int = 0
    extracted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _text(value: object) -> str | None:
    return None if value is None else compact(str(value)).replace("≧", "≥").replace("≦", "≤")


def _number(value: object) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _match(expected: list[tuple], extracted: list[tuple]) -> Score:
    """Rows are (key..., amount); amounts match within 0.01. Each extracted row matches at most once."""
    left = list(extracted)
    matched = 0
    for row in expected:
        for i, candidate in enumerate(left):
            if candidate[:-1] == row[:-1] and _close(candidate[-1], row[-1]):
                matched += 1
                del left[i]
                break
    return Score(matched, len(extracted), len(expected))


def _close(a: object, b: object) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return abs(a - b) <= Decimal("0.01")
    return a == b


# the real reports' labels: ours, and the independent ones published beside the corpus
REAL_GOLDEN = (GOLDEN / "real", ROOT.parent / "shared" / "golden" / "real")


def _distinct(rows: Iterable[tuple]) -> list[tuple]:
    """One row per fact: the same key with amounts within the tolerance (86,959,408.34 元 in a statement and
    8695.94万元 in the text) is one figure printed twice."""
    kept: list[tuple] = []
    for row in sorted(set(rows), key=str):
        if not any(k[:-1] == row[:-1] and _close(k[-1], row[-1]) for k in kept):
            kept.append(row)
    return kept


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cases(*groups: str) -> list[tuple[dict, Path]]:
    """(golden labels, document) for each document of the groups; a rendered seed has its seed's labels."""
    out = []
    for group in groups or GROUPS:
        if group == "targets":  # 绩效目标 workbooks, labelled in tests/golden/targets
            goldens = map(_load, sorted((GOLDEN / "targets").glob("*.yaml")))
            out += [(golden, CORPUS / golden["file"]) for golden in goldens]
        elif group == "real":
            goldens = sorted((p for folder in REAL_GOLDEN for p in folder.glob("*.yaml")), key=lambda p: p.name)
            out += [(golden, CORPUS / "real" / Path(golden["file"]).name) for golden in map(_load, goldens)]
        elif group == "rendered":
            for golden in map(_load, sorted(GOLDEN.glob("*.yaml"))):
                if golden["file"].startswith("seeds/"):
                    stem = Path(golden["file"]).stem
                    out += [(golden, path) for path in sorted((CORPUS / "rendered").glob(f"{stem}.*"))]
        else:
            goldens = map(_load, sorted(GOLDEN.glob("*.yaml")))
            out += [(golden, CORPUS / golden["file"]) for golden in goldens if golden["file"].startswith(f"{group}/")]
    return out


def _value(text: object) -> Decimal | str | None:
    try:
        return None if text is None else Decimal(str(text))
    except ArithmeticError:
        return str(text)


def _findings(golden: dict, findings: list[dict]) -> Score:
    """Findings match on check_id, expected and actual (numbers compared as numbers). Only truth files that
    list findings as records are scored: the seeds' golden files describe them in prose."""
    truth = golden.get("findings") or []
    if any(not isinstance(f, dict) for f in truth) or "findings" not in golden:
        return Score()

    def row(f: dict) -> tuple:
        return (f["check_id"], _value(f.get("expected")), _value(f.get("actual")))

    return _match([row(f) for f in truth], [row(f) for f in findings])


def score_document(golden: dict, tables: dict[str, list[dict]], findings: list[dict] | None = None) -> dict[str, Score]:
    """Scores per mart; `findings` are the document's rows of marts.fct_quality_finding (None: not scored)."""
    document = tables["document"][0]
    # every field the golden states must match, and a score or grade it does not state must not be read
    expected_doc = {"self_eval_score": None, "self_eval_grade": None} | golden["document"]
    doc_ok = all(
        _number(v) == _number(document.get(k))
        if k == "self_eval_score"
        else _text(v) == _text(document.get(k))
        if k == "department_name"
        else v == document.get(k)
        for k, v in expected_doc.items()
    )
    scores = {"dim_document": Score(int(doc_ok), 1, 1)}
    scores["fct_sangong"] = _match(
        [
            (r["fiscal_year"], r["measure"], r["category"], _number(r["amount_wan"]))
            for r in golden.get("sangong") or []
        ],
        [(r["fiscal_year"], r["measure"], r["category"], _number(r["amount_wan"])) for r in tables["sangong"]],
    )
    # a figure the report states in several places is one fact: budget lines compare as distinct facts
    scores["fct_budget_line"] = _match(
        _distinct((r["fiscal_year"], r["measure"], r["line_code"], _number(r["amount_wan"]))
                  for r in golden.get("budget_lines") or []),
        _distinct((r["fiscal_year"], r["measure"], r["line_code"], _number(r["amount_wan"]))
                  for r in tables["budget_line"] if r["line_code"] in CANONICAL),
    )  # fmt: skip
    # 功能分类/经济分类 科目 lines, where the golden labels them (subject_lines)
    scores["subject_lines"] = (
        _match(
            _distinct((r["fiscal_year"], r["measure"], str(r["line_code"]), _number(r["amount_wan"]))
                      for r in golden["subject_lines"]),
            _distinct((r["fiscal_year"], r["measure"], r["line_code"], _number(r["amount_wan"]))
                      for r in tables["budget_line"] if re.fullmatch(r"\d{3}(?:\d{2}){0,2}", r["line_code"])),
        )
        if "subject_lines" in golden
        else Score()
    )  # fmt: skip
    scores["fct_headcount"] = _match(
        [(r["metric"], _number(r["headcount"])) for r in golden.get("headcount") or []],
        [(r["metric"], _number(r["headcount"])) for r in tables["headcount"]],
    )
    evaluation_keys = ("scope", "project_name", "project_code", "total_score", "initial_budget_wan",
                       "adjusted_budget_wan", "actual_wan", "execution_rate_reported")  # fmt: skip

    def evaluation_row(e: dict) -> tuple:
        return (*(_text(e.get(k)) if k in ("project_name", "scope", "project_code") else _number(e.get(k))
                  for k in evaluation_keys[:-1]), _number(e.get(evaluation_keys[-1])))  # fmt: skip

    golden_evaluations = golden.get("evaluations") or []
    scores["fct_performance_evaluation"] = _match(
        [evaluation_row({k: e.get(k) for k in evaluation_keys}) for e in golden_evaluations],
        [evaluation_row(e) for e in tables["evaluation"]],
    )
    indicator = Score()
    extracted_by_order = [[i for i in tables["indicator"] if i["evaluation_id"] == e["evaluation_id"]]
                          for e in tables["evaluation"]]  # fmt: skip
    for n, evaluation in enumerate(golden_evaluations):
        mine = extracted_by_order[n] if n < len(extracted_by_order) else []
        keys = ("level1", "level2", "level3", "target_raw", "actual_raw")
        indicator.add(
            _match(
                [(*(_text(r.get(k)) for k in keys), _number(r.get("weight")), _number(r.get("score")))
                 for r in evaluation.get("indicators") or []],
                [(*(_text(r.get(k)) for k in keys), _number(r.get("weight")), _number(r.get("score"))) for r in mine],
            )
        )  # fmt: skip
    extra = sum(len(rows) for rows in extracted_by_order[len(golden_evaluations) :])
    indicator.extracted += extra
    scores["fct_performance_indicator"] = indicator
    scores["fct_performance_target"] = _match(
        [_target_row(target | row) for target in golden.get("targets") or [] for row in target["indicators"]],
        [_target_row(row) for row in tables.get("target", [])],
    )
    scores["fct_quality_finding"] = _findings(golden, findings) if findings is not None else Score()
    return scores


def _target_row(row: dict) -> tuple:
    """A target row: its project, levels, target as printed and as read; the project's funding as the amount."""
    texts = ("level1", "level2", "level3", "target_raw", "target_operator", "target_unit")
    return (
        _text(row.get("project_code") or row.get("project_name")),
        *(_text(row.get(k)) for k in texts),
        _number(row.get("target_value")),
        _number(row.get("funding_total_wan")),
    )


def evaluate(labelled: Iterable[tuple[dict, Path]] | None = None) -> dict[str, dict[str, Score]]:
    """Scores per document (file name) and per mart; the key "all" holds the totals."""
    results: dict[str, dict[str, Score]] = {}
    totals = {mart: Score() for mart in MARTS}
    # the label-free signal: of the money facts read, those a second statement confirms (matched / extracted)
    confirmed = {"canonical facts": Score(), "all money facts": Score()}
    for golden, source in labelled if labelled is not None else cases():
        tables = process(LandedFile(source, sha256_of(source)), datetime(2026, 1, 1))
        results[source.name] = score_document(golden, tables)
        for mart, score in results[source.name].items():
            totals[mart].add(score)
        money = [*tables["budget_line"], *tables["sangong"]]
        canonical = [r for r in money if r.get("line_code", "") in CANONICAL or "category" in r]
        for name, facts in (("canonical facts", canonical), ("all money facts", money)):
            confirmed[name].add(Score(sum(bool(r.get("confirmed")) for r in facts), len(facts), len(facts)))
    results["all"] = totals
    results["confirmed"] = confirmed
    return results


def main() -> None:
    groups = sys.argv[1:] or list(GROUPS)
    summary, confirmed = {}, {}
    print(f"{'document':58} {'mart':28} {'precision':>9} {'recall':>7} {'rows':>9}")
    for group in groups:
        results = evaluate(cases(group))
        summary[group] = results.pop("all")
        confirmed[group] = results.pop("confirmed")
        for document, scores in results.items():
            for mart, s in scores.items():
                if s.expected or s.extracted:
                    print(f"{document[:58]:58} {mart:28} {s.precision:9.3f} {s.recall:7.3f} {s.matched}/{s.expected}")
    print(f"\n{'group':10} {'mart':28} {'precision':>9} {'recall':>7} {'matched/expected (extracted)':>30}")
    for group, scores in summary.items():
        for mart, s in scores.items():
            if s.expected or s.extracted:
                rows = f"{s.matched}/{s.expected} ({s.extracted})"
                print(f"{group:10} {mart:28} {s.precision:9.3f} {s.recall:7.3f} {rows:>30}")

    print(f"\n{'group':10} {'confirmed share':28} {'share':>9} {'confirmed/read':>17}")
    for group, shares in confirmed.items():
        for name, s in shares.items():
            print(f"{group:10} {name:28} {s.precision:9.3f} {f'{s.matched}/{s.extracted}':>17}")


if __name__ == "__main__":
    main()
