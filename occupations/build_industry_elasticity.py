"""Industry price elasticities of demand, 1963-2023, with bootstrap intervals.

Method (``docs/elasticity.md``): 5-year long differences of output price, real
output and TFP relative to the economy; per-industry IV (Δ price instrumented by
Δ TFP); an industry is *estimated* when its first stage is strong (signed
F >= ``F_MIN``) and the elasticity positive.  Estimated industries keep their own value
with their bootstrap interval;
the others take the pooled value (group, or economy if the group is not
identified either) with an interval widened by the between-industry spread.
Own estimates are not shrunk: Cochran's Q cannot reject homogeneity around the
group values, so empirical-Bayes weights would be zero, yet the group values are
themselves noisy; ``docs/elasticity.md`` gives the argument and the statistics.
Government output is priced at input cost, so it is not identified by
construction (``NONMARKET_INDUSTRIES``).  All intervals come from one block
bootstrap over windows with a fixed seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from occupations import elasticity_estimator as est

PRODUCTION_ACCOUNTS_FILE = Path(
    "industry_productivity/bea_bls_production_accounts_63ind_1963_2023.csv"
)
STEP_YEARS = 5
"""Length of a long difference (years): 12 windows over 1963-2023; long enough that
capacity utilisation and price stickiness wash out, short enough to keep 12 points."""
F_MIN = 10.0
"""Minimum signed first-stage F (Staiger and Stock 1997 rule of thumb) for an own estimate."""
N_BOOTSTRAP = 2000
"""Bootstrap draws (window resamples)."""
BOOTSTRAP_SEED = 20230801
"""Fixed seed of the bootstrap Generator (any constant; the build must be reproducible)."""
INTERVAL_PERCENTILES = (5.0, 95.0)
"""Percentiles of the bootstrap distribution reported as (low, high): a 90% interval."""
ELASTICITY_FLOOR = 0.05
"""Smallest elasticity written (the data cannot tell 0 from 0.05; the model needs > 0)."""

SECTOR_GROUPS: dict[str, tuple[int, ...]] = {
    "agriculture_mining": (1, 2, 3, 4, 5),
    "utilities_construction": (6, 7),
    "manufacturing_durable": (8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18),
    "manufacturing_nondurable": (19, 20, 21, 22, 23, 24, 25, 26),
    "trade": (27, 28),
    "transportation": (29, 30, 31, 32, 33, 34, 35, 36),
    "information": (37, 38, 39, 40),
    "finance_real_estate": (41, 42, 43, 44, 45, 46),
    "professional_business": (47, 48, 49, 50, 51, 52),
    "education_health": (53, 54, 55, 56),
    "leisure_other_services": (57, 58, 59, 60, 61),
    "government": (62, 63),
}
"""Sector groups (BEA industry ids) within which unidentified industries are pooled."""
NONMARKET_INDUSTRIES = (62, 63)
"""Federal, state and local government: output is measured by inputs, so its 'price' is
unit input cost and no demand curve can be read off it."""

METHOD_SOURCE = {
    "estimated": "estimated",
    "pooled_group": "pooled",
    "pooled_economy": "pooled",
    "nonmarket": "assumption",
}
"""Industry method -> ``elasticity_source`` label used for occupations."""


@dataclass(frozen=True)
class IndustryEstimates:
    """Industry table (one row per industry) and the bootstrap draws (draws x industries)."""

    table: pd.DataFrame
    draws: est.FloatArray
    tau: float
    """Precision-weighted between-industry SD of identified estimates around their targets."""
    tau_log: float
    cochran_q: float
    """Cochran's Q of identified estimates around their targets (d.f. = identified - 1)."""
    """Robust SD of identified log estimates around their targets: the pooled widening."""


@dataclass(frozen=True)
class _Panel:
    dq: est.FloatArray
    dp: est.FloatArray
    dz: est.FloatArray
    info: pd.DataFrame


