# The two commands of the README: `make site` and `make test`. Each installs
# what it needs into .venv (created once, reused) and works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test fuzz serve check schema lint bench browser clean

site: $(VENV)/.site-deps
	$(BIN)/coursegen build

test: $(VENV)/.test-deps browser lint
	$(BIN)/python -m pytest

# The loader's property tests with 10,000 examples each (a few hundred in `make test`),
# new ones on every run; about four minutes on a quiet machine.
fuzz: $(VENV)/.test-deps
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py

serve: $(VENV)/.site-deps
	$(BIN)/coursegen serve

check: $(VENV)/.site-deps
	$(BIN)/coursegen check

schema: $(VENV)/.site-deps
	$(BIN)/coursegen schema

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

bench: $(VENV)/.test-deps browser
	$(BIN)/python benchmarks/run.py

# Browser tests drive Debian's Chromium; Playwright cannot download a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache test-results
