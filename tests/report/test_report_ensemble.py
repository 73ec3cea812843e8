"""A report leads with the run's uncertainty ensemble where there is one, and says so where not."""

from __future__ import annotations

from pathlib import Path

import pytest

import sim
from sim.experiments.ensemble import ENSEMBLE_DIR, run_ensemble
from sim.report import report
from sim.report.build_ensemble import NO_ENSEMBLE
from sim.report.ensemble_summary import ensemble_summary

ROOT = Path(__file__).resolve().parents[2]
#: Enough draws for every statistic (PAWN needs 2 per slide), few enough for a test.
DRAWS = 24


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The baseline saved twice: with a small ensemble beside it, and alone."""
    scenario = sim.load_scenario(ROOT / "scenarios" / "baseline.toml")
    result = sim.run(scenario)
    root = tmp_path_factory.mktemp("ensemble-report")
    with_ensemble = result.save(root / "with")
    run_ensemble(scenario, DRAWS, directory=with_ensemble / ENSEMBLE_DIR)
    return with_ensemble, result.save(root / "without")


def test_report_with_an_ensemble_leads_with_ranges_and_adds_its_figure(runs):
    html = report([runs[0]]).html.read_text()
    summary = html[html.index('id="summary"') : html.index('id="capability"')]
    assert f"Across {DRAWS} draws" in summary
    assert "robust decline" in summary
    assert "radiologists" in summary
    assert NO_ENSEMBLE not in html
    assert '<figure id="fig-decline-probability">' in html
    assert "What drives this" in html
    movers = html[html.index('<figure id="fig-movers">') :]
    assert "across the uncertainty ensemble" in movers[: movers.index("</figure>")]


def test_report_without_an_ensemble_says_so(runs):
    html = report([runs[1]]).html.read_text()
    assert html.count("No uncertainty ensemble was run") >= 3  # summary, movers, section
    assert "fig-decline-probability" not in html


def test_cli_summary_gives_ranges_classes_and_drivers(runs):
    text = ensemble_summary(sim.load_ensemble(runs[0] / ENSEMBLE_DIR))
    assert f"{DRAWS} of {DRAWS} draws done" in text
    assert "employment vs no-AI" in text
    assert "robust decline" in text
    assert "sign uncertain" in text
    assert "What drives the totals" in text
