"""The success curve: how the capability horizon turns into success on a task.

Capability is a time horizon (METR): ``h`` = log2 of the length, in
human-expert minutes, of software and reasoning tasks the frontier model
completes half the time.  It grows with effective compute reached, ``c*`` (OOM
vs reference, :func:`sim.mechanisms.capability.reached_compute`)::

    h(c*)   = log2 H_ref + b c*                                   (cognitive track)
    g(h)    = max(lag_P + (1 - rho) (h - log2 H_ref), 0)          (physical lag, doublings)

so the physical and in-person track ``h_P = h - g`` starts ``lag_P`` doublings
behind and grows ``rho`` times as fast.  An instance of length ``l`` (log2
minutes) succeeds with METR's logistic ``s(beta (h - l))``; a task statement
covers instances whose log2 length is normal around its difficulty with sd
``sigma_w``, so the task succeeds on the mean over its instances, by the
probit approximation a logistic with slope ``beta / kappa`` and autonomy
log-odds ``logit(r) / kappa``, ``kappa = sqrt(1 + pi beta^2 sigma_w^2 / 8)``
(:func:`instance_spread_factor`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.params import CapabilityParams, ExposureParams

FloatArray = NDArray[np.float64]


def instance_spread_factor(slope: float, length_sd: float) -> float:
    """``kappa = sqrt(1 + pi beta^2 sigma_w^2 / 8)``: how much instance spread flattens a task.

    A task statement covers instances whose log2 length is normal around the
    task's difficulty ``d_j`` with sd ``sigma_w``; each instance succeeds with
    METR's logistic ``s(beta (h - l))``, so the task succeeds on the share
    ``E[s(beta (h - d_j) - c - beta sigma_w z)]`` of its instances (``c = 0``
    assisted, ``logit r`` autonomous), which the probit approximation gives as
    ``s((beta (h - d_j) - c) / kappa)`` (error below 0.01 for ``beta sigma_w <= 1.5``,
    tested against quadrature).

    Parameters
    ----------
    slope
        beta > 0, METR's per-instance log-odds per doubling.
    length_sd
        sigma_w >= 0, sd of log2 instance length within a task, doublings.
    """
    return math.sqrt(1.0 + math.pi * (slope * length_sd) ** 2 / 8.0)


@dataclass(frozen=True)
class SuccessCurve:
    """How capability turns into task success (resolved once per run).

    Attributes
    ----------
    slope : float
        Task-level slope, log-odds of success per horizon doubling:
        ``beta / kappa`` (:func:`instance_spread_factor`).
    autonomy_log_odds : float
        Extra task-level log-odds the autonomous level needs: ``logit(r) / kappa``
        (so autonomy still costs ``logit(r) / beta`` more doublings).
    reference_log2_minutes : float
        log2 of the reference-year 50% horizon, minutes.
    doublings_per_oom : float
        Horizon doublings per OOM of effective compute.
    physical_lag : float
        Doublings the physical track is behind at the reference year.
    physical_growth_ratio : float
        rho, physical doublings per cognitive doubling.
    """

    slope: float
    autonomy_log_odds: float
    reference_log2_minutes: float
    doublings_per_oom: float
    physical_lag: float
    physical_growth_ratio: float

    @classmethod
    def from_params(cls, capability: CapabilityParams, exposure: ExposureParams) -> SuccessCurve:
        """Resolve the capability-track and success-curve parameters."""
        rate = exposure.autonomy_success_rate
        slope = exposure.success_slope_per_doubling
        spread = instance_spread_factor(slope, exposure.instance_length_sd_doublings)
        return cls(
            slope=slope / spread,
            autonomy_log_odds=math.log(rate / (1.0 - rate)) / spread,
            reference_log2_minutes=math.log2(capability.horizon_reference_minutes),
            doublings_per_oom=capability.horizon_doublings_per_oom,
            physical_lag=capability.physical_lag_doublings,
            physical_growth_ratio=capability.physical_growth_ratio,
        )

    def horizon(self, log10_compute: FloatArray | float) -> FloatArray:
        """Cognitive 50% horizon h, log2 minutes, at log10 effective compute (OOM vs ref)."""
        return self.reference_log2_minutes + self.doublings_per_oom * np.asarray(log10_compute)

    def physical_gap(self, horizon: FloatArray | float) -> FloatArray:
        """g(h) >= 0: doublings the physical track is behind the cognitive one at ``h``."""
        gap = self.physical_lag + (1.0 - self.physical_growth_ratio) * (
            np.asarray(horizon) - self.reference_log2_minutes
        )
        return np.maximum(gap, 0.0)

    def physical_horizon(self, horizon: FloatArray | float) -> FloatArray:
        """Physical and in-person track h - g(h), log2 minutes."""
        return np.asarray(horizon) - self.physical_gap(horizon)

    def gap_kink(self) -> float:
        """Horizon (log2 minutes) below which g(h) = 0 (-inf if the tracks grow alike)."""
        if self.physical_growth_ratio >= 1.0:
            return -math.inf
        return self.reference_log2_minutes - self.physical_lag / (1.0 - self.physical_growth_ratio)
