"""The five occupation criteria scores and the O*NET components they rank.

Components are measured per O*NET-SOC occupation, averaged with equal weight
over the O*NET children of each OEWS occupation, imputed for OEWS codes
without O*NET task data from the unweighted mean of their SOC broad group
(else minor, else major group) siblings that have data, and then ranked.

For a component x the percentile rank over the n OEWS occupations with a value
is ``rank(x) / n`` (average rank for ties), in (0, 1].  Each score is

    score = percentile_rank( mean over available components c of
                             percentile_rank(direction_c * c) ),

with the components and directions in ``CRITERIA_COMPONENTS``.  Rows outside
the OEWS reference set (the entrepreneurs assumption row) are ranked against
it: their rank is the one they would get if added to the OEWS set, divided by
n + 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.errors import DataValidationError

WORK_CONTEXT_FILE = Path("onet/supplementary/gptsaregpts_occupations_onet_work_contexts.csv")
ONET_OCCUPATION_FILE = Path("onet/v29_3/occupation_data.csv")
SKILLS_FILE = Path("onet/v29_3/skills.csv")
TECHNOLOGY_FILE = Path("onet/v29_3/technology_skills.csv")
JOB_ZONE_FILE = Path("onet/v29_3/job_zones.csv")
ELOUNDOU_OCCUPATION_FILE = Path("eloundou_gpts_are_gpts/occ_level.csv")

WORK_CONTEXT_ITEMS = {
    "structured_versus_unstructured_work_context": "work_freedom",
    "importance_of_being_exact_or_accurate_context": "exactness",
    "importance_of_repeating_same_tasks_context": "repetitiveness",
}
"""Work-context items used (source column -> component), values in [0, 1].

