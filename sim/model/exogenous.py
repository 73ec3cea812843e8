"""The exogenous paths of a run, every step at once: exposure, adoption, productivity, trend.

Capability, exposure, adoption and amplification depend only on exogenous
inputs, so the model computes them for all steps at set-up, for both worlds
(world 0 follows the scenario's effective compute C(t); world 1 keeps the
base year's, ``C(t) = C(t_0)``), arrays (steps, worlds, occupations):

1. exposure at two levels, assisted ``e(t)`` and autonomous ``e_U(t) <= e(t)``,
   along the running maximum of the compute path
   (:func:`sim.mechanisms.exposure.exposure_path`); the frozen world's is the
   base year's row at every step;
2. adoption: Bass adopter share ``f(t)`` driven by ``e`` in closed form, adopted
   share ``u = f e`` and its autonomous part ``v = f e_U``
   (:func:`sim.mechanisms.adoption.adoption_path`);
3. productivity ``A = 1 / ((1 - u) + (u - v) / k_A + v / k_U)`` (Amdahl,
   :func:`sim.mechanisms.amplification.productivity_path`);
4. regulated occupations follow all four paths ``d_i`` steps late
   (:func:`sim.mechanisms.regulation.delayed_path`);
5. ``ln A`` for the step loop, and the non-AI labour requirement
   ``L_i(t_0) exp(g_i (min(t, t_end) - t_0))``, persons
   (:func:`sim.mechanisms.demand.trend_path`), (steps, occupations).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, N_WORLDS, NO_AI_WORLD
from sim.mechanisms import adoption, amplification, demand, regulation
from sim.mechanisms.demand_cycle import cycle_factor
from sim.mechanisms.exposure import exposure_path
from sim.model.inputs import ModelInputs
from sim.model.run_arrays import ExogenousPaths
from sim.params import Scenario

FloatArray = NDArray[np.float64]


class Exogenous(NamedTuple):
    """What the model keeps of its exogenous inputs."""

    log_compute: FloatArray
    """log10 effective compute (OOM vs reference) of each world, (worlds, steps)."""
    diffusion: adoption.Diffusion
    """The run's diffusion constants."""
    paths: ExogenousPaths
    """Exposure, adopter and adopted shares, productivity, (steps, worlds, occupations)."""
    log_productivity: FloatArray
    """``ln A``, (steps, worlds, occupations)."""
    base_labour_trend: FloatArray
    """Non-AI labour requirement, persons, (steps, occupations)."""
    trend_growth: FloatArray
    """Growth of that requirement into each step without the demand cycle, share a step,
    (steps, occupations); row 0 repeats row 1 (:func:`step_growth`)."""


def exogenous_paths(
    config: Scenario, inputs: ModelInputs, log_compute: FloatArray, years: FloatArray
) -> Exogenous:
    """Every step's exogenous values for compute path ``log_compute`` at ``years`` (decimal)."""
    frozen = np.full_like(log_compute, log_compute[0])
    by_world = np.stack([log_compute, frozen])
    diffusion = adoption.Diffusion.from_params(
        config.adoption, inputs.adoption_speed, config.step_years
    )
    paths = world_paths(config, inputs, by_world, diffusion)
    trend = demand.trend_path(
        years,
        inputs.trend_log_growth,
        config.run.base_year,
        config.demand.baseline_trend_end_year,
        scale=inputs.base_employment,
    )
    growth = step_growth(trend)
    trend *= cycle_factor(
        years,
        config.run.base_year,
        config.demand.cycle_amplitude,
        config.demand.cycle_period_years,
        config.demand.cycle_shape,
        config.demand.cycle_fall_share,
    )[:, None]
    return Exogenous(by_world, diffusion, paths, np.log(paths.productivity), trend, growth)


def step_growth(path: FloatArray) -> FloatArray:
    """``path[t] / path[t - 1] - 1`` for each step (0 where ``path[t - 1]`` is 0); row 0 = row 1."""
    growth = np.zeros_like(path)
    if len(path) > 1:
        before = path[:-1]
        growth[1:] = np.where(
            before > 0.0, path[1:] / np.where(before > 0.0, before, 1.0) - 1.0, 0.0
        )
        growth[0] = growth[1]
    return growth


def world_paths(
    config: Scenario, inputs: ModelInputs, log_compute: FloatArray, diffusion: adoption.Diffusion
) -> ExogenousPaths:
    """Exposure, adoption and productivity of both worlds (``log_compute``: (worlds, steps))."""
    shape = (log_compute.shape[1], N_WORLDS, inputs.n_occupations)
    exposure, autonomous = np.empty(shape), np.empty(shape)
    exposure_path(
        log_compute[AI_WORLD],
        inputs.tasks,
        out=exposure[:, AI_WORLD],
        out_autonomous=autonomous[:, AI_WORLD],
    )
    # The frozen world keeps the base year's capability: the AI world's first row.
    exposure[:, NO_AI_WORLD] = exposure[0, AI_WORLD]
    autonomous[:, NO_AI_WORLD] = autonomous[0, AI_WORLD]
    start = adoption.AdoptionState.start(config.adoption.initial_adopter_share, exposure[0])
    adopted = adoption.adoption_path(start, exposure, diffusion)
    adopted_autonomous = adopted.adopter_share * autonomous
    productivity = amplification.productivity_path(
        adopted.adopted_share,
        adopted_autonomous,
        config.adoption.assisted_speedup,
        config.adoption.autonomous_speedup,
    )
    paths = ExogenousPaths(
        exposure,
        adopted.adopter_share,
        adopted.adopted_share,
        productivity,
        autonomous,
        adopted_autonomous,
    )
    delay = inputs.regulation_delay_steps
    if delay.any():
        paths = ExogenousPaths(*(regulation.delayed_path(path, delay) for path in paths))
    return paths
