# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# Two processes: the machines here have two cores, and much of the suite waits on
# subprocesses (workers, browsers) rather than computing.
PYTEST_ARGS ?= -n 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: Pango and fonts for WeasyPrint (DejaVu: Latin, Cyrillic, Greek, Arabic; WenQuanYi Micro Hei:
# Chinese, Japanese, Korean, 5 MB against 90 MB for Noto CJK; Symbola: emoji and symbols), poppler for PDF checks, Chromium for browser tests.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation fonts-wqy-microhei fonts-symbola poppler-utils chromium
DEV_ENV := DEBUG=1 STATICFILES_MANIFEST=0

.PHONY: run test lint format bench system-deps deps demo clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    install what is missing, migrate, load the demo catalog, start web + worker"
	@echo "make test   install what is missing, run the whole suite"
	@echo "make lint   ruff (rules and format) and import-linter (the layers)"
	@echo "make bench  the API, pages and PDFs against bare references, on PostgreSQL (not part of make test)"

system-deps:
	@missing=""; \
	command -v python3.11 >/dev/null || missing="python3.11 python3.11-venv"; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing (install them with your package manager)"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml | system-deps
	@test -x $(BIN)/python || { py=$${PYTHON:-$$(command -v python3.11)}; \
	  test -n "$$py" || { echo "Python 3.11 is needed (make system-deps installs it on Debian)"; exit 1; }; \
	  $$py -m venv $(VENV); }
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | { grep -v "^WARNING: Location" || true; }
	@touch $(STAMP)

deps: system-deps $(STAMP)

demo: deps
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEV_ENV) $(BIN)/python manage.py load_demo_catalog
	$(DEV_ENV) $(BIN)/python manage.py create_demo_staff
	$(DEV_ENV) $(BIN)/python manage.py load_demo_sales

run: demo
	@echo ""
	@echo "  Site:   http://127.0.0.1:$(PORT)/"
	@echo "  Staff:  http://127.0.0.1:$(PORT)/admin/  (see the demo login above)"
	@echo ""
	$(DEV_ENV) PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

test: deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .

# The load generator is a Debian package too; the bench sets its own production-like environment.
bench: APT_PACKAGES += wrk
bench: deps
	$(BIN)/python -m bench

clean:
	rm -rf var/test var/queue