O*NET's "Structured versus Unstructured Work" asks how far the worker, not the
job, sets tasks, priorities and goals (high = a lot of freedom; chief
executives 1.0, data entry keyers 0.81, telemarketers 0.61), so it enters
definedness with a negative sign.  The file's fourth item, degree of
automation, is not used: it measures automation already in place, not how
well the work is specified.
"""

SOCIAL_SKILLS = {"2.B.1.f": "service_orientation", "2.B.1.a": "social_perceptiveness"}
"""O*NET skills (Element ID -> component) whose importance enters the interpersonal barrier."""
IMPORTANCE_SCALE = "IM"
"""O*NET scale ID of skill importance (1-5)."""
SUPPRESSED = "Y"
"""``Recommend Suppress`` flag of low-precision O*NET estimates, which are dropped."""

ELOUNDOU_COLUMNS = {
    "dv_rating_beta": "eloundou_beta_gpt4",
    "human_rating_beta": "eloundou_beta_human",
}

CRITERIA_COMPONENTS = {
    "task_definedness": (
        ("work_freedom", -1.0),
        ("exactness", 1.0),
        ("repetitiveness", 1.0),
        ("routine_info_share", 1.0),
    ),
    "data_availability": (
        ("data_share", 1.0),
        ("technology_log_count", 1.0),
        ("log_employment", 1.0),
    ),
    "economic_value": (("log_wage_bill", 1.0),),
    "physical_barrier": (("physical_share", 1.0),),
    "interpersonal_barrier": (
        ("interpersonal_share", 1.0),
        ("service_orientation", 1.0),
        ("social_perceptiveness", 1.0),
    ),
}
"""Score -> (component, direction) pairs; each component is percentile-ranked first."""

GROUP_LEVELS = (
    ("broad_group_code", "broad_group_mean"),
    ("minor_group_code", "minor_group_mean"),
    ("major_group_code", "major_group_mean"),
)
"""Imputation order: SOC group column -> ``criteria_source`` value."""


def onet_components(raw: Path, shares: pd.DataFrame) -> pd.DataFrame:
    """Per-O*NET-occupation components for the O*NET codes in ``shares``.

    Parameters
    ----------
    raw
        The shared data directory.
    shares
        Task-weighted family shares indexed by ``onet_code`` (task-bearing
        O*NET occupations).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``onet_code``: the four family shares, ``work_freedom``,
        ``exactness``, ``repetitiveness`` (0-1), ``technology_log_count``
        (log(1 + distinct technology examples)), ``service_orientation``,
        ``social_perceptiveness`` (importance 1-5), ``job_zone`` (1-5) and the
        two Eloundou beta scores (0-1).  Missing items are NaN.
    """
    parts = [
        work_contexts(raw),
        technology_intensity(raw),
        social_skills(raw),
        job_zones(raw),
        eloundou_betas(raw),
    ]
    components = shares.copy()
    for part in parts:
        components = components.join(part, how="left")
    return components


def work_contexts(raw: Path) -> pd.DataFrame:
    """Work-context components keyed by O*NET code (joined on exact title)."""
    contexts = pd.read_csv(raw / WORK_CONTEXT_FILE)
    titles = pd.read_csv(raw / ONET_OCCUPATION_FILE, dtype=str)
    merged = contexts.merge(titles, left_on="occupation", right_on="Title", how="inner")
    if len(merged) != len(contexts) or merged["O*NET-SOC Code"].duplicated().any():
        raise DataValidationError(
            f"{WORK_CONTEXT_FILE}: {len(contexts) - len(merged)} titles not found exactly once "
            f"in {ONET_OCCUPATION_FILE}"
        )
    out = merged.set_index("O*NET-SOC Code")[list(WORK_CONTEXT_ITEMS)]
    return out.rename(columns=WORK_CONTEXT_ITEMS).astype(float)


def technology_intensity(raw: Path) -> pd.DataFrame:
    """log(1 + number of distinct technology-skill examples) per O*NET code."""
    technology = pd.read_csv(raw / TECHNOLOGY_FILE, dtype=str)
    counts = technology.groupby("O*NET-SOC Code")["Example"].nunique()
    return np.log1p(counts.astype(float)).rename("technology_log_count").to_frame()


def social_skills(raw: Path) -> pd.DataFrame:
    """Read the importance (1-5) of ``SOCIAL_SKILLS`` per O*NET code, minus suppressed values."""
    skills = pd.read_csv(raw / SKILLS_FILE, dtype=str, keep_default_na=False)
    keep = (
        skills["Element ID"].isin(SOCIAL_SKILLS)
        & (skills["Scale ID"] == IMPORTANCE_SCALE)
        & (skills["Recommend Suppress"] != SUPPRESSED)
    )
    table = skills[keep].pivot(index="O*NET-SOC Code", columns="Element ID", values="Data Value")
    return table.rename(columns=SOCIAL_SKILLS)[list(SOCIAL_SKILLS.values())].astype(float)


def job_zones(raw: Path) -> pd.DataFrame:
    """O*NET job zone (1-5) per O*NET code."""
    zones = pd.read_csv(raw / JOB_ZONE_FILE, dtype=str)
    return (
        zones.set_index("O*NET-SOC Code")[["Job Zone"]]
        .astype(float)
        .rename(columns={"Job Zone": "job_zone"})
    )


def eloundou_betas(raw: Path) -> pd.DataFrame:
    """Eloundou et al. occupation-level beta scores (GPT-4 and human) per O*NET code."""
    levels = pd.read_csv(raw / ELOUNDOU_OCCUPATION_FILE, dtype={"O*NET-SOC Code": str})
    return levels.set_index("O*NET-SOC Code")[list(ELOUNDOU_COLUMNS)].rename(
        columns=ELOUNDOU_COLUMNS
    )


def aggregate_children(components: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Equal-weight mean of O*NET children per occupation (NaN items skipped).

    Parameters
    ----------
    components
        Output of :func:`onet_components`.
    links
        ``occupation_code``, ``onet_code`` pairs; codes absent from
        ``components`` (O*NET occupations without tasks) are ignored.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``occupation_code``, same columns as ``components``.
    """
    children = links[links["onet_code"].isin(components.index)]
    values = components.loc[children["onet_code"]].to_numpy()
    frame = pd.DataFrame(values, columns=components.columns)
    frame["occupation_code"] = children["occupation_code"].to_numpy()
    return frame.groupby("occupation_code").mean()


