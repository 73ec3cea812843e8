"""Hypothesis strategies for hostile inputs: malformed scenario files and occupation tables.

Used with few examples by the test suite and with 10,000+ by ``make fuzz``
(``scripts/fuzz.py``).  A generated case is a small file tree (name -> bytes)
written into a fresh directory, plus the file to load:

- :func:`scenario_cases`: valid scenario files with values at or beyond the ends
  of their ranges, and byte-level corruptions of them (non-UTF-8, binary, NUL,
  truncation, duplicate keys, deep nesting, empty), and ``extends`` chains that
  are cyclic, missing, point at directories, outside the scenario root,
  absolute, with NUL bytes or too long;
- :func:`table_cases`: the toy occupation tables as CSV with a column dropped,
  cells set to NaN, empty, negative, huge or text, all employment zero,
  truncated or corrupted gzip, garbage bytes or empty files.
"""

from __future__ import annotations

import gzip
import io
import math
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from sim.data import OCCUPATIONS_FILE, SKILLS_FILE, TASKS_FILE, TRANSITIONS_FILE
from sim.params.scenario import Scenario

SCENARIO_NAME = "case.toml"
DATA_DIR = "data"


def numeric_fields() -> list[tuple[str, float | None, float | None, bool]]:
    """(dotted name, lower, upper, integer) of every scalar numeric parameter."""
    fields = []
    for block, block_field in Scenario.model_fields.items():
        model = block_field.annotation
        if not hasattr(model, "model_fields"):
            continue
        for name, field in model.model_fields.items():  # type: ignore[union-attr]
            if field.annotation not in (int, float):
                continue
            low = high = None
            for item in field.metadata:
                low = getattr(item, "ge", None) or getattr(item, "gt", None) or low
                high = getattr(item, "le", None) or getattr(item, "lt", None) or high
            fields.append((f"{block}.{name}", low, high, field.annotation is int))
    return fields


NUMERIC_FIELDS = numeric_fields()


@st.composite
def corner_values(draw: st.DrawFn) -> dict[str, Any]:
    """Dotted overrides setting a few parameters to the ends of (or just past) their ranges."""
    chosen = draw(st.lists(st.sampled_from(NUMERIC_FIELDS), min_size=1, max_size=6, unique=True))
    overrides: dict[str, Any] = {}
    for name, low, high, integer in chosen:
        ends = [v for v in (low, high) if v is not None and math.isfinite(v)]
        beyond = [v * 1.5 + 1 for v in ends] + [-(abs(v) + 1) for v in ends]
        value = draw(st.sampled_from(ends + beyond + [0, float("inf"), float("nan")]))
        overrides[name] = int(value) if integer and math.isfinite(value) else value
    return overrides


def to_toml(overrides: dict[str, Any], extra: str = "") -> str:
    """Dotted overrides as TOML text (tables per block)."""
    blocks: dict[str, dict[str, Any]] = {}
    for dotted, value in overrides.items():
        block, name = dotted.split(".", 1)
        blocks.setdefault(block, {})[name] = value
    lines = [extra] if extra else []
    for block, values in blocks.items():
        lines.append(f"[{block}]")
        lines.extend(f"{name} = {_toml_value(value)}" for name, value in values.items())
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


MUTATIONS = (
    "none",
    "latin1",
    "binary",
    "nul",
    "truncate",
    "duplicate_key",
    "deep_nesting",
    "empty",
    "comments_only",
    "insert_bytes",
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """``text`` encoded as UTF-8, then corrupted in one of :data:`MUTATIONS` ways."""
    data = text.encode()
    kind = draw(st.sampled_from(MUTATIONS))
    at = draw(st.integers(0, len(data)))
    if kind == "latin1":
        return data[:at] + "é café ü".encode("latin-1") + data[at:]
    if kind == "binary":
        return draw(st.binary(min_size=1, max_size=200))
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    if kind == "truncate":
        return data[:at]
    if kind == "duplicate_key":
        return data + b"seed = 1\nseed = 2\n"
    if kind == "deep_nesting":
        depth = draw(st.integers(21, 5000))
        return data + b"x = " + b"[" * depth + b"]" * depth + b"\n"
    if kind == "empty":
        return draw(st.sampled_from([b"", b"   \n\n", b"\xef\xbb\xbf"]))
    if kind == "comments_only":
        return b"# nothing here\n"
    if kind == "insert_bytes":
        return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]
    return data


