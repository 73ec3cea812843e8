"""The report: every figure, parameters as recorded, no external URL, comparisons, schema check.

The baseline is run once per module (about 2 s) and reported once (about 6 s).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import sim
from sim import cli
from sim.io.results import METADATA_FILE, RESULTS_SCHEMA_VERSION
from sim.report import report
from sim.report.frames import movers
from sim.report.inputs import load_report_input
from sim.report.methods import format_value, recorded_parameters

ROOT = Path(__file__).resolve().parents[2]
BASELINE_FIGURES = (
    "fig-compute",
    "fig-seed-picture",
    "fig-major-groups",
    "fig-movers",
    "fig-wage-quintiles",
    "fig-labour-share",
    "fig-seed-examples",
    "fig-unemployment",
    "fig-destinations",
)


@pytest.fixture(scope="module")
def baseline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped baseline, run once and saved."""
    scenario = sim.load_scenario(ROOT / "scenarios" / "baseline.toml")
    return sim.run(scenario).save(tmp_path_factory.mktemp("runs") / "baseline")


@pytest.fixture(scope="module")
def baseline_report(baseline_dir: Path) -> sim.report.ReportFiles:
    """The baseline's report, written into its run directory."""
    return report([baseline_dir])


def test_baseline_report_contains_every_figure(baseline_report: sim.report.ReportFiles) -> None:
    html = baseline_report.html.read_text()
    markdown = baseline_report.markdown.read_text()
    for figure_id in BASELINE_FIGURES:
        assert f'<figure id="{figure_id}">' in html, figure_id
        assert f"{baseline_report.figure_dir.name}/{figure_id}.png" in markdown, figure_id
        assert (baseline_report.figure_dir / f"{figure_id}.png").stat().st_size > 10_000
    assert html.count('src="data:image/png;base64,') == len(BASELINE_FIGURES)


def test_unavailable_sections_say_so(
    baseline_dir: Path, baseline_report: sim.report.ReportFiles
) -> None:
    html = baseline_report.html.read_text()
    source = json.loads((baseline_dir / METADATA_FILE).read_text())["scenario"]["demand"][
        "elasticity_source"
    ]
    if source == "estimated":  # per-occupation ranges from occupations/elasticities.csv
        assert "base-year price elasticity of demand (ε) and its 5-95% range." in html
    else:
        assert f"this run takes elasticities from demand.elasticity_source = {source}" in html
    assert "Labour share (wage bill over output value): not available" not in html


def test_report_references_no_external_url(baseline_report: sim.report.ReportFiles) -> None:
    html = baseline_report.html.read_text()
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", html, flags=re.IGNORECASE)
    assert links, "the report has figures and a table of contents"
    assert all(link.startswith(("data:", "#")) for link in links), links
    assert not re.search(r"https?://|url\(|@import|<link|<script", html, flags=re.IGNORECASE)


def _markdown_table(markdown: str, title: str) -> list[list[str]]:
    block = markdown.split(f"### {title}\n", 1)[1].strip().split("\n\n", 1)[0]
    rows = [line.strip().strip("|").split(" | ") for line in block.splitlines()]
    return [[cell.strip().replace("\\|", "|") for cell in row] for row in rows[2:]]


def test_parameter_table_matches_metadata(
    baseline_dir: Path, baseline_report: sim.report.ReportFiles
) -> None:
    metadata = json.loads((baseline_dir / METADATA_FILE).read_text())
    recorded = recorded_parameters(metadata["scenario"])
    rows = _markdown_table(baseline_report.markdown.read_text(), "Parameters of this run")
    shown = {row[0]: row[1] for row in rows}
    assert set(shown) == set(recorded)
    for name, value in recorded.items():
        assert shown[name] == format_value(value), name
    assert shown["capability.spending_ceiling_usd_billion"] == "30"
    assert shown["demand.elasticity_by_occupation"].startswith("29-1224: 0.2")


