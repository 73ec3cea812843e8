# Two commands do all the set-up: `make run` (install + main job) and `make test`.
# The virtual environment is created on first use from the Python 3.12 that
# .python-version selects (pyenv), or from $(PYTHON) if you set it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-slow lint docs check-dist bench bench-sweep fuzz chaos clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "laborsim needs Python >= 3.12; set PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/laborsim occupations
	$(BIN)/laborsim run scenarios/baseline.toml --overwrite --report --uncertainty --workers 2

test: $(STAMP)
	$(BIN)/python -m pytest

# Exit status 5 means no test is marked slow: nothing to run is not a failure.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow || [ $$? -eq 5 ]

lint: $(STAMP)
	$(BIN)/ruff check sim tests occupations benchmarks scripts
	$(BIN)/ruff format --check sim tests occupations benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	@$(BIN)/python scripts/module_sizes.py

# The docs site (mkdocs.yml: docs/*.md and the API reference from docstrings) into site/;
# strict: any warning (a broken link, an unresolved API name) fails.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

# The install a user does: sdist + wheel, twine check, the wheel in a fresh venv outside
# the repository running a scenario, a report, a replay and the notebook quick start.
check-dist: $(STAMP)
	scripts/check_dist.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_baseline.py

# Sweep throughput on 1 and 2 workers and peak memory at 500 and 2,000 runs (several minutes).
bench-sweep: $(STAMP)
	$(BIN)/python benchmarks/bench_sweep.py

# Hostile inputs: 10,000 generated scenario files, 2,000 occupation-table sets, 2,000 sweep
# specs and 300 damaged run and sweep directories fed to report, analyze and --replay.
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py 10000 2000 2000 300

# kill -9 a replications batch (20 kills) and a 2-worker sweep (12 kills), then Ctrl-C
# (SIGINT to the process group) the sweep 9 times: each stop at start-up, during work or
# during a write, in turn; resume, check every run once; then two writers into one
# output directory at once (about 40 minutes on a busy 2-core machine).
chaos: $(STAMP)
	$(BIN)/python scripts/chaos.py --kills 20
	$(BIN)/python scripts/chaos.py --target sweep --replications 2 --kills 12
	$(BIN)/python scripts/chaos.py --target sweep --replications 2 --kills 9 --signal int --concurrent 0

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist site