EXTENDS_TARGETS = (
    "parent.toml",
    "missing.toml",
    "subdir.toml",
    "case.toml",
    "loop_a.toml",
    "../outside.toml",
    "/etc/hostname",
    "bad\x00name.toml",
    "x" * 300 + ".toml",
    "parent",
    "",
)


@st.composite
def scenario_cases(draw: st.DrawFn) -> dict[str, bytes | None]:
    """A file tree (name -> bytes; None = a directory) whose ``case.toml`` is to be loaded."""
    overrides = draw(corner_values()) if draw(st.booleans()) else {}
    extends = draw(st.none() | st.sampled_from(EXTENDS_TARGETS) | st.integers())
    head = f"description = {draw(st.text(max_size=20))!r}\n".replace("\\x", "\\u00")
    if extends is not None:
        shown = extends if isinstance(extends, int) else f'"{_escape(extends)}"'
        head += f"extends = {shown}\n"
    text = to_toml(overrides, head)
    return {
        SCENARIO_NAME: draw(mutated(text)),
        "parent.toml": b"seed = 3\n",
        "loop_a.toml": b'extends = "loop_b.toml"\n',
        "loop_b.toml": b'extends = "loop_a.toml"\n',
        "subdir.toml": None,
        "../outside.toml": b"seed = 4\n",
    }


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\u0000")


CELL_VALUES = ("", "nan", "NaN", "inf", "-1", "0", "1e300", "-1e300", "abc", "1e9", "0.5")
TABLE_MUTATIONS = (
    "none",
    "drop_column",
    "cell",
    "zero_employment",
    "truncate",
    "garbage",
    "empty",
    "latin1",
    "header_only",
)


def table_bytes(frame: pd.DataFrame, gz: bool) -> bytes:
    """A frame as CSV bytes (gzip-compressed if ``gz``)."""
    data = frame.to_csv(index=False).encode()
    if not gz:
        return data
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


@st.composite
def table_cases(draw: st.DrawFn, tables: Any) -> dict[str, bytes | None]:
    """The three data files of ``tables`` with one of them corrupted."""
    frames = {
        OCCUPATIONS_FILE: tables.occupations.copy(),
        TASKS_FILE: tables.tasks.copy(),
        TRANSITIONS_FILE: tables.transitions.copy(),
        SKILLS_FILE: tables.skills.copy(),
    }
    target = draw(st.sampled_from(sorted(frames)))
    frame = frames[target].astype(str)
    kind = draw(st.sampled_from(TABLE_MUTATIONS))
    if kind == "drop_column":
        frame = frame.drop(columns=[draw(st.sampled_from(list(frame.columns)))])
    elif kind == "cell" and len(frame):
        row = draw(st.integers(0, len(frame) - 1))
        column = draw(st.sampled_from(list(frame.columns)))
        frame.iloc[row, frame.columns.get_loc(column)] = draw(st.sampled_from(CELL_VALUES))
    elif kind == "zero_employment" and "employment" in frame:
        frame["employment"] = "0"
    elif kind == "header_only":
        frame = frame.iloc[:0]
    files: dict[str, bytes | None] = {
        f"{DATA_DIR}/{name}": table_bytes(other.astype(str), name.endswith(".gz"))
        for name, other in frames.items()
    }
    data = table_bytes(frame, target.endswith(".gz"))
    if kind == "truncate":
        data = data[: draw(st.integers(0, max(len(data) - 1, 0)))]
    elif kind == "garbage":
        data = draw(st.binary(min_size=1, max_size=300))
    elif kind == "empty":
        data = b""
    elif kind == "latin1":
        data = table_bytes(frame, False).replace(b"Toy", "Töy".encode("latin-1"))
        data = gzip.compress(data, mtime=0) if target.endswith(".gz") else data
    files[f"{DATA_DIR}/{target}"] = data
    return files


def write_tree(root: Any, files: dict[str, bytes | None]) -> Any:
    """Write a case under ``root/scenarios`` (so ``../`` stays inside ``root``); return that dir."""
    from pathlib import Path

    base = Path(root) / "scenarios"
    base.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = (base / name).resolve()
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return base
