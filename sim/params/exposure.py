"""Exposure block: which index sets task difficulty; readiness to feasibility thresholds."""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator

from sim.conventions import TASK_TYPE_WEIGHT
from sim.params._base import ParamBlock
from sim.params._field import Plausible, Role, param


class ExposureSource(StrEnum):
    """Which occupation-level index sets task difficulty."""

    CRITERIA = "criteria"
    ELOUNDOU = "eloundou"
    FREY_OSBORNE = "frey_osborne"


class EloundouRater(StrEnum):
    """Whose task labels to use when ``exposure.source = "eloundou"``."""

    GPT4 = "gpt4"
    HUMAN = "human"


class ExposureParams(ParamBlock):
    """Task feasibility thresholds in effective compute, from the criteria or a published index."""

    source: ExposureSource = param(
        ExposureSource.CRITERIA,
        unit="choice",
        description=(
            "criteria = the data set's three criteria and two barriers; eloundou = "
            "Eloundou et al. task labels; frey_osborne = Frey-Osborne probability."
        ),
        source="Issue 3.",
    )
    eloundou_rater: EloundouRater = param(
        EloundouRater.GPT4,
        unit="choice",
        description="Task labels used when source = eloundou: gpt4 or human annotators.",
        source="Eloundou et al. (2024), Science 384(6702).",
    )
    threshold_ready_log10: float = param(
        -10.5,
        unit="OOM vs reference",
        ge=-60.0,
        le=60.0,
        description=(
            "Feasibility threshold (log10 effective compute) of a task with full readiness "
            "and no barrier."
        ),
        source=(
            "Calibration (docs/model.md): with the default spans, the employment-weighted "
            "mean criteria exposure in 2025 matches Eloundou et al.'s GPT-4 beta (0.35)."
        ),
    )
    readiness_span_oom: float = param(
        20.0,
        unit="OOM per unit readiness",
        ge=0.0,
        le=100.0,
        description=(
            "How much later (OOM of effective compute) a task becomes feasible per unit of "
            "missing readiness (1 - readiness)."
        ),
        source=(
            "Assumption: the least and most ready barrier-free work are about 20 OOM apart, "
            "two decades of baseline growth."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            12.0,
            28.0,
            source=("Assumption: +-40% around the 20 OOM default."),
        ),
    )
    barrier_span_oom: float = param(
        40.0,
        unit="OOM per unit barrier",
        ge=0.0,
        le=100.0,
        description=(
            "How much later a task becomes feasible per unit of physical or interpersonal "
            "barrier (robotics, presence, care)."
        ),
        source=(
            "Assumption (seed: physical, hands-on and caring work is far from automatable): "
            "a fully physical or caring task at full readiness stays infeasible through the "
            "2055 horizon of the baseline (threshold_ready + span = 29.5 > 19.2 OOM)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            30.0,
            50.0,
            source=(
                "Assumption: +-25%; below 30 OOM fully physical tasks at full "
                "readiness become feasible before 2055, against the seed."
            ),
        ),
    )
    threshold_noise_sd_log10: float = param(
        1.0,
        unit="OOM",
        ge=0.0,
        le=10.0,
        description="Standard deviation of the task-level random threshold shift.",
        source="Assumption: task heterogeneity not captured by the data (one OOM).",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.5,
            2.0,
            source=("Assumption: half to twice the one-OOM default."),
        ),
    )
    weight_task_definedness: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of task definedness in a task's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    weight_data_availability: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of data availability in a task's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    weight_economic_value: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of economic value in a task's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    task_evidence_share: float = param(
        1.0,
        unit="share",
        ge=0.0,
        le=1.0,
        description=(
            "Weight of a task's own O*NET evidence (tasks.csv.gz own_* scores) against its "
            "occupation's score in each of the three readiness criteria (0 = every task of "
            "an occupation shares the occupation's readiness, the model before issue 8)."
        ),
        source=(
            "Choice among three constructions stated before results were seen (docs/model.md, "
            "task-level readiness): 0 (occupation only), 0.5 (equal weight), 1 (task's own "
            "evidence only); 1 passed more of the new validation checks than 0.5."
        ),
    )
    occupation_barrier_threshold: float = param(
        0.9,
        unit="percentile rank",
        ge=0.0,
        lt=1.0,
        description=(
            "Occupations whose physical or interpersonal barrier rank exceeds this carry a "
            "job-wide barrier floor under every task, rising linearly from 0 here to 1 at "
            "the top rank (work bound to presence, such as nursing or childcare)."
        ),
        source=(
            "Assumption: O*NET's physical-proximity work context is not available, so the "
            "top decile of the barrier ranks stands in for work that must be done in person."
        ),
    )
    supplemental_task_weight: float = param(
        TASK_TYPE_WEIGHT["supplemental"],
        unit="weight",
        ge=0.0,
        le=1.0,
        description="Time weight of a supplemental task relative to a core task (1).",
        source=(
            "Assumption: O*NET task ratings are not available; core tasks take more time. "
            "Same weight as the data build uses (sim.data.TASK_TYPE_WEIGHT)."
        ),
    )

    @model_validator(mode="after")
    def _positive_readiness_weights(self) -> ExposureParams:
        """At least one of the readiness weights `exposure.weight_task_definedness`,
        `weight_data_availability`, `weight_economic_value` must be positive."""
        weights = (
            self.weight_task_definedness,
            self.weight_data_availability,
            self.weight_economic_value,
        )
        if sum(weights) <= 0:
            raise ValueError("at least one readiness weight must be positive")
        return self
