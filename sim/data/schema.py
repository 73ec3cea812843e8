"""Schema of the committed occupation tables: every column declared once.

Four tables live in ``occupations/`` (built by ``occupations/build.py``):
``occupations.csv`` (one row per occupation), ``tasks.csv.gz`` (one row per
O*NET task attached to an occupation), ``transitions.csv.gz`` (occupational
mobility edges) and ``skills.csv.gz`` (skill-importance vectors, the
skill-similarity side of the mobility network).  Each column is declared once
below with its dtype, unit, allowed range or values and whether it may be
empty; the build script and the simulator both validate against these declarations (through
:mod:`sim.data.table_check`, loaded by :mod:`sim.data.loading`).
"""

from __future__ import annotations

from sim.conventions import (
    ENTREPRENEUR_CODE,
    MAJOR_GROUP_CODE_PATTERN,
    OCCUPATION_CODE_PATTERN,
    ONET_CODE_PATTERN,
    TASK_TYPE_WEIGHT,
)
from sim.data.table_check import Column, TableSchema

__all__ = ["ENTREPRENEUR_CODE", "ONET_CODE_PATTERN", "TASK_TYPE_WEIGHT"]

OCCUPATIONS_FILE = "occupations.csv"
TASKS_FILE = "tasks.csv.gz"
TRANSITIONS_FILE = "transitions.csv.gz"
SKILLS_FILE = "skills.csv.gz"

SCORE_COLUMNS = (
    "task_definedness",
    "data_availability",
    "economic_value",
    "physical_barrier",
    "interpersonal_barrier",
)
"""The five occupation criteria scores, each a percentile rank in [0, 1]."""

OEWS_SOURCE = "oews_may2025"
ASSUMPTION_SOURCE = "assumption"
ONET_CRITERIA_SOURCES = ("onet", "onet_children")
"""``criteria_source`` values meaning the row's own O*NET data (not imputed)."""
IMPUTED_CRITERIA_SOURCES = ("broad_group_mean", "minor_group_mean", "major_group_mean")
FREY_OSBORNE_MATCHED_SOURCES = ("crosswalk", "prefix_expansion", "manual_mapping")
FREY_OSBORNE_IMPUTED_SOURCES = ("minor_group_mean", "major_group_mean")
ELOUNDOU_LABELS = ("E0", "E1", "E2")

MAX_EMPLOYMENT = 2e8
"""Largest employment of one occupation, persons: the whole US civilian labour force is
about 170 million (BLS CPS, 2024) and the largest OEWS occupation about 6 million, so
a larger value is a unit or parsing error (and 1e300 would overflow every sum)."""
MAX_WAGE = 1e7
"""Largest mean or median annual wage, USD/year: the largest in OEWS May 2025 is about
0.56 million, so 10 million (20x) is far beyond any occupation's average."""
MAX_PROJECTED_CHANGE_PCT = 1000.0
"""Largest BLS projected employment change over the decade, percent: the largest in EP
2022-32 is +44.9% (and the smallest -38.6%); +1000% (11x in ten years) is beyond any
occupation's projection, so a larger value is a unit or parsing error."""
MAX_TASKS = 10_000
"""Most task rows of one occupation: O*NET lists at most about 215 (2025 data)."""
MAX_ELASTICITY = 10.0
"""Largest price elasticity in a data table: the scenario's elasticity overrides allow
[0, 10] (``sim.params``); the estimates in ``elasticities.csv`` reach 8.8 (high end)."""
MAX_TASK_ID = 1e9
"""Largest O*NET task ID accepted (IDs run to about 24,000)."""


def _score(name: str, description: str) -> Column:
    return Column(name, "float", description + " Percentile rank, dimensionless.", 0.0, 1.0)


def _share(name: str, family: str) -> Column:
    return Column(
        name,
        "float",
        f"Share of the task's O*NET DWA links whose generalized work activity is in the "
        f"{family} family (dimensionless).",
        0.0,
        1.0,
    )


