"""End to end: ``laborsim dashboard`` in headless Chromium, driven by Playwright.

Starts the real command on a free local port, loads the page, moves one
scenario slider, waits for the re-run, checks the headline employment and the
slider's label changed, saves a screenshot (``results/e2e/dashboard.png``, and
one in pytest's tmp dir) and stops the server.  Uses Debian's Chromium
(``/usr/bin/chromium``), never a downloaded browser; skips, saying why, only
where that browser is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[2]
ARTIFACT_DIR = REPO / "results" / "e2e"
START_TIMEOUT_S = 90.0
#: Slider the test moves: slower algorithmic progress means less AI by the horizon.
SLIDER_PATH = "capability.algorithmic_halving_months"
HEADLINE = ".laborsim-horizon-employment"
#: Figures on the page: compute path, SOC groups, seed picture, occupation path.
FIGURES = 4


@pytest.fixture
def dashboard_url(tmp_path: Path) -> Iterator[str]:
    """Run ``laborsim dashboard --port 0`` and yield its URL once it answers."""
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "sim", "dashboard", "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.search(r"http://\S+/", line)
        assert match, f"no URL printed: {line!r}; log: {(tmp_path / 'server.log').read_text()}"
        _wait_until_served(match.group(0))
        yield match.group(0)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        log.close()


def _wait_until_served(url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


def _millions(text: str) -> float:
    return float(text.strip().removesuffix("M").strip())


@pytest.mark.slow
def test_slider_change_reruns_scenario_in_browser(dashboard_url: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        page = browser.new_page(viewport={"width": 1600, "height": 2200})
        page.goto(dashboard_url)
        headline = page.locator(HEADLINE)
        expect(headline).to_be_visible(timeout=60_000)
        expect(page.locator("img")).to_have_count(FIGURES, timeout=60_000)
        before = headline.inner_text()
        label_before = _slider_label(page, SLIDER_PATH)
        _press(page, SLIDER_PATH, "End")  # the top of the declared range: 600 months
        expect(headline).not_to_have_text(before, timeout=30_000)
        after = headline.inner_text()
        label_after = _slider_label(page, SLIDER_PATH)
        expect(page.locator(".laborsim-drawing")).to_have_count(0, timeout=60_000)
        shot = tmp_path / "dashboard.png"
        page.screenshot(path=str(shot))
        # An invalid combination: a spending ceiling below the reference spending.
        _press(page, "capability.spending_ceiling_usd_billion", "Home")
        expect(page.locator(".v-alert")).to_contain_text(
            "spending_ceiling_usd_billion", timeout=30_000
        )
        still = headline.inner_text()
        # Mesa's Step replays the run from the base year.
        page.get_by_role("button", name="Step").click()
        expect(page.get_by_text("Year on display: 2025")).to_be_visible(timeout=30_000)
        # ... and Play moves on through the recorded years.
        page.get_by_role("button", name="▶").click()
        expect(page.get_by_text(re.compile(r"Year on display: 20(2[7-9]|[3-5]\d)"))).to_be_visible(
            timeout=60_000
        )
        browser.close()
    ARTIFACT_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACT_DIR / "dashboard.png")
    assert "600 months" in label_after
    assert "600 months" not in label_before
    # Algorithms 75x slower to improve: less AI by the horizon, employment closer to no-AI.
    assert _millions(after) > _millions(before)
    assert still == after  # the invalid value was refused; the last valid run stays


def _slider(page, path: str):
    return page.locator(f'.laborsim-slider:has([data-path="{path}"])')


def _slider_label(page, path: str) -> str:
    return _slider(page, path).locator("xpath=..").inner_text()


def _press(page, path: str, key: str) -> None:
    _slider(page, path).locator("[role=slider]").focus()
    page.keyboard.press(key)
