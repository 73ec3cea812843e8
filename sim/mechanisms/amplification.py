"""Amplification: adopted AI use multiplies output per worker (Amdahl's law, two levels).

Of an occupation's task time, the adopted share ``u`` is done with AI; the part
``v <= u`` AI does autonomously, the rest ``u - v`` it assists.  An assisted task
takes ``1 / k_A`` of its time (the field experiments' speed-up), an autonomous
one ``1 / k_U`` (the worker's oversight), so output per worker is multiplied by::

    A = 1 / ((1 - u) + (u - v) / k_A + v / k_U)

Capability enters only through the shares: as it grows, tasks move from
unexposed to assisted to autonomous, so amplification comes first and
substitution later as a consequence of the success curve
(:mod:`sim.mechanisms.exposure`), not a parameter.
:func:`productivity_path` applies the law to a whole path in one compiled pass.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def productivity_multiplier(
    adopted_share: FloatArray,
    autonomous_share: FloatArray,
    assisted_speedup: float,
    autonomous_speedup: float,
) -> FloatArray:
    """Amdahl's law: ``1 / ((1 - u) + (u - v) / k_A + v / k_U)``, output per worker vs no AI."""
    assisted_only = adopted_share - autonomous_share
    return 1.0 / (
        (1.0 - adopted_share)
        + assisted_only / assisted_speedup
        + autonomous_share / autonomous_speedup
    )


def productivity_path(
    adopted_share: FloatArray,
    autonomous_share: FloatArray,
    assisted_speedup: float,
    autonomous_speedup: float,
) -> FloatArray:
    """:func:`productivity_multiplier` along a path, in one pass.

    Parameters
    ----------
    adopted_share
        u, adopted share of task time (both levels), any shape, [0, 1].
    autonomous_share
        v <= u, the part of it done autonomously, same shape.
    assisted_speedup, autonomous_speedup
        k_A and k_U >= 1.

    Returns
    -------
    FloatArray
        A >= 1, shape of ``adopted_share``.
    """
    adopted = np.ascontiguousarray(adopted_share, dtype=float)
    autonomous = np.ascontiguousarray(autonomous_share, dtype=float)
    out = np.empty_like(adopted)
    _amdahl(
        adopted.reshape(-1),
        autonomous.reshape(-1),
        1.0 / assisted_speedup,
        1.0 / autonomous_speedup,
        out.reshape(-1),
    )
    return out


@numba.njit(cache=True, error_model="numpy")
def _amdahl(
    adopted: FloatArray,
    autonomous: FloatArray,
    assisted_time: float,
    autonomous_time: float,
    out: FloatArray,
) -> None:
    """``out = 1 / ((1 - u) + (u - v) t_A + v t_U)`` elementwise (t = 1 / k)."""
    for j in range(adopted.size):
        u, v = adopted[j], autonomous[j]
        out[j] = 1.0 / ((1.0 - u) + (u - v) * assisted_time + v * autonomous_time)
