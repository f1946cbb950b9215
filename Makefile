# thidua: two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test lint messages clean doc-previews

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==0.13.8

# The environment only: pinned Python packages, pinned front-end packages, compiled messages.
install: $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(PY) requirements.lock
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install
	mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# The sample papers of the demo as PDF, Word, Excel and PNG pages (pdftoppm) under var/previews/.
doc-previews: install
	mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo -v 0
	$(PY) manage.py render_previews

clean:
	rm -rf $(VENV) node_modules var staticfiles