def test_summary_numbers_come_from_the_results(
    baseline_dir: Path, baseline_report: sim.report.ReportFiles
) -> None:
    result = sim.load_result(baseline_dir)
    last = result.economy.iloc[-1]
    change = 100.0 * (last["employment_total"] / last["employment_total_no_ai"] - 1.0)
    occupations = result.occupations
    radiology = occupations.loc[
        (occupations["year"] == 2055) & (occupations["occupation_code"] == "29-1224")
    ].iloc[0]
    radiology_change = radiology["employment"] / radiology["employment_no_ai"] - 1.0
    html = baseline_report.html.read_text()
    assert f"by 2055 it is {change:+.1f}%" in html
    assert f"radiologists {radiology_change:+.0%}" in html
    assert radiology_change < 0  # the seed's example: radiology shrinks against no-AI
    assert "one run with one seed" in html
    assert "CC BY 4.0" in html


def test_comparison_names_both_scenarios(baseline_dir: Path, tmp_path: Path) -> None:
    scenario = sim.load_scenario(ROOT / "scenarios" / "spending-plateau.toml")
    variant = sim.run(scenario).save(tmp_path / "plateau")
    files = report([baseline_dir, variant], out=tmp_path / "compare.html")
    html = files.html.read_text()
    assert "Scenario comparison: baseline vs spending-plateau" in html
    differences = _markdown_table(files.markdown.read_text(), "Parameters that differ")
    ceiling = {row[0]: row[1:] for row in differences}["capability.spending_ceiling_usd_billion"]
    assert ceiling == ["30", "2"]
    for figure_id in ("fig-compare-compute", "fig-compare-employment", "fig-compare-major-groups"):
        assert f'<figure id="{figure_id}">' in html


def test_older_schema_version_is_refused_in_one_line(
    baseline_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = shutil.copytree(baseline_dir, tmp_path / "old", ignore=shutil.ignore_patterns("report*"))
    metadata = json.loads((old / METADATA_FILE).read_text())
    metadata["results_schema_version"] = 0
    (old / METADATA_FILE).write_text(json.dumps(metadata))
    assert cli.main(["report", str(old)]) == cli.EXIT_USAGE
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert f"results_schema_version 0 is not supported (expected {RESULTS_SCHEMA_VERSION})" in error
    assert not (old / "report.html").exists()


def test_not_a_results_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(tmp_path)]) == cli.EXIT_USAGE
    assert "not a results directory" in capsys.readouterr().err


def test_run_report_flag_reaches_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = []

    def fake_report(paths: list[Path]) -> object:
        calls.append(paths)
        return type("Files", (), {"html": Path(paths[0]) / "report.html"})()

    monkeypatch.setattr(cli, "write_report", fake_report)
    scenario = ROOT / "scenarios" / "baseline.toml"
    out = tmp_path / "reps"
    argv = ["run", str(scenario), "--replications", "2", "--out", str(out), "--quiet", "--report"]
    assert cli.main(argv) == 0
    assert calls == [[out / "baseline"]]
    assert f"report: {out / 'baseline' / 'report.html'}" in capsys.readouterr().out


def test_replications_report_shows_bands(tmp_path: Path) -> None:
    scenario = sim.derive(
        sim.load_scenario(ROOT / "scenarios" / "baseline.toml"), {"run.horizon_year": 2036}
    )
    for replication in range(3):
        sim.run(scenario, replication=replication).save(
            tmp_path / "baseline" / f"replication-{replication:03d}"
        )
    files = report([tmp_path], out=tmp_path / "reps.html")
    html = files.html.read_text()
    assert '<figure id="fig-fan-charts">' in html
    assert "median [5th-95th percentile] across 3 replications" in html
    assert "Sobol / Morris sensitivity indices: not available in these results." in html
    assert re.search(r"<td>[-+]\d+\.\d \[[-+]\d+\.\d, [-+]\d+\.\d\]</td>", html)


def test_movers_carry_elasticity_ranges_with_estimated_elasticities(tmp_path: Path) -> None:
    scenario = sim.derive(
        sim.load_scenario(ROOT / "scenarios" / "baseline.toml"),
        {"demand.elasticity_source": "estimated", "run.horizon_year": 2036},
    )
    data = load_report_input([sim.run(scenario).save(tmp_path / "estimated")])
    assert data.reference.elasticities is not None
    table = movers(data.runs[0], 2035, ranges=data.reference.elasticities)
    assert len(table) == 30
    assert (table["elasticity_low"] <= table["demand_elasticity"] + 1e-9).all()
    assert (table["demand_elasticity"] <= table["elasticity_high"] + 1e-9).all()
