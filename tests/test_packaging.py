"""The package a user installs: one version, the data checksum, and a wheel that runs anywhere."""

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import sim
from sim.cli import main
from sim.io.provenance import data_checksum, data_fingerprint
from sim.io.shipped import shipped_scenarios, shipped_sweeps
from sim.resources import occupations_dir

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]


def test_the_version_is_written_once_and_the_changelog_leads_with_it():
    assert sim.__version__ == VERSION == metadata.version("laborsim")
    newest = re.search(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert newest is not None
    assert newest.group(1) == VERSION
    written = [path for path in (ROOT / "sim").rglob("*.py") if VERSION in path.read_text()]
    assert written == []


def test_version_prints_the_version_and_the_data_checksum(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    fingerprint = data_fingerprint(occupations_dir())
    assert out.splitlines()[0] == f"laborsim {VERSION}"
    assert f"sha256 {data_checksum(fingerprint)} ({len(fingerprint)} files in " in out
    assert len(fingerprint) >= 4  # occupations, tasks, transitions, skills at least


def test_data_checksum_changes_with_any_file_and_not_with_order():
    fingerprint = {"a.csv": "1" * 64, "b.csv.gz": "2" * 64}
    same = dict(reversed(fingerprint.items()))
    assert data_checksum(fingerprint) == data_checksum(same)
    assert data_checksum(fingerprint) != data_checksum({**fingerprint, "b.csv.gz": "3" * 64})


def test_the_quick_start_notebook_is_stored_without_outputs():
    notebook = json.loads((ROOT / "examples" / "quickstart.ipynb").read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert len(code) >= 5
    assert [cell for cell in code if cell["outputs"] or cell["execution_count"]] == []
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


#: A path climbing out of the package from a module's own file: the repository root,
#: which an installed wheel does not have.
OUT_OF_PACKAGE = re.compile(r"__file__\)\.resolve\(\)\.parents\[[2-9]\]|\.parent\.parent\.parent")


def test_no_module_reaches_the_repository_from_its_own_location():
    climbers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "sim").rglob("*.py")
        if OUT_OF_PACKAGE.search(path.read_text())
    ]
    assert climbers == []  # shipped files come from sim.resources (importlib.resources)
    assert OUT_OF_PACKAGE.search('ROOT = Path(__file__).resolve().parents[2] / "scenarios"')


#: Run in the unpacked wheel, from a directory outside the repository.
INSTALLED_PROBE = """
import json, sim
from sim.data import load_occupation_tables
from sim.io.shipped import shipped_scenarios, shipped_sweeps
from sim.resources import occupations_dir, source_checkout
from sim.report.methods import VALIDATION_DOC
tables = load_occupation_tables(occupations_dir())
print(json.dumps({
    "sim": sim.__file__, "version": sim.__version__, "data": str(occupations_dir()),
    "occupations": len(tables.occupations), "checkout": str(source_checkout()),
    "baseline": sim.load_scenario("baseline").name, "scenarios": list(shipped_scenarios()),
    "sweeps": list(shipped_sweeps()), "validation_doc": VALIDATION_DOC.is_file(),
}))
"""


@pytest.mark.slow
def test_the_built_wheel_finds_its_data_and_scenarios_without_the_repository(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("laborsim-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert "sim/shipped/occupations/tasks.csv.gz" in names
    assert "sim/shipped/scenarios/sweeps/baseline-sensitivity.toml" in names
    assert not any(name.startswith(("occupations/", "scenarios/", "tests/")) for name in names)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", INSTALLED_PROBE],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(probe.stdout)
    assert found["sim"] == str(site / "sim" / "__init__.py")
    assert found["data"] == str(site / "sim" / "shipped" / "occupations")
    assert found["checkout"] == "None"
    assert found["version"] == VERSION
    assert found["occupations"] > 800
    assert found["baseline"] == "baseline"
    assert found["scenarios"] == list(shipped_scenarios())
    assert found["sweeps"] == list(shipped_sweeps())
    assert found["validation_doc"] is True
