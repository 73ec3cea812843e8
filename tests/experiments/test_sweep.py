"""Sweeps end to end on the toy economy: worker-count invariance, resume after SIGKILL, the API."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sim
from sim.experiments.analysis import analyze_sweep
from sim.experiments.evaluate import ModelEvaluator
from sim.experiments.store import DONE, SweepStore
from sim.experiments.sweep import run_sweep
from sim.io.sweep_files import load_sweep
from sim.model.no_ai_world import NoAiCache
from sim.rng import run_sequence
from tests.experiments.conftest import write_toy_sweep

REPO = Path(__file__).resolve().parents[2]


def test_sweep_plans_every_run_once_with_ids_seeds_and_values(toy_spec, tmp_path):
    handle = sim.sweep(toy_spec, out=tmp_path / "out")
    experiments = handle.experiments
    assert len(experiments) == 2 * 8 * 2
    assert experiments["run_id"].tolist() == list(range(32))
    assert (experiments["status"] == DONE).all()
    assert (
        experiments["run_id"] == experiments["design_id"] * 2 + experiments["replication"]
    ).all()
    # common random numbers: replication r of every design point uses stream r
    assert set(experiments["spawn_key"]) == {"0", "1"}
    assert set(experiments["labor.reemployment_rate_per_year"]) == {1.5, 4.0}
    per_run = handle.outcomes.groupby("run_id").size()
    assert per_run.index.tolist() == list(range(32))
    assert per_run.nunique() == 1  # same outcome rows for every run
    assert len(handle.yearly) == 32 * 11  # 2025..2035
    wide = handle.outcomes_wide()
    assert len(wide) == 32
    assert wide["employment_vs_no_ai|2035|occ:43-9001"].notna().all()


def test_design_point_at_defaults_reproduces_a_single_run(tmp_path):
    spec = write_toy_sweep(tmp_path, sampler="grid", samples=2, replications=1)
    handle = sim.sweep(spec, out=tmp_path / "out")
    sweep = load_sweep(spec)
    # the grid includes the lower plausible bounds; rerun one design point by hand
    row = handle.experiments.iloc[0]
    values = {
        name: float(row[name])
        for name in (
            "closure.policy_offset_share",
            "capability.algorithmic_halving_months",
            "labor.reemployment_rate_per_year",
        )
    }
    result = sim.run(sim.derive(sweep.base, values), seed=sweep.seed, replication=0)
    employment = result.economy.iloc[-1]
    expected = employment["employment_total"] / employment["employment_total_no_ai"] - 1
    stored = handle.outcomes.query(
        "run_id == 0 and outcome == 'employment_vs_no_ai' and year == 2035 and scope == 'total'"
    )["value"].item()
    assert stored == pytest.approx(expected, rel=1e-12)
    assert run_sequence(sweep.seed, 0).spawn_key == (0,)


def test_identical_outcomes_on_one_and_two_workers(toy_spec, tmp_path):
    run_sweep(toy_spec, out=tmp_path / "one", workers=1)
    run_sweep(toy_spec, out=tmp_path / "two", workers=2)
    one = sim.SweepHandle(tmp_path / "one")
    two = sim.SweepHandle(tmp_path / "two")
    pd.testing.assert_frame_equal(one.outcomes, two.outcomes)
    pd.testing.assert_frame_equal(one.yearly, two.yearly)
    columns = ["run_id", "design_id", "replication", "spawn_key", "closure.policy_offset_share"]
    pd.testing.assert_frame_equal(one.experiments[columns], two.experiments[columns])
    assert two.experiments["worker"].nunique() == 2


def test_the_no_ai_cache_changes_no_outcome_on_one_or_two_workers(tmp_path):
    """A grid over an AI parameter: runs share no-AI worlds (hits), outcomes as without a cache."""
    spec = write_toy_sweep(tmp_path, sampler="grid", samples=2, replications=1)
    loaded = load_sweep(spec)
    cached = ModelEvaluator(loaded.base, loaded.spec.outcomes, loaded.years)
    uncached = ModelEvaluator(loaded.base, loaded.spec.outcomes, loaded.years)
    uncached.no_ai_cache = NoAiCache(entries=0)
    run_sweep(spec, out=tmp_path / "uncached", workers=1, evaluator=uncached)
    run_sweep(spec, out=tmp_path / "cached", workers=1, evaluator=cached)
    run_sweep(spec, out=tmp_path / "two", workers=2)
    assert uncached.no_ai_cache.hits == 0
    assert cached.no_ai_cache.hits == 4  # 8 runs: each no-AI world computed once
    expected = sim.SweepHandle(tmp_path / "uncached")
    for name in ("cached", "two"):
        handle = sim.SweepHandle(tmp_path / name)
        pd.testing.assert_frame_equal(handle.outcomes, expected.outcomes)
        pd.testing.assert_frame_equal(handle.yearly, expected.yearly)


def test_rerun_of_a_finished_sweep_runs_nothing_and_duplicates_nothing(toy_spec, tmp_path):
    first = run_sweep(toy_spec, out=tmp_path / "out")
    again = run_sweep(toy_spec, out=tmp_path / "out")
    assert (first.ran, again.ran, again.already_done) == (32, 0, 32)
    outcomes = sim.SweepHandle(tmp_path / "out").outcomes
    assert not outcomes.duplicated(["run_id", "outcome", "year", "scope"]).any()


def test_a_changed_spec_is_refused_in_the_same_directory(toy_spec, tmp_path):
    run_sweep(toy_spec, out=tmp_path / "out")
    toy_spec.write_text(toy_spec.read_text().replace("seed = 11", "seed = 12"))
    with pytest.raises(sim.LaborsimError, match="holds a different sweep"):
        run_sweep(toy_spec, out=tmp_path / "out")


def _kill_after_first_stored_chunk(command: list[str]) -> None:
    """Start the sweep, SIGKILL it as soon as its progress bar shows a stored run."""
    with subprocess.Popen(
        command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    ) as process:
        assert process.stderr is not None
        seen = b""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
            done = [int(m) for m in re.findall(rb"\| *(\d+)/\d+ \[", seen)]
            if done and max(done) > 0:
                break
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_resume_after_sigkill_completes_every_run_exactly_once(tmp_path):
    spec = write_toy_sweep(tmp_path, samples=24, replications=2, steps=52)  # 96 runs
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "sim", "sweep", str(spec), "--out", str(out)]
    _kill_after_first_stored_chunk(command)
    with SweepStore(out) as store:
        counts = store.counts()
        stored = store.outcomes()
    done = counts.get(DONE, 0)
    assert 0 < done < 96, counts  # killed mid-sweep
    assert stored["run_id"].nunique() == done  # no partial rows of unfinished runs
    resumed = run_sweep(spec, out=out)
    assert resumed.already_done == done
    assert resumed.ran == 96 - done
    run_sweep(spec, out=tmp_path / "uninterrupted")
    killed = sim.SweepHandle(out).outcomes
    clean = sim.SweepHandle(tmp_path / "uninterrupted").outcomes
    assert not killed.duplicated(["run_id", "outcome", "year", "scope"]).any()
    assert sorted(killed["run_id"].unique()) == list(range(96))
    pd.testing.assert_frame_equal(killed, clean)


def test_analyze_writes_tidy_tables(tmp_path):
    spec = write_toy_sweep(tmp_path, sampler="morris", samples=4, replications=1, below=-0.05)
    run_sweep(spec, out=tmp_path / "out")
    written = analyze_sweep(tmp_path / "out").written
    assert {"outcome_summary.csv", "morris_indices.csv", "prim_boxes.csv"} <= set(written)
    morris = pd.read_csv(written["morris_indices.csv"])
    assert set(morris["parameter"]) == {
        "closure.policy_offset_share",
        "capability.algorithmic_halving_months",
    }
    assert set(morris["lever_point"]) == {0, 1}
    assert (morris["mu_star"] >= 0).all()
    assert np.isfinite(morris["sigma"]).all()


def test_analyze_refuses_an_unfinished_sweep(toy_spec, tmp_path):
    sweep = load_sweep(toy_spec)
    with SweepStore(tmp_path) as store:
        from sim.experiments.design import build_design, run_table

        runs = run_table(build_design(sweep), 2)
        store.initialise(sweep.fingerprint(), runs, ["0"] * len(runs))
    with pytest.raises(sim.LaborsimError, match=r"sweep incomplete \(0 of 32 runs\)"):
        analyze_sweep(tmp_path)


def test_single_run_frames_carry_run_id_scenario_and_replication(toy_tables, toy_scenario):
    result = sim.run(toy_scenario, replication=3, tables=toy_tables)
    for frame in (result.occupations, result.economy):
        assert list(frame.columns[:3]) == ["run_id", "scenario", "replication"]
        assert set(frame["run_id"]) == {f"{toy_scenario.name}/3"}
        assert set(frame["scenario"]) == {toy_scenario.name}
        assert (frame["replication"] == 3).all()


def test_occupation_tables_are_loaded_once_per_worker_not_per_run(toy_spec, tmp_path, monkeypatch):
    from sim.experiments import runner

    calls = []
    original = runner.load_occupation_tables

    def counting(directory):
        calls.append(directory)
        return original(directory)

    monkeypatch.setattr(runner, "load_occupation_tables", counting)
    runner._cached_tables.cache_clear()
    summary = run_sweep(toy_spec, out=tmp_path / "out")
    assert summary.ran == 32
    assert len(calls) == 1


class _FailsAtHighReemployment:
    """The model, except that runs at the upper lever value raise a non-input error (a defect)."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, values, seed):
        if values["labor.reemployment_rate_per_year"] == 4.0:
            raise ValueError("exposure_path needs a non-decreasing effective-compute path")
        return self.inner(values, seed)


