"""The validation suite: the named checks in order, and running them.

Fast checks read the data and evaluate model components; the others run the
full model (hindcasts).  ``run_checks(fast_only=True)`` skips the latter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sim.validation.adoption_checks import adoption_level_check
from sim.validation.bessen import bessen_check
from sim.validation.beveridge import beveridge_check
from sim.validation.capability_checks import (
    eloundou_level_check,
    ftm_span_check,
    metr_trend_check,
)
from sim.validation.criteria_correlation import criteria_correlation_check
from sim.validation.elasticity_backtest import elasticity_backtest_check
from sim.validation.exposure_benchmarks import eloundou_check, frey_osborne_check
from sim.validation.exposure_path_checks import ordering_check, smoothness_check
from sim.validation.hindcasts import radiology_check, unemployment_check
from sim.validation.inputs import ValidationInputs, load_validation_inputs
from sim.validation.labour_market import steady_state_check, switching_check
from sim.validation.matching_elasticity import matching_elasticity_check
from sim.validation.result import CheckResult
from sim.validation.seed_arithmetic import seed_arithmetic_check


@dataclass(frozen=True)
class Check:
    """A check function and whether it is fast (does not run the full model)."""

    function: Callable[[ValidationInputs], CheckResult]
    fast: bool


CHECKS: tuple[Check, ...] = (
    Check(frey_osborne_check, fast=True),
    Check(eloundou_check, fast=True),
    Check(criteria_correlation_check, fast=True),
    Check(bessen_check, fast=True),
    Check(radiology_check, fast=False),
    Check(unemployment_check, fast=False),
    Check(seed_arithmetic_check, fast=True),
    Check(smoothness_check, fast=True),
    Check(ordering_check, fast=True),
    Check(elasticity_backtest_check, fast=True),
    Check(eloundou_level_check, fast=True),
    Check(metr_trend_check, fast=True),
    Check(ftm_span_check, fast=True),
    Check(adoption_level_check, fast=True),
    Check(steady_state_check, fast=False),
    Check(beveridge_check, fast=False),
    Check(switching_check, fast=False),
    Check(matching_elasticity_check, fast=False),
)
"""Issue 4's seven checks in the issue's order, then issue 8's exposure-path checks and
elasticity backtest, issue 19's capability calibration checks and base-year adoption level,
and issue 20's labour-market checks (no-AI steady state, Beveridge curve, occupational
switching, the job-finding rate's elasticity to tightness)."""


def run_checks(
    *, fast_only: bool = False, inputs: ValidationInputs | None = None
) -> list[CheckResult]:
    """Run the validation checks and return their results in order.

    Parameters
    ----------
    fast_only
        Skip the checks that run the full model.
    inputs
        Scenarios and tables; ``None`` loads the shipped ones.

    Raises
    ------
    LaborsimError
        If the shipped scenarios or data cannot be loaded.
    """
    inputs = load_validation_inputs() if inputs is None else inputs
    return [check.function(inputs) for check in CHECKS if check.fast or not fast_only]
