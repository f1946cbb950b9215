# thidua: two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run worker test lint messages clean doc-previews

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
	{ $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT); }

# The background task worker alone (document batches), for a server started another way.
worker: install
	$(PY) manage.py db_worker

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

# --- national scale and production serving (not part of `make test`) ---------------------------
# Benchmarks on PostgreSQL: each script makes and drops its own throwaway database next to
# BENCH_DATABASE_URL's; bench/RESULTS.md is rewritten with the figures, the machine and the date.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: bench serve-prod

bench: install
	$(PY) bench/run.py --database-url $(BENCH_DATABASE_URL)

# gunicorn with the production settings (deploy/gunicorn.conf.py), static files compressed and
# cached by WhiteNoise, the task worker as its own process. Needs DATABASE_URL (PostgreSQL).
# Locally there is no TLS proxy, hence DJANGO_SECURE_SSL_REDIRECT=0 unless set; a secret key is
# made once under var/ unless DJANGO_SECRET_KEY is set.
serve-prod: install
	@test -n "$$DATABASE_URL" || { echo "serve-prod: set DATABASE_URL=postgres://…"; exit 2; }
	mkdir -p var
	test -s var/secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret-key
	export DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat var/secret-key)}" \
	    DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	    DJANGO_CONN_MAX_AGE="$${DJANGO_CONN_MAX_AGE:-60}" \
	    GUNICORN_BIND="$${GUNICORN_BIND:-127.0.0.1:$(PORT)}"; \
	$(PY) manage.py migrate --no-input -v 0 && \
	$(PY) manage.py collectstatic --no-input -v 0 && \
	{ $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn -c deploy/gunicorn.conf.py; }
