"""The Mesa model: assembles the stages and calls them in a fixed order each step.

State lives in numpy arrays of shape (2, n_occupations): world 0 is the
scenario, world 1 the no-AI-progress counterfactual (effective compute frozen
at the base year, everything else identical, same seed).  One step:

1. capability: read log10 effective compute of this step (world 1: base year);
2. exposure: feasible task share at that compute;
3. adoption: Bass diffusion of AI use, adopted share = adopters x exposure;
4. amplification: productivity multiplier from Amdahl's law;
5. demand: output responds to productivity through price and elasticity,
   elasticity saturates, required labour = trend x output / productivity;
6. labour: employment moves toward required labour through frictions;
7. record.

Capability and exposure depend only on exogenous paths, so they are computed
for all steps at set-up (exactly; see :func:`sim.exposure.exposure_path`).
"""

from __future__ import annotations

import mesa
import numpy as np

from sim import amplification, demand, labor
from sim.agents import OccupationAgent
from sim.capability import capability_path
from sim.exposure import exposure_at, exposure_path
from sim.model_inputs import build_inputs
from sim.occupation_schema import OccupationTables
from sim.recorder import Recorder, StepState
from sim.rng import SeedLike, named_stream, root_sequence
from sim.scenario import Scenario

N_WORLDS = 2


class LaborMarketModel(mesa.Model):
    """One :class:`OccupationAgent` per occupation; vectorised state; two worlds.

    Parameters
    ----------
    config
        The validated scenario.
    tables
        Occupation, task and transition tables (already validated).
    seed
        Root seed or seed sequence; ``None`` uses ``config.seed``.
    """

    def __init__(
        self, config: Scenario, tables: OccupationTables, *, seed: SeedLike = None
    ) -> None:
        self.seed_sequence = root_sequence(config.seed if seed is None else seed)
        super().__init__(rng=named_stream(self.seed_sequence, "mesa"))
        self.config = config
        self.inputs = build_inputs(config, tables, rng=named_stream(self.seed_sequence, "exposure"))
        run = config.run
        self.step_years = config.step_years
        self.years = run.base_year + np.arange(config.n_steps + 1) * self.step_years
        self.capability = capability_path(self.years, config.capability)
        log_compute = self.capability.log10_effective_compute
        self.log_compute = np.stack([log_compute, np.full_like(log_compute, log_compute[0])])
        ai_path = exposure_path(log_compute, self.inputs.tasks)
        frozen = exposure_at(log_compute[0], self.inputs.tasks)
        self.exposure_paths = (ai_path, frozen)
        self._initialise_state()
        OccupationAgent.create_agents(
            self, self.inputs.n_occupations, list(range(self.inputs.n_occupations))
        )
        self.recorder = Recorder(config.n_steps, run.steps_per_year, self.inputs)
        self.recorder.record(0, self.snapshot())

    def _initialise_state(self) -> None:
        n = self.inputs.n_occupations
        self.current_exposure = self._exposure_at_step(0)
        adopters = np.full((N_WORLDS, n), self.config.adoption.initial_adopter_share)
        self.adopter_share = adopters
        self.adopted_share = adopters * self.current_exposure
        self.productivity = self._productivity(0)
        self.base_log_productivity = np.log(self.productivity)
        self.log_output_ratio = np.zeros((N_WORLDS, n))
        self.elasticity = np.broadcast_to(self.inputs.base_elasticity, (N_WORLDS, n)).copy()
        employment = np.broadcast_to(self.inputs.base_employment, (N_WORLDS, n))
        self.required = employment.copy()
        self.labor = labor.LaborState.start(employment.copy())

    def _exposure_at_step(self, step: int) -> np.ndarray:
        ai_path, frozen = self.exposure_paths
        return np.stack([ai_path[step], frozen])

    def _productivity(self, step: int) -> np.ndarray:
        speedup = amplification.ai_speedup(self.log_compute[:, step], self.config.adoption)
        return amplification.productivity_multiplier(self.adopted_share, speedup[:, None])

    def step(self) -> None:
        """Advance one step (``self.steps`` is already incremented by Mesa)."""
        t = self.steps
        params = self.config
        self.current_exposure = self._exposure_at_step(t)
        self.adopter_share = amplification.bass_step(
            self.adopter_share,
            self.current_exposure * self.inputs.adoption_speed,
            params.adoption.bass_innovation_per_year,
            params.adoption.bass_imitation_per_year,
            self.step_years,
        )
        self.adopted_share = self.adopter_share * self.current_exposure
        previous_log_productivity = np.log(self.productivity)
        self.productivity = self._productivity(t)
        log_productivity = np.log(self.productivity)
        self.elasticity = demand.saturated_elasticity(
            self.inputs.base_elasticity,
            self.log_output_ratio,
            params.demand.elasticity_floor,
            params.demand.saturation_output_multiple,
        )
        self.log_output_ratio = demand.advance_log_output(
            self.log_output_ratio,
            self.elasticity,
            params.demand.price_pass_through,
            log_productivity - previous_log_productivity,
        )
        trend = demand.trend_factor(
            self.years[t],
            self.inputs.trend_log_growth,
            params.run.base_year,
            params.demand.baseline_trend_end_year,
        )
        self.required = demand.required_labour(
            self.inputs.base_employment,
            trend,
            self.log_output_ratio,
            log_productivity - self.base_log_productivity,
        )
        self.labor, _ = labor.adjust(
            self.labor,
            self.required,
            self.inputs.exit_rate_per_year,
            params.labor,
            self.step_years,
        )
        self.recorder.record(t, self.snapshot())
        self.running = t < params.n_steps

    def snapshot(self) -> StepState:
        """Current state for the recorder (the recorder copies what it keeps)."""
        return StepState(
            labor=self.labor,
            exposure=self.current_exposure,
            adopter_share=self.adopter_share,
            adopted_share=self.adopted_share,
            productivity=self.productivity,
            elasticity=self.elasticity,
            required_labour=self.required,
        )
