"""The entrepreneurs assumption row (``ENTR-0001``).

OEWS counts employees only; self-employed business owners are excluded.  The
simulator still needs the owner-managers of employer businesses, so one row is
added whose figures are documented assumptions, not OEWS data:

* employment: about 6.1 million persons, the approximate number of US employer
  firms in recent US Census Bureau Statistics of U.S. Businesses (SUSB)
  releases (roughly 6.1-6.3 million), each with at least one owner-manager.
  It is an approximation, and a scenario can override it;
* wages: those of 11-1021 General and Operations Managers (proxy);
* tasks and O*NET-based criteria: borrowed from 11-1011 Chief Executives and
  11-1021 General and Operations Managers, averaged over their O*NET children
  like any other occupation; economic value from the assumed wage bill;
* major group: 11-0000 Management Occupations.
"""

from __future__ import annotations

import pandas as pd

from sim.data import ASSUMPTION_SOURCE, ENTREPRENEUR_CODE

ENTREPRENEUR_TITLE = "Entrepreneurs (owners of employer businesses)"
ENTREPRENEUR_EMPLOYMENT = 6.1e6
"""Persons; approximate number of US employer firms (Census SUSB, recent years)."""
ENTREPRENEUR_WAGE_PROXY = "11-1021"
"""OEWS code whose mean and median wage stand in for owner-managers' earnings."""
ENTREPRENEUR_TASK_DONORS = ("11-1011", "11-1021")
"""OEWS codes whose O*NET tasks and components the entrepreneurs row borrows."""
ENTREPRENEUR_MAJOR_GROUP = "11-0000"


def entrepreneur_row(spine: pd.DataFrame) -> pd.DataFrame:
    """One spine-shaped row for the entrepreneurs assumption.

    Parameters
    ----------
    spine
        OEWS spine (see ``build_spine.oews_spine``).

    Returns
    -------
    pandas.DataFrame
        A single row with the spine's columns.
    """
    indexed = spine.set_index("occupation_code")
    proxy = indexed.loc[ENTREPRENEUR_WAGE_PROXY]
    major = indexed[indexed["major_group_code"] == ENTREPRENEUR_MAJOR_GROUP].iloc[0]
    row = {
        "occupation_code": ENTREPRENEUR_CODE,
        "title": ENTREPRENEUR_TITLE,
        "employment": ENTREPRENEUR_EMPLOYMENT,
        "mean_wage": float(proxy["mean_wage"]),
        "median_wage": float(proxy["median_wage"]),
        "wage_source": ASSUMPTION_SOURCE,
        "major_group_code": ENTREPRENEUR_MAJOR_GROUP,
        "major_group_title": major["major_group_title"],
        "minor_group_code": "",
        "broad_group_code": "",
        "source": ASSUMPTION_SOURCE,
    }
    return pd.DataFrame([row], columns=spine.columns)


def entrepreneur_links(own_links: pd.DataFrame) -> pd.DataFrame:
    """O*NET children of the task donors, relabelled as entrepreneurs' children.

    Parameters
    ----------
    own_links
        ``occupation_code``, ``onet_code`` of task-bearing O*NET children.

    Returns
    -------
    pandas.DataFrame
        The donors' links with ``occupation_code = ENTREPRENEUR_CODE``.
    """
    donors = own_links[own_links["occupation_code"].isin(ENTREPRENEUR_TASK_DONORS)]
    return donors.assign(occupation_code=ENTREPRENEUR_CODE)
