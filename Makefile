# `make run`: the site with demo content on SQLite. `make test`: the code checked, then the whole suite.
PYTHON ?= python3
export PYTHON  # scripts/system-packages checks the same interpreter
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/python -m pytest
# The demo runs with debug on: it is a laptop demo, never a production server.
DEMO := DJANGO_DEBUG=1 $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test lint test-sqlite test-postgres system-packages-test bench import-report screenshots messages clean

$(BIN)/python:
	scripts/system-packages run
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
	$(DEMO) ensure_local_admin --url http://127.0.0.1:$(PORT)/admin/
	@# So that /data/ gives the download's size and date from the first visit.
	$(DEMO) build_open_data --site http://127.0.0.1:$(PORT)
	@echo "Serving the site at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)."
	$(DEMO) runserver 127.0.0.1:$(PORT)

test: lint test-sqlite test-postgres

# The code as pyproject.toml's [tool.ruff] keeps it: a finding stops `make test` before the suites run.
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .

# PostgreSQL, Chromium, Redis, wrk, Java and gettext: installed when missing (as root), or named.
system-packages-test:
	scripts/system-packages test

test-sqlite: $(VENV)/.test-deps system-packages-test
	DATABASE_URL=sqlite:///db.sqlite3 $(PYTEST) $(PYTEST_ARGS)

test-postgres: $(VENV)/.test-deps system-packages-test
	scripts/with-postgres $(PYTEST) $(PYTEST_ARGS)

# The benchmark, on a throwaway PostgreSQL (or DATABASE_URL): see bench/run.py and README.md.
bench: $(VENV)/.test-deps system-packages-test
	scripts/with-postgres $(BIN)/python bench/run.py

# How well the speech import reads the labelled corpus in corpus/: precision and recall.
import-report: $(VENV)/.run-deps
	$(DEMO) import_report

# Refresh the screenshots shown in the README from the demo content.
screenshots: $(VENV)/.test-deps system-packages-test
	SCREENSHOT_DIR=docs DATABASE_URL=sqlite:///db.sqlite3 $(PYTEST) tests/browser -k screenshots

# After changing interface strings: gather them into locale/ru/LC_MESSAGES/django.po, translate
# the new ones there, then run this again to compile the catalogue that the site serves.
messages: $(VENV)/.test-deps system-packages-test
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale ru --add-location file $(MESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale ru $(MESSAGES_IGNORE)

MESSAGES_IGNORE := --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'bench/*' \
	--ignore 'test-results/*' --ignore 'bench-results/*' --ignore 'corpus/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
