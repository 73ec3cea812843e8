"""Methods and assumptions: parameters, validation results and data sources.

Parameters come from the same declarations as ``docs/parameters.md``
(:func:`sim.parameter_table.parameter_rows`: unit, meaning, source) with the
values the run recorded in ``metadata.json``.  Validation results come from a
saved ``validation.csv`` when one is given or lies in the results directory,
otherwise from the generated table in ``docs/validation.md``, labelled as such.
Data sources and the required notices come from ``occupations/SOURCES.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from sim.params import Scenario
from sim.params.table import parameter_rows
from sim.report.document import ReportTable
from sim.resources import DOCS, shipped_path

#: The generated validation table (shipped in the wheel; ``docs/`` in a source checkout).
VALIDATION_DOC = shipped_path(DOCS, "validation.md")
#: File ``laborsim validate`` writes, and its verdict words (sim.validation is a sibling
#: layer the report may not import, so the names are repeated here).
CSV_FILE = "validation.csv"
PASS_TEXT, FAIL_TEXT = "pass", "FAIL"
SOURCES_FILE = "SOURCES.md"
NOT_RECORDED = "not recorded"
VALIDATION_COLUMNS = ("check", "published", "ours", "band", "result")


def format_value(value: Any) -> str:
    """A parameter value as the report shows it (dicts as ``key: value`` lists)."""
    if isinstance(value, dict):
        items = sorted(value.items())
        return ", ".join(f"{k}: {format_value(v)}" for k, v in items) if items else "{}"
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def recorded_parameters(scenario: dict[str, Any]) -> dict[str, Any]:
    """Every ``block.name`` value in a recorded scenario (blocks are the dict-valued keys)."""
    return {
        f"{block}.{name}": value
        for block, fields in scenario.items()
        if isinstance(fields, dict)
        for name, value in fields.items()
    }


def parameter_table(
    scenario: dict[str, Any],
    *,
    table_id: str = "table-parameters",
    title: str = "Parameters of this run",
) -> ReportTable:
    """Every parameter: the run's value, the default, unit and source."""
    recorded = recorded_parameters(scenario)
    defaults = recorded_parameters(Scenario().to_dict())
    declared = {row["parameter"]: row for row in parameter_rows()}
    rows = []
    for name in [*declared, *(n for n in recorded if n not in declared)]:
        row = declared.get(
            name, {"default": "", "unit": "", "source": "not declared in this version"}
        )
        value = format_value(recorded[name]) if name in recorded else NOT_RECORDED
        default = format_value(defaults[name]) if name in defaults else ""
        rows.append((name, value, default, row["unit"], row["source"]))
    changed = sum(1 for row in rows if row[1] != row[2] and row[1] != NOT_RECORDED)
    return ReportTable(
        table_id,
        title,
        ("parameter", "value in this run", "default", "unit", "source / assumption"),
        tuple(rows),
        note=f"{len(rows)} parameters; {changed} {'differs' if changed == 1 else 'differ'} "
        "from the default.",
    )


def validation_table(results_dir: Path | None, validation_csv: Path | None) -> ReportTable | None:
    """The validation checks with their bands, from the most specific saved source."""
    candidates = [validation_csv, results_dir / CSV_FILE if results_dir else None]
    for path in candidates:
        if path is not None and path.is_file():
            frame = pd.read_csv(path)
            frame["result"] = frame["passed"].map({True: PASS_TEXT, False: FAIL_TEXT})
            rows = tuple(
                tuple(str(v) for v in r) for r in frame[list(VALIDATION_COLUMNS)].to_numpy()
            )
            return ReportTable(
                "table-validation", "Validation", VALIDATION_COLUMNS, rows, f"From {path}."
            )
    return _validation_from_docs()


def _validation_from_docs() -> ReportTable | None:
    if not VALIDATION_DOC.is_file():
        return None
    text = VALIDATION_DOC.read_text()
    lines = [
        line
        for line in text.split("## Current results", 1)[-1].splitlines()
        if line.startswith("|")
    ]
    if len(lines) < 3:
        return None
    header = _cells(lines[0])
    wanted = [header.index(column) for column in VALIDATION_COLUMNS if column in header]
    rows = tuple(tuple(_cells(line)[i] for i in wanted) for line in lines[2:])
    note = (
        "From the generated table in docs/validation.md: the checks of the model defaults and "
        "data at the source commit of this installation, not a run of this scenario. "
        "Run `laborsim validate` to reproduce them."
    )
    return ReportTable(
        "table-validation", "Validation", tuple(header[i] for i in wanted), rows, note
    )


def _cells(line: str) -> list[str]:
    return [_plain(cell.strip()) for cell in line.strip().strip("|").split(" | ")]


def _plain(text: str) -> str:
    """Markdown emphasis, code marks and escapes removed."""
    return re.sub(r"\*\*|`|\\(?=[*|_])", "", text)


def data_sources(directory: Path) -> tuple[ReportTable | None, tuple[str, ...]]:
    """Data sources with their licences, and the required notices, from ``SOURCES.md``."""
    path = directory / SOURCES_FILE
    if not path.is_file():
        return None, ()
    text = path.read_text()
    sources = text.split("## 1. Sources", 1)[-1].split("## 2.", 1)[0]
    rows = []
    for block in re.split(r"^### ", sources, flags=re.MULTILINE)[1:]:
        title = _plain(block.splitlines()[0].split(" ", 1)[-1])
        licence = re.search(r"\*\*Licence\*\*: (.+)", block)
        rows.append((title, _plain(licence.group(1)) if licence else "see occupations/SOURCES.md"))
    notices = text.split("## 2. Required notices", 1)[-1].split("\n---", 1)[0]
    paragraphs = tuple(
        _plain(" ".join(p.split())) for p in notices.strip().split("\n\n") if p.strip()
    )
    table = ReportTable(
        "table-sources", "Data sources", ("source", "licence"), tuple(rows), f"From {path}."
    )
    return table, paragraphs
