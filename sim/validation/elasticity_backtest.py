"""Check 10: a backtest of the elasticity rule on the computerisation era (OEWS 2012-2017).

The model's rule: automation raises labour productivity A; output grows by
``phi * eps * d ln A`` and employment by ``(phi * eps - 1) d ln A``, so where
automation is strong, occupations whose output has elastic demand (eps > 1)
should grow relative to those with inelastic demand (eps < 1).  The test takes
the automation of 2012-2017 (computers and software substituting for routine
tasks, Autor, Levy & Murnane 2003) and asks whether, among the occupations
most exposed to it, those in elastic markets grew faster.

Exposure is the routine-cognitive task index (Acemoglu & Autor 2011), chosen
before the result was known because it is the field's standard measure of
exposure to computerisation and is built from three O*NET work-context items
in the shared data; the era-dated 2012 O*NET "Degree of Automation" (one item,
measured before the window, but the level of automation already in place
rather than task content open to it) is a sensitivity.  Elasticities are the
central values of ``elasticities.csv``, read as they are; the test never
changes them.  Units are crosswalk comparison groups (``occupations/SOURCES.md``
section 5); growth is ln(employment 2017 / employment 2012).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.experiments.runner import occupations_dir
from sim.rng import named_stream, root_sequence
from sim.validation.backtest_data import (
    ELASTICITIES_FILE,
    comparison_panel,
    load_elasticities,
    load_history,
)
from sim.validation.backtest_stats import (
    GroupArrays,
    IntArray,
    Interval,
    bootstrap,
    interaction_coefficient,
    percentile_interval,
    weighted_mean,
)
from sim.validation.inputs import ValidationInputs
from sim.validation.result import CheckResult

YEARS = (2012, 2017)
"""Window: 2012 is the first May estimate with SOC 2010 codes throughout; 2017 the last of
the file.  2011 (SOC 2000 codes mixed in, coarser groups) is a sensitivity."""
GROUP_COLUMN = "group_2012_2017"
EXPOSURE_COLUMN = "routine_intensity"
HIGH_EXPOSURE_SHARE = 1.0 / 3.0
"""Highly exposed = the highest-exposure groups holding the top third of 2012 employment
(a tercile: enough elastic and inelastic groups on each side for a bootstrap)."""
UNIT_ELASTICITY = 1.0
"""Elastic means central elasticity > 1, inelastic < 1; exactly 1 is neither (excluded)."""
MIN_GAP = 0.0
"""Pass band, stated before the result: the employment-weighted mean log growth 2012-2017 of
elastic minus inelastic occupations in the high-exposure tercile is > 0 (log points).  Only
the sign is required: five years of a modest productivity shock, mixed with other demand
shifts (health care, the post-2009 recovery), give a small expected effect, so the check
tests the rule's direction; whether the 90% interval excludes 0 is reported beside it."""
INTERVAL_LEVEL = 0.90
BOOTSTRAP_REPLICATES = 2000
"""Stratified bootstrap replicates (groups resampled within the elastic and inelastic cells)."""
RNG_STREAM = "validation.elasticity_backtest"
"""Named stream of the baseline seed for the bootstrap draws."""
SENSITIVITIES: dict[str, tuple[str, str, tuple[int, int]]] = {
    "Degree of Automation 2012": ("degree_of_automation_2012", GROUP_COLUMN, YEARS),
    "2011-2017": (EXPOSURE_COLUMN, "group_2011_2017", (2011, 2017)),
}
"""Reported, not scored: (exposure column, group column, years) per variant."""


@dataclass(frozen=True)
class Backtest:
    """Figures of one backtest variant (growth in log points, employment in persons)."""

    gap: Interval
    gap_low_exposure: float
    difference_in_differences: Interval
    interaction: Interval
    relative_growth: dict[str, float]
    groups: dict[str, int]
    employment: dict[str, float]


