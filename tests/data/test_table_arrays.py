"""Table arrays: converted once per tables object, read-only, and runs sharing them agree."""

import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal

from sim.data import validate_transitions
from sim.data.arrays import table_arrays
from sim.experiments.runner import run
from sim.model import LaborMarketModel
from sim.params import derive
from tests.conftest import make_tables

TOY = [
    {"occupation_code": "43-9001", "task_definedness": 0.9, "data_availability": 0.9},
    {"occupation_code": "29-1141", "major_group_code": "29-0000", "economic_value": 0.8},
    {"occupation_code": "43-9003", "physical_barrier": 0.2},
]
#: The codes of the toy scenario's elasticity table, with varied criteria.
RUN_TOY = [
    {"occupation_code": "43-9001", "task_definedness": 0.9, "data_availability": 0.9},
    {"occupation_code": "43-9002", "economic_value": 0.8},
    {"occupation_code": "43-9003", "physical_barrier": 0.2},
]


def linked_toy_tables():
    """:data:`RUN_TOY` with mobility edges 1 -> 2 -> 3, so reallocation parameters matter."""
    edges = pd.DataFrame(
        {
            "source_code": ["43-9001", "43-9002"],
            "target_code": ["43-9002", "43-9003"],
            "relatedness": [1.0, 1.0],
            "origin": ["related_occupations"] * 2,
        }
    )
    tables = make_tables(RUN_TOY)
    return dataclasses.replace(tables, transitions=validate_transitions(edges, "toy edges"))


def test_arrays_are_built_once_per_tables_object(toy_tables):
    assert table_arrays(toy_tables) is table_arrays(toy_tables)
    assert table_arrays(dataclasses.replace(toy_tables)) is not table_arrays(toy_tables)


def test_arrays_follow_the_table_rows():
    tables = make_tables(TOY)
    arrays = table_arrays(tables)
    assert list(arrays.codes) == ["43-9001", "29-1141", "43-9003"]
    assert list(arrays.major_groups) == ["43", "29", "43"]
    assert arrays.group_names == ("29", "43")
    assert [arrays.group_names[i] for i in arrays.group_index] == ["43", "29", "43"]
    assert dict(arrays.row_of) == {"43-9001": 0, "29-1141": 1, "43-9003": 2}
    assert_array_equal(arrays.occupation["economic_value"], tables.occupations["economic_value"])
    assert_array_equal(arrays.task_occupation, np.repeat([0, 1, 2], 4))


def test_every_shared_array_is_read_only(toy_tables):
    arrays = table_arrays(toy_tables)
    shared = [arrays.codes, arrays.titles, arrays.major_groups, arrays.group_index]
    shared += [arrays.task_occupation, arrays.task_supplemental]
    shared += [*arrays.occupation.values(), *arrays.task.values()]
    for array in shared:
        with pytest.raises(ValueError, match="read-only"):
            array[0] = array[0]
    with pytest.raises(TypeError):
        arrays.occupation["employment"] = np.zeros(3)  # type: ignore[index]


def test_code_entries_win_over_group_entries_over_the_default():
    arrays = table_arrays(make_tables(TOY))
    values = arrays.by_code_or_group({"43-9003": 5.0, "99-9999": 7.0}, {"43": 2.0}, 1.0)
    assert_array_equal(values, [2.0, 1.0, 5.0])
    values[0] = -1.0  # the result is the caller's own array
    assert_array_equal(arrays.by_code_or_group({}, {"43": 2.0}, 1.0), [2.0, 1.0, 2.0])


def test_run_inputs_do_not_change_the_shared_arrays(toy_scenario, toy_tables):
    before = {name: values.copy() for name, values in table_arrays(toy_tables).occupation.items()}
    scenario = derive(toy_scenario, {"occupations.employment_overrides": {"43-9002": 5.0}})
    model = LaborMarketModel(scenario, toy_tables)
    assert model.inputs.base_employment[1] == 5.0
    for name, values in table_arrays(toy_tables).occupation.items():
        assert_array_equal(values, before[name], err_msg=name)


def test_runs_on_shared_tables_equal_runs_on_fresh_tables(toy_scenario):
    """Different scenarios one after the other on one tables object, each as if alone."""
    toy_scenario = derive(toy_scenario, {"labor.max_layoff_rate_per_year": 3.0})
    variants = [
        toy_scenario,
        derive(toy_scenario, {"exposure.difficulty_noise_sd_doublings": 1.0, "seed": 3}),
        derive(toy_scenario, {"adoption.regulatory_slowdown_by_major_group": {"43": 3.0}}),
        derive(toy_scenario, {"adoption_regulation.delay_years_by_occupation": {"43-9001": 2.0}}),
        derive(toy_scenario, {"exposure.source": "eloundou", "reallocation.self_loop_share": 0.2}),
    ]
    shared = linked_toy_tables()
    for scenario in variants:
        together = run(scenario, tables=shared)
        alone = run(scenario, tables=linked_toy_tables())
        for name in ("occupations", "economy"):
            assert getattr(together, name).equals(getattr(alone, name)), (scenario, name)


def test_tables_pickle_without_their_cache_and_rebuild_it_read_only(toy_scenario, toy_tables):
    before = run(toy_scenario, tables=toy_tables)
    copy = pickle.loads(pickle.dumps(toy_tables))
    assert copy.occupations.equals(toy_tables.occupations)
    assert copy._derived == {}  # nothing derived travels with the tables
    after = run(toy_scenario, tables=copy)
    assert after.occupations.equals(before.occupations)
    with pytest.raises(ValueError, match="read-only"):
        table_arrays(copy).occupation["employment"][0] = 0.0