def read_panel(raw: Path) -> pd.DataFrame:
    """The 63-industry production accounts (long format), checked for completeness."""
    path = raw / PRODUCTION_ACCOUNTS_FILE
    frame = pd.read_csv(path)
    missing = {"industry_id", "industry", "year", "GO", "GO_QI", "TFPGO"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    if frame[["GO", "GO_QI", "TFPGO"]].isna().any().any():
        raise ValueError(f"{path}: GO, GO_QI and TFPGO must have no missing values")
    return frame


def _prepare(frame: pd.DataFrame, step_years: int) -> _Panel:
    wide = {
        c: frame.pivot(index="year", columns="industry_id", values=c)
        for c in ("GO", "GO_QI", "TFPGO")
    }
    share = wide["GO"].div(wide["GO"].sum(axis=1), axis=0)
    rel_p = est.relative_logs(wide["GO"] / wide["GO_QI"], "price", share)
    rel_q = est.relative_logs(wide["GO_QI"], "GO_QI", share)
    rel_z = est.relative_logs(wide["TFPGO"], "TFPGO", share)
    diffs = [est.long_differences(x, step_years).to_numpy() for x in (rel_q, rel_p, rel_z)]
    info = frame.drop_duplicates("industry_id").set_index("industry_id")[["industry"]]
    info["n_years"] = frame.groupby("industry_id")["year"].nunique()
    info["n_windows"] = diffs[0].shape[0]
    info["rel_price_change"] = rel_p.iloc[-1] - rel_p.iloc[0]
    info["rel_output_change"] = rel_q.iloc[-1] - rel_q.iloc[0]
    info["ols"] = est.ols_elasticity(diffs[0], diffs[1])
    return _Panel(dq=diffs[0], dp=diffs[1], dz=diffs[2], info=info)


def _group_of(ids: pd.Index) -> pd.Series:
    lookup = {i: name for name, members in SECTOR_GROUPS.items() for i in members}
    unknown = sorted(set(ids) - set(lookup))
    if unknown:
        raise ValueError(f"industries {unknown} have no sector group in SECTOR_GROUPS")
    return pd.Series([lookup[i] for i in ids], index=ids, name="sector_group")


def _targets(
    m: est.IVMoments, groups: pd.Series, market: np.ndarray, f_min: float
) -> tuple[np.ndarray, list[str]]:
    """Per industry: pooled target draws (draws x industries) and the pooling method."""
    economy, _ = est.pooled(m, market)
    target = np.empty_like(m.zq)
    method = []
    for col, group in enumerate(groups):
        members = (groups == group).to_numpy() & market
        value, f = est.pooled(m, members) if members.any() else (economy, np.zeros(1))
        group_ok = members.any() and f[0] >= f_min and value[0] > 0
        target[:, col] = value if group_ok else economy
        method.append("pooled_group" if group_ok else "pooled_economy")
    for col in np.flatnonzero(~market):
        target[:, col], method[col] = economy, "nonmarket"
    return target, method


def estimate_industries(
    frame: pd.DataFrame, step_years: int = STEP_YEARS, f_min: float = F_MIN
) -> IndustryEstimates:
    """Estimate every industry's elasticity, interval and method (see module docstring).

    Parameters
    ----------
    frame
        The production accounts, long format (``read_panel``).
    step_years
        Long-difference length in years (>= 1); the build uses ``STEP_YEARS``.
    f_min
        Minimum signed first-stage F for an own estimate; the build uses ``F_MIN``.
        The two arguments exist for the sensitivity table of ``docs/elasticity.md``.

    Returns
    -------
    IndustryEstimates
        Table sorted by ``industry_id`` and the bootstrap draws.
    """
    panel = _prepare(frame, step_years)
    ids = panel.info.index
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    weights = np.vstack(
        [
            np.ones((1, panel.dq.shape[0])),
            est.bootstrap_weights(panel.dq.shape[0], N_BOOTSTRAP, rng),
        ]
    )
    m = est.iv_moments(panel.dq, panel.dp, panel.dz, weights)
    eps, f = est.iv_elasticity(m), est.first_stage_f(m.zp, m.zz, m.pp, m.n)
    groups = _group_of(ids)
    market = ~np.isin(ids, NONMARKET_INDUSTRIES)
    target, method = _targets(m, groups, market, f_min)
    own = market & (f[0] >= f_min) & (eps[0] > 0)
    values, stats = _combine(eps, target, own, rng)
    values = np.maximum(values, ELASTICITY_FLOOR)
    low, high = np.percentile(values[1:], INTERVAL_PERCENTILES, axis=0)
    table = panel.info.assign(
        sector_group=groups,
        estimate=values[0],
        low=np.minimum(low, values[0]),
        high=np.maximum(high, values[0]),
        method=np.where(own, "estimated", method),
        iv_raw=eps[0],
        first_stage_f=f[0],
        bootstrap_sd=stats["sd"],
    )
    table["source"] = table["method"].map(METHOD_SOURCE)
    return IndustryEstimates(
        table=table.reset_index(),
        draws=values[1:],
        tau=stats["tau"],
        tau_log=stats["tau_log"],
        cochran_q=stats["q"],
    )


def _combine(
    eps: np.ndarray, target: np.ndarray, own: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, dict[str, float]]:
    """Own IV draws where identified, widened pooled draws elsewhere; row 0 = point estimate.

    The widening is log-normal with the robust spread ``tau_log`` of the identified
    industries' log estimates around their pooled targets (sampling noise included,
    so it errs wide).  ``tau`` (level) is the precision-weighted DerSimonian-Laird
    between-industry SD of the identified estimates, reported only.
    """
    sd = est.robust_sd(eps[1:, own])
    deviation = eps[0, own] - target[0, own]
    tau = np.sqrt(est.between_variance(deviation, sd**2))
    tau_log = float(est.robust_sd(np.log(eps[0, own]) - np.log(target[0, own])))
    spread = np.exp(tau_log * rng.standard_normal(eps.shape))
    spread[0] = 1.0
    values = np.where(own, eps, target * spread)
    sd_all = np.full(eps.shape[1], np.nan)
    sd_all[own] = sd
    q = est.cochran_q(deviation, sd**2)
    return values, {"tau": float(tau), "tau_log": tau_log, "sd": sd_all, "q": q}
