"""Run a suite against a table of the build file: the pandas route (GX 1.x has no DuckDB datasource).

GX is imported here, lazily, only when a gate runs: importing it costs seconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from warehouse.connection import connect


@dataclass
class GateResult:
    suite: str
    table: str
    evaluated: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.failures


def _exception(result) -> str | None:
    """The first error GX met computing the expectation (e.g. a missing column), as one line."""
    info = result.exception_info or {}
    infos = [info] if "exception_message" in info else list(info.values())
    messages = [i.get("exception_message") for i in infos if isinstance(i, dict) and i.get("raised_exception")]
    return messages[0].strip().splitlines()[0] if messages and messages[0] else None


def _describe(result) -> str:
    config = result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "value_set")}
    head = f"{config.type}({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    if error := _exception(result):
        return f"{head}: could not be evaluated: {error}"
    detail = result.result or {}
    sample = detail.get("partial_unexpected_list") or detail.get("observed_value")
    count = detail.get("unexpected_count")
    found = f"{count} unexpected, e.g. {sample[:3]}" if count else f"observed {sample}"
    return f"{head}: {found}"


def run_suite(build_path: Path, suite: ModuleType) -> GateResult:
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    name = suite.__name__.rsplit(".", 1)[-1]
    con = connect(build_path, read_only=True)
    try:
        frame = con.execute(f"SELECT * FROM {suite.TABLE}").df()
        expectations = suite.expectations(con)
    finally:
        con.close()
    # in memory only: no Data Docs site (GX would otherwise leave a temporary folder per context)
    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False))
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas("warehouse")
        .add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe("all")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    validation = batch.validate(gx.ExpectationSuite(name=name, expectations=expectations))
    failures = [_describe(r) for r in validation.results if not r.success]
    return GateResult(suite=name, table=suite.TABLE, evaluated=len(validation.results), failures=failures)
