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
from sim.agents import AI_WORLD, N_WORLDS, NO_AI_WORLD, OccupationAgent
from sim.capability import capability_path
from sim.exposure import exposure_at, exposure_path
from sim.model_inputs import build_inputs
from sim.occupation_schema import OccupationTables
from sim.recorder import Recorder, StepState
from sim.rng import EXPOSURE_STREAM, SeedLike, named_stream, root_sequence
from sim.scenario import Scenario


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
        self.inputs = build_inputs(
            config, tables, rng=named_stream(self.seed_sequence, EXPOSURE_STREAM)
        )
        run = config.run
        self.step_years = config.step_years
        self.years = run.base_year + np.arange(config.n_steps + 1) * self.step_years
        self.capability = capability_path(self.years, config.capability)
        self._precompute_exogenous_paths()
        self.demand = demand.DemandCurves.from_params(
            config.demand,
            self.inputs.base_elasticity,
            self.inputs.base_employment * self.inputs.mean_wage,
        )
        self.labor_rates = labor.StepRates.from_params(
            config.labor, self.inputs.exit_rate_per_year, self.step_years
        )
        self._initialise_state()
        OccupationAgent.create_agents(
            self, self.inputs.n_occupations, list(range(self.inputs.n_occupations))
        )
        self.recorder = Recorder(config.n_steps, run.steps_per_year, self.inputs)
        self.recorder.record(0, self.snapshot())

    def _precompute_exogenous_paths(self) -> None:
        """Capability, exposure, AI speed-up and the non-AI trend for every step, both worlds."""
        log_compute = self.capability.log10_effective_compute
        frozen = np.full_like(log_compute, log_compute[0])
        self.log_compute = np.stack([log_compute, frozen])
        exposure = np.empty((log_compute.size, N_WORLDS, self.inputs.n_occupations))
        exposure[:, AI_WORLD] = exposure_path(log_compute, self.inputs.tasks)
        exposure[:, NO_AI_WORLD] = exposure_at(log_compute[0], self.inputs.tasks)
        self.exposure_by_step = exposure
        speedup = amplification.ai_speedup(self.log_compute, self.config.adoption)
        self.speedup_by_step = speedup.T[:, :, None]
        trend = demand.trend_path(
            self.years,
            self.inputs.trend_log_growth,
            self.config.run.base_year,
            self.config.demand.baseline_trend_end_year,
        )
        self.base_labour_trend = self.inputs.base_employment * trend

    def _initialise_state(self) -> None:
        n = self.inputs.n_occupations
        self.current_exposure = self.exposure_by_step[0]
        self.adopter_share = np.full((N_WORLDS, n), self.config.adoption.initial_adopter_share)
        self.adopted_share = self.adopter_share * self.current_exposure
        self.productivity = amplification.productivity_multiplier(
            self.adopted_share, self.speedup_by_step[0]
        )
        self.log_productivity = np.log(self.productivity)
        self.base_log_productivity = self.log_productivity
        self.log_own_output = np.zeros((N_WORLDS, n))
        self.log_income = np.zeros((N_WORLDS, 1))
        self.elasticity = self.demand.elasticity(self.log_own_output)
        self.required = self.base_labour_trend[0] * np.ones((N_WORLDS, 1))
        self.labor = labor.LaborState.start(self.required.copy())

    def step(self) -> None:
        """Advance one step (``self.steps`` is already incremented by Mesa)."""
        t = self.steps
        adoption = self.config.adoption
        self.current_exposure = exposure = self.exposure_by_step[t]
        self.adopter_share = amplification.bass_step(
            self.adopter_share,
            exposure * self.inputs.adoption_speed,
            adoption.bass_innovation_per_year,
            adoption.bass_imitation_per_year,
            self.step_years,
        )
        self.adopted_share = self.adopter_share * exposure
        self.productivity = amplification.productivity_multiplier(
            self.adopted_share, self.speedup_by_step[t]
        )
        log_productivity = np.log(self.productivity)
        gain = log_productivity - self.base_log_productivity
        self.elasticity = self.demand.elasticity(self.log_own_output + self.log_income)
        self.log_own_output = demand.advance_log_output(
            self.log_own_output,
            self.elasticity,
            self.demand.pass_through,
            log_productivity - self.log_productivity,
        )
        self.log_productivity = log_productivity
        self.log_income = self.demand.log_recycled_income(self.log_own_output, gain)
        self.required = demand.required_labour(
            self.base_labour_trend[t], self.log_own_output + self.log_income, gain
        )
        self.labor, _ = labor.adjust(self.labor, self.required, self.labor_rates)
        self.recorder.record(t, self.snapshot())
        self.running = t < self.config.n_steps

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
