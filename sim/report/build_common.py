"""Sections every report kind shares: methods and assumptions, data sources, provenance."""

from __future__ import annotations

from pathlib import Path

from sim.experiments.runner import DEFAULT_OCCUPATIONS_DIR
from sim.io.results import RunResult
from sim.report.document import Section, unavailable
from sim.report.inputs import ReportInput
from sim.report.methods import data_sources, parameter_table, validation_table


def provenance(result: RunResult, data: ReportInput) -> tuple[str, ...]:
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


def methods_section(
    runs: tuple[RunResult, ...], data: ReportInput, validation_csv: Path | None
) -> Section:
    validation = validation_table(data.paths[0], validation_csv)
    if len(runs) == 1:
        tables = [parameter_table(runs[0].metadata["scenario"])]
    else:
        tables = [
            parameter_table(
                run.metadata["scenario"],
                table_id=f"table-parameters-{run.scenario_name}",
                title=f"Parameters of {run.scenario_name}",
            )
            for run in runs
        ]
    tables += [validation] if validation is not None else []
    paragraphs = [
        "The model and its equations: docs/model.md; every parameter's declaration: "
        "docs/parameters.md.",
        *(() if validation else ("Validation results: not available in these results.",)),
    ]
    return Section(
        "methods", "Methods and assumptions", paragraphs=tuple(paragraphs), tables=tuple(tables)
    )


def sources_section(directory: Path = DEFAULT_OCCUPATIONS_DIR) -> Section:
    sources, notices = data_sources(directory)
    if sources is None:
        return unavailable("sources", "Data sources and licences", "occupations/SOURCES.md")
    return Section("sources", "Data sources and licences", paragraphs=notices, tables=(sources,))


def data_dir(result: RunResult) -> Path:
    recorded = Path(str(result.metadata.get("occupations_dir", "")))
    return recorded if (recorded / "SOURCES.md").is_file() else DEFAULT_OCCUPATIONS_DIR
