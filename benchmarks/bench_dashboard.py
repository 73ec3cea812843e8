"""Benchmark: dashboard re-run latency after a slider change.

Server side: the time to build a new dashboard model for a setting not seen
before (whole vectorised run + the views' tables), median over distinct values
of one slider.  In the browser (if Debian's Chromium is installed): the time
from the key press that moves a slider to the headline employment changing on
the page, and to every figure redrawn (figures are drawn off the render
thread, after the text), measured with ``performance.now()`` in the page.
Not a test: read the figures, and the machine's load.

Usage: ``python benchmarks/bench_dashboard.py [--repeat N] [--no-browser]``
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sim.dashboard.controls import SLIDER_POSITIONS, available_controls
from sim.dashboard.model import DashboardModel, Settings
from sim.dashboard.server import DEFAULT_SCENARIO
from sim.io.scenario_files import load_scenario
from sim.params import derive

ROOT = Path(__file__).resolve().parents[1]
SLIDER = "capability.algorithmic_halving_months"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


@dataclass
class Holder:
    """Holds the settings as the dashboard's reactive variable does."""

    value: Settings


def server_side(repeat: int) -> list[float]:
    """Seconds to build a model for ``repeat`` distinct, uncached slider values."""
    base = load_scenario(DEFAULT_SCENARIO)
    control = {c.path: c for _, group in available_controls() for c in group}[SLIDER]
    DashboardModel(Holder(Settings("baseline", base)))  # warm-up: tables, imports
    seconds = []
    for i in range(repeat):
        value = control.from_position(SLIDER_POSITIONS // 4 + i)
        scenario = derive(base, {SLIDER: value})
        started = time.perf_counter()
        DashboardModel(Holder(Settings("baseline", base, {SLIDER: value}, scenario)))
        seconds.append(time.perf_counter() - started)
    return seconds


def in_browser(repeat: int) -> tuple[list[float], list[float]]:
    """Seconds from a slider key press to the new headline and to every figure redrawn."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [sys.executable, "-m", "sim", "dashboard", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = re.search(r"http://\S+/", server.stdout.readline() if server.stdout else "")
        assert url, "the dashboard printed no URL"
        _wait(url.group(0))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 2200})
            page.goto(url.group(0))
            headline = page.locator(".laborsim-horizon-employment")
            headline.wait_for(timeout=60_000)
            thumb = page.locator(f'[role=slider][data-path="{SLIDER}"]')
            seconds, redrawn = [], []
            for i in range(repeat):
                before = headline.inner_text()
                thumb.focus()
                page.evaluate("window.__t0 = performance.now()")
                page.keyboard.press("ArrowLeft" if i % 2 else "ArrowRight")
                page.wait_for_function(
                    "b => document.querySelector('.laborsim-horizon-employment').innerText !== b",
                    arg=before,
                    polling="raf",
                )
                seconds.append(page.evaluate("performance.now() - window.__t0") / 1e3)
                page.wait_for_function(
                    "() => document.querySelectorAll('.laborsim-drawing').length === 0",
                    polling="raf",
                    timeout=120_000,
                )
                redrawn.append(page.evaluate("performance.now() - window.__t0") / 1e3)
            browser.close()
        return seconds, redrawn
    finally:
        server.terminate()
        server.wait(timeout=15)


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)


def _report(name: str, seconds: list[float]) -> None:
    print(
        f"{name}: median {statistics.median(seconds) * 1e3:.0f} ms, "
        f"min {min(seconds) * 1e3:.0f} ms, max {max(seconds) * 1e3:.0f} ms (n={len(seconds)})"
    )


def main() -> None:
    """Print the server-side and in-browser latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    _report("server: new model after a slider change", server_side(args.repeat))
    if args.no_browser or not CHROMIUM.exists():
        print(f"browser: skipped ({CHROMIUM} not used)")
        return
    headline, redrawn = in_browser(args.repeat)
    _report("browser: key press to new headline", headline)
    _report("browser: key press to every figure redrawn", redrawn)


if __name__ == "__main__":
    main()
