"""Shipped scenarios and sweeps by name and by path; a user's scenario extending one by name."""

from pathlib import Path

import pytest

from sim import resources
from sim.cli import main
from sim.errors import ScenarioError
from sim.io.scenario_files import load_scenario
from sim.io.shipped import (
    is_name,
    shipped_scenarios,
    shipped_sweeps,
    summary,
)
from sim.io.sweep_files import load_sweep

CHECKOUT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((CHECKOUT / "scenarios").glob("*.toml"))
SWEEP_FILES = sorted((CHECKOUT / "scenarios" / "sweeps").glob("*.toml"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_lists_are_the_files_in_the_checkout():
    assert list(shipped_scenarios()) == [path.stem for path in SCENARIO_FILES]
    assert list(shipped_sweeps()) == [path.stem for path in SWEEP_FILES]
    assert "baseline" in shipped_scenarios()
    assert "baseline-sensitivity" in shipped_sweeps()


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.stem)
def test_every_shipped_scenario_loads_by_name_and_by_path_alike(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # names must not depend on the working directory
    by_name = load_scenario(path.stem)
    assert by_name == load_scenario(path)
    assert by_name.name == path.stem


@pytest.mark.parametrize("path", SWEEP_FILES, ids=lambda path: path.stem)
def test_every_shipped_sweep_loads_by_name_and_by_path_alike(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_sweep(path.stem).fingerprint() == load_sweep(path).fingerprint()


def test_a_user_scenario_elsewhere_extends_the_shipped_baseline_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = write(
        tmp_path / "mine" / "halving-16.toml",
        'extends = "baseline"\n[capability]\nalgorithmic_halving_months = 16.0\n',
    )
    scenario = load_scenario(mine)
    baseline = load_scenario("baseline")
    assert scenario.name == "halving-16"
    assert scenario.capability.algorithmic_halving_months == 16.0
    assert baseline.capability.algorithmic_halving_months != 16.0
    assert scenario.seed == baseline.seed
    assert scenario.demand == baseline.demand


def test_a_user_sweep_names_the_shipped_baseline_as_its_base(tmp_path):
    spec = write(
        tmp_path / "my-sweep.toml",
        'base = "baseline"\nsampler = "latin_hypercube"\nsamples = 3\n'
        '[uncertainties]\n"capability.algorithmic_halving_months" = {}\n',
    )
    assert load_sweep(spec).base == load_scenario("baseline")


def test_a_file_of_that_name_here_wins_over_a_shipped_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "baseline", 'name = "local"\nseed = 3\n')
    assert load_scenario("baseline").name == "local"


def test_a_directory_of_that_name_here_does_not_hide_the_shipped_scenario(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "baseline").mkdir()  # e.g. results written with --out baseline
    assert load_scenario("baseline").name == "baseline"


@pytest.mark.parametrize("loader", [load_scenario, load_sweep])
def test_an_unknown_name_lists_the_shipped_choices(loader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError, match=r"^basline: no such file, and no shipped") as error:
        loader("basline")
    assert "baseline" in str(error.value)


def test_extends_by_an_unknown_name_names_the_field_and_the_choices(tmp_path):
    mine = write(tmp_path / "mine.toml", 'extends = "basline"\n')
    with pytest.raises(ScenarioError, match=r"mine.toml: field 'extends' = 'basline': no shipped"):
        load_scenario(mine)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("baseline", True),
        ("policy-grid", True),
        ("v1.2", True),
        ("baseline.toml", False),
        ("./baseline", False),
        ("sweeps/policy-grid", False),
        ("..", False),
        (".hidden", False),
        ("", False),
        ("a\x00b", False),
        ("x" * 101, False),
    ],
)
def test_what_counts_as_a_name(text, name):
    assert is_name(text) is name


def test_summary_is_the_first_sentence_on_one_line(tmp_path):
    path = write(tmp_path / "s.toml", 'description = """\nFirst  part\nof it. Second."""\n')
    assert summary(path) == "First part of it"
    cited = write(tmp_path / "c.toml", 'description = "As Ho et al. (2024) say, e.g. this. Next."')
    assert summary(cited) == "As Ho et al. (2024) say, e.g. this"
    long = write(tmp_path / "l.toml", f'description = "{"word " * 40}"\n')
    assert len(summary(long)) <= 96
    assert summary(long).endswith("word...")


def test_cli_scenarios_lists_every_shipped_scenario_and_sweep(capsys):
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = {line.split()[0] for line in lines if line.startswith("  ")}
    assert listed == {path.stem for path in (*SCENARIO_FILES, *SWEEP_FILES)}


def test_the_wheel_copy_is_preferred_to_the_checkout(tmp_path, monkeypatch):
    package = tmp_path / "site" / "sim"
    write(package / "shipped" / "scenarios" / "only-in-wheel.toml", "seed = 1\n")
    write(tmp_path / "site" / "scenarios" / "beside-site-packages.toml", "seed = 2\n")
    monkeypatch.setattr(resources, "package_dir", lambda: package)
    assert resources.scenarios_dir() == package / "shipped" / "scenarios"
    assert resources.source_checkout() is None
