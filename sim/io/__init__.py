"""Files in and out: scenario files, run results, provenance.

- :mod:`~sim.io.input_files` the front door for every user file: path, size,
  encoding, TOML syntax and nesting checks, each failure one clear error;
- :mod:`~sim.io.scenario_files` TOML scenario files (with ``extends``) to a
  validated :class:`~sim.params.Scenario`; raw dicts never travel past it;
- :mod:`~sim.io.results` the run-result type, saved as Parquet + JSON and loaded back;
- :mod:`~sim.io.sweep_files` sweep specifications (TOML) to a validated sweep;
- :mod:`~sim.io.atomic` atomic directory writes (temporary directory, then rename);
- :mod:`~sim.io.provenance` versions, git commit and data checksums for metadata.
"""
