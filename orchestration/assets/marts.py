"""The dbt project as assets: staging views and marts tables built in the run's build file."""

import importlib.metadata
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from orchestration.resources import YusuanResource
from orchestration.settings import PROJECT_DIR

DBT_DIR = PROJECT_DIR / "dbt_project"
dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


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


def ensure_manifest() -> None:
    """`dbt parse` when the manifest is missing or older than the project's files (a fresh clone)."""
    manifest = dbt_project.manifest_path
    sources = [p for p in DBT_DIR.rglob("*") if p.suffix in (".sql", ".yml") and "target" not in p.parts]
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


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=LayerTranslator(), pool="warehouse")
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, yusuan: YusuanResource) -> Iterator:
    os.environ["YUSUAN_BUILD_PATH"] = str(yusuan.build_file)  # read by dbt_project/profiles.yml
    yield from dbt.cli(["build"], context=context).stream()
