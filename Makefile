# Every target does its own set-up: a virtual environment in .venv, the Python packages from
# pyproject.toml, the npm packages from package-lock.json. Stamps make repeat runs fast.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
EXAMPLES_STAMP := $(VENV)/.examples-installed
ADDRESS ?= 127.0.0.1:8000
BASE ?= origin/main
WORKFLOWS := $(wildcard .github/workflows/*.yml)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test lint lint-workflows format schema check-versions check-stacks impact bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group test
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The code examples' libraries, pinned to the versions the guide recommends (read from data/).
$(EXAMPLES_STAMP): $(PY_STAMP) data/examples.yaml $(wildcard data/libraries/*.yaml)
	$(PY) -m macros.requirements > $(VENV)/examples-requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/examples-requirements.txt
	@touch $@

setup: $(PY_STAMP) $(NPM_STAMP)

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr $(ADDRESS)

build: setup
	$(VENV)/bin/mkdocs build --strict

test: setup $(EXAMPLES_STAMP)
	@PY=$(PY) sh tests/support/ensure-system.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(MAKE) --no-print-directory lint-workflows
	$(PY) -m pytest

lint: setup lint-workflows
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The GitHub workflows against GitHub's workflow schema (shipped inside check-jsonschema).
lint-workflows: setup
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

schema: setup
	$(PY) -m macros.schema

check-versions: setup
	$(PY) -m macros.freshness $(ARGS)

# What the working tree changes against BASE (a git ref): data files, library fields, pages,
# API documents and selector outcomes, as Markdown; OUT=file writes it there (the set-up's own
# output then stays out of the report).
impact: setup
	@$(PY) -m macros.impact $(BASE) $(if $(OUT),--output "$(OUT)")

check-stacks: setup
	$(PY) -m macros.stack_check $(ARGS)

bench: setup
	@PY=$(PY) sh tests/support/ensure-system.sh
	$(PY) -m bench

clean:
	rm -rf site $(VENV) node_modules
