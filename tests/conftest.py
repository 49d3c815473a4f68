from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
CORPUS_PDF = SHARED / "corpus" / "pdf"
GOLDEN = PROJECT / "tests" / "golden"  # labels of the corpus documents, written from reading them


def pytest_collection_modifyitems(config, items):
    if not SEEDS.is_dir():
        raise pytest.UsageError(f"the shared corpus is missing: expected {SEEDS} beside the checkout")


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory):
    """The seeds published once into a temporary warehouse: (landing, warehouse file, exit code, stdout)."""
    import contextlib
    import io

    from orchestration.cli import main

    root = tmp_path_factory.mktemp("seeds")
    landing = root / "landing"
    shutil.copytree(SEEDS, landing)
    warehouse = root / "warehouse" / "yusuan.duckdb"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", "--landing", str(landing), "--warehouse", str(warehouse)])
    return landing, warehouse, code, out.getvalue()


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """The whole corpus (five seeds and three PDFs) published into a temporary warehouse."""
    from tests.helpers import run_cli

    root = tmp_path_factory.mktemp("corpus")
    landing = root / "landing"
    shutil.copytree(SEEDS, landing / "seeds")
    shutil.copytree(CORPUS_PDF, landing / "pdf")
    warehouse = root / "warehouse" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    return warehouse
