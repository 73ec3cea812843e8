"""Sweep files: defaults from the declarations, and one clear line (exit 2) for every bad spec."""

from __future__ import annotations

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


BAD = {
    "unknown parameter": (
        '[uncertainties]\n"capability.hardware_doubling_yeras" = {}\n',
        "unknown parameter 'capability.hardware_doubling_yeras' "
        "(did you mean 'capability.hardware_doubling_years'",
    ),
    "bound out of range": (
        '[uncertainties]\n"demand.spending_recycling_share" = { low = 0.2, high = 1.5 }\n',
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
    assert "not valid TOML" in capsys.readouterr().err
