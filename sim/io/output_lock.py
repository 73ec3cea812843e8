"""One writer per output directory: an exclusive lock held while a command writes there.

Two ``laborsim run`` commands writing into the same ``--out`` at once would
both report success while one's results replace the other's.  A command
therefore takes, before its first run, an exclusive :func:`fcntl.flock` on a
hidden lock file beside each output directory (``.NAME.lock`` next to
``NAME/``) and keeps it until it ends; a second command finds it taken and
stops with one line naming the directory and the holder's process id.  The
kernel releases the lock when its holder exits, however it exits (``kill -9``
included), so a lock can never be left stale; the empty lock file stays (a
file deleted while another process opens it could let two writers in).
Sweeps need none of this: DuckDB locks ``sweep.duckdb`` itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sim.errors import LaborsimError

LOCK_SUFFIX = ".lock"


def lock_path(directory: Path) -> Path:
    """The lock file of an output directory: ``.NAME.lock`` beside it."""
    return directory.parent / f".{directory.name}{LOCK_SUFFIX}"


@contextlib.contextmanager
def exclusive_outputs(directories: Iterable[Path]) -> Iterator[None]:
    """Hold the lock of every directory for the block.

    Raises
    ------
    LaborsimError
        If another process holds one of them (nothing is locked then), or a lock
        file cannot be created.
    """
    with contextlib.ExitStack() as held:
        for directory in sorted({Path(d) for d in directories}):
            held.enter_context(_locked(directory))
        yield


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    path = lock_path(directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as problem:
        raise LaborsimError(
            f"{directory}: cannot create its lock file {path.name}: {problem.strerror or problem}"
        ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "?"
            raise LaborsimError(
                f"{directory}: another laborsim command (process {holder}) is writing there; "
                "wait for it to finish or choose another --out (nothing was run)"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
