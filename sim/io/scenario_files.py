"""Read scenario files (TOML) into validated :class:`~sim.params.scenario.Scenario` objects.

A file may ``extends = "other.toml"`` (path relative to the file), or name a shipped
scenario, ``extends = "baseline"`` (:mod:`sim.io.shipped`): the parent is loaded
first and the child's tables are merged over it key by key.  Relative
``occupations.path`` values are resolved against the file that sets them.  Raw
dictionaries never travel past this module.

What ``extends`` may reach: a ``.toml`` file (path relative to the extending
file, or absolute) that lies, once symbolic links are resolved, inside the
*scenario root* (the directory of the file you named and its subdirectories,
unless the caller widens it with ``root``) or inside the shipped scenarios' directory
(so any scenario may extend the shipped baseline).  A
scenario handed to you therefore cannot read files elsewhere on your machine.  Every
file is read through :mod:`sim.io.input_files` (encoding, size, nesting,
duplicate keys), and a file that defines no key is refused rather than run as
the baseline.
Values are validated with strict types (:mod:`sim.params.strict`): ``true`` is
not 1 and ``"4"`` is not 4.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.errors import ScenarioError
from sim.io.input_files import checked_path, read_toml
from sim.io.shipped import is_name, scenario_file, shipped_scenario
from sim.params.scenario import Scenario
from sim.params.strict import validate_strictly
from sim.resources import scenarios_dir

EXTENDS_KEY = "extends"
#: The scenarios shipped with laborsim (inside the wheel, or a source checkout's scenarios/).
BUNDLED_SCENARIOS = scenarios_dir()


def load_scenario(path: str | Path, *, root: str | Path | None = None) -> Scenario:
    """Load and validate a scenario file.

    Parameters
    ----------
    path
        A ``.toml`` scenario file, or the name of a shipped scenario (``"baseline"``;
        ``laborsim scenarios`` lists them) when no file of that name exists here.
    root
        Directory that ``extends`` may reach (default: the directory of ``path``).

    Returns
    -------
    Scenario
        The validated scenario; ``name`` defaults to the file stem.

    Raises
    ------
    ScenarioError
        If the file is missing (and no shipped scenario has that name),
        unreadable, empty, not UTF-8 TOML, extends itself or a file outside
        ``root``, or fails validation (message names the file, field, value and
        allowed range).
    """
    path = Path(scenario_file(checked_path(path, "scenario file", ScenarioError)))
    scope = _resolved(Path(root) if root is not None else path.parent, path)
    data = _read_with_parents(path, chain=(), root=scope)
    data.setdefault("name", path.stem)
    return validate_strictly(Scenario, data, origin=str(path))


def _resolved(path: Path, shown: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as problem:  # RuntimeError: symlink loop (Python < 3.13)
        raise ScenarioError(f"{shown}: cannot resolve path {path}: {problem}") from None


def _read_with_parents(path: Path, chain: tuple[Path, ...], root: Path) -> dict[str, Any]:
    resolved = _resolved(path, path)
    if resolved in chain:
        cycle = " -> ".join(str(p) for p in (*chain, resolved))
        raise ScenarioError(f"{path}: 'extends' forms a cycle: {cycle}")
    data = read_toml(path, "scenario file", ScenarioError)
    if not data:
        raise ScenarioError(
            f"{path}: scenario file defines no key; allowed: at least one key "
            '(to run the baseline, write extends = "baseline.toml" or name baseline.toml)'
        )
    _resolve_occupations_path(data, path)
    parent_ref = data.pop(EXTENDS_KEY, None)
    if parent_ref is None:
        return data
    parent_path = _extends_target(path, parent_ref, root)
    parent = _read_with_parents(parent_path, (*chain, resolved), root)
    for inherited in ("name", "description"):
        parent.pop(inherited, None)
    return merge_tables(parent, data)


def _extends_target(path: Path, reference: object, root: Path) -> Path:
    """The file ``extends`` names, checked against the rules in the module docstring."""
    where = f"{path}: field '{EXTENDS_KEY}'"
    allowed = (
        f"allowed: a .toml file inside {root} or {BUNDLED_SCENARIOS}, or a shipped "
        "scenario's name (see `laborsim scenarios`)"
    )
    if not isinstance(reference, str) or not reference.strip():
        raise ScenarioError(f"{where} = {reference!r}: {allowed}")
    if is_name(reference):  # a shipped scenario by name: inside BUNDLED_SCENARIOS by construction
        try:
            return shipped_scenario(reference)
        except ScenarioError as problem:
            raise ScenarioError(f"{where} = {reference!r}: {problem}") from None
    target = checked_path(reference, "target", ScenarioError, where=where)
    if target.suffix != ".toml":
        raise ScenarioError(f"{where} = {reference!r}: not a .toml file; {allowed}")
    candidate = target if target.is_absolute() else path.parent / target
    resolved = _resolved(candidate, path)
    if not any(resolved.is_relative_to(scope) for scope in (root, BUNDLED_SCENARIOS)):
        raise ScenarioError(
            f"{where} = {reference!r}: resolves outside the scenario root; {allowed}"
        )
    return candidate


def _resolve_occupations_path(data: dict[str, Any], path: Path) -> None:
    table = data.get("occupations")
    if isinstance(table, dict) and isinstance(table.get("path"), str) and table["path"]:
        candidate = checked_path(
            table["path"], "directory", ScenarioError, where=f"{path}: field 'occupations.path'"
        )
        if not candidate.is_absolute():
            table["path"] = str(_resolved(path.parent / candidate, path))


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``override`` merged in; nested tables merge key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged
