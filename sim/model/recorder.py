"""Record model state into preallocated arrays and return tidy frames.

Each step keeps head counts by occupation, flow totals and the AI world's
flows summed over the running year (a few array operations per step).  The frames
are computed once, at the end, by the row functions of
:mod:`sim.model.outputs`: economy-wide outcomes for every step, occupation
outcomes for every simulated year (with the year's labour flows summed), and
re-employment flows by mobility-network edge summed by year (both worlds).
Values are copied on record, never referenced, so later steps cannot change
what was collected.
"""

from __future__ import annotations

import functools

import numba
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, N_WORLDS, NO_AI_WORLD
from sim.mechanisms.capability import CapabilityPath
from sim.mechanisms.labor import LaborFlows
from sim.model.inputs import ModelInputs
from sim.model.outputs import (
    CapabilityRow,
    EconomyRow,
    OccupationRow,
    economy_rows,
    occupation_rows,
)
from sim.model.outputs_network import (
    SEARCH_TOTALS,
    TRANSITION_ID_COLUMNS,
    NetworkRow,
    TransitionRow,
    network_rows,
)
from sim.model.run_arrays import ExogenousPaths, History

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


@functools.cache
def column_labels(names: tuple[str, ...]) -> pd.Index:
    """``names`` as the column labels of a frame, built once per process.

    pandas 3 holds labels as Arrow strings and builds such an index in about
    0.3 ms, as long as the rest of a small frame; the names are the fixed
    output declarations and an index's values are immutable, so frames share
    them (each frame gets its own shallow copy: an index's ``name`` can be set).
    """
    return pd.Index(names)


def tidy_frame(
    ids: dict[str, np.ndarray | pd.Categorical], floats: dict[str, FloatArray], n_rows: int
) -> pd.DataFrame:
    """Identifier columns, then float64 columns (each flattened to ``n_rows``) in one block.

    The float values are copied once into a (columns, rows) array that the
    frame keeps as its float block (:func:`block_frame`), instead of one copy
    per column and a second to consolidate.
    """
    block = np.empty((len(floats), n_rows))
    for row, values in zip(block, floats.values(), strict=True):
        row.reshape(np.shape(values))[...] = values
    return block_frame(ids, tuple(floats), block)


def block_frame(
    ids: dict[str, np.ndarray | pd.Categorical], names: tuple[str, ...], block: FloatArray
) -> pd.DataFrame:
    """Identifier columns, then the rows of ``block`` (columns, rows) as float columns ``names``.

    The frame keeps ``block`` as its float block (nothing else may refer to
    it); the identifier columns are joined in front in one step, not inserted
    one by one (each insertion rebuilds the column labels).
    """
    float_positions = pd.RangeIndex(len(ids), len(ids) + len(names))
    float_part = pd.DataFrame(block.T, columns=float_positions, copy=False)
    frame = pd.concat([pd.DataFrame(dict(enumerate(ids.values()))), float_part], axis=1)
    frame.columns = column_labels((*ids, *names)).copy()
    return frame


