"""Build ``history_2011_2017.csv``: OEWS May 2011/2012/2017 employment on the model's codes.

Usage::

    python occupations/build_history.py [--raw ../shared/data] [--out occupations]

The OEWS history (``../shared/data`` section 7) uses SOC 2010 codes, plus OES-only
aggregate and SOC 2000 codes (2011 mixes in SOC 2000, e.g. registered nurses
29-1111; May 2017 publishes some SOC 2018 aggregates, e.g. 13-1020).  Every
history code is expanded to SOC 2010 codes (:data:`OES_CODES`, by hand, for the
31 codes outside the crosswalk), moved to SOC 2018 with the BLS crosswalk and
then to the model's OEWS May 2025 codes.  The crosswalk is many-to-many, so
employment is **summed within comparison groups**: the connected components of
the graph that links model codes fed by the same history code.  A group's
employment in a year is the sum of the history rows that map into it; only
group totals are comparable over time.  The per-code columns split each group
total in proportion to May 2025 employment (exact for the single-code groups
that hold most employment).  A group lacking any of its SOC 2010 codes in a year
gets no employment for that year.  Exposure measures come from
:mod:`build_history_exposure`.  Output is byte-deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from occupations import build_history_exposure, build_io, build_spine  # noqa: E402

HISTORY_FILE = Path("bls_oews_history/oews_national_2011_2017.csv")
SOC_CROSSWALK_FILE = Path("crosswalks/soc2010_to_soc2018_crosswalk.csv")
OUTPUT_FILE = "history_2011_2017.csv"
YEARS = (2011, 2012, 2017)
"""OEWS May estimates kept: 2011 (first year), 2012 (first all-SOC-2010 year), 2017 (last)."""
PRIMARY_GROUP = "group_2012_2017"
COMPARISONS: dict[str, tuple[int, ...]] = {
    PRIMARY_GROUP: (2012, 2017),
    "group_2011_2017": (2011, 2012, 2017),
}
"""Group column -> the years whose codes define its groups.  2012-2017 is the backtest's
window; adding 2011 (SOC 2000 codes) merges some groups, so it has its own grouping."""
EMPLOYMENT_FORMAT = "{:.10g}"
"""Persons, written without exponent."""

OES_CODES: dict[str, tuple[str, ...]] = {
    # May 2011: SOC 2000 and OES-only codes -> their SOC 2010 successors.
    "13-1078": ("13-1071", "13-1075"),
    "15-1150": ("15-1151", "15-1152"),
    "15-1179": ("15-1122", "15-1134", "15-1143"),
    "15-1799": ("15-1199",),
    "21-1798": ("21-1094", "21-1099"),
    "25-2041": ("25-2051", "25-2052"),
    "25-3999": ("25-3099",),
    "29-1111": ("29-1141", "29-1151", "29-1161", "29-1171"),
    "29-2037": ("29-2034", "29-2035"),
    "29-2799": ("29-2092", "29-2099"),
    "29-9799": ("29-9092", "29-9099"),
    "31-1012": ("31-1014", "31-1015"),
    "31-9799": ("31-9097", "31-9099"),
    "39-4831": ("11-9061", "39-4031"),
    "41-9799": ("41-9099",),
    "43-9799": ("43-9199",),
    "47-4799": ("47-4099",),
    "49-9799": ("49-9099",),
    "51-9399": ("51-9199",),
    # May 2012-2017: substitute teachers and the rest of "teachers, all other".
    "25-3097": ("25-3099",),
    "25-3098": ("25-3099",),
    # May 2017: OEWS aggregates of SOC 2010 detailed codes.
    "13-1020": ("13-1021", "13-1022", "13-1023"),
    "15-2090": ("15-2091", "15-2099"),
    "21-1018": ("21-1011", "21-1014"),
    "29-2010": ("29-2011", "29-2012"),
    "39-1010": ("39-1011", "39-1012"),
    "39-7010": ("39-7011", "39-7012"),
    "47-4090": ("47-4091", "47-4099"),
    "51-2028": ("51-2022", "51-2023"),
    "51-2098": ("51-2092", "51-2099"),
    "53-1048": ("53-1021", "53-1031"),
}
"""History codes outside the SOC 2010 crosswalk -> the SOC 2010 codes they cover.

