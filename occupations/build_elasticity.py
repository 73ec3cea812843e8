"""Per-occupation price elasticities of demand with (low, high) ranges.

Usage::

    python occupations/build_elasticity.py [--raw ../shared/data] [--out occupations]

Also called by ``occupations/build.py``.  Steps: industry estimates
(``build_industry_elasticity``), occupation -> industry shares
(``build_occupation_industry``), share-weighted mix per occupation with the
interval taken from the same bootstrap draws (so industries' common window
shocks are kept), then the overrides of ``elasticity_overrides.csv``.  Writes
``industry_elasticities.csv``, ``occupation_industry.csv`` and
``elasticities.csv`` byte-deterministically.  Method: ``docs/elasticity.md``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from occupations import build_industry_elasticity as bi  # noqa: E402
from occupations import build_io  # noqa: E402
from occupations import build_occupation_industry as boi  # noqa: E402

OVERRIDES_FILE = Path(__file__).with_name("elasticity_overrides.csv")
ELASTICITIES_FILE = "elasticities.csv"
INDUSTRY_FILE = "industry_elasticities.csv"
SHARES_FILE = "occupation_industry.csv"
ELASTICITY_COLUMNS = [
    "occupation_code",
    "elasticity_central",
    "elasticity_low",
    "elasticity_high",
    "elasticity_source",
]
SOURCES = ("estimated", "pooled", "literature", "assumption")
"""Allowed ``elasticity_source`` values."""
ELASTICITY_DECIMALS = 3
SHARE_FORMAT = "{:.6f}"
LABOUR_YEAR = 2023
"""Year of the labour-compensation weights of the ``economy`` mix."""


@dataclass(frozen=True)
class ElasticityTables:
    """The three written tables and the industry run's summary statistics."""

    industries: pd.DataFrame
    shares: pd.DataFrame
    elasticities: pd.DataFrame
    estimates: bi.IndustryEstimates


def build_elasticity_tables(raw: Path, codes: pd.Series) -> ElasticityTables:
    """Estimate industries, map ``codes`` to industries and mix (see module docstring)."""
    panel = bi.read_panel(raw)
    estimates = bi.estimate_industries(panel)
    labour = panel[panel["year"] == LABOUR_YEAR].set_index("industry_id")["LAB"]
    shares = boi.occupation_shares(codes, labour, boi.table_112_industries(raw))
    mixed = occupation_mix(shares, estimates)
    elasticities = apply_overrides(
        mixed, pd.read_csv(OVERRIDES_FILE, dtype={"occupation_code": str})
    )
    return ElasticityTables(
        industries=_industry_table(estimates.table),
        shares=shares,
        elasticities=_rounded(elasticities),
        estimates=estimates,
    )


def occupation_mix(shares: pd.DataFrame, estimates: bi.IndustryEstimates) -> pd.DataFrame:
    """Share-weighted central value; (low, high) from the mixed bootstrap draws.

    ``elasticity_source`` is the industry source holding the largest share
    (ties: ``estimated`` before ``pooled`` before ``assumption``).
    """
    table = estimates.table.set_index("industry_id")
    matrix = shares.pivot(index="occupation_code", columns="industry_id", values="share")
    matrix = matrix.reindex(columns=table.index, fill_value=0.0).fillna(0.0)
    weights = matrix.to_numpy()
    central = weights @ table["estimate"].to_numpy()
    low, high = np.percentile(estimates.draws @ weights.T, bi.INTERVAL_PERCENTILES, axis=0)
    by_source = matrix.T.groupby(table["source"]).sum().T
    by_source = by_source.reindex(columns=[s for s in SOURCES if s in by_source.columns])
    return pd.DataFrame(
        {
            "occupation_code": matrix.index,
            "elasticity_central": central,
            "elasticity_low": np.minimum(low, central),
            "elasticity_high": np.maximum(high, central),
            "elasticity_source": by_source.idxmax(axis=1).to_numpy(),
        }
    ).reset_index(drop=True)


