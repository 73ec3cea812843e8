"""Fuzz sweep specs and damaged results: generated hostile inputs to sweep, analyze, report, replay.

Used by ``scripts/fuzz.py`` (``make fuzz``).  Sweep specs (``tests/strategies_sweeps.py``)
are loaded and checked the way ``laborsim sweep`` does before any run; those that
pass and plan at most :data:`RUN_LIMIT` runs are run and analysed on the toy
economy.  A spec the generator made invalid on purpose that is accepted counts
as *silently accepted*.  Damaged results: a saved toy run and an analysed toy
sweep are copied, one file is damaged (truncated, bytes flipped, deleted,
emptied, replaced by a directory or a self-referencing symlink, garbage
appended, a metadata field set to another type) and the copy is fed to
``report`` (and ``--replay`` for runs, ``analyze`` for sweeps).  Damage to a file the
reader consumes that is accepted counts as *silently accepted*.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import tempfile
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sim.errors import LaborsimError
from sim.experiments.analysis import analyze_sweep
from sim.experiments.design import build_design, run_table
from sim.experiments.replay import replay
from sim.experiments.sweep import check_against_data, run_sweep
from sim.io.sweep_files import load_sweep
from sim.report import report
from tests.experiments.conftest import write_toy_sweep
from tests.strategies_sweeps import SpecCase, spec_files, sweep_spec_cases

#: Accepted specs with at most this many runs are run and analysed too.
RUN_LIMIT = 6
ACCEPTED, REJECTED, OTHER, SILENT = (
    "accepted",
    "clean rejection",
    "other exception",
    "silently accepted bad input",
)
#: Files whose damage a reader must notice (it reads them).
READ_FILES = (
    "occupations.parquet",
    "economy.parquet",
    "transitions.parquet",
    "sweep.duckdb",
    "outcomes.parquet",
    "experiments.parquet",
    "sobol_indices.csv",
    "morris_indices.csv",
    "prim_boxes.csv",
    "outcome_summary.csv",
)


def _outcome(action: Callable[[], None], bad: bool, describe: str) -> tuple[str, str]:
    """What happened, and for a defect (other exception, silent acceptance) the details."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            action()
    except LaborsimError:
        return REJECTED, ""
    except Exception:  # noqa: BLE001 - counting every other failure is the point
        return OTHER, f"{describe}\n{traceback.format_exc(limit=4)}"
    return (SILENT, describe) if bad else (ACCEPTED, "")


def _judged(action: Callable[[], None], bad: bool, describe: str, tmp: Path) -> tuple[str, str]:
    """:func:`_outcome` of one case, then its temporary directory removed."""
    try:
        return _outcome(action, bad, describe)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fuzz_cases(
    strategy: st.SearchStrategy, one_case: Callable, n: int
) -> tuple[collections.Counter, list[str]]:
    """Feed ``n`` generated cases to ``one_case`` (returns outcome, detail); count the outcomes.

    Hypothesis only generates here (no shrinking, no example database, no
    deadline): each case is counted once, and the first few details kept.
    """
    counts: collections.Counter = collections.Counter()
    examples: list[str] = []

    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(case) -> None:
        outcome, detail = one_case(case)
        counts[outcome] += 1
        if detail and len(examples) < 8:
            examples.append(f"{outcome}: {detail}")

    run()
    return counts, examples


# ---- sweep specs ----------------------------------------------------------------------


def _spec_case(root: Path) -> Callable:
    def one_case(case: SpecCase):
        tmp = Path(tempfile.mkdtemp(dir=root))
        shutil.copy(root / "base.toml", tmp / "base.toml")
        path = tmp / "spec.toml"
        if case.special == "fifo":
            os.mkfifo(path)
        elif case.special == "huge":
            with path.open("wb") as handle:
                handle.truncate(2_000_000_000)
        else:
            for name, data in spec_files(case).items():
                (tmp / name).mkdir() if data is None else (tmp / name).write_bytes(data)

        def action() -> None:
            sweep = load_sweep(path)
            check_against_data(sweep)
            runs = run_table(build_design(sweep), sweep.spec.replications)
            if len(runs) <= RUN_LIMIT:
                out = tmp / "out"
                run_sweep(sweep, out=out)
                analyze_sweep(out)

        return _judged(action, case.bad, f"{case.why}: {case.text[:300]!r}", tmp)

    return one_case