def _own_score(name: str, what: str) -> Column:
    return Column(
        name,
        "float",
        f"The task's own {what}: percentile rank over the non-borrowed task rows, "
        "from its own O*NET evidence (occupations/build_task_criteria.py).",
        0.0,
        1.0,
        positive=True,
    )


def _percent_per_year(name: str, description: str) -> Column:
    return Column(name, "float", description + " Percent per year (BLS EP 2022-32).", 0.0, 100.0)


OCCUPATIONS_SCHEMA = TableSchema(
    name="occupations",
    key=("occupation_code",),
    columns=(
        Column(
            "occupation_code",
            "str",
            "SOC 2018 code XX-XXXX, or ENTR-0001.",
            pattern=OCCUPATION_CODE_PATTERN,
        ),
        Column("title", "str", "Occupation title (OEWS)."),
        Column(
            "major_group_code", "str", "SOC major group XX-0000.", pattern=MAJOR_GROUP_CODE_PATTERN
        ),
        Column("major_group_title", "str", "SOC major group title (OEWS)."),
        Column(
            "employment",
            "float",
            "Employment, persons (OEWS May 2025 tot_emp).",
            0.0,
            MAX_EMPLOYMENT,
        ),
        Column("mean_wage", "float", "Mean annual wage, USD/year.", 0.0, MAX_WAGE, positive=True),
        Column(
            "median_wage", "float", "Median annual wage, USD/year.", 0.0, MAX_WAGE, positive=True
        ),
        Column(
            "wage_source",
            "str",
            "How the annual wages were obtained.",
            allowed=("annual", "hourly_x_2080", ASSUMPTION_SOURCE),
        ),
        Column("job_zone", "float", "O*NET job zone (1-5), mean over O*NET children.", 1.0, 5.0),
        Column("n_tasks", "int", "Number of rows for this code in tasks.csv.gz.", 0.0, MAX_TASKS),
        _score("task_definedness", "How well specified and repetitive the work is."),
        _score("data_availability", "How much digital record of the work is likely to exist."),
        _score("economic_value", "Wage bill (employment x mean wage)."),
        _score("physical_barrier", "Share of physical work activities."),
        _score("interpersonal_barrier", "Share of care/contact activities and social skills."),
        Column(
            "criteria_source",
            "str",
            "Where the O*NET-based columns come from.",
            allowed=(*ONET_CRITERIA_SOURCES, *IMPUTED_CRITERIA_SOURCES, ASSUMPTION_SOURCE),
        ),
        Column(
            "eloundou_beta_gpt4",
            "float",
            "Eloundou et al. beta exposure (GPT-4 rated), share of tasks.",
            0.0,
            1.0,
        ),
        Column(
            "eloundou_beta_human",
            "float",
            "Eloundou et al. beta exposure (human rated), share of tasks.",
            0.0,
            1.0,
        ),
        Column(
            "frey_osborne_probability",
            "float",
            "Frey-Osborne probability of computerisation.",
            0.0,
            1.0,
        ),
        Column(
            "frey_osborne_source",
            "str",
            "How the Frey-Osborne value was matched or imputed.",
            allowed=(
                *FREY_OSBORNE_MATCHED_SOURCES,
                *FREY_OSBORNE_IMPUTED_SOURCES,
                ASSUMPTION_SOURCE,
            ),
        ),
        Column(
            "bls_projected_change_pct",
            "float",
            "BLS projected employment change 2022-32, percent over the decade.",
            -100.0,
            MAX_PROJECTED_CHANGE_PCT,
        ),
        _percent_per_year("labor_force_exit_rate_pct", "Labor force exit rate."),
        _percent_per_year("occupational_transfer_rate_pct", "Occupational transfer rate."),
        Column(
            "source",
            "str",
            "Origin of the row.",
            allowed=(OEWS_SOURCE, ASSUMPTION_SOURCE),
        ),
    ),
)

