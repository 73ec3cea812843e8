"""Occupation agents: read-only views of one occupation's row, placed on the mobility network.

The model keeps all state in numpy arrays so that a step is a handful of
vectorised calls.  An :class:`OccupationAgent` sits on its cell of the
model's :class:`mesa.discrete_space.Network` (the mobility network,
``model.space``, placed on first use), so Mesa tooling, dashboards and
per-agent reporters can address occupations as agents and walk the network
(``agent.cell.neighborhood``); it holds its identity and row index and never
computes anything itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent
from mesa.discrete_space import Cell, FixedAgent

from sim.conventions import AI_WORLD, NO_AI_WORLD

if TYPE_CHECKING:
    from sim.model.model import LaborMarketModel


class OccupationAgent(FixedAgent):
    """One occupation on its network cell; properties read the model's current state (AI world)."""

    model: LaborMarketModel

    def __init__(self, model: LaborMarketModel, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def cell(self) -> Cell | None:
        """This occupation's cell of ``model.space`` (the space is built on first use)."""
        if self._mesa_cell is None:
            _ = self.model.space  # places every agent
        return self._mesa_cell

    @cell.setter
    def cell(self, cell: Cell | None) -> None:
        FixedAgent.cell.fset(self, cell)

    def remove(self) -> None:
        """Remove the agent from the model, and from its cell if the space was ever built.

        ``FixedAgent.remove`` reads ``self.cell`` after deregistering, which would
        build the space without this agent and then fail on its missing cell.
        """
        if self._mesa_cell is None:
            Agent.remove(self)
        else:
            super().remove()

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

    @property
    def unemployed(self) -> float:
        """Unemployed whose last job was here, persons."""
        return float(self.model.labor.unemployed[AI_WORLD, self.row])

    @property
    def long_term_unemployed(self) -> float:
        """Of those, unemployed for 27 weeks or more (the scenario's threshold), persons."""
        return float(self.model.search.long_term[AI_WORLD, self.row])

    @property
    def vacancies(self) -> float:
        """Positions opened in the last step (replacements and expansion), persons."""
        return float(self.model.labor_flows.hires[AI_WORLD, self.row])

    @property
    def wage(self) -> float:
        """Current mean wage, USD/year."""
        return float(self.model.wages.wage[AI_WORLD, self.row])

    def __repr__(self) -> str:
        return f"OccupationAgent({self.code} {self.title!r}, employment={self.employment:,.0f})"
