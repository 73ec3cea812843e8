"""Sweep files: defaults from the declarations, and one clear line (exit 2) for every bad spec."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.cli import main
from sim.errors import ScenarioError
from sim.io.sweep_files import Sampler, load_sweep
from sim.params._field import Distribution

REPO = Path(__file__).resolve().parents[2]
SWEEPS = REPO / "scenarios" / "sweeps"
HEAD = 'base = "{base}"\nsampler = "{sampler}"\nsamples = {samples}\n'


def _spec(tmp_path: Path, body: str, sampler: str = "latin_hypercube", samples: int = 8) -> Path:
    path = tmp_path / "spec.toml"
    base = REPO / "scenarios" / "baseline.toml"
    path.write_text(HEAD.format(base=base, sampler=sampler, samples=samples) + body)
    return path


@pytest.mark.parametrize("path", sorted(SWEEPS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_sweeps_load(path):
    sweep = load_sweep(path)
    assert sweep.uncertainties


def test_empty_factor_takes_the_declared_plausible_range_and_distribution(tmp_path):
    sweep = load_sweep(
        _spec(tmp_path, '[uncertainties]\n"capability.algorithmic_halving_months" = {}\n')
    )
    (factor,) = sweep.uncertainties
    assert (factor.low, factor.high) == (5.0, 14.0)  # Ho et al. (2024) 95% CI
    assert factor.distribution is Distribution.LOG_UNIFORM
    assert sweep.years == (2035, 2055)
    assert sweep.spec.sampler is Sampler.LATIN_HYPERCUBE
    assert sweep.seed == sweep.base.seed


def test_table_entries_can_be_levers(tmp_path):
    body = '[levers]\n"adoption.regulatory_slowdown_by_major_group.29" = { values = [1, 9] }\n'
    (lever,) = load_sweep(_spec(tmp_path, body)).levers
    assert lever.values == (1.0, 9.0)


LEVER = '[levers]\n"labor.reemployment_rate_per_year" = { values = [2.0, 4.0] }\n'
DISCOVERY = '[[discovery]]\noutcome = "employment_vs_no_ai"\nyear = {year}\n{threshold}\n'

BAD = {
    "unknown parameter": (
        '[uncertainties]\n"capability.hardware_doubling_yeras" = {}\n',
        "unknown parameter 'capability.hardware_doubling_yeras' "
        "(did you mean 'capability.hardware_doubling_years'",
    ),
    "bound out of range": (
        '[uncertainties]\n"closure.policy_offset_share" = { low = 0.2, high = 1.5 }\n',
        "bound 1.5 is outside the valid range [0, 1] share",
    ),
    "empty design": ("", "empty design: name at least one uncertainty or lever"),
    "no range declared": (
        '[uncertainties]\n"labor.exit_rate_multiplier" = {}\n',
        "no declared plausible range; give low and high",
    ),
    "lever value out of range": (
        '[levers]\n"labor.reemployment_rate_per_year" = { values = [2.0, 60.0] }\n',
        "value 60 is outside the valid range [0, 52]",
    ),
    "unknown key": ("sampels = 3\n", "unknown key 'sampels' (did you mean 'samples'"),
    "year outside the run": (
        '[uncertainties]\n"demand.elasticity_quantile" = {}\n[outcomes]\nyears = [2070]\n',
        "outcomes.years: 2070 is outside the base scenario's years [2025, 2055]",
    ),
    "boolean as a number": ("replications = true\n" + LEVER, "field 'replications' = True"),
    "quoted number": (
        'seed = "4"\n' + LEVER,
        "field 'seed' = '4': Input should be a valid integer",
    ),
    "float as an integer": ("replications = 2.0\n" + LEVER, "field 'replications' = 2.0"),
    "name with path parts": ('name = ".."\n' + LEVER, "field 'name' = '..'"),
    "name too long": (f'name = "{"a" * 101}"\n' + LEVER, "at most 100 characters"),
    "unknown major group": (
        '[levers]\n"adoption.regulatory_slowdown_by_major_group.99" = { values = [1, 9] }\n',
        "unknown major group '99'",
    ),
    "unknown occupation": (
        '[levers]\n"demand.elasticity_by_occupation.15-9999" = { values = [0.5, 1] }\n',
        "unknown occupation code '15-9999'",
    ),
    "discovery year beyond horizon": (
        LEVER + DISCOVERY.format(year=2070, threshold="below = 0"),
        "discovery[0]: outcomes.years: 2070 is outside the base scenario's years",
    ),
    "discovery year not recorded": (
        LEVER + DISCOVERY.format(year=2040, threshold="below = 0"),
        "discovery[0]: year 2040 is not an outcome year of this sweep",
    ),
    "discovery without threshold": (
        LEVER + DISCOVERY.format(year=2035, threshold=""),
        "a discovery rule needs 'below' or 'above'",
    ),
    "discovery scope not recorded": (
        LEVER + DISCOVERY.format(year=2035, threshold='below = 0\nscope = "occ:29-1224"'),
        "scope 'occ:29-1224' is not recorded",
    ),
    "discovery scope of a group absent from the data": (
        LEVER
        + "[outcomes]\nby_major_group = true\n"
        + DISCOVERY.format(year=2035, threshold='below = 0\nscope = "soc:98"'),
        "discovery[0]: scope 'soc:98' names no major group of the base scenario's data",
    ),
    "duplicated outcome year": (
        LEVER + "[outcomes]\nyears = [2035, 2035]\n",
        "outcomes.years: 2035 listed more than once",
    ),
    "duplicated outcome occupation": (
        LEVER + '[outcomes]\noccupations = ["29-1224", "29-1224"]\n',
        "outcomes.occupations: 29-1224 listed more than once",
    ),
    "5000-digit number": (f"seed = {'9' * 5000}\n" + LEVER, "not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_spec_is_one_line_and_exit_2(tmp_path, capsys, case):
    body, message = BAD[case]
    assert main(["sweep", str(_spec(tmp_path, body)), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("error: ")
    assert message in err[0]
    assert not (tmp_path / "out").exists()  # nothing was run or created


def test_sobol_needs_a_power_of_two(tmp_path):
    body = '[uncertainties]\n"demand.elasticity_quantile" = {}\n'
    with pytest.raises(ScenarioError, match="needs a power of 2"):
        load_sweep(_spec(tmp_path, body, sampler="sobol", samples=48))


def test_missing_sweep_file_is_one_line(tmp_path, capsys):
    assert main(["sweep", str(tmp_path / "nope.toml")]) == 2
    assert "sweep file not found" in capsys.readouterr().err


def test_binary_sweep_file_is_one_line(tmp_path, capsys):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00binary")
    assert main(["sweep", str(path)]) == 2
    assert "0xff is not valid UTF-8" in capsys.readouterr().err


def test_horizon_equal_to_a_listed_year_is_recorded_once(tmp_path):
    sweep = load_sweep(_spec(tmp_path, LEVER + '[outcomes]\nyears = [2055, "horizon"]\n'))
    assert sweep.years == (2055,)


def test_special_and_huge_sweep_files_are_refused_without_reading_them(tmp_path, capsys):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # reading it would block forever
    assert main(["sweep", str(fifo)]) == 2
    assert "is not a regular file" in capsys.readouterr().err
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB that take no disk
    assert main(["sweep", str(huge)]) == 2
    assert "3000000000 bytes; allowed: a sweep file of <= 1000000" in capsys.readouterr().err


def test_discovery_band_is_described_with_both_thresholds(tmp_path):
    body = LEVER + DISCOVERY.format(year=2035, threshold="below = 0\nabove = -0.1")
    (rule,) = load_sweep(_spec(tmp_path, body)).spec.discovery
    assert rule.described(2035) == "employment_vs_no_ai 2035 total > -0.1 and < 0"
