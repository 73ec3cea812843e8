"""Where the committed data and the raw inputs live, and how a test rebuilds the data."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "occupations"
RAW_DIR = REPO_ROOT.parent / "shared" / "data"
#: Rebuild tests need the raw inputs beside the clone; elsewhere they skip and say why.
needs_raw = pytest.mark.skipif(not RAW_DIR.is_dir(), reason="raw data ../shared/data not available")


def run_build(script: Path, out: Path) -> None:
    """Run a build script on the raw data, writing its tables to ``out``."""
    subprocess.run(
        [sys.executable, str(script), "--raw", str(RAW_DIR), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
