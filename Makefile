# Two entry points, both safe to run on a fresh machine (see README):
#   make brief   set up, then write reports/kursk-leverage.pdf from seeds/
#   make test    set up, then run the test suite
# Setup installs the system libraries WeasyPrint and the PNG step need (Debian
# packages, only when missing) and the project with its dev extras into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils

.PHONY: setup brief test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing system packages:$$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install:$$missing (WeasyPrint's system libraries, fonts, pdftoppm)"; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

brief: setup
	$(BIN)/compare topic kursk-leverage

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench

bench: setup
	$(BIN)/python bench/bench_stages.py

clean:
	rm -rf $(VENV) reports/*.pdf reports/*.html reports/*.md reports/*.json reports/*.bib
