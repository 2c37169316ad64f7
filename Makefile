# Two commands do everything on a fresh machine:
#   make run    - install into .venv (first time) and run the bot
#   make test   - install into .venv (first time) and run the whole test suite
#   make lint   - ruff and mypy, as CI runs them
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test test-quick lint install bench clean

$(BIN)/digestbot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/digestbot

run: install
	$(BIN)/digestbot run

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-quick: install
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

# ruff (lint and format check) and mypy (strict on bot/understand and bot/render), as CI runs them
lint: install
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/whosaid.py
	$(BIN)/python bench/load.py --clients 50 --rate 50 --seconds 30

clean:
	rm -rf $(VENV) data/*.db .pytest_cache
