"""The design of a sweep: one row per design point, from SALib samplers or a grid.

Samplers draw in *sampling space* (a log-uniform factor is uniform in log10 of
its value) and points are mapped back to parameter values.  Lever values form a
full-factorial grid; every lever point is crossed with the same sample of the
uncertainties, so indices can be computed per policy.  Each design point is
run ``replications`` times.  Run identity and seeds are fixed here, before any
work is dispatched::

    design_id = lever_point x n_samples + sample_index
    run_id    = design_id x replications + replication
    seed      = sim.rng.run_sequence(seed, replication)              (common)
              | child_sequence(child_sequence(root, design_id), r)   (independent)

The design table is stored with the results and never inferred from row order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.errors import LaborsimError
from sim.io.sweep_files import Factor, Sampler, SeedScheme, Sweep
from sim.params._field import Distribution
from sim.rng import child_sequence, root_sequence, run_sequence

#: Levels of the Morris grid (even, as SALib recommends).
MORRIS_LEVELS = 4
ID_COLUMNS = ("run_id", "design_id", "lever_point", "sample_index", "replication")


@dataclass(frozen=True)
class Design:
    """Factors, sampler and the table of design points (one column per factor, real values)."""

    uncertainties: tuple[Factor, ...]
    levers: tuple[Factor, ...]
    sampler: Sampler
    samples: int
    seed: int
    points: pd.DataFrame

    @property
    def factor_names(self) -> list[str]:
        """Uncertainties then levers, the order of the value columns."""
        return [f.name for f in (*self.uncertainties, *self.levers)]

    def problem(self) -> dict[str, Any]:
        """The SALib problem of the uncertainties, in sampling space."""
        return salib_problem(self.uncertainties)


def salib_problem(factors: tuple[Factor, ...]) -> dict[str, Any]:
    """SALib problem dict: names and bounds in sampling space (log10 for log-uniform)."""
    return {
        "num_vars": len(factors),
        "names": [f.name for f in factors],
        "bounds": [list(_to_sampling(f, np.array([f.low, f.high]))) for f in factors],
    }


def build_design(sweep: Sweep) -> Design:
    """Sample the uncertainties, cross them with the lever grid, number the design points."""
    spec = sweep.spec
    samples = sample_uncertainties(sweep.uncertainties, spec.sampler, spec.samples, sweep.seed)
    lever_grid = list(itertools.product(*(f.values for f in sweep.levers)))
    frames = []
    for lever_point, lever_values in enumerate(lever_grid):
        frame = pd.DataFrame(samples, columns=[f.name for f in sweep.uncertainties])
        frame.insert(0, "sample_index", np.arange(len(frame), dtype=np.int64))
        frame.insert(0, "lever_point", lever_point)
        for factor, value in zip(sweep.levers, lever_values, strict=True):
            frame[factor.name] = float(value)
        frames.append(frame)
    points = pd.concat(frames, ignore_index=True)
    points.insert(0, "design_id", np.arange(len(points), dtype=np.int64))
    return Design(sweep.uncertainties, sweep.levers, spec.sampler, spec.samples, sweep.seed, points)


def sample_uncertainties(
    factors: tuple[Factor, ...], sampler: Sampler, n: int, seed: int
) -> NDArray[np.float64]:
    """Sample matrix (points x factors) in parameter values; one empty row if no factors."""
    if not factors:
        return np.empty((1, 0))
    # SALib (and the scipy.stats it loads, ~0.6 s) only where a design is drawn, so
    # sweep workers and commands that never sample do not import it.
    from SALib.sample import latin, morris
    from SALib.sample import sobol as sobol_sample

    problem = salib_problem(factors)
    if sampler is Sampler.GRID:
        axes = [
            np.linspace(float(low), float(high), f.levels or n)
            for f, (low, high) in zip(factors, problem["bounds"], strict=True)
        ]
        drawn = np.array(list(itertools.product(*axes)), dtype=float)
    elif sampler is Sampler.LATIN_HYPERCUBE:
        drawn = latin.sample(problem, n, seed=seed)
    elif sampler is Sampler.SOBOL:
        drawn = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    else:
        drawn = morris.sample(problem, n, num_levels=MORRIS_LEVELS, seed=seed)
    return np.column_stack([_from_sampling(f, drawn[:, i]) for i, f in enumerate(factors)])


def sampling_values(factors: tuple[Factor, ...], values: pd.DataFrame) -> NDArray[np.float64]:
    """Parameter values mapped back to sampling space (for Morris analysis)."""
    return np.column_stack([_to_sampling(f, values[f.name].to_numpy(float)) for f in factors])


def _to_sampling(factor: Factor, values: NDArray[np.float64]) -> NDArray[np.float64]:
    if factor.distribution is Distribution.LOG_UNIFORM:
        return np.log10(values)
    return values


def _from_sampling(factor: Factor, values: NDArray[np.float64]) -> NDArray[np.float64]:
    if factor.distribution is Distribution.LOG_UNIFORM:
        return np.power(10.0, values)
    return values


def stored_design(sweep: Sweep, experiments: pd.DataFrame, *, origin: str) -> Design:
    """The design a sweep store's runs were made from, with factors in their sampled order.

    A store records its sweep as canonical JSON with sorted keys, so a sweep rebuilt
    from it lists its factors alphabetically, while the runs were sampled in the
    spec's order.  Sobol' indices are positional (SALib reads the i-th column of
    each block as factor i) and a lever grid is numbered in factor order, so the
    factors are put back in the order of the store's value columns, the design is
    drawn again and checked value for value against the runs the store holds.

    Raises
    ------
    LaborsimError
        The store's runs are not the design its sweep describes.
    """
    by_name = {f.name: f for f in (*sweep.uncertainties, *sweep.levers)}
    order = [column for column in experiments.columns if column in by_name]
    if sorted(order) != sorted(by_name):
        raise LaborsimError(
            f"{origin}: the store's runs vary {sorted(order)} but its sweep names "
            f"{sorted(by_name)}; run the sweep into a new --out directory"
        )
    rank = {name: position for position, name in enumerate(order)}
    design = build_design(
        replace(
            sweep,
            uncertainties=tuple(sorted(sweep.uncertainties, key=lambda f: rank[f.name])),
            levers=tuple(sorted(sweep.levers, key=lambda f: rank[f.name])),
        )
    )
    stored = experiments.drop_duplicates("design_id").set_index("design_id").sort_index()
    drawn = design.points.set_index("design_id").sort_index()
    names = design.factor_names
    same = stored.index.equals(drawn.index) and np.array_equal(
        stored[names].to_numpy(float), drawn[names].to_numpy(float)
    )
    if not same:
        raise LaborsimError(
            f"{origin}: the store's runs are not the design its sweep describes (values "
            "differ); run the sweep into a new --out directory"
        )
    return design


def run_table(design: Design, replications: int) -> pd.DataFrame:
    """One row per run: ids, then every varied value, in run-id order."""
    points = design.points
    runs = points.loc[points.index.repeat(replications)].reset_index(drop=True)
    runs.insert(1, "replication", np.tile(np.arange(replications, dtype=np.int64), len(points)))
    runs.insert(0, "run_id", runs["design_id"] * replications + runs["replication"])
    return runs[[*ID_COLUMNS, *design.factor_names]]


def run_seed(
    seed: int, scheme: SeedScheme, design_id: int, replication: int
) -> np.random.SeedSequence:
    """Seed sequence of one run (see the module docstring)."""
    if scheme is SeedScheme.COMMON:
        return run_sequence(seed, replication)
    return child_sequence(child_sequence(root_sequence(seed), design_id), replication)
