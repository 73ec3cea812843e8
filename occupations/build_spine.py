"""The occupation spine: OEWS May 2025 detailed rows, SOC groups, O*NET links.

Every OEWS detailed occupation (830 SOC 2018 codes) becomes one row with its
employment, annual wages and its SOC major, minor and broad groups.  O*NET-SOC
codes are linked to OEWS codes with the BLS National Employment Matrix (NEM)
crosswalk: an O*NET code whose first seven characters equal its NEM code is
the occupation's own child (link ``onet``); O*NET codes that BLS aggregates
into one OEWS code (13-1020, 13-2020, 21-1018, 25-2052, 25-9045, 29-2010,
31-1120, 39-7010, 47-4090, 51-2028, 51-2090, 53-1047) are linked as
``onet_children`` (JOIN_NOTES rule 2, generalised from the seven codes ending
in 0 to every aggregation the NEM crosswalk lists).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.data import OEWS_SOURCE
from sim.errors import DataValidationError

OEWS_FILE = Path("bls_oews/oews_national_may2025.csv")
NEM_CROSSWALK_FILE = Path("crosswalks/bls_nem_onet_to_soc_crosswalk_2023-09-06.csv")
ONET_OCCUPATION_FILE = Path("onet/v29_3/occupation_data.csv")
SOC_STRUCTURE_FILE = Path("crosswalks/onet_soc_2019_structure.csv")

HOURS_PER_YEAR = 2080.0
"""Hours per full-time year (52 weeks x 40 hours), the BLS annualisation factor."""
SOC_CODE_LENGTH = 7
"""Characters of an O*NET-SOC code that form its SOC code ('15-1252.00' -> '15-1252')."""
EXPECTED_DETAILED_ROWS = 830
"""OEWS May 2025 detailed occupations (shared/data/README.md)."""

LINK_OWN = "onet"
LINK_CHILDREN = "onet_children"


def read_oews(raw: Path) -> pd.DataFrame:
    """Read the OEWS national table with numeric columns parsed.

    Parameters
    ----------
    raw
        The shared data directory.

    Returns
    -------
    pandas.DataFrame
        All 1,104 OEWS rows; ``tot_emp`` in persons, ``a_*`` in USD/year,
        ``h_*`` in USD/hour.
    """
    oews = pd.read_csv(raw / OEWS_FILE, dtype=str, keep_default_na=False)
    for name in ("tot_emp", "a_mean", "a_median", "h_mean", "h_median"):
        oews[name] = pd.to_numeric(oews[name].replace("", np.nan), errors="raise")
    return oews


def oews_spine(oews: pd.DataFrame, structure: pd.DataFrame) -> pd.DataFrame:
    """Build one row per OEWS detailed occupation with wages and SOC groups.

    Parameters
    ----------
    oews
        Output of :func:`read_oews`.
    structure
        Output of :func:`read_soc_structure` (OEWS omits some minor and
        broad group rows, e.g. 39-7000, so the full SOC 2018 structure is used
        for minor and broad groups; major titles come from OEWS).

    Returns
    -------
    pandas.DataFrame
        Columns ``occupation_code``, ``title``, ``employment`` (persons),
        ``mean_wage``, ``median_wage`` (USD/year), ``wage_source``,
        ``major_group_code``, ``major_group_title``, ``minor_group_code``,
        ``broad_group_code``, ``source``; sorted by code.

    Raises
    ------
    DataValidationError
        If the detailed row count, employment or wages are not as expected.
    """
    detailed = oews[oews["o_group"] == "detailed"]
    if len(detailed) != EXPECTED_DETAILED_ROWS or detailed["tot_emp"].isna().any():
        raise DataValidationError(
            f"{OEWS_FILE}: expected {EXPECTED_DETAILED_ROWS} detailed rows with tot_emp, "
            f"found {len(detailed)} rows and {int(detailed['tot_emp'].isna().sum())} empty"
        )
    codes = detailed["occ_code"]
    spine = pd.DataFrame(
        {
            "occupation_code": codes.to_numpy(),
            "title": detailed["occ_title"].to_numpy(),
            "employment": detailed["tot_emp"].astype(float).to_numpy(),
        }
    )
    spine = pd.concat([spine, annual_wages(detailed).reset_index(drop=True)], axis=1)
    spine = spine.assign(
        **_group_columns(oews, structure, spine["occupation_code"]), source=OEWS_SOURCE
    )
    return spine.sort_values("occupation_code", ignore_index=True)


def annual_wages(detailed: pd.DataFrame) -> pd.DataFrame:
    """Annual mean and median wage, filling annual = hourly x ``HOURS_PER_YEAR``.

    Returns
    -------
    pandas.DataFrame
        ``mean_wage``, ``median_wage`` (USD/year) and ``wage_source``
        (``annual`` or ``hourly_x_2080``).
    """
    mean = detailed["a_mean"].fillna(detailed["h_mean"] * HOURS_PER_YEAR)
    median = detailed["a_median"].fillna(detailed["h_median"] * HOURS_PER_YEAR)
    hourly = detailed["a_mean"].isna() | detailed["a_median"].isna()
    if mean.isna().any() or median.isna().any():
        missing = detailed.loc[mean.isna() | median.isna(), "occ_code"].tolist()
        raise DataValidationError(f"{OEWS_FILE}: no annual or hourly wage for {missing}")
    return pd.DataFrame(
        {
            "mean_wage": mean.to_numpy(float),
            "median_wage": median.to_numpy(float),
            "wage_source": np.where(hourly, "hourly_x_2080", "annual"),
        },
        index=detailed.index,
    )


def read_soc_structure(raw: Path) -> pd.DataFrame:
    """Read the SOC 2018 / O*NET-SOC 2019 hierarchy (one group code per row)."""
    return pd.read_csv(raw / SOC_STRUCTURE_FILE, dtype=str)


def _group_columns(
    oews: pd.DataFrame, structure: pd.DataFrame, codes: pd.Series
) -> dict[str, list[str]]:
    majors = oews[oews["o_group"] == "major"].set_index("occ_code")["occ_title"]
    major_codes = [code[:2] + "-0000" for code in codes]
    unknown = sorted(set(major_codes) - set(majors.index))
    if unknown:
        raise DataValidationError(f"{OEWS_FILE}: no major row for group(s) {unknown}")
    parents = soc_parents(structure)
    for code in codes:
        if code not in parents and _broad_of(code) in parents:
            parents[code] = parents[_broad_of(code)]
    missing = sorted(set(codes) - set(parents))
    if missing:
        raise DataValidationError(f"{SOC_STRUCTURE_FILE}: no SOC group for {missing}")
    return {
        "major_group_code": major_codes,
        "major_group_title": [majors[code] for code in major_codes],
        "minor_group_code": [parents[code][0] for code in codes],
        "broad_group_code": [parents[code][1] for code in codes],
    }


def _broad_of(code: str) -> str:
    """SOC broad code sharing the first six characters (21-1018 -> 21-1010).

    Used only for OEWS-specific aggregates that are not SOC codes (21-1018,
    25-2052, 25-9045, 51-2028, 53-1047): their members all sit in that broad
    group.
    """
    return code[: SOC_CODE_LENGTH - 1] + "0"


def soc_parents(structure: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Minor and broad group of every SOC detailed and broad code.

    The structure file lists each group row before its members, so a single
    pass tracking the current minor and broad group assigns every code.  SOC
    codes cannot be parsed by prefix (e.g. 29-1221 belongs to broad 29-1210).
    A broad code (OEWS publishes some, e.g. 13-1020, as detailed) is its own
    broad group.

    Returns
    -------
    dict
        ``{code: (minor_group_code, broad_group_code)}``.
    """
    parents: dict[str, tuple[str, str]] = {}
    minor = broad = ""
    for row in structure.itertuples(index=False):
        minor_code, broad_code, detailed_code = row[1], row[2], row[3]
        if isinstance(minor_code, str):
            minor = minor_code
        if isinstance(broad_code, str):
            broad = broad_code
            parents[broad] = (minor, broad)
        if isinstance(detailed_code, str):
            parents[detailed_code] = (minor, broad)
    return parents


