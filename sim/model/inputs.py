"""Assemble the model's fixed per-occupation and per-task arrays from data and scenario.

Everything here is computed once per run, before the first step: base
employment (with scenario overrides), exit rates, non-AI trend growth, base
elasticities, adoption speeds and regulation delays, the task set with its
difficulties, and the mobility network.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.data import ELASTICITIES_FILE, OccupationTables
from sim.data.arrays import OccupationCategories, TableArrays, read_only, table_arrays
from sim.errors import DataValidationError, ScenarioError
from sim.mechanisms import adoption, demand, exposure, network, regulation
from sim.model.override_check import check_override_codes
from sim.params import ElasticitySource, ExposureParams, ExposureSource, ReallocationParams
from sim.params.scenario import Scenario

FloatArray = NDArray[np.float64]
PERCENT = 100.0
#: Occupation criterion -> the task's own score of the same criterion (tasks table).
OWN_SCORE_COLUMNS = {
    "task_definedness": "own_definedness",
    "data_availability": "own_data_availability",
    "economic_value": "own_economic_value",
}
#: Regulatory slowdown of a major group the scenario does not list (no slowdown).
NO_SLOWDOWN = 1.0


@dataclass(frozen=True)
class ModelInputs:
    """Fixed arrays, one entry per occupation (or per task for ``tasks``)."""

    codes: NDArray[np.str_]
    titles: NDArray[np.str_]
    categories: OccupationCategories
    major_groups: NDArray[np.str_]
    base_employment: FloatArray
    mean_wage: FloatArray
    exit_rate_per_year: FloatArray
    trend_log_growth: FloatArray
    base_elasticity: FloatArray
    adoption_speed: FloatArray
    regulation_delay_steps: NDArray[np.intp]
    tasks: exposure.TaskSet
    mobility: network.MobilityNetwork
    mobility_graph: nx.DiGraph
    retraining_cost_usd_per_participant_year: float

    @property
    def n_occupations(self) -> int:
        """Number of occupations."""
        return self.codes.size


def build_inputs(
    scenario: Scenario, tables: OccupationTables, *, rng: np.random.Generator
) -> ModelInputs:
    """Build :class:`ModelInputs`; ``rng`` draws the task difficulty noise only.

    Reads the tables through :func:`~sim.data.arrays.table_arrays` (converted
    once per tables object), so only the scenario-dependent arithmetic runs here.
    """
    check_override_codes(scenario, tables, "the occupation data")
    arrays = table_arrays(tables)
    occupation = arrays.occupation
    mobility, graph = _mobility(arrays, tables, scenario)
    return ModelInputs(
        codes=arrays.codes,
        titles=arrays.titles,
        categories=arrays.categories,
        major_groups=arrays.major_groups,
        base_employment=_base_employment(arrays, scenario),
        mean_wage=occupation["mean_wage"],
        exit_rate_per_year=occupation["labor_force_exit_rate_pct"] / PERCENT,
        trend_log_growth=demand.annual_trend_growth(
            occupation["bls_projected_change_pct"], scenario.demand.baseline_trend_multiplier
        ),
        base_elasticity=base_elasticity(tables, scenario),
        adoption_speed=adoption.adoption_speed(
            occupation["economic_value"],
            arrays.by_code_or_group(
                scenario.adoption.regulatory_slowdown_by_occupation,
                scenario.adoption.regulatory_slowdown_by_major_group,
                NO_SLOWDOWN,
            ),
            scenario.adoption.value_speedup,
        ),
        regulation_delay_steps=regulation.delay_steps(
            arrays.by_code_or_group(
                scenario.adoption_regulation.delay_years_by_occupation,
                scenario.adoption_regulation.delay_years_by_major_group,
                regulation.NO_DELAY_YEARS,
            ),
            scenario.run.steps_per_year,
        ),
        tasks=build_task_set(tables, scenario, rng=rng),
        retraining_cost_usd_per_participant_year=scenario.retraining.cost_usd_per_participant_year,
        mobility=mobility,
        mobility_graph=graph,
    )


def _mobility(
    arrays: TableArrays, tables: OccupationTables, scenario: Scenario
) -> tuple[network.MobilityNetwork, nx.DiGraph]:
    """The network and its (frozen) networkx graph, built once per tables and parameters."""
    reach = (
        scenario.retraining.reach_per_occupation if scenario.retraining.participation_share else 0
    )
    key = ("mobility", scenario.reallocation, reach)

    def build() -> tuple[network.MobilityNetwork, nx.DiGraph]:
        mobility = mobility_network(arrays.codes, tables, scenario.reallocation, reach)
        return mobility, nx.freeze(mobility.graph(arrays.codes, arrays.titles))

    return tables.derived(key, build)


def mobility_network(
    codes: NDArray[np.str_], tables: OccupationTables, params: ReallocationParams, reach: int
) -> network.MobilityNetwork:
    """O*NET relatedness edges completed by skill-similarity edges; search matrices.

    ``reach`` is the retraining reach per occupation (0: no retraining matrix).
    """
    position = pd.Index(codes)
    edges = tables.transitions
    onet = network.Edges(
        position.get_indexer(pd.Index(edges["source_code"])),
        position.get_indexer(pd.Index(edges["target_code"])),
        edges["relatedness"].to_numpy(dtype=float),
    )
    vectors = (
        tables.skills.pivot(index="occupation_code", columns="skill_id", values="importance")
        .reindex(codes)
        .to_numpy(dtype=float)
    )
    skill = network.skill_edges(vectors, params.skill_neighbours, params.skill_edge_weight)
    return network.build(
        codes.size, network.combine(codes.size, onet, skill), params.self_loop_share, reach
    )


def _base_employment(arrays: TableArrays, scenario: Scenario) -> FloatArray:
    employment = arrays.occupation["employment"].copy()
    for code, value in scenario.occupations.employment_overrides.items():
        employment[arrays.row_of[code]] = value
    if not employment.sum() > 0:
        raise ScenarioError(
            "occupations.employment_overrides: total base employment is 0 after the "
            "overrides; allowed: at least one occupation with employment > 0"
        )
    return employment


def base_elasticity(tables: OccupationTables, scenario: Scenario) -> FloatArray:
    """Each occupation's base price elasticity under ``demand.elasticity_source``.

    ``estimated``: the data set's (low, central, high) read at
    ``demand.elasticity_quantile``; ``major_group``: the group table with
    per-occupation overrides.
    """
    params = scenario.demand
    arrays = table_arrays(tables)
    if params.elasticity_source == ElasticitySource.MAJOR_GROUP:
        missing = sorted(set(arrays.group_names) - set(params.elasticity_by_major_group))
        if missing:
            raise ScenarioError(
                f"demand.elasticity_by_major_group: no value for SOC major group(s) {missing}"
            )
        return arrays.by_code_or_group(
            params.elasticity_by_occupation, params.elasticity_by_major_group, np.nan
        )
    if tables.elasticities is None:
        raise DataValidationError(
            f"demand.elasticity_source = 'estimated' needs {ELASTICITIES_FILE} in the "
            "occupation data directory (build it with 'python occupations/build.py'), "
            "or set demand.elasticity_source = 'major_group'"
        )
    return demand.elasticity_at_quantile(
        *_elasticity_ranges(tables, tables.elasticities, arrays.codes),
        params.elasticity_quantile,
    )


def _elasticity_ranges(
    tables: OccupationTables, elasticities: pd.DataFrame, codes: NDArray[np.str_]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(low, central, high) elasticity of each occupation, in table order (once per tables)."""

    def build() -> tuple[FloatArray, FloatArray, FloatArray]:
        table = elasticities.set_index("occupation_code").loc[pd.Index(codes)]
        return (
            read_only(table["elasticity_low"].to_numpy(float)),
            read_only(table["elasticity_central"].to_numpy(float)),
            read_only(table["elasticity_high"].to_numpy(float)),
        )

    return tables.derived(("elasticity_ranges",), build)


