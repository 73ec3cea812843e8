"""Read scenario files (TOML) into validated :class:`~sim.params.scenario.Scenario` objects.

A file may ``extends = "other.toml"`` (path relative to the file): the parent is
loaded first and the child's tables are merged over it key by key.  Relative
``occupations.path`` values are resolved against the file that sets them.  Raw
dictionaries never travel past this module.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sim.errors import ScenarioError
from sim.params.scenario import Scenario, scenario_from_mapping

EXTENDS_KEY = "extends"


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file.

    Parameters
    ----------
    path
        A ``.toml`` scenario file.

    Returns
    -------
    Scenario
        The validated scenario; ``name`` defaults to the file stem.

    Raises
    ------
    ScenarioError
        If the file is missing, is not valid TOML, extends itself, or fails
        validation (message names the file, field, value and allowed range).
    """
    path = Path(path)
    data = _read_with_parents(path, chain=())
    data.setdefault("name", path.stem)
    return scenario_from_mapping(data, origin=str(path))


def _read_with_parents(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(str(p) for p in (*chain, resolved))
        raise ScenarioError(f"{path}: 'extends' forms a cycle: {cycle}")
    data = _read_toml(path)
    _resolve_occupations_path(data, path)
    parent_ref = data.pop(EXTENDS_KEY, None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str):
        raise ScenarioError(f"{path}: field '{EXTENDS_KEY}' must be a file path string")
    parent = _read_with_parents(path.parent / parent_ref, (*chain, resolved))
    for inherited in ("name", "description"):
        parent.pop(inherited, None)
    return merge_tables(parent, data)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ScenarioError(f"{path}: scenario file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{path}: not valid TOML: {error}") from None


def _resolve_occupations_path(data: dict[str, Any], path: Path) -> None:
    table = data.get("occupations")
    if isinstance(table, dict) and isinstance(table.get("path"), str) and table["path"]:
        candidate = Path(table["path"])
        if not candidate.is_absolute():
            table["path"] = str((path.parent / candidate).resolve())


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``override`` merged in; nested tables merge key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged
