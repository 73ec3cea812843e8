"""Published figures that pin the base-year level of AI use (calibration targets, not inputs).

Bick, Blandin & Deming, "The Rapid Adoption of Generative AI" (NBER Working
Paper 32966; Federal Reserve Bank of St. Louis Working Paper 2024-027C, revised
February 2025, pooling the August and November 2024 waves of the Real-Time
Population Survey): "between 1 and 5% of all work hours are currently assisted
by generative AI".  The first version (August 2024 wave only) gave 0.5-3.5%;
the model's base year (January 2025) follows the pooled late-2024 figure.  The
range comes from the survey's intensity questions (days a week, time a day);
its centre is the calibration target of :mod:`sim.model.calibration`.
"""

from __future__ import annotations

#: Share of all US work hours assisted by generative AI, late 2024 (Bick et al. 2025).
WORK_HOURS_ASSISTED_RANGE = (0.01, 0.05)
#: Calibration target of the base-year adopted task share: the centre of that range.
WORK_HOURS_ASSISTED_TARGET = sum(WORK_HOURS_ASSISTED_RANGE) / 2.0
