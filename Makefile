# Two commands matter: `make book` builds the HTML book, `make test` runs every test.
# Each does its own set-up on a fresh machine (Python 3.11, Node.js/npm, apt).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# JupyterLab and Notebook 7 have their own environment (requirements-lab.txt): the server
# runs there, the notebooks on the book's kernel from .venv.
LAB_VENV := .venv-lab
LAB_BIN := $(LAB_VENV)/bin
BOOK_FLAGS := -W --keep-going

.PHONY: help setup lab-setup browser book serve lab notebook execute test lint bench clean

help:
	@echo "make book     build the HTML book into _build/html (offline, warnings are errors)"
	@echo "make test     lint, unit/property tests, nbval on every chapter, browser tests"
	@echo "make serve    build the book and serve it on http://127.0.0.1:8000 (search shows snippets)"
	@echo "make lab      open JupyterLab on chapters/ (its own .venv-lab, the book's kernel)"
	@echo "make notebook the same in Notebook 7"
	@echo "make execute  re-execute every chapter notebook in place (stores widget state)"
	@echo "make bench    rerun the performance benchmarks (writes benchmarks/results.md)"
	@echo "make clean    remove _build"

# Figures appear in notebooks whatever MPLBACKEND the caller's environment sets
# (MPLBACKEND=agg would make plt.show() draw nothing): the kernel always starts with
# matplotlib's inline backend, through the kernelspec (JupyterLab, Notebook 7,
# nbconvert) and the environment's IPython kernel config (also nbval --nbval-current-env).
INLINE_BACKEND := module://matplotlib_inline.backend_inline
define KERNEL_CONFIG
# Written by the book's Makefile: figures inline whatever MPLBACKEND says.
c.IPKernelApp.matplotlib = "inline"
endef
export KERNEL_CONFIG

# Packages that came with JupyterLab and Notebook 7 into .venv before they moved to
# $(LAB_VENV): in .venv they cost every nbval run and book build ~1.5 s (jsonschema imports
# rfc3987-syntax and the other format checkers that jupyter-events asks for).
MOVED_TO_LAB := jupyterlab notebook jupyterlab-server jupyter-lsp notebook-shim jupyter-server \
  jupyter-server-terminals jupyter-events jupyter-builder rfc3987-syntax lark rfc3339-validator \
  rfc3986-validator fqdn isoduration arrow jsonpointer uri-template webcolors async-lru json5 \
  argon2-cffi argon2-cffi-bindings terminado send2trash prometheus-client overrides \
  python-json-logger websocket-client

# Python environment: pinned requirements plus the book's helper package (editable).
$(VENV)/.installed: requirements.txt code/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	if $(BIN)/python -m pip show --quiet jupyter_server >/dev/null 2>&1; then \
	  echo "Moving JupyterLab and Notebook 7 out of $(VENV) (they live in $(LAB_VENV))"; \
	  $(BIN)/python -m pip uninstall --yes -qq $(MOVED_TO_LAB); fi
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" \
	  --env MPLBACKEND $(INLINE_BACKEND) >/dev/null
	mkdir -p $(VENV)/etc/ipython
	printf '%s\n' "$$KERNEL_CONFIG" > $(VENV)/etc/ipython/ipython_kernel_config.py
	touch $@

# Browser assets the book serves itself (require.js, widget manager, MathJax), pinned by the lockfile.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

# JupyterLab and Notebook 7 (the server only). JUPYTER_PATH points them at .venv's
# share/jupyter: the book's kernelspec (python3, .venv's Python with the helpers) and the
# widget extensions that come with ipywidgets and anywidget there.
$(LAB_VENV)/.installed: requirements-lab.txt
	test -x $(LAB_BIN)/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_BIN)/python -m pip install --quiet --upgrade pip
	$(LAB_BIN)/python -m pip install --quiet -r requirements-lab.txt
	touch $@

lab-setup: setup $(LAB_VENV)/.installed
LAB_RUN := JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} $(LAB_BIN)/jupyter

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium >/dev/null; }

book: setup
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "Open file://$(CURDIR)/_build/html/index.html"

# Search shows text snippets only over HTTP: browsers block its fetches from file://.
PORT ?= 8000
serve: book
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl+C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# Jupyter refuses to run as root without --allow-root (containers and CI machines run as root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: lab-setup
	$(LAB_RUN) lab $(LAB_FLAGS) chapters/

notebook: lab-setup
	$(LAB_RUN) notebook $(LAB_FLAGS) chapters/

execute: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 chapters/*.ipynb

lint: setup
	$(BIN)/ruff check code tests _ext $(wildcard benchmarks)

test: lab-setup browser lint
	$(BIN)/python -m pytest

bench: setup browser
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build
