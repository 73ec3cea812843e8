"""The shipped scenarios and sweeps, by name.

``laborsim run baseline``, ``sim.load_scenario("baseline")``, ``extends = "baseline"``
and ``laborsim sweep baseline-sensitivity`` name a file shipped with laborsim
(:mod:`sim.resources`: inside the installed wheel, or a source checkout's
``scenarios/`` and ``scenarios/sweeps/``).  A *name* is a file stem: letters, digits,
``_``, ``.`` and ``-``, no path separator and no ``.toml`` suffix; anything else is a
path.  The lists are read from the directories, never written down here, so a
scenario added to ``scenarios/`` is shipped and listed without further change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from sim.errors import ScenarioError
from sim.io.input_files import read_toml
from sim.resources import scenarios_dir, sweeps_dir

#: A scenario or sweep name: a file stem without directory or suffix, <= 100 characters.
NAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
TOML_SUFFIX = ".toml"


def is_name(reference: str | os.PathLike[str]) -> bool:
    """Whether ``reference`` is a bare name (``baseline``) rather than a path."""
    text = os.fspath(reference)
    return NAME_PATTERN.fullmatch(text) is not None and not text.endswith(TOML_SUFFIX)


def shipped_scenarios() -> dict[str, Path]:
    """Every shipped scenario file by name (file stem), in name order."""
    return _toml_files(scenarios_dir())


def shipped_sweeps() -> dict[str, Path]:
    """Every shipped sweep file by name (file stem), in name order."""
    return _toml_files(sweeps_dir())


def shipped_scenario(name: str) -> Path:
    """The shipped scenario file called ``name``; ScenarioError naming the choices if none."""
    return _lookup(name, shipped_scenarios(), "scenario")


def shipped_sweep(name: str) -> Path:
    """The shipped sweep file called ``name``; ScenarioError naming the choices if none."""
    return _lookup(name, shipped_sweeps(), "sweep")


def scenario_file(reference: str | os.PathLike[str]) -> Path | str | os.PathLike[str]:
    """A scenario argument as a file: a bare name that is no file here names a shipped one."""
    return _named_or_path(reference, shipped_scenario)


def sweep_file(reference: str | os.PathLike[str]) -> Path | str | os.PathLike[str]:
    """A sweep argument as a file: a bare name that is no file here names a shipped one."""
    return _named_or_path(reference, shipped_sweep)


def _named_or_path(
    reference: str | os.PathLike[str], lookup: Callable[[str], Path]
) -> Path | str | os.PathLike[str]:
    if not is_name(reference) or Path(reference).is_file():
        return reference
    try:
        return lookup(os.fspath(reference))
    except ScenarioError as problem:
        raise ScenarioError(f"{os.fspath(reference)}: no such file, and {problem}") from None


def _toml_files(directory: Path) -> dict[str, Path]:
    return {path.stem: path for path in sorted(directory.glob(f"*{TOML_SUFFIX}")) if path.is_file()}


def _lookup(name: str, shipped: dict[str, Path], what: str) -> Path:
    if name in shipped:
        return shipped[name]
    choices = ", ".join(shipped) or f"none found in {scenarios_dir()}"
    raise ScenarioError(
        f"no shipped {what} called {name!r}; allowed: a path to a .toml {what} file, or "
        f"a shipped {what}'s name: {choices} (`laborsim scenarios` describes them)"
    )


#: Longest one-line description ``laborsim scenarios`` prints, characters.
SUMMARY_CHARS = 96
#: A full stop ending a sentence: followed by a capital, not after "et al" or "e.g".
SENTENCE_END = re.compile(r"(?<!\bal)(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z])")


def summary(path: Path) -> str:
    """The first sentence of a scenario or sweep file's ``description``, on one line."""
    description = read_toml(path, "scenario file", ScenarioError).get("description", "")
    text = " ".join(str(description).split())
    sentence = SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")
    if len(sentence) <= SUMMARY_CHARS:
        return sentence
    return sentence[: SUMMARY_CHARS - 3].rsplit(" ", 1)[0] + "..."
