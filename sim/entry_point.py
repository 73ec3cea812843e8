"""The ``laborsim`` console command: Ctrl-C handled from the first moment, before anything loads.

Loading the command (numpy, pandas, Mesa, Numba, DuckDB, Dask) takes one to
several seconds.  A Ctrl-C in that time used to print a long traceback from
inside some import.  This module imports only the standard library (and ``sim``
itself loads its API lazily), so :func:`main` installs its SIGINT handling
within milliseconds of the interpreter starting:

- while the command loads and parses its arguments nothing has been written,
  so Ctrl-C ends the process at once with one line and status 130;
- while the command works, Ctrl-C raises :class:`KeyboardInterrupt` as usual:
  the command's own handling unwinds (atomic writes discard their temporary
  files, a sweep rolls back its open chunk, worker pools are cancelled), prints
  one line and returns 130 (``sim.cli``);
- once the command has returned, Ctrl-C while the exit handlers run (closing
  worker pools, flushing) ends the process at once with one line and status 130;
- after the last exit handler, CPython restores the default SIGINT action and
  tears down its modules (numpy, pandas, DuckDB: tens to hundreds of
  milliseconds), where a Ctrl-C would kill the process by the signal, status
  -2 with no message.  Everything the command writes is complete by then, so
  Ctrl-C is ignored for that last moment and the process ends with the
  command's own status.

A command started with SIGINT ignored (``nohup``, a background job of a
script) keeps ignoring it, as the interpreter itself would.

The only window left is the interpreter's own start-up before any of this
code runs (about 10-20 ms: ``site`` and the standard library's first imports),
where CPython itself reports the interruption.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

#: Exit status after Ctrl-C (128 + SIGINT), as shells report a process ended by Ctrl-C.
EXIT_INTERRUPTED = 130
STARTING = "interrupted while starting: nothing was run"
EXITING = "interrupted while exiting: what the command wrote is complete"
STDERR = 2
WORKING = "interrupted: finished runs are saved; run the command again to resume"


def main() -> int:
    """Run the ``laborsim`` command (``sys.argv``); returns the exit status."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started ignoring Ctrl-C (nohup,
        from sim.cli import main as command  # a background job): it stays ignored

        return command()
    signal.signal(signal.SIGINT, _exit_at_once(STARTING))
    atexit.register(_ignore_interrupts)  # registered first, so it runs last of all
    from sim.cli import main as command  # the heavy import: the whole library

    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        return command()
    except KeyboardInterrupt:  # raised outside the command's own handling (argument parsing)
        signal.signal(signal.SIGINT, _exit_at_once(WORKING))
        sys.stderr.write(f"{WORKING}\n")
        return EXIT_INTERRUPTED
    finally:
        _flush_output()  # an interruption from here on loses nothing already printed
        signal.signal(signal.SIGINT, _exit_at_once(EXITING))


def _ignore_interrupts() -> None:
    """Ignore Ctrl-C while the interpreter tears down (its default would kill the process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass


def _exit_at_once(message: str) -> Callable[[int, FrameType | None], None]:
    """A SIGINT handler that writes ``message`` and ends the process (nothing to clean up)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        try:
            os.write(STDERR, f"{message}\n".encode())
        except OSError:  # stderr closed: the status still says it
            pass
        os._exit(EXIT_INTERRUPTED)

    return handler
