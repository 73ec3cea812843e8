"""How step stages are compiled, and the guard that keeps Numba's disk cache fresh.

Every step stage is one plain function over arrays (:mod:`sim.mechanisms.demand`,
:mod:`~sim.mechanisms.labor`, :mod:`~sim.mechanisms.reallocation`,
:mod:`~sim.mechanisms.wages`, driven by :func:`sim.model.kernel.advance`),
decorated with :data:`compiled`: runs call it compiled; tests may call its
Python function (``stage.py_func``) or set ``NUMBA_DISABLE_JIT=1``.

The stale-code guard.  Numba caches compiled code on disk keyed on the
*defining file's* modification time and size only, but a compiled function
inlines what it calls from other files: after an edit to ``wages.py`` alone,
the cached loop of ``kernel.py`` would keep running the old wage rule.  Every
function compiled with :data:`compiled` is therefore cached under a stamp made
of the SHA-256 digest of *all* modules of the ``sim`` package that define such
functions (found by scanning the package for ``@compiled``, no list kept by
hand): any edit to any of them makes every cached entry stale, and the next
call recompiles (``tests/mechanisms/test_compiled.py`` edits a copy of a
stage and checks that the change takes effect).  Other Numba functions keep
Numba's own stamp.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import numba
from numba.core import caching

#: The package root whose ``@compiled`` modules make up the stamp.
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
#: The decorator line that marks a module as holding compiled stage code.
MARKER = "@compiled"


@functools.cache
def stage_files() -> tuple[Path, ...]:
    """Every module of the package that defines a ``@compiled`` function, sorted."""
    return tuple(
        path
        for path in sorted(PACKAGE_ROOT.rglob("*.py"))
        if MARKER in path.read_text(encoding="utf-8")
    )


@functools.cache
def stages_digest() -> str:
    """SHA-256 of the stage modules' relative paths and contents (hex)."""
    digest = hashlib.sha256()
    for path in stage_files():
        digest.update(str(path.relative_to(PACKAGE_ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


class _StagesStampLocator(caching._CacheLocator):
    """Numba's usual cache place for a stage module, stamped with :func:`stages_digest`."""

    def __init__(self, inner: caching._CacheLocator) -> None:
        self._inner = inner

    def ensure_cache_path(self) -> None:
        self._inner.ensure_cache_path()

    def get_cache_path(self) -> str:
        return str(self._inner.get_cache_path())

    def get_source_stamp(self) -> object:
        return ("laborsim-stages", stages_digest(), self._inner.get_source_stamp())

    def get_disambiguator(self) -> str:
        return str(self._inner.get_disambiguator())

    @classmethod
    def from_function(cls, py_func: Any, py_file: str) -> _StagesStampLocator | None:
        if Path(py_file).resolve() not in stage_files():
            return None
        others: list[Any] = caching.CacheImpl._locator_classes
        for other in others:
            if other is not cls:
                inner = other.from_function(py_func, py_file)
                if inner is not None:
                    return cls(inner)
        return None


_LOCATORS: list[Any] = caching.CacheImpl._locator_classes
if _StagesStampLocator not in _LOCATORS:
    _LOCATORS.insert(0, _StagesStampLocator)

#: Denominator floor for shares of a zero total (persons); any share of zero is zero.
TINY = 1e-300

#: Numba options of every stage function: cached on disk under the stages'
#: digest, numpy's error model (x / 0 gives inf or nan, not an exception).
compiled = numba.njit(cache=True, error_model="numpy", nogil=True)


@compiled
def total(x, y):  # pragma: no cover - compiled
    """``sum(x * y)`` over 1-d arrays (``y`` None: ``sum(x)``), in four interleaved partial sums.

    Four accumulators instead of one let consecutive additions overlap in the
    pipeline (a sum of 831 terms is otherwise bound by the latency of each
    addition); the order is fixed, so results are deterministic.
    """
    n = x.shape[0]
    a0 = a1 = a2 = a3 = 0.0
    end = n - n % 4
    if y is None:
        for i in range(0, end, 4):
            a0 += x[i]
            a1 += x[i + 1]
            a2 += x[i + 2]
            a3 += x[i + 3]
        for i in range(end, n):
            a0 += x[i]
    else:
        for i in range(0, end, 4):
            a0 += x[i] * y[i]
            a1 += x[i + 1] * y[i + 1]
            a2 += x[i + 2] * y[i + 2]
            a3 += x[i + 3] * y[i + 3]
        for i in range(end, n):
            a0 += x[i] * y[i]
    return (a0 + a1) + (a2 + a3)
