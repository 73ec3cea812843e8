"""Render every scenario parameter (default, unit, range, source) as a Markdown table.

The table is generated from the parameter declarations in :mod:`sim.params`, so
``docs/parameters.md`` and ``laborsim params`` can never disagree with the code.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

from pydantic import BaseModel

from sim.params._field import Distribution, Plausible, field_plausible, field_role
from sim.params.defaults import (
    ELASTICITY_BY_MAJOR_GROUP_SOURCES,
    ELASTICITY_BY_OCCUPATION_SOURCES,
    REGULATORY_SLOWDOWN_SOURCES,
)
from sim.params.messages import field_bounds
from sim.params.scenario import Scenario

HEADER = (
    "| parameter | default | unit | valid range | role | plausible range (sampled) "
    "| meaning | source / assumption |\n"
    "|---|---|---|---|---|---|---|---|"
)


def parameter_rows() -> list[dict[str, str]]:
    """One row per parameter of every block of :class:`Scenario`."""
    rows = []
    defaults = Scenario()
    for block_name, block_field in Scenario.model_fields.items():
        block_type = block_field.annotation
        if not (isinstance(block_type, type) and issubclass(block_type, BaseModel)):
            continue
        block_default = getattr(defaults, block_name)
        for name, field in block_type.model_fields.items():
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            rows.append(
                {
                    "parameter": f"{block_name}.{name}",
                    "default": _show(getattr(block_default, name)),
                    "unit": str(extra.get("unit", "")),
                    "range": field_bounds(field),
                    "role": field_role(field).value,
                    "plausible": _show_plausible(field_plausible(field)),
                    "meaning": field.description or "",
                    "source": str(extra.get("source", "")),
                }
            )
    return rows


def parameter_table_markdown() -> str:
    """The parameter table as Markdown."""
    lines = [HEADER]
    for row in parameter_rows():
        cells = [
            f"`{row['parameter']}`",
            row["default"],
            row["unit"],
            row["range"],
            row["role"],
            row["plausible"],
            row["meaning"],
            row["source"],
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def _show_plausible(plausible: Plausible | None) -> str:
    if plausible is None:
        return ""
    log = ", log-uniform" if plausible.distribution is Distribution.LOG_UNIFORM else ""
    return f"[{plausible.low:g}, {plausible.high:g}]{log}: {plausible.source}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v:g}" for k, v in value.items()) if value else "{}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


DOCUMENT_HEADER = """# Parameters

Every number in the model that is not data: unit, default, valid range and the source or
stated assumption. This file is generated from the declarations in `sim/params/` and
`sim/params/defaults.py` by `python -m sim.params.table > docs/parameters.md`;
a test fails when it and the code disagree. Scenario files override any entry
(`laborsim params` prints the first table).

The *role* says how sweeps treat a parameter: an `uncertainty` is sampled over its
*plausible range* in sensitivity sweeps, a `lever` is a policy choice varied in policy
grids, `fixed` is held unless a sweep names it. The plausible range (with its source)
is what the evidence supports; the valid range is what the model accepts
(`docs/sweeps.md`).
"""


def _source_table(title: str, key: str, rows: dict[str, tuple[float, str]]) -> str:
    lines = [f"## {title}", "", f"| {key} | value | source / assumption |", "|---|---|---|"]
    lines += [f"| {code} | {value:g} | {source} |" for code, (value, source) in rows.items()]
    return "\n".join(lines)


def cross_field_rules() -> list[str]:
    """Every rule between fields that refuses a scenario: the docstrings of its model validators.

    Read from the scenario and each block (``__pydantic_decorators__``), so the
    list in ``docs/parameters.md`` cannot miss a rule the code enforces.
    """
    models: list[type[BaseModel]] = [Scenario]
    models += [
        field.annotation
        for field in Scenario.model_fields.values()
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
    ]
    rules = []
    for model in models:
        for decorator in model.__pydantic_decorators__.model_validators.values():
            text = inspect.getdoc(decorator.func) or f"{model.__name__}.{decorator.cls_var_name}"
            rules.append(" ".join(text.split()))
    return rules


DATA_RULES = (
    "Checked against the occupation data before any step (`sim/model/override_check.py`, "
    "`sim/model/inputs.py`): every key of an override table names an occupation code or "
    "major group present in the data; an employment override is at most 2e8 persons (the "
    "data's bound) and base employment after the overrides totals at most 4e9; with "
    '`elasticity_source = "major_group"` every major group of the data has an elasticity; '
    "base employment after the overrides is positive."
)


def _rules_section() -> str:
    lines = ["## Rules between fields", ""]
    lines += [
        "A scenario that breaks one of these is refused before any run, with the fields named:",
        "",
    ]
    lines += [f"- {rule}" for rule in cross_field_rules()]
    return "\n".join([*lines, "", DATA_RULES])


def parameters_document() -> str:
    """The full ``docs/parameters.md`` text: all parameters plus per-group defaults."""
    sections = [
        DOCUMENT_HEADER,
        "## All parameters\n\n" + parameter_table_markdown(),
        _rules_section(),
        _source_table(
            "Price elasticity by SOC major group (`demand.elasticity_by_major_group`)",
            "group",
            ELASTICITY_BY_MAJOR_GROUP_SOURCES,
        ),
        _source_table(
            "Price elasticity overrides (`demand.elasticity_by_occupation`)",
            "occupation",
            ELASTICITY_BY_OCCUPATION_SOURCES,
        ),
        _source_table(
            "Regulatory slowdown by SOC major group "
            "(`adoption.regulatory_slowdown_by_major_group`; unlisted groups: 1)",
            "group",
            REGULATORY_SLOWDOWN_SOURCES,
        ),
    ]
    return "\n\n".join(sections) + "\n"


if __name__ == "__main__":
    sys.stdout.write(parameters_document())
