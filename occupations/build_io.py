"""Deterministic writing of the derived tables (plain CSV and gzip-compressed CSV).

Floats are formatted explicitly (``DEFAULT_FLOAT_FORMAT`` unless a column has
its own format), rows are expected to be sorted by the caller, line endings are
LF and gzip headers carry no file name and ``mtime = 0``, so the same
inputs always give byte-identical files.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

DEFAULT_FLOAT_FORMAT = "{:.6g}"
"""Six significant digits: scores, shares and rates."""
EXACT_FLOAT_FORMAT = "{:.10g}"
"""Ten significant digits: counts of persons and wages, written without exponent."""
GZIP_LEVEL = 9
GZIP_MTIME = 0
"""Fixed gzip header timestamp (seconds since epoch) for byte-identical output."""


def format_frame(df: pd.DataFrame, formats: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Return a copy of ``df`` with every float column rendered as text.

    Parameters
    ----------
    df
        Table to format; not modified.
    formats
        Optional ``{column: format string}`` overriding ``DEFAULT_FLOAT_FORMAT``.

    Returns
    -------
    pandas.DataFrame
        Same shape; float columns are strings, missing floats are empty strings.
    """
    formats = dict(formats or {})
    out = df.copy()
    for name in out.columns:
        if pd.api.types.is_float_dtype(out[name]):
            template = formats.get(name, DEFAULT_FLOAT_FORMAT)
            out[name] = [("" if pd.isna(v) else template.format(v)) for v in out[name]]
    return out


def csv_bytes(df: pd.DataFrame, formats: Mapping[str, str] | None = None) -> bytes:
    """Render ``df`` as UTF-8 CSV bytes with explicit float formatting."""
    buffer = io.StringIO()
    format_frame(df, formats).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_csv(df: pd.DataFrame, path: Path, formats: Mapping[str, str] | None = None) -> None:
    """Write ``df`` as plain CSV, or as gzip if ``path`` ends in ``.gz``.

    Parameters
    ----------
    df
        Table to write, already sorted.
    path
        Output file; a ``.gz`` suffix selects deterministic gzip compression.
    formats
        Optional per-column float formats.
    """
    data = csv_bytes(df, formats)
    if path.suffix == ".gz":
        data = gzip_bytes(data)
    path.write_bytes(data)


def gzip_bytes(data: bytes) -> bytes:
    """Compress ``data`` with a fixed header (no file name, ``mtime = GZIP_MTIME``)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, compresslevel=GZIP_LEVEL, mtime=GZIP_MTIME
    ) as stream:
        stream.write(data)
    return buffer.getvalue()
