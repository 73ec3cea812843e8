"""Exposure block: which index sets task difficulty; readiness to task difficulty; success curve."""

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
    """Task difficulty (horizon doublings) from the criteria or a published index; success curve."""

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
    difficulty_ready_log2_minutes: float = param(
        -8.69,
        unit="log2 minutes",
        ge=-60.0,
        le=60.0,
        description=(
            "Difficulty of a task with full readiness and no noise: log2 of the 50% time "
            "horizon (METR minutes) at which AI succeeds on it half the time."
        ),
        source=(
            "Calibration (sim/model/calibration.py): at GPT-4's measured horizon (4.6 min) "
            "the unweighted share of tasks AI assists equals Eloundou et al.'s beta (32.8%, "
            "mean of the human 30.8% and GPT-4 34.8% task shares)."
        ),
    )
    readiness_span_doublings: float = param(
        24.0,
        unit="doublings per unit readiness",
        ge=0.0,
        le=200.0,
        description=(
            "How much harder a task is, in doublings of the time horizon it needs, per unit "
            "of missing readiness (1 - readiness)."
        ),
        source=(
            "Assumption anchored on task lengths: the 5th-95th percentile of task readiness "
            "(0.32-0.80) then spans ~11.5 doublings (~3,000x), e.g. 10 minutes to three "
            "weeks of work, the range of METR's task suites (seconds to 30 h) widened to "
            "O*NET tasks."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            16.0,
            32.0,
            source=(
                "Assumption: the 5th-95th percentile readiness range spans 8-15 doublings "
                "of task length; the FTM span (20% to nearly all cognitive tasks in 1-8 OOM, "
                "checked by laborsim validate) bounds it."
            ),
        ),
    )
    difficulty_noise_sd_doublings: float = param(
        2.0,
        unit="doublings",
        ge=0.0,
        le=20.0,
        description="Standard deviation of the task-level random difficulty shift.",
        source=(
            "Assumption: task heterogeneity not captured by the criteria, one OOM of "
            "effective compute (2 horizon doublings), as before issue 19."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(1.0, 4.0, source="Assumption: half to twice the default."),
    )
    success_slope_per_doubling: float = param(
        0.6,
        unit="log-odds per doubling",
        gt=0.0,
        le=10.0,
        description=(
            "Slope of the logistic success probability of a task in capability minus "
            "difficulty (horizon doublings): how gradually success rises."
        ),
        source=(
            "METR logistic fits (METR/cross-domain-horizon headline.csv): success falls by "
            "0.595 log-odds per doubling of task length, median of 16 models."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(0.49, 0.77, source="METR: range across the 16 models, 0.49-0.77."),
    )
    instance_length_sd_doublings: float = param(
        1.41,
        unit="doublings",
        ge=0.0,
        le=10.0,
        description=(
            "Standard deviation of log2 instance length within one O*NET task statement: a "
            "statement ('correct errors in software') covers instances of different length, "
            "each succeeding on METR's per-instance logistic, so the task's success is the "
            "mean over its instances (logistic-normal, probit approximation: slope and "
            "autonomy log-odds divided by sqrt(1 + pi slope^2 sd^2 / 8))."
        ),
        source=(
            "SWE-bench Verified (one task statement, 'resolve an issue in a Python library', "
            "500 instances): OpenAI's annotators' time buckets <15 min / 15-60 min / 1-4 h / "
            ">4 h hold 194 / 261 / 42 / 3 issues (METR/cross-domain-horizon "
            "data/benchmarks/swe_bench_verified.toml gives them 7.5 / 30 / 120 / 480 min): "
            "sd 1.28 doublings at the bucket points, 1.41 with the spread inside a bucket "
            "(uniform over its 2 doublings)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            1.28,
            2.41,
            source=(
                "Low: SWE-bench Verified at the bucket points (no spread inside a bucket). "
                "High: the spread of all METR TH1 tasks of 1 minute or more (HCAST and "
                "RE-Bench, 103 tasks across their families, METR/cross-domain-horizon "
                "data/benchmarks/hcast_r_s.toml): one statement spans less than a whole "
                "suite of unrelated task families."
            ),
        ),
    )
    autonomy_success_rate: float = param(
        0.95,
        unit="probability",
        gt=0.5,
        lt=1.0,
        description=(
            "Success rate at which a task runs without the worker (autonomous level); it "
            "costs logit(rate) / slope more horizon doublings than the 50% (assisted) level."
        ),
        source=(
            "Issue 19: autonomy needs 95-99% success; with the METR slope 0.6 that is 4.9-7.7 "
            "extra doublings (the measured 80% horizon is ~5x, 2.3 doublings, shorter)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(0.95, 0.99, source="Issue 19: 95-99% success."),
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
