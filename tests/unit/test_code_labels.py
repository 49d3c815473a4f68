"""Every code the warehouse stores has a Chinese label in dbt_project/seeds/code_labels.csv (marts.dim_code_label)."""

import ast
import csv
import re
from collections import Counter

import pytest

from expectations.suites import codes
from tests.conftest import PROJECT

LABELS = PROJECT / "dbt_project" / "seeds" / "code_labels.csv"
# each code list of the contract and the label domain it is labelled in
DOMAINS = {
    "REPORT_KINDS": "report_kind",
    "EXTRACTION_STATUSES": "extraction_status",
    "FILE_FORMATS": "file_format",
    "SANGONG_CATEGORIES": "sangong_category",
    "SANGONG_MEASURES": "sangong_measure",
    "SOURCES": "source",
    "SEVERITIES": "severity",
    "STATEMENTS": "statement",
    "MEASURES": "measure",
    "SCOPES": "scope",
    "OPERATORS": "operator",
    "METRICS": "headcount_metric",
}
CHECK_ID = re.compile(r"[a-z]+(?:_[a-z]+)+")


def _labels() -> dict[tuple[str, str], str]:
    with LABELS.open(encoding="utf-8", newline="") as f:
        return {(row["domain"], row["code"]): row["label_zh"] for row in csv.DictReader(f)}


def _unlabelled(domain: str, values) -> list[str]:
    labels = _labels()
    return sorted(v for v in set(values) if (domain, v) not in labels)


def test_each_code_is_labelled_once_in_chinese():
    with LABELS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["domain", "code", "label_zh"]
    assert [key for key, n in Counter((r["domain"], r["code"]) for r in rows).items() if n > 1] == []
    assert [r for r in rows if not re.search(r"[\u4e00-\u9fff]", r["label_zh"]) and r["domain"] != "file_format"] == []


def test_every_code_list_is_labelled():
    lists = {name for name, value in vars(codes).items() if name.isupper() and isinstance(value, list)}
    assert lists == set(DOMAINS), "a new code list in expectations/suites/codes.py needs a label domain"
    for name, domain in DOMAINS.items():
        assert _unlabelled(domain, getattr(codes, name)) == [], name


def test_every_check_the_docs_list_is_labelled():
    text = (PROJECT / "docs" / "quality.md").read_text(encoding="utf-8")
    section = text.split("## Warnings (`check_id`)", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = [c for cell in rows for c in re.findall(r"`([a-z_]+)`", cell)]
    assert len(documented) > 20
    assert _unlabelled("check_id", documented) == []


def _check_id_positions(trees: list[ast.Module]) -> dict[str, int]:
    """Functions and dataclasses taking a check_id: name -> position of that argument."""
    positions = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.args]
            elif isinstance(node, ast.ClassDef):
                names = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and hasattr(s.target, "id")]
            else:
                continue
            if "check_id" in names:
                positions[node.name] = names.index("check_id")
    return positions


def _python_check_ids() -> set[str]:
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted((PROJECT / "ingest").rglob("*.py"))]
    positions = _check_id_positions(trees)
    found = set()
    for tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in positions:
                continue
            args = [
                *call.args[positions[name] : positions[name] + 1],
                *(k.value for k in call.keywords if k.arg == "check_id"),
            ]
            found |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def _sql_check_ids() -> set[str]:
    found = set()
    for path in (PROJECT / "dbt_project" / "models" / "intermediate").glob("int_check_*.sql"):
        for before in path.read_text(encoding="utf-8").split(" as check_id")[:-1]:
            expression = before.rsplit("document_id,", 1)[-1].strip()  # the select list's column before it
            literal = re.fullmatch(r"'(\w+)'", expression)
            found |= {literal[1]} if literal else set(re.findall(r"(?:then|else)\s+'(\w+)'", expression))
    return found


@pytest.mark.parametrize("emitted", [_python_check_ids, _sql_check_ids], ids=["ingest", "dbt"])
def test_every_check_the_product_emits_is_labelled(emitted):
    ids = emitted()
    assert ids and all(CHECK_ID.fullmatch(i) for i in ids), ids
    assert _unlabelled("check_id", ids) == []
