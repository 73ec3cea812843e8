"""An analysed uncertainty ensemble: ranges, sign probabilities, classes and drivers, on disk.

:func:`analyse_ensemble` reads an ensemble's sweep store, computes the tables
(:mod:`sim.experiments.ensemble_stats`) and writes them beside the store, each
file complete or absent; :func:`load_ensemble` reads them back.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.conventions import SEED_EXAMPLES
from sim.errors import LaborsimError
from sim.experiments import ensemble_stats as stats
from sim.experiments.design import sampling_values
from sim.experiments.ensemble_design import drawn_parameters
from sim.experiments.runner import load_tables
from sim.experiments.store import DONE, FAILED, SweepStore
from sim.experiments.sweep_outcomes import DISPLACED, EMPLOYMENT, TOTAL, WAGE_BILL
from sim.io.sweep_files import Sweep, sweep_from_fingerprint
from sim.params import Scenario
from sim.rng import named_stream, root_sequence

META_FILE = "ensemble.json"
TOTALS_FILE = "ensemble_totals.parquet"
OCCUPATIONS_FILE = "ensemble_occupations.parquet"
DRIVERS_FILE = "ensemble_drivers.parquet"
#: Total outcomes whose ranges and drivers are reported (the headline totals).
HEADLINE_TOTALS = (EMPLOYMENT, WAGE_BILL, DISPLACED)
#: Outcomes that are relative changes (shares) and get sign probabilities.
RELATIVE_OUTCOMES = (EMPLOYMENT, WAGE_BILL)
OCCUPATION_PREFIX = "occ:"
DRIVERS_STREAM = "ensemble-drivers"


@dataclass(frozen=True)
class Ensemble:
    """An analysed ensemble, as stored in its directory.

    Attributes
    ----------
    directory : Path
        The ensemble directory (``RUN_DIR/ensemble``).
    meta : dict
        Draws asked and done, sampler, seed, the drawn parameters with their
        ranges and distributions, the held ones, the classification rule.
    totals : pandas.DataFrame
        One row per headline total and year: ``outcome``, ``year``, ``draws``,
        ``median``, ``q05``, ``q95``, ``mean``, ``p_shrink``, ``p_grow``,
        ``p_neither`` (probabilities for relative outcomes only).
    occupations : pandas.DataFrame
        One row per occupation and year: ``occupation_code``, ``title``,
        ``employment_base`` (the data set's base-year employment, persons),
        ``year``, the range columns, the probabilities, ``classification``
        and ``either_way``.
    drivers : pandas.DataFrame
        One row per target (``outcome``, ``year``, ``scope``, ``label``) and
        parameter: ``parameter``, ``pawn``, ``pawn_conf``, ``above_noise``,
        ``rank``.
    """

    directory: Path
    meta: dict[str, Any]
    totals: pd.DataFrame
    occupations: pd.DataFrame
    drivers: pd.DataFrame

    @property
    def years(self) -> list[int]:
        """Years the ensemble reports (the milestone where inside the run, the horizon)."""
        return sorted(int(year) for year in self.totals["year"].unique())

    def band(self, code: str, year: int) -> dict[str, Any] | None:
        """One occupation's row in ``year`` as a dict, or None if the ensemble lacks it."""
        rows = self.occupations
        found = rows.loc[(rows["occupation_code"] == code) & (rows["year"] == year)]
        return None if found.empty else dict(found.iloc[0])


def analyse_ensemble(directory: str | Path) -> Ensemble:
    """Ranges, probabilities, classes and drivers of an ensemble; written beside its store."""
    directory = Path(directory)
    sweep = _stored_sweep(directory)
    scenario = sweep.base
    with SweepStore(directory, read_only=True) as store:
        experiments = store.experiments()
        outcomes = store.outcomes()
    done = experiments.loc[experiments["status"] == DONE].reset_index(drop=True)
    if done.empty:
        raise LaborsimError(f"{directory}: no finished draw to analyse")
    wide = _wide(outcomes, done["run_id"])
    names = [factor.name for factor in sweep.uncertainties]
    x = sampling_values(sweep.uncertainties, done)
    reference = _reference(scenario)
    ensemble = Ensemble(
        directory,
        _meta(sweep, experiments, done, scenario),
        _totals(wide),
        _occupation_bands(wide, reference),
        _drivers(wide, x, names, sweep.seed),
    )
    _write(ensemble)
    return ensemble


def _stored_sweep(directory: Path) -> Sweep:
    """The ensemble's sweep as its store recorded it."""
    with SweepStore(directory, read_only=True) as store:
        fingerprint = store.meta()["fingerprint"]
    return sweep_from_fingerprint(fingerprint, origin=str(directory))


def _wide(outcomes: pd.DataFrame, run_ids: pd.Series) -> pd.DataFrame:
    """Draws x (outcome, year, scope): one column per outcome key, rows in run-id order."""
    table = outcomes.loc[outcomes["run_id"].isin(run_ids)]
    wide = table.pivot_table(
        index="run_id", columns=["outcome", "year", "scope"], values="value", aggfunc="first"
    )
    return wide.reindex(run_ids.to_numpy())


def _totals(wide: pd.DataFrame) -> pd.DataFrame:
    keys = [key for key in wide.columns if key[2] == TOTAL and key[0] in HEADLINE_TOTALS]
    values = wide[keys].to_numpy(float)
    frame = pd.DataFrame(keys, columns=["outcome", "year", "scope"]).drop(columns="scope")
    frame = pd.concat([frame, stats.ranges(values), stats.sign_probabilities(values)], axis=1)
    relative = frame["outcome"].isin(RELATIVE_OUTCOMES)
    frame.loc[~relative, list(stats.PROBABILITY_COLUMNS)] = np.nan
    frame["outcome"] = pd.Categorical(frame["outcome"], categories=list(HEADLINE_TOTALS))
    frame = frame.sort_values(["year", "outcome"], ignore_index=True)
    frame["outcome"] = frame["outcome"].astype(str)
    return frame


def _occupation_bands(wide: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    keys = [
        key for key in wide.columns if key[0] == EMPLOYMENT and key[2].startswith(OCCUPATION_PREFIX)
    ]
    values = wide[keys].to_numpy(float)
    codes = [key[2].removeprefix(OCCUPATION_PREFIX) for key in keys]
    frame = pd.DataFrame(
        {
            "occupation_code": codes,
            "title": reference["title"].reindex(codes).fillna("").to_numpy(),
            "employment_base": reference["employment_base"].reindex(codes).to_numpy(),
            "year": np.array([key[1] for key in keys], dtype=np.int64),
        }
    )
    probabilities = stats.sign_probabilities(values)
    frame = pd.concat([frame, stats.ranges(values), probabilities], axis=1)
    frame["classification"] = stats.classify(frame["q05"], frame["q95"])
    frame["either_way"] = stats.either_way(probabilities["p_shrink"], probabilities["p_grow"])
    return frame.sort_values(["year", "occupation_code"], ignore_index=True)


def _drivers(wide: pd.DataFrame, x: np.ndarray, names: list[str], seed: int) -> pd.DataFrame:
    """PAWN drivers of each headline total and each seed example, at every year."""
    rng = named_stream(root_sequence(seed), DRIVERS_STREAM)
    targets = [key for key in wide.columns if key[2] == TOTAL and key[0] in HEADLINE_TOTALS]
    targets += [
        key
        for key in wide.columns
        if key[0] == EMPLOYMENT
        and key[2].removeprefix(OCCUPATION_PREFIX) in SEED_EXAMPLES
        and key[2].startswith(OCCUPATION_PREFIX)
    ]
    frames = []
    for outcome, year, scope in targets:
        y = wide[(outcome, year, scope)].to_numpy(float)
        table = stats.pawn_drivers(x, y, names, rng=rng)
        if table.empty:
            continue
        code = scope.removeprefix(OCCUPATION_PREFIX)
        label = SEED_EXAMPLES.get(code, "all occupations")
        frames.append(table.assign(outcome=outcome, year=int(year), scope=scope, label=label))
    if not frames:
        return pd.DataFrame()
    columns = ["outcome", "year", "scope", "label"]
    table = pd.concat(frames, ignore_index=True)
    return table[[*columns, *[c for c in table.columns if c not in columns]]]


def _reference(scenario: Scenario) -> pd.DataFrame:
    """Title and base-year employment (persons) by occupation code, from the scenario's data."""
    occupations = load_tables(scenario).occupations
    return pd.DataFrame(
        {
            "title": occupations["title"].astype(str).to_numpy(),
            "employment_base": occupations["employment"].to_numpy(float),
        },
        index=occupations["occupation_code"].astype(str).to_numpy(),
    )


def _meta(
    sweep: Sweep, experiments: pd.DataFrame, done: pd.DataFrame, scenario: Scenario
) -> dict[str, Any]:
    _, held = drawn_parameters(scenario)
    failed = experiments["status"] == FAILED
    return {
        "scenario": scenario.name,
        "base_scenario": sweep.base.to_dict(),
        "draws": int(sweep.spec.samples),
        "draws_done": len(done),
        "draws_failed": int(failed.sum()),
        "first_error": str(experiments.loc[failed, "error"].iloc[0]) if failed.any() else "",
        "sampler": "Latin hypercube (SALib sample.latin)",
        "seed": int(sweep.seed),
        "seed_scheme": "each draw its own stream: spawn key (draw, 0) of the seed",
        "parameters": [
            {
                "name": f.name,
                "low": f.low,
                "high": f.high,
                "distribution": str(f.distribution),
            }
            for f in sweep.uncertainties
        ],
        "held": held,
        "rule": {
            "change_threshold": stats.CHANGE_THRESHOLD,
            "robust": "5-95% range entirely beyond -+change_threshold",
            "either_way_share": stats.EITHER_WAY_SHARE,
        },
        "drivers": {
            "measure": "PAWN (median KS over slides; SALib analyze.pawn)",
            "slides": stats.PAWN_SLIDES,
            "bootstrap_resamples": stats.BOOTSTRAP_RESAMPLES,
            "confidence": stats.CONFIDENCE,
        },
    }


def _write(ensemble: Ensemble) -> None:
    """Write the tables and the metadata, each file complete or absent (temp file, rename)."""
    directory = ensemble.directory
    for name, table in (
        (TOTALS_FILE, ensemble.totals),
        (OCCUPATIONS_FILE, ensemble.occupations),
        (DRIVERS_FILE, ensemble.drivers),
    ):
        _replace(directory / name, table.to_parquet(index=False))
    text = json.dumps(ensemble.meta, indent=2, sort_keys=True)
    _replace(directory / META_FILE, text.encode("utf-8"))


def _replace(target: Path, content: bytes | None) -> None:
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        temporary.write_bytes(content or b"")
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise LaborsimError(f"{target}: cannot write: {error}") from None


def is_ensemble_dir(directory: str | Path) -> bool:
    """Whether ``directory`` holds an analysed ensemble."""
    return (Path(directory) / META_FILE).is_file()


def load_ensemble(directory: str | Path) -> Ensemble:
    """Read an analysed ensemble (``RUN_DIR/ensemble``).

    Raises
    ------
    LaborsimError
        If the directory holds no analysed ensemble.
    """
    directory = Path(directory)
    if not is_ensemble_dir(directory):
        raise LaborsimError(
            f"{directory}: no uncertainty ensemble here (run `laborsim run SCENARIO --uncertainty`)"
        )
    try:
        meta = json.loads((directory / META_FILE).read_text())
        tables = [pd.read_parquet(directory / name) for name in (TOTALS_FILE, OCCUPATIONS_FILE)]
        drivers_file = directory / DRIVERS_FILE
        drivers = pd.read_parquet(drivers_file) if drivers_file.is_file() else pd.DataFrame()
    except (OSError, ValueError) as error:
        raise LaborsimError(f"{directory}: cannot read the ensemble: {error}") from None
    return Ensemble(directory, meta, tables[0], tables[1], drivers)
