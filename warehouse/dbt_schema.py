"""What the dbt project declares about its published models: descriptions, and the keys its tests guarantee.

Read from the yml beside the models (`dbt_project/models/<schema>/*.yml`: the folder is the schema, see
dbt_project.yml), so a new model gets its comments and keys by being described and tested there. A key is
derived only from what a blocking test or the enforced contract guarantees:

- primary key: the contract's `primary_key` constraint, else a column tested `unique` and `not_null`, else a
  `unique_combination` whose every column is `not_null`;
- unique: any other `unique` column or `unique_combination` (PostgreSQL lets NULLs repeat, the test does not);
- foreign key: a `relationships` test to a model of the same schema, onto its primary or unique key.

A test with a `where` or a `warn` severity guarantees nothing and is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MODELS_DIR = Path(__file__).resolve().parent.parent / "dbt_project" / "models"

_ALIAS = re.compile(r"config\([^)]*\balias\s*=\s*['\"]([^'\"]+)['\"]")
_REF = re.compile(r"ref\(\s*['\"]([^'\"]+)['\"]\s*\)")


@dataclass
class Model:
    relation: str  # the table or view name (the model's alias, else its name)
    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # column → description
    primary_key: tuple[str, ...] = ()
    unique: list[tuple[str, ...]] = field(default_factory=list)
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (column, model, its column)


def _text(description: Any) -> str:
    """A description on one line: folded yml keeps line breaks and indentation."""
    return " ".join(str(description or "").split())


def _tests(entry: dict) -> list[tuple[str, dict]]:
    """(name, arguments) of the blocking tests of a model or column, in either yml style."""
    tests = []
    for test in [*(entry.get("data_tests") or []), *(entry.get("tests") or [])]:
        if isinstance(test, str):
            tests.append((test, {}))
            continue
        ((name, body),) = test.items()
        body = body or {}
        config = {**body, **(body.get("config") or {})}
        if config.get("where") or str(config.get("severity", "error")).lower() == "warn":
            continue
        if config.get("enabled") is False:
            continue
        tests.append((name, body.get("arguments") or body))
    return tests


def _alias(yml: Path, name: str, config: dict) -> str:
    if config.get("alias"):
        return str(config["alias"])
    for sql in yml.parent.rglob(f"{name}.sql"):
        match = _ALIAS.search(sql.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return name


def _model(yml: Path, entry: dict) -> tuple[Model, list[tuple[str, str, str]]]:
    """The model with its keys, and its relationships tests (column, referenced model name, field)."""
    model = Model(_alias(yml, entry["name"], entry.get("config") or {}), _text(entry.get("description")))
    primary: list[str] = []
    not_null: set[str] = set()
    unique: list[tuple[str, ...]] = []
    relationships = []
    for column in entry.get("columns") or []:
        name = str(column["name"])
        model.columns[name] = _text(column.get("description"))
        constraints = {c.get("type") for c in column.get("constraints") or []}
        tests = _tests(column)
        names = {test for test, _ in tests}
        if "primary_key" in constraints:
            primary.append(name)
        if constraints & {"not_null", "primary_key"} or "not_null" in names:
            not_null.add(name)
        if constraints & {"unique", "primary_key"} or "unique" in names:
            unique.append((name,))
        for test, args in tests:
            ref = _REF.search(str(args.get("to", ""))) if test == "relationships" else None
            if ref and args.get("field"):
                relationships.append((name, ref.group(1), str(args["field"])))
    for constraint in entry.get("constraints") or []:
        if constraint.get("type") == "primary_key":
            primary = [str(c) for c in constraint.get("columns") or []]
    for test, args in _tests(entry):
        if test == "unique_combination" and args.get("columns"):
            unique.append(tuple(str(c) for c in args["columns"]))
    candidates = [tuple(primary)] if primary else [key for key in unique if set(key) <= not_null]
    model.primary_key = candidates[0] if candidates else ()
    model.unique = list(dict.fromkeys(key for key in unique if key != model.primary_key))
    return model, relationships


def models(schema: str, models_dir: Path = MODELS_DIR) -> dict[str, Model]:
    """The models of `schema` by relation name, with foreign keys onto keys of the same schema."""
    parsed: dict[str, tuple[Model, list[tuple[str, str, str]]]] = {}
    for yml in sorted((models_dir / schema).glob("*.yml")):
        document = yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
        for entry in document.get("models") or []:
            parsed[entry["name"]] = _model(yml, entry)
    for model, relationships in parsed.values():
        for column, target, target_field in relationships:
            if target not in parsed:
                continue  # another schema's model: no foreign key across schemas
            referenced = parsed[target][0]
            if (target_field,) in (referenced.primary_key, *referenced.unique):
                model.references.append((column, referenced.relation, target_field))
    return {model.relation: model for model, _ in parsed.values()}
