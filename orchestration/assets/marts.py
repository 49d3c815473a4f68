"""The dbt project as assets: staging views and marts tables built in the run's build file."""

import importlib.metadata
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, MetadataValue, Output, TableColumn, TableSchema
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from ingest.progress import Progress
from orchestration.resources import YusuanResource
from orchestration.settings import PROJECT_DIR
from warehouse.connection import connect

DBT_DIR = PROJECT_DIR / "dbt_project"
dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
TARGET_DIR = DBT_DIR / dbt_project.target_path  # the project's target folder (the setting is relative)


class LocalDbtCliResource(DbtCliResource):
    """dbt-core of this environment, started without two costs dagster-dbt pays before each command:
    `dbt --version` in a subprocess (≈ 2 s; the version is in the package metadata) and an in-process
    adapter (≈ 2 s; dagster-dbt uses it only to fetch row counts and column metadata, which yusuan does not
    ask for). Both overrides follow dagster-dbt 0.29's internals; the version is pinned in pyproject.toml.
    """

    @property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None


def dbt_resource() -> DbtCliResource:
    """dbt from this interpreter's environment, so an unactivated virtualenv works too."""
    executable = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"
    return LocalDbtCliResource(project_dir=dbt_project, dbt_executable=executable)


_SOURCES = (".sql", ".yml", ".csv", ".md")


def ensure_manifest() -> None:
    """`dbt parse` when the manifest is missing or older than the project's files (a fresh clone)."""
    manifest = dbt_project.manifest_path
    # the project's own folders only: target/ holds thousands of files of past runs
    folders = [DBT_DIR / name for name in ("models", "macros", "seeds", "tests")]
    sources = [DBT_DIR / "dbt_project.yml", *(p for f in folders for p in f.rglob("*") if p.suffix in _SOURCES)]
    if not manifest.exists() or manifest.stat().st_mtime < max(p.stat().st_mtime for p in sources):
        os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        dbt_resource().cli(["--quiet", "parse"], target_path=dbt_project.target_path).wait()


class LayerTranslator(DagsterDbtTranslator):
    """Asset key = [schema, name]: the layer is the key prefix, as for raw/* (sources keep [raw, table])."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema") or "dbt"


ensure_manifest()


QUIET_FILES = ("--no-write-json", "--log-level-file", "warn")
KEPT_TARGETS = 3  # dagster-dbt writes a target folder per run (≈ 6 MB): the newest few are kept
PREVIEW_ROWS = 5


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=LayerTranslator(), pool="warehouse")
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, yusuan: YusuanResource) -> Iterator:
    os.environ["YUSUAN_BUILD_PATH"] = str(yusuan.build_file)  # read by dbt_project/profiles.yml
    os.environ.setdefault("DBT_USE_COLORS", "false")  # the run log is plain text
    # no JSON artifacts and no debug log file per run: dagster-dbt reads dbt's events from its output, and the
    # run log keeps dbt's console; writing them took a tenth of the build
    invocation = dbt.cli(["build", *QUIET_FILES], context=context, raise_on_error=False)
    progress = Progress(_dbt_nodes(), "dbt models and tests", verb="built")
    # dbt holds the build file until it exits: the tables are described once it has
    events = []
    for event in invocation.stream():
        events.append(event)
        progress.advance()
    _keep_parse(invocation.target_path)
    _prune_targets()
    con = connect(yusuan.build_file, read_only=True)
    try:
        columns = table_columns(con)
        for event in events:
            if isinstance(event, Output):
                table = context.asset_key_for_output(event.output_name)
                described = table_metadata(con, table, yusuan.warehouse_file, columns)
                event = event.with_metadata({**event.metadata, **described})
            yield event
    finally:
        con.close()
    if not invocation.is_successful():
        raise invocation.get_error() or RuntimeError("dbt build failed")


def table_columns(con) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(schema, table) → its columns and their types, in order, for every table of the build file."""
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, name, column, data_type in con.execute(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        "ORDER BY table_schema, table_name, ordinal_position"
    ).fetchall():
        columns.setdefault((schema, name), []).append((column, data_type))
    return columns


def table_metadata(
    con, key: AssetKey, database: Path, columns_of: dict[tuple[str, str], list[tuple[str, str]]]
) -> dict[str, Any]:
    """Dagster's standard table metadata: row count, column schema, the warehouse file it is published in
    and a preview."""
    schema, name = key.path[0], key.path[-1]
    columns = columns_of.get((schema, name))
    if not columns:
        return {}
    rows = con.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
    preview = con.execute(f'SELECT * FROM {schema}."{name}" LIMIT {PREVIEW_ROWS}').fetchall()
    header = "| " + " | ".join(c for c, _ in columns) + " |\n|" + "---|" * len(columns)
    body = "".join("\n| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in preview)
    return {
        "dagster/row_count": rows,
        "dagster/column_schema": TableSchema(columns=[TableColumn(c, t) for c, t in columns]),
        "dagster/relation_identifier": f"{schema}.{name}",
        "path": MetadataValue.path(str(database)),
        "preview": MetadataValue.md(header + body),
    }


def _dbt_nodes() -> int:
    """The models, seeds and tests `dbt build` runs: one event each."""
    nodes = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    return sum(node["resource_type"] in ("model", "seed", "test", "snapshot") for node in nodes)


def _keep_parse(run_target: Path) -> None:
    """The run's parsed project is where dagster-dbt starts the next `dbt build` from: dbt parses again
    only what changed, unless the profile did (another warehouse file)."""
    parsed = run_target / "partial_parse.msgpack"
    if parsed.exists():
        kept = TARGET_DIR / f"partial_parse.msgpack.{os.getpid()}"
        shutil.copyfile(parsed, kept)
        kept.replace(TARGET_DIR / "partial_parse.msgpack")  # atomic: runs may overlap


def _prune_targets() -> None:
    runs = sorted(TARGET_DIR.glob("dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[KEPT_TARGETS:]:
        shutil.rmtree(old, ignore_errors=True)
