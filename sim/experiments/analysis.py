"""Analyse a finished sweep: Sobol' and Morris indices (SALib), PRIM boxes (EMA Workbench).

Outcomes are first averaged over replications per design point.  Indices are
computed per outcome key (outcome, year, scope) and per lever point, in the
design's sampling space, with 95% confidence intervals from SALib's bootstrap.
Scenario discovery runs PRIM (Friedman & Fisher 1999, as implemented in EMA
Workbench's ``analysis.prim``) on the uncertainty values of all runs for each
``[[discovery]]`` rule of the spec, and reports the box with the largest
coverage whose density reaches :data:`PRIM_DENSITY`.

Tables written to the sweep directory (tidy, one row per index; see ``docs/sweeps.md``):
``outcome_summary.csv``, ``sobol_indices.csv``, ``morris_indices.csv``,
``prim_boxes.csv``, ``failed_runs.csv``; ``experiments.parquet`` and ``outcomes.parquet``
export the store.  Failed runs are left out of every index and named in the result's notes.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze

from sim.errors import LaborsimError
from sim.experiments.analysis_files import store_identity, write_tables
from sim.experiments.design import MORRIS_LEVELS, Design, sampling_values, stored_design
from sim.experiments.store import DATABASE_FILE, DONE, FAILED, SweepStore
from sim.io.sweep_files import DiscoverySpec, Sampler, sweep_from_fingerprint

KEY = ["outcome", "year", "scope"]
CONFIDENCE = 0.95
#: Minimum share of cases of interest inside a reported PRIM box (EMA's usual threshold).
PRIM_DENSITY = 0.8
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: The failed runs of a sweep with their errors, written by :func:`analyze_sweep`.
FAILED_RUNS_FILE = "failed_runs.csv"


def design_outcomes(store: SweepStore) -> pd.DataFrame:
    """Outcomes averaged over replications: one row per design point and outcome key."""
    experiments = store.experiments()
    outcomes = store.outcomes().merge(
        experiments.loc[experiments["status"] == DONE, ["run_id", "design_id"]], on="run_id"
    )
    return outcomes.groupby(["design_id", *KEY], as_index=False)["value"].mean()


def outcome_summary(means: pd.DataFrame, design: Design) -> pd.DataFrame:
    """Quantiles of every outcome over the design points, per lever point."""
    frame = means.merge(design.points[["design_id", "lever_point"]], on="design_id")
    grouped = frame.groupby(["lever_point", *KEY])["value"]
    summary = grouped.quantile(list(QUANTILES)).unstack()
    summary.columns = [f"q{int(q * 100):02d}" for q in QUANTILES]
    summary.insert(0, "mean", grouped.mean())
    summary.insert(0, "runs", grouped.size())
    return summary.reset_index()


def sensitivity_indices(means: pd.DataFrame, design: Design) -> pd.DataFrame:
    """Sobol' (S1, ST) or Morris (mu*, sigma) indices, one row per parameter and outcome key."""
    if design.sampler not in (Sampler.SOBOL, Sampler.MORRIS):
        return pd.DataFrame()
    problem = design.problem()
    frames = []
    table = means.merge(design.points[["design_id", "lever_point", "sample_index"]])
    for (lever_point, *key), group in table.groupby(["lever_point", *KEY]):
        group = group.sort_values("sample_index")
        if len(group) != design.points["lever_point"].eq(lever_point).sum():
            continue  # outcome missing for some design points (failed runs)
        y = group["value"].to_numpy(float)
        indices = _indices(design, problem, y, group["design_id"].to_numpy())
        labels = {"lever_point": lever_point, **dict(zip(KEY, key, strict=True))}
        frames.append(indices.assign(**labels)[[*labels, *indices.columns]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _indices(
    design: Design, problem: dict[str, Any], y: np.ndarray, ids: np.ndarray
) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # constant outcomes give 0/0
        if design.sampler is Sampler.SOBOL:
            result = sobol_analyze.analyze(
                problem, y, calc_second_order=False, conf_level=CONFIDENCE, seed=design.seed
            )
            columns = {"S1": "S1", "S1_conf": "S1_conf", "ST": "ST", "ST_conf": "ST_conf"}
        else:
            points = design.points.set_index("design_id").loc[ids]
            x = sampling_values(design.uncertainties, points)
            result = morris_analyze.analyze(
                problem, x, y, conf_level=CONFIDENCE, num_levels=MORRIS_LEVELS, seed=design.seed
            )
            columns = {
                "mu": "mu",
                "mu_star": "mu_star",
                "mu_star_conf": "mu_star_conf",
                "sigma": "sigma",
            }
    frame = pd.DataFrame(
        {target: np.asarray(result[source], float) for source, target in columns.items()}
    )
    frame.insert(0, "parameter", problem["names"])
    return frame


def prim_boxes(means: pd.DataFrame, design: Design, rules: list[DiscoverySpec]) -> pd.DataFrame:
    """For each rule, the restricted dimensions of the PRIM box (or why there is none)."""
    rows: list[dict[str, Any]] = []
    names = [f.name for f in design.uncertainties]
    for number, rule in enumerate(rules):
        year = int(rule.year) if rule.year != "horizon" else int(means["year"].max())
        chosen = means[
            (means["outcome"] == rule.outcome)
            & (means["year"] == year)
            & (means["scope"] == rule.scope)
        ]
        table = chosen.merge(design.points, on="design_id")
        if table.empty or not names:
            continue
        values = table["value"].to_numpy(float)
        interesting = _of_interest(values, rule)
        rows += _prim_rows(number, rule.described(year), table[names], interesting)
    return pd.DataFrame(rows)


def _of_interest(values: np.ndarray, rule: DiscoverySpec) -> np.ndarray:
    interesting = np.ones(values.shape, dtype=bool)
    if rule.below is not None:
        interesting &= values < rule.below
    if rule.above is not None:
        interesting &= values > rule.above
    return interesting


def _prim_rows(number: int, described: str, x: pd.DataFrame, y: np.ndarray) -> list[dict[str, Any]]:
    base = {"rule": number, "case": described, "cases_of_interest": int(y.sum()), "runs": len(y)}
    if y.sum() == 0 or y.all():
        note = "no case of interest" if y.sum() == 0 else "every run is a case of interest"
        return [{**base, "parameter": "", "note": note}]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim

        box = prim.Prim(x.reset_index(drop=True), y).find_box()
    trajectory = box.peeling_trajectory
    dense = trajectory.index[trajectory["density"] >= PRIM_DENSITY]
    if len(dense):
        index = int(trajectory.loc[dense, "coverage"].idxmax())
        note = ""
    else:
        index = int(trajectory["density"].idxmax())
        note = f"no box reaches density {PRIM_DENSITY:g}; the densest box is shown"
    stats = {k: float(trajectory.loc[index, k]) for k in ("coverage", "density", "mass")}
    base = {**base, **stats, "note": note}
    ((_, limits),) = box.inspect(index, style="data")
    rows = [
        {
            **base,
            "parameter": str(name),
            "low": float(row.iloc[0]),
            "high": float(row.iloc[1]),
            "qp_value": float(np.nanmin(row.iloc[2:].to_numpy(float))),
        }
        for name, row in limits.iterrows()
    ]
    return rows or [{**base, "parameter": "", "note": "no restriction found"}]


@dataclass(frozen=True)
class SweepAnalysis:
    """What :func:`analyze_sweep` wrote, and what the reader must know about it.

    Attributes
    ----------
    written : dict of str to Path
        Every table written, by file name.
    runs, failed : int
        Runs of the sweep, and how many of them failed (left out of every table
        but ``failed_runs.csv`` and ``experiments.parquet``).
    notes : tuple of str
        One sentence per caveat (failed runs, indices that could not be computed).
    """

    written: dict[str, Path]
    runs: int
    failed: int
    notes: tuple[str, ...] = ()


def failed_runs(experiments: pd.DataFrame) -> pd.DataFrame:
    """The failed runs: ids, varied values and error, one row each (``failed_runs.csv``)."""
    failed = experiments.loc[experiments["status"] == FAILED]
    columns = [c for c in failed.columns if c not in ("status", "wall_seconds", "finished_utc")]
    return failed[columns].reset_index(drop=True)


def _failure_notes(
    experiments: pd.DataFrame, means: pd.DataFrame, design: Design, indices: pd.DataFrame
) -> tuple[str, ...]:
    failed = int((experiments["status"] == FAILED).sum())
    if not failed:
        return ()
    notes = [
        f"{failed} of {len(experiments)} runs failed (their errors are in {FAILED_RUNS_FILE}); "
        "they are left out of the summaries, indices and PRIM boxes"
    ]
    missing = int((~design.points["design_id"].isin(means["design_id"])).sum())
    if missing and design.sampler in (Sampler.SOBOL, Sampler.MORRIS):
        computed = "none could be" if indices.empty else "only lever points without them were"
        notes.append(
            f"{missing} of {len(design.points)} design points have no finished run; "
            f"{design.sampler.value} indices need every point of the design, so {computed} "
            "computed"
        )
    return tuple(notes)


def analyze_sweep(directory: str | Path) -> SweepAnalysis:
    """Compute every table for a finished sweep and write it; see :class:`SweepAnalysis`.

    Failed runs do not stop the analysis: they are listed in
    ``failed_runs.csv``, left out of every other table, and named in the notes.
    """
    directory = Path(directory)
    if not (directory / DATABASE_FILE).is_file():
        raise LaborsimError(f"{directory}: no {DATABASE_FILE} here; run laborsim sweep first")
    with SweepStore(directory, read_only=True) as store:
        sweep = sweep_from_fingerprint(store.meta()["fingerprint"], origin=str(directory))
        experiments = store.experiments()
        design = stored_design(sweep, experiments, origin=str(directory))
        counts = store.counts()
        pending = counts.get("pending", 0)
        if pending:
            total = sum(counts.values())
            raise LaborsimError(
                f"{directory}: sweep incomplete ({total - pending} of {total} runs); re-run "
                "laborsim sweep with the same spec and --out to finish it"
            )
        means = design_outcomes(store)
        indices_file = (
            "sobol_indices.csv" if design.sampler is Sampler.SOBOL else "morris_indices.csv"
        )
        indices = sensitivity_indices(means, design)
        tables = {
            "experiments.parquet": experiments,
            "outcomes.parquet": store.outcomes(),
            FAILED_RUNS_FILE: failed_runs(experiments),
            "outcome_summary.csv": outcome_summary(means, design),
            indices_file: indices,
            "prim_boxes.csv": prim_boxes(means, design, sweep.spec.discovery),
        }
        notes = _failure_notes(experiments, means, design, indices)
        identity = store_identity(store)
    written = write_tables(directory, tables, identity)
    failed = int((experiments["status"] == FAILED).sum())
    return SweepAnalysis(written, len(experiments), failed, notes)
