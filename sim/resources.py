"""Where the shipped files are: the occupation data set, the scenarios and sweeps, docs.

Found through :func:`importlib.resources.files` on the ``sim`` package, in one of two
layouts:

* an installed wheel carries them inside the package, in ``sim/shipped/``
  (``occupations/``, ``scenarios/`` with ``sweeps/``, ``docs/validation.md``), copied
  there when the wheel is built (``setup.py``);
* a source checkout, and its editable install, keeps them at the repository's top
  level beside ``sim/`` (``occupations/``, ``scenarios/``, ``docs/``), read in place.

The wheel's copy is looked for first, so an installed package never reads files
from whatever directory happens to lie beside ``site-packages``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sim.errors import LaborsimError

#: Directory inside the package that holds the shipped files in a wheel.
SHIPPED_DIR = "shipped"
OCCUPATIONS = "occupations"
SCENARIOS = "scenarios"
SWEEPS = "sweeps"
DOCS = "docs"


def package_dir() -> Path:
    """The directory of the installed ``sim`` package (files on disk, never a zip)."""
    root = files("sim")
    if not isinstance(root, Path):
        raise LaborsimError(
            f"{root}: laborsim must be installed as files on disk, not inside a zip archive"
        )
    return root


def shipped_path(*parts: str) -> Path:
    """A shipped file or directory, e.g. ``shipped_path("scenarios", "baseline.toml")``.

    Returns the wheel's copy if the package carries one, else the source
    checkout's; if neither exists, the wheel's location (callers report it
    missing with their own message).
    """
    package = package_dir()
    candidates = (package.joinpath(SHIPPED_DIR, *parts), package.parent.joinpath(*parts))
    return next((path for path in candidates if path.exists()), candidates[0])


def occupations_dir() -> Path:
    """The shipped occupation data set (``occupations.csv``, ``tasks.csv.gz``, ...)."""
    return shipped_path(OCCUPATIONS)


def scenarios_dir() -> Path:
    """The shipped scenario files (``baseline.toml``, ...)."""
    return shipped_path(SCENARIOS)


def sweeps_dir() -> Path:
    """The shipped sweep files (``baseline-sensitivity.toml``, ...)."""
    return shipped_path(SCENARIOS, SWEEPS)


def source_checkout() -> Path | None:
    """The repository root if the package runs from a git checkout, else None (a wheel)."""
    root = package_dir().parent
    return root if (root / ".git").exists() and (root / "pyproject.toml").is_file() else None
