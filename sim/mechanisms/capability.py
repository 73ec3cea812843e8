"""AI capability path: effective compute as hardware x spending x algorithms.

All quantities are log10 multiples of their value in the reference year
(``capability.reference_year``), so log10 effective compute is 0 there::

    log10 C(t) = log10 H(t) + log10 S(t) + log10 G(t)
    log10 H(t) = (t - t_ref) / T_hw * log10 2                (hardware price-performance)
    S(t)       = K / (1 + (K / S_ref - 1) * exp(-r (t - t_ref))),  r = ln(spending growth)
    log10 G(t) = 12 (t - t_ref) / T_alg * log10 2             (algorithmic efficiency)

Compute governance (a policy lever) caps spending from its start year
``t_g``: ``S_g(t) = min(S(t), cap, S(t_g) * g_max^(t - t_g))`` for ``t >= t_g``.

Capability reached.  A trained model does not disappear when spending falls,
so the capability a run has at t is the running maximum of effective compute
reached so far (:func:`reached_compute`); a spending cap below current
spending makes capability stall until hardware and algorithms carry effective
compute past its earlier peak.

Spending follows a logistic S-curve that grows at ``r`` while far below the
ceiling ``K`` and never exceeds it, so effective-compute growth slows as budgets
saturate while hardware and algorithms keep compounding.  Spending is measured
in dollars of the largest training run; its compute at fixed hardware is
proportional to spending, so S(t)/S_ref is its factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.params import CapabilityParams, ComputeGovernanceParams

LOG10_TWO = float(np.log10(2.0))
MONTHS_PER_YEAR = 12.0

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class CapabilityPath:
    """Effective compute and its decomposition at a set of times.

    Attributes
    ----------
    years : FloatArray
        Decimal years.
    log10_hardware, log10_spending, log10_algorithms : FloatArray
        log10 of each factor relative to the reference year (OOM).
    spending_usd_billion : FloatArray
        Cost of the largest training run, USD billion.
    """

    years: FloatArray
    log10_hardware: FloatArray
    log10_spending: FloatArray
    log10_algorithms: FloatArray
    spending_usd_billion: FloatArray

    @property
    def log10_effective_compute(self) -> FloatArray:
        """log10 effective compute relative to the reference year (OOM)."""
        return self.log10_hardware + self.log10_spending + self.log10_algorithms


def spending_usd_billion(years: FloatArray, params: CapabilityParams) -> FloatArray:
    """Largest-run spending on the logistic S-curve, USD billion (always <= ceiling)."""
    rate = np.log(params.spending_growth_per_year)
    ceiling = params.spending_ceiling_usd_billion
    start_ratio = ceiling / params.spending_reference_usd_billion - 1.0
    elapsed = np.asarray(years, dtype=float) - params.reference_year
    return ceiling / (1.0 + start_ratio * np.exp(-rate * elapsed))


def governed_spending(
    years: FloatArray,
    spending: FloatArray,
    params: CapabilityParams,
    rules: ComputeGovernanceParams,
) -> FloatArray:
    """Spending under the governance caps (unchanged before ``rules.start_year``), USD billion."""
    at_start = spending_usd_billion(np.array([rules.start_year]), params)[0]
    elapsed = np.maximum(years - rules.start_year, 0.0)
    growth_cap = at_start * np.power(rules.max_spending_growth_per_year, elapsed)
    capped = np.minimum(np.minimum(spending, rules.spending_cap_usd_billion), growth_cap)
    return np.where(years >= rules.start_year, capped, spending)


def capability_path(
    years: FloatArray,
    params: CapabilityParams,
    governance: ComputeGovernanceParams | None = None,
) -> CapabilityPath:
    """Compute the effective-compute path and its three factors at ``years``.

    Parameters
    ----------
    years
        Decimal years (any order; earlier than the reference year gives negative logs).
    params
        Growth rates, reference level and ceiling.
    governance
        Caps on spending (policy lever); ``None`` for none.

    Returns
    -------
    CapabilityPath
        Factors in OOM relative to the reference year.
    """
    years = np.asarray(years, dtype=float)
    elapsed = years - params.reference_year
    spending = spending_usd_billion(years, params)
    if governance is not None:
        spending = governed_spending(years, spending, params, governance)
    return CapabilityPath(
        years=years,
        log10_hardware=elapsed / params.hardware_doubling_years * LOG10_TWO,
        log10_spending=np.log10(spending / params.spending_reference_usd_billion),
        log10_algorithms=elapsed * MONTHS_PER_YEAR / params.algorithmic_halving_months * LOG10_TWO,
        spending_usd_billion=spending,
    )


def reached_compute(log10_compute: FloatArray) -> FloatArray:
    """Running maximum of log10 effective compute along a path (OOM vs reference).

    The frontier model of a step stays available later, so capability never
    falls: ``c*(t) = max_{s <= t} log10 C(s)``.  The last axis is time.
    """
    return np.maximum.accumulate(np.asarray(log10_compute, dtype=float), axis=-1)
