"""Finished sweep runs as they travel from a worker to the store: records, then columns.

A worker turns each run into a :class:`RunRecord` (status, timing, outcomes)
and a chunk of them into :class:`FinishedRuns`, whose columns the store appends
in one transaction (:meth:`sim.experiments.store.SweepStore.write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.experiments.sweep_outcomes import YEARLY_COLUMNS, OutcomeRow

PENDING, DONE, FAILED = "pending", "done", "failed"


@dataclass
class RunRecord:
    """What comes back from a worker for one run: status, timing and its outcomes only."""

    run_id: int
    status: str
    wall_seconds: float
    worker: str
    outcomes: list[OutcomeRow] = field(default_factory=list)
    yearly: np.ndarray | None = None
    first_year: int = 0
    error: str = ""


@dataclass(frozen=True)
class FinishedRuns:
    """The finished runs of one chunk in columns, as the store appends them.

    ``runs``: run_id, status, error, wall_seconds, worker; ``outcomes``: run_id,
    outcome, year, scope, value (categorical names); ``yearly``: run_id, year
    and the :data:`~sim.experiments.sweep_outcomes.YEARLY_COLUMNS` (empty if
    no run has a series).
    """

    runs: pd.DataFrame
    outcomes: pd.DataFrame
    yearly: pd.DataFrame

    @classmethod
    def of(cls, records: Sequence[RunRecord]) -> FinishedRuns:
        """Columns of ``records`` (built where the runs ran)."""
        runs = pd.DataFrame(
            {
                "run_id": np.array([r.run_id for r in records], dtype=np.int64),
                "status": [r.status for r in records],
                "error": [r.error for r in records],
                "wall_seconds": np.array([r.wall_seconds for r in records], dtype=np.float64),
                "worker": [r.worker for r in records],
            }
        )
        return cls(runs, _outcome_frame(records), _yearly_frame(records))

    def __len__(self) -> int:
        """Number of runs."""
        return len(self.runs)

    @property
    def failed(self) -> int:
        """Number of failed runs."""
        return int((self.runs["status"] == FAILED).sum())


def _outcome_frame(records: Sequence[RunRecord]) -> pd.DataFrame:
    rows = [row for r in records for row in r.outcomes]
    outcome, year, scope, value = zip(*rows, strict=True) if rows else ((), (), (), ())
    run_ids = [r.run_id for r in records]
    counts = [len(r.outcomes) for r in records]
    return pd.DataFrame(
        {
            "run_id": np.repeat(np.array(run_ids, dtype=np.int64), counts),
            "outcome": pd.Categorical(outcome),
            "year": np.array(year, dtype=np.int32),
            "scope": pd.Categorical(scope),
            "value": np.array(value, dtype=np.float64),
        }
    )


def _yearly_frame(records: Sequence[RunRecord]) -> pd.DataFrame:
    series = [r for r in records if r.yearly is not None]
    if not series:
        return pd.DataFrame()
    lengths = [len(r.yearly) for r in series if r.yearly is not None]
    frame = pd.DataFrame(
        np.concatenate([r.yearly for r in series if r.yearly is not None]),
        columns=list(YEARLY_COLUMNS),
    )
    years = [
        np.arange(n, dtype=np.int32) + r.first_year for r, n in zip(series, lengths, strict=True)
    ]
    frame.insert(0, "year", np.concatenate(years))
    frame.insert(0, "run_id", np.repeat(np.array([r.run_id for r in series], np.int64), lengths))
    return frame
