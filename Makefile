# The two commands of the README: `make site` and `make test`. Each installs
# what it needs into .venv (created once, reused) and works on a fresh clone.
# They install the exact versions, with hashes, in requirements/*.lock: an
# upstream release cannot change a fresh machine until `make lock` is run on purpose.
# The browser runtime's build tools (esbuild, tsc) come the same way from npm:
# package-lock.json pins them, and `npm ci` installs exactly that.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Ralph (the LRS the xAPI tests run) lives in its own virtualenv: requirements/ralph.in says why.
RALPH_VENV := .venv-ralph
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
LOCK := $(BIN)/uv pip compile --quiet --python-version 3.11 --universal --generate-hashes pyproject.toml requirements/build.in -c requirements/constraints.txt

.PHONY: site test fuzz serve check schema lint bench browser lock runtime clean

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

# The course's own lint (warnings, never a failure here); `make lint` below lints the code.
check: $(VENV)/.site-deps
	$(BIN)/coursegen check
	$(BIN)/coursegen lint

schema: $(VENV)/.site-deps
	$(BIN)/coursegen schema

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	npm run --silent lint

# Rebuild the served runtime (generator/assets/*.js, committed) from its sources in
# generator/assets/src/ after changing them; tests/test_runtime_build.py fails until you do.
runtime:
	npm ci --no-audit --no-fund
	npm run --silent runtime

bench: $(VENV)/.test-deps browser
	$(BIN)/python benchmarks/run.py

# Browser tests drive Debian's Chromium; Playwright cannot download a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Python 3.11 or newer, checked before the virtual environment is made (an older one fails later
# with a pip error that names no version); a venv that fails half-made is removed, or the next
# `make`, even with another Python, would keep using it.
$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) was not found; install Python 3.11 or newer (README, Getting started), or run make PYTHON=/path/to/python3" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"error: coursegen needs Python 3.11 or newer; $(PYTHON) is Python {v.major}.{v.minor}.{v.micro}: install 3.11 or newer (README, Getting started), then run make again, or make PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# --require-hashes also fails if the lock misses a dependency; the project itself
# is then installed without resolving anything (its build backend is in the lock).
$(VENV)/.site-deps: requirements/site.lock pyproject.toml | $(BIN)/python
	$(PIP) --require-hashes -r requirements/site.lock || { rm -rf $(VENV); exit 1; }
	$(PIP) --no-deps --no-build-isolation -e . || { rm -rf $(VENV); exit 1; }
	touch $@

$(VENV)/.test-deps: requirements/test.lock requirements/ralph.lock package-lock.json $(VENV)/.site-deps
	$(PIP) --require-hashes -r requirements/test.lock
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/ralph.lock
	npm ci --no-audit --no-fund
	touch $@

# Refresh the pins on purpose, within pyproject.toml's ranges; then run `make test`
# and commit requirements/ with what changed and why.
lock: | $(BIN)/python
	$(PIP) uv
	$(LOCK) -o requirements/site.lock
	$(LOCK) --extra test -c requirements/site.lock -o requirements/test.lock
	$(BIN)/uv pip compile --quiet --python-version 3.11 --universal --generate-hashes requirements/ralph.in -o requirements/ralph.lock

# Everything make and coursegen wrote: the sites, packages, caches and installed tools (the next
# `make` installs them again). The course itself (course/, quizzes/, mkdocs.yml, theme/, schema/)
# is never touched.
clean:
	rm -rf site site-facilitator dist .pytest_cache .mypy_cache .ruff_cache test-results $(VENV) $(RALPH_VENV) node_modules
