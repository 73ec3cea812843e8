"""What the dashboard shows, computed from one whole run of the scenario.

A control change re-runs the scenario whole through the library (:func:`sim.run`,
the vectorised 30-year run) and the views read yearly slices of its result, so
playing or stepping through the years never re-simulates.  Runs are cached by
the scenario's full JSON, so going back to an earlier setting is instant.
Everything here is pure pandas: no Solara, no printing.

Units: employment in persons; relative changes are fractions
(``employment / employment_no_ai - 1``); compute in OOM (log10) above the
scenario's reference year.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.ensemble import ENSEMBLE_DIR, Ensemble, is_ensemble_dir, load_ensemble
from sim.experiments.runner import load_tables, run
from sim.io.results import RunResult
from sim.params import ElasticitySource, Scenario
from sim.report.frames import major_group_paths, movers, seed_picture_frame

#: Runs kept in memory per server process (a 30-year run is ~3 MB of frames).
RUN_CACHE_SIZE = 16
#: Occupations listed at each end of the top-movers table.
MOVERS_PER_SIDE = 5
#: Criteria scores shown for one occupation (the data set's five criteria).
CRITERIA_COLUMNS = (
    "task_definedness",
    "data_availability",
    "economic_value",
    "physical_barrier",
    "interpersonal_barrier",
)
#: Where ``laborsim run`` saves a scenario's results by default; its uncertainty
#: ensemble, if one was run, is in ``RESULTS_DIR/<name>/ensemble``.
RESULTS_DIR = Path("results")
#: Columns of the data set's optional per-occupation elasticity estimates (central, 5%, 95%).
ELASTICITY_ESTIMATE_COLUMNS = ("elasticity_central", "elasticity_low", "elasticity_high")


@dataclass(frozen=True)
class DashboardRun:
    """One completed run and the tables the views need.

    Attributes
    ----------
    scenario : Scenario
        The scenario that was run (file plus dashboard overrides).
    result : RunResult
        Its yearly occupation frame and per-step economy frame.
    reference : pandas.DataFrame
        The occupation table (titles, SOC major groups, criteria scores).
    elasticities : pandas.DataFrame or None
        The data set's per-occupation elasticity estimates, where it has them.
    groups : pandas.DataFrame
        Employment with and without AI per SOC major group and year.
    run_seconds : float
        Wall time of the run that produced ``result`` (s).
    replication : int
        Replication index (independent random stream) of the run.
    ensemble : Ensemble or None
        The uncertainty ensemble saved for exactly this scenario (``laborsim run
        FILE --uncertainty``), if there is one.
    """

    scenario: Scenario
    result: RunResult
    reference: pd.DataFrame
    elasticities: pd.DataFrame | None
    groups: pd.DataFrame
    run_seconds: float
    replication: int = 0
    ensemble: Ensemble | None = None

    @property
    def years(self) -> list[int]:
        """The recorded years, base year first."""
        return sorted(int(y) for y in self.result.occupations["year"].unique())

    def totals(self, year: int) -> tuple[float, float]:
        """Total employment with and without AI in ``year`` (persons)."""
        rows = self.result.occupations.loc[self.result.occupations["year"] == year]
        return float(rows["employment"].sum()), float(rows["employment_no_ai"].sum())

    def group_changes(self, year: int) -> pd.DataFrame:
        """Per SOC major group in ``year``: employment, no-AI employment, relative change."""
        rows = self.groups.loc[self.groups["year"] == year].copy()
        rows["relative_change"] = rows["employment"] / rows["employment_no_ai"] - 1.0
        return rows.sort_values("relative_change").reset_index(drop=True)

    def movers(self, year: int) -> pd.DataFrame:
        """The report's top-movers table (most shrinking first) in ``year``.

        With estimated elasticities it carries each occupation's elasticity range.
        """
        estimated = self.scenario.demand.elasticity_source is ElasticitySource.ESTIMATED
        ranges = self.elasticities if estimated else None
        return movers(self.result, year, MOVERS_PER_SIDE, ranges=ranges)

    def seed_picture_frame(self, year: int) -> pd.DataFrame:
        """The report's exposure-vs-elasticity frame in ``year``."""
        return seed_picture_frame(self.result, year)

    def occupation_titles(self) -> dict[str, str]:
        """Occupation code -> title, in table order."""
        reference = self.reference
        return dict(zip(reference["occupation_code"], reference["title"], strict=True))

    def occupation_path(self, code: str) -> pd.DataFrame:
        """Yearly rows of one occupation: employment, no-AI path, exposure, adoption, ..."""
        frame = self.result.occupations
        rows = frame.loc[frame["occupation_code"].astype(str) == code]
        return rows.drop(columns=["occupation_code", "title"]).reset_index(drop=True)

    def occupation_facts(self, code: str, year: int) -> dict[str, float | str]:
        """One occupation's criteria scores, its state in ``year`` and elasticity estimates.

        ``demand_elasticity`` is the model's elasticity in ``year`` (after saturation);
        ``elasticity_central``/``_low``/``_high`` are the data set's estimates (central,
        5th and 95th percentile), present only where the data set has them.
        """
        reference = self.reference.loc[self.reference["occupation_code"] == code].iloc[0]
        path = self.occupation_path(code)
        now = path.loc[path["year"] == year].iloc[0]
        facts: dict[str, float | str] = {"title": str(reference["title"])}
        facts |= {name: float(reference[name]) for name in CRITERIA_COLUMNS}
        for name in ("exposure", "adoption", "productivity_multiplier", "demand_elasticity"):
            facts[name] = float(now[name])
        if self.elasticities is not None:
            estimate = self.elasticities.loc[self.elasticities["occupation_code"] == code]
            for name in ELASTICITY_ESTIMATE_COLUMNS:
                facts[name] = float(estimate[name].iloc[0])
        facts["employment"] = float(now["employment"])
        facts["employment_no_ai"] = float(now["employment_no_ai"])
        return facts | self.ensemble_facts(code)

    def ensemble_band(self, code: str) -> pd.DataFrame:
        """The occupation's ensemble rows (year, median, q05, q95, ...); empty without one."""
        if self.ensemble is None:
            return pd.DataFrame()
        rows = self.ensemble.occupations
        return rows.loc[rows["occupation_code"] == code].reset_index(drop=True)

    def ensemble_facts(self, code: str) -> dict[str, float | str]:
        """``ensemble YEAR`` -> "median [5%, 95%], P(shrink), class" for each ensemble year."""
        return {
            f"ensemble {row.year}": (
                f"{row.median:+.0%} [{row.q05:+.0%}, {row.q95:+.0%}]; "
                f"P(shrink >5%) {row.p_shrink:.2f}; {row.classification}"
            )
            for row in self.ensemble_band(code).itertuples()
        }


