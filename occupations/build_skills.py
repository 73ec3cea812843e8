"""Skill-importance vectors per occupation, for the skill-similarity edges of the mobility network.

O*NET 29.3 rates the importance (scale IM, 1-5) of 35 skills for each O*NET
occupation.  An occupation's vector is the equal-weight mean over its O*NET
children (the links of the spine, as for the criteria scores); occupations
without skill ratings (imputed "All Other" rows and the few whose children are
unrated) take the mean of their SOC group siblings
(:func:`build_criteria.impute_from_groups`), and the entrepreneurs row the
mean of its donor O*NET occupations.  ``Recommend Suppress`` flags are not
applied: an item of low precision is still the best estimate of that skill,
and dropping it would leave holes in a vector that is only compared by angle.
The table is long: one row per occupation and skill.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from occupations import build_criteria

SKILLS_FILE = Path("onet/v29_3/skills.csv")
IMPORTANCE_SCALE = "IM"
COLUMNS = ["occupation_code", "skill_id", "importance"]


def onet_skill_vectors(raw: Path) -> pd.DataFrame:
    """Importance (1-5) of every skill, O*NET code x skill Element ID."""
    skills = pd.read_csv(raw / SKILLS_FILE, dtype=str, keep_default_na=False)
    rated = skills[skills["Scale ID"] == IMPORTANCE_SCALE]
    values = rated.assign(importance=rated["Data Value"].astype(float))
    return values.pivot_table(
        index="O*NET-SOC Code", columns="Element ID", values="importance", aggfunc="mean"
    ).sort_index(axis=1)


def skill_table(
    raw: Path, own_links: pd.DataFrame, entr_links: pd.DataFrame, spine: pd.DataFrame
) -> pd.DataFrame:
    """Long table ``occupation_code, skill_id, importance`` for every spine row and ENTR-0001.

    Parameters
    ----------
    raw
        The shared data directory.
    own_links, entr_links
        ``occupation_code`` -> ``onet_code`` links of the spine and of the
        entrepreneurs row.
    spine
        OEWS spine with the SOC group columns.
    """
    vectors = onet_skill_vectors(raw)
    measured = build_criteria.aggregate_children(vectors, own_links).dropna()
    complete, _ = build_criteria.impute_from_groups(measured, spine)
    entrepreneurs = build_criteria.aggregate_children(vectors, entr_links)
    wide = pd.concat([complete, entrepreneurs])
    wide.index.name = "occupation_code"
    wide.columns.name = "skill_id"
    long = wide.stack().rename("importance").reset_index()
    return long.sort_values(["occupation_code", "skill_id"], ignore_index=True)[COLUMNS]
