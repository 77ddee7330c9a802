# Two commands do all set-up: `make run` (main job on the embedded sample) and `make test`;
# `make check` lints and type-checks.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GX_ANALYTICS_ENABLED := false
export DAGSTER_HOME ?= $(CURDIR)/data/out/dagster_home

.PHONY: install run fetch test check accuracy bench clean chromium

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/hemicycle run

# Debian's Chromium for the data card's browser tests (installed when missing and possible).
chromium:
	@bash scripts/ensure-chromium.sh

fetch: $(STAMP)  # new and changed documents from both assemblies (network; set HEMICYCLE_CONTACT)
	$(BIN)/hemicycle run --source http

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

# ruff (lint) and mypy --strict over every package, the tests, benchmarks and scripts
# (settings in pyproject.toml).
check: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/mypy

# Benchmarks at scale (not part of `make test`): SCALE=10k (default) or SCALE=100k.
SCALE ?= 10k
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.run --scale $(SCALE)

# Parsers scored on the repository's corpus (data/corpus), or on another copy: make accuracy CORPUS=path
CORPUS ?=
accuracy: $(STAMP)
	$(BIN)/python -m hemicycle.accuracy $(if $(CORPUS),--corpus $(CORPUS))

clean:
	rm -rf data/out
