"""Price elasticity of demand from long industry histories: the numerical core.

For industry ``i`` and year ``t`` let ``p`` be the log output price (GO / GO_QI),
``q`` the log real output (GO_QI) and ``z`` the log TFP index (TFPGO), each
relative to the economy-wide Törnqvist aggregate (gross-output share weights),
so that general inflation, the business cycle and aggregate growth drop out.
Over non-overlapping long differences ``Δ`` (one per window of a few years) the
demand curve of industry ``i`` is ::

    Δq = a_i - ε_i Δp + u                    (a_i: trend shift of demand)

and ``Δp`` is instrumented with ``Δz`` (a supply shifter: productivity growth
lowers the relative price), so ``ε_i = -cov(Δz, Δq) / cov(Δz, Δp)`` (just
identified IV with intercept).  Pooled group estimates use the same ratio with
industry fixed effects.  Window resampling (a block bootstrap over windows,
the same draw for every industry so cross-industry correlation is kept) is
expressed as integer weights per window, which keeps every step vectorised.

Pure functions: arrays and frames in, arrays and frames out; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]


def relative_logs(panel: pd.DataFrame, value: str, share: pd.DataFrame) -> pd.DataFrame:
    """Log ``value`` (year x industry, wide) relative to its Törnqvist aggregate.

    Parameters
    ----------
    panel
        Wide frame, index year (consecutive), columns industry, positive values.
    value
        Name used in error messages only.
    share
        Nominal output shares (year x industry, rows sum to 1).

    Returns
    -------
    pandas.DataFrame
        ``log(value) - log(aggregate index)``, aggregate = 1 in the first year.
    """
    if (panel <= 0).any().any():
        raise ValueError(f"{value}: non-positive values cannot be logged")
    logs = np.log(panel)
    growth = logs.diff()
    weight = 0.5 * (share + share.shift())
    aggregate = (weight * growth).sum(axis=1).fillna(0.0)
    aggregate.iloc[0] = 0.0
    return logs.sub(aggregate.cumsum(), axis=0)


def long_differences(levels: pd.DataFrame, step_years: int) -> pd.DataFrame:
    """Non-overlapping ``step_years`` differences from the first year on.

    Years after the last full window are dropped (none for 1963-2023 and 5).
    """
    years = levels.index[::step_years]
    return levels.loc[years].diff().iloc[1:]


def _centred(x: FloatArray, weights: FloatArray) -> FloatArray:
    """Centre ``x`` (windows x industries) on its weighted mean, per weight row.

    ``weights`` is (draws x windows); the result is (draws x windows x industries).
    """
    total = weights.sum(axis=1)[:, None, None]
    mean = np.einsum("bw,wi->bi", weights, x)[:, None, :] / total
    return x[None, :, :] - mean


def _weighted_cov(x: FloatArray, y: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted covariance sums per draw and industry, ``Σ_w k_w x̃ ỹ`` (draws x industries)."""
    return np.einsum("bw,bwi,bwi->bi", weights, _centred(x, weights), _centred(y, weights))


@dataclass(frozen=True)
class IVMoments:
    """Centred cross-moment sums per draw and industry (draws x industries).

    ``zq`` = Σ z̃q̃, ``zp`` = Σ z̃p̃, ``zz`` = Σ z̃², ``pp`` = Σ p̃², ``n`` windows
    (weights sum) per draw.
    """

    zq: FloatArray
    zp: FloatArray
    zz: FloatArray
    pp: FloatArray
    n: FloatArray


def iv_moments(dq: FloatArray, dp: FloatArray, dz: FloatArray, weights: FloatArray) -> IVMoments:
    """Moments of the long differences (windows x industries) under window ``weights``.

    ``weights`` is (draws x windows): row of ones for the full sample, resampling
    counts for a bootstrap draw.
    """
    return IVMoments(
        zq=_weighted_cov(dz, dq, weights),
        zp=_weighted_cov(dz, dp, weights),
        zz=_weighted_cov(dz, dz, weights),
        pp=_weighted_cov(dp, dp, weights),
        n=np.broadcast_to(weights.sum(axis=1)[:, None], (weights.shape[0], dq.shape[1])),
    )


