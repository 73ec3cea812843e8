"""Check the keys of a scenario's override tables against the occupation data in use.

A key that names no occupation (``29-1225``) or no major group present in the
data (``28``) would otherwise be ignored without a word; here it is refused,
with the closest valid keys as suggestions.  Runs before any step.  Default
entries the scenario left as they are are not checked, so a smaller data set
(a test economy) can run with the default tables.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping

from sim.data import OccupationTables
from sim.data.arrays import table_arrays
from sim.data.schema import MAX_EMPLOYMENT
from sim.errors import ScenarioError
from sim.model.outputs import FloatArray
from sim.params.defaults import (
    DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
    DEFAULT_ELASTICITY_BY_OCCUPATION,
    DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP,
)
from sim.params.scenario import Scenario

_SUGGESTIONS = 3
#: Largest base-year employment of the whole economy after overrides, persons: the
#: world's labour force is about 3.6 billion (ILO, World Employment and Social Outlook
#: 2024); a larger economy is a unit error.
MAX_TOTAL_EMPLOYMENT = 4e9


def override_tables(
    scenario: Scenario,
) -> dict[str, tuple[Mapping[str, float], Mapping[str, float], bool]]:
    """Every override table by dotted field name: (table, its defaults, keyed by major group)."""
    demand, adoption = scenario.demand, scenario.adoption
    return {
        "demand.elasticity_by_occupation": (
            demand.elasticity_by_occupation,
            DEFAULT_ELASTICITY_BY_OCCUPATION,
            False,
        ),
        "demand.elasticity_by_major_group": (
            demand.elasticity_by_major_group,
            DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
            True,
        ),
        "adoption.regulatory_slowdown_by_occupation": (
            adoption.regulatory_slowdown_by_occupation,
            {},
            False,
        ),
        "adoption.regulatory_slowdown_by_major_group": (
            adoption.regulatory_slowdown_by_major_group,
            DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP,
            True,
        ),
        "occupations.employment_overrides": (scenario.occupations.employment_overrides, {}, False),
        "adoption_regulation.delay_years_by_major_group": (
            scenario.adoption_regulation.delay_years_by_major_group,
            {},
            True,
        ),
        "adoption_regulation.delay_years_by_occupation": (
            scenario.adoption_regulation.delay_years_by_occupation,
            {},
            False,
        ),
    }


def check_override_codes(scenario: Scenario, tables: OccupationTables, data_label: str) -> None:
    """Raise :class:`ScenarioError` if an override table names a code absent from the data.

    Parameters
    ----------
    scenario
        The validated scenario.
    tables
        The validated occupation tables in use (their codes are read once per tables).
    data_label
        How to name the data in messages (e.g. its directory).
    """
    arrays = table_arrays(tables)
    problems: list[str] = []
    for field, (table, defaults, by_group) in override_tables(scenario).items():
        known: Collection[str] = arrays.group_names if by_group else arrays.row_of.keys()
        kind = "major group" if by_group else "occupation code"
        problems.extend(
            f"scenario '{scenario.name}': field '{field}': unknown {kind} '{key}'"
            f"{_suggest(key, sorted(known))}; allowed: {kind}s of {data_label}"
            + (f" ({', '.join(known)})" if by_group else "")
            for key in _unknown(table, defaults, known)
        )
    problems += _employment_problems(scenario, arrays.row_of, arrays.occupation["employment"])
    if problems:
        raise ScenarioError("\n".join(problems))


def _employment_problems(
    scenario: Scenario, row_of: Mapping[str, int], employment: FloatArray
) -> list[str]:
    """Base employment after the overrides: each row as the data allows, the total bounded."""
    field = "field 'occupations.employment_overrides'"
    overrides = scenario.occupations.employment_overrides
    problems = [
        f"scenario '{scenario.name}': {field}: '{code}' = {value:g} persons; allowed: at most "
        f"{MAX_EMPLOYMENT:g} (the bound of the occupation data)"
        for code, value in overrides.items()
        if value > MAX_EMPLOYMENT
    ]
    total = employment.copy()
    for code, value in overrides.items():
        if code in row_of:
            total[row_of[code]] = value
    if float(total.sum()) > MAX_TOTAL_EMPLOYMENT:
        problems.append(
            f"scenario '{scenario.name}': {field}: base employment totals "
            f"{float(total.sum()):.3g} persons after the overrides; allowed: at most "
            f"{MAX_TOTAL_EMPLOYMENT:g} (the world's labour force is about 3.6e9)"
        )
    return problems


def _unknown(
    table: Mapping[str, float], defaults: Mapping[str, float], known: Collection[str]
) -> list[str]:
    return sorted(
        key for key, value in table.items() if defaults.get(key) != value and key not in known
    )


def _suggest(key: str, known: list[str]) -> str:
    matches = difflib.get_close_matches(key, known, n=_SUGGESTIONS, cutoff=0.6)
    return " (did you mean " + " or ".join(f"'{m}'" for m in matches) + "?)" if matches else ""
