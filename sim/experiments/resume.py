"""Resume a batch: which runs of a command are already complete in their directories.

Re-running the same ``laborsim run`` command (same scenario files, seed and
data) continues where a killed run stopped: every target directory that holds
a complete run of the *same* scenario, seed, replication and data (compared
through its ``metadata.json``) is kept and not run again; missing ones are run.
Results are written atomically (:mod:`sim.io.atomic`), so a directory is either
a complete run or absent; every run is therefore present exactly once.

Refused, with one line naming the directory and what differs (nothing runs):

- a directory holding a run of a different scenario, seed, replication or data
  (unless ``--overwrite``, which replaces it once the new run is complete);
- mixing layouts: a single run written where replications live
  (``DIR/replication-NNN/``) or replications written into a single run's directory.

With ``--overwrite``, replications of an earlier command beyond the new count
are removed once the batch has run (:func:`remove_stale_replications`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.errors import LaborsimError
from sim.io.atomic import clean_leftovers
from sim.io.results import (
    CHECKSUMS_KEY,
    METADATA_FILE,
    RESULT_FILES,
    check_data_files,
    is_empty_dir,
    read_metadata,
)

REPLICATION_PREFIX = "replication-"


@dataclass(frozen=True)
class Target:
    """Where one run goes, and the metadata a run there must carry to count as done."""

    directory: Path
    expected: dict[str, Any]
    replications_layout: bool


def run_directory(out: Path | None, default_root: Path, spec: Any, several: bool) -> Path:
    """Where a run goes: ``out`` (or ``default_root/NAME``) alone, else
    ``(out or default_root)/NAME/replication-NNN``."""
    name = spec.scenario.name
    if not several:
        return out if out is not None else default_root / name
    root = out if out is not None else default_root
    return root / name / f"{REPLICATION_PREFIX}{spec.replication:03d}"


def output_roots(targets: Sequence[Path]) -> list[Path]:
    """The directories one command writes: each single run's, each replications holder."""
    roots = {
        target.parent if target.name.startswith(REPLICATION_PREFIX) else target
        for target in targets
    }
    return sorted(roots)


def plan_runs[Spec](
    specs: Sequence[Spec],
    directories: Sequence[Path],
    identify: Callable[[Spec], dict[str, Any]],
    *,
    overwrite: bool,
) -> tuple[list[tuple[Spec, Path]], int]:
    """The (spec, directory) pairs still to run, and how many are already complete.

    Raises
    ------
    LaborsimError
        If two runs share a directory, or a directory is refused (module docstring).
    """
    if len(set(directories)) != len(directories):
        raise LaborsimError(
            "two runs would write to the same directory; give distinct scenario names"
        )
    several = len(specs) > 1
    targets = [Target(d, identify(s), several) for s, d in zip(specs, directories, strict=True)]
    due = pending(targets, overwrite=overwrite)
    work = [(s, d) for s, d, run in zip(specs, directories, due, strict=True) if run]
    return work, due.count(False)


def pending(targets: Sequence[Target], *, overwrite: bool) -> list[bool]:
    """For each target, whether it must run (False: a matching complete run is there)."""
    try:
        _check_layouts(targets)
        return [overwrite or not _complete_match(target) for target in targets]
    except OSError as problem:
        raise LaborsimError(
            f"{problem.filename}: cannot use as an output directory: {problem.strerror}"
        ) from None


def _check_layouts(targets: Sequence[Target]) -> None:
    for target in targets:
        if target.replications_layout:
            holder = target.directory.parent
            if (holder / METADATA_FILE).exists():
                raise LaborsimError(
                    f"{holder}: holds a single run; replications go to their own directory "
                    "(choose another --out; nothing was run)"
                )
        elif target.directory.is_dir() and (
            any(target.directory.glob(f"{REPLICATION_PREFIX}*"))
            or any(target.directory.glob(f"*/{REPLICATION_PREFIX}*"))
        ):
            raise LaborsimError(
                f"{target.directory}: holds replications; a single run needs its own "
                "directory (choose another --out; nothing was run)"
            )


def _complete_match(target: Target) -> bool:
    directory = target.directory
    clean_leftovers(directory)  # temporary directories of killed writers
    if not directory.exists() or is_empty_dir(directory):
        return False
    if not (directory / METADATA_FILE).is_file():
        raise LaborsimError(
            f"{directory}: exists but holds no laborsim run; choose another --out (nothing was run)"
        )
    metadata = read_metadata(directory)
    differences = describe_differences(metadata, target.expected)
    if differences:
        raise LaborsimError(
            f"{directory}: already holds results of a different run ({differences}); "
            "choose another --out or pass --overwrite (nothing was run)"
        )
    missing = [name for name in RESULT_FILES if not (directory / name).is_file()]
    if missing:
        raise LaborsimError(
            f"{directory}: run is incomplete (missing {', '.join(missing)}); pass "
            "--overwrite to run it again (nothing was run)"
        )
    check_data_files(directory, metadata.get(CHECKSUMS_KEY))
    return True


def describe_differences(metadata: dict[str, Any], expected: dict[str, Any]) -> str:
    """Which of the identifying fields differ, as text ('' if none)."""
    differing = [key for key, value in expected.items() if metadata.get(key) != value]
    shown = [
        key
        if key in ("scenario", "occupations_data")
        else f"{key} {metadata.get(key)!r} vs {expected[key]!r}"
        for key in differing
    ]
    return ", ".join(shown)


def identity(
    scenario: dict[str, Any],
    seed: int,
    replication: int,
    data: Callable[[], dict[str, object]],
) -> dict[str, Any]:
    """The metadata fields that identify a run (what resume and replay compare)."""
    return {"scenario": scenario, "seed": seed, "replication": replication, **data()}


def remove_stale_replications(targets: Sequence[Path]) -> list[Path]:
    """Delete ``replication-NNN`` run directories beside ``targets`` that are not among them.

    Called after ``--overwrite`` with replications: an earlier command's extra
    replications (say 5 of them, now 3) would otherwise stay beside the new
    ones and be counted with them.  Only directories holding a laborsim run
    are deleted.
    """
    wanted = {Path(t) for t in targets}
    holders = {t.parent for t in wanted if t.name.startswith(REPLICATION_PREFIX)}
    removed = []
    for holder in sorted(holders):
        for candidate in sorted(holder.glob(f"{REPLICATION_PREFIX}*")):
            if candidate in wanted or not (candidate / METADATA_FILE).is_file():
                continue
            if candidate.is_symlink():
                continue
            shutil.rmtree(candidate)
            removed.append(candidate)
    return removed
