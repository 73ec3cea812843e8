"""Provenance recorded with every run: versions, git commit, data checksums."""

from __future__ import annotations

import functools
import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from sim.resources import source_checkout

PACKAGES = ("laborsim", "mesa", "numpy", "pandas", "pydantic", "pyarrow", "networkx")
GIT_TIMEOUT_SECONDS = 5


@functools.cache
def environment_versions() -> dict[str, str]:
    """Python and dependency versions ("not installed" where absent)."""
    versions = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def package_version() -> str:
    """laborsim's version (declared once, in ``pyproject.toml``; read from the install)."""
    try:
        return metadata.version("laborsim")
    except metadata.PackageNotFoundError:  # sim/ imported from a tree that was never installed
        return "unknown (not installed)"


@functools.cache
def git_commit() -> str | None:
    """Commit of the source tree (with ``-dirty`` if modified), or None outside git."""
    checkout = source_checkout()
    if checkout is None:  # an installed wheel: never ask git about a directory around it
        return None
    try:
        commit = subprocess.run(
            ["git", "-C", str(checkout), "describe", "--always", "--dirty", "--abbrev=40"],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return commit.stdout.strip() or None


def data_fingerprint(directory: Path) -> dict[str, str]:
    """SHA-256 of each file in the occupation data directory."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(directory).glob("*"))
        if path.is_file() and path.suffix in {".csv", ".gz", ".parquet"}
    }


def data_checksum(fingerprint: dict[str, str]) -> str:
    """One SHA-256 for a whole data set: of the lines ``"<file> <sha256>"`` in name order.

    ``fingerprint`` is :func:`data_fingerprint`'s result (also recorded in every
    run's ``metadata.json`` as ``occupations_data``), so the checksum of a run's
    data can be recomputed from its metadata alone.
    """
    lines = "".join(f"{name} {digest}\n" for name, digest in sorted(fingerprint.items()))
    return hashlib.sha256(lines.encode()).hexdigest()
