"""The front door for every file a user hands the tool: paths checked, bytes decoded, TOML parsed.

Every failure becomes a :class:`~sim.errors.LaborsimError` subclass (the caller
chooses which) whose message names the file, where in it (line/column or byte
offset) and what is allowed: paths with NUL bytes or too long for the file
system, missing files, directories, unreadable files, files larger than
:data:`MAX_INPUT_BYTES`, empty files, bytes that are not UTF-8, TOML syntax
errors, duplicate keys and nesting too deep to parse.  Nothing here knows what
the file means; :mod:`sim.io.scenario_files` (scenarios) and the sweep-spec
loader call it.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from sim.errors import LaborsimError

#: Largest input file read, bytes: scenario and sweep files are a few kilobytes; this
#: stops a wrong path (a data dump, a device) from being read into memory.
MAX_INPUT_BYTES = 1_000_000
#: Deepest table/array nesting accepted in a TOML input; scenario files use 3 levels.
MAX_NESTING = 20
#: Longest path accepted, characters (Linux PATH_MAX is 4096 bytes).
MAX_PATH_CHARS = 4096


def checked_path(
    text: str | os.PathLike[str], what: str, error: type[LaborsimError], where: str = ""
) -> Path:
    """Return ``text`` as a :class:`Path` after rejecting NUL bytes and over-long names.

    Parameters
    ----------
    text
        The path as given by the user.
    what
        What the path is for, e.g. ``"scenario file"`` (used in messages).
    error
        Exception class raised on a bad path.
    where
        Where the path was given (file and field), if not on the command line.
    """
    raw = os.fspath(text)
    shown = repr(raw[:60] + ("..." if len(raw) > 60 else ""))
    prefix = f"{where}: {what} {shown}" if where else f"{shown}: {what} path"
    if "\x00" in raw:
        raise error(f"{prefix} contains a NUL byte; allowed: a file system path without NUL")
    if len(raw) > MAX_PATH_CHARS:
        raise error(f"{prefix} is {len(raw)} characters long; allowed: <= {MAX_PATH_CHARS}")
    return Path(raw)


def read_input_bytes(path: Path, what: str, error: type[LaborsimError]) -> bytes:
    """Read a regular, non-empty, readable file of at most :data:`MAX_INPUT_BYTES`."""
    path = checked_path(path, what, error)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a directory; allowed: a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: is not a regular file; allowed: a {what}")
        if info.st_size > MAX_INPUT_BYTES:
            raise error(f"{path}: {info.st_size} bytes; allowed: a {what} of <= {MAX_INPUT_BYTES}")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as problem:
        raise error(f"{path}: {what} {_os_reason(problem)}") from None
    if not data.strip():
        raise error(f"{path}: {what} is empty; allowed: a TOML file with at least one key")
    return data


def _os_reason(problem: OSError) -> str:
    reasons = {
        errno.ENOENT: "not found",
        errno.EACCES: "is not readable (permission denied)",
        errno.EPERM: "is not readable (operation not permitted)",
        errno.ENAMETOOLONG: "path has a name too long for the file system",
        errno.ENOTDIR: "path goes through something that is not a directory",
        errno.ELOOP: "path has too many symbolic links",
        errno.EISDIR: "is a directory",
    }
    return reasons.get(problem.errno or 0, f"cannot be read ({problem.strerror or problem})")


def decode_utf8(data: bytes, path: Path, what: str, error: type[LaborsimError]) -> str:
    """Decode ``data`` as UTF-8 (a BOM is accepted); name the first bad byte offset."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        raise error(
            f"{path}: byte {problem.start} (line {line}): 0x{data[problem.start]:02x} is not "
            f"valid UTF-8; allowed: a UTF-8 text {what} (save it as UTF-8)"
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        raise error(f"{path}: character {offset} is a NUL byte; allowed: a text {what}, not binary")
    return text


def read_toml(
    path: str | os.PathLike[str], what: str, error: type[LaborsimError]
) -> dict[str, Any]:
    """Read a TOML input through every check above and return its top-level table."""
    path = checked_path(path, what, error)
    text = decode_utf8(read_input_bytes(path, what, error), path, what, error)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None
    except RecursionError:
        raise error(f"{path}: nesting too deep to parse; allowed: {MAX_NESTING} levels") from None
    except ValueError as problem:  # an integer of more than 4,300 digits (Python's limit)
        raise error(f"{path}: not valid TOML: {str(problem)[:200]}") from None
    depth = _nesting_depth(data)
    if depth > MAX_NESTING:
        raise error(f"{path}: tables or arrays nested {depth} deep; allowed: {MAX_NESTING} levels")
    return data


def _nesting_depth(value: Any) -> int:
    """Depth of nested tables and arrays, walked without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest
