"""Read sweep specifications (``scenarios/sweeps/*.toml``) into a validated :class:`Sweep`.

A sweep file names a base scenario, the uncertainties and levers to vary (by
the dotted parameter names of scenario files), the outcomes to record, a
sampler, the sample size, replications per design point and a root seed::

    name = "baseline-sensitivity"
    base = "../baseline.toml"          # relative to this file, or a shipped name: "baseline"
    sampler = "sobol"                  # grid | latin_hypercube | sobol | morris
    samples = 64                       # see Sampler for what N means for each
    [uncertainties]
    "capability.hardware_doubling_years" = {}            # declared plausible range
    "closure.policy_offset_share" = { low = 0.2, high = 0.8 }
    [levers]
    "labor.reemployment_rate_per_year" = { values = [3.5, 5.5] }
    [outcomes]
    years = [2035, "horizon"]

Every problem is one line naming the file, the field and what is allowed;
nothing is run before the whole file is valid.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from math import prod
from pathlib import Path

from sim.errors import ScenarioError
from sim.io.input_files import checked_path, read_toml
from sim.io.scenario_files import load_scenario
from sim.io.shipped import is_name, shipped_scenario, sweep_file
from sim.io.sweep_spec import (
    DEFAULT_YEARS,
    HORIZON,
    MAX_NAME_CHARS,
    MAX_RUNS,
    DiscoverySpec,
    FactorSpec,
    OutcomeSpec,
    Sampler,
    SeedScheme,
    SweepSpec,
    Year,
)
from sim.params import Scenario
from sim.params._field import Distribution
from sim.params.strict import validate_strictly
from sim.params.sweepable import Sweepable, sweepable


@dataclass(frozen=True)
class Factor:
    """A resolved, checked factor: a parameter with its sampling bounds or its values."""

    name: str
    low: float
    high: float
    distribution: Distribution = Distribution.UNIFORM
    values: tuple[float, ...] = ()
    levels: int | None = None


@dataclass(frozen=True)
class Sweep:
    """A validated sweep: spec, base scenario, resolved factors and outcome years."""

    spec: SweepSpec
    base: Scenario
    uncertainties: tuple[Factor, ...]
    levers: tuple[Factor, ...]
    years: tuple[int, ...]
    seed: int

    def fingerprint(self) -> str:
        """Canonical JSON of everything that decides the runs (spec and base scenario)."""
        payload = {"spec": self.spec.model_dump(mode="json"), "base": self.base.to_dict()}
        return json.dumps(payload, sort_keys=True)


def load_sweep(path: str | Path) -> Sweep:
    """Load, validate and resolve a sweep file (or a shipped sweep's name).

    Raises
    ------
    ScenarioError
        One line per problem: unreadable file, unknown key or parameter (with
        suggestions), bounds outside the valid range, an empty design.
    """
    # A bare name that is no file here is a shipped sweep (sim.io.shipped).
    path = Path(sweep_file(checked_path(path, "sweep file", ScenarioError)))
    data = read_toml(path, "sweep file", ScenarioError)
    data.setdefault("name", path.stem[:MAX_NAME_CHARS])
    spec = validate_strictly(SweepSpec, data, origin=str(path))
    base = load_scenario(_base_file(path, spec.base))
    return resolve(spec, base, origin=str(path))


def _base_file(path: Path, base: str) -> Path:
    """The base scenario: a shipped one by name, else a path relative to the sweep file."""
    where = f"{path}: field 'base'"
    if is_name(base):
        try:
            return shipped_scenario(base)
        except ScenarioError as problem:
            raise ScenarioError(f"{where} = {base!r}: {problem}") from None
    return path.parent / checked_path(base, "base scenario", ScenarioError, where=where)


def sweep_from_fingerprint(text: str, *, origin: str) -> Sweep:
    """Rebuild the :class:`Sweep` stored in a sweep store (see :meth:`Sweep.fingerprint`)."""
    try:
        payload = json.loads(text)
        spec = SweepSpec.model_validate(payload["spec"])
        base = Scenario.model_validate(payload["base"])
    except (ValueError, KeyError, TypeError) as error:  # ValidationError is a ValueError
        raise ScenarioError(
            f"{origin}: the store's sweep description cannot be read "
            f"({' '.join(str(error).split())[:200]}); run the sweep into a new --out directory"
        ) from None
    return resolve(spec, base, origin=origin)


def resolve(spec: SweepSpec, base: Scenario, *, origin: str = "<sweep>") -> Sweep:
    """Check ``spec`` against the parameter declarations and ``base``; see :func:`load_sweep`."""
    if not spec.uncertainties and not spec.levers:
        raise ScenarioError(f"{origin}: empty design: name at least one uncertainty or lever")
    if spec.sampler in (Sampler.SOBOL, Sampler.MORRIS) and not spec.uncertainties:
        raise ScenarioError(f"{origin}: sampler '{spec.sampler}' needs at least one uncertainty")
    if spec.sampler is Sampler.SOBOL and spec.samples & (spec.samples - 1):
        raise ScenarioError(
            f"{origin}: field 'samples' = {spec.samples}: the sobol sampler needs a power of 2 "
            "(Sobol' sequences balance only there), e.g. 64, 128, 256"
        )
    both = sorted(set(spec.uncertainties) & set(spec.levers))
    if both:
        raise ScenarioError(f"{origin}: '{both[0]}' is both an uncertainty and a lever")
    uncertainties = tuple(
        _uncertainty(origin, name, item) for name, item in spec.uncertainties.items()
    )
    levers = tuple(_lever(origin, name, item) for name, item in spec.levers.items())
    years = _years(origin, spec.outcomes, base)
    _check_outcome_lists(origin, spec.outcomes)
    for number, rule in enumerate(spec.discovery):
        _check_discovery(f"{origin}: discovery[{number}]", rule, spec.outcomes, years, base)
    seed = base.seed if spec.seed is None else spec.seed
    sweep = Sweep(spec, base, uncertainties, levers, years, seed)
    _check_size(origin, sweep)
    return sweep


def _uncertainty(origin: str, name: str, item: FactorSpec) -> Factor:
    where = f"{origin}: uncertainties.'{name}'"
    declared = _declared(where, name)
    if declared.integer:
        raise ScenarioError(f"{where}: an integer parameter cannot be sampled; make it a lever")
    if item.values is not None:
        raise ScenarioError(f"{where}: 'values' is for levers; give low and high")
    low, high = _bounds(where, declared, item)
    plausible = declared.plausible
    fallback = plausible.distribution if plausible else Distribution.UNIFORM
    distribution = item.distribution or fallback
    if distribution is Distribution.LOG_UNIFORM and low <= 0:
        raise ScenarioError(f"{where}: a log-uniform range needs low > 0, got {low:g}")
    return Factor(name, low, high, distribution, levels=item.levels)


def _lever(origin: str, name: str, item: FactorSpec) -> Factor:
    where = f"{origin}: levers.'{name}'"
    declared = _declared(where, name)
    if item.values is not None:
        values = tuple(item.values)
    else:
        low, high = _bounds(where, declared, item)
        count = item.levels or 3
        values = tuple(low + (high - low) * i / (count - 1) for i in range(count))
    for value in values:
        if not declared.admits(value):
            raise ScenarioError(
                f"{where}: value {value:g} is outside the valid range {declared.valid_range()}"
            )
    return Factor(name, min(values), max(values), values=values)


def _declared(where: str, name: str) -> Sweepable:
    try:
        return sweepable(name)
    except ScenarioError as error:
        raise ScenarioError(f"{where}: {error}") from None


def _bounds(where: str, declared: Sweepable, item: FactorSpec) -> tuple[float, float]:
    plausible = declared.plausible
    low = item.low if item.low is not None else (plausible.low if plausible else None)
    high = item.high if item.high is not None else (plausible.high if plausible else None)
    if low is None or high is None:
        raise ScenarioError(f"{where}: no declared plausible range; give low and high")
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ScenarioError(f"{where}: needs finite low < high, got [{low:g}, {high:g}]")
    for value in (low, high):
        if not declared.admits(value):
            raise ScenarioError(
                f"{where}: bound {value:g} is outside the valid range {declared.valid_range()}"
                f" {declared.unit}".rstrip()
            )
    return low, high


def _year(origin: str, year: int | str, base: Scenario) -> int:
    if year == HORIZON:
        return base.run.horizon_year
    if not isinstance(year, int) or not base.run.base_year <= year <= base.run.horizon_year:
        raise ScenarioError(
            f"{origin}: outcomes.years: {year!r} is outside the base scenario's years "
            f"[{base.run.base_year}, {base.run.horizon_year}]"
        )
    return year


def _years(origin: str, outcomes: OutcomeSpec, base: Scenario) -> tuple[int, ...]:
    """Outcome years in calendar years, each once (``"horizon"`` may equal a listed year)."""
    written = [str(year) for year in outcomes.years]
    repeated = sorted({year for year in written if written.count(year) > 1})
    if repeated:
        raise ScenarioError(
            f"{origin}: outcomes.years: {', '.join(repeated)} listed more than once; "
            "allowed: each year once"
        )
    resolved = (_year(origin, year, base) for year in outcomes.years)
    return tuple(dict.fromkeys(resolved))


def _check_outcome_lists(origin: str, outcomes: OutcomeSpec) -> None:
    codes = outcomes.occupations
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ScenarioError(
            f"{origin}: outcomes.occupations: {', '.join(repeated)} listed more than once; "
            "allowed: each occupation code once"
        )


def _check_discovery(
    where: str, rule: DiscoverySpec, outcomes: OutcomeSpec, years: tuple[int, ...], base: Scenario
) -> None:
    """A rule must name an outcome the runs record: a recorded year and scope."""
    year = _year(where, rule.year, base)
    if year not in years:
        raise ScenarioError(
            f"{where}: year {rule.year!r} is not an outcome year of this sweep; allowed: "
            f"one of outcomes.years {list(years)}"
        )
    scopes = ["total"]
    if rule.outcome == "employment_vs_no_ai":
        scopes += [f"occ:{code}" for code in outcomes.occupations]
        if outcomes.by_major_group:
            scopes.append("soc:NN (a major group of the data)")
    by_group = outcomes.by_major_group and rule.outcome == "employment_vs_no_ai"
    if rule.scope not in scopes and not (by_group and re.fullmatch(r"soc:\d\d", rule.scope)):
        raise ScenarioError(
            f"{where}: scope {rule.scope[:100]!r} is not recorded for {rule.outcome}; "
            f"allowed: {', '.join(scopes)}"
        )


def _check_size(origin: str, sweep: Sweep) -> None:
    dimensions = len(sweep.uncertainties)
    n = sweep.spec.samples
    points = {
        Sampler.GRID: prod(f.levels or n for f in sweep.uncertainties),
        Sampler.LATIN_HYPERCUBE: n,
        Sampler.SOBOL: n * (dimensions + 2),
        Sampler.MORRIS: n * (dimensions + 1),
    }[sweep.spec.sampler]
    runs = points * prod(len(f.values) for f in sweep.levers) * sweep.spec.replications
    if runs > MAX_RUNS:
        raise ScenarioError(f"{origin}: the design has {runs:,} runs, more than {MAX_RUNS:,}")


__all__ = [
    "DEFAULT_YEARS",
    "DiscoverySpec",
    "Factor",
    "FactorSpec",
    "HORIZON",
    "MAX_NAME_CHARS",
    "MAX_RUNS",
    "OutcomeSpec",
    "Sampler",
    "SeedScheme",
    "Sweep",
    "SweepSpec",
    "Year",
    "load_sweep",
    "resolve",
    "sweep_from_fingerprint",
]
