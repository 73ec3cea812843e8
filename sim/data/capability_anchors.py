"""Published figures that pin the capability -> task mapping (calibration targets, not inputs).

Each figure is cited where it is defined; the staged copies and their
derivations are in ``../shared/data/capability_anchors/`` (README and
``capability_anchors.csv``).  The model's parameters are declared in
:mod:`sim.params`; these are what they are calibrated and validated against
(:mod:`sim.model.calibration`, :mod:`sim.validation.capability_checks`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

#: GPT-4 (gpt-4-0314), released 2023-03-14, as a decimal year.
GPT4_RELEASE_YEAR = 2023.0 + 72.0 / 365.0
#: GPT-4's METR 50% time horizon, minutes: geometric mean of 5.35 (TH1.0) and 3.99
#: (TH1.1), METR benchmark_results_1_0.yaml / 1_1.yaml (capability_anchors.csv
#: metr_h50_gpt4).
GPT4_HORIZON_MINUTES = math.sqrt(5.35186 * 3.987428)
#: Union of the two suites' 95% intervals of GPT-4's horizon, minutes.
GPT4_HORIZON_INTERVAL_MINUTES = (1.959555, 10.267319)

#: Eloundou et al. (2023/2024) shares of O*NET tasks, unweighted, computed from their
#: label set (openai/GPTs-are-GPTs full_labelset.tsv, 19,265 task rows), by rater.
#: E1: the LLM alone saves >= 50% of the time; beta: E1 + 0.5 E2; E1+E2: with tools.
ELOUNDOU_E1 = {"human": 0.149, "gpt4": 0.140}
ELOUNDOU_BETA = {"human": 0.308, "gpt4": 0.348}
ELOUNDOU_E1_E2 = {"human": 0.468, "gpt4": 0.556}
#: Calibration target of the assisted level at GPT-4's horizon: the mean of the two
#: raters' beta (every Eloundou label assumes a worker using the model, so beta, which
#: counts tool-built uses at half weight, maps to "assisted").
ELOUNDOU_BETA_TARGET = (ELOUNDOU_BETA["human"] + ELOUNDOU_BETA["gpt4"]) / 2.0


class HorizonPoint(NamedTuple):
    """One frontier model's METR 50% time horizon (TH1.1 suite, is_sota)."""

    model: str
    year: float
    minutes: float
    low: float
    high: float


def _year(month: int, day: int, year: int) -> float:
    days_before = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    return year + (days_before[month - 1] + day - 1) / 365.0


#: METR time horizons of the state-of-the-art models since GPT-4 (TH1.1 suite: p50
#: minutes and 95% interval), from metr.org/assets/benchmark_results_1_1.yaml
#: (copy at peterhurford/metr_graph@dde102f); Kwa et al. (2025), arXiv:2503.14499.
METR_FRONTIER = (
    HorizonPoint("GPT-4", _year(3, 14, 2023), 3.99, 1.96, 7.91),
    HorizonPoint("GPT-4 1106", _year(11, 6, 2023), 4.04, 1.95, 8.19),
    HorizonPoint("GPT-4o", _year(5, 13, 2024), 6.99, 3.85, 12.41),
    HorizonPoint("Claude 3.5 Sonnet (Jun)", _year(6, 20, 2024), 11.40, 5.44, 22.52),
    HorizonPoint("o1-preview", _year(9, 12, 2024), 20.33, 11.61, 33.15),
    HorizonPoint("Claude 3.5 Sonnet (Oct)", _year(10, 22, 2024), 20.52, 9.87, 40.41),
    HorizonPoint("o1", _year(12, 5, 2024), 38.83, 21.69, 67.22),
    HorizonPoint("Claude 3.7 Sonnet", _year(2, 24, 2025), 60.39, 33.39, 107.30),
    HorizonPoint("o3", _year(4, 16, 2025), 119.73, 72.98, 191.58),
    HorizonPoint("GPT-5", _year(8, 7, 2025), 203.01, 114.21, 406.74),
    HorizonPoint("Gemini 3 Pro", _year(11, 18, 2025), 224.33, 136.87, 387.48),
    HorizonPoint("Claude Opus 4.5", _year(11, 24, 2025), 292.99, 160.54, 638.62),
    HorizonPoint("GPT-5.2", _year(12, 11, 2025), 352.25, 191.32, 862.34),
    HorizonPoint("Claude Opus 4.6", _year(2, 5, 2026), 718.81, 319.32, 3949.75),
)
#: Doubling time of METR's frontier horizon, months: the lower end of the TH1.1
#: since-2023 fit's 95% interval (104.4 days) and the 2019-2025 figure of Kwa et al.
#: (2025) (~7 months, 212 days).
METR_DOUBLING_MONTHS_RANGE = (104.4 / 30.4375, 212.0 / 30.4375)

#: GDPval (Patwardhan et al. 2025, arXiv:2510.04374): win-or-tie rate against industry
#: experts on tasks of ~7 hours of expert work, by model and release date (secondary:
#: several news pages agree).
GDPVAL_WIN_OR_TIE = (
    ("GPT-4o", _year(5, 13, 2024), 0.124),
    ("Claude Opus 4.1", _year(8, 5, 2025), 0.476),
    ("GPT-5", _year(8, 7, 2025), 0.388),
)
#: Mean length of a GDPval task, minutes of expert work (~7 h).
GDPVAL_TASK_MINUTES = 7.0 * 60.0

#: Davidson's Full Takeoff Model: OOM of effective compute from 20% to 100% of tasks
#: automatable, best guess and the aggressive-conservative range (epoch-research/ftm
#: @99dc907, website/src/js/presets.js; capability_anchors.csv ftm_*).
FTM_SPAN_OOM_BEST = 4.0
FTM_SPAN_OOM_RANGE = (1.0, 8.0)
