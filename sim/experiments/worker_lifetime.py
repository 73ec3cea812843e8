"""Worker processes end when the process that started them dies.

A :class:`~concurrent.futures.ProcessPoolExecutor` worker blocked in a long
run does not notice that its parent was killed (``kill -9``, an out-of-memory
kill, a closed terminal) and would run on alone.  Each worker starts a daemon
thread that polls its parent process id and exits the worker as soon as the
parent is gone (on POSIX an orphan is re-parented, so ``getppid`` changes).

Workers are started with SIGINT ignored (:func:`sigint_ignored`; the setting is
inherited): a Ctrl-C in a terminal reaches every process of the command, and a
worker interrupted in the middle of an import or a run would print its own
traceback.  Only the parent handles it: it cancels the work and stops the workers.
The parent ignores Ctrl-C too while it starts them: for a process pool a few
milliseconds (the workers start as the runs are submitted), for a local Dask
cluster its whole start, a few seconds, in which a Ctrl-C goes unseen (blocking
SIGINT instead and raising it afterwards would not lose it, and a blocked signal
mask is inherited too, but Dask starts its workers from its own threads, which
do not all keep the mask: tried, the workers received the Ctrl-C).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

#: Seconds between checks of the parent process; an orphaned worker ends within this.
PARENT_POLL_SECONDS = 0.2
#: Exit status of a worker whose parent died.
ORPHAN_EXIT_STATUS = 3


def exit_with_parent(parent_pid: int) -> None:
    """Pool initializer: end this worker when process ``parent_pid`` is no longer its parent."""
    watcher = threading.Thread(
        target=_watch, args=(parent_pid,), name="laborsim-parent-watch", daemon=True
    )
    watcher.start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(ORPHAN_EXIT_STATUS)


@contextlib.contextmanager
def sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT in this process for the block: worker processes started in it inherit that.

    Outside the main thread (where signal handlers cannot be changed) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
