"""Assemble the model's fixed per-occupation and per-task arrays from data and scenario.

Everything here is computed once per run, before the first step: base
employment (with scenario overrides), exit rates, non-AI trend growth, base
elasticities, adoption speeds and regulation delays, the task set with its
feasibility thresholds, and the mobility network.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.data import ELASTICITIES_FILE, OccupationTables
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
    """Build :class:`ModelInputs`; ``rng`` draws the task threshold noise only."""
    occupations = tables.occupations.reset_index(drop=True)
    check_override_codes(scenario, occupations, "the occupation data")
    codes = occupations["occupation_code"].to_numpy(dtype=str)
    major = occupations["major_group_code"].str[:2].to_numpy(dtype=str)
    titles = occupations["title"].to_numpy(dtype=str)
    mobility, graph = _mobility(codes, titles, tables, scenario)
    return ModelInputs(
        codes=codes,
        titles=titles,
        major_groups=major,
        base_employment=_base_employment(occupations, scenario),
        mean_wage=occupations["mean_wage"].to_numpy(dtype=float),
        exit_rate_per_year=occupations["labor_force_exit_rate_pct"].to_numpy(float) / PERCENT,
        trend_log_growth=demand.annual_trend_growth(
            occupations["bls_projected_change_pct"].to_numpy(float),
            scenario.demand.baseline_trend_multiplier,
        ),
        base_elasticity=base_elasticity(codes, major, tables, scenario),
        adoption_speed=adoption.adoption_speed(
            occupations["economic_value"].to_numpy(float),
            _slowdowns(codes, major, scenario),
            scenario.adoption.value_speedup,
        ),
        regulation_delay_steps=regulation.delay_steps(
            codes, major, scenario.adoption_regulation, scenario.run.steps_per_year
        ),
        tasks=build_task_set(occupations, tables.tasks, scenario, rng=rng),
        retraining_cost_usd_per_participant_year=scenario.retraining.cost_usd_per_participant_year,
        mobility=mobility,
        mobility_graph=graph,
    )


def _mobility(
    codes: NDArray[np.str_], titles: NDArray[np.str_], tables: OccupationTables, scenario: Scenario
) -> tuple[network.MobilityNetwork, nx.DiGraph]:
    """The network and its (frozen) networkx graph, built once per tables and parameters."""
    reach = (
        scenario.retraining.reach_per_occupation if scenario.retraining.participation_share else 0
    )
    key = ("mobility", tuple(codes), scenario.reallocation, reach)

    def build() -> tuple[network.MobilityNetwork, nx.DiGraph]:
        mobility = mobility_network(codes, tables, scenario.reallocation, reach)
        return mobility, nx.freeze(mobility.graph(codes, titles))

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


def _base_employment(occupations: pd.DataFrame, scenario: Scenario) -> FloatArray:
    employment = occupations["employment"].to_numpy(dtype=float).copy()
    overrides = scenario.occupations.employment_overrides
    position = {code: i for i, code in enumerate(occupations["occupation_code"])}
    for code, value in overrides.items():
        employment[position[code]] = value
    if not employment.sum() > 0:
        raise ScenarioError(
            "occupations.employment_overrides: total base employment is 0 after the "
            "overrides; allowed: at least one occupation with employment > 0"
        )
    return employment


def base_elasticity(
    codes: NDArray[np.str_], major: NDArray[np.str_], tables: OccupationTables, scenario: Scenario
) -> FloatArray:
    """Each occupation's base price elasticity under ``demand.elasticity_source``.

    ``estimated``: the data set's (low, central, high) read at
    ``demand.elasticity_quantile``; ``major_group``: the group table with
    per-occupation overrides.
    """
    params = scenario.demand
    if params.elasticity_source == ElasticitySource.MAJOR_GROUP:
        return _lookup(
            codes,
            major,
            params.elasticity_by_occupation,
            params.elasticity_by_major_group,
            "demand.elasticity_by_major_group",
        )
    if tables.elasticities is None:
        raise DataValidationError(
            f"demand.elasticity_source = 'estimated' needs {ELASTICITIES_FILE} in the "
            "occupation data directory (build it with 'python occupations/build.py'), "
            "or set demand.elasticity_source = 'major_group'"
        )
    table = tables.elasticities.set_index("occupation_code").loc[pd.Index(codes)]
    return demand.elasticity_at_quantile(
        table["elasticity_low"].to_numpy(float),
        table["elasticity_central"].to_numpy(float),
        table["elasticity_high"].to_numpy(float),
        params.elasticity_quantile,
    )


def _lookup(
    codes: NDArray[np.str_],
    major: NDArray[np.str_],
    by_code: dict[str, float],
    by_group: dict[str, float],
    field: str,
) -> FloatArray:
    missing = sorted(set(major) - set(by_group))
    if missing:
        raise ScenarioError(f"{field}: no value for SOC major group(s) {missing}")
    return np.array([by_code.get(c, by_group[g]) for c, g in zip(codes, major, strict=True)])


def _slowdowns(codes: NDArray[np.str_], major: NDArray[np.str_], scenario: Scenario) -> FloatArray:
    groups = scenario.adoption.regulatory_slowdown_by_major_group
    by_code = scenario.adoption.regulatory_slowdown_by_occupation
    return np.array(
        [by_code.get(c, groups.get(g, NO_SLOWDOWN)) for c, g in zip(codes, major, strict=True)]
    )


def build_task_set(
    occupations: pd.DataFrame,
    tasks: pd.DataFrame,
    scenario: Scenario,
    *,
    rng: np.random.Generator,
) -> exposure.TaskSet:
    """Tasks with time weights and thresholds from the scenario's exposure source."""
    params = scenario.exposure
    index = pd.Index(occupations["occupation_code"]).get_indexer(tasks["occupation_code"])
    if (index < 0).any():
        unknown = sorted(set(tasks["occupation_code"][index < 0]))[:5]
        raise DataValidationError(f"tasks refer to occupation codes not in the table: {unknown}")
    n = len(occupations)
    ready, barrier = task_readiness_and_barrier(occupations, tasks, index, scenario)
    return exposure.TaskSet(
        occupation_index=index,
        weight=exposure.task_time_weights(
            (tasks["task_type"] == "supplemental").to_numpy(),
            index,
            n,
            params.supplemental_task_weight,
        ),
        threshold_log10=exposure.feasibility_thresholds(ready, barrier, params, rng=rng),
        n_occupations=n,
    )


