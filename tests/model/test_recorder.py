"""The recorder: declared columns, yearly flow sums, and copies rather than views."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sim.experiments.runner import run
from sim.model import LaborMarketModel
from sim.model.outputs import (
    ECONOMY_ID_COLUMNS,
    OCCUPATION_ID_COLUMNS,
    RUN_ID_COLUMNS,
    CapabilityRow,
    EconomyRow,
    OccupationRow,
    series_of,
)
from sim.model.outputs_network import TRANSITION_ID_COLUMNS, NetworkRow, TransitionRow
from sim.model.recorder import BLOCK, _shared_edges_summed, transition_columns
from sim.params import derive


def test_frames_have_exactly_the_declared_columns_as_float(toy_scenario, toy_tables):
    result = run(toy_scenario, tables=toy_tables)
    economy_declared = [
        *RUN_ID_COLUMNS,
        *ECONOMY_ID_COLUMNS,
        *CapabilityRow._fields,
        *EconomyRow._fields,
        *NetworkRow._fields,
    ]
    occupation_declared = [*RUN_ID_COLUMNS, *OCCUPATION_ID_COLUMNS, *OccupationRow._fields]
    assert list(result.economy.columns) == economy_declared
    assert list(result.occupations.columns) == occupation_declared
    assert list(result.transitions.columns) == [*TRANSITION_ID_COLUMNS, *TransitionRow._fields]
    for name in (*CapabilityRow._fields, *EconomyRow._fields, *NetworkRow._fields):
        assert result.economy[name].dtype == np.float64, name
    for name in OccupationRow._fields:
        assert result.occupations[name].dtype == np.float64, name
    assert result.economy["step"].dtype == np.int64


def test_every_declared_column_has_unit_and_meaning():
    for row_type in (CapabilityRow, EconomyRow, OccupationRow, NetworkRow, TransitionRow):
        for name, series in series_of(row_type).items():
            assert series.unit, name
            assert series.description.endswith("."), name


def test_yearly_flows_are_the_sum_of_the_steps_flows(toy_scenario, toy_tables):
    scenario = derive(toy_scenario, {"labor.max_layoff_rate_per_year": 3.0})
    result = run(scenario, tables=toy_tables)
    economy, occupations = result.economy, result.occupations
    per_year = occupations.groupby("year")[["hires", "layoffs", "entrants", "exits"]].sum()
    steps_per_year = scenario.run.steps_per_year
    for year_index, year in enumerate(per_year.index):
        if year_index == 0:
            assert (per_year.loc[year] == 0.0).all()
            continue
        steps = economy.iloc[
            (year_index - 1) * steps_per_year + 1 : year_index * steps_per_year + 1
        ]
        for column in ("hires", "layoffs", "entrants", "exits"):
            assert per_year.loc[year, column] == pytest.approx(steps[column].sum(), rel=1e-9)
    assert economy["layoffs"].sum() > 0.0  # the test exercises real layoffs


def test_step_flows_add_up_to_the_cumulative_totals(toy_scenario, toy_tables):
    economy = run(toy_scenario, tables=toy_tables).economy
    assert_allclose(economy["exits"].cumsum(), economy["exits_cumulative"], rtol=1e-9)
    entering = economy["entrants"] + economy["unemployment_entrants"]
    assert_allclose(entering.cumsum(), economy["entrants_cumulative"], rtol=1e-9)
    assert_allclose(economy["reemployed"] + economy["entrants"], economy["hires"], rtol=1e-9)


def test_recorded_rows_are_copies_not_views(toy_scenario, toy_tables):
    model = LaborMarketModel(toy_scenario, toy_tables)
    model.step()
    first = model.recorder.history.employment[1].copy()
    model.labor.employment[:] = -1.0  # corrupt the live state after recording
    assert np.array_equal(model.recorder.history.employment[1], first)
    assert (first >= 0.0).all()


def test_frames_are_copies_of_the_history(toy_scenario, toy_tables):
    model = LaborMarketModel(toy_scenario, toy_tables)
    for _ in range(toy_scenario.n_steps):
        model.step()
    recorder = model.recorder
    occupations = recorder.occupation_frame(toy_scenario.run.base_year)
    economy = recorder.economy_frame(model.capability)
    for frame in (occupations, economy):
        for column in frame.select_dtypes("float").columns:
            values = frame[column].to_numpy()
            for kept in (*recorder.history, *recorder.paths):
                assert not np.shares_memory(values, kept), column
    n = toy_tables.occupations.shape[0]
    assert list(occupations["occupation_code"][:n]) == list(
        toy_tables.occupations["occupation_code"]
    )
    assert list(occupations["title"][:n]) == list(toy_tables.occupations["title"])
    assert_allclose(occupations["employment"][:n], model.recorder.history.employment[0, 0])


def transition_cells_oracle(flows):
    """Every (year, edge) with a flow > 0 in some world, year-major: numpy's nonzero."""
    year, edge = np.nonzero((flows > 0.0).any(axis=1))
    return year, edge, flows[year, :, edge].T


