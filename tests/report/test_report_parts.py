"""Report building blocks on hand-made data: known quintiles, quantiles and figure contents."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.errors import LaborsimError
from sim.experiments.analysis_files import store_identity, write_tables
from sim.experiments.store import FinishedRuns, RunRecord, SweepStore
from sim.io.results import RunResult
from sim.report import figures_multi, report, seed_picture
from sim.report.build import _uncertainty_sections
from sim.report.figures_labour import labour_share_figure, unemployment_figure
from sim.report.frames import destination_flows, wage_quintiles
from sim.report.inputs import load_report_input
from sim.report.style import report_style
from sim.report.sweep import UncertaintyData, fan_quantiles


def _toy_result(employment: list[float], ratio: list[float]) -> RunResult:
    """A run with two yearly rows (2025, 2035) per occupation; ``ratio`` = AI / no-AI in 2035."""
    codes = [f"43-90{i:02d}" for i in range(len(employment))]
    rows = []
    for year, factor in ((2025, [1.0] * len(codes)), (2035, ratio)):
        for code, persons, f in zip(codes, employment, factor, strict=True):
            rows.append(
                {
                    "year": year,
                    "occupation_code": code,
                    "title": code,
                    "employment": persons * f,
                    "employment_no_ai": persons,
                    "demand_elasticity": 1.0,
                    "exposure": 0.5,
                }
            )
    metadata = {"scenario": {"name": "toy", "run": {"base_year": 2025, "horizon_year": 2035}}}
    return RunResult(pd.DataFrame(rows), pd.DataFrame(), metadata)


def test_wage_quintiles_split_employment_into_fifths() -> None:
    result = _toy_result([100.0] * 10, [0.5, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0])
    reference = pd.DataFrame(
        {"occupation_code": [f"43-90{i:02d}" for i in range(10)], "mean_wage": np.arange(10) * 1e4}
    )
    table = wage_quintiles(result, reference)
    assert table["quintile"].tolist() == [1, 2, 3, 4, 5]
    assert table["employment_no_ai"].tolist() == [200.0] * 5
    np.testing.assert_allclose(table["relative_change"], [-0.5, 0.0, 0.0, 0.0, 1.0])
    assert table["wage_low"].tolist() == [0.0, 2e4, 4e4, 6e4, 8e4]


def test_fan_quantiles_of_known_draws() -> None:
    series = pd.DataFrame(
        {"run_id": range(101), "year": 2030, "outcome": "mean_exposure", "value": np.arange(101.0)}
    )
    row = fan_quantiles(series).iloc[0]
    assert (row["q05"], row["q25"], row["q50"], row["q75"], row["q95"]) == (5, 25, 50, 75, 95)


def _uncertainty(with_analysis: bool) -> UncertaintyData:
    series = pd.DataFrame(
        {
            "run_id": np.repeat([0, 1], 3),
            "year": [2025, 2030, 2035] * 2,
            "outcome": "employment_vs_no_ai_pct",
            "value": [0.0, -1.0, -2.0, 0.0, -1.5, -3.0],
        }
    )
    sensitivity = pd.DataFrame(
        {
            "outcome": "employment 2035",
            "parameter": ["a", "a", "b", "b"],
            "method": "sobol",
            "index": ["S1", "ST", "S1", "ST"],
            "value": [0.6, 0.7, 0.2, 0.3],
            "conf": 0.05,
        }
    )
    prim = pd.DataFrame({"box": [1], "parameter": ["a"], "low": [0.5], "high": [1.0]})
    return UncertaintyData(
        2,
        "two toy runs",
        series,
        sensitivity if with_analysis else None,
        prim if with_analysis else None,
    )


def test_sweep_analysis_tables_become_figures_and_tables() -> None:
    with report_style():
        sections = _uncertainty_sections(_uncertainty(with_analysis=True))
    figure_ids = [figure.id for section in sections for figure in section.figures]
    table_ids = [table.id for section in sections for table in section.tables]
    assert figure_ids == ["fig-fan-charts", "fig-sensitivity"]
    assert table_ids == ["table-sensitivity", "table-prim"]
    assert "median -2.50%, with 90% of runs between -2.95% and -2.05%" in sections[0].paragraphs[0]


def test_missing_analysis_is_reported_as_unavailable() -> None:
    with report_style():
        sections = _uncertainty_sections(_uncertainty(with_analysis=False))
    lines = [section.unavailable for section in sections if section.unavailable]
    assert lines == [
        "Sobol / Morris sensitivity indices: not available in these results.",
        "PRIM boxes: not available in these results.",
    ]


def test_seed_picture_draws_from_a_plain_frame() -> None:
    frame = pd.DataFrame(
        {
            "occupation_code": ["29-1224", "41-4012", "11-1011"],
            "exposure": [0.8, 0.7, 0.1],
            "demand_elasticity": [0.2, 1.5, 1.0],
            "employment": [3e4, 1.2e6, 2e5],
            "relative_change": [-0.4, 0.3, 0.0],
        }
    )
    with report_style():
        figure = seed_picture(frame, year=2055)
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert "Radiologists -40%" in texts
    assert "Sales reps (wholesale) +30%" in texts
    assert figure.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="lacks columns exposure"):
        seed_picture(frame.drop(columns="exposure"), year=2055)


def test_sensitivity_bars_sorted_by_total_index() -> None:
    table = _uncertainty(with_analysis=True).sensitivity
    assert table is not None
    with report_style():
        figure = figures_multi.sensitivity_figure(table)
    labels = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
    assert labels == ["b", "a"]  # largest total index at the top


def test_unanalysed_sweep_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sweep.duckdb").write_bytes(b"")
    with pytest.raises(LaborsimError, match="run `laborsim analyze"):
        load_report_input([tmp_path])


def _planned_store(directory: Path, runs: int = 20) -> dict[str, object]:
    """A sweep store with ``runs`` planned runs; its identity as an analysis records it."""
    planned = pd.DataFrame(
        {
            "run_id": range(runs),
            "design_id": range(runs),
            "lever_point": 0,
            "sample_index": range(runs),
            "replication": 0,
        }
    )
    with SweepStore(directory) as store:
        store.initialise('{"spec": "hand-made"}', planned, ["0"] * runs)
        return store_identity(store)


def _analysed_sweep(directory: Path) -> Path:
    """A sweep directory in the layout of laborsim sweep + analyze (issue 9), 20 runs."""
    identity = _planned_store(directory)
    tables = {}
    rows = [
        {
            "run_id": run,
            "outcome": outcome,
            "year": year,
            "scope": "total",
            "value": -0.01 * run * (year - 2025) / 10,
        }
        for run in range(20)
        for year in (2035, 2055)
        for outcome in ("employment_vs_no_ai", "wage_bill_vs_no_ai")
    ]
    rows.append(
        {
            "run_id": 0,
            "outcome": "employment_vs_no_ai",
            "year": 2035,
            "scope": "soc:29",
            "value": 9.0,
        }
    )
    tables["outcomes.parquet"] = pd.DataFrame(rows)
    tables["sobol_indices.csv"] = pd.DataFrame(
        {
            "lever_point": 0,
            "outcome": "employment_vs_no_ai",
            "year": 2035,
            "scope": "total",
            "parameter": ["capability.hardware_doubling_years", "demand.elasticity_multiplier"],
            "S1": [0.1, 0.7],
            "S1_conf": 0.05,
            "ST": [0.15, 0.8],
            "ST_conf": 0.06,
        }
    )
    tables["prim_boxes.csv"] = pd.DataFrame(
        {
            "rule": [0],
            "case": ["employment_vs_no_ai 2035 total < -0.05"],
            "cases_of_interest": [8],
            "runs": [20],
            "coverage": [0.9],
            "density": [0.8],
            "mass": [0.3],
            "parameter": ["demand.elasticity_multiplier"],
            "low": [0.5],
            "high": [0.8],
        }
    )
    write_tables(directory, tables, identity)
    return directory


def test_sweep_tables_of_another_store_state_are_refused(tmp_path: Path) -> None:
    _analysed_sweep(tmp_path)
    with SweepStore(tmp_path) as store:  # one more run finishes after the analysis
        store.write(FinishedRuns.of([RunRecord(0, "done", 0.1, "here")]))
    with pytest.raises(LaborsimError, match="derived from another state of the store"):
        load_report_input([tmp_path])


def test_altered_or_leftover_sweep_tables_are_refused_or_ignored(tmp_path: Path) -> None:
    _analysed_sweep(tmp_path)
    morris = tmp_path / "morris_indices.csv"  # left from an earlier analysis: not listed
    morris.write_text("lever_point,outcome,year,scope,parameter,mu_star\n0,x,2035,total,p,9\n")
    data = load_report_input([tmp_path])
    assert data.uncertainty is not None
    assert data.uncertainty.sensitivity is not None
    assert set(data.uncertainty.sensitivity["method"]) == {"Sobol"}
    prim = tmp_path / "prim_boxes.csv"
    prim.write_text(prim.read_text().replace("0.9", "0.1"))
    with pytest.raises(LaborsimError, match="prim_boxes.csv: differs from what the analysis"):
        load_report_input([tmp_path])


def test_sweep_report_shows_fans_indices_and_boxes(tmp_path: Path) -> None:
    data = load_report_input([_analysed_sweep(tmp_path)])
    assert data.uncertainty is not None
    series = data.uncertainty.series
    assert data.uncertainty.n_runs == 20
    assert set(series["outcome"]) == {"employment_vs_no_ai_pct", "wage_bill_vs_no_ai_pct"}
    assert series["value"].max() <= 0.0  # the soc:29 row (9.0) is not a total
    files = report([tmp_path], out=tmp_path / "sweep.html")
    html = files.html.read_text()
    for element in (
        '<figure id="fig-fan-charts">',
        '<figure id="fig-sensitivity">',
        'id="table-prim"',
        'id="table-sensitivity"',
    ):
        assert element in html
    assert "demand.elasticity_multiplier" in html


def test_comparison_takes_run_directories_only(tmp_path: Path) -> None:
    with pytest.raises(LaborsimError, match="a comparison takes run directories"):
        load_report_input([tmp_path, tmp_path / "other"])


def test_destination_flows_sum_moves_out_of_the_largest_losers() -> None:
    result = _toy_result([100.0, 200.0, 300.0, 400.0, 500.0], [0.9, 0.5, 1.2, 0.8, 1.0])
    transitions = pd.DataFrame(
        {
            "year": [2030, 2031, 2030, 2030, 2030],
            "from_code": ["43-9001", "43-9001", "43-9001", "43-9004", "43-9002"],
            "to_code": ["43-9002", "43-9002", "43-9001", "43-9000", "43-9003"],
            "workers": [10.0, 5.0, 99.0, 7.0, 3.0],
        }
    )
    flows = destination_flows(result, transitions)
    # losers vs no-AI in 2035: 43-9001 (-100), 43-9003 (-80), 43-9000 (-10); 43-9002 gains
    assert flows.to_dict("records") == [
        {"from_code": "43-9001", "to_code": "43-9002", "workers": 15.0},
    ]


def test_unemployment_figure_uses_the_rate_when_recorded() -> None:
    years = np.arange(2025.0, 2031.0)
    economy = pd.DataFrame(
        {
            "year": years,
            "unemployed": 1e5,
            "unemployed_no_ai": 1e5,
            "unemployment_rate": 0.04,
            "unemployment_rate_no_ai": 0.035,
            "long_term_unemployed": 2e4,
            "long_term_unemployed_no_ai": 1e4,
        }
    )
    with report_style():
        with_rate = unemployment_figure(economy)
        without = unemployment_figure(economy.drop(columns=["unemployment_rate"]))
    assert [ax.get_title(loc="left") for ax in with_rate.axes] == [
        "Unemployment rate",
        "Long-term unemployed",
    ]
    np.testing.assert_allclose(with_rate.axes[0].lines[1].get_ydata(), 4.0)
    assert [ax.get_title(loc="left") for ax in without.axes] == [
        "Displaced workers in unemployment"
    ]


def test_labour_share_figure_in_percent() -> None:
    economy = pd.DataFrame(
        {"year": [2025, 2026], "labour_share": [0.6, 0.55], "labour_share_no_ai": [0.6, 0.6]}
    )
    with report_style():
        figure = labour_share_figure(economy)
    np.testing.assert_allclose(figure.axes[0].lines[1].get_ydata(), [60.0, 55.0])
