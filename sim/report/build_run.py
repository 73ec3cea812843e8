"""Sections of a scenario report (one run), from saved results only."""

from __future__ import annotations

from dataclasses import replace

from sim.experiments.ensemble import Ensemble
from sim.io.results import RunResult
from sim.report import figures_labour as labour
from sim.report import figures_run as figs
from sim.report import frames
from sim.report.build_ensemble import (
    NO_ENSEMBLE,
    SPREAD_NOTE,
    ensemble_lead,
    ensemble_spreads,
    movers_bands,
)
from sim.report.document import Section, make_figure, unavailable
from sim.report.inputs import Reference, ReportInput
from sim.report.methods import format_value
from sim.report.seed_picture import seed_picture
from sim.report.text import (
    SINGLE_RUN_UNCERTAINTY,
    SINGLE_RUN_UNCERTAINTY_WITH_ENSEMBLE,
    key_figures_table,
    key_numbers,
    summary_paragraphs,
)

#: ``demand.elasticity_source`` value whose elasticities carry (low, high) ranges.
ESTIMATED_SOURCE = "estimated"


def summary_section(
    result: RunResult,
    uncertainty_line: str = SINGLE_RUN_UNCERTAINTY,
    spreads: dict[int, dict[str, str]] | None = None,
) -> Section:
    """Summary paragraphs, the uncertainty statement and the key-figures table."""
    demand = result.metadata["scenario"].get("demand", {})
    if demand.get("elasticity_source") == ESTIMATED_SOURCE:
        uncertainty_line += (
            " Elasticities, which decide whether exposed work expands or shrinks, are estimates "
            "with wide ranges (shown beside the largest movers); this run takes quantile "
            f"{format_value(demand.get('elasticity_quantile'))} of every range "
            "(demand.elasticity_quantile; 0.5 = central)."
        )
    return Section(
        "summary",
        "Summary",
        paragraphs=(*summary_paragraphs(result), uncertainty_line),
        tables=(key_figures_table(result, spreads),),
    )


def summary_section_of(data: ReportInput, result: RunResult) -> Section:
    """A scenario report's summary: led by the ensemble's ranges where one was run."""
    ensemble = data.ensemble
    if ensemble is None:
        return summary_section(result, SINGLE_RUN_UNCERTAINTY + " " + NO_ENSEMBLE)
    central = {year: key_numbers(result, year) for year in frames.report_years(result)}
    section = summary_section(
        result, SINGLE_RUN_UNCERTAINTY_WITH_ENSEMBLE, ensemble_spreads(ensemble, central)
    )
    table = section.tables[0]
    note = f"{table.note} {SPREAD_NOTE}".strip()
    return replace(
        section,
        paragraphs=(ensemble_lead(ensemble), *section.paragraphs),
        tables=(replace(table, note=note), *section.tables[1:]),
    )


def run_sections(
    result: RunResult, reference: Reference, ensemble: Ensemble | None = None
) -> list[Section]:
    """Every figure section of a scenario report, in reading order."""
    base, horizon = frames.run_years(result)
    ceiling = float(result.metadata["scenario"]["capability"]["spending_ceiling_usd_billion"])
    compute = make_figure(
        "fig-compute",
        "Effective compute and its sources",
        f"Left: orders of magnitude (OOM, log10 units) of effective compute above {base}, stacked "
        "by "
        "factor. Right: spending on the largest training run, with the ceiling its S-curve "
        "approaches.",
        figs.compute_figure(
            frames.compute_decomposition(result.economy),
            ceiling_usd_billion=ceiling,
            base_year=base,
        ),
    )
    picture = make_figure(
        "fig-seed-picture",
        "Who expands and who shrinks: exposure against demand elasticity",
        f"Each bubble is an occupation: exposure in {horizon} (x), price elasticity of demand in "
        "the base "
        "year (y, log scale; saturation lowers it as output grows), base-year employment (area) "
        "and "
        f"employment against the no-AI path in {horizon} (colour). Elasticity 1 separates "
        "expansion from "
        "shrinkage in the simple rule; saturation and re-spent income move the boundary a little.",
        seed_picture(frames.seed_picture_frame(result), year=horizon),
    )
    return [
        Section("capability", "Capability", figures=(compute,)),
        Section("seed-picture", "The seed's picture", figures=(picture,)),
        _major_group_section(result, reference),
        _movers_section(result, reference, ensemble),
        _wage_section(result, reference),
        _seed_examples_section(result),
        _unemployment_section(result),
    ]


def _major_group_section(result: RunResult, reference: Reference) -> Section:
    title = "Employment by SOC major group"
    if reference.table is None:
        return unavailable("major-groups", title, f"SOC major groups ({reference.note})")
    figure = make_figure(
        "fig-major-groups",
        title,
        "Employment per SOC major group with AI (solid) and on the no-AI path (dashed); "
        "each panel has its own scale, starting at zero.",
        figs.major_groups_figure(frames.major_group_paths(result.occupations, reference.table)),
    )
    return Section("major-groups", title, figures=(figure,))


