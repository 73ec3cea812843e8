"""Validation suite: the model and its data against published results and historical facts.

Each check is a pure function of the shipped scenarios and data returning a
:class:`CheckResult` (published figure and source, our figure, a band stated
in advance, pass/fail and notes).  ``laborsim validate`` runs them all; see
``docs/validation.md`` for every check's definition and sources.
"""

from sim.validation.inputs import ValidationInputs, load_validation_inputs
from sim.validation.report import DEFAULT_VALIDATION_DIR, write_results
from sim.validation.result import CheckResult, results_markdown, results_table
from sim.validation.suite import CHECKS, run_checks

__all__ = [
    "CHECKS",
    "DEFAULT_VALIDATION_DIR",
    "CheckResult",
    "ValidationInputs",
    "load_validation_inputs",
    "results_markdown",
    "results_table",
    "run_checks",
    "write_results",
]
