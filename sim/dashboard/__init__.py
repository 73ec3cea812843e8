"""Interactive dashboard: Mesa's SolaraViz over whole vectorised runs of a scenario.

``laborsim dashboard`` (:mod:`sim.dashboard.server`) serves the Solara app
(:mod:`sim.dashboard.app`).  Controls come from the parameter declarations
(:mod:`sim.dashboard.controls`), each change re-runs the scenario whole
(:mod:`sim.dashboard.data`), and SolaraViz's Play / Step / Reset move through
the recorded years (:mod:`sim.dashboard.model`).  Importing this package does
not import Solara.
"""