def run_backtest(
    history: pd.DataFrame,
    elasticity: pd.Series,
    *,
    rng: np.random.Generator,
    exposure_column: str = EXPOSURE_COLUMN,
    group_column: str = GROUP_COLUMN,
    years: tuple[int, int] = YEARS,
) -> Backtest:
    """Gap, difference-in-differences and regression with bootstrap intervals.

    Parameters
    ----------
    history
        The per-code history panel (``history_2011_2017.csv``).
    elasticity
        Central elasticity by ``occupation_code`` (unitless, >= 0).
    rng
        Generator of the bootstrap draws.
    exposure_column, group_column, years
        The variant (defaults: the scored one).
    """
    panel = comparison_panel(
        history, elasticity, group_column=group_column, years=years, exposure_column=exposure_column
    )
    growth = panel["log_growth"].to_numpy() - weighted_mean(
        panel["log_growth"].to_numpy(), panel["start"].to_numpy()
    )
    data = panel.assign(relative_growth=growth).dropna(subset=["exposure", "elasticity"])
    groups = GroupArrays.classify(
        data["relative_growth"].to_numpy(),
        data["start"].to_numpy(),
        data["exposure"].to_numpy(),
        data["elasticity"].to_numpy(),
        unit_elasticity=UNIT_ELASTICITY,
        exposed_share=HIGH_EXPOSURE_SHARE,
    )
    high, low = groups.cells(groups.high), groups.cells(groups.low)
    g, w = groups.growth, groups.weight
    return Backtest(
        gap=_interval(lambda rows: groups.gap(rows, groups.high), high, rng),
        gap_low_exposure=groups.gap(np.concatenate(low), groups.low),
        difference_in_differences=_interval(groups.difference_in_differences, high + low, rng),
        interaction=_regression(data, rng),
        relative_growth={
            "high_elastic": weighted_mean(g[high[0]], w[high[0]]),
            "high_inelastic": weighted_mean(g[high[1]], w[high[1]]),
        },
        groups={
            "panel": len(panel),
            "analysed": len(data),
            "high_elastic": high[0].size,
            "high_inelastic": high[1].size,
            "high_unit": int((groups.high & ~groups.elastic & ~groups.inelastic).sum()),
        },
        employment={"high_elastic": w[high[0]].sum(), "high_inelastic": w[high[1]].sum()},
    )


def _interval(
    statistic: Callable[[IntArray], float], strata: list[IntArray], rng: np.random.Generator
) -> Interval:
    """Statistic on all rows of ``strata`` and its stratified-bootstrap interval."""
    draws = bootstrap(statistic, strata, rng=rng, replicates=BOOTSTRAP_REPLICATES)
    return percentile_interval(statistic(np.concatenate(strata)), draws, INTERVAL_LEVEL)


def _regression(data: pd.DataFrame, rng: np.random.Generator) -> Interval:
    """Interaction of standardised exposure and ln eps (eps > 0 only), with its interval."""
    rows = data.loc[data["elasticity"] > 0.0]
    g, w = rows["relative_growth"].to_numpy(), rows["start"].to_numpy()
    x = rows["exposure"].to_numpy()
    mean = weighted_mean(x, w)
    z = (x - mean) / np.sqrt(weighted_mean((x - mean) ** 2, w))
    log_eps = np.log(rows["elasticity"].to_numpy())
    major = pd.factorize(rows["major_group"], sort=True)[0]

    def statistic(sample: IntArray) -> float:
        return interaction_coefficient(
            g[sample], w[sample], z[sample], log_eps[sample], major[sample]
        )

    return _interval(statistic, [np.arange(g.size)], rng)


