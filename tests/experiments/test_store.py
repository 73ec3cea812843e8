"""The store appends a chunk's columns in one transaction: all of it or nothing."""

from __future__ import annotations

import dataclasses

import duckdb
import numpy as np
import pandas as pd
import pytest

from sim.errors import LaborsimError
from sim.experiments.store import DONE, FAILED, PENDING, FinishedRuns, RunRecord, SweepStore
from sim.experiments.sweep_outcomes import YEARLY_COLUMNS, OutcomeRow


def _planned(store: SweepStore, runs: int) -> None:
    plan = pd.DataFrame(
        {
            "run_id": np.arange(runs),
            "design_id": np.arange(runs),
            "lever_point": 0,
            "sample_index": np.arange(runs),
            "replication": 0,
            "a.b": np.linspace(0.0, 1.0, runs),
        }
    )
    store.initialise("fingerprint", plan, ["0"] * runs)


def _records() -> list[RunRecord]:
    yearly = np.arange(3 * len(YEARLY_COLUMNS), dtype=float).reshape(3, -1)
    return [
        RunRecord(
            0,
            DONE,
            0.5,
            "host:1",
            [OutcomeRow("x", 2030, "total", 1.5), OutcomeRow("x", 2030, "soc:11", -2.0)],
            yearly,
            2025,
        ),
        RunRecord(1, FAILED, 0.1, "host:1", error="bad input"),
        RunRecord(2, DONE, 0.7, "host:2", [OutcomeRow("y", 2035, "total", 3.0)], yearly + 1, 2025),
    ]


def test_a_chunk_is_stored_as_its_records_say(tmp_path):
    finished = FinishedRuns.of(_records())
    assert (len(finished), finished.failed) == (3, 1)
    with SweepStore(tmp_path) as store:
        _planned(store, 4)
        store.write(finished)
        outcomes = store.outcomes()
        experiments = store.experiments()
        yearly = store.yearly()
    assert outcomes.to_dict("list") == {
        "run_id": [0, 0, 2],
        "outcome": ["x", "x", "y"],
        "year": [2030, 2030, 2035],
        "scope": ["soc:11", "total", "total"],
        "value": [-2.0, 1.5, 3.0],
    }
    assert experiments["status"].tolist() == [DONE, FAILED, DONE, PENDING]
    assert experiments["error"].tolist() == ["", "bad input", "", ""]
    assert experiments["finished_utc"].notna().tolist() == [True, True, True, False]
    assert yearly["run_id"].tolist() == [0, 0, 0, 2, 2, 2]
    assert yearly["year"].tolist() == [2025, 2026, 2027] * 2
    assert yearly[YEARLY_COLUMNS[0]].tolist() == [0.0, 6.0, 12.0, 1.0, 7.0, 13.0]


def test_a_write_that_fails_part_way_leaves_no_row_of_its_chunk(tmp_path):
    finished = FinishedRuns.of(_records())
    # the status update and the outcomes insert succeed, then the series insert fails
    broken = dataclasses.replace(finished, yearly=finished.yearly.iloc[:, :3])
    with SweepStore(tmp_path) as store:
        _planned(store, 4)
        with pytest.raises(LaborsimError, match="sweep store"):  # one clear error, rolled back
            store.write(broken)
        assert store.counts() == {PENDING: 4}
        assert store.outcomes().empty
        assert store.yearly().empty
        store.write(finished)  # the same chunk again, whole
        assert store.counts() == {DONE: 2, FAILED: 1, PENDING: 1}
        assert len(store.outcomes()) == 3


def test_finished_runs_travel_as_compact_columns():
    finished = FinishedRuns.of(_records())
    assert isinstance(finished.outcomes["outcome"].dtype, pd.CategoricalDtype)
    assert finished.outcomes["run_id"].dtype == np.int64
    assert finished.runs["wall_seconds"].tolist() == [0.5, 0.1, 0.7]


class _InterruptedAt:
    """The store's connection, except that one statement is interrupted (Ctrl-C in DuckDB)."""

    def __init__(self, real, statement: str, error=duckdb.InterruptException) -> None:
        self.real, self.statement, self.error = real, statement, error

    def execute(self, query, *args):
        if query.startswith(self.statement):
            if self.error is RuntimeError:  # how the Python binding reports SIGINT mid-call
                raise RuntimeError("Query interrupted")
            raise self.error("INTERRUPT Error: Interrupted!")
        return self.real.execute(query, *args)

    def __getattr__(self, name):
        return getattr(self.real, name)


class _CommitInterrupted:
    """The store's connection, except that a commit is made and then reported as interrupted.

    That is what DuckDB's Python binding does when SIGINT arrives during ``commit()``:
    the commit is made, then ``RuntimeError: Query interrupted`` is raised.
    """

    def __init__(self, real) -> None:
        self.real = real

    def commit(self):
        self.real.commit()
        raise RuntimeError("Query interrupted")

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_ctrl_c_during_a_chunk_commit_is_an_interruption_and_the_chunk_is_stored_once(tmp_path):
    with SweepStore(tmp_path) as store:
        _planned(store, 4)
        real = store.connection
        store.connection = _CommitInterrupted(real)
        with pytest.raises(KeyboardInterrupt):  # before: RuntimeError, a traceback
            store.write(FinishedRuns.of(_records()))
        store.connection = real
        assert store.counts() == {DONE: 2, FAILED: 1, PENDING: 1}
        stored = store.outcomes()
        assert not stored.duplicated(["run_id", "outcome", "year", "scope"]).any()
        assert stored["run_id"].tolist() == [0, 0, 2]


def test_a_statement_reported_as_interrupted_is_an_interruption_and_stores_none(tmp_path):
    with SweepStore(tmp_path) as store:
        _planned(store, 4)
        real = store.connection
        store.connection = _InterruptedAt(real, "INSERT INTO outcomes", RuntimeError)
        with pytest.raises(KeyboardInterrupt):
            store.write(FinishedRuns.of(_records()))
        store.connection = real
        assert store.counts() == {PENDING: 4}
        assert store.outcomes().empty


def test_ctrl_c_while_a_chunk_is_written_is_an_interruption_and_stores_none_of_it(tmp_path):
    with SweepStore(tmp_path) as store:
        _planned(store, 4)
        real = store.connection
        store.connection = _InterruptedAt(real, "INSERT INTO outcomes")
        with pytest.raises(KeyboardInterrupt):
            store.write(FinishedRuns.of(_records()))
        store.connection = real
        assert store.counts() == {PENDING: 4}
        assert store.outcomes().empty
