"""Hypothesis strategies for hostile sweep specs, each tagged with whether it is valid.

A case is a spec text (or a special file: FIFO, directory, empty, binary, huge)
plus ``bad``: True when the generator put something invalid into it on purpose
(wrong type, value out of range, unknown parameter, name, occupation code or
major group, a name with path parts, a duplicate year or occupation, a
discovery rule without threshold or on an unrecorded year or scope, a sobol
sample size that is not a power of 2).  ``scripts/fuzz.py`` counts a bad case
that loads as *silently accepted*.  The base scenario is the toy economy of
``tests/experiments/conftest.py`` (major group 43, codes 43-9001..43-9003,
years 2025-2035).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

#: Valid uncertainties of the toy base with their plausible ranges left empty.
GOOD_UNCERTAINTIES = (
    "demand.spending_recycling_share",
    "capability.algorithmic_halving_months",
    "exposure.readiness_span_doublings",
)
GOOD_LEVERS = {
    "labor.reemployment_rate_per_year": "{ values = [1.5, 4.0] }",
    "adoption.regulatory_slowdown_by_major_group.43": "{ values = [1.0, 3.0] }",
    "demand.elasticity_by_occupation.43-9001": "{ values = [0.5, 1.5] }",
}


@dataclass(frozen=True)
class SpecCase:
    """A generated sweep spec: its text (or a special file), and whether it is invalid."""

    text: str
    bad: bool
    special: str = ""  # "", "fifo", "directory", "empty", "binary", "huge"
    why: str = ""


#: (field line, why it is bad) inserted into an otherwise valid spec.
BAD_TOP_LINES = (
    ("samples = true", "boolean for an integer"),
    ('samples = "4"', "string for an integer"),
    ("samples = 4.0", "float for an integer"),
    ("samples = 0", "samples below 1"),
    ("samples = 99999999", "samples above the limit"),
    ("replications = -1", "negative replications"),
    ("replications = true", "boolean replications"),
    ("seed = -5", "negative seed"),
    (f"seed = {2**63}", "seed too large"),
    ('seed = "7"', "string seed"),
    ('sampler = "montecarlo"', "unknown sampler"),
    ("sampler = 3", "sampler not a string"),
    ('seeds = "shared"', "unknown seed scheme"),
    ('name = ".."', "name with path parts"),
    ('name = "../escape"', "name with path parts"),
    ('name = "/abs"', "absolute name"),
    ('name = ".hidden"', "hidden name"),
    ('name = "a b"', "space in name"),
    ('name = ""', "empty name"),
    (f'name = "{"n" * 101}"', "name too long"),
    ("schema_version = 2", "unknown schema version"),
    ("sampels = 4", "unknown key"),
    ('base = "missing.toml"', "missing base"),
    ('base = "/etc/passwd"', "base outside the root"),
    ('base = "sub/\\u0000x.toml"', "NUL in base"),
    ("description = 1979-05-27", "date where a string is"),
)
BAD_FACTOR_LINES = (
    ('"capability.hardware_doubling_yeras" = {}', "unknown parameter"),
    ('"demand.spending_recycling_share" = { low = 0.2, high = 1.5 }', "bound above valid"),
    ('"demand.spending_recycling_share" = { low = 0.8, high = 0.2 }', "low above high"),
    ('"demand.spending_recycling_share" = { low = "0.2", high = 0.8 }', "string bound"),
    ('"demand.spending_recycling_share" = { low = true, high = 0.8 }', "boolean bound"),
    ('"labor.exit_rate_multiplier" = {}', "no plausible range"),
    ('"run.steps_per_year" = {}', "integer as an uncertainty"),
    ('"adoption.regulatory_slowdown_by_major_group.99" = {}', "unknown major group"),
    ('"adoption.regulatory_slowdown_by_major_group" = {}', "a whole table"),
    ('"demand.spending_recycling_share" = { wobble = 1 }', "unknown factor key"),
    ('"demand.spending_recycling_share" = { distribution = "normal" }', "unknown distribution"),
)
BAD_LEVER_LINES = (
    ('"labor.reemployment_rate_per_year" = { values = [2.0, 60.0] }', "lever value too large"),
    ('"labor.reemployment_rate_per_year" = { values = [] }', "no lever values"),
    ('"labor.reemployment_rate_per_year" = { values = ["2"] }', "string lever value"),
    ('"demand.elasticity_by_occupation.15-9999" = { values = [0.5, 1] }', "unknown occupation"),
    ('"adoption_regulation.delay_years_by_major_group.29" = { values = [1, 5] }', "absent group"),
    ('"occupations.employment_overrides.43-9009" = { values = [1, 5] }', "unknown occupation"),
    ('"labor.reemployment_rate_per_year" = { levels = 1 }', "one level"),
)
BAD_OUTCOME_BLOCKS = (
    ("[outcomes]\nyears = [2030, 2030]", "duplicate year"),
    ("[outcomes]\nyears = [2070]", "year beyond the horizon"),
    ("[outcomes]\nyears = [2020]", "year before the base"),
    ("[outcomes]\nyears = []", "no years"),
    ('[outcomes]\nyears = ["2030"]', "string year"),
    ("[outcomes]\nyears = [2030.0]", "float year"),
    ('[outcomes]\noccupations = ["43-9001", "43-9001"]', "duplicate occupation"),
    ('[outcomes]\noccupations = ["43-9999"]', "unknown outcome occupation"),
    ('[outcomes]\noccupations = ["../x"]', "bad occupation code"),
    ("[outcomes]\nby_major_group = 1", "integer for a switch"),
)
DISCOVERY = '[[discovery]]\noutcome = "employment_vs_no_ai"\nyear = {year}\n{rest}'
BAD_DISCOVERY = (
    (DISCOVERY.format(year="2035", rest=""), "rule without threshold"),
    (DISCOVERY.format(year="2070", rest="below = 0"), "rule year beyond the horizon"),
    (DISCOVERY.format(year="2031", rest="below = 0"), "rule year not recorded"),
    (DISCOVERY.format(year='"horizon"', rest='below = 0\nscope = "soc:11"'), "scope unrecorded"),
    (DISCOVERY.format(year='"horizon"', rest="below = 0\nabove = 1"), "empty band"),
    (DISCOVERY.format(year='"horizon"', rest='below = "0"'), "string threshold"),
    ('[[discovery]]\noutcome = "gdp"\nyear = 2035\nbelow = 0', "unknown outcome"),
)
SPECIALS = ("fifo", "directory", "empty", "binary", "huge")


@st.composite
def sweep_spec_cases(draw: st.DrawFn) -> SpecCase:
    """A valid spec, a spec with one planted defect, or a special file."""
    if draw(st.integers(0, 19)) == 0:
        return SpecCase("", True, special=draw(st.sampled_from(SPECIALS)), why="special file")
    sampler = draw(st.sampled_from(["grid", "latin_hypercube", "sobol", "morris"]))
    samples = draw(st.sampled_from([1, 2, 4])) if sampler != "latin_hypercube" else 3
    names = draw(st.lists(st.sampled_from(GOOD_UNCERTAINTIES), min_size=1, max_size=2, unique=True))
    levers = draw(st.lists(st.sampled_from(list(GOOD_LEVERS)), max_size=1, unique=True))
    top = [
        'base = "base.toml"',
        f'sampler = "{sampler}"',
        f"samples = {samples}",
        f"seed = {draw(st.integers(0, 2**63 - 1))}",
    ]
    factors = [f'"{name}" = {{}}' for name in names]
    lever_lines = [f'"{name}" = {GOOD_LEVERS[name]}' for name in levers]
    outcomes = ['[outcomes]\nyears = [2030, "horizon"]\nby_major_group = true']
    discovery = [DISCOVERY.format(year='"horizon"', rest="below = 0")]
    why = ""
    kind = draw(st.sampled_from(["valid", "top", "factor", "lever", "outcomes", "discovery"]))
    if kind == "top":
        line, why = draw(st.sampled_from(BAD_TOP_LINES))
        key = line.split("=")[0].strip()
        top = [entry for entry in top if not entry.startswith(key + " ")] + [line]
    elif kind == "factor":
        line, why = draw(st.sampled_from(BAD_FACTOR_LINES))
        factors.append(line)
    elif kind == "lever":
        line, why = draw(st.sampled_from(BAD_LEVER_LINES))
        lever_lines = [line]
    elif kind == "outcomes":
        block, why = draw(st.sampled_from(BAD_OUTCOME_BLOCKS))
        outcomes = [block]
    elif kind == "discovery":
        block, why = draw(st.sampled_from(BAD_DISCOVERY))
        discovery = [block]
    if sampler == "sobol" and samples not in (1, 2, 4):  # pragma: no cover - kept valid
        why = why or "sobol samples not a power of 2"
    text = "\n".join(
        [
            *top,
            "[uncertainties]",
            *factors,
            *(["[levers]", *lever_lines] if lever_lines else []),
            *outcomes,
            *discovery,
        ]
    )
    return SpecCase(text + "\n", kind != "valid", why=why or "valid")


def spec_files(case: SpecCase) -> dict[str, Any]:
    """The files of a case besides the base (``spec.toml``); ``None`` marks a directory."""
    if case.special == "directory":
        return {"spec.toml": None}
    if case.special == "empty":
        return {"spec.toml": b""}
    if case.special == "binary":
        return {"spec.toml": b"\x89PNG\r\n\x1a\n\x00\xff" * 10}
    return {"spec.toml": case.text.encode()}
