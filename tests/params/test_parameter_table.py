"""docs/parameters.md is generated from the code and must stay in sync with it."""

from pathlib import Path

from sim.params.scenario import Scenario
from sim.params.table import parameter_rows, parameters_document

DOC = Path(__file__).resolve().parents[2] / "docs" / "parameters.md"


def test_docs_parameters_md_is_in_sync_with_code():
    assert DOC.read_text() == parameters_document(), (
        "docs/parameters.md is stale: run python -m sim.params.table > docs/parameters.md"
    )


def test_every_parameter_has_unit_source_and_meaning():
    rows = parameter_rows()
    block_fields = sum(
        len(field.annotation.model_fields)
        for field in Scenario.model_fields.values()
        if hasattr(field.annotation, "model_fields")
    )
    assert len(rows) == block_fields
    for row in rows:
        assert row["unit"], row["parameter"]
        assert row["source"], row["parameter"]
        assert row["meaning"], row["parameter"]


def test_numeric_parameters_declare_a_range():
    numeric = [r for r in parameter_rows() if r["unit"] not in {"choice", "path", "flag"}]
    missing = [
        r["parameter"]
        for r in numeric
        if not r["range"] and "{" not in r["default"] and ":" not in r["default"]
    ]
    assert missing == []


def test_every_rule_between_fields_is_documented_by_its_docstring():
    from sim.params.table import cross_field_rules

    rules = cross_field_rules()
    assert len(rules) >= 6
    assert all(rule.endswith(".") and "`" in rule for rule in rules), (
        rules
    )  # a sentence naming fields
