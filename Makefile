# Loket — one entry point for newcomers, CI and IT.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bundle

.PHONY: run test lint bench bundle clean i18n

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Loket butuh Python 3.11 atau lebih baru")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP)

$(BSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	@touch $@ $(STAMP)

## Start the application (SQLite in the user data folder; first start asks for the branch and a supervisor).
run: $(STAMP)
	$(BIN)/loket

## Lint, type-check, check layer contracts, the whole test suite headless, then every benchmark module
## on tiny data (--smoke: the same code paths, no targets judged) so that a broken benchmark fails here.
test: $(TSTAMP) $(BSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks --smoke

lint: $(TSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

## Translations: refresh the core's texts, update resources/i18n/*.ts from ui/, build the .qm files.
I18N_TS := $(wildcard resources/i18n/loket_*.ts)
i18n: $(TSTAMP)
	$(BIN)/python tools/i18n_domain.py
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $(shell find ui -name '*.py' | sort) -ts $(I18N_TS)
	for ts in $(I18N_TS); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done
	$(BIN)/pyside6-lrelease -silent resources/i18n/qtbase_id.ts -qm resources/i18n/qtbase_id.qm

## Benchmarks: prints a table, each figure beside its bare-library floor measured in the same run, and
## writes the same figures to benchmarks/results/latest.json (tools/bench_readme.py publishes them).
bench: $(TSTAMP) $(BSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

## One-folder PyInstaller bundle in dist/loket/, and its optional "Baca KTP" component in dist/loket-ktp/
## (install it with: cp -a dist/loket-ktp/. dist/loket/).
bundle: $(TSTAMP) $(BSTAMP)
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	$(BIN)/pyinstaller --noconfirm build-ktp.spec

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
