"""``results/README.md``: every recorded column with unit and meaning, from the declarations.

Regenerate with ``python -m sim.model.outputs_doc > results/README.md``; a test
keeps the committed file in sync with :mod:`sim.model.outputs`.
"""

from __future__ import annotations

import sys

from sim.model.outputs import (
    ECONOMY_ID_COLUMNS,
    OCCUPATION_ID_COLUMNS,
    RUN_ID_COLUMNS,
    CapabilityRow,
    EconomyRow,
    OccupationRow,
    Series,
    series_of,
)
from sim.model.outputs_network import TRANSITION_ID_COLUMNS, NetworkRow, TransitionRow


def outputs_markdown() -> str:
    """The tables of every recorded column with unit and meaning (``results/README.md``)."""
    parts = []
    economy = {
        **RUN_ID_COLUMNS,
        **ECONOMY_ID_COLUMNS,
        **series_of(CapabilityRow),
        **series_of(EconomyRow),
        **series_of(NetworkRow),
    }
    occupations = {**RUN_ID_COLUMNS, **OCCUPATION_ID_COLUMNS, **series_of(OccupationRow)}
    transitions = {**TRANSITION_ID_COLUMNS, **series_of(TransitionRow)}
    tables = (
        ("economy.parquet", "one row per step", economy),
        ("occupations.parquet", "one row per simulated year x occupation", occupations),
        (
            "transitions.parquet",
            "one row per simulated year x mobility-network edge with a flow",
            transitions,
        ),
    )
    for file_name, rows, columns in tables:
        parts.append(f"### `{file_name}` ({rows})\n")
        parts.append("| column | unit | meaning |\n|---|---|---|")
        parts += [_row(name, series) for name, series in columns.items()]
        parts.append("")
    return "\n".join(parts)


RESULTS_README_INTRO = """# results/

Generated output only; nothing here is committed except this README and `.gitignore`.
This file is generated from the output declarations in `sim/model/outputs.py`
(`python -m sim.model.outputs_doc > results/README.md`; a test keeps it in sync).

`laborsim run SCENARIO` writes one directory per run, by default `results/<scenario name>/`:

- `occupations.parquet`: one row per simulated year and occupation, identified by
  `run_id`, `scenario`, `replication`, `year`, `occupation_code` and `title`;
- `economy.parquet`: one row per step, identified by `run_id`, `scenario`,
  `replication`, `step` and `year`;
- `transitions.parquet`: where the unemployed were re-employed, one row per simulated
  year and (`from_code`, `to_code`) edge of the mobility network with a flow (absent if
  the scenario sets `run.record_transitions = false`);
- `metadata.json`: the full resolved scenario, seed, spawn key, package and dependency
  versions, git commit, data checksums, timings, `results_schema_version` and the
  SHA-256 of each Parquet file above (`data_file_sha256`; loading and resume refuse a
  file that differs).

Load a run back with `sim.load_result("results/baseline")`.  Columns ending in `_no_ai`
are the same scenario with AI capability frozen at the base year; the others are the
scenario itself.

`laborsim sweep SPEC` writes `results/sweeps/<sweep name>/sweep.duckdb` (tables
`experiments`, `outcomes`, `yearly`, `sweep_meta`), and `laborsim analyze` adds tidy tables
beside it (`outcome_summary.csv`, `sobol_indices.csv` or `morris_indices.csv`,
`prim_boxes.csv`, `experiments.parquet`, `outcomes.parquet`); see `docs/sweeps.md`.

`laborsim run SCENARIO --uncertainty [N]` adds the run's uncertainty ensemble in
`<run directory>/ensemble/`: its sweep store `sweep.duckdb`, `ensemble.json` (draws, the
parameters drawn with their ranges, those held, the classification rule),
`ensemble_totals.parquet` (median, 5th and 95th percentile and sign probabilities of each
headline total per year), `ensemble_occupations.parquet` (the same per occupation and year,
with its class: robust decline, robust growth, sign uncertain) and
`ensemble_drivers.parquet` (PAWN indices of every drawn parameter for each headline total
and each seed example); see `docs/uncertainty.md`.

"""


def _row(name: str, series: Series) -> str:
    return f"| `{name}` | {series.unit} | {series.description} |"


def results_readme() -> str:
    """The text of ``results/README.md``."""
    return RESULTS_README_INTRO + outputs_markdown()


if __name__ == "__main__":
    sys.stdout.write(results_readme())