def fuzz_sweep_specs(n: int) -> tuple[collections.Counter, list[str]]:
    """``n`` generated sweep specs through load, checks and (small ones) a run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_toy_sweep(root, steps=1)  # toy occupations/ and base.toml (absolute data path)
        base = (root / "base.toml").read_text()
        (root / "base.toml").write_text(
            base.replace('path = "occupations"', f'path = "{root / "occupations"}"')
        )
        return fuzz_cases(sweep_spec_cases(), _spec_case(root), n)


# ---- damaged results -------------------------------------------------------------------

DAMAGES = ("truncate", "flip", "delete", "empty", "directory", "symlink_loop", "append", "json")


def _damage(path: Path, how: str, data) -> None:
    if how == "delete":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "directory":
        path.unlink()
        path.mkdir()
    elif how == "symlink_loop":
        path.unlink()
        path.symlink_to(path.name)
    elif how == "append":
        with path.open("ab") as handle:
            handle.write(data.draw(st.binary(min_size=1, max_size=64)))
    elif how == "json" and path.suffix == ".json":
        payload = json.loads(path.read_text())
        key = data.draw(st.sampled_from(sorted(payload)))
        payload[key] = data.draw(
            st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers()))
        )
        path.write_text(json.dumps(payload))
    else:
        raw = bytearray(path.read_bytes())
        if how == "truncate" or not raw:
            del raw[data.draw(st.integers(0, max(len(raw) - 1, 0))) :]
        else:
            for _ in range(data.draw(st.integers(1, 8))):
                raw[data.draw(st.integers(0, len(raw) - 1))] ^= data.draw(st.integers(1, 255))
        path.write_bytes(bytes(raw))


def _results_case(pristine: dict[str, Path], root: Path) -> Callable:
    def one_case(data):
        kind = data.draw(st.sampled_from(sorted(pristine)))
        tmp = Path(tempfile.mkdtemp(dir=root))
        copy = tmp / kind
        shutil.copytree(pristine[kind], copy, symlinks=True)
        files = sorted(p for p in copy.iterdir() if p.is_file())
        target = data.draw(st.sampled_from(files))
        how = data.draw(st.sampled_from(DAMAGES))
        _damage(target, how, data)
        # DuckDB reads its blocks, not the file's end: bytes appended to the store change
        # nothing a reader sees, so that damage is harmless rather than accepted.
        harmless = how == "json" or (target.name == "sweep.duckdb" and how == "append")
        bad = target.name in READ_FILES and not harmless

        def action() -> None:
            if kind == "sweep" and target.name == "sweep.duckdb":
                analyze_sweep(copy)  # the store itself is damaged: analysing it must refuse
            report([copy], out=tmp / "report.html")  # reads the analysis tables or the run
            if kind == "run":
                replay(copy)

        return _judged(action, bad, f"{kind}: {how} {target.name}", tmp)

    return one_case


def fuzz_damaged_results(n: int) -> tuple[collections.Counter, list[str]]:
    """``n`` damaged copies of a saved toy run and an analysed toy sweep."""
    import sim

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        spec = write_toy_sweep(root / "toy", sampler="grid", samples=2, replications=1, steps=1)
        run_sweep(spec, out=root / "sweep")
        analyze_sweep(root / "sweep")
        sweep = load_sweep(spec)
        result = sim.run(sim.derive(sweep.base, {"run.horizon_year": 2027}), seed=sweep.seed)
        result.save(root / "run")
        pristine = {"run": root / "run", "sweep": root / "sweep"}
        return fuzz_cases(st.data(), _results_case(pristine, root), n)