By hand from the code titles and the SOC 2000 -> 2010 changes; where a code's
coverage was uncertain, it is linked to every candidate successor (over-linking
only merges groups, under-linking would bias growth).  See SOURCES.md section 5.
"""


def read_history(raw: Path) -> pd.DataFrame:
    """Detailed OEWS rows of :data:`YEARS`: ``year``, ``history_code``, ``employment``."""
    history = pd.read_csv(raw / HISTORY_FILE, dtype={"occ_code": str})
    rows = history.loc[(history["o_group"] == "detailed") & history["year"].isin(YEARS)]
    if rows["tot_emp"].isna().any():
        raise ValueError(f"{HISTORY_FILE}: empty tot_emp in detailed rows")
    return rows.rename(columns={"occ_code": "history_code", "tot_emp": "employment"})[
        ["year", "history_code", "employment"]
    ].reset_index(drop=True)


def history_links(raw: Path, codes: pd.Series, to_oews: dict[str, str]) -> pd.DataFrame:
    """Link each history code to its SOC 2010 codes and the model codes they feed.

    Returns
    -------
    pandas.DataFrame
        ``history_code``, ``soc2010_code``, ``occupation_code``; one row per
        link, sorted.  SOC 2018 targets outside the model (military, 45-3031)
        are dropped.
    """
    crosswalk = pd.read_csv(raw / SOC_CROSSWALK_FILE, dtype=str)
    targets = crosswalk.groupby("2010 SOC Code")["2018 SOC Code"].agg(tuple)
    rows = []
    for code in sorted(set(codes)):
        for soc2010 in OES_CODES.get(code, (code,)):
            if soc2010 not in targets.index:
                raise ValueError(f"{SOC_CROSSWALK_FILE}: no SOC 2010 code {soc2010} (from {code})")
            rows += [(code, soc2010, to_oews[t]) for t in targets[soc2010] if t in to_oews]
    links = pd.DataFrame(rows, columns=["history_code", "soc2010_code", "occupation_code"])
    return links.drop_duplicates().sort_values(list(links.columns), ignore_index=True)


def comparison_groups(links: pd.DataFrame) -> dict[str, str]:
    """Model code -> comparison group (the smallest model code of its component).

    Two model codes are in one group when some history code feeds both.
    """
    graph = nx.Graph()
    for _, targets in links.groupby("history_code")["occupation_code"]:
        members = sorted(set(targets))
        graph.add_nodes_from(members)
        graph.add_edges_from(zip(members[:-1], members[1:], strict=True))
    return {code: min(part) for part in nx.connected_components(graph) for code in part}


def group_employment(
    history: pd.DataFrame, links: pd.DataFrame, group_of: dict[str, str]
) -> pd.DataFrame:
    """Employment per comparison group and year; NaN where a year misses a SOC 2010 code.

    Returns
    -------
    pandas.DataFrame
        Index ``comparison_group``, one column per year of :data:`YEARS` (persons).
    """
    links = links.assign(comparison_group=links["occupation_code"].map(group_of))
    group_of_history = links.groupby("history_code")["comparison_group"].first()
    covered = links.groupby("comparison_group")["soc2010_code"].agg(frozenset)
    rows = history.assign(comparison_group=history["history_code"].map(group_of_history))
    soc_of = links.groupby("history_code")["soc2010_code"].agg(frozenset)
    totals = rows.pivot_table(
        index="comparison_group", columns="year", values="employment", aggfunc="sum"
    )
    for year, year_rows in rows.groupby("year"):
        seen = year_rows.groupby("comparison_group")["history_code"].agg(
            lambda codes: frozenset().union(*(soc_of[c] for c in codes))
        )
        complete = seen.reindex(totals.index).combine(covered.reindex(totals.index), _equal)
        totals.loc[~complete.astype(bool), year] = float("nan")
    return totals.reindex(columns=sorted(rows["year"].unique()))


def _equal(seen: object, covered: object) -> bool:
    return isinstance(seen, frozenset) and seen == covered


def build_panel(raw: Path) -> pd.DataFrame:
    """The committed panel: one row per model code fed by the OEWS history.

    Returns
    -------
    pandas.DataFrame
        ``occupation_code``; for each comparison of :data:`COMPARISONS` its
        group column and the employment of its years (persons; the group total
        split by May 2025 employment); ``routine_intensity`` and
        ``degree_of_automation_2012`` (empty where O*NET has no data); sorted
        by ``occupation_code``.
    """
    spine = build_spine.oews_spine(build_spine.read_oews(raw), build_spine.read_soc_structure(raw))
    onet = build_spine.onet_links(raw, spine["occupation_code"])
    history = read_history(raw)
    to_oews = build_spine.soc2018_to_oews(onet, spine["occupation_code"])
    links = history_links(raw, history["history_code"], to_oews)
    weight = spine.set_index("occupation_code")["employment"]
    panel = pd.DataFrame({"occupation_code": sorted(set(links["occupation_code"]))})
    for group_column, years in COMPARISONS.items():
        rows = history.loc[history["year"].isin(years)]
        used = links.loc[links["history_code"].isin(rows["history_code"])]
        group_of = comparison_groups(used)
        totals = group_employment(rows, used, group_of)
        panel[group_column] = panel["occupation_code"].map(group_of)
        code_weight = panel["occupation_code"].map(weight)
        share = code_weight / code_weight.groupby(panel[group_column]).transform("sum")
        for year in years:
            if year not in COMPARISONS[PRIMARY_GROUP] or group_column == PRIMARY_GROUP:
                panel[f"employment_{year}"] = panel[group_column].map(totals[year]) * share
    exposure = build_history_exposure
    for measure in (exposure.routine_intensity(raw), exposure.degree_of_automation(raw)):
        by_code = exposure.to_occupations(measure, onet)
        panel[str(measure.name)] = panel["occupation_code"].map(by_code)
    return panel[_column_order()]


def _column_order() -> list[str]:
    years = sorted({year for years in COMPARISONS.values() for year in years})
    return [
        "occupation_code",
        *COMPARISONS,
        *(f"employment_{year}" for year in years),
        "routine_intensity",
        "degree_of_automation_2012",
    ]


def panel_report(panel: pd.DataFrame, raw: Path) -> str:
    """Counts of the build (groups, complete groups, employment covered)."""
    history = read_history(raw)
    lines = [f"{len(panel)} model codes"]
    for group_column, years in COMPARISONS.items():
        groups = panel.groupby(group_column)
        lines.append(f"{group_column}: {groups.ngroups} groups")
        for year in years:
            column = f"employment_{year}"
            total = history.loc[history["year"] == year, "employment"].sum()
            complete = groups[column].sum(min_count=1).dropna()
            lines.append(
                f"  {year}: {len(complete)} complete groups, "
                f"{complete.sum() / total:.2%} of detailed employment"
            )
    return "\n".join(lines)


def write_panel(panel: pd.DataFrame, out: Path) -> Path:
    """Write the panel to ``out / OUTPUT_FILE`` deterministically."""
    path = out / OUTPUT_FILE
    formats = {f"employment_{year}": EMPLOYMENT_FORMAT for year in YEARS}
    build_io.write_csv(panel, path, formats)
    return path


def main(argv: list[str] | None = None) -> int:
    """Build and write the history panel; print a short report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "occupations")
    args = parser.parse_args(argv)
    panel = build_panel(args.raw)
    path = write_panel(panel, args.out)
    print(f"wrote {path}\n{panel_report(panel, args.raw)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
