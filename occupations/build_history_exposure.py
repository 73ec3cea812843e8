"""Computerisation-era exposure measures per OEWS occupation, for the elasticity backtest.

Two measures, both from O*NET work context, aggregated to the model's OEWS
(SOC 2018) codes as the mean over the occupation's O*NET-SOC children:

* ``routine_intensity`` (the backtest's measure): the routine-cognitive task
  index of Acemoglu & Autor (2011), the mean of three standardised work-context
  items, "importance of repeating same tasks", "importance of being exact or
  accurate" and "structured versus unstructured work" (reversed: O*NET rates
  the worker's freedom to set tasks, so a high raw value is *un*structured).
  Each item is z-scored over the O*NET occupations of the file (unweighted).
* ``degree_of_automation_2012``: the work-context item "Degree of Automation"
  (0-100) as O*NET OnLine showed it in 2012, keyed by O*NET-SOC 2010 codes and
  moved to the 2019 taxonomy with the O*NET crosswalk.  Measured before the
  2012-2017 window; reported as a sensitivity of the backtest.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

WORK_CONTEXT_FILE = Path("onet/supplementary/gptsaregpts_occupations_onet_work_contexts.csv")
DEGREE_OF_AUTOMATION_FILE = Path("onet/supplementary/degree_of_automation_by_year_scraped.csv")
ONET_OCCUPATION_FILE = Path("onet/v29_3/occupation_data.csv")
ONET_2010_TO_2019_FILE = Path("crosswalks/onet_soc2010_to_onet_soc2019_crosswalk.csv")

ROUTINE_ITEM_SIGNS: dict[str, float] = {
    "importance_of_repeating_same_tasks_context": 1.0,
    "importance_of_being_exact_or_accurate_context": 1.0,
    "structured_versus_unstructured_work_context": -1.0,
}
"""Work-context items of the routine-cognitive index and their sign (Acemoglu & Autor 2011,
Handbook of Labor Economics 4B, ch. 12, doi:10.1016/S0169-7218(11)02410-5)."""
DEGREE_OF_AUTOMATION_YEAR = 2012
"""O*NET OnLine vintage of the Degree of Automation sensitivity (start of the window)."""


def routine_intensity(raw: Path) -> pd.Series:
    """Routine-cognitive index per O*NET-SOC 2019 code (mean of signed item z-scores).

    Returns
    -------
    pandas.Series
        Index ``onet_code``; unitless (standard deviations of the items), sorted.
    """
    contexts = pd.read_csv(raw / WORK_CONTEXT_FILE)
    titles = pd.read_csv(raw / ONET_OCCUPATION_FILE, dtype=str)
    code_of = titles.set_index("Title")["O*NET-SOC Code"]
    z_scores = [
        sign * (contexts[item] - contexts[item].mean()) / contexts[item].std(ddof=0)
        for item, sign in ROUTINE_ITEM_SIGNS.items()
    ]
    index = pd.concat(z_scores, axis=1).mean(axis=1)
    index.index = pd.Index(contexts["occupation"].map(code_of), name="onet_code")
    if index.index.isna().any():
        unknown = contexts["occupation"][index.index.isna()].tolist()
        raise ValueError(f"{WORK_CONTEXT_FILE}: titles not in O*NET 29.3: {unknown[:5]}")
    return index.rename("routine_intensity").sort_index()


def degree_of_automation(raw: Path, year: int = DEGREE_OF_AUTOMATION_YEAR) -> pd.Series:
    """Degree of Automation (0-100) of ``year`` per O*NET-SOC 2019 code.

    O*NET-SOC 2010 codes are moved to 2019 codes with the O*NET crosswalk; a
    2019 code fed by several 2010 codes takes their mean.
    """
    scraped = pd.read_csv(raw / DEGREE_OF_AUTOMATION_FILE, dtype={"onet_code": str})
    values = scraped.loc[scraped["year"] == year].set_index("onet_code")["degree_of_automation"]
    crosswalk = pd.read_csv(raw / ONET_2010_TO_2019_FILE, dtype=str)
    linked = crosswalk.assign(value=crosswalk["O*NET-SOC 2010 Code"].map(values)).dropna(
        subset=["value"]
    )
    series = linked.groupby("O*NET-SOC 2019 Code")["value"].mean()
    series.index.name = "onet_code"
    return series.rename(f"degree_of_automation_{year}").sort_index()


def to_occupations(by_onet: pd.Series, links: pd.DataFrame) -> pd.Series:
    """Mean of an O*NET-level measure over each OEWS occupation's O*NET children.

    Parameters
    ----------
    by_onet
        Measure indexed by O*NET-SOC 2019 code.
    links
        ``onet_code`` -> ``occupation_code`` (from ``build_spine.onet_links``).

    Returns
    -------
    pandas.Series
        Indexed by OEWS ``occupation_code``; occupations without data are absent.
    """
    values = links.assign(value=links["onet_code"].map(by_onet)).dropna(subset=["value"])
    return values.groupby("occupation_code")["value"].mean().rename(by_onet.name)