def apply_overrides(mixed: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """Replace the rows of occupations in ``overrides`` (each row must carry a citation)."""
    unknown = sorted(set(overrides["occupation_code"]) - set(mixed["occupation_code"]))
    if unknown:
        raise ValueError(f"{OVERRIDES_FILE.name}: unknown occupation_code(s) {unknown}")
    bad = overrides[~overrides["elasticity_source"].isin(SOURCES) | overrides["citation"].isna()]
    if len(bad):
        raise ValueError(
            f"{OVERRIDES_FILE.name}: rows need a source in {SOURCES} and a citation: "
            f"{list(bad['occupation_code'])}"
        )
    out = mixed.set_index("occupation_code")
    out.update(overrides.set_index("occupation_code")[ELASTICITY_COLUMNS[1:]])
    return out.reset_index()


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[ELASTICITY_COLUMNS].sort_values("occupation_code", ignore_index=True)
    for column in ELASTICITY_COLUMNS[1:4]:
        out[column] = out[column].astype(float).round(ELASTICITY_DECIMALS)
    return out


def _industry_table(table: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "industry_id", "industry", "sector_group", "estimate", "low", "high", "method",
        "source", "iv_raw", "first_stage_f", "ols", "bootstrap_sd", "rel_price_change",
        "rel_output_change", "n_years", "n_windows",
    ]  # fmt: skip
    return table[columns].sort_values("industry_id", ignore_index=True)


def write_elasticity_tables(tables: ElasticityTables, out: Path) -> None:
    """Write the three tables deterministically into ``out``."""
    three = "{:.3f}"
    formats = dict.fromkeys(ELASTICITY_COLUMNS[1:4], three)
    build_io.write_csv(tables.elasticities, out / ELASTICITIES_FILE, formats)
    build_io.write_csv(tables.shares, out / SHARES_FILE, {"share": SHARE_FORMAT})
    industry_formats = dict.fromkeys(
        [
            "estimate",
            "low",
            "high",
            "iv_raw",
            "first_stage_f",
            "ols",
            "bootstrap_sd",
            "rel_price_change",
            "rel_output_change",
        ],
        three,
    )
    build_io.write_csv(tables.industries, out / INDUSTRY_FILE, industry_formats)


def elasticity_report(tables: ElasticityTables) -> str:
    """Short text report: industry methods, occupation sources, interval widths."""
    ind, occ = tables.industries, tables.elasticities
    width = occ["elasticity_high"] - occ["elasticity_low"]
    est = tables.estimates
    dof = int((ind["method"] == "estimated").sum()) - 1
    sources = _counts(occ["elasticity_source"])
    return "\n".join(
        [
            f"industry elasticities: {len(ind)} industries; method: {_counts(ind['method'])}",
            f"  between-industry tau {est.tau:.3f} (level), tau_log {est.tau_log:.3f}, "
            f"Cochran Q {est.cochran_q:.1f} on {dof} d.f.",
            f"occupation elasticities: {len(occ)} rows; source: {sources}",
            f"  median central {occ['elasticity_central'].median():.2f}, "
            f"median interval width {width.median():.2f}",
        ]
    )


def _counts(values: pd.Series) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.value_counts().sort_index().items())


def main(argv: list[str] | None = None) -> int:
    """Build and write the elasticity tables for the occupations in ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "occupations")
    parser.add_argument(
        "--occupations",
        type=Path,
        default=REPO_ROOT / "occupations" / "occupations.csv",
        help="occupations.csv whose codes are mapped",
    )
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"raw data directory not found: {args.raw}", file=sys.stderr)
        return 2
    codes = pd.read_csv(args.occupations, dtype=str, usecols=["occupation_code"])["occupation_code"]
    tables = build_elasticity_tables(args.raw, codes)
    args.out.mkdir(parents=True, exist_ok=True)
    write_elasticity_tables(tables, args.out)
    print(elasticity_report(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
