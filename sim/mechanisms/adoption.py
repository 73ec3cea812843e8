"""Adoption: AI use diffuses through an occupation behind what is technically feasible.

The share f_i of occupation i's work organised around AI follows a Bass
diffusion whose speed scales with the feasible share e_i (no feasible tasks, no
incentive), with economic value, and inversely with regulation::

    df/dt = c_i (p + q f)(1 - f),   c_i = e_i * (1 + v (value_i - 0.5)) / R_i

Within a step the coefficients are held constant and the Bass equation is
solved exactly, so results do not depend on the step length beyond that.
The adopted task share is ``u_i = f_i * e_i``: adopters use AI on every
feasible task.

Whole path at once.  ``R(f) = (1 - f) / (p + q f)`` decays exactly as
``R' = R exp(-c (p + q) dt)`` over a step with constant ``c`` (substituting
``f' = (1 - p R') / (1 + q R')`` back gives ``R(f') = R'``), so after any
number of steps ``R_t = R_0 exp(-(p + q) dt sum_s c_s)``.  Exposure is
exogenous, so :func:`adoption_path`, the stage, computes every step's
adoption at set-up from one cumulative sum (tested against a fine Euler
integration of the equation above).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numba
import numpy as np
from numpy.typing import NDArray

from sim.params import AdoptionParams

FloatArray = NDArray[np.float64]

#: Economic value (a percentile rank) at which the value term is neutral.
NEUTRAL_ECONOMIC_VALUE = 0.5
#: Floor of p + q f in :func:`adoption_path`; q / floor stays finite for q <= 1e8 per year.
_DENOMINATOR_FLOOR = 1e-300


class AdoptionState(NamedTuple):
    """Adoption per occupation (leading axes allowed, e.g. worlds), dimensionless shares."""

    adopter_share: FloatArray
    """f: share of the occupation's work organised around AI, [0, 1]."""
    adopted_share: FloatArray
    """u = f * e: share of task time done with AI, [0, 1]."""

    @classmethod
    def start(cls, initial_adopter_share: float, exposure: FloatArray) -> AdoptionState:
        """Base-year state: the same early-adopter share everywhere."""
        adopter_share = np.full(np.shape(exposure), initial_adopter_share)
        return cls(adopter_share, adopter_share * exposure)


@dataclass(frozen=True)
class Diffusion:
    """Diffusion constants resolved once per run.

    Attributes
    ----------
    speed : FloatArray
        Per-occupation speed multiplier (value and regulation), dimensionless.
    innovation_per_year, imitation_per_year : float
        Bass p and q, per year.
    step_years : float
        Step length, years.
    """

    speed: FloatArray
    innovation_per_year: float
    imitation_per_year: float
    step_years: float

    @classmethod
    def from_params(cls, params: AdoptionParams, speed: FloatArray, step_years: float) -> Diffusion:
        """Resolve the adoption block for occupations with diffusion ``speed``."""
        return cls(
            speed, params.bass_innovation_per_year, params.bass_imitation_per_year, step_years
        )


def adoption_speed(
    economic_value: FloatArray, regulatory_slowdown: FloatArray, value_speedup: float
) -> FloatArray:
    """Diffusion speed multiplier per occupation (dimensionless, >= 0)."""
    value_term = 1.0 + value_speedup * (economic_value - NEUTRAL_ECONOMIC_VALUE)
    return np.maximum(value_term, 0.0) / regulatory_slowdown


def adoption_path(
    initial: AdoptionState, exposure_by_step: FloatArray, diffusion: Diffusion
) -> AdoptionState:
    """Adoption at every step, shape ``exposure_by_step.shape`` (step 0 = ``initial``).

    ``R_t = R_0 exp(-(p + q) dt sum_{s<=t} c_s)`` with ``c_s = e_s * speed``, then
    ``f_t = (1 - p R_t) / (1 + q R_t)``, kept non-decreasing (a running maximum:
    rounding never lowers the share), and ``u_t = f_t e_t``.  The running
    sums and the running maximum run in compiled loops over the step axis; the
    exponential is numpy's.

    Parameters
    ----------
    initial
        Base-year state.
    exposure_by_step
        Exposure e at each step, leading axis = steps.
    diffusion
        The run's diffusion constants.
    """
    p, q = diffusion.innovation_per_year, diffusion.imitation_per_year
    exposure = np.ascontiguousarray(exposure_by_step, dtype=float)
    shape = exposure.shape
    flat = exposure.reshape(shape[0], -1)
    f0 = np.ascontiguousarray(np.broadcast_to(initial.adopter_share, shape[1:]), dtype=float)
    if p + q <= 0.0:
        adopter_share = np.empty_like(exposure)
        adopter_share[:] = f0
        return AdoptionState(adopter_share, adopter_share * exposure)
    spread = p + q * f0
    if p < _DENOMINATOR_FLOOR:
        spread = np.maximum(spread, _DENOMINATOR_FLOOR)
    speed = np.ascontiguousarray(np.broadcast_to(diffusion.speed, shape[1:]), dtype=float)
    adopter_share = np.empty_like(flat)
    adopted_share = np.empty_like(flat)  # first the decay exp(...), read before each write of u
    decay = adopted_share
    _elapsed_exponent(flat, speed.ravel(), -(p + q) * diffusion.step_years, decay)
    np.exp(decay, out=decay)
    _bass_shares(
        flat, f0.ravel(), ((1.0 - f0) / spread).ravel(), decay, p, q, adopter_share, adopted_share
    )
    return AdoptionState(adopter_share.reshape(shape), adopted_share.reshape(shape))


@numba.njit(cache=True, error_model="numpy")
def _elapsed_exponent(
    exposure: FloatArray, speed: FloatArray, scale: float, out: FloatArray
) -> None:
    """``out[t] = scale * sum_{1<=s<=t} exposure[s] * speed`` (row 0: 0), summed in step order."""
    steps, n = exposure.shape
    total = np.zeros(n)
    out[0] = 0.0
    for t in range(1, steps):
        rate, row = exposure[t], out[t]
        for j in range(n):
            total[j] += rate[j] * speed[j]
            row[j] = total[j] * scale


@numba.njit(cache=True, error_model="numpy")
def _bass_shares(
    exposure: FloatArray,
    f0: FloatArray,
    r0: FloatArray,
    decay: FloatArray,
    p: float,
    q: float,
    adopter_share: FloatArray,
    adopted_share: FloatArray,
) -> None:
    """``f_t = max(f_{t-1}, (1 - p R_t) / (1 + q R_t))``, ``R_t = r0 decay_t``, ``u_t = f_t e_t``.

    The running maximum keeps the share non-decreasing.
    ``decay`` may be ``adopted_share`` itself: a step's row of ``decay`` is read
    whole (into ``f_t``) before ``u_t`` overwrites it, so both loops vectorise.
    """
    steps, n = exposure.shape
    running = f0.copy()
    for j in range(n):
        adopter_share[0, j] = f0[j]
        adopted_share[0, j] = f0[j] * exposure[0, j]
    for t in range(1, steps):
        factor, adopter = decay[t], adopter_share[t]
        for j in range(n):
            remaining = r0[j] * factor[j]
            share = (1.0 - p * remaining) / (1.0 + q * remaining)
            kept = running[j]
            kept = share if (share > kept or share != share) else kept  # np.maximum
            running[j] = kept
            adopter[j] = kept
        rate, adopted = exposure[t], adopted_share[t]
        for j in range(n):
            adopted[j] = adopter[j] * rate[j]
