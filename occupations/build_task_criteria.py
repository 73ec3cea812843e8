"""Each task's own definedness, data availability and economic value.

The occupation criteria (``build_criteria``) give every task of an occupation
the same readiness.  The scores here rank the *tasks* on their own O*NET
evidence, so that tasks of one occupation differ:

* activity ratings: each DWA link of task j belongs to one generalized work
  activity (GWA); O*NET 28.1 rates every GWA for every occupation on
  importance (IM, 1-5) and level (LV, 0-7).  ``activity_importance_j`` and
  ``activity_level_j`` are the means over the task's DWA links of the ratings
  of the link's GWA in the task's own O*NET occupation;
* ``type_weight_j``: 1 for core and unrated tasks, 0.5 for supplemental ones
  (``TASK_TYPE_WEIGHT``);
* the task's family shares (``routine_info_share``, ``data_share``) from
  ``build_tasks`` and the technology-skill count of its O*NET occupation.

With r(x) the percentile rank of x over the reference task rows (rows not
borrowed by another occupation; borrowed rows are ranked against them, see
:func:`rank_against`)::

    own_definedness_j       = r(mean(r(routine_info_share_j), r(-activity_level_j)))
    own_data_availability_j = r(mean(r(data_share_j), r(data_share_j * technology_log_count_o)))
    own_economic_value_j    = r(mean(r(activity_importance_j), r(type_weight_j)))

where o is the task's O*NET occupation.  A higher activity level means more
complex, judgement-laden work, hence less defined; digital work of an
occupation with many technology skills has the most recorded examples; an
activity the occupation rates as more important, and a core task, carry more
of its value.  Eloundou et al. labels and Frey-Osborne probabilities are not
used.  The model blends these scores with the occupation scores
(``exposure.task_evidence_share``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.data import TASK_TYPE_WEIGHT
from sim.errors import DataValidationError

WORK_ACTIVITIES_FILE = Path("onet/v28_1_work_activities/work_activities.csv.gz")
TASK_DWA_FILE = Path("onet/v29_3/tasks_to_dwas.csv")
DWA_FILE = Path("onet/v29_3/dwa_reference.csv")
RATING_SCALES = {"IM": "activity_importance", "LV": "activity_level"}
"""O*NET 28.1 scale ID -> task rating column (importance 1-5, level 0-7)."""
FLAGGED = "Y"
"""``Recommend Suppress`` / ``Not Relevant`` flag: such ratings are dropped."""
PREFIX_LEVELS = (7, 6, 5)
"""Fallback for O*NET codes without 28.1 ratings (50 of 923 task-bearing codes,
e.g. 15-1252.00): mean rating of the rated codes sharing the first 7, else 6,
else 5 characters (detailed SOC, then roughly broad and minor group), else the
mean over all rated codes."""

OWN_COMPONENTS = {
    "own_definedness": (("routine_info_share", 1.0), ("activity_level", -1.0)),
    "own_data_availability": (("data_share", 1.0), ("digital_technology", 1.0)),
    "own_economic_value": (("activity_importance", 1.0), ("type_weight", 1.0)),
}
"""Own task score -> (task component, direction) pairs."""
OWN_COLUMNS = tuple(OWN_COMPONENTS)
OWN_FORMATS = dict.fromkeys(OWN_COLUMNS, "{:.4g}")
"""Four significant digits: ranks over about 18,700 tasks, resolution 1e-4 (compact file)."""


def read_activity_ratings(raw: Path) -> pd.DataFrame:
    """O*NET 28.1 GWA ratings per O*NET occupation, flagged values dropped.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``onet_code``, ``element_id``); columns of ``RATING_SCALES``
        (NaN where suppressed or not relevant).
    """
    source = pd.read_csv(raw / WORK_ACTIVITIES_FILE, dtype=str, keep_default_na=False)
    keep = source["Scale ID"].isin(RATING_SCALES) & (source["Recommend Suppress"] != FLAGGED)
    keep &= source["Not Relevant"] != FLAGGED
    kept = source[keep]
    table = kept.pivot_table(
        index=["O*NET-SOC Code", "Element ID"],
        columns="Scale ID",
        values="Data Value",
        aggfunc="first",
    )
    table = table.astype(float).rename(columns=RATING_SCALES)
    table.index.names = ["onet_code", "element_id"]
    return table[list(RATING_SCALES.values())]


def ratings_for(codes: pd.Index, ratings: pd.DataFrame) -> pd.DataFrame:
    """GWA ratings for every code in ``codes``, filling gaps by code prefix.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``onet_code``, ``element_id``) for every requested code and
        every rated GWA; a missing rating takes the mean of the rated codes
        with the same prefix (``PREFIX_LEVELS``), else of all rated codes.
    """
    wide = {name: ratings[name].unstack("element_id") for name in ratings.columns}
    filled = {}
    for name, table in wide.items():
        out = table.reindex(codes)
        for length in PREFIX_LEVELS:
            prefix_means = table.groupby(table.index.str[:length]).mean()
            by_prefix = prefix_means.reindex(codes.str[:length])
            out = out.fillna(pd.DataFrame(by_prefix.to_numpy(), index=codes, columns=table.columns))
        filled[name] = out.fillna(table.mean())
    stacked = {name: table.stack() for name, table in filled.items()}
    frame = pd.DataFrame(stacked)
    frame.index.names = ["onet_code", "element_id"]
    return frame


def task_activity_ratings(raw: Path, codes: pd.Index) -> pd.DataFrame:
    """Mean GWA rating over each linked task's DWA links, in its own O*NET occupation.

    Returns
    -------
    pandas.DataFrame
        ``onet_code``, ``task_id`` and the ``RATING_SCALES`` columns, one row
        per task with at least one DWA link among ``codes``.
    """
    links = pd.read_csv(raw / TASK_DWA_FILE, dtype=str)
    links = links[["O*NET-SOC Code", "Task ID", "DWA ID"]].drop_duplicates()
    links = links[links["O*NET-SOC Code"].isin(codes)]
    dwas = pd.read_csv(raw / DWA_FILE, dtype=str).set_index("DWA ID")
    ratings = ratings_for(codes, read_activity_ratings(raw))
    keys = pd.MultiIndex.from_arrays(
        [links["O*NET-SOC Code"], links["DWA ID"].map(dwas["Element ID"])]
    )
    values = ratings.reindex(keys)
    if values.isna().any().any():
        missing = sorted(set(keys[values.isna().any(axis=1).to_numpy()].get_level_values(1)))
        raise DataValidationError(f"{WORK_ACTIVITIES_FILE}: no rating for GWA(s) {missing[:5]}")
    frame = pd.DataFrame(values.to_numpy(), columns=values.columns)
    frame["onet_code"] = links["O*NET-SOC Code"].to_numpy()
    frame["task_id"] = links["Task ID"].astype(int).to_numpy()
    columns = list(RATING_SCALES.values())
    return frame.groupby(["onet_code", "task_id"], as_index=False)[columns].mean()


def task_components(
    raw: Path, tasks: pd.DataFrame, technology_log_count: pd.Series
) -> pd.DataFrame:
    """The six task-level components of ``OWN_COMPONENTS`` for every task row.

    Parameters
    ----------
    raw
        Shared data directory.
    tasks
        Task table with ``onet_code``, ``task_id``, ``task_type`` and the
        family shares.
    technology_log_count
        log(1 + distinct technology examples) per O*NET code (missing = 0).

    Returns
    -------
    pandas.DataFrame
        Same row order as ``tasks``.  Tasks without a DWA link take the mean
        rating of their O*NET occupation's linked tasks.
    """
    codes = pd.Index(sorted(tasks["onet_code"].unique()))
    ratings = task_activity_ratings(raw, codes)
    keys = tasks[["onet_code", "task_id"]]
    merged = keys.merge(ratings, on=["onet_code", "task_id"], how="left", validate="m:1")
    columns = list(RATING_SCALES.values())
    merged[columns] = merged[columns].fillna(merged.groupby("onet_code")[columns].transform("mean"))
    if merged[columns].isna().any().any():
        codes_missing = sorted(merged.loc[merged[columns].isna().any(axis=1), "onet_code"])
        raise DataValidationError(f"{TASK_DWA_FILE}: no rated DWA link for {codes_missing[:5]}")
    technology = tasks["onet_code"].map(technology_log_count).fillna(0.0).to_numpy()
    out = merged[columns].set_index(tasks.index)
    out["routine_info_share"] = tasks["routine_info_share"]
    out["data_share"] = tasks["data_share"]
    out["digital_technology"] = tasks["data_share"].to_numpy() * technology
    out["type_weight"] = tasks["task_type"].map(TASK_TYPE_WEIGHT).astype(float)
    return out


def rank_against(values: pd.Series, reference: pd.Series) -> pd.Series:
    """Percentile rank in (0, 1] over the reference rows; others ranked against them.

    Reference rows get ``rank / n`` (average rank for ties).  Any other row gets
    the average rank it would have among the reference values plus itself,
    divided by n + 1 (as :func:`build_criteria.percentile_rank`, vectorised).
    """
    base = np.sort(values[reference].to_numpy(dtype=float))
    n = base.size
    out = pd.Series(np.nan, index=values.index)
    out[reference] = values[reference].rank(method="average") / n
    others = values[~reference].to_numpy(dtype=float)
    below = np.searchsorted(base, others, side="left")
    equal = np.searchsorted(base, others, side="right") - below
    out[~reference] = (below + equal / 2.0 + 1.0) / (n + 1.0)
    return out


def own_scores(components: pd.DataFrame, reference: pd.Series) -> pd.DataFrame:
    """The three own task scores (columns ``OWN_COLUMNS``), each in (0, 1]."""
    scores = {}
    for score, parts in OWN_COMPONENTS.items():
        ranks = [rank_against(sign * components[name], reference) for name, sign in parts]
        scores[score] = rank_against(pd.concat(ranks, axis=1).mean(axis=1), reference)
    return pd.DataFrame(scores)


def add_own_scores(raw: Path, tasks: pd.DataFrame, technology_log_count: pd.Series) -> pd.DataFrame:
    """Return ``tasks`` with the ``OWN_COLUMNS`` added (reference: rows not borrowed)."""
    components = task_components(raw, tasks, technology_log_count)
    scores = own_scores(components, ~tasks["borrowed"].astype(bool))
    return pd.concat([tasks, scores.set_index(tasks.index)], axis=1)
