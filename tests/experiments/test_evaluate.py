"""Inside a worker: one thread per worker, no garbage left between runs, tables loaded once."""

from __future__ import annotations

import gc
import os
import pickle
import weakref

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from sim.experiments.evaluate import ModelEvaluator, RunTask, run_chunk
from sim.experiments.execution import CLUSTER_CONFIG, WORKER_ENVIRONMENT, _local_cluster
from sim.experiments.store import DONE
from sim.experiments.sweep_outcomes import OutcomeRow
from sim.io.sweep_files import load_sweep


def _tasks(n: int) -> list[RunTask]:
    return [
        RunTask(i, {"x": float(i)}, np.random.SeedSequence(1, spawn_key=(i,))) for i in range(n)
    ]


class _Cyclic:
    """A run's state that refers to itself, as a finished Mesa model does."""

    def __init__(self) -> None:
        self.me = self
        self.payload = np.zeros(1000)


class CycleMaker:
    """Leaves one cyclic object per run and notes which earlier ones are still alive."""

    def __init__(self) -> None:
        self.made: list[weakref.ref[_Cyclic]] = []
        self.alive_at_start: list[int] = []

    def __call__(self, values, seed):
        self.alive_at_start.append(sum(ref() is not None for ref in self.made))
        self.made.append(weakref.ref(_Cyclic()))
        return [OutcomeRow("x", 0, "total", values["x"])], None


def test_each_runs_cyclic_garbage_is_freed_before_the_next_run():
    evaluator = CycleMaker()
    gc.disable()  # only run_chunk's own collections may free the cycles
    try:
        finished = run_chunk(evaluator, _tasks(5), 2025)
    finally:
        gc.enable()
    assert finished.runs["status"].tolist() == [DONE] * 5
    assert evaluator.alive_at_start == [0, 0, 0, 0, 0]
    assert all(ref() is None for ref in evaluator.made)


def test_objects_alive_before_a_chunk_stay_collectable_after_it():
    garbage = weakref.ref(_Cyclic())  # unreachable cycle made before the chunk
    run_chunk(CycleMaker(), _tasks(2), 2025)
    assert gc.get_freeze_count() == 0  # the chunk unfroze what it froze
    gc.collect()
    assert garbage() is None


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


class ThreadCounter:
    """Records the BLAS thread counts seen during each run."""

    def __init__(self) -> None:
        self.seen: list[list[int]] = []

    def __call__(self, values, seed):
        self.seen.append(_blas_threads())
        return [OutcomeRow("x", 0, "total", 0.0)], None


def test_a_chunk_runs_blas_on_one_thread_and_restores_the_setting():
    if not _blas_threads():
        pytest.skip("no BLAS library loaded")
    counter = ThreadCounter()
    with threadpool_limits(limits=2):
        before = _blas_threads()
        run_chunk(counter, _tasks(2), 2025)
        after = _blas_threads()
    assert counter.seen == [[1] * len(before)] * 2
    assert after == before


def test_model_evaluator_travels_without_its_tables(toy_spec):
    sweep = load_sweep(toy_spec)
    evaluator = ModelEvaluator(sweep.base, sweep.spec.outcomes, sweep.years)
    tables = evaluator.tables
    assert evaluator.tables is tables  # loaded once
    evaluator({}, np.random.SeedSequence(1))  # a no-AI world in the cache
    assert evaluator.no_ai_cache.misses == 1
    copy = pickle.loads(pickle.dumps(evaluator))
    assert "tables" not in vars(copy)
    assert (copy.no_ai_cache.hits, copy.no_ai_cache.misses) == (0, 0)  # each process its own
    assert copy.tables.occupations.equals(tables.occupations)


def _worker_environment() -> tuple[dict[str, str | None], dict[str, object], list[str]]:
    import threading

    import dask

    environment = {name: os.environ.get(name) for name in WORKER_ENVIRONMENT}
    config = {key: dask.config.get(key) for key in CLUSTER_CONFIG}
    return environment, config, [thread.name for thread in threading.enumerate()]


def test_local_workers_start_with_one_thread_default_malloc_and_quiet_dask(monkeypatch):
    from distributed import Client

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    cluster = _local_cluster(1)
    try:
        with Client(cluster, set_as_default=False) as client:
            seen, config, threads = next(iter(client.run(_worker_environment).values()))
    finally:
        cluster.close()
    expected = {k: None if v is None else str(v) for k, v in WORKER_ENVIRONMENT.items()}
    assert seen == expected
    assert seen["MALLOC_TRIM_THRESHOLD_"] is None  # Dask's default would be 65536
    assert config == CLUSTER_CONFIG
    assert "Profile" not in threads  # Dask's default starts a profiler thread (10 ms samples)
