"""Occupation agents and the network space of the model, built on first use.

The step's arithmetic runs on the model's arrays and the network's sparse
matrices, never through Mesa agents, so runs whose agents nobody reads (sweeps,
batch runs reduced to frames) skip creating them.  Every way Mesa offers to
reach the agents builds them first, so they look as if created in
``__init__``.  The model sets ``_agents_pending = True`` once its inputs exist.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import mesa
from mesa.agent import AgentSet
from mesa.discrete_space import Network

from sim.model.agents import OccupationAgent

if TYPE_CHECKING:
    from sim.model.inputs import ModelInputs


class OccupationAgentsOnFirstUse(mesa.Model):
    """Mixin of :class:`sim.model.model.LaborMarketModel`: one :class:`OccupationAgent` per
    occupation (``self.inputs.n_occupations``) and the mobility network as Mesa's network
    space, created on first use."""

    inputs: ModelInputs

    def _build_agents(self) -> None:
        """One :class:`OccupationAgent` per occupation, created on first use of the agents.

        The step's arithmetic runs on the model's arrays, never through the
        agents, so runs whose agents nobody reads (sweeps, batch runs reduced
        to frames) skip creating 831 Mesa agents (~1.8 ms of a ~45 ms run).
        Every way to reach the agents builds them first (``agents``,
        ``agents_by_type``, ``agent_types``, ``remove_all_agents``, ``space``),
        and so does registering any other agent, so occupation agents always
        hold ``unique_id`` 1 .. n in row order, as if created in ``__init__``.
        """
        if getattr(self, "_agents_pending", False):
            self._agents_pending = False
            for row in range(self.inputs.n_occupations):
                OccupationAgent(self, row)  # registers itself with the model

    @property
    def agents(self) -> AgentSet:
        """Every agent of the model (Mesa's registry), occupation agents built on first use."""
        self._build_agents()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type, AgentSet]:
        """Mesa's agent sets by type, occupation agents built on first use."""
        self._build_agents()
        return super().agents_by_type

    @property
    def agent_types(self) -> list[type]:
        """The types of the model's agents, occupation agents built on first use."""
        self._build_agents()
        return super().agent_types

    def register_agent(self, agent: mesa.Agent) -> None:
        """Register ``agent`` after the occupation agents (they keep ids 1 .. n)."""
        self._build_agents()
        super().register_agent(agent)

    def remove_all_agents(self) -> None:
        """Remove every agent, the occupation agents included even if never used."""
        self._build_agents()
        super().remove_all_agents()

    @cached_property
    def space(self) -> Network:
        """The mobility network as Mesa's network space, every agent on its occupation's cell.

        Built on first use: the step's arithmetic runs on the network's sparse
        matrices, so runs that never walk the space (sweeps) skip its ~25,000
        Python-level cell connections.
        """
        space = Network(self.inputs.mobility_graph, capacity=1, random=self.random, layout=None)
        for agent in self.agents_by_type[OccupationAgent]:
            agent.cell = space[agent.row]
        return space