def test_a_run_that_raises_is_recorded_as_failed_and_the_sweep_finishes(toy_spec, tmp_path):
    from sim.experiments.evaluate import ModelEvaluator

    sweep = load_sweep(toy_spec)
    inner = ModelEvaluator(sweep.base, sweep.spec.outcomes, sweep.years)
    evaluator = _FailsAtHighReemployment(inner)
    out = tmp_path / "out"
    summary = run_sweep(sweep, out=out, evaluator=evaluator)
    assert (summary.total, summary.ran, summary.failed) == (32, 32, 16)
    experiments = sim.SweepHandle(out).experiments
    failed = experiments.loc[experiments["status"] == "failed"]
    assert set(failed["labor.reemployment_rate_per_year"]) == {4.0}
    assert failed["error"].str.startswith("ValueError: exposure_path needs").all()
    assert failed["error"].str.contains(r"\(at test_sweep.py:\d+\)").all()
    assert (experiments.loc[experiments["status"] != "failed", "status"] == DONE).all()
    # re-running finds nothing pending: failed runs are not retried and do not crash it again
    again = run_sweep(sweep, out=out, evaluator=evaluator)
    assert (again.ran, again.already_done, again.failed) == (0, 32, 16)
    analysis = analyze_sweep(out)
    assert (analysis.runs, analysis.failed) == (32, 16)
    assert analysis.notes[0].startswith("16 of 32 runs failed")
    listed = pd.read_csv(analysis.written["failed_runs.csv"])
    assert sorted(listed["run_id"]) == sorted(failed["run_id"])
    assert listed["error"].str.startswith("ValueError").all()
    summary_table = pd.read_csv(analysis.written["outcome_summary.csv"])
    assert set(summary_table["lever_point"]) == {0}  # lever point 1 has no finished run


def test_a_chunk_whose_worker_died_is_recorded_as_failed_runs():
    from sim.experiments.evaluate import RunTask
    from sim.experiments.execution import _finished

    class LostFuture:
        def result(self):
            raise RuntimeError("KilledWorker: worker died 4 times on this chunk")

    tasks = [RunTask(run_id, {}, np.random.SeedSequence(1)) for run_id in (3, 4)]
    finished = _finished(LostFuture(), tasks)
    assert finished.runs["run_id"].tolist() == [3, 4]
    assert finished.failed == 2
    assert finished.runs["error"].str.contains("the worker running this chunk failed").all()
    assert finished.outcomes.empty


def test_a_damaged_store_is_one_clear_error_for_analyze_and_resume(tmp_path, capsys):
    spec = write_toy_sweep(tmp_path, sampler="grid", samples=2, replications=1)
    out = tmp_path / "out"
    run_sweep(spec, out=out)
    database = out / "sweep.duckdb"
    with database.open("r+b") as handle:
        handle.truncate(database.stat().st_size // 2)
    for command in (["analyze", str(out)], ["sweep", str(spec), "--out", str(out), "--quiet"]):
        assert sim.cli.main(command) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert "the sweep store is damaged or not a sweep store" in err
