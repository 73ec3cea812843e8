"""Assemble a :class:`~sim.report.document.Report` for each kind of input.

A scenario report shows one run; a comparison puts several scenarios side by
side; a replications report adds fan charts and ranges across replications to
the first replication's scenario report; a sweep report shows fan charts,
sensitivity indices and PRIM boxes.  Reads saved results only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.io.results import RunResult
from sim.report import figures_multi as multi
from sim.report import frames
from sim.report.build_common import data_dir, methods_section, provenance, sources_section
from sim.report.build_compare import comparison_report
from sim.report.build_ensemble import ensemble_section
from sim.report.build_run import run_sections, summary_section, summary_section_of
from sim.report.document import Report, ReportTable, Section, make_figure, unavailable
from sim.report.inputs import ReportInput, ReportKind
from sim.report.methods import format_value
from sim.report.sweep import UncertaintyData, fan_quantiles
from sim.report.text import KEY_ROWS, key_numbers

#: Outcome whose sensitivity indices the figure shows (all of them go in the table).
FIGURE_OUTCOME = "employment_vs_no_ai"


def build_report(data: ReportInput, *, validation_csv: Path | None = None) -> Report:
    """The report for ``data`` (figures rendered, nothing written)."""
    if data.kind is ReportKind.COMPARISON:
        return comparison_report(data, validation_csv)
    if data.uncertainty is None and data.kind in (ReportKind.SWEEP, ReportKind.REPLICATIONS):
        raise ValueError(f"{data.kind} report input without uncertainty data")
    if data.kind is ReportKind.SWEEP and data.uncertainty is not None:
        sections = (*_uncertainty_sections(data.uncertainty), sources_section())
        return Report("Sweep report", str(data.paths[0]), sections)
    result = data.runs[0]
    if data.kind is ReportKind.REPLICATIONS and data.uncertainty is not None:
        summary = summary_section(result, _replication_line(data.uncertainty), _spreads(data.runs))
        extra = _uncertainty_sections(data.uncertainty)
    else:
        summary, extra = summary_section_of(data, result), [ensemble_section(data.ensemble)]
    sections = (
        summary,
        *run_sections(result, data.reference, data.ensemble),
        *extra,
        methods_section((result,), data, validation_csv),
        sources_section(data_dir(result)),
    )
    return Report(
        f"Scenario report: {result.scenario_name}",
        _subtitle(result, data),
        sections,
        provenance(data.runs[0], data),
    )


def _subtitle(result: RunResult, data: ReportInput) -> str:
    base, horizon = frames.run_years(result)
    runs = (
        f"{len(data.runs)} replications"
        if data.kind is ReportKind.REPLICATIONS
        else f"seed {result.metadata['seed']}"
    )
    return f"{base}-{horizon}, {runs}; from {data.paths[0]}"


def _replication_line(uncertainty: UncertaintyData) -> str:
    return (
        f"Figures show replication 0; the key figures give the median [5th-95th percentile] across "
        f"{uncertainty.what_varies}. These runs carry no parameter uncertainty: "
        "`laborsim run SCENARIO --uncertainty` adds it (ranges, sign probabilities, drivers)."
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
        f"Median, middle 50% and middle 90% of {uncertainty.n_runs} runs "
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
    sections.append(_sensitivity_section(uncertainty.sensitivity))
    sections.append(_prim_section(uncertainty.prim))
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


def _sensitivity_section(table: pd.DataFrame | None) -> Section:
    if table is None or table.empty:
        return unavailable("sensitivity", "Sensitivity", "Sobol / Morris sensitivity indices")
    employment = table.loc[table["outcome"].str.startswith(FIGURE_OUTCOME)]
    shown = employment if not employment.empty else table
    bars = make_figure(
        "fig-sensitivity",
        "Which assumptions matter",
        "Sensitivity indices of "
        + ", ".join(dict.fromkeys(shown["outcome"]))
        + " with their confidence intervals; every total outcome is in the table below.",
        multi.sensitivity_figure(shown),
    )
    rows = tuple(
        (
            str(r.outcome),
            str(r.parameter),
            str(r.method),
            str(r.index),
            f"{r.value:.3f}",
            "" if pd.isna(r.conf) else f"{r.conf:.3f}",
        )
        for r in table.itertuples(index=False)
    )
    indices = ReportTable(
        "table-sensitivity",
        "Sensitivity indices",
        ("outcome", "parameter", "method", "index", "value", "confidence (+/-)"),
        rows,
    )
    return Section("sensitivity", "Sensitivity", figures=(bars,), tables=(indices,))


def _prim_section(prim: pd.DataFrame | None) -> Section:
    if prim is None or prim.empty:
        return unavailable("scenario-discovery", "Scenario discovery", "PRIM boxes")
    prim = prim.astype(object).where(prim.notna(), "")
    table = ReportTable(
        "table-prim",
        "PRIM boxes",
        tuple(map(str, prim.columns)),
        tuple(tuple(format_value(v) for v in row) for row in prim.itertuples(index=False)),
    )
    return Section("scenario-discovery", "Scenario discovery", tables=(table,))