@pytest.mark.parametrize("shape", [(4, 2, 9), (1, 2, 1), (0, 2, 5), (3, 2, 0)])
@pytest.mark.parametrize("density", [0.3, 1.0])  # 1.0: every cell (whole-array copies)
def test_transition_cells_are_the_positive_ones_in_year_then_edge_order(shape, density):
    gen = np.random.default_rng(11)
    flows = np.where(gen.random(shape) < density, gen.random(shape) + 1e-3, 0.0)
    if flows.size:
        flows[0, 1, 0] = np.nan  # not positive, but kept when the other world is
        flows[0, 0, 0] = 2.0
    origin, destination = np.arange(shape[2]) + 100, np.arange(shape[2]) + 200
    for moves in (flows, list(flows)):
        columns = transition_columns(moves, origin, destination, 2025)
        year, edge, by_world = transition_cells_oracle(flows)
        np.testing.assert_array_equal(columns["year"], 2026 + year)
        assert columns["year"].dtype == np.int64
        np.testing.assert_array_equal(columns["from_code"], origin[edge])
        np.testing.assert_array_equal(columns["to_code"], destination[edge])
        for name, world in zip(TransitionRow._fields, (0, 1), strict=True):
            np.testing.assert_array_equal(columns[name], by_world[world])


@pytest.mark.parametrize("years", [0, 1, 3])
def test_edges_of_both_matrices_are_summed_as_pandas_groupby_sums_them(years):
    """A row per (year, from, to), sorted, with the flows of W's and R's edge added."""
    gen = np.random.default_rng(12)
    n = 6
    # W's edges then R's (some edges in both, as retraining's shared edges), int16 codes
    w_edges = [(i, j) for i in range(n) for j in range(n) if gen.random() < 0.5]
    r_edges = [(i, j) for i in range(n) for j in range(n) if gen.random() < 0.4]
    edges = np.array(w_edges + r_edges, dtype=np.int16).reshape(-1, 2)
    flows = np.where(
        gen.random((years, 2, len(edges))) < 0.7, gen.random((years, 2, len(edges))), 0.0
    )
    columns = transition_columns(flows, edges[:, 0], edges[:, 1], 2025)
    block = columns.pop(BLOCK)
    expected = pd.DataFrame(columns).groupby(list(TRANSITION_ID_COLUMNS), as_index=False).sum()
    summed, summed_block = _shared_edges_summed(columns, block, n)
    for name, values in expected.items():
        assert summed[name].dtype == values.dtype, name
        np.testing.assert_array_equal(summed[name], values.to_numpy(), strict=True)
    for name, row in zip(TransitionRow._fields, summed_block, strict=True):
        assert np.array_equal(row.view(np.int64), expected[name].to_numpy().view(np.int64))
    if years:
        assert len(expected) < len(columns["year"])  # some edges were in both


def test_frames_hold_their_floats_in_one_block_of_their_own(toy_scenario, toy_tables):
    model = LaborMarketModel(toy_scenario, toy_tables)
    model.run_to_horizon()
    recorder = model.recorder
    frames = (
        recorder.occupation_frame(toy_scenario.run.base_year),
        recorder.economy_frame(model.capability),
        recorder.transitions_frame(toy_scenario.run.base_year),
    )
    for frame in frames:
        floats = frame.select_dtypes("float")
        assert len({id(block) for block in floats._mgr.blocks}) == 1
        assert list(frame.columns) == list(dict.fromkeys(frame.columns))  # labels in place
        for column in floats.columns:
            assert not np.shares_memory(frame[column].to_numpy(), recorder.edge_flows)
    assert frames[2]["from_code"].dtype == frames[0]["occupation_code"].dtype


def test_frames_share_no_column_index_object(toy_scenario, toy_tables):
    model = LaborMarketModel(toy_scenario, toy_tables)
    model.run_to_horizon()
    first = model.recorder.occupation_frame(toy_scenario.run.base_year)
    second = model.recorder.occupation_frame(toy_scenario.run.base_year)
    first.columns.name = "renamed in one frame only"
    assert second.columns.name is None
    assert list(second.columns) == list(first.columns)
