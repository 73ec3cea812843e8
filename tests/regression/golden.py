"""Summary metrics of every shipped scenario, compared with committed golden values.

Update the golden file only deliberately, and review the diff:
``python -m tests.regression.golden --update``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sim.experiments import outcomes
from sim.experiments.runner import run
from sim.io.results import RunResult
from sim.io.scenario_files import load_scenario

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_FILE = Path(__file__).with_name("scenario_summaries.json")
YEARS = (2035, 2055)
OCCUPATIONS = ("29-1224", "29-1141", "41-4012", "ENTR-0001", "43-9061", "15-1252")


def scenario_files() -> list[Path]:
    """Every shipped scenario file, sorted."""
    return sorted((ROOT / "scenarios").glob("*.toml"))


def summarise(result: RunResult) -> dict[str, float]:
    """Headline numbers of a run: totals, exposure and named occupations vs no-AI."""
    summary: dict[str, float] = {}
    for year in YEARS:
        totals = outcomes.totals_vs_no_ai(result.economy, year)
        row = result.economy.loc[result.economy["year"] <= year + 1e-9].iloc[-1]
        summary[f"employment_vs_no_ai_{year}"] = (
            totals["employment_total"] / totals["employment_total_no_ai"]
        )
        summary[f"unemployed_{year}"] = totals["unemployed"]
        summary[f"mean_exposure_{year}"] = float(row["mean_exposure"])
        for column in (
            "long_term_unemployed",
            "labour_share",
            "labour_share_no_ai",
            "unemployment_rate_no_ai",
            "excess_unemployment_rate",
            "openings_rate",
        ):
            summary[f"{column}_{year}"] = float(row[column])
        gaps = outcomes.employment_vs_no_ai(result.occupations, year).set_index("occupation_code")
        for code in OCCUPATIONS:
            summary[f"{code}_vs_no_ai_{year}"] = float(gaps.loc[code, "relative_change"])
    return summary


def current_summaries() -> dict[str, dict[str, float]]:
    """Summaries of every shipped scenario at its own seed."""
    return {path.stem: summarise(run(load_scenario(path))) for path in scenario_files()}


def main() -> None:
    """Write the golden file when called with ``--update``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden file")
    if parser.parse_args().update:
        GOLDEN_FILE.write_text(json.dumps(current_summaries(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
