# `make run`: the site with demo content on SQLite. `make test`: the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/python -m pytest
# The demo runs with debug on: it is a laptop demo, never a production server.
DEMO := DJANGO_DEBUG=1 $(BIN)/python manage.py

.PHONY: run test test-sqlite test-postgres bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(DEMO) migrate --noinput
	$(DEMO) load_demo
	$(DEMO) ensure_local_admin
	@echo "Serving the site at http://127.0.0.1:8000/ (Ctrl-C stops it)."
	$(DEMO) runserver 127.0.0.1:8000

test: test-sqlite test-postgres

test-sqlite: $(VENV)/.test-deps
	DATABASE_URL=sqlite:///db.sqlite3 $(PYTEST) $(PYTEST_ARGS)

test-postgres: $(VENV)/.test-deps
	scripts/with-postgres $(PYTEST) $(PYTEST_ARGS)

# The benchmark, on a throwaway PostgreSQL (or DATABASE_URL): see bench/run.py and README.md.
bench: $(VENV)/.test-deps
	scripts/with-postgres $(BIN)/python bench/run.py

# Refresh the screenshots shown in the README from the demo content.
screenshots: $(VENV)/.test-deps
	SCREENSHOT_DIR=docs DATABASE_URL=sqlite:///db.sqlite3 $(PYTEST) tests/browser -k screenshots

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
