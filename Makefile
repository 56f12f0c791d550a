# Thin wrapper over pyproject.toml: every target sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
DOCS_STAMP := $(VENV)/.docs-stamp
MERMAID_JS := .cache/mermaid.min.js

.PHONY: test lint typecheck pytest coverage-report demo examples docs docs-check fuzz bench test-pythons clean

# The development tools are PEP 735 dependency groups of pyproject.toml; pip reads them
# with --group from version 25.1, so pip is upgraded first.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

# The bench group (python-statemachine) is installed only for `make bench`.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --group bench
	touch $(BENCH_STAMP)

# The docs group (MkDocs, Material, mkdocstrings) is installed only for `make docs`.
$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --group docs
	touch $(DOCS_STAMP)

test: lint typecheck pytest ## set up and pass every check

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks typing_tests docs/_hooks
	$(BIN)/ruff format --check src tests examples benchmarks typing_tests docs/_hooks

# typing_tests/ is type-checked only, never run: see docs/design.md.
typecheck: $(STAMP)
	$(BIN)/mypy --strict src typing_tests

# pytest-xdist spreads the tests over every core: with branch coverage on, the property
# tests of every shipped definition take most of the run.
pytest: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest -n $${PYTEST_WORKERS:-auto}

# The suite with the plugin's definition coverage: which edges and reason codes of each
# shipped definition the tests exercised (docs/testing.md shows the report).
coverage-report: $(STAMP) ## the suite, reporting the edges and reason codes it exercised
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest -n $${PYTEST_WORKERS:-auto} -q --no-cov --pathway-coverage

demo: $(STAMP) ## set up and run the main example
	$(BIN)/python examples/typ_journey.py

examples: $(STAMP) ## run every example script
	@for script in examples/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# --strict (also set in mkdocs.yml) turns every warning into an error: a broken link or
# anchor, a page missing from the nav, a docstring mkdocstrings cannot parse.
# NO_MKDOCS_2_WARNING silences Material's banner about MkDocs 2; we pin MkDocs below 2.
docs: $(DOCS_STAMP) $(MERMAID_JS) ## build the documentation site into site/, warnings as errors
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean
	mkdir -p site/javascripts && cp $(MERMAID_JS) site/javascripts/mermaid.min.js

# The site serves its own pinned Mermaid, so diagrams draw without reaching any CDN. The
# script checks the registry tarball against its pinned SHA-512; the copy is cached in .cache/.
$(MERMAID_JS): docs/_hooks/fetch_mermaid.py
	$(PYTHON) docs/_hooks/fetch_mermaid.py $@

# The built site asks no third party for anything, and every page draws in a real browser
# (Debian's chromium) at 1,400 px; the screenshots land in site/_screenshots/.
docs-check: docs
	$(BIN)/python docs/_hooks/check_site.py site

fuzz: $(STAMP) ## a deeper, slower hypothesis run for local use
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -n auto -p no:cacheprovider --no-cov tests

bench: $(BENCH_STAMP) ## ratios against bare transitions and python-statemachine, rounds interleaved (a few minutes)
	$(BIN)/python benchmarks/bench.py --profile

# The suite on every Python the classifiers name that this machine has (3.11-3.13), each
# in its own virtual environment under .venvs/; slower than `make test`, for releases.
PYTHONS ?= python3.11 python3.12 python3.13
test-pythons:
	@for py in $(PYTHONS); do \
	  if ! $$py -c '' >/dev/null 2>&1; then echo "== $$py: not installed, skipped"; continue; fi; \
	  echo "== $$py"; env=.venvs/$$py; \
	  [ -x $$env/bin/python ] || $$py -m venv $$env || exit 1; \
	  $$env/bin/python -m pip install --quiet --upgrade 'pip>=25.1' && \
	  $$env/bin/python -m pip install --quiet -e . --group test || exit 1; \
	  HYPOTHESIS_PROFILE=ci $$env/bin/pytest -q -n auto -p no:cacheprovider --no-cov || exit 1; \
	done

clean:
	rm -rf $(VENV) .venvs .cache site .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage build dist