def task_readiness_and_barrier(
    occupations: pd.DataFrame, tasks: pd.DataFrame, index: NDArray[np.intp], scenario: Scenario
) -> tuple[FloatArray, FloatArray]:
    """Readiness and barrier in [0, 1] of every task under the scenario's exposure source."""
    params = scenario.exposure
    if params.source is ExposureSource.CRITERIA:
        return _criteria_readiness_and_barrier(occupations, tasks, index, params)
    if params.source is ExposureSource.ELOUNDOU:
        labels = tasks[f"eloundou_{params.eloundou_rater.value}"].to_numpy(dtype=str)
        difficulty = exposure.eloundou_difficulty(labels)
    else:
        probability = occupations["frey_osborne_probability"].to_numpy(dtype=float)
        difficulty = 1.0 - probability[index]
    return 1.0 - difficulty, difficulty


def _criteria_readiness_and_barrier(
    occupations: pd.DataFrame,
    tasks: pd.DataFrame,
    index: NDArray[np.intp],
    params: ExposureParams,
) -> tuple[FloatArray, FloatArray]:
    def values(frame: pd.DataFrame, name: str) -> FloatArray:
        return frame[name].to_numpy(dtype=float)

    def criterion(name: str) -> FloatArray:
        return exposure.blend_task_evidence(
            values(occupations, name)[index],
            values(tasks, OWN_SCORE_COLUMNS[name]),
            params.task_evidence_share,
        )

    ready = exposure.readiness(
        criterion("task_definedness"),
        criterion("data_availability"),
        criterion("economic_value"),
        params,
    )
    barrier = exposure.task_barrier(
        (values(occupations, "physical_barrier"), values(occupations, "interpersonal_barrier")),
        (values(tasks, "physical_share"), values(tasks, "interpersonal_share")),
        index,
        params.occupation_barrier_threshold,
    )
    return ready, barrier
