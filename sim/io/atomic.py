"""Write a results directory atomically: build it beside the target, then rename it in.

A run killed at any moment leaves the target either complete or absent (or,
when replacing, the previous complete results): files are written and
``fsync``-ed in a hidden temporary directory ``.NAME.tmp-PID-XXXX`` beside the
target, which is renamed into place only when complete.  Replacing (``overwrite``)
first moves the old directory aside to ``.NAME.old-PID-XXXX``, renames the new
one in, then deletes the old.  Leftovers of a killed writer are cleaned up by the
next write to the same target (and an old directory moved aside is put back
if the new one never arrived).  A directory that holds anything other than
results is never replaced.  A target that is a symbolic link to a directory
(``results/big -> /data/big``) is followed: the results are written, or
replaced, where the link points, and the link is left as it was.

Single files (reports, analysis tables) go through :func:`write_file_atomically`:
written and ``fsync``-ed under a hidden temporary name in the same directory,
then renamed over the target, so a reader sees the old file or the new one,
never a partial one (a full disk leaves the old file).  A symbolic link at the
target is replaced by the new file, never written through.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sim.errors import LaborsimError

TEMP_TAG = ".tmp-"
OLD_TAG = ".old-"


def write_atomically(
    target: Path, write: Callable[[Path], None], *, replaceable: Callable[[Path], bool]
) -> Path:
    """Call ``write(tmp)`` on a fresh temporary directory, then move it to ``target``.

    Parameters
    ----------
    target
        The final directory.
    write
        Writes every file into the directory it is given.
    replaceable
        Whether an existing ``target`` may be replaced (the caller decides
        overwrite; this module refuses non-result directories on its own).

    Raises
    ------
    LaborsimError
        If ``target`` exists and may not be replaced, or the file system refuses.
    """
    target = Path(target)
    if target.is_symlink():  # write where the link points; the link itself stays
        target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        if target.exists() and not replaceable(target):
            raise LaborsimError(f"{target}: exists and may not be replaced")
        staging = Path(tempfile.mkdtemp(prefix=_prefix(target, TEMP_TAG), dir=target.parent))
        try:
            write(staging)
            _fsync_tree(staging)
            _swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _fsync_dir(target.parent)
    except OSError as problem:
        raise LaborsimError(
            f"{target}: cannot write results: {problem.strerror or problem}"
        ) from None
    return target


def _prefix(target: Path, tag: str) -> str:
    return f".{target.name}{tag}{os.getpid()}-"


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    aside = Path(tempfile.mkdtemp(prefix=_prefix(target, OLD_TAG), dir=target.parent))
    os.rename(target, aside / target.name)
    os.rename(staging, target)
    shutil.rmtree(aside, ignore_errors=True)


def clean_leftovers(target: Path) -> None:
    """Remove temporary directories of dead writers; restore results they moved aside."""
    parent = target.parent
    if not parent.is_dir():
        return
    for leftover in parent.glob(f".{glob_escape(target.name)}.*-*"):
        tag = TEMP_TAG if leftover.name.startswith(f".{target.name}{TEMP_TAG}") else OLD_TAG
        if _writer_alive(leftover.name.removeprefix(f".{target.name}{tag}")):
            continue
        old = leftover / target.name
        if tag == OLD_TAG and old.is_dir() and not target.exists():
            os.rename(old, target)
        shutil.rmtree(leftover, ignore_errors=True)


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters escaped."""
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def _writer_alive(suffix: str) -> bool:
    pid_text = suffix.split("-", 1)[0]
    if not pid_text.isdigit():
        return True  # not ours: leave it
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_tree(directory: Path) -> None:
    for path in directory.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot fsync a directory
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_file_atomically(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` complete or not at all (see the module docstring).

    Raises
    ------
    LaborsimError
        If the file system refuses (full disk, no permission, a directory in the way).
    """
    target = Path(target)
    if target.is_dir() and not target.is_symlink():
        raise LaborsimError(f"{target}: is a directory; allowed: a file name to write")
    descriptor, temporary = -1, ""
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=_prefix(target, TEMP_TAG), dir=target.parent
        )
        with os.fdopen(descriptor, "wb") as handle:
            descriptor = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        temporary = ""
        _fsync_dir(target.parent)
    except OSError as problem:
        raise LaborsimError(f"{target}: cannot write: {problem.strerror or problem}") from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return target
