"""Between the stages' state types and the compiled loop's (:mod:`sim.model.kernel`).

The model resolves each stage's constants and base-year state with the
mechanism modules' own types; these functions pack them into the loop's
numba-friendly named tuples of contiguous float64 arrays and back.
"""

from __future__ import annotations

import numpy as np

from sim.mechanisms.demand import MAX_MULTIPLIED_EXPONENT, DemandCurves, DemandState
from sim.mechanisms.labor import TINY, LaborFlows, LaborState, StepRates
from sim.mechanisms.reallocation import NO_REACH, Matching, Moves, SearchState
from sim.mechanisms.wages import WageRule, WageState
from sim.model.kernel import FloatArray, IntArray, KernelConstants, KernelState


def power_steps(steepness: float) -> int:
    """Whole multiplications for ``x ** steepness`` as :func:`sim.mechanisms.demand._power`."""
    if float(steepness).is_integer() and 1 <= steepness <= MAX_MULTIPLIED_EXPONENT:
        return int(steepness)
    return 0


def csr_parts(matrix: object) -> tuple[IntArray, IntArray, FloatArray]:
    """``indptr``, ``indices`` (int32) and ``data`` of a CSR matrix, contiguous."""
    return (
        np.ascontiguousarray(matrix.indptr, dtype=np.int32),  # type: ignore[attr-defined]
        np.ascontiguousarray(matrix.indices, dtype=np.int32),  # type: ignore[attr-defined]
        np.ascontiguousarray(matrix.data, dtype=np.float64),  # type: ignore[attr-defined]
    )


def _array(values: object) -> FloatArray:
    return np.ascontiguousarray(values, dtype=np.float64)


def kernel_constants(
    curves: DemandCurves, rates: StepRates, matching: Matching, wage_rule: WageRule
) -> KernelConstants:
    """The loop's constants from the stages' resolved constants."""
    network = matching.network
    search = csr_parts(network.search)
    retraining = csr_parts(network.retraining if network.has_retraining else network.search)
    return KernelConstants(
        base_elasticity=_array(curves.base_elasticity),
        elasticity_fall=_array(curves.elasticity_fall),
        inverse_log_saturation=float(curves.inverse_log_saturation),
        steepness=float(curves.steepness),
        steepness_multiplied=power_steps(curves.steepness),
        pass_through=float(curves.pass_through),
        spending_weight=_array(curves.spending_weight),
        recycling=float(curves.recycling),
        attrition=_array(rates.attrition),
        adjustment=float(rates.adjustment),
        min_change=_array(rates.min_change),
        max_hires=float(rates.max_hires),
        reemployment=float(rates.reemployment),
        unemployed_exit=float(rates.unemployed_exit),
        ceiling=float(rates.employment_ceiling),
        search_indptr=search[0],
        search_indices=search[1],
        search_data=search[2],
        retraining_indptr=retraining[0],
        retraining_indices=retraining[1],
        retraining_data=retraining[2],
        participation=float(matching.participation),
        negligible_pool=float(matching.negligible_pool),
        self_loop=_array(network.self_loop_weight),
        base_wage=_array(wage_rule.base_wage),
        bargaining_share=float(wage_rule.bargaining_share),
        base_labour_share=float(wage_rule.base_labour_share),
        unpassed_share=float(wage_rule.unpassed_share),
        no_reach=NO_REACH,
        tiny=TINY,
    )


def kernel_state(
    demand_state: DemandState,
    labour: LaborState,
    search: SearchState,
    flows: LaborFlows,
    wage_state: WageState,
    moves: Moves,
) -> KernelState:
    """A mutable copy of the stages' states for the loop (the inputs are not changed)."""
    shape = labour.employment.shape
    return KernelState(
        log_own_output=_array(demand_state.log_own_output).copy(),
        log_income=_array(demand_state.log_income).reshape(-1).copy(),
        log_productivity=_array(np.broadcast_to(demand_state.log_productivity, shape)).copy(),
        elasticity=_array(np.broadcast_to(demand_state.elasticity, shape)).copy(),
        required_labour=_array(demand_state.required_labour).copy(),
        employment=_array(labour.employment).copy(),
        unemployed=_array(labour.unemployed).copy(),
        exits=_array(labour.exits).copy(),
        entrants=_array(labour.entrants).copy(),
        by_duration=_array(search.by_duration).copy(),
        flows=_array(np.stack(flows)),
        wage=_array(wage_state.wage).copy(),
        output_value=_array(wage_state.output_value).copy(),
        regular=_array(moves.regular).copy(),
        retrained=_array(moves.retrained).copy(),
        value=_array(moves.value).copy(),
        participants=_array(moves.participants).copy(),
        same_occupation=_array(moves.same_occupation).copy(),
        **{name: np.zeros(shape) for name in SCRATCH},
    )


#: Scratch fields of :class:`KernelState` (no meaning between steps).
SCRATCH = (
    "change",
    "relative_spending",
    "pool",
    "searchers",
    "in_training",
    "reemployed_from",
    "pressure",
    "pressure_retrained",
)


def stage_states(
    state: KernelState,
) -> tuple[DemandState, LaborState, SearchState, LaborFlows, WageState, Moves]:
    """Copies of the loop's state as the stages' state types (for agents and callers)."""
    copy = {name: np.array(value) for name, value in state._asdict().items()}
    return (
        DemandState(
            copy["log_own_output"],
            copy["log_income"][:, None],
            copy["log_productivity"],
            copy["elasticity"],
            copy["required_labour"],
        ),
        LaborState(copy["employment"], copy["unemployed"], copy["exits"], copy["entrants"]),
        SearchState(copy["by_duration"]),
        LaborFlows(*copy["flows"]),
        WageState(copy["wage"], copy["output_value"]),
        Moves(
            copy["regular"],
            copy["retrained"],
            copy["value"],
            copy["participants"],
            copy["same_occupation"],
        ),
    )