def iv_elasticity(m: IVMoments) -> FloatArray:
    """Demand elasticity ``-cov(Δz, Δq) / cov(Δz, Δp)`` (positive: downward demand)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -m.zq / m.zp


def ols_elasticity(dq: FloatArray, dp: FloatArray) -> FloatArray:
    """OLS ``-cov(Δp, Δq) / var(Δp)`` per industry, for comparison with the IV estimate."""
    ones = np.ones((1, dq.shape[0]))
    return (-_weighted_cov(dp, dq, ones) / _weighted_cov(dp, dp, ones))[0]


def first_stage_f(zp: FloatArray, zz: FloatArray, pp: FloatArray, n: FloatArray) -> FloatArray:
    """First-stage F (= t²) of regressing Δp on Δz with intercept, signed by the slope.

    Positive when productivity growth lowers the relative price (the expected
    sign), negative otherwise, so one threshold ``F >= F_min`` checks both.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = zp**2 / (zz * pp)
        f = r2 * (n - 2.0) / (1.0 - r2)
    return np.where(zp < 0, f, -f)


def pooled(m: IVMoments, members: npt.NDArray[np.bool_]) -> tuple[FloatArray, FloatArray]:
    """Fixed-effects IV elasticity and signed first-stage F over ``members`` industries.

    Returns arrays over draws: ``-Σ_i zq_i / Σ_i zp_i`` and the pooled F with
    ``Σ n_i - 2 k`` degrees of freedom (k industries, one intercept each).
    """
    k = int(members.sum())
    zq, zp = m.zq[:, members].sum(axis=1), m.zp[:, members].sum(axis=1)
    zz, pp = m.zz[:, members].sum(axis=1), m.pp[:, members].sum(axis=1)
    n = m.n[:, members].sum(axis=1) - 2.0 * (k - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -zq / zp, first_stage_f(zp, zz, pp, n)


def bootstrap_weights(n_windows: int, n_draws: int, rng: np.random.Generator) -> FloatArray:
    """Resampling counts (n_draws x n_windows): windows drawn with replacement.

    Parameters
    ----------
    n_windows
        Number of long-difference windows.
    n_draws
        Number of bootstrap draws.
    rng
        Generator (SPEC 7); the caller fixes its seed.
    """
    picks = rng.integers(0, n_windows, size=(n_draws, n_windows))
    counts = np.zeros((n_draws, n_windows))
    np.add.at(counts, (np.arange(n_draws)[:, None], picks), 1.0)
    return counts


def between_variance(deviation: FloatArray, sampling_var: FloatArray) -> float:
    """DerSimonian-Laird between-unit variance of estimates around their prior means.

    ``deviation`` are estimates minus their prior means, ``sampling_var`` their
    sampling variances; with precision weights ``w = 1/s²`` and Cochran's
    ``Q = Σ w d²``, ``τ² = max(0, (Q - (k - 1)) / (Σw - Σw²/Σw))``
    (DerSimonian and Laird 1986, doi:10.1016/0197-2456(86)90046-2).
    """
    w = 1.0 / sampling_var
    q = float(np.sum(w * deviation**2))
    denominator = float(w.sum() - np.sum(w**2) / w.sum())
    return max(0.0, (q - (len(deviation) - 1)) / denominator)


def cochran_q(deviation: FloatArray, sampling_var: FloatArray) -> float:
    """Cochran's ``Q = Σ d²/s²``: chi-square with k - 1 d.f. under homogeneity."""
    return float(np.sum(deviation**2 / sampling_var))


def robust_sd(draws: FloatArray, axis: int = 0) -> FloatArray:
    """Half the 16-84 percentile range: a standard deviation robust to weak-IV tails."""
    low, high = np.nanpercentile(draws, [16.0, 84.0], axis=axis)
    return 0.5 * (high - low)
