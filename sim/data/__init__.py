"""Occupation data: the declared schema of the committed tables, the generic table checker, loading.

- :mod:`sim.data.schema` declares every column of ``occupations.csv``,
  ``tasks.csv.gz``, ``transitions.csv.gz`` and ``skills.csv.gz`` once (dtype, unit, range);
- :mod:`sim.data.table_check` validates any frame against such declarations;
- :mod:`sim.data.loading` reads a data directory and cross-checks the tables;
- :mod:`sim.data.elasticities` validates the optional per-occupation elasticities;
- :mod:`sim.data.arrays` holds the columns runs read as read-only numpy arrays,
  converted once per tables object;
- :mod:`sim.data.summary` summarises the data set (``laborsim occupations``).

The data build (``occupations/build.py``) and the simulator validate against
the same declarations.  This package reads no scenario parameter.
"""

from sim.data.elasticities import validate_elasticities
from sim.data.loading import (
    OccupationTables,
    check_references,
    load_occupation_tables,
    validate_occupations,
    validate_skills,
    validate_tasks,
    validate_transitions,
)
from sim.data.schema import (
    ASSUMPTION_SOURCE,
    ELASTICITIES_FILE,
    ELASTICITIES_SCHEMA,
    ELASTICITY_SOURCES,
    ELOUNDOU_LABELS,
    ENTREPRENEUR_CODE,
    FREY_OSBORNE_IMPUTED_SOURCES,
    FREY_OSBORNE_MATCHED_SOURCES,
    IMPUTED_CRITERIA_SOURCES,
    OCCUPATIONS_FILE,
    OCCUPATIONS_SCHEMA,
    OEWS_SOURCE,
    ONET_CODE_PATTERN,
    ONET_CRITERIA_SOURCES,
    SCORE_COLUMNS,
    SKILLS_FILE,
    SKILLS_SCHEMA,
    TASK_TYPE_WEIGHT,
    TASKS_FILE,
    TASKS_SCHEMA,
    TRANSITIONS_FILE,
    TRANSITIONS_SCHEMA,
)
from sim.data.table_check import Column, TableSchema

__all__ = [
    "ASSUMPTION_SOURCE",
    "ELASTICITIES_FILE",
    "ELASTICITIES_SCHEMA",
    "ELASTICITY_SOURCES",
    "ELOUNDOU_LABELS",
    "ENTREPRENEUR_CODE",
    "FREY_OSBORNE_IMPUTED_SOURCES",
    "FREY_OSBORNE_MATCHED_SOURCES",
    "IMPUTED_CRITERIA_SOURCES",
    "OCCUPATIONS_FILE",
    "OCCUPATIONS_SCHEMA",
    "OEWS_SOURCE",
    "ONET_CODE_PATTERN",
    "ONET_CRITERIA_SOURCES",
    "SCORE_COLUMNS",
    "SKILLS_FILE",
    "SKILLS_SCHEMA",
    "TASKS_FILE",
    "TASKS_SCHEMA",
    "TASK_TYPE_WEIGHT",
    "TRANSITIONS_FILE",
    "TRANSITIONS_SCHEMA",
    "Column",
    "OccupationTables",
    "TableSchema",
    "check_references",
    "load_occupation_tables",
    "validate_elasticities",
    "validate_occupations",
    "validate_skills",
    "validate_tasks",
    "validate_transitions",
]
