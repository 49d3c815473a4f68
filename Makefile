# yusuan — the two commands of the README, and the usual helpers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DOCS_PORT ?= 8080

.PHONY: run test lint dagster docs samples clean

$(BIN)/yusuan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: $(BIN)/yusuan          ## install, then ingest the bundled samples and publish warehouse/yusuan.duckdb
	$(BIN)/yusuan run

test: $(BIN)/yusuan         ## install, then lint (Python and the dbt SQL) and run the test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests
	$(BIN)/pytest

dagster: $(BIN)/yusuan      ## the Dagster UI on http://127.0.0.1:3000 (assets, checks, sensor, schedule)
	@mkdir -p warehouse/dagster && [ -f warehouse/dagster/dagster.yaml ] || cp orchestration/dagster.yaml warehouse/dagster/
	DAGSTER_HOME=$(CURDIR)/warehouse/dagster DAGSTER_DISABLE_TELEMETRY=1 $(BIN)/dagster dev -m orchestration.definitions

docs: $(BIN)/yusuan         ## the dbt docs of the published warehouse, served on http://127.0.0.1:$(DOCS_PORT)
	$(BIN)/yusuan docs --port $(DOCS_PORT)

samples: $(BIN)/yusuan      ## regenerate samples/landing from samples/generator.py
	$(BIN)/python -m samples.generator

clean:
	rm -rf warehouse/*.duckdb* warehouse/extracted warehouse/logs warehouse/docs dbt_project/target
