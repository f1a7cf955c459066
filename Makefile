# The two commands a newcomer needs: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# What is not the portal's own source: left out of the translation catalogue.
MESSAGES_IGNORE := --ignore "tests/*" --ignore "scripts/*" --ignore "fixtures/*" \
	--ignore "staticfiles/*" --ignore "screenshots/*" --ignore "audit-reports/*" \
	--ignore "node_modules/*" --ignore "*.egg-info/*" --ignore "build/*"

.PHONY: help install run serve migrate demo test test-fast lint format check messages audit bench backup restore-drill lock lock-check audit-deps clean cluster cluster-stop cluster-test cluster-tools

help:
	@echo "make run       set everything up (virtualenv, dependencies, database, demo data) and serve http://127.0.0.1:$(PORT)"
	@echo "make test      run the test suite in parallel (browser tests too when Chromium is installed)"
	@echo "make test-fast the suite without the browser tests"
	@echo "make check     the quick checks before a commit: lint, then the suite without the browser tests"
	@echo "make lint      ruff, Django's checks, the migrations check, the SDG colour classes and the layers (import-linter)"
	@echo "make format    format the code with ruff"
	@echo "make messages  update and compile the French translations (needs GNU gettext)"
	@echo "make serve     production-like: collected static files and gunicorn on port $(PORT)"
	@echo "make audit     Lighthouse scores of the main pages (needs Chromium and npm)"
	@echo "make bench     speed of the main pages at 100, 10,000 and 100,000 projects (SIZES=100,10000)"
	@echo "make cluster   two app servers behind nginx on PostgreSQL and Redis, on loopback (deploy/README.md)"
	@echo "make cluster-stop  stop what make cluster started"
	@echo "make cluster-test  the cluster test: shared state, a node killed, 200 connections for 60 s"
	@echo "make backup    dump the PostgreSQL database (DATABASE_URL) and archive MEDIA_ROOT into BACKUP_DIR (default backups/)"
	@echo "make restore-drill  back up, restore into a scratch database and directory, compare every table and file"
	@echo "make lock      lock the dependencies of pyproject.toml, with hashes, into requirements/ (UPGRADE=1: newest releases)"
	@echo "make audit-deps  known vulnerabilities of the locked dependencies (pip-audit)"
	@echo "make install   only the virtualenv and the dependencies; make migrate, make demo: up to the database, the demo data"
	@echo "make clean     remove the virtualenv, collected static files and caches"

# The virtualenv is brought up to date whenever the lock file changes. The dependencies are
# declared in pyproject.toml and locked, with hashes, in requirements/ (`make lock`):
# lock.txt for production, dev-lock.txt for development and tests. pip installs exactly those
# files, refusing any file whose hash differs.
$(BIN)/.installed: requirements/dev-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev-lock.txt
	touch $@

install: $(BIN)/.installed

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production-like serving on this machine: collected static files and gunicorn, with the
# production settings of deploy/gunicorn.conf.py (two workers unless WEB_CONCURRENCY says).
serve: demo
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-$$(hostname)} \
		DJANGO_SECURE_SSL_REDIRECT=false $(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-$$(hostname)} \
		DJANGO_SECURE_SSL_REDIRECT=false PORT=$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} \
		$(BIN)/gunicorn --config deploy/gunicorn.conf.py

# In parallel, one process per core; a file's tests stay in one process (they share set-ups).
# The 25 slowest tests are listed at the end, to keep an eye on the time of CI.
test: install
	$(BIN)/pytest -n auto --dist loadfile --durations=25

test-fast: install
	$(BIN)/pytest -n auto --dist loadfile -m "not browser"

# The quick checks before a commit.
check: lint test-fast

lint: install lock-check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) sdg_colours --check
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(MANAGE) makemessages --locale fr --no-obsolete $(MESSAGES_IGNORE)
	$(MANAGE) compilemessages --locale fr --ignore "$(VENV)/*"

# Lighthouse from the npm registry, kept out of the repository in .audit/.
.audit/node_modules/.bin/lighthouse:
	npm install --silent --no-audit --no-fund --prefix .audit lighthouse@12.8.2

audit: install .audit/node_modules/.bin/lighthouse
	$(BIN)/python scripts/audit.py

# Pages measured with wrk under gunicorn, on PostgreSQL databases seeded once per size
# (scripts/bench.py --help). `make bench SIZES=100,10000`; other options in BENCH_ARGS.
SIZES ?=
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python scripts/bench.py $(if $(SIZES),--sizes $(SIZES)) $(BENCH_ARGS)

# Several app servers behind nginx, on this machine and on loopback only (scripts/cluster.py,
# deploy/README.md): nginx and wrk come from Debian's packages when missing.
cluster-tools:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || apt-get install -y nginx || \
		(apt-get update && apt-get install -y nginx)
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)

cluster: install cluster-tools
	$(BIN)/python scripts/cluster.py start

cluster-stop:
	$(BIN)/python scripts/cluster.py stop

# Uses the cluster of `make cluster` when it runs (and leaves it running), else starts one and
# stops it at the end (scripts/cluster_test.py --help).
cluster-test: install cluster-tools
	$(BIN)/python scripts/cluster_test.py

# PostgreSQL only (DATABASE_URL): README.md, "Operations: backups".
backup: install
	$(BIN)/python scripts/backup.py

restore-drill: install
	$(BIN)/python scripts/restore_drill.py

# The lock files from pyproject.toml (uv): versions already locked are kept unless pyproject.toml
# rules them out; `make lock UPGRADE=1` moves every dependency to its newest allowed release.
LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	--quiet --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: install
	$(LOCK) -o requirements/lock.txt
	$(LOCK) --extra dev -o requirements/dev-lock.txt

# The lock files say what pyproject.toml declares (CI fails otherwise: run `make lock`).
lock-check: install
	@tmp=$$(mktemp -d) && cp requirements/lock.txt requirements/dev-lock.txt $$tmp/ && \
	$(LOCK) -o $$tmp/lock.txt && $(LOCK) --extra dev -o $$tmp/dev-lock.txt && \
	diff -u requirements/lock.txt $$tmp/lock.txt && diff -u requirements/dev-lock.txt $$tmp/dev-lock.txt && \
	rm -rf $$tmp || (echo "The lock files are out of date: run make lock." && rm -rf $$tmp && false)

# Known vulnerabilities of the locked dependencies (pip-audit; scripts/audit_dependencies.py).
audit-deps: install
	$(BIN)/python scripts/audit_dependencies.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
