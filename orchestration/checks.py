"""The Great Expectations suites as blocking asset checks: a failure stops publication."""

from types import ModuleType

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetKey, asset_check

from expectations.suites import suites
from ingest.progress import Progress
from orchestration.resources import YusuanResource


def _gate(suite: ModuleType):
    layer, table = suite.TABLE.split(".")
    name = suite.__name__.rsplit(".", 1)[-1]

    @asset_check(asset=AssetKey([layer, table]), name=f"gx_{name}", blocking=True, description=suite.__doc__)
    def gate(context: AssetCheckExecutionContext, yusuan: YusuanResource) -> AssetCheckResult:
        from expectations.gates import run_suite

        result = run_suite(yusuan.build_file, suite)
        _progress(context.op_execution_context.run_id).advance()
        return AssetCheckResult(
            passed=result.success,
            severity=AssetCheckSeverity.ERROR,
            metadata={"suite": name, "expectations": result.evaluated, "failed": "\n".join(result.failures)},
        )

    return gate


SUITES = [suite for layer in ("raw", "marts") for suite in suites(layer)]
_RUNS: dict[str, Progress] = {}  # the gates of the current run so far, for the progress line


def _progress(run_id: str) -> Progress:
    if run_id not in _RUNS:
        _RUNS.clear()
        _RUNS[run_id] = Progress(len(SUITES), "Great Expectations suites", verb="checked")
    return _RUNS[run_id]


def gx_checks() -> list:
    return [_gate(suite) for suite in SUITES]
