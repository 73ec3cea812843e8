#!/usr/bin/env bash
# The install a user does, checked: build the sdist and wheel, `twine check` them, install
# the wheel into a fresh virtual environment outside the repository, and there run
# `laborsim --version`, `laborsim scenarios`, a shipped scenario by name with its report,
# a replay, a user's scenario that extends the shipped baseline by name, Ctrl-C during the
# command's start-up, and the notebook quick start.  The wheel's baseline frames must equal the editable install's (same seed).
# Usage: scripts/check_dist.sh (from the repository, after `make .venv/.installed`).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dev="$repo/.venv/bin"
python="$("$dev/python" -c 'import sys; print(sys._base_executable)')"  # .venv's Python 3.12
work="$(mktemp -d "${TMPDIR:-/tmp}/laborsim-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "build the sdist and the wheel (from the sdist)"
rm -rf "$repo/dist"
"$dev/python" -m build --outdir "$repo/dist" "$repo" >"$work/build.log" 2>&1 || {
    tail -40 "$work/build.log"
    exit 1
}
ls -l "$repo/dist"
"$dev/twine" check --strict "$repo"/dist/*

step "install the wheel (with the notebook extra) into a fresh venv in $work"
wheels=("$repo"/dist/laborsim-*.whl)
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "${wheels[0]}[notebook]" >"$work/pip.log" 2>&1 || {
    grep -v '^WARNING: Location' "$work/pip.log" | tail -40
    exit 1
}
bin="$work/venv/bin"
cd "$work"  # from here on nothing may come from the repository

step "laborsim --version and laborsim scenarios"
"$bin/laborsim" --version
"$bin/laborsim" scenarios | tee scenarios.txt
for file in "$repo"/scenarios/*.toml "$repo"/scenarios/sweeps/*.toml; do
    name="$(basename "$file" .toml)"
    grep -q "^  $name " scenarios.txt || { echo "not listed: $name"; exit 1; }
done
"$bin/laborsim" occupations >occupations.txt  # to a file: `| head` would break the pipe
head -3 occupations.txt

step "a shipped scenario by name, its report and a replay"
"$bin/laborsim" run baseline --out wheel-run --quiet --report
"$bin/laborsim" run --replay wheel-run
test -s wheel-run/report.html

step "the same run from the editable install: frames identical"
"$dev/laborsim" run baseline --out editable-run --quiet
"$bin/python" - <<'PY'
import pandas as pd

for frame in ("occupations", "economy", "transitions"):
    wheel = pd.read_parquet(f"wheel-run/{frame}.parquet")
    editable = pd.read_parquet(f"editable-run/{frame}.parquet")
    pd.testing.assert_frame_equal(wheel, editable, check_exact=True)
    print(f"{frame}: {wheel.shape[0]} rows, identical")
PY

step "a user's scenario extending the shipped baseline by name"
mkdir mine
printf 'extends = "baseline"\n[capability]\nalgorithmic_halving_months = 16.0\n' >mine/halving-16.toml
"$bin/laborsim" run mine/halving-16.toml --out mine-run --quiet
"$bin/python" -c "import json; m = json.load(open('mine-run/metadata.json')); \
assert m['scenario']['capability']['algorithmic_halving_months'] == 16.0, m['scenario']"

step "Ctrl-C while the installed command starts and runs: one line, status 130, nothing written"
"$bin/python" - "$bin/laborsim" <<'PY'
import os, signal, subprocess, sys, time

for delay in (0.3, 1.0, 3.0):
    out = f"ctrl-c-{delay}"
    command = [sys.argv[1], "run", "baseline", "--out", out, "--quiet"]
    # Ctrl-C's default action in the child, as from a terminal, even when this script runs
    # in the background (which ignores SIGINT, and children inherit that).
    terminal = lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)  # noqa: E731
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=terminal
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    err = process.communicate(timeout=300)[1]
    lines = [line for line in err.splitlines() if line.strip()]
    ok = process.returncode == 130 and len(lines) == 1 and "Traceback" not in err
    assert ok and not os.path.exists(out), (delay, process.returncode, err[-2000:])
    print(f"Ctrl-C after {delay} s: status 130, {lines[0]!r}")
PY

step "the notebook quick start, executed outside the repository"
"$bin/python" "$repo/scripts/run_notebook.py" "$repo/examples/quickstart.ipynb" --cwd "$work/notebook"

step "done"
