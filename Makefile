# prisvagt: `make demo` and `make test` set themselves up (a .venv) on a fresh machine.
# the first Python 3.11+ that actually runs (pyenv shims may exist for absent versions)
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=
PYTEST_ARGS ?=
# `make test` runs the suite over the machine's cores (pytest-xdist; each worker has its
# own PostgreSQL database, `tests/conftest.py`): TEST_WORKERS=0 runs it in one process
TEST_WORKERS ?= auto

.PHONY: setup demo test faults load test-install lint format bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "prisvagt needs Python 3.11 or newer (python3 --version)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/prisvagt demo $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses=4 $(PYTEST_ARGS)

# fault runs with real workers (a worker SIGKILLed mid-batch or mid-send, a pool process
# killed, SendGrid answering 429/401; prints the recovery time)
faults: $(STAMP)
	PRISVAGT_LONG_TESTS=faults $(BIN)/python -m pytest -s -p no:cacheprovider -m faults tests/workers $(PYTEST_ARGS)

# bench scripts run end to end at a small size, and load runs
load: $(STAMP)
	PRISVAGT_LONG_TESTS=load $(BIN)/python -m pytest -p no:cacheprovider -m load tests $(PYTEST_ARGS)

# a plain `pip install .` into a fresh venv, then a worker and the scheduler on Redis
test-install: $(STAMP)
	PRISVAGT_LONG_TESTS=install $(BIN)/python -m pytest -s -p no:cacheprovider tests/workers/test_pip_install.py $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
