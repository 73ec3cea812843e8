"""Atomic results: complete or absent; old results replaced only by complete new ones."""

import os
from pathlib import Path

import pytest

from sim.errors import LaborsimError
from sim.experiments.runner import run
from sim.io import atomic
from sim.io.results import RESULT_FILES, RunResult, load_result
from sim.params.scenario import derive


@pytest.fixture
def result(toy_scenario, toy_tables) -> RunResult:
    return run(derive(toy_scenario, {"run.horizon_year": 2027}), tables=toy_tables)


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_a_write_that_fails_midway_leaves_nothing(result, tmp_path, monkeypatch):
    def crash(self, directory):
        (directory / "occupations.parquet").write_bytes(b"half")
        raise KeyboardInterrupt  # a kill or Ctrl-C in the middle of writing

    monkeypatch.setattr(RunResult, "_write_files", crash)
    with pytest.raises(KeyboardInterrupt):
        result.save(tmp_path / "run")
    assert not (tmp_path / "run").exists()
    assert hidden(tmp_path) == []


def test_overwrite_keeps_old_results_until_new_ones_are_complete(result, tmp_path, monkeypatch):
    target = result.save(tmp_path / "run")
    before = (target / "metadata.json").read_bytes()
    monkeypatch.setattr(RunResult, "_write_files", lambda self, d: (_ for _ in ()).throw(OSError))
    with pytest.raises(LaborsimError, match="cannot write results"):
        result.save(target, overwrite=True)
    assert (target / "metadata.json").read_bytes() == before
    monkeypatch.undo()
    result.save(target, overwrite=True)
    assert set(RESULT_FILES) <= {p.name for p in target.iterdir()}
    assert hidden(tmp_path) == []


def test_leftovers_of_a_killed_writer_are_cleaned_and_moved_aside_results_restored(
    result, tmp_path
):
    target = result.save(tmp_path / "run")
    dead = 2**22 + 12345  # above the default pid_max: no such process
    assert not (Path("/proc") / str(dead)).exists()
    (tmp_path / f".run.tmp-{dead}-abc").mkdir()
    aside = tmp_path / f".run.old-{dead}-xyz"
    aside.mkdir()
    os.rename(target, aside / "run")  # killed between the two renames of an overwrite
    atomic.clean_leftovers(tmp_path / "run")
    assert hidden(tmp_path) == []
    assert load_result(tmp_path / "run").metadata == result.metadata


def test_directories_that_are_not_results_are_never_replaced(result, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(LaborsimError, match="already holds results"):
        result.save(tmp_path)
    with pytest.raises(LaborsimError, match="holds files that are not laborsim results"):
        result.save(tmp_path, overwrite=True)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert load_result(result.save(empty)).metadata == result.metadata


def test_unwritable_or_too_long_targets_are_one_clear_error(result, tmp_path):
    with pytest.raises(LaborsimError, match="cannot write results"):
        result.save(tmp_path / ("x" * 300))
    (tmp_path / "file").write_text("")
    with pytest.raises(LaborsimError, match="cannot write results"):
        result.save(tmp_path / "file" / "run")


def test_a_run_directory_with_its_report_can_be_overwritten(result, tmp_path):
    target = result.save(tmp_path / "run")
    (target / "report.html").write_text("<html></html>")
    (target / "report_figures").mkdir()
    result.save(target, overwrite=True)
    assert not (target / "report.html").exists()  # the stale report goes with the old run


def test_overwrite_through_a_symlinked_directory_replaces_the_results_at_its_target(
    result, tmp_path
):
    real = result.save(tmp_path / "disk" / "run")
    link = tmp_path / "run-link"
    link.symlink_to(real, target_is_directory=True)
    (real / "metadata.json").write_text((real / "metadata.json").read_text().replace("\n", " \n"))
    marked = (real / "metadata.json").read_bytes()
    result.save(link, overwrite=True)
    assert link.is_symlink()  # the link stays a link ...
    assert link.resolve() == real.resolve()
    assert (real / "metadata.json").read_bytes() != marked  # ... and its target was replaced
    assert load_result(link).metadata == load_result(real).metadata
    assert hidden(tmp_path) == []
    assert hidden(tmp_path / "disk") == []
