"""Start the dashboard: check the scenario and the port, then serve the Solara app.

:func:`open_dashboard` does everything that can fail because of the user's
input (the scenario file, its data, the address) before any server starts, and
raises :class:`~sim.errors.LaborsimError` with a one-line message; it returns a
bound socket, so the port cannot be taken between the check and the start.
:func:`serve` then runs the Solara app (:mod:`sim.dashboard.app`) under
uvicorn on that socket until interrupted.  Solara loads its browser assets
from the installed ``solara-assets`` package, never from the internet.
"""

from __future__ import annotations

import errno
import os
import socket
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.errors import LaborsimError
from sim.experiments.runner import load_tables
from sim.io.scenario_files import load_scenario
from sim.resources import scenarios_dir

#: The project's scenario files, and the one shown when none is given.
SCENARIO_DIR = scenarios_dir()
DEFAULT_SCENARIO = SCENARIO_DIR / "baseline.toml"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: Solara app module (``SOLARA_APP``).
APP_MODULE = "sim.dashboard.app"
#: Seconds open browser sessions get to close when the server stops.
SHUTDOWN_GRACE_SECONDS = 2
#: Environment variable telling the app which scenario file to show first.
SCENARIO_ENV = "LABORSIM_DASHBOARD_SCENARIO"


#: Largest TCP port.
MAX_PORT = 65535
#: Body of the answer to a URL holding a NUL character.
NUL_REFUSAL = b"bad request: the URL holds a NUL character (%00)\n"


@dataclass(frozen=True)
class Dashboard:
    """A dashboard ready to serve: its listening socket and address."""

    sock: socket.socket
    host: str
    port: int
    scenario: Path

    @property
    def url(self) -> str:
        """Address to open in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def open_dashboard(scenario: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> Dashboard:
    """Validate the scenario and its data, and bind ``host:port`` (0 = any free port).

    Raises
    ------
    LaborsimError
        If the scenario or its occupation data is invalid, or the address cannot be
        bound (port in use, unknown host, no permission).
    """
    _check_address(host, port)
    load_tables(load_scenario(scenario))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart despite TIME_WAIT
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        reason = "port already in use" if error.errno == errno.EADDRINUSE else error.strerror
        raise LaborsimError(
            f"cannot listen on {host}:{port}: {reason}; choose another with --port "
            "(or --port 0 for any free port)"
        ) from None
    sock.listen(128)
    return Dashboard(sock, host, sock.getsockname()[1], scenario.resolve())


def _check_address(host: str, port: int) -> None:
    """Refuse a port outside 0-65535 and an empty host (which would bind every interface)."""
    if not 0 <= port <= MAX_PORT:
        raise LaborsimError(f"--port {port}: allowed: 0 (any free port) to {MAX_PORT}")
    if not host.strip() or "\x00" in host:
        raise LaborsimError(
            f"--host {host[:60]!r}: allowed: a host name or address, e.g. {DEFAULT_HOST} "
            "(this machine only) or 0.0.0.0 (every interface, on purpose)"
        )


def serve(dashboard: Dashboard) -> None:
    """Serve the dashboard on its socket until interrupted (Ctrl-C)."""
    os.environ["SOLARA_APP"] = APP_MODULE
    os.environ["SERVER_NAME"] = dashboard.host
    os.environ["SERVER_PORT"] = str(dashboard.port)
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    os.environ[SCENARIO_ENV] = str(dashboard.scenario)
    import uvicorn  # imported here: Solara reads the settings above when first imported

    # Solara warns on every page load that plain-http cookies cannot be samesite=none
    # (only needed when embedded in a cross-site iframe); the dashboard is served locally.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none", category=UserWarning)

    from solara.server.starlette import app

    config = uvicorn.Config(
        refusing_nul(app),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    try:
        uvicorn.Server(config).run(sockets=[dashboard.sock])
    finally:
        dashboard.sock.close()


def refusing_nul(app: Any) -> Any:
    """The ASGI ``app``, answering 400 to a URL holding a NUL character (``%00``).

    Solara passes such a path to its file lookups, which raise (HTTP 500);
    a NUL is never part of a dashboard URL, so it is refused before.
    """

    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") in ("http", "websocket") and _holds_nul(scope):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": NUL_REFUSAL})
            return
        await app(scope, receive, send)

    return guarded


def _holds_nul(scope: dict[str, Any]) -> bool:
    raw = bytes(scope.get("raw_path") or b"") + b"?" + bytes(scope.get("query_string") or b"")
    return "\x00" in str(scope.get("path", "")) or b"\x00" in raw or b"%00" in raw
