"""The Mesa model: assembles the stages and calls them in a fixed order each step.

State lives in numpy arrays of shape (2, n_occupations): world 0 is the
scenario, world 1 the no-AI-progress counterfactual (effective compute frozen
at the base year, everything else identical, same seed).  One step:

1. capability: read log10 effective compute of this step (world 1: base year);
2. exposure: share of task time AI can assist with (and do autonomously);
3. adoption: Bass diffusion of AI use, adopted share = adopters x exposure;
4. amplification: productivity multiplier from Amdahl's law;
5. demand: output responds to productivity through price and elasticity,
   elasticity saturates, required labour = trend x output / productivity;
6. labour: employment moves toward required labour (rationed to the
   labour-force ceiling) through frictions; the
   unemployed search and are matched on the mobility network (reallocation);
7. wages: bargained over the value of output per worker; output value;
8. record.

Capability, exposure, adoption and amplification depend only on exogenous
paths, so they are computed for all steps at set-up, exactly
(:mod:`sim.model.exogenous`); a step reads their rows and
advances the stages that carry feedback: demand, labour and wages.  Those
are written once, as compiled functions in :mod:`sim.mechanisms`, and run in
the loop of :mod:`sim.model.kernel`, which also records every step (the base
year included); the model's ``demand``, ``labor``, ``search``,
``labor_flows``, ``wages`` and ``moves`` are the loop's live state, not copies:
:meth:`LaborMarketModel.compute_to_horizon` computes every step in one call
(what runs, batches and sweeps use, without replaying Mesa's clock);
:meth:`LaborMarketModel.run_to_horizon` also moves the clock; Mesa's ``step()``
advances one step through the same loop (dashboards, notebooks), with
identical results.  Occupation agents are created on first use.
Adoption regulation (a policy lever) shifts the precomputed paths of the
regulated occupations by their delay (:mod:`sim.mechanisms.regulation`).
"""

from __future__ import annotations

import mesa
import numpy as np

from sim.conventions import N_WORLDS
from sim.data import OccupationTables
from sim.mechanisms import (
    adoption,
    demand,
    labor,
    reallocation,
    steady_state,
    unemployment_pool,
    wages,
)
from sim.mechanisms.capability import capability_path
from sim.mechanisms.closure import Closure
from sim.mechanisms.demand import DemandState
from sim.mechanisms.labor import LaborFlows, LaborState
from sim.mechanisms.reallocation import Moves
from sim.mechanisms.unemployment_pool import SearchState, entry_reference
from sim.mechanisms.wages import WageState
from sim.model import kernel
from sim.model.agents_on_first_use import OccupationAgentsOnFirstUse
from sim.model.exogenous import exogenous_paths
from sim.model.inputs import build_inputs
from sim.model.recorder import Recorder
from sim.params import Scenario
from sim.rng import EXPOSURE_STREAM, SeedLike, named_stream, root_sequence


