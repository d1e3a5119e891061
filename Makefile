# Quick start: `make serve` (build and serve on http://127.0.0.1:8000) and `make test`.
# Each target installs what it needs first: a virtualenv in .venv, npm packages from
# package-lock.json, and (for tests) Debian's Chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: help deps site serve test lint typecheck unit browser-deps clean bench bench-engine catalog docs

help:
	@echo "make serve   build site/ and serve it on http://$(HOST):$(PORT)/"
	@echo "make site    build site/ only"
	@echo "make test    lint, type-check and run every test (browser included)"
	@echo "make bench   page load and update speed (BENCHMARKS.md), after make bench-engine"
	@echo "make bench-engine  pycore's compute time per input over random scenarios"
	@echo "make catalog regenerate pycore/catalog.py after editing the presets in content/"
	@echo "make docs    rewrite docs/model.md's formula table from pycore/explain.py"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: $(VENV)/.installed node_modules/.installed

browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium'"; exit 1; \
	  fi; \
	fi

site: deps
	$(PY) build.py

serve: deps
	@echo "Serving site/ on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) build.py --serve --host $(HOST) --port $(PORT)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: deps
	$(VENV)/bin/mypy

test: deps browser-deps lint typecheck
	$(VENV)/bin/pytest

catalog: deps
	$(PY) -m sitegen.catalog
	$(VENV)/bin/ruff format pycore/catalog.py

docs: deps
	$(PY) tools/docs_formulas.py

clean:
	rm -rf site .site-* .pytest_cache .mypy_cache .ruff_cache

bench: deps browser-deps site bench-engine
	$(PY) bench/run.py

# pycore's compute per input in CPython over seeded random scenarios (no browser; seconds)
bench-engine: deps
	$(PY) bench/engine_fuzz.py