def build_task_set(
    tables: OccupationTables, scenario: Scenario, *, rng: np.random.Generator
) -> exposure.TaskSet:
    """Tasks with time weights, difficulty and barrier from the scenario's exposure source."""
    params = scenario.exposure
    arrays = table_arrays(tables)
    ready, barrier = task_readiness_and_barrier(tables, scenario)
    return exposure.TaskSet(
        occupation_index=arrays.task_occupation,
        weight=exposure.task_time_weights(
            arrays.task_supplemental,
            arrays.task_occupation,
            arrays.n_occupations,
            params.supplemental_task_weight,
        ),
        difficulty=exposure.task_difficulty(ready, params, rng=rng),
        barrier=np.asarray(barrier, dtype=float),
        n_occupations=arrays.n_occupations,
        curve=exposure.SuccessCurve.from_params(scenario.capability, params),
        # Grid sums of whole paths, shared by the runs on these tables (a pure memo).
        memo=tables.derived(("exposure_grid_memo",), exposure.GridMemo),
    )


def task_readiness_and_barrier(
    tables: OccupationTables, scenario: Scenario
) -> tuple[FloatArray, FloatArray]:
    """Readiness and barrier in [0, 1] of every task under the scenario's exposure source."""
    params = scenario.exposure
    arrays = table_arrays(tables)
    if params.source is ExposureSource.CRITERIA:
        return _criteria_readiness_and_barrier(arrays, params)
    if params.source is ExposureSource.ELOUNDOU:
        difficulty = _eloundou_difficulty(tables, f"eloundou_{params.eloundou_rater.value}")
    else:
        probability = arrays.occupation["frey_osborne_probability"]
        difficulty = 1.0 - probability[arrays.task_occupation]
    return 1.0 - difficulty, difficulty


def _eloundou_difficulty(tables: OccupationTables, column: str) -> FloatArray:
    """Difficulty of each task from its Eloundou label in ``column`` (once per tables)."""
    return tables.derived(
        ("eloundou_difficulty", column),
        lambda: read_only(exposure.eloundou_difficulty(tables.tasks[column].to_numpy(dtype=str))),
    )


def _criteria_readiness_and_barrier(
    arrays: TableArrays, params: ExposureParams
) -> tuple[FloatArray, FloatArray]:
    occupation, task, index = arrays.occupation, arrays.task, arrays.task_occupation

    def criterion(name: str) -> FloatArray:
        return exposure.blend_task_evidence(
            occupation[name][index], task[OWN_SCORE_COLUMNS[name]], params.task_evidence_share
        )

    ready = exposure.readiness(
        criterion("task_definedness"),
        criterion("data_availability"),
        criterion("economic_value"),
        params,
    )
    barrier = exposure.task_barrier(
        (occupation["physical_barrier"], occupation["interpersonal_barrier"]),
        (task["physical_share"], task["interpersonal_share"]),
        index,
        params.occupation_barrier_threshold,
    )
    return ready, barrier
