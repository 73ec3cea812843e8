"""A comparison report: several scenarios side by side, each against its own no-AI path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.io.results import RunResult
from sim.report import figures_multi as multi
from sim.report import frames
from sim.report.build_common import data_dir, methods_section, provenance, sources_section
from sim.report.document import Report, ReportFigure, ReportTable, Section, make_figure
from sim.report.inputs import ReportInput
from sim.report.methods import format_value, recorded_parameters
from sim.report.text import key_figures_table


def comparison_report(data: ReportInput, validation_csv: Path | None) -> Report:
    runs = data.runs
    names = [run.scenario_name for run in runs]
    economies = {run.scenario_name: frames.yearly_economy(run.economy) for run in runs}
    for frame in economies.values():
        frame["vs_no_ai_pct"] = 100.0 * (
            frame["employment_total"] / frame["employment_total_no_ai"] - 1.0
        )
    compute = make_figure(
        "fig-compare-compute",
        "Effective compute by scenario",
        "Orders of magnitude of effective compute above the reference year.",
        multi.compare_lines_figure(
            economies,
            column="log10_effective_compute",
            ylabel="OOM above the reference year",
            title="Effective compute",
        ),
    )
    employment = make_figure(
        "fig-compare-employment",
        "Employment against the no-AI path by scenario",
        "Total employment with AI relative to each scenario's own no-AI path.",
        multi.compare_lines_figure(
            economies, column="vs_no_ai_pct", ylabel="% vs no-AI", title="Employment vs no-AI"
        ),
    )
    figures = [compute, employment]
    if data.reference.table is not None:
        figures.append(_compare_groups(runs, data.reference.table))
    sections = (
        Section(
            "summary",
            "Scenarios compared",
            paragraphs=(
                f"Scenarios: {', '.join(names)}. Each is compared with its own no-AI path; "
                "numbers come from one run each (no spread across seeds).",
            ),
            tables=(_side_by_side(runs), _parameter_differences(runs)),
        ),
        Section("comparison", "Side by side", figures=tuple(figures)),
        methods_section(runs, data, validation_csv),
        sources_section(data_dir(runs[0])),
    )
    return Report(
        "Scenario comparison: " + " vs ".join(names),
        f"from {', '.join(map(str, data.paths))}",
        sections,
        provenance(runs[0], data),
    )


def _compare_groups(runs: tuple[RunResult, ...], reference: pd.DataFrame) -> ReportFigure:
    horizon = min(frames.run_years(run)[1] for run in runs)
    rows = []
    for run in runs:
        groups = frames.major_group_paths(run.occupations, reference)
        groups = groups.loc[groups["year"] == horizon]
        rows.append(
            groups.assign(
                scenario=run.scenario_name,
                relative_change=groups["employment"] / groups["employment_no_ai"] - 1.0,
            )
        )
    return make_figure(
        "fig-compare-major-groups",
        f"Employment by SOC major group against the no-AI path, {horizon}",
        "One marker per scenario.",
        multi.compare_groups_figure(pd.concat(rows), year=horizon),
    )


def _side_by_side(runs: tuple[RunResult, ...]) -> ReportTable:
    tables = [key_figures_table(run) for run in runs]
    years = tables[0].columns[2:]
    columns = ("figure", "unit", *(f"{run.scenario_name} {year}" for run in runs for year in years))
    rows = tuple(
        (*tables[0].rows[i][:2], *(cell for table in tables for cell in table.rows[i][2:]))
        for i in range(len(tables[0].rows))
    )
    return ReportTable("table-key-figures", "Key figures", columns, rows, tables[0].note)


def _parameter_differences(runs: tuple[RunResult, ...]) -> ReportTable:
    values = [recorded_parameters(run.metadata["scenario"]) for run in runs]
    names = sorted(set().union(*values))
    rows = tuple(
        (name, *(format_value(v.get(name, "not recorded")) for v in values))
        for name in names
        if len({format_value(v.get(name)) for v in values}) > 1 and not name.endswith(".path")
    )
    columns = ("parameter", *(run.scenario_name for run in runs))
    return ReportTable("table-parameter-differences", "Parameters that differ", columns, rows)