def _movers_section(
    result: RunResult, reference: Reference, ensemble: Ensemble | None = None
) -> Section:
    demand = result.metadata["scenario"].get("demand", {})
    source = demand.get("elasticity_source", ESTIMATED_SOURCE)
    ranges = reference.elasticities if source == ESTIMATED_SOURCE else None
    tables = {
        year: movers_bands(ensemble, year, frames.movers(result, year, ranges=ranges))
        for year in frames.report_years(result)
    }
    figure = make_figure(
        "fig-movers",
        "Occupations expanding and shrinking most against the no-AI path",
        "The 15 occupations with the largest fall and the 15 with the largest rise against their "
        "no-AI path (occupations with at least 10,000 workers in the base year); the label gives "
        "the occupation's base-year price elasticity of demand (ε)"
        + (" and its 5-95% range." if ranges is not None else ".")
        + (
            " Bars: the central run. Black lines: the 5-95% range of the occupation's change "
            "across the uncertainty ensemble; hatched, pale bars marked (?): sign uncertain."
            if ensemble is not None
            else " " + NO_ENSEMBLE
        ),
        figs.movers_figure(tables),
    )
    if ranges is not None:
        notes: tuple[str, ...] = ()
    elif source != ESTIMATED_SOURCE:
        notes = (
            f"Elasticity ranges: this run takes elasticities from demand.elasticity_source = "
            f"{source}, which carries no ranges.",
        )
    else:
        notes = ("Elasticity ranges per occupation: not available in these results.",)
    return Section("movers", "Largest movers", paragraphs=notes, figures=(figure,))


def _wage_section(result: RunResult, reference: Reference) -> Section:
    title = "Wages: who gains, who loses"
    if reference.table is None:
        return unavailable("wages", title, f"Base-year wages ({reference.note})")
    quintiles = frames.wage_quintiles(result, reference.table)
    figure = make_figure(
        "fig-wage-quintiles",
        title,
        "Left: employment against the no-AI path by quintile of the base-year mean annual wage "
        "(each quintile holds a fifth of base-year employment). Right: the annual wage bill "
        "with AI and on the no-AI path, valued at base-year wages.",
        labour.wage_figure(quintiles, frames.yearly_economy(result.economy)),
    )
    if "labour_share" not in result.economy.columns:
        note = "Labour share (wage bill over output value): not available in these results."
        return Section("wages", title, paragraphs=(note,), figures=(figure,))
    share = make_figure(
        "fig-labour-share",
        "Labour share",
        "The wage bill at current wages over the value of output, with AI and on the no-AI path.",
        labour.labour_share_figure(frames.yearly_economy(result.economy)),
    )
    return Section("wages", title, figures=(figure, share))


def _seed_examples_section(result: RunResult) -> Section:
    title = "The seed's examples: possible is not adopted"
    rows = frames.seed_examples(result.occupations)
    if rows.empty:
        return unavailable("seed-examples", title, "The seed's example occupations")
    figure = make_figure(
        "fig-seed-examples",
        title,
        "Exposure (share of tasks AI can do, orange) against adoption (share of tasks done with "
        "AI, blue); the shaded gap is work within AI's reach not yet adopted. Last panel: "
        "employment against the no-AI path.",
        figs.seed_examples_figure(rows),
    )
    return Section("seed-examples", title, figures=(figure,))


def _unemployment_section(result: RunResult) -> Section:
    title = "Unemployment and where displaced workers went"
    figure = make_figure(
        "fig-unemployment",
        "Unemployment",
        "With AI (solid) and on the no-AI path (dashed): the unemployed (the base churn of "
        "the labour market in both worlds; AI's effect is the gap), the long-term unemployed "
        "and open vacancies"
        + (
            "; the rate and long-term unemployment where the run records them."
            if "unemployment_rate" in result.economy.columns
            else "."
        ),
        labour.unemployment_figure(result.economy),
    )
    transitions = getattr(result, "transitions", None)
    if transitions is None or not set(frames.TRANSITION_COLUMNS) <= set(transitions.columns):
        note = (
            "Where displaced workers went (occupation-to-occupation flows): "
            "not available in these results."
        )
        return Section("unemployment", title, paragraphs=(note,), figures=(figure,))
    titles = dict(
        zip(
            result.occupations["occupation_code"].astype(str),
            result.occupations["title"].astype(str),
            strict=True,
        )
    )
    flows = frames.destination_flows(result, transitions)
    if flows.empty:  # a short or small run in which nobody moved between occupations
        moved = "No unemployed worker was re-employed in another occupation in this run."
        return Section("unemployment", title, paragraphs=(moved,), figures=(figure,))
    destinations = make_figure(
        "fig-destinations",
        "Where displaced workers went",
        "The five most common new occupations of unemployed workers from radiologists and from "
        "the three occupations losing most jobs against the no-AI path, summed over the run.",
        labour.destinations_figure(flows, titles),
    )
    return Section("unemployment", title, figures=(figure, destinations))
