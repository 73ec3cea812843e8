"""Worker processes end when the process that started them dies.

A :class:`~concurrent.futures.ProcessPoolExecutor` worker blocked in a long
run does not notice that its parent was killed (``kill -9``, an out-of-memory
kill, a closed terminal) and would run on alone.  Each worker starts a daemon
thread that polls its parent process id and exits the worker as soon as the
parent is gone (on POSIX an orphan is re-parented, so ``getppid`` changes).
"""

from __future__ import annotations

import os
import threading
import time

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
