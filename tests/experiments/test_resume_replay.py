"""Resume of killed batches, layout rules, replay, and identical frames on 1, 2 and 4 workers."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main
from sim.experiments.replay import replay
from sim.experiments.runner import batch_specs, run_batch
from sim.io.results import file_sha256
from sim.io.scenario_files import load_scenario
from tests.data_dirs import write_tables


@pytest.fixture
def scenario_file(tmp_path: Path, toy_tables) -> Path:
    write_tables(toy_tables, tmp_path / "data")
    path = tmp_path / "toy.toml"
    path.write_text(
        'seed = 7\n[run]\nhorizon_year = 2029\n[occupations]\npath = "data"\n'
        "[exposure]\ndifficulty_noise_sd_doublings = 4.0\n"
        '[demand]\nelasticity_source = "major_group"\n'
    )
    return path


def replications(out: Path) -> dict[str, pd.DataFrame]:
    return {
        f"{p.parent.name}/{p.name}": pd.read_parquet(p)
        for p in sorted(out.glob("toy/replication-*/*.parquet"))
    }


def command(scenario_file: Path, out: Path, *extra: str) -> list[str]:
    return ["run", str(scenario_file), "--out", str(out), "--quiet", "--replications", "3", *extra]


def test_rerun_completes_missing_replications_only(scenario_file, tmp_path, capsys):
    out = tmp_path / "reps"
    assert main(command(scenario_file, out)) == 0
    complete = replications(out)
    kept = (out / "toy" / "replication-000" / "metadata.json").read_bytes()
    shutil.rmtree(out / "toy" / "replication-001")  # as if killed before it was saved
    (out / "toy" / ".replication-002.tmp-999999999-x").mkdir()  # a dead writer's leftover
    capsys.readouterr()
    assert main(command(scenario_file, out)) == 0
    assert "2 of 3 run(s) already complete" in capsys.readouterr().out
    assert (out / "toy" / "replication-000" / "metadata.json").read_bytes() == kept
    assert sorted(p.name for p in (out / "toy").iterdir()) == [
        f"replication-00{i}" for i in range(3)
    ]
    resumed = replications(out)
    assert resumed.keys() == complete.keys()
    for name, frame in complete.items():  # frames identical after a resume
        pd.testing.assert_frame_equal(resumed[name], frame, check_exact=True)
    assert replay(out / "toy" / "replication-001").matches


def test_a_different_run_or_layout_in_the_directory_is_refused(scenario_file, tmp_path, capsys):
    out = tmp_path / "reps"
    assert main(command(scenario_file, out)) == 0
    capsys.readouterr()
    assert main(command(scenario_file, out, "--seed", "8")) == 2
    assert "different run (seed 7 vs 8)" in capsys.readouterr().err
    single = tmp_path / "single"
    assert main(["run", str(scenario_file), "--out", str(single), "--quiet"]) == 0
    assert main(["run", str(scenario_file), "--out", str(single.parent), "--quiet",
                 "--replications", "2"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["run", str(scenario_file), "--out", str(tmp_path), "--quiet"]) == 2
    assert "holds replications; a single run needs its own directory" in capsys.readouterr().err


def test_single_run_into_a_replications_holder_is_refused(scenario_file, tmp_path, capsys):
    out = tmp_path / "x"
    assert main(["run", str(scenario_file), "--out", str(out / "toy"), "--quiet"]) == 0
    assert main(command(scenario_file, out)) == 2
    assert "holds a single run; replications go to their own directory" in (capsys.readouterr().err)


def test_replay_reports_a_match_and_a_difference(scenario_file, tmp_path, capsys):
    out = tmp_path / "one"
    assert main(["run", str(scenario_file), "--out", str(out), "--quiet"]) == 0
    assert main(["run", "--replay", str(out)]) == 0
    assert "frames (occupations and economy) identical" in capsys.readouterr().out
    metadata = json.loads((out / "metadata.json").read_text())
    assert {"scenario", "seed", "replication", "spawn_key", "occupations_data"} <= set(metadata)
    frame = pd.read_parquet(out / "economy.parquet")
    frame.loc[3, "hires"] += 1e-9
    frame.to_parquet(out / "economy.parquet", index=False)
    assert main(["run", "--replay", str(out)]) == 2  # edited after saving: damaged
    assert "economy.parquet: differs from the file the run saved" in capsys.readouterr().err
    # saved so by a run (its checksum recorded): replay says what differs
    metadata["data_file_sha256"]["economy.parquet"] = file_sha256(out / "economy.parquet")
    (out / "metadata.json").write_text(json.dumps(metadata))
    assert main(["run", "--replay", str(out)]) == 1
    assert "DIFFERS: economy: column(s) hires differ" in capsys.readouterr().out
    (scenario_file.parent / "data" / "occupations.csv").write_text(
        (scenario_file.parent / "data" / "occupations.csv").read_text().replace("Toy", "Tiny")
    )
    assert main(["run", "--replay", str(out)]) == 2
    assert "inputs changed since the run (occupations_data)" in capsys.readouterr().err


@pytest.mark.slow  # spawns 2 + 4 worker processes (~1 min on 2 busy cores)
def test_identical_frames_on_one_two_and_four_workers(scenario_file):
    specs = batch_specs([load_scenario(scenario_file)], replications=4)
    serial = run_batch(specs, workers=1)
    for workers in (2, 4):
        for alone, parallel in zip(serial, run_batch(specs, workers=workers), strict=True):
            pd.testing.assert_frame_equal(parallel.occupations, alone.occupations, check_exact=True)
            pd.testing.assert_frame_equal(parallel.economy, alone.economy, check_exact=True)
    assert not serial[0].occupations["exposure"].equals(serial[1].occupations["exposure"])


def test_run_needs_a_scenario_or_replay(capsys, tmp_path):
    assert main(["run"]) == 2
    assert "give scenario file(s), or --replay RESULTS_DIR" in capsys.readouterr().err
    assert main(["run", "--replay", str(tmp_path)]) == 2
    assert "not a run directory" in capsys.readouterr().err


def test_ctrl_c_says_how_to_resume(scenario_file, tmp_path, monkeypatch, capsys):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("sim.cli.iter_batch", interrupt)
    assert main(command(scenario_file, tmp_path / "reps")) == 130
    assert "run the command again to resume" in capsys.readouterr().err
