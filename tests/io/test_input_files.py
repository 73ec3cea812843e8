"""The input front door: every malformed scenario file is one clear error naming file and place."""

from pathlib import Path

import pytest

from sim.cli import main
from sim.errors import ScenarioError
from sim.io.input_files import MAX_NESTING
from sim.io.scenario_files import load_scenario


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"seed = 1\ndescription = 'caf\xe9'\n", r"byte 27 \(line 2\): 0xe9 is not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not valid UTF-8|NUL byte"),
        (b"seed = 1\x00\n", "character 8 is a NUL byte"),
        (b"", "scenario file is empty"),
        (b"  \n\n", "scenario file is empty"),
        (b"# only a comment\n", "defines no key"),
        (b"seed = 1\nseed = 2\n", "not valid TOML: Cannot overwrite a value"),
        (b"x = " + b"[" * 50 + b"]" * 50, f"nested 5[01] deep; allowed: {MAX_NESTING} levels"),
        (b"x = " + b"[" * 100_000, "not valid TOML|nesting too deep"),
        (b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000, "nested|nesting too deep"),
    ],
)
def test_malformed_file_is_one_clean_error(tmp_path, data, message):
    path = write(tmp_path / "bad.toml", data)
    with pytest.raises(ScenarioError, match=message) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(str(path))


def test_paths_that_are_not_files(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path / "dir.toml")
    with pytest.raises(ScenarioError, match="not found"):
        load_scenario(tmp_path / "missing.toml")
    with pytest.raises(ScenarioError, match="contains a NUL byte"):
        load_scenario("bad\x00name.toml")
    with pytest.raises(ScenarioError, match="characters long"):
        load_scenario("x" * 5000 + ".toml")
    with pytest.raises(ScenarioError, match="name too long"):
        load_scenario(tmp_path / ("x" * 300 + ".toml"))


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.toml", "seed = 1\n")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # root reads any file, whatever its mode
    with pytest.raises(ScenarioError, match="secret.toml: scenario file is not readable"):
        load_scenario(path)


@pytest.mark.parametrize(
    ("extends", "message"),
    [
        ('"self.toml"', "'extends' forms a cycle"),
        ('"a.toml"', "'extends' forms a cycle"),
        ('"missing.toml"', "missing.toml: scenario file not found"),
        ('"folder.toml"', "is a directory"),
        ('"../outside.toml"', "resolves outside the scenario root"),
        ('"/etc/hostname"', "not a .toml file; allowed: a .toml file inside"),
        ('"/etc/x.toml"', "resolves outside the scenario root"),
        ('"parent"', "'parent': no shipped scenario called 'parent'; allowed: a path"),
        ('"sweeps/x"', "not a .toml file"),
        ("3", "allowed: a .toml file inside"),
        ('""', "allowed: a .toml file inside"),
        ('"bad\\u0000.toml"', "contains a NUL byte"),
    ],
)
def test_bad_extends(tmp_path, extends, message):
    root = tmp_path / "scenarios"
    write(root / "a.toml", 'extends = "b.toml"\n')
    write(root / "b.toml", 'extends = "a.toml"\n')
    write(tmp_path / "outside.toml", "seed = 1\n")
    (root / "folder.toml").mkdir()
    path = write(root / "self.toml", f"extends = {extends}\nseed = 1\n")
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path)


def test_extends_reaches_subdirectories_a_wider_root_and_the_shipped_scenarios(tmp_path):
    write(tmp_path / "base.toml", "seed = 5\n")
    write(tmp_path / "scenarios" / "common" / "parent.toml", "seed = 4\n")
    child = write(tmp_path / "scenarios" / "child.toml", 'extends = "common/parent.toml"\n')
    assert load_scenario(child).seed == 4
    outside = write(tmp_path / "scenarios" / "up.toml", 'extends = "../base.toml"\n')
    assert load_scenario(outside, root=tmp_path).seed == 5
    shipped = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
    mine = write(tmp_path / "elsewhere" / "mine.toml", f'extends = "{shipped}"\nseed = 9\n')
    assert load_scenario(mine).seed == 9


def test_scenario_name_cannot_leave_the_results_directory(tmp_path):
    for name in ("..", ".hidden", "a/b", "x" * 101):
        path = write(tmp_path / "n.toml", f'name = "{name}"\n')
        with pytest.raises(ScenarioError, match="field 'name'"):
            load_scenario(path)


def test_cli_prints_one_line_and_exits_2(tmp_path, capsys):
    path = write(tmp_path / "latin.toml", b"description = 'caf\xe9'\n")
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "latin.toml: byte 18 (line 1)" in err
    assert main(["run", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[run]\nsteps_per_year = true\n",
            "field 'run.steps_per_year' = True: Input should be a valid integer",
        ),
        ('[run]\nsteps_per_year = "1_0"\n', "field 'run.steps_per_year' = '1_0'"),
        ("[run]\nsteps_per_year = 12.0\n", "field 'run.steps_per_year' = 12.0"),
        ('[capability]\nhardware_doubling_years = "2.5"\n', "Input should be a valid number"),
        ("[retraining]\nparticipation_share = true\n", "field 'retraining.participation_share'"),
        ("seed = " + "9" * 5000 + "\n", "not valid TOML: Exceeds the limit"),
        ("description = 1979-05-27\n", "'1979-05-27' \\(date\\) is not allowed"),
    ],
)
def test_values_must_have_their_fields_type(tmp_path, text, message):
    path = write(tmp_path / "loose.toml", text)
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path)


def test_a_huge_bad_value_is_quoted_cut_short(tmp_path):
    path = write(tmp_path / "long.toml", f'[run]\nsteps_per_year = "{"x" * 100_000}"\n')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert len(str(caught.value)) < 1000
    assert "(100,002 characters)" in str(caught.value)