class Recorder:
    """Preallocated :class:`~sim.model.run_arrays.History` of one run, and its frames.

    The compiled loop writes the history (:func:`sim.model.kernel.record_step`,
    every step including the base year) and the flows by edge.
    """

    def __init__(
        self,
        n_steps: int,
        steps_per_year: int,
        inputs: ModelInputs,
        paths: ExogenousPaths,
        *,
        record_transitions: bool = True,
    ) -> None:
        self.steps_per_year = steps_per_year
        self.record_transitions = record_transitions
        self.moves: list[FloatArray] = []  # per year: (worlds, W edges [+ R edges])
        self.inputs = inputs
        self.paths = paths
        worlds_by_occupation = paths.exposure.shape[1:]
        steps, years = n_steps + 1, n_steps // steps_per_year + 1
        n_flows = len(LaborFlows._fields)
        self.history = History(
            employment=np.empty((steps, *worlds_by_occupation)),
            unemployed=np.empty((steps, *worlds_by_occupation)),
            flow_totals=np.empty((n_flows, steps, worlds_by_occupation[0])),
            year_flows=np.zeros((years, n_flows, worlds_by_occupation[1])),
            elasticity=np.empty((years, *worlds_by_occupation)),
            required_labour=np.empty((years, *worlds_by_occupation)),
            search_totals=np.empty((len(SEARCH_TOTALS), steps, worlds_by_occupation[0])),
            long_term_unemployed=np.empty((years, *worlds_by_occupation)),
            wage=np.empty((years, *worlds_by_occupation)),
            vacancies=np.empty((years, *worlds_by_occupation)),
        )
        # Re-employment by edge per year, recorded by the compiled loop (if kept).
        network = inputs.mobility
        edges = network.search.nnz + (network.retraining.nnz if network.has_retraining else 0)
        rows = max(-(-n_steps // steps_per_year), 1)
        kept = edges if record_transitions else 0
        self.edge_flows = np.zeros((rows if kept else 1, worlds_by_occupation[0], kept))

    def close_years(self, last_step: int) -> None:
        """Keep the edge flows of every year completed by ``last_step``.

        A completed year's row of ``edge_flows`` is never written again, so the
        list holds read-only views of it, not copies.
        """
        if not self.record_transitions:
            return
        for year in range(len(self.moves) + 1, last_step // self.steps_per_year + 1):
            view = self.edge_flows[year - 1].view()
            view.flags.writeable = False
            self.moves.append(view)

    def economy_frame(self, capability: CapabilityPath) -> pd.DataFrame:
        """One row per step: capability decomposition and economy-wide outcomes."""
        columns: dict[str, FloatArray] = {
            "year": capability.years,
            **{name: getattr(capability, name) for name in CapabilityRow._fields},
        }
        rows = economy_rows(self.history, self.paths, self.inputs.mean_wage)
        columns.update(zip(EconomyRow._fields, rows, strict=True))
        network = network_rows(
            self.history.search_totals,
            (rows.employment_total, rows.employment_total_no_ai),
            (rows.unemployed, rows.unemployed_no_ai),
            LaborFlows(*self.history.flow_totals),
            self.inputs.retraining_cost_usd_per_participant_year,
        )
        columns.update(zip(NetworkRow._fields, network, strict=True))
        steps = np.arange(capability.years.size, dtype=np.int64)
        return tidy_frame({"step": steps}, columns, capability.years.size)

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy); codes and titles are categorical."""
        rows = occupation_rows(self.history, self.paths, self.steps_per_year)
        n_years, n = rows.employment.shape
        index = np.tile(np.arange(n), n_years)
        categories = self.inputs.categories
        ids = {
            "year": (base_year + np.repeat(np.arange(n_years), n)).astype(np.int64),
            "occupation_code": pd.Categorical.from_codes(index, dtype=categories.code),
            "title": pd.Categorical.from_codes(
                categories.title_index[index], dtype=categories.title
            ),
        }
        floats = dict(zip(OccupationRow._fields, rows, strict=True))
        return tidy_frame(ids, floats, n_years * n)

    def transitions_frame(self, base_year: int) -> pd.DataFrame | None:
        """One row per year x (from, to) with a positive flow in either world (None: not kept)."""
        if not self.record_transitions:
            return None
        network = self.inputs.mobility
        matrices = [network.search] + ([network.retraining] if network.has_retraining else [])
        codes = self.inputs.categories.code
        code_type = pd.Categorical.from_codes(np.empty(0, dtype=np.int8), dtype=codes).codes.dtype
        origin = np.concatenate(
            [np.repeat(np.arange(m.shape[0], dtype=code_type), np.diff(m.indptr)) for m in matrices]
        )
        destination = np.concatenate([m.indices for m in matrices]).astype(code_type)
        columns = transition_columns(
            self.edge_flows[: len(self.moves)], origin, destination, base_year
        )
        block = columns.pop(BLOCK)
        floats = TransitionRow._fields
        if network.has_retraining:  # an edge of both W and R: one row
            columns, block = _shared_edges_summed(columns, block, len(codes.categories))
        ids = {name: columns[name] for name in TRANSITION_ID_COLUMNS}
        for column in ("from_code", "to_code"):  # edges of the network: valid codes
            ids[column] = pd.Categorical.from_codes(ids[column], dtype=codes, validate=False)
        return block_frame(ids, floats, block)


def _shared_edges_summed(
    columns: dict[str, np.ndarray], block: FloatArray, n_codes: int
) -> tuple[dict[str, np.ndarray], FloatArray]:
    """Rows of one (year, from, to) summed into one, sorted by (year, from, to), and their block.

    What pandas' ``groupby(["year", "from_code", "to_code"]).sum()`` gives (the
    same rows, order, dtypes and sums: a group holds an edge of ``W`` and the
    same edge of ``R``, rows in that order, and its sum ``0 + a + b`` is
    ``a + b`` rounded once, as pandas' compensated sum gives), by a stable
    sort of one integer key (the policy-retraining scenario's transitions frame: 300-356 ms
    before, 68-85 ms now, of 1.25 million rows).
    """
    year, source, target = (columns[name] for name in TRANSITION_ID_COLUMNS)
    if year.size == 0:
        return columns, block
    key = (year * n_codes + source.astype(np.int64)) * n_codes + target.astype(np.int64)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    rows = order[first]
    summed = {name: columns[name][rows] for name in TRANSITION_ID_COLUMNS}
    block = np.stack([0.0 + np.add.reduceat(flows[order], first) for flows in block])
    for name, values in zip(TransitionRow._fields, block, strict=True):
        summed[name] = values
    return summed, block


#: Key of :func:`transition_columns`' (worlds, rows) array that holds the float columns' values.
BLOCK = "block"


def transition_columns(
    moves: list[FloatArray] | FloatArray, origin: IntArray, destination: IntArray, base_year: int
) -> dict[str, np.ndarray]:
    """Rows of every (year, edge) with a positive flow in either world, edges as row indices.

    ``moves`` holds each simulated year's flows by edge, (worlds, edges), as a
    list or as one (years, worlds, edges) array; rows are ordered by year, then
    edge; ``from_code`` and ``to_code`` have the dtype of ``origin`` and
    ``destination``.  The flows of each world are rows of one (worlds, rows)
    array, also returned under :data:`BLOCK`.
    """
    flows = np.ascontiguousarray(moves if isinstance(moves, np.ndarray) else _stack_years(moves))
    # allocated here, not in compiled code: numpy asks the kernel for huge pages for arrays of
    # 4 MB or more, so the ~18 MB of a full run's rows cost a few page faults instead of ~4,700
    # (about 12 ms; docs/performance.md)
    count = _count_positive(flows)
    year = np.empty(count, dtype=np.int64)
    source, target = np.empty(count, dtype=origin.dtype), np.empty(count, dtype=destination.dtype)
    by_world = np.empty((flows.shape[1], count))
    every = 0 < count == flows.shape[0] * flows.shape[2]
    fill = _fill_every if every else _fill_positive
    fill(flows, origin, destination, base_year + 1, year, source, target, by_world)
    columns: dict[str, np.ndarray] = {"year": year, "from_code": source, "to_code": target}
    for name, world in zip(TransitionRow._fields, (AI_WORLD, NO_AI_WORLD), strict=True):
        columns[name] = by_world[world]
    columns[BLOCK] = by_world
    return columns


def _stack_years(moves: list[FloatArray]) -> FloatArray:
    """The years' (worlds, edges) flows as one array (an empty list: no years, no edges)."""
    return np.stack(moves) if moves else np.zeros((0, N_WORLDS, 0))


@numba.njit(cache=True)
def _count_positive(flows: FloatArray) -> int:
    """(year, edge) cells of (years, worlds, edges) flows with a flow > 0 in either world."""
    years, worlds, edges = flows.shape
    count = 0
    for y in range(years):
        for e in range(edges):
            for w in range(worlds):
                if flows[y, w, e] > 0.0:
                    count += 1
                    break
    return count


def _fill_every(
    flows: FloatArray,
    origin: IntArray,
    destination: IntArray,
    first_year: int,
    year: IntArray,
    source: IntArray,
    target: IntArray,
    by_world: FloatArray,
) -> None:
    """:func:`_fill_positive` when every (year, edge) cell has a flow (base flows: the rule).

    The rows are then every year's edges in order: whole-array copies (about
    2 ms of a full run against 5 ms for the cell-by-cell pass), the same values.
    """
    years, worlds, edges = flows.shape
    year.reshape(years, edges)[:] = (first_year + np.arange(years))[:, None]
    source.reshape(years, edges)[:] = origin
    target.reshape(years, edges)[:] = destination
    for w in range(worlds):
        by_world[w].reshape(years, edges)[:] = flows[:, w, :]


@numba.njit(cache=True)
def _fill_positive(
    flows: FloatArray,
    origin: IntArray,
    destination: IntArray,
    first_year: int,
    year: IntArray,
    source: IntArray,
    target: IntArray,
    by_world: FloatArray,
) -> None:
    """Year, origin, destination and flows by world of every cell :func:`_count_positive` counts.

    In year-then-edge order (the order of ``np.nonzero``); years are counted
    from ``first_year``; the outputs have one row per counted cell.
    """
    years, worlds, edges = flows.shape
    row = 0
    for y in range(years):
        for e in range(edges):
            positive = False
            for w in range(worlds):
                positive |= flows[y, w, e] > 0.0
            if positive:
                year[row], source[row], target[row] = first_year + y, origin[e], destination[e]
                for w in range(worlds):
                    by_world[w, row] = flows[y, w, e]
                row += 1
