"""Running experiments: one run, replications, batches; named outcomes of runs.

- :mod:`~sim.experiments.runner` runs a scenario (or many, on worker
  processes) and returns :class:`~sim.io.results.RunResult` objects; the only
  place with parallelism;
- :mod:`~sim.experiments.outcomes` outcome definitions as named functions of
  result frames.

Sweeps, their samplers and the results store belong here too.
"""
