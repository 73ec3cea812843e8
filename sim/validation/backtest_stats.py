"""Statistics of the elasticity backtest: weighted gaps, a regression, bootstrap intervals.

Pure functions on arrays, one row per comparison group: log employment growth
``g`` (ln end/start), weight ``w`` (start employment, persons), exposure ``x``
and central elasticity ``eps``.  The elasticity rule of the model
(``d ln L = (phi * eps - 1) d ln A``) says that where automation raises
productivity ``A``, employment grows more where ``eps`` is higher.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Interval:
    """A point estimate with a bootstrap percentile interval (same unit as the estimate)."""

    point: float
    low: float
    high: float

    @property
    def excludes_zero(self) -> bool:
        """Whether the interval lies entirely on one side of zero."""
        return bool(self.low > 0.0 or self.high < 0.0)


def top_share(values: FloatArray, weight: FloatArray, share: float) -> BoolArray:
    """Mask of the highest ``values`` holding ``share`` of total ``weight``.

    Rows are ranked by value (ties by position); the mask is the smallest
    prefix of the ranking whose weight reaches ``share`` (in (0, 1]).
    """
    order = np.argsort(-values, kind="stable")
    before = np.cumsum(weight[order]) - weight[order]
    mask = np.zeros(values.size, dtype=bool)
    mask[order[before < share * weight.sum()]] = True
    return mask


def weighted_mean(values: FloatArray, weight: FloatArray) -> float:
    """Weighted mean; NaN when the weights sum to zero (empty selection)."""
    total = weight.sum()
    return float((values * weight).sum() / total) if total > 0 else float("nan")


def elastic_gap(
    growth: FloatArray, weight: FloatArray, elastic: BoolArray, inelastic: BoolArray
) -> float:
    """Weighted mean growth of ``elastic`` rows minus that of ``inelastic`` rows (log points)."""
    return weighted_mean(growth[elastic], weight[elastic]) - weighted_mean(
        growth[inelastic], weight[inelastic]
    )


@dataclass(frozen=True)
class GroupArrays:
    """Rows (comparison groups) with their growth, weight and classes.

    Attributes
    ----------
    growth, weight
        Log growth (relative to the mean) and start employment (persons).
    elastic, inelastic
        Central elasticity above / below unit elasticity.
    high, low
        Top / bottom exposure share of weight (:func:`top_share`).
    """

    growth: FloatArray
    weight: FloatArray
    elastic: BoolArray
    inelastic: BoolArray
    high: BoolArray
    low: BoolArray

    @classmethod
    def classify(
        cls,
        growth: FloatArray,
        weight: FloatArray,
        exposure: FloatArray,
        elasticity: FloatArray,
        *,
        unit_elasticity: float,
        exposed_share: float,
    ) -> GroupArrays:
        """Classify rows by elasticity (vs ``unit_elasticity``) and exposure tercile."""
        return cls(
            growth=growth,
            weight=weight,
            elastic=elasticity > unit_elasticity,
            inelastic=elasticity < unit_elasticity,
            high=top_share(exposure, weight, exposed_share),
            low=top_share(-exposure, weight, exposed_share),
        )

    def cells(self, exposed: BoolArray) -> list[IntArray]:
        """Row indices of the elastic and the inelastic groups among ``exposed``."""
        return [np.flatnonzero(exposed & self.elastic), np.flatnonzero(exposed & self.inelastic)]

    def gap(self, rows: IntArray, exposed: BoolArray) -> float:
        """Elastic minus inelastic weighted growth among the ``exposed`` rows of ``rows``."""
        elastic, inelastic = (self.elastic & exposed)[rows], (self.inelastic & exposed)[rows]
        return elastic_gap(self.growth[rows], self.weight[rows], elastic, inelastic)

    def difference_in_differences(self, rows: IntArray) -> float:
        """Gap among high-exposure rows minus gap among low-exposure rows."""
        return self.gap(rows, self.high) - self.gap(rows, self.low)


def interaction_coefficient(
    growth: FloatArray,
    weight: FloatArray,
    exposure: FloatArray,
    log_elasticity: FloatArray,
    major_group: IntArray,
) -> float:
    """Coefficient on exposure x ln(elasticity) in a weighted least-squares regression.

    ``g = b1 x + b2 ln eps + b3 x ln eps + major-group effects``, weights ``w``.
    ``x`` should be standardised by the caller, so ``b3`` is the log-point growth
    per standard deviation of exposure per unit of ln eps.  Solved with
    ``numpy.linalg.lstsq`` (minimum norm), so ``ln eps`` collinear with the group
    effects (one elasticity per group) leaves ``b3`` identified.
    """
    dummies = (major_group[:, None] == np.unique(major_group)[None, :]).astype(float)
    design = np.column_stack([exposure, log_elasticity, exposure * log_elasticity, dummies])
    root = np.sqrt(weight)
    coefficients = np.linalg.lstsq(design * root[:, None], growth * root, rcond=None)[0]
    return float(coefficients[2])


def bootstrap(
    statistic: Callable[[IntArray], float],
    strata: Sequence[IntArray],
    *,
    rng: np.random.Generator,
    replicates: int,
) -> FloatArray:
    """Stratified bootstrap: resample row indices with replacement within each stratum.

    Parameters
    ----------
    statistic
        Function of the resampled row indices (duplicates allowed).
    strata
        Row indices of each stratum; each keeps its size in every replicate.
    rng
        Generator of the draws.
    replicates
        Number of bootstrap replicates (>= 1).

    Returns
    -------
    numpy.ndarray
        One statistic per replicate.
    """
    draws = np.empty(replicates)
    for replicate in range(replicates):
        sample = np.concatenate([rng.choice(rows, size=rows.size) for rows in strata])
        draws[replicate] = statistic(sample)
    return draws


def percentile_interval(point: float, draws: FloatArray, level: float) -> Interval:
    """Equal-tailed percentile interval of ``draws`` at ``level`` (in (0, 1))."""
    tail = (1.0 - level) / 2.0
    low, high = np.nanquantile(draws, [tail, 1.0 - tail])
    return Interval(point, float(low), float(high))
