"""Frey-Osborne probabilities and BLS Employment Projections per OEWS occupation.

Frey-Osborne (FO) scores are keyed by SOC 2010 (plus OES-only codes).  Each FO
code is turned into SOC 2010 codes by one of three routes, then crosswalked
to SOC 2018 (many-to-many) and mapped to OEWS codes:

* ``crosswalk``: the FO code is itself in the SOC 2010 -> 2018 crosswalk;
* ``manual_mapping``: an OES-only FO code, mapped to the SOC 2010 codes it
  combined (``FO_MANUAL_SOC2010``);
* ``prefix_expansion``: an FO aggregate (``FO_AGGREGATE_PREFIXES``) expanded
  to every SOC 2010 code with its prefix that has no FO score of its own.

An OEWS code reached by several FO scores takes their unweighted mean (SOC
2010 employment, needed for weights, is not staged), using only the most
specific route that reaches it: crosswalk and manual mappings before prefix
expansion.  OEWS codes that no route reaches take the mean of the matched
codes in their SOC minor group, else major group.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.errors import DataValidationError

FO_FILE = Path("frey_osborne/frey_osborne_2013_probability_of_computerisation.csv")
SOC_CROSSWALK_FILE = Path("crosswalks/soc2010_to_soc2018_crosswalk.csv")
EP_FILE = Path("bls_employment_projections/bls_ep_2022_32_occupations.csv")

FO_AGGREGATE_PREFIXES = {
    "25-1000": "25-1",  # Postsecondary teachers
    "29-1060": "29-106",  # Physicians and surgeons
    "15-1150": "15-115",  # Computer support specialists
    "45-2090": "45-209",  # Miscellaneous agricultural workers
}
"""FO aggregate codes -> SOC 2010 prefix of the detailed codes they stand for."""

FO_MANUAL_SOC2010 = {
    # OES 2010 registered nurses still included the advanced-practice nurses.
    "29-1111": ("29-1141", "29-1151", "29-1161", "29-1171"),
    # OES radiologic technologists and technicians = radiologic + MRI technologists.
    "29-2037": ("29-2034", "29-2035"),
    # OES combination of information security analysts, web developers, network architects.
    "15-1179": ("15-1122", "15-1134", "15-1143"),
    # OES funeral service managers, directors, morticians, and undertakers.
    "39-4831": ("11-9061", "39-4031"),
    # OES HR, training and labour relations specialists, all other: the HR and labour
    # relations codes that FO does not score separately.
    "13-1078": ("13-1071", "13-1075"),
    # OES "all other" residuals -> the SOC 2010 "all other" codes.
    "15-1799": ("15-1199",),
    "25-3999": ("25-3099",),
    "29-2799": ("29-2099",),
    "29-9799": ("29-9099",),
    "31-9799": ("31-9099",),
    "47-4799": ("47-4099",),
    "49-9799": ("49-9099",),
    "51-9399": ("51-9199",),
}
"""OES-only FO codes absent from the crosswalk -> the SOC 2010 codes they combined."""

ROUTE_PRIORITY = {"crosswalk": 0, "manual_mapping": 0, "prefix_expansion": 1}
"""Lower = more specific; only the most specific routes reaching a code are averaged."""

EP_COLUMNS = {
    "emp_change_2022_32_pct": "bls_projected_change_pct",
    "labor_force_exit_rate_pct": "labor_force_exit_rate_pct",
    "occupational_transfer_rate_pct": "occupational_transfer_rate_pct",
}
EP_LINE_ITEM = "Line item"


def frey_osborne_matched(raw: Path, soc2018_to_oews: dict[str, str]) -> pd.DataFrame:
    """FO probability for every OEWS code reachable from an FO score.

    Parameters
    ----------
    raw
        The shared data directory.
    soc2018_to_oews
        SOC 2018 detailed code -> OEWS code.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``occupation_code``: ``frey_osborne_probability`` (0-1) and
        ``frey_osborne_source`` (the route).
    """
    fo = pd.read_csv(raw / FO_FILE, dtype=str)
    crosswalk = pd.read_csv(raw / SOC_CROSSWALK_FILE, dtype=str)
    routes = _fo_routes(fo, crosswalk)
    mapped = routes.merge(crosswalk, left_on="soc2010", right_on="2010 SOC Code", how="inner")
    mapped["occupation_code"] = mapped["2018 SOC Code"].map(soc2018_to_oews)
    mapped = mapped.dropna(subset=["occupation_code"])
    mapped = mapped.drop_duplicates(["occupation_code", "fo_code"])
    mapped["priority"] = mapped["route"].map(ROUTE_PRIORITY)
    best = mapped.groupby("occupation_code")["priority"].transform("min")
    chosen = mapped[mapped["priority"] == best]
    return chosen.groupby("occupation_code").agg(
        frey_osborne_probability=("probability", "mean"),
        frey_osborne_source=("route", _route_label),
    )


def _route_label(routes: pd.Series) -> str:
    return "crosswalk" if (routes == "crosswalk").any() else str(routes.iloc[0])


def _fo_routes(fo: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """One row per (FO code, SOC 2010 code, route) with the FO probability."""
    in_crosswalk = set(crosswalk["2010 SOC Code"])
    scored = set(fo["SOC code"])
    rows = []
    for code, probability in zip(fo["SOC code"], fo["Probability"].astype(float), strict=True):
        if code in in_crosswalk:
            targets, route = (code,), "crosswalk"
        elif code in FO_MANUAL_SOC2010:
            targets, route = FO_MANUAL_SOC2010[code], "manual_mapping"
        elif code in FO_AGGREGATE_PREFIXES:
            prefix = FO_AGGREGATE_PREFIXES[code]
            targets = tuple(
                sorted(c for c in in_crosswalk if c.startswith(prefix) and c not in scored)
            )
            route = "prefix_expansion"
        else:
            raise DataValidationError(f"{FO_FILE}: SOC code {code} has no crosswalk route")
        rows += [(code, target, route, probability) for target in targets]
    return pd.DataFrame(rows, columns=["fo_code", "soc2010", "route", "probability"])


def impute_frey_osborne(matched: pd.DataFrame, spine: pd.DataFrame) -> pd.DataFrame:
    """FO value for every spine code: matched, else minor-, else major-group mean.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``occupation_code`` in spine order.
    """
    groups = spine.set_index("occupation_code")
    table = matched.reindex(groups.index)
    for column, label in (
        ("minor_group_code", "minor_group_mean"),
        ("major_group_code", "major_group_mean"),
    ):
        group_mean = table["frey_osborne_probability"].groupby(groups[column]).transform("mean")
        gap = table["frey_osborne_probability"].isna() & group_mean.notna()
        table.loc[gap, "frey_osborne_probability"] = group_mean[gap]
        table.loc[gap, "frey_osborne_source"] = label
    if table["frey_osborne_probability"].isna().any():
        raise DataValidationError(f"{FO_FILE}: no FO value in the major group of some codes")
    return table


def employment_projections(raw: Path, spine: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """BLS EP 2022-32 change and separation rates for every spine code.

    Gaps are filled with the median of the occupation's SOC major group.

    Returns
    -------
    table : pandas.DataFrame
        Indexed by ``occupation_code``: ``bls_projected_change_pct`` (percent
        over 2022-32), ``labor_force_exit_rate_pct`` and
        ``occupational_transfer_rate_pct`` (percent per year).
    n_filled : int
        Number of values filled with a major-group median.
    """
    ep = pd.read_csv(raw / EP_FILE, dtype=str)
    items = ep[ep["occupation_type"] == EP_LINE_ITEM].set_index("nem_code")[list(EP_COLUMNS)]
    items = items.apply(pd.to_numeric, errors="coerce").rename(columns=EP_COLUMNS)
    groups = spine.set_index("occupation_code")["major_group_code"]
    table = items.reindex(groups.index)
    n_filled = int(table.isna().sum().sum())
    medians = table.groupby(groups).transform("median")
    return table.fillna(medians), n_filled


def major_group_median(table: pd.DataFrame, spine: pd.DataFrame, major_group: str) -> pd.Series:
    """Median of every column of ``table`` over the spine codes of one major group."""
    codes = spine.loc[spine["major_group_code"] == major_group, "occupation_code"]
    return table.loc[codes].median()
