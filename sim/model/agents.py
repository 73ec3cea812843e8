"""Occupation agents: thin, read-only views of one occupation's row in the model's arrays.

The model keeps all state in numpy arrays so that a step is a handful of
vectorised calls.  An :class:`OccupationAgent` exists so that Mesa tooling,
dashboards and per-agent reporters can address occupations as agents; it holds
only its identity and row index and never computes anything itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.conventions import AI_WORLD, NO_AI_WORLD

if TYPE_CHECKING:
    from sim.model.model import LaborMarketModel


class OccupationAgent(mesa.Agent):
    """One occupation; properties read the model's current state (AI world)."""

    model: LaborMarketModel

    def __init__(self, model: LaborMarketModel, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def code(self) -> str:
        """SOC 2018 code (or an assumption-based code such as ENTR-0001)."""
        return str(self.model.inputs.codes[self.row])

    @property
    def title(self) -> str:
        """Occupation title."""
        return str(self.model.inputs.titles[self.row])

    @property
    def employment(self) -> float:
        """Current employment, persons."""
        return float(self.model.labor.employment[AI_WORLD, self.row])

    @property
    def employment_no_ai(self) -> float:
        """Current employment in the no-AI-progress counterfactual, persons."""
        return float(self.model.labor.employment[NO_AI_WORLD, self.row])

    @property
    def exposure(self) -> float:
        """Share of task time AI can technically do now, [0, 1]."""
        return float(self.model.current_exposure[AI_WORLD, self.row])

    @property
    def adoption(self) -> float:
        """Share of task time done with AI now, [0, 1]."""
        return float(self.model.adoption.adopted_share[AI_WORLD, self.row])

    @property
    def productivity_multiplier(self) -> float:
        """Output per worker relative to no AI (Amdahl), >= 1."""
        return float(self.model.productivity[AI_WORLD, self.row])

    def __repr__(self) -> str:
        return f"OccupationAgent({self.code} {self.title!r}, employment={self.employment:,.0f})"