def run_scenario(scenario: Scenario, replication: int = 0) -> DashboardRun:
    """Run ``scenario`` whole (cached by its full JSON) and derive the views' tables."""
    return _cached_run(_ScenarioKey(scenario.model_dump_json(), scenario), replication)


@dataclass(frozen=True)
class _ScenarioKey:
    """Hashable cache key: equal scenarios have equal JSON."""

    json: str
    scenario: Scenario = field(compare=False, hash=False)


@functools.lru_cache(maxsize=RUN_CACHE_SIZE)
def _cached_run(key: _ScenarioKey, replication: int) -> DashboardRun:
    scenario = key.scenario
    tables = load_tables(scenario)
    reference = tables.occupations
    started = time.perf_counter()
    result = run(scenario, replication=replication)
    seconds = time.perf_counter() - started
    return DashboardRun(
        scenario=scenario,
        result=result,
        reference=reference,
        elasticities=tables.elasticities,
        groups=major_group_paths(result.occupations, reference),
        run_seconds=seconds,
        replication=replication,
        ensemble=saved_ensemble(scenario),
    )


def saved_ensemble(scenario: Scenario, results: Path = RESULTS_DIR) -> Ensemble | None:
    """The ensemble saved for ``scenario`` (the same settings), or None."""
    directory = results / scenario.name / ENSEMBLE_DIR
    if not is_ensemble_dir(directory):
        return None
    try:
        ensemble = load_ensemble(directory)
    except LaborsimError:
        return None
    settings = json.loads(json.dumps(scenario.to_dict()))
    return ensemble if ensemble.meta.get("base_scenario") == settings else None
