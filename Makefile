# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

AXE := tests/a11y/node_modules/axe-core/axe.min.js
OIDC := tests/oidc/node_modules/oidc-provider/package.json

.PHONY: run test browser demo bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's chromium for the browser tests and chart images (kaleido); needs root or sudo.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for browser tests and chart images"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# axe-core from the npm registry for the accessibility audit.
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --silent --no-audit --no-fund
	touch $@

# node's oidc-provider from the npm registry: the real OpenID Connect provider the sign-in tests log in at.
$(OIDC): tests/oidc/package.json tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --silent --no-audit --no-fund
	touch $@

run: $(VENV)/.installed
	$(PY) -m ui.serve --server.port $(PORT)

# Two workers (pytest-xdist): the tests that start servers and Chromium run one after another on one of them
# (tests/conftest.py), the in-process tests on the other.
test: $(VENV)/.installed browser $(AXE) $(OIDC)
	$(PY) -m pytest -n 2

demo: $(VENV)/.installed
	$(PY) -m housing_monitor demo

bench: $(VENV)/.installed browser
	$(PY) -m tools.bench

clean:
	rm -rf $(VENV) data/monitor.duckdb* .pytest_cache

# Sixty sessions of the shared Vergelijken link at once, against 2 and 4 dashboard processes and the floor app.
# loadtest-import: four dashboard processes, 50 concurrent sessions and 20 Chromium page loads, an import half-way.
.PHONY: loadtest loadtest-import
loadtest: $(VENV)/.installed
	$(PY) -m tests.load.loadtest

loadtest-import: $(VENV)/.installed browser
	$(PY) -m tests.load.import_during_load
