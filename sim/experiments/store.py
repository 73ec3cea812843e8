"""The results store of a sweep: one embedded DuckDB database, written as runs finish.

Tables (``sweep.duckdb`` in the sweep directory):

- ``sweep_meta`` (key, value): the spec and base scenario (``fingerprint``),
  versions, git commit, creation time;
- ``experiments``: one row per run, planned before any run starts: ``run_id``,
  ``design_id``, ``lever_point``, ``sample_index``, ``replication``,
  ``spawn_key``, one column per varied parameter (its dotted name), then
  ``status`` (pending | done | failed), ``error``, ``wall_seconds``,
  ``worker`` and ``finished_utc``;
- ``outcomes`` (run_id, outcome, year, scope, value), joined on ``run_id``;
- ``yearly`` (run_id, year, totals...) when the spec asks for yearly series.

Each finished chunk of runs arrives as :class:`FinishedRuns` (columns built in
the worker, so the writing process only appends frames) and is written in one
transaction: its status update, its outcomes and its series commit together or
not at all, so a process killed mid-write leaves no partial rows, and a re-run
finds exactly the runs still pending.  Only the process that drives the sweep
writes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.finished_runs import DONE, FAILED, PENDING, FinishedRuns, RunRecord
from sim.experiments.sweep_outcomes import YEARLY_COLUMNS
from sim.io.provenance import environment_versions, git_commit

DATABASE_FILE = "sweep.duckdb"


class SweepStore:
    """An open sweep database (use as a context manager)."""

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.directory = Path(directory)
        path = self.directory / DATABASE_FILE
        try:
            self.connection = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            raise LaborsimError(f"{path}: cannot open the sweep store: {error}") from None

    def __enter__(self) -> SweepStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()

    def initialise(self, fingerprint: str, runs: pd.DataFrame, spawn_keys: list[str]) -> None:
        """Create the tables and plan every run, or check that the store holds this sweep."""
        if self._has_table("sweep_meta"):
            self._check_same(fingerprint)
            return
        planned = runs.copy()
        planned.insert(5, "spawn_key", spawn_keys)
        planned["status"] = PENDING
        planned["error"] = ""
        planned["wall_seconds"] = np.nan
        planned["worker"] = ""
        planned["finished_utc"] = pd.Series(
            pd.NaT, index=planned.index, dtype="datetime64[us, UTC]"
        )
        meta = pd.DataFrame(
            {
                "key": ["fingerprint", "created_utc", "versions", "git_commit"],
                "value": [
                    fingerprint,
                    datetime.now(UTC).isoformat(),
                    json.dumps(environment_versions()),
                    str(git_commit()),
                ],
            }
        )
        with self._transaction() as con:
            con.register("planned_runs", planned)
            con.register("meta_rows", meta)
            con.execute("CREATE TABLE experiments AS SELECT * FROM planned_runs")
            con.execute(
                "CREATE TABLE outcomes (run_id BIGINT, outcome VARCHAR, year INTEGER, "
                "scope VARCHAR, value DOUBLE)"
            )
            columns = ", ".join(f"{name} DOUBLE" for name in YEARLY_COLUMNS)
            con.execute(f"CREATE TABLE yearly (run_id BIGINT, year INTEGER, {columns})")
            con.execute("CREATE TABLE sweep_meta AS SELECT * FROM meta_rows")

    def _check_same(self, fingerprint: str) -> None:
        stored = self.meta().get("fingerprint")
        if stored != fingerprint:
            raise LaborsimError(
                f"{self.directory}: holds a different sweep (its spec or base scenario changed); "
                "choose another --out directory or delete this one"
            )

    def pending(self) -> pd.DataFrame:
        """Planned runs not yet finished, in run-id order."""
        return self._sql(
            "SELECT * FROM experiments WHERE status = ? ORDER BY run_id", [PENDING]
        ).df()

    def write(self, finished: FinishedRuns) -> None:
        """Store a chunk of finished runs in one transaction (all of it or none)."""
        if not len(finished):
            return
        status = finished.runs.assign(
            finished_utc=pd.Series([datetime.now(UTC)] * len(finished), dtype="datetime64[us, UTC]")
        )
        with self._transaction() as con:
            con.register("finished_status", status)
            con.register("finished_outcomes", finished.outcomes)
            con.execute(
                "UPDATE experiments SET status = s.status, error = s.error, "
                "wall_seconds = s.wall_seconds, worker = s.worker, finished_utc = s.finished_utc "
                "FROM finished_status AS s WHERE experiments.run_id = s.run_id"
            )
            con.execute(
                "INSERT INTO outcomes SELECT run_id, outcome::VARCHAR, year, scope::VARCHAR, "
                "value FROM finished_outcomes"
            )
            if not finished.yearly.empty:
                con.register("finished_yearly", finished.yearly)
                con.execute("INSERT INTO yearly SELECT * FROM finished_yearly")

    def experiments(self) -> pd.DataFrame:
        """Every planned run, in run-id order."""
        return self._sql("SELECT * FROM experiments ORDER BY run_id").df()

    def outcomes(self) -> pd.DataFrame:
        """Every stored outcome row, ordered by run, outcome, year, scope."""
        return self._sql("SELECT * FROM outcomes ORDER BY run_id, outcome, year, scope").df()

    def yearly(self) -> pd.DataFrame:
        """The yearly series of totals (empty unless the spec asked for them)."""
        return self._sql("SELECT * FROM yearly ORDER BY run_id, year").df()

    def meta(self) -> dict[str, str]:
        """The ``sweep_meta`` table as a dict."""
        rows = self._sql("SELECT key, value FROM sweep_meta").fetchall()
        meta = {str(key): str(value) for key, value in rows}
        if "fingerprint" not in meta:
            raise self._damaged("its sweep_meta table has no fingerprint")
        return meta

    def outcome_rows(self) -> int:
        """Number of stored outcome rows."""
        found = self._sql("SELECT count(*) FROM outcomes").fetchone()
        return int(found[0]) if found else 0

    def counts(self) -> dict[str, int]:
        """Number of runs by status."""
        rows = self._sql("SELECT status, count(*) FROM experiments GROUP BY status").fetchall()
        return {str(status): int(count) for status, count in rows}

    def _has_table(self, name: str) -> bool:
        found = self._sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(found and found[0])

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection, self._damaged)

    def _sql(self, query: str, parameters: list[object] | None = None) -> duckdb.DuckDBPyConnection:
        """Run a query; a damaged or foreign database file is one clear error."""
        try:
            return self.connection.execute(query, parameters)
        except (duckdb.Error, RuntimeError) as error:
            if _interrupted(error):  # Ctrl-C during the query: an interruption
                raise KeyboardInterrupt from None
            if isinstance(error, RuntimeError):
                raise
            raise self._damaged(str(error)) from None

    def _damaged(self, reason: str) -> LaborsimError:
        return LaborsimError(
            f"{self.directory / DATABASE_FILE}: the sweep store is damaged or not a sweep store "
            f"({' '.join(reason.split())[:200]}); run the sweep into a new --out directory"
        )


class _Transaction:
    """All statements in the block commit together or not at all; database errors are clear."""

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, damaged: Callable[[str], LaborsimError]
    ) -> None:
        self.connection = connection
        self.damaged = damaged

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        try:
            self.connection.begin()
        except duckdb.Error as error:
            raise self.damaged(str(error)) from None
        return self.connection

    def __exit__(self, exc_type: object, exc: object, *rest: object) -> None:
        try:
            if exc_type is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        except (duckdb.Error, RuntimeError) as error:
            if not _interrupted(error):
                if isinstance(error, RuntimeError):
                    raise
                raise self.damaged(str(error)) from None
            # Ctrl-C during the commit: DuckDB has committed or rolled back as a whole
            # (a commit it reports as interrupted has in fact been made).
            with contextlib.suppress(duckdb.Error):
                self.connection.rollback()
            raise KeyboardInterrupt from None
        if isinstance(exc, BaseException) and _interrupted(exc):  # Ctrl-C in the transaction
            raise KeyboardInterrupt from None
        if isinstance(exc, duckdb.Error):
            raise self.damaged(str(exc)) from None


def _interrupted(error: BaseException) -> bool:
    """Whether a DuckDB error is a Ctrl-C: ``InterruptException``, or the ``RuntimeError``
    ("Query interrupted") its Python binding raises when SIGINT arrives during a call."""
    if isinstance(error, duckdb.InterruptException):
        return True
    return type(error) is RuntimeError and "interrupted" in str(error).lower()


__all__ = [
    "DATABASE_FILE",
    "DONE",
    "FAILED",
    "PENDING",
    "FinishedRuns",
    "RunRecord",
    "SweepStore",
]
