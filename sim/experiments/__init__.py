"""Running experiments: one run, replications, batches; named outcomes of runs.

- :mod:`~sim.experiments.runner` runs a scenario (or many, on worker
  processes) and returns :class:`~sim.io.results.RunResult` objects; the only
  place with parallelism;
- :mod:`~sim.experiments.outcomes` outcome definitions as named functions of
  result frames;
- sweeps: :mod:`~sim.experiments.design` (SALib samplers, lever grid, run ids
  and seeds), :mod:`~sim.experiments.sweep_outcomes` (a run reduced to named
  outcomes in the worker), :mod:`~sim.experiments.evaluate` (chunks of runs in a
  worker), :mod:`~sim.experiments.execution` (in-process or Dask distributed),
  :mod:`~sim.experiments.store` (the resumable DuckDB store),
  :mod:`~sim.experiments.sweep` (``sim.sweep`` and :class:`SweepHandle`),
  :mod:`~sim.experiments.analysis` (Sobol', Morris, PRIM tables).
- the uncertainty ensemble of a scenario run: :mod:`~sim.experiments.ensemble`
  (``run_ensemble``), :mod:`~sim.experiments.ensemble_design` (what is drawn),
  :mod:`~sim.experiments.ensemble_results` (tables on disk),
  :mod:`~sim.experiments.ensemble_stats` (ranges, classes, PAWN drivers).
- :mod:`~sim.experiments.resume` which runs of a batch are already complete
  (resume after a kill) and the layout rules of result directories;
- :mod:`~sim.experiments.replay` re-run a saved run from its metadata and
  compare frames exactly;
- :mod:`~sim.experiments.worker_lifetime` worker processes end with their parent.
"""
