"""Seed normalisation and named random streams (Scientific Python SPEC 7).

This is the only module that builds generators from seeds.  A run has one root
:class:`numpy.random.SeedSequence`; each stage draws from its own named child
stream, so adding draws in one stage cannot shift another, and results do not
depend on how many runs share a process or a worker pool.
"""

from __future__ import annotations

import zlib

import numpy as np

SeedLike = int | np.random.SeedSequence | None
#: Stream of the task-threshold noise (the only draws of a run besides Mesa's own).
EXPOSURE_STREAM = "exposure"


def root_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Return the root seed sequence for ``seed`` (an int, a sequence, or None for fresh)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is not None and (not isinstance(seed, int | np.integer) or seed < 0):
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.SeedSequence(seed)


def stream_key(name: str) -> int:
    """Stable 32-bit key for a stream name (CRC-32, identical on every platform)."""
    return zlib.crc32(name.encode("utf-8"))


def child_sequence(root: np.random.SeedSequence, index: int) -> np.random.SeedSequence:
    """Child ``index`` of ``root``: the one rule by which every seed is derived.

    Uses an explicit spawn key rather than ``root.spawn`` so that asking twice
    gives the same child (``spawn`` advances the parent's counter).
    """
    return np.random.SeedSequence(entropy=root.entropy, spawn_key=(*root.spawn_key, index))


def run_sequence(seed: SeedLike, replication: int = 0) -> np.random.SeedSequence:
    """Seed sequence of replication ``replication`` of root ``seed`` (spawn key ``(r,)``)."""
    return child_sequence(root_sequence(seed), replication)


def named_stream(root: np.random.SeedSequence, name: str) -> np.random.Generator:
    """Return the generator of the child stream ``name`` of ``root``."""
    return np.random.default_rng(child_sequence(root, stream_key(name)))


def replication_sequences(root: np.random.SeedSequence, n: int) -> list[np.random.SeedSequence]:
    """Spawn ``n`` replication roots before any work is dispatched."""
    return [child_sequence(root, index) for index in range(n)]