TASKS_SCHEMA = TableSchema(
    name="tasks",
    key=("occupation_code", "onet_code", "task_id"),
    columns=(
        Column(
            "occupation_code",
            "str",
            "Occupation the task is attached to.",
            pattern=OCCUPATION_CODE_PATTERN,
        ),
        Column(
            "onet_code", "str", "O*NET-SOC code the task comes from.", pattern=ONET_CODE_PATTERN
        ),
        Column("task_id", "int", "O*NET task ID.", 1.0, MAX_TASK_ID),
        Column("task_type", "str", "O*NET task type.", allowed=tuple(TASK_TYPE_WEIGHT)),
        Column("task", "str", "O*NET task statement."),
        _share("routine_info_share", "routine information"),
        _share("data_share", "data/digital"),
        _share("physical_share", "physical"),
        _share("interpersonal_share", "interpersonal/care"),
        _own_score("own_definedness", "definedness (routine information share, activity level)"),
        _own_score("own_data_availability", "data availability (digital share, technology)"),
        _own_score("own_economic_value", "economic value (activity importance, task type)"),
        Column("eloundou_human", "str", "Human exposure label.", allowed=ELOUNDOU_LABELS),
        Column("eloundou_gpt4", "str", "GPT-4 exposure label.", allowed=ELOUNDOU_LABELS),
        Column("eloundou_imputed", "bool", "True if both labels were filled (task not labelled)."),
        Column("borrowed", "bool", "True if borrowed from another occupation (imputed row)."),
    ),
)

TRANSITIONS_SCHEMA = TableSchema(
    name="transitions",
    key=("source_code", "target_code", "origin"),
    columns=(
        Column("source_code", "str", "Origin occupation.", pattern=OCCUPATION_CODE_PATTERN),
        Column("target_code", "str", "Destination occupation.", pattern=OCCUPATION_CODE_PATTERN),
        Column(
            "relatedness",
            "float",
            "Decreasing function of the O*NET index, in (0, 1].",
            0.0,
            1.0,
            positive=True,
        ),
        Column(
            "origin",
            "str",
            "O*NET source of the edge.",
            allowed=("related_occupations", "career_changers"),
        ),
    ),
)

ELASTICITIES_FILE = "elasticities.csv"
ELASTICITY_SOURCES = ("estimated", "pooled", "literature", "assumption")
"""``elasticity_source`` values (``docs/elasticity.md``)."""


def _elasticity(name: str, description: str) -> Column:
    return Column(
        name,
        "float",
        description + " -dlnQ/dlnP, dimensionless.",
        0.0,
        MAX_ELASTICITY,
        positive=True,
    )


ELASTICITIES_SCHEMA = TableSchema(
    name="elasticities",
    key=("occupation_code",),
    columns=(
        Column("occupation_code", "str", "Occupation.", pattern=OCCUPATION_CODE_PATTERN),
        _elasticity("elasticity_central", "Price elasticity of demand for the output."),
        _elasticity("elasticity_low", "Low end (5th percentile) of its range."),
        _elasticity("elasticity_high", "High end (95th percentile) of its range."),
        Column(
            "elasticity_source",
            "str",
            "Where the value comes from.",
            allowed=ELASTICITY_SOURCES,
        ),
    ),
)

SKILLS_SCHEMA = TableSchema(
    name="skills",
    key=("occupation_code", "skill_id"),
    columns=(
        Column("occupation_code", "str", "Occupation.", pattern=OCCUPATION_CODE_PATTERN),
        Column("skill_id", "str", "O*NET skill Element ID (2.A.* basic, 2.B.* cross-functional)."),
        Column(
            "importance",
            "float",
            "O*NET skill importance (scale IM), mean over the O*NET children; 1-5.",
            1.0,
            5.0,
        ),
    ),
)