class LaborMarketModel(OccupationAgentsOnFirstUse, mesa.Model):
    """One :class:`~sim.model.agents.OccupationAgent` per occupation (built on first use);
    vectorised state; two worlds.

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
        self.step_years = config.step_years
        self.years = (
            config.run.base_year + np.arange(config.n_steps + 1, dtype=np.float64) * self.step_years
        )
        self.capability = capability_path(self.years, config.capability, config.compute_governance)
        self._precompute_exogenous_paths()
        self._initialise_stages()
        self._agents_pending = True  # built on first use: see _build_agents
        self.recorder = Recorder(
            config.n_steps,
            config.run.steps_per_year,
            self.inputs,
            self.paths,
            record_transitions=config.run.record_transitions,
        )
        kernel.record_step(self.state, self.recorder.history, 0, config.run.steps_per_year)
        self._advanced_to = 0

    def _precompute_exogenous_paths(self) -> None:
        """Capability, exposure, adoption, productivity and the non-AI trend, every step."""
        (
            self.log_compute,
            self.diffusion,
            self.paths,
            self.log_productivity_by_step,
            self.base_labour_trend,
            self.trend_growth,
        ) = exogenous_paths(
            self.config, self.inputs, self.capability.log10_effective_compute, self.years
        )

    def _initialise_stages(self) -> None:
        """Constants of the stages with feedback and their base-year state."""
        config, inputs = self.config, self.inputs
        closure = Closure.from_params(config.closure, config.wages.bargaining_share)
        self.demand_curves = demand.DemandCurves.from_params(
            config.demand,
            closure,
            inputs.base_elasticity,
            inputs.base_employment * inputs.mean_wage,
        )
        self.labour_ceiling = config.labor.labour_force_ceiling_multiple * float(
            inputs.base_employment.sum()
        )
        self._read_exogenous(0)
        self.base_log_productivity = self.log_productivity_by_step[0]
        required = self.base_labour_trend[0] * np.ones((N_WORLDS, 1))
        self.matching = reallocation.Matching.build(
            inputs.mobility,
            config.retraining.participation_share,
            config.reallocation.long_term_unemployment_weeks,
            self.step_years,
            config.reallocation.negligible_pool_persons,
            config.labor.long_term_search_effectiveness,
        )
        rates = labor.StepRates.from_params(
            config.labor, inputs.exit_rate_per_year, self.step_years, self.labour_ceiling
        )
        # the steady state of the non-AI trend path without the demand cycle (the path on
        # which entrants fill the share eta, unemployment_pool.entry_reference)
        growth = 1.0 + self.trend_growth[1] if len(self.trend_growth) > 1 else None
        self.steady_state = steady_state.solve(rates, self.matching, required[0], growth)
        self.labor_rates = rates._replace(
            positions_per_worker=self.steady_state.positions_per_worker,
        )
        self.wage_rule = wages.WageRule.from_params(
            config.wages,
            inputs.mean_wage,
            config.demand.price_pass_through,
            config.labor.max_labour_share,
        )
        self.kernel_constants = kernel.KernelConstants(
            self.demand_curves, self.labor_rates, self.matching, self.wage_rule
        )
        self.kernel_paths = kernel.KernelPaths(
            np.ascontiguousarray(self.log_productivity_by_step),
            np.ascontiguousarray(self.base_labour_trend),
            np.ascontiguousarray(self.trend_growth),
            entry_reference(self.steady_state.open_after_matching, self.trend_growth),
        )
        self.state = kernel.KernelState.start(
            demand.DemandState.start(self.demand_curves, self.base_log_productivity, required),
            labor.LaborState.start(
                required,
                self.steady_state.unemployed * np.ones((N_WORLDS, 1)),
                self.steady_state.vacancies,
                self.labour_ceiling,
            ),
            unemployment_pool.SearchState.in_every_world(self.steady_state.by_duration, N_WORLDS),
            wages.WageState.empty(required.shape),
        )
        for w in range(N_WORLDS):  # base-year wages and output value
            wages.wages_step(
                self.wage_rule,
                self.labor.employment[w],
                self.demand.required_labour[w],
                self.demand.unpassed_gain[w],
                self.state.wages,
                w,
            )

    @property
    def demand(self) -> DemandState:
        """Demand state after the last computed step (live: the loop advances it)."""
        return self.state.demand

    @property
    def labor(self) -> LaborState:
        """Head counts after the last computed step (live)."""
        return self.state.labour

    @property
    def search(self) -> SearchState:
        """Unemployed by duration after the last computed step (live)."""
        return self.state.search

    @property
    def labor_flows(self) -> LaborFlows:
        """Flows of the last computed step, persons/step (live views)."""
        return LaborFlows(*self.state.flows)

    @property
    def wages(self) -> WageState:
        """Wages and output value after the last computed step (live)."""
        return self.state.wages

    @property
    def moves(self) -> Moves:
        """Re-employment of the last computed step in factored form (live)."""
        return self.state.moves

    def _read_exogenous(self, t: int) -> None:
        """Exposure, adoption and productivity of step ``t`` (rows of the precomputed paths)."""
        self.current_exposure = self.paths.exposure[t]
        self.adoption = adoption.AdoptionState(
            self.paths.adopter_share[t], self.paths.adopted_share[t]
        )
        self.productivity = self.paths.productivity[t]

    def step(self) -> None:
        """Advance one step (``self.steps`` is already incremented by Mesa).

        After :meth:`compute_to_horizon` (or :meth:`run_to_horizon`) the steps
        are already computed, and Mesa's clock catching up only marks them done.
        """
        t = self.steps
        if t > self._advanced_to:
            self._advance(t, t + 1)
        self.running = t < self.config.n_steps

    def run_to_horizon(self) -> None:
        """Advance every remaining step in one call of the compiled loop, then Mesa's clock."""
        self.compute_to_horizon()
        if self.steps < self.config.n_steps:
            self.run_for(self.config.n_steps - self.steps)

    @property
    def computed_steps(self) -> int:
        """Steps the loop has computed (0: the model is at its base year)."""
        return self._advanced_to

    def compute_to_horizon(self, *, worlds: int = N_WORLDS) -> None:
        """Compute every remaining step in one call of the compiled loop; Mesa's clock stays.

        For callers that read the results and discard the model (every run and
        sweep run, through :func:`sim.experiments.runner.advance_to_horizon`):
        replaying Mesa's clock through 360 step events costs ~1.8 ms and changes
        no result.  The model stays usable:
        its state and history are at the horizon, and stepping it afterwards
        (``step()``, ``run_for``) only moves Mesa's clock and scheduled events.
        ``worlds`` below all computes the first worlds only (1: the AI world),
        leaving the others at their base year: only for
        :func:`sim.model.no_ai_world.compute_with_cache`, which restores them.
        """
        if self._advanced_to < self.config.n_steps:
            self._advance(self._advanced_to + 1, self.config.n_steps + 1, worlds)

    def _advance(self, first: int, last: int, worlds: int = N_WORLDS) -> None:
        """Steps ``first .. last - 1`` of worlds ``0 .. worlds - 1`` through the compiled loop.

        (:mod:`sim.model.kernel`.)  Fewer worlds than all only for
        :func:`sim.model.no_ai_world.compute_with_cache`, which restores the
        others from its cache.
        """
        if first != self._advanced_to + 1 or last > self.config.n_steps + 1:
            raise RuntimeError(
                f"cannot advance to step {last - 1}: the run is at step {self._advanced_to} "
                f"of {self.config.n_steps}"
            )
        kernel.advance(
            self.kernel_constants,
            self.kernel_paths,
            self.state if worlds == N_WORLDS else self.state.first_worlds(worlds),
            self.recorder.history,
            self.recorder.edge_flows,
            first,
            last,
            self.config.run.steps_per_year,
        )
        self._advanced_to = last - 1
        self.recorder.close_years(last - 1)
        self._read_exogenous(last - 1)
