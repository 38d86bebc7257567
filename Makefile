# The two commands a newcomer needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in e-mails start with: where `make demo` / `make serve` serve the site.
RM_SITE_URL ?= http://$(HOST):$(PORT)


.PHONY: demo serve serve-only test test-fast lint fmt messages lock check-deploy clean
.PHONY: serve-prod load-deps load
.PHONY: schema

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.lock pyproject.toml | $(VENV)/pyvenv.cfg
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock requirements/base.lock pyproject.toml | $(VENV)/pyvenv.cfg
	$(BIN)/pip install --quiet -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-base

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## demo: install, migrate, load the demo company and serve it on http://$(HOST):$(PORT)
demo: $(VENV)/.installed-base node_modules/.installed
	$(PY) -m rementor migrate --noinput
	RM_SITE_URL=$(RM_SITE_URL) $(PY) -m rementor demo
	@$(MAKE) --no-print-directory serve-only

## serve: serve what is already installed and loaded (web server + background worker)
serve: $(VENV)/.installed-base node_modules/.installed
	$(PY) -m rementor migrate --noinput
	@$(MAKE) --no-print-directory serve-only

# The worker runs background jobs (matching runs...) beside the web server; Ctrl+C stops both.
serve-only:
	@echo "Serving Rementor on http://$(HOST):$(PORT) with a background worker — Ctrl+C to stop."
	@export RM_SITE_URL=$(RM_SITE_URL); \
	$(PY) -m rementor db_worker --queue-name '*' --interval 0.5 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(PY) -m rementor runserver $(HOST):$(PORT)

## serve-prod: production settings on this machine: PostgreSQL (DATABASE_URL, default
## postgres://postgres@127.0.0.1:5432/rementor), gunicorn and the task worker (docs/production.md)
serve-prod: $(VENV)/.installed-base node_modules/.installed
	RM_LOCAL_HTTP=$${RM_LOCAL_HTTP:-true} PY=$(PY) deploy/serve-prod.sh

## load-deps: install Locust (the `load` extra) for the load scenario
load-deps: $(VENV)/.installed-load

$(VENV)/.installed-load: pyproject.toml | $(VENV)/.installed-base
	$(BIN)/pip install --quiet -e '.[load]'
	touch $@

## load: the load scenario of benchmarks/load/ (200 users for 2 minutes on PostgreSQL)
load: $(VENV)/.installed-base $(VENV)/.installed-load node_modules/.installed
	PY=$(PY) benchmarks/load/run.sh

## test: install what the tests need and run the whole suite (SQLite; DATABASE_URL for others)
test: $(VENV)/.installed-dev node_modules/.installed
	$(PY) -m pytest

## test-fast: the suite without browser tests
test-fast: $(VENV)/.installed-dev node_modules/.installed
	$(PY) -m pytest -m "not e2e"

## lint: ruff, and the import contracts of docs/architecture.md (pyproject.toml)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: extract every translatable string into the French and English catalogues
messages: $(VENV)/.installed-dev
	cd src/rementor && ../../$(PY) -m rementor makemessages -l fr -l en --no-obsolete --add-location file
	cd src/rementor && ../../$(PY) -m rementor compilemessages

## schema: regenerate the committed OpenAPI schema of the REST API (docs/api/openapi.yaml)
schema: $(VENV)/.installed-dev
	$(PY) -m rementor spectacular --lang en --validate --fail-on-warn --file docs/api/openapi.yaml

## lock: re-pin requirements/*.lock from pyproject.toml
lock: $(VENV)/pyvenv.cfg
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.lock pyproject.toml

check-deploy: $(VENV)/.installed-base
	DJANGO_SETTINGS_MODULE=rementor.settings.production \
	SECRET_KEY=$${SECRET_KEY:-ci-only-$$(printf 'x%.0s' $$(seq 1 60))} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-rementor.example.com} \
	$(PY) -m rementor check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
