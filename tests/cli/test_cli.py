"""CLI: flags reach the library, errors are one line with exit 2, nothing is lost."""

import json
import os
import re
from pathlib import Path

import pytest

from sim.cli import main
from sim.io.results import RESULTS_SCHEMA_VERSION
from tests.conftest import make_tables
from tests.data_dirs import write_tables


@pytest.fixture
def toy_dir(tmp_path: Path, toy_tables) -> Path:
    return write_tables(toy_tables, tmp_path / "data")


@pytest.fixture
def scenario_file(tmp_path: Path, toy_dir: Path) -> Path:
    path = tmp_path / "toy.toml"
    path.write_text(
        'description = "toy"\nseed = 7\n[run]\nhorizon_year = 2030\n'
        f'[occupations]\npath = "{toy_dir.name}"\n'
        '[demand]\nelasticity_source = "major_group"\n'
        '[demand.elasticity_by_occupation]\n"43-9001" = 2.0\n'
    )
    return path


def test_run_writes_frames_metadata_and_summary(scenario_file, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(scenario_file), "--out", str(out), "--seed", "11"]) == 0
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["seed"] == 11  # --seed reaches the run
    assert metadata["scenario"]["name"] == "toy"
    assert metadata["results_schema_version"] == RESULTS_SCHEMA_VERSION
    assert {"numpy", "mesa", "python"} <= set(metadata["versions"])
    assert (out / "occupations.parquet").exists()
    assert (out / "economy.parquet").exists()
    printed = capsys.readouterr().out
    assert "Scenario 'toy'" in printed
    assert "2030: employment" in printed


