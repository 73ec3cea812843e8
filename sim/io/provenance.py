"""Provenance recorded with every run: versions, git commit, data checksums."""

from __future__ import annotations

import functools
import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("laborsim", "mesa", "numpy", "pandas", "pydantic", "pyarrow", "networkx")
REPO_ROOT = Path(__file__).resolve().parents[2]
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


@functools.cache
def git_commit() -> str | None:
    """Commit of the source tree (with ``-dirty`` if modified), or None outside git."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty", "--abbrev=40"],
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
