# Two commands matter: `make book` builds the HTML book, `make test` runs every test.
# Each does its own set-up on a fresh machine (Python 3.11, Node.js/npm, apt).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_FLAGS := -W --keep-going

.PHONY: help setup browser book lab execute test lint bench clean

help:
	@echo "make book     build the HTML book into _build/html (offline, warnings are errors)"
	@echo "make test     lint, unit/property tests, nbval on every chapter, browser tests"
	@echo "make lab      open JupyterLab with the helper package installed"
	@echo "make execute  re-execute every chapter notebook in place (stores widget state)"
	@echo "make bench    rerun the performance benchmarks (writes benchmarks/results.md)"
	@echo "make clean    remove _build"

# Python environment: pinned requirements plus the book's helper package (editable).
$(VENV)/.installed: requirements.txt code/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
	touch $@

# Browser assets the book serves itself (require.js, widget manager, MathJax), pinned by the lockfile.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium >/dev/null; }

book: setup
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "Open file://$(CURDIR)/_build/html/index.html"

lab: setup
	$(BIN)/jupyter lab chapters/

execute: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 chapters/*.ipynb

lint: setup
	$(BIN)/ruff check code tests _ext $(wildcard benchmarks)

test: setup browser lint
	$(BIN)/python -m pytest

bench: setup browser
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build
