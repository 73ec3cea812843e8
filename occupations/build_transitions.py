"""Occupational mobility edges from O*NET related occupations and career changers.

Both sources rank, for each O*NET occupation, other occupations by similarity
(``Index`` 1 = most related).  An index i becomes a relatedness in (0, 1] by a
linear decreasing map,

    relatedness = (index_max + 1 - i) / index_max,

with index_max = 20 for O*NET 29.3 related occupations (tiers Primary-Short =
1-5, Primary-Long = 6-10, Supplemental = 11-20, so the tier is implied by the
index) and 10 for the O*NET 25.x career changers matrix.  O*NET codes are mapped
to occupation codes with the spine's O*NET links; an edge between two
occupations keeps the maximum relatedness over all O*NET child pairs, per
origin; edges within one occupation (self-loops) are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.errors import DataValidationError

RELATED_FILE = Path("onet/v29_3/related_occupations.csv")
CAREER_CHANGERS_FILE = Path("onet/supplementary/career_changers_matrix_onet25.csv")

RELATED_INDEX_MAX = 20
"""Related occupations listed per O*NET occupation in O*NET 29.3."""
CAREER_CHANGERS_INDEX_MAX = 10
"""Related occupations listed per O*NET occupation in the career changers matrix."""

SOURCES = {
    "related_occupations": (RELATED_FILE, RELATED_INDEX_MAX),
    "career_changers": (CAREER_CHANGERS_FILE, CAREER_CHANGERS_INDEX_MAX),
}
COLUMNS = ["source_code", "target_code", "relatedness", "origin"]


def relatedness(index: pd.Series, index_max: int) -> pd.Series:
    """Linear decreasing map of a 1-based similarity index to (0, 1].

    Parameters
    ----------
    index
        Integer ranks, 1 = most related, at most ``index_max``.
    index_max
        Largest index in the source.

    Returns
    -------
    pandas.Series
        ``(index_max + 1 - index) / index_max``; 1 for index 1, ``1/index_max``
        for the last.
    """
    return (index_max + 1 - index) / index_max


def transitions(raw: Path, links: pd.DataFrame) -> pd.DataFrame:
    """Build the mobility edge list between occupation codes.

    Parameters
    ----------
    raw
        The shared data directory.
    links
        ``onet_code`` -> ``occupation_code`` (own and aggregated O*NET codes).

    Returns
    -------
    pandas.DataFrame
        ``source_code``, ``target_code``, ``relatedness``, ``origin``, sorted
        by source, target and origin.
    """
    code_map = links.set_index("onet_code")["occupation_code"]
    frames = [
        _edges(raw, path, index_max, origin, code_map)
        for origin, (path, index_max) in SOURCES.items()
    ]
    edges = pd.concat(frames, ignore_index=True)
    return edges.sort_values(["source_code", "target_code", "origin"], ignore_index=True)


def _edges(raw: Path, path: Path, index_max: int, origin: str, code_map: pd.Series) -> pd.DataFrame:
    source = pd.read_csv(raw / path, dtype=str)
    index = source["Index"].astype(int)
    if index.min() < 1 or index.max() > index_max:
        raise DataValidationError(f"{path}: Index outside 1..{index_max}")
    edges = pd.DataFrame(
        {
            "source_code": source["O*NET-SOC Code"].map(code_map),
            "target_code": source["Related O*NET-SOC Code"].map(code_map),
            "relatedness": relatedness(index, index_max).astype(float),
        }
    ).dropna()
    edges = edges[edges["source_code"] != edges["target_code"]]
    best = edges.groupby(["source_code", "target_code"], as_index=False)["relatedness"].max()
    return best.assign(origin=origin)[COLUMNS]
