"""Dispatch chunks of runs to workers and hand each finished chunk to a callback.

With one worker and no scheduler the chunks run in this process.  Otherwise
they run on Dask distributed: a :class:`distributed.LocalCluster` of
``workers`` single-threaded processes, or the cluster whose scheduler listens
at ``scheduler`` (``tcp://host:port``; start one with ``dask scheduler`` and
``dask worker tcp://host:port --nthreads 1``).  The evaluator is scattered to
every worker once; runs are grouped into chunks so that scheduler overhead
(about a millisecond per task) stays small against run time.  Results are
handed over as chunks complete, in any order: what a run computes depends only
on its own task, never on the order or the worker.

Each worker is one process computing on one core: its numerical libraries
(BLAS, OpenMP) use one thread (:func:`sim.experiments.evaluate.run_chunk`
limits them on any worker, and local workers start with
:data:`WORKER_ENVIRONMENT`), so N workers use N cores and one worker is
one core, in this process or not.

What the machinery costs (2-core machine, full baseline sweep runs of ~40 ms):

- *Dask's housekeeping.*  A local cluster runs with :data:`CLUSTER_CONFIG`:
  without it each worker's statistical profiler, event-loop tick and monitors
  took 2.3 ms of CPU per run beside the run itself (0.1 ms with it), and an
  idle 2-worker cluster 122 ms of CPU a second (15 with it), on the same two
  cores as the runs.  A worker's computing thread spends the same CPU per run
  as this process does (39-42 ms either way on this machine; the spread is
  other load).  Workers of an existing cluster (``--scheduler``) keep their
  own configuration: start them with ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``
  for the same effect.
- *This process* (scheduler, nannies, client, store) spends about 15 ms of CPU
  per chunk (a third of it the store's transaction), so ~0.3 ms a run at 50
  runs a chunk, plus ~8 ms a second while idle.
- *Start-up.*  A worker spends about 3 s of CPU before its first run ends:
  starting Dask 0.4 s, importing the model 1.4 s (Mesa alone 0.8 s), the
  occupation tables 0.4 s, then in its first run Numba's cache 0.4 s and the
  mobility network 0.1 s.  All of it is needed once per process; the workers
  do it side by side (:func:`_unpickled`).  Loading the tables here and
  sending them with the evaluator would save a worker 0.4 s of CPU but put the
  same 0.4 s on this process before dispatch, so it is not done.
- *Chunks.*  ``CHUNKS_PER_WORKER`` chunks per worker of at most ``MAX_CHUNK``
  runs.  Shrinking the last chunks (guided self-scheduling down to 4 runs) was
  tried: in 1,000-run sweeps the workers already finished their last chunks
  0.1-0.3 s apart, and the 38 extra chunks cost this process 0.6 s of CPU, so
  it was not kept.

Ctrl-C cancels the outstanding chunks, closes the cluster and re-raises
:class:`KeyboardInterrupt`; every chunk handed over before it stays stored.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sim.errors import LaborsimError
from sim.experiments.evaluate import Evaluator, RunTask, failed_chunk, run_chunk
from sim.experiments.store import FinishedRuns
from sim.experiments.worker_lifetime import sigint_ignored

#: Target number of chunks per worker: enough to balance load, few enough to keep overhead low.
CHUNKS_PER_WORKER = 8
MAX_CHUNK = 50
#: How long to try to reach an existing scheduler before giving up.
SCHEDULER_TIMEOUT = "10s"
#: Environment of local worker processes, set before they start (Dask's
#: ``distributed.nanny.pre-spawn-environ``; None removes a variable): one thread for
#: BLAS and OpenMP (Numba's loops are serial and start no threads), and glibc's
#: adaptive ``malloc`` left alone.  Dask's default
#: ``MALLOC_TRIM_THRESHOLD_=65536`` hands every freed array back to the kernel, so a run's
#: arrays are page-faulted in again in the next run: measured 8.5x the page faults and
#: about 30% more CPU per run of the benchmark sweep (91 -> 121 ms).
WORKER_ENVIRONMENT: dict[str, int | None] = {
    "OMP_NUM_THREADS": 1,
    "MKL_NUM_THREADS": 1,
    "OPENBLAS_NUM_THREADS": 1,
    "MALLOC_TRIM_THRESHOLD_": None,
}
#: Dask settings of a local cluster (its scheduler and nannies in this process, its
#: workers): Dask's housekeeping, made quiet.  With Dask's defaults a worker's
#: statistical profiler samples its threads every 10 ms, its event loop ticks every
#: 20 ms and its memory and system monitors poll every 0.1 and 0.5 s; this process,
#: which hosts the scheduler and the nannies, does the same.  Measured on an idle
#: 2-worker cluster: 122 ms of CPU per second (main process about 45, each worker
#: about 40) with the defaults, 15 with these; while a worker computes, the CPU its
#: other threads use per run fell from 2.3 ms to 0.1 ms (profiler alone: to 0.8 ms).
#: By difference (1,300- minus 300-run sweeps, quiet machine) 2 workers went from 56.8 to
#: 61-62 runs/s (1 worker in process: 31.2), 34.4 to 32 ms of CPU per run for all processes.
#: Nothing here changes what is computed.  The profiler feeds only the dashboard's
#: profile plots; the memory limit is still enforced (within a second).
CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def chunk_size(n_runs: int, workers: int) -> int:
    """Runs per task: about ``CHUNKS_PER_WORKER`` tasks per worker, at most ``MAX_CHUNK`` runs."""
    return max(1, min(MAX_CHUNK, math.ceil(n_runs / (max(workers, 1) * CHUNKS_PER_WORKER))))


def chunks(tasks: Sequence[RunTask], size: int) -> Iterator[Sequence[RunTask]]:
    """Consecutive slices of ``size`` tasks."""
    for start in range(0, len(tasks), size):
        yield tasks[start : start + size]


def execute(
    evaluator: Evaluator,
    tasks: Sequence[RunTask],
    on_chunk: Callable[[FinishedRuns], None],
    *,
    first_year: int,
    workers: int = 1,
    scheduler: str | None = None,
) -> None:
    """Evaluate every task and call ``on_chunk`` with each finished chunk of records."""
    size = chunk_size(len(tasks), workers)
    if scheduler is None and workers == 1:
        for chunk in chunks(tasks, size):
            on_chunk(run_chunk(evaluator, chunk, first_year))
        return
    with _client(workers, scheduler) as client:
        _execute_on(client, evaluator, tasks, on_chunk, size, first_year)


def _execute_on(
    client: Any,
    evaluator: Evaluator,
    tasks: Sequence[RunTask],
    on_chunk: Callable[[FinishedRuns], None],
    size: int,
    first_year: int,
) -> None:
    from distributed import as_completed

    client.run(_unpickled, evaluator)
    shared = client.scatter(evaluator, broadcast=True)
    submitted = {
        client.submit(run_chunk, shared, list(chunk), first_year, pure=False): chunk
        for chunk in chunks(tasks, size)
    }
    futures = list(submitted)
    try:
        for future in as_completed(futures, loop=client.loop):
            on_chunk(_finished(future, submitted[future]))
            future.release()
    except BaseException:
        client.cancel(futures)
        raise


def _finished(future: Any, chunk: Sequence[RunTask]) -> FinishedRuns:
    """The chunk's runs; if its worker failed as a whole (died, lost), each run failed with it.

    Dask retries a chunk whose worker died up to its ``allowed-failures``
    before it raises (:class:`distributed.KilledWorker`); such a chunk is
    stored as failed runs so that the rest of the sweep goes on and a re-run
    does not fall into it again.
    """
    try:
        result: FinishedRuns = future.result()
    except Exception as error:  # a chunk's failure is recorded, never raised
        return failed_chunk(chunk, error, worker="(lost)")
    return result


def _unpickled(evaluator: Evaluator) -> None:
    """Nothing: run on every worker at once, only so that each unpickles the evaluator.

    Unpickling it imports the model (about 1.4 s of CPU in a new worker).  A
    scatter with ``broadcast=True`` sends the evaluator to one worker and copies
    it from there to the next, so without this the workers would import one
    after another (measured: 3.3 s instead of 1.7 s of wall time for 2 workers).
    """


def _client(workers: int, scheduler: str | None) -> Any:
    from distributed import Client

    if scheduler is not None:
        try:
            return Client(scheduler, set_as_default=False, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise LaborsimError(
                f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({error}); "
                "start one with `dask scheduler` and workers with `dask worker ADDRESS`"
            ) from None
    cluster = _local_cluster(workers)
    return _OwnedClient(Client(cluster, set_as_default=False), cluster)


def _local_cluster(workers: int) -> Any:
    """``workers`` single-threaded worker processes (:data:`WORKER_ENVIRONMENT`, quiet Dask)."""
    import dask
    from distributed import LocalCluster

    settings = {
        **CLUSTER_CONFIG,
        **{
            f"distributed.nanny.pre-spawn-environ.{name}": value
            for name, value in WORKER_ENVIRONMENT.items()
        },
    }
    # Worker processes inherit an ignored SIGINT, so Ctrl-C reaches only this process,
    # which cancels the work and closes the cluster itself.
    with sigint_ignored(), dask.config.set(settings):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: several sweeps may run at once
            # Dask's own logs are not for users (failures reach the sweep through its
            # futures): at ERROR, a worker's heartbeat cut short by the cluster's close
            # after Ctrl-C printed a CommClosedError traceback (make chaos, SIGINT).
            silence_logs=logging.CRITICAL,
        )


class _OwnedClient:
    """A client and the local cluster it owns, closed together."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()