def onet_links(raw: Path, spine_codes: pd.Series) -> pd.DataFrame:
    """Link every O*NET-SOC 2019 code to the OEWS occupation that contains it.

    Parameters
    ----------
    raw
        The shared data directory.
    spine_codes
        OEWS detailed codes.

    Returns
    -------
    pandas.DataFrame
        ``onet_code``, ``occupation_code`` and ``link`` (``onet`` when the
        O*NET code's SOC part is the OEWS code, ``onet_children`` when BLS
        aggregates it into a broader OEWS code), sorted by ``onet_code``.
        O*NET codes outside OEWS (military, 55-xxxx) are dropped.
    """
    onet = pd.read_csv(raw / ONET_OCCUPATION_FILE, dtype=str)["O*NET-SOC Code"]
    nem = pd.read_csv(raw / NEM_CROSSWALK_FILE, dtype=str)
    nem_code = nem.set_index("O*NET-SOC Code")["NEM Code"]
    known = set(spine_codes)
    rows = []
    for code in sorted(onet):
        own = code[:SOC_CODE_LENGTH]
        target = nem_code.get(code)
        if target not in known:
            target = own
        if target in known:
            rows.append((code, target, LINK_OWN if target == own else LINK_CHILDREN))
    return pd.DataFrame(rows, columns=["onet_code", "occupation_code", "link"])


def soc2018_to_oews(links: pd.DataFrame, spine_codes: pd.Series) -> dict[str, str]:
    """Map SOC 2018 detailed codes to OEWS codes (identity, or the OEWS aggregate).

    Returns
    -------
    dict
        ``{soc_2018_code: oews_code}`` for every OEWS code and for every SOC
        code that OEWS publishes only inside an aggregate (e.g. 13-1021 ->
        13-1020), derived from the O*NET links.
    """
    mapping = {
        code[:SOC_CODE_LENGTH]: occ
        for code, occ in zip(links["onet_code"], links["occupation_code"], strict=True)
    }
    mapping.update({code: code for code in spine_codes})
    return mapping