def test_rerun_keeps_a_complete_run_and_refuses_a_different_one(scenario_file, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    before = (out / "metadata.json").read_text()
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    assert "1 of 1 run(s) already complete" in capsys.readouterr().out
    assert (out / "metadata.json").read_text() == before  # not run again
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet", "--seed", "8"]) == 2
    err = capsys.readouterr().err
    assert "already holds results of a different run (seed 7 vs 8)" in err
    assert err.count("\n") == 1
    assert (out / "metadata.json").read_text() == before
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet", "--overwrite"]) == 0
    assert (out / "metadata.json").read_text() != before  # replaced (new timings)


def test_bad_scenario_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[adoption]\ninitial_adopter_share = 2\n")
    assert main(["run", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "bad.toml: field 'adoption.initial_adopter_share' = 2" in err
    assert "allowed: [0, 1]" in err


def test_replications_differ_and_land_in_own_directories(scenario_file, tmp_path):
    text = scenario_file.read_text().replace(
        "[run]", "[exposure]\ndifficulty_noise_sd_doublings = 4.0\n[run]"
    )
    scenario_file.write_text(text)
    out = tmp_path / "reps"
    assert (
        main(["run", str(scenario_file), "--out", str(out), "--replications", "2", "--quiet"]) == 0
    )
    first = json.loads((out / "toy" / "replication-000" / "metadata.json").read_text())
    second = json.loads((out / "toy" / "replication-001" / "metadata.json").read_text())
    assert first["spawn_key"] == [0]
    assert second["spawn_key"] == [1]


def test_bad_flag_value_is_usage_error(scenario_file, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["run", str(scenario_file), "--workers", "0"])
    assert stop.value.code == 2
    assert "must be >= 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (str(2**64), "must be < 2\\*\\*63"),
        (str(2**63), "must be < 2\\*\\*63"),
        ("1_0", "not a whole number"),
        (" 12", "not a whole number"),
        ("\u0661\u0662", "not a whole number"),  # Arabic-Indic digits: int() would take them
        ("-3", "must be >= 0"),
        ("9" * 5000, "not a whole number of <= 30 digits: '9999"),
    ],
)
def test_seed_flag_takes_what_a_scenario_seed_takes(scenario_file, capsys, value, message):
    with pytest.raises(SystemExit) as stop:
        main(["run", str(scenario_file), "--seed", value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert re.search(message, err), err
    assert len(err) < 1000


def test_occupations_summary_on_toy_data(toy_dir, capsys):
    assert main(["occupations", "--dir", str(toy_dir)]) == 0
    assert "43-9001" in capsys.readouterr().out


def test_missing_data_directory_is_clear(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text('[occupations]\npath = "nowhere"\n')
    assert main(["run", str(path)]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_params_lists_every_block(capsys):
    assert main(["params"]) == 0
    table = capsys.readouterr().out
    for block in ("run.", "capability.", "exposure.", "adoption.", "demand.", "labor."):
        assert f"`{block}" in table


def test_help(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert "run" in capsys.readouterr().out


def test_make_tables_helper_is_valid():
    assert len(make_tables([{}]).occupations) == 1


def test_replications_beyond_the_limit_are_refused_before_anything_is_planned(
    scenario_file, capsys
):
    assert main(["run", str(scenario_file), "--replications", "10000000"]) == 2
    err = capsys.readouterr().err
    assert "--replications 10000000: allowed: 1 to 10,000" in err
    assert err.count("\n") == 1


def test_overwrite_with_fewer_replications_removes_the_stale_ones(scenario_file, tmp_path, capsys):
    out = tmp_path / "reps"
    command = ["run", str(scenario_file), "--out", str(out), "--quiet"]
    assert main([*command, "--replications", "3"]) == 0
    assert main([*command, "--replications", "2", "--seed", "5", "--overwrite"]) == 0
    left = sorted(p.name for p in (out / "toy").iterdir())
    assert left == ["replication-000", "replication-001"]
    assert "removed" in capsys.readouterr().out
    seeds = {json.loads((out / "toy" / n / "metadata.json").read_text())["seed"] for n in left}
    assert seeds == {5}


def test_report_refuses_replications_of_different_batches(scenario_file, tmp_path, capsys):
    out = tmp_path / "reps"
    assert main(["run", str(scenario_file), "--out", str(out), "--replications", "2"]) == 0
    other = tmp_path / "other"
    assert main(["run", str(scenario_file), "--out", str(other), "--replications", "3"]) == 0
    json_path = other / "toy" / "replication-002" / "metadata.json"
    metadata = json.loads(json_path.read_text())
    metadata["seed"] = 99  # a replication of an earlier command with another seed
    json_path.write_text(json.dumps(metadata))
    (other / "toy" / "replication-002").rename(out / "toy" / "replication-002")
    capsys.readouterr()
    assert main(["report", str(out / "toy")]) == 2
    assert "replications of different batches (seed 99 vs" in capsys.readouterr().err


def test_a_damaged_run_is_never_taken_as_complete(scenario_file, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    economy = out / "economy.parquet"
    economy.write_bytes(economy.read_bytes()[:-100])
    capsys.readouterr()
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 2
    assert "economy.parquet: differs from the file the run saved" in capsys.readouterr().err
    assert main(["report", str(out)]) == 2
    assert "the run is damaged" in capsys.readouterr().err
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet", "--overwrite"]) == 0


def test_a_second_writer_to_the_same_out_is_refused_while_the_first_writes(
    scenario_file, tmp_path, capsys
):
    from sim.io.output_lock import exclusive_outputs

    out = tmp_path / "reps"
    command = ["run", str(scenario_file), "--out", str(out), "--replications", "2", "--quiet"]
    with exclusive_outputs([out / "toy"]):  # another command holds the directory
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{out / 'toy'}: another laborsim command (process {os.getpid()})" in err
        assert not (out / "toy" / "replication-000").exists()
    assert main(command) == 0  # released: the next command runs


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("scenario", [1, 2], "field 'scenario' is not a table"),
        ("seed", "7", "field 'seed' = '7'; allowed: a whole number >= 0"),
        ("replication", None, "field 'replication' = 'None'"),
    ],
)
def test_report_of_a_run_with_damaged_metadata_is_one_line(
    scenario_file, tmp_path, capsys, field, value, message
):
    out = tmp_path / "run"
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    metadata = json.loads((out / "metadata.json").read_text())
    metadata[field] = value
    (out / "metadata.json").write_text(json.dumps(metadata))
    capsys.readouterr()
    assert main(["report", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_report_with_a_retyped_data_directory_in_metadata_still_writes(scenario_file, tmp_path):
    out = tmp_path / "run"
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    metadata = json.loads((out / "metadata.json").read_text())
    metadata["occupations_dir"] = 5  # was: TypeError, or the bundled data for a toy run (crash)
    metadata["occupations_data"] = [1]
    (out / "metadata.json").write_text(json.dumps(metadata))
    assert main(["report", str(out)]) == 0
    assert "names no occupation data directory" in (out / "report.md").read_text()