def impute_from_groups(
    measured: pd.DataFrame, spine: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill OEWS occupations without O*NET data from their SOC group siblings.

    Parameters
    ----------
    measured
        Components of occupations with O*NET data, indexed by code.
    spine
        OEWS spine with ``occupation_code`` and the SOC group columns.

    Returns
    -------
    components : pandas.DataFrame
        Components for every spine code (indexed by code, spine order).
    donors : pandas.DataFrame
        For imputed codes: ``criteria_source`` (group level used) and
        ``donor_codes`` (tuple of sibling codes averaged).
    """
    groups = spine.set_index("occupation_code")
    rows, donors = {}, {}
    for code in groups.index:
        if code in measured.index:
            rows[code] = measured.loc[code]
            continue
        level, siblings = _donor_siblings(code, groups, measured.index)
        rows[code] = measured.loc[list(siblings)].mean()
        donors[code] = {"criteria_source": level, "donor_codes": siblings}
    components = pd.DataFrame.from_dict(rows, orient="index")
    return components, pd.DataFrame.from_dict(donors, orient="index")


def _donor_siblings(
    code: str, groups: pd.DataFrame, measured: pd.Index
) -> tuple[str, tuple[str, ...]]:
    for column, level in GROUP_LEVELS:
        same = groups.index[groups[column] == groups.at[code, column]]
        siblings = tuple(sorted(set(same) & set(measured)))
        if siblings:
            return level, siblings
    raise DataValidationError(f"no O*NET data in any SOC group of {code}")


def percentile_rank(values: pd.Series, reference: pd.Series) -> pd.Series:
    """Average rank divided by n over the reference rows; others ranked against them.

    Parameters
    ----------
    values
        Raw component values (NaN = missing).
    reference
        Boolean mask of the reference rows (OEWS occupations).

    Returns
    -------
    pandas.Series
        In (0, 1]; NaN where ``values`` is NaN.  A non-reference value gets the
        rank it would have among the reference values plus itself, over n + 1.
    """
    base = values[reference].dropna()
    out = pd.Series(np.nan, index=values.index)
    out[base.index] = base.rank(method="average") / len(base)
    for label in values.index[~reference.to_numpy()]:
        value = values[label]
        if pd.notna(value):
            augmented = pd.concat([base, pd.Series([value])], ignore_index=True)
            out[label] = augmented.rank(method="average").iloc[-1] / len(augmented)
    return out


def criteria_scores(components: pd.DataFrame, reference: pd.Series) -> pd.DataFrame:
    """Compute the five criteria scores from the components.

    Parameters
    ----------
    components
        One row per occupation with every component in ``CRITERIA_COMPONENTS``.
    reference
        Boolean mask of the OEWS rows that define the percentile scale.

    Returns
    -------
    pandas.DataFrame
        One column per criterion, each in (0, 1].

    Raises
    ------
    DataValidationError
        If a row has no component at all for some criterion.
    """
    scores = {}
    for criterion, parts in CRITERIA_COMPONENTS.items():
        ranks = pd.concat(
            [percentile_rank(direction * components[name], reference) for name, direction in parts],
            axis=1,
        )
        composite = ranks.mean(axis=1, skipna=True)
        if composite.isna().any():
            codes = list(composite.index[composite.isna()][:5])
            raise DataValidationError(f"no component of {criterion} for {codes}")
        scores[criterion] = percentile_rank(composite, reference)
    return pd.DataFrame(scores)
