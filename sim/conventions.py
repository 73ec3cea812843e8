"""Project-wide conventions that every layer may read: code formats, world axis, task weights.

These are facts about how the project names and arranges things, not model
parameters and not data.  Both the data schema (:mod:`sim.data`) and the
parameter declarations (:mod:`sim.params`) read them from here, so neither
imports the other and each format is written exactly once.
"""

from __future__ import annotations

import re

#: SOC major group as scenario tables key it: the first two digits of a code ("29").
MAJOR_GROUP_PATTERN = r"\d{2}"
#: The same major group written as a full SOC code, as the data set stores it ("29-0000").
MAJOR_GROUP_CODE_PATTERN = MAJOR_GROUP_PATTERN + r"-0000"
#: Occupation code: SOC 2018 ``XX-XXXX`` or an assumption-based row such as ``ENTR-0001``.
OCCUPATION_CODE_PATTERN = MAJOR_GROUP_PATTERN + r"-\d{4}|[A-Z]{4}-\d{4}"
#: O*NET-SOC code ``XX-XXXX.XX``.
ONET_CODE_PATTERN = MAJOR_GROUP_PATTERN + r"-\d{4}\.\d{2}"
#: Code of the assumption-based entrepreneurs row.
ENTREPRENEUR_CODE = "ENTR-0001"

#: The seed's example occupations: SOC code -> short label for figures and tables
#: (the report draws them; the uncertainty ensemble names their drivers).
SEED_EXAMPLES = {
    "29-1224": "Radiologists",
    "41-4012": "Sales reps (wholesale)",
    "41-4011": "Sales reps (technical)",
    ENTREPRENEUR_CODE: "Entrepreneurs",
    "29-1141": "Registered nurses",
}

TASK_TYPE_WEIGHT = {"core": 1.0, "supplemental": 0.5, "unrated": 1.0}
"""Relative weight of a task by O*NET task type (dimensionless).

O*NET task ratings (importance, frequency) are not available, so the task
type stands in: core tasks (rated relevant and important by incumbents)
weigh 1, supplemental tasks 0.5; tasks of occupations rated by analysts
only carry no type ("unrated") and weigh 1, like core tasks.  Every task of
such an occupation is unrated, so their weight only sets the within-occupation
balance, which is uniform.  The data build and the model's default
``exposure.supplemental_task_weight`` both read it here.
"""

#: Index of the AI world and of the no-AI-progress counterfactual on the world axis
#: of every state array (shape ``(N_WORLDS, n_occupations)``).
AI_WORLD = 0
NO_AI_WORLD = 1
N_WORLDS = 2

_MAJOR_GROUP = re.compile(MAJOR_GROUP_PATTERN)


def major_group(code: str) -> str:
    """The two-digit major group of an occupation or major-group code ("29-1224" -> "29")."""
    return code[:2]


def is_major_group(key: str) -> bool:
    """Whether ``key`` is written as a two-digit major group."""
    return _MAJOR_GROUP.fullmatch(key) is not None