def elasticity_backtest_check(inputs: ValidationInputs) -> CheckResult:
    """Elastic minus inelastic growth 2012-2017 among the most routine-intensive occupations."""
    directory = Path(occupations_dir(inputs.baseline)).resolve()
    history = load_history(directory)
    table = load_elasticities(directory)
    elasticity = table.set_index("occupation_code")["elasticity_central"]
    root = root_sequence(inputs.baseline.seed)
    result = run_backtest(history, elasticity, rng=named_stream(root, RNG_STREAM))
    variants = {
        name: run_backtest(
            history,
            elasticity,
            rng=named_stream(root, f"{RNG_STREAM}.{name}"),
            exposure_column=exposure,
            group_column=group,
            years=years,
        )
        for name, (exposure, group, years) in SENSITIVITIES.items()
    }
    gap = result.gap
    return CheckResult(
        name="elasticity_backtest_2012_2017",
        description=(
            "Among the occupation groups in the top routine-intensity tercile of 2012 "
            "employment, employment-weighted mean log employment growth 2012-2017 (OEWS) "
            f"of elastic (central elasticity > 1, {ELASTICITIES_FILE}) minus inelastic "
            "(< 1) groups."
        ),
        published=(
            "no published figure: the model's rule d ln L = (phi eps - 1) d ln A predicts "
            "a positive gap where automation raised productivity"
        ),
        source=(
            "OEWS May 2012/2017 (BLS); routine-cognitive index of Acemoglu & Autor (2011), "
            "Handbook of Labor Economics 4B, doi:10.1016/S0169-7218(11)02410-5, from O*NET "
            "work context; Autor, Levy & Murnane (2003), QJE 118(4), "
            "doi:10.1162/003355303322552801"
        ),
        ours=(
            f"{_log_points(gap.point)} (90% interval {100.0 * gap.low:+.1f} to "
            f"{100.0 * gap.high:+.1f}, {'excludes' if gap.excludes_zero else 'includes'} 0); "
            f"{result.groups['high_elastic']} elastic vs {result.groups['high_inelastic']} "
            f"inelastic groups ({result.employment['high_elastic'] / 1e6:.1f}M vs "
            f"{result.employment['high_inelastic'] / 1e6:.1f}M workers in 2012)"
        ),
        band=f"gap > {MIN_GAP:g} (sign of the rule); interval reported",
        passed=bool(gap.point > MIN_GAP),
        notes=_notes(result, variants, table),
        metrics=_metrics(result, variants),
    )


def _log_points(value: float) -> str:
    return f"{100.0 * value:+.1f} log points"


def _interval_text(interval: Interval) -> str:
    return (
        f"{100.0 * interval.point:+.1f} [{100.0 * interval.low:+.1f}, "
        f"{100.0 * interval.high:+.1f}] log points"
    )


def _notes(result: Backtest, variants: dict[str, Backtest], table: pd.DataFrame) -> str:
    growth, groups = result.relative_growth, result.groups
    sources = table["elasticity_source"].astype(str).str.split(":").str[0].value_counts()
    sensitivity = "; ".join(f"{name}: {_interval_text(v.gap)}" for name, v in variants.items())
    beta = result.interaction
    return (
        f"Relative to the all-group mean, the high-exposure elastic groups grew "
        f"{_log_points(growth['high_elastic'])} and the inelastic ones "
        f"{_log_points(growth['high_inelastic'])} ({groups['high_unit']} unit-elastic groups "
        f"excluded; {groups['analysed']} of {groups['panel']} comparison groups have both "
        f"exposure and elasticity). Same gap in the low-exposure tercile: "
        f"{_log_points(result.gap_low_exposure)}; difference (high minus low, removes "
        "elasticity-linked growth unrelated to automation): "
        f"{_interval_text(result.difference_in_differences)}. Continuous version, weighted "
        "regression of relative growth on exposure (standardised), ln elasticity, their "
        "product and major-group effects: product coefficient "
        f"{_interval_text(beta)} per SD of exposure per unit ln eps. Sensitivities (gap, 90% "
        f"interval): {sensitivity}. Elasticity sources: "
        + ", ".join(f"{name} {count}" for name, count in sources.head(4).items())
        + f". Intervals: {BOOTSTRAP_REPLICATES} stratified bootstrap replicates of groups, "
        "seeded from the baseline seed. Limits: five years; routine intensity measured on "
        "a recent O*NET release; employment also moved for reasons unrelated to automation."
    )


def _metrics(result: Backtest, variants: dict[str, Backtest]) -> dict[str, float]:
    metrics = {
        "gap": result.gap.point,
        "gap_low": result.gap.low,
        "gap_high": result.gap.high,
        "gap_low_exposure": result.gap_low_exposure,
        "difference_in_differences": result.difference_in_differences.point,
        "interaction": result.interaction.point,
        "interaction_low": result.interaction.low,
        "interaction_high": result.interaction.high,
        **{f"relative_growth_{k}": v for k, v in result.relative_growth.items()},
        **{f"groups_{k}": float(v) for k, v in result.groups.items()},
    }
    for name, variant in variants.items():
        metrics[f"gap_{name}"] = variant.gap.point
    return metrics
