"""Debian's headless Chromium as the browser tests launch it (never a downloaded browser)."""

from pathlib import Path

#: Debian's package ``chromium`` (``.ci/run`` installs it).
CHROMIUM = Path("/usr/bin/chromium")
#: Flags for a headless run on a machine without a display or outside network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
