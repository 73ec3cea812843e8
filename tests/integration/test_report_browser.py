"""A real browser renders the baseline report: headless Debian chromium, screenshot not blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image

import sim
from sim.report import report
from tests.browser import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT_SECONDS = 120
#: Screenshot grey-level variance below this is a blank page (grey levels in [0, 1]).
MIN_VARIANCE = 0.005
#: At least this share of the screenshot must differ from the white background.
MIN_INK_SHARE = 0.05


def _screenshot(html: Path, png: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        *CHROMIUM_ARGS,
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        "--window-size=1280,2000",
        html.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=BROWSER_TIMEOUT_SECONDS)


def test_chromium_renders_the_baseline_report(tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (CI installs Debian's chromium in .ci/run)")
    scenario = sim.load_scenario(ROOT / "scenarios" / "baseline.toml")
    files = report([sim.run(scenario).save(tmp_path / "baseline")])
    png = tmp_path / "screenshot.png"
    _screenshot(files.html, png, tmp_path / "chromium-profile")
    pixels = image.imread(png)[..., :3].mean(axis=-1)
    assert pixels.shape == (2000, 1280)
    assert float(np.var(pixels)) > MIN_VARIANCE
    assert float((pixels < 0.95).mean()) > MIN_INK_SHARE
