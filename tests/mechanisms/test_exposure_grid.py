"""Exposure grid: lattice points, the memo never changes a result, and it stays bounded."""

import dataclasses

import numpy as np
from numpy.testing import assert_array_equal

from sim.mechanisms import exposure, exposure_grid
from tests.mechanisms.test_exposure import random_tasks


def test_the_grid_starts_at_the_path_and_steps_on_the_lattice():
    grid = exposure_grid.capability_grid(2.3, 6.1, -np.inf)
    assert_array_equal(grid, [2.3, 3.0, 4.0, 5.0, 6.0, 7.0])
    on_lattice = exposure_grid.capability_grid(2.0, 4.0, 3.5)
    assert_array_equal(on_lattice, [2.0, 3.0, 3.5, 4.0])


def test_the_memo_never_changes_a_path():
    tasks = random_tasks(4, n_tasks=300, n_occ=11)
    shared = dataclasses.replace(tasks, memo=exposure.GridMemo())
    base = np.linspace(0.0, 9.0, 200)
    faster = np.linspace(0.0, 14.0, 200)  # shares the first point and part of the lattice
    cold = exposure.exposure_path(faster, tasks)
    exposure.exposure_path(base, shared)  # fills part of the memo
    for _ in range(2):  # partly from the memo, then wholly
        warm = exposure.exposure_path(faster, shared)
        assert_array_equal(warm.assisted, cold.assisted)
        assert_array_equal(warm.autonomous, cold.autonomous)


def test_the_memo_keys_on_the_tasks_and_keeps_a_bounded_number():
    memo = exposure.GridMemo(entries=2)
    path = np.linspace(0.0, 9.0, 100)
    results = []
    for seed in (1, 2, 3, 1):
        tasks = dataclasses.replace(random_tasks(seed, n_tasks=200, n_occ=5), memo=memo)
        results.append(exposure.exposure_path(path, tasks).assisted)
        assert len(memo._store) <= 2
    assert not np.array_equal(results[0], results[1])  # other tasks, other sums
    assert_array_equal(results[3], results[0])  # seed 1 again, recomputed after eviction
