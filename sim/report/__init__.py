"""Reporting: what a saved run means, for people; reads saved results only, never runs the model.

- :mod:`~sim.report.summary` the plain-text summary printed by ``laborsim run``.
"""
