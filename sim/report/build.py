"""Assemble a :class:`~sim.report.document.Report` for each kind of input.

A scenario report shows one run; a comparison puts several scenarios side by
side; a replications report adds fan charts and ranges across replications to
the first replication's scenario report; a sweep report shows fan charts,
sensitivity indices and PRIM boxes.  Reads saved results only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.experiments.runner import DEFAULT_OCCUPATIONS_DIR
from sim.io.results import RunResult
from sim.report import figures_multi as multi
from sim.report import frames
from sim.report.build_run import run_sections, summary_section
from sim.report.document import Report, ReportFigure, ReportTable, Section, make_figure, unavailable
from sim.report.inputs import ReportInput, ReportKind
from sim.report.methods import (
    data_sources,
    format_value,
    parameter_table,
    recorded_parameters,
    validation_table,
)
from sim.report.sweep import UncertaintyData, fan_quantiles
from sim.report.text import KEY_ROWS, key_figures_table, key_numbers


def build_report(data: ReportInput, *, validation_csv: Path | None = None) -> Report:
    """The report for ``data`` (figures rendered, nothing written)."""
    if data.kind is ReportKind.COMPARISON:
        return _comparison_report(data, validation_csv)
    if data.uncertainty is None and data.kind in (ReportKind.SWEEP, ReportKind.REPLICATIONS):
        raise ValueError(f"{data.kind} report input without uncertainty data")
    if data.kind is ReportKind.SWEEP and data.uncertainty is not None:
        sections = (*_uncertainty_sections(data.uncertainty), _sources_section())
        return Report("Sweep report", str(data.paths[0]), sections)
    result = data.runs[0]
    if data.kind is ReportKind.REPLICATIONS and data.uncertainty is not None:
        summary = summary_section(result, _replication_line(data.uncertainty), _spreads(data.runs))
        extra = _uncertainty_sections(data.uncertainty)
    else:
        summary, extra = summary_section(result), []
    sections = (
        summary,
        *run_sections(result, data.reference),
        *extra,
        _methods_section(result, data, validation_csv),
    )
    return Report(
        f"Scenario report: {result.scenario_name}",
        _subtitle(result, data),
        sections,
        _provenance(data.runs[0], data),
    )


def _subtitle(result: RunResult, data: ReportInput) -> str:
    base, horizon = frames.run_years(result)
    runs = (
        f"{len(data.runs)} replications"
        if data.kind is ReportKind.REPLICATIONS
        else f"seed {result.metadata['seed']}"
    )
    return f"{base}-{horizon}, {runs}; from {data.paths[0]}"


def _provenance(result: RunResult, data: ReportInput) -> tuple[str, ...]:
    meta = result.metadata
    versions = ", ".join(f"{k} {v}" for k, v in sorted(meta.get("versions", {}).items()))
    return (
        f"Results: {', '.join(map(str, data.paths))}",
        f"Model commit: {meta.get('git_commit') or 'unknown'}; "
        f"started {meta.get('started_utc', 'unknown')}",
        f"Seed {meta.get('seed')}, entropy {meta.get('seed_entropy')}, spawn key "
        f"{meta.get('spawn_key')}",
        f"Versions: {versions}",
        f"Occupation data: {data.reference.note}",
    )


def _methods_section(result: RunResult, data: ReportInput, validation_csv: Path | None) -> Section:
    validation = validation_table(data.paths[0], validation_csv)
    sources, notices = data_sources(_data_dir(result))
    tables = [parameter_table(result.metadata["scenario"])]
    tables += [t for t in (validation, sources) if t is not None]
    paragraphs = [
        "The model and its equations: docs/model.md; every parameter's declaration: "
        "docs/parameters.md.",
        *(() if validation else ("Validation results: not available in these results.",)),
        *notices,
    ]
    return Section(
        "methods", "Methods and assumptions", paragraphs=tuple(paragraphs), tables=tuple(tables)
    )


def _sources_section() -> Section:
    sources, notices = data_sources(DEFAULT_OCCUPATIONS_DIR)
    return Section(
        "methods", "Data sources", paragraphs=notices, tables=(sources,) if sources else ()
    )


def _data_dir(result: RunResult) -> Path:
    recorded = Path(str(result.metadata.get("occupations_dir", "")))
    return recorded if (recorded / "SOURCES.md").is_file() else DEFAULT_OCCUPATIONS_DIR


def _replication_line(uncertainty: UncertaintyData) -> str:
    return (
        f"Figures show replication 0; the key figures give the median [5th-95th percentile] across "
        f"{uncertainty.what_varies}. Parameter uncertainty needs a sweep; these runs carry none "
        "of it."
    )


def _spreads(runs: tuple[RunResult, ...]) -> dict[int, dict[str, str]]:
    spreads: dict[int, dict[str, str]] = {}
    for year in frames.report_years(runs[0]):
        table = pd.DataFrame([key_numbers(run, year) for run in runs])
        spreads[year] = {
            key: f"{fmt.format(table[key].median())} [{fmt.format(table[key].quantile(0.05))}, "
            f"{fmt.format(table[key].quantile(0.95))}]"
            for key, _, _, fmt in KEY_ROWS
        }
    return spreads


def _uncertainty_sections(uncertainty: UncertaintyData) -> list[Section]:
    fan = make_figure(
        "fig-fan-charts",
        "Key outcomes across runs",
        f"Median (line), middle 50% and 90% of {uncertainty.n_runs} runs "
        f"({uncertainty.what_varies}).",
        multi.fan_chart_figure(uncertainty.series),
    )
    sections = [
        Section(
            "uncertainty",
            "Uncertainty",
            paragraphs=(_spread_sentence(uncertainty),),
            figures=(fan,),
        )
    ]
    if uncertainty.sensitivity is None:
        sections.append(
            unavailable("sensitivity", "Sensitivity", "Sobol / Morris sensitivity indices")
        )
    else:
        bars = make_figure(
            "fig-sensitivity",
            "Which assumptions matter",
            "Sensitivity indices per outcome with their confidence intervals.",
            multi.sensitivity_figure(uncertainty.sensitivity),
        )
        sections.append(Section("sensitivity", "Sensitivity", figures=(bars,)))
    if uncertainty.prim is None:
        sections.append(unavailable("scenario-discovery", "Scenario discovery", "PRIM boxes"))
    else:
        prim = uncertainty.prim
        table = ReportTable(
            "table-prim",
            "PRIM boxes",
            tuple(map(str, prim.columns)),
            tuple(tuple(format_value(v) for v in row) for row in prim.itertuples(index=False)),
        )
        sections.append(Section("scenario-discovery", "Scenario discovery", tables=(table,)))
    return sections


def _spread_sentence(uncertainty: UncertaintyData) -> str:
    quantiles = fan_quantiles(uncertainty.series)
    rows = quantiles.loc[quantiles["outcome"] == "employment_vs_no_ai_pct"]
    if rows.empty:
        return f"{uncertainty.n_runs} runs: {uncertainty.what_varies}."
    last = rows.iloc[-1]
    return (
        f"Across {uncertainty.n_runs} runs, employment against the no-AI path in "
        f"{int(last['year'])} has "
        f"median {last['q50']:+.2f}%, with 90% of runs between {last['q05']:+.2f}% and "
        f"{last['q95']:+.2f}%."
    )


def _comparison_report(data: ReportInput, validation_csv: Path | None) -> Report:
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
        *(
            Section(
                f"methods-{run.scenario_name}",
                f"Methods and assumptions: {run.scenario_name}",
                tables=(parameter_table(run.metadata["scenario"]),),
            )
            for run in runs
        ),
        _methods_section(runs[0], data, validation_csv),
    )
    return Report(
        "Scenario comparison: " + " vs ".join(names),
        f"from {', '.join(map(str, data.paths))}",
        sections,
        _provenance(runs[0], data),
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
