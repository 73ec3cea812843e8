"""``laborsim run ... --uncertainty [N]``: the uncertainty ensemble beside each central run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sim.errors import LaborsimError
from sim.experiments.ensemble import DEFAULT_DRAWS, ENSEMBLE_DIR, run_ensemble
from sim.experiments.runner import RunSpec
from sim.experiments.sweep import Progress
from sim.report.ensemble_summary import ensemble_summary


def add_uncertainty_option(
    run: argparse.ArgumentParser, positive_int: Callable[[str], int]
) -> None:
    """Register ``--uncertainty [N]`` on ``laborsim run``."""
    run.add_argument(
        "--uncertainty",
        nargs="?",
        const=DEFAULT_DRAWS,
        default=None,
        type=positive_int,
        metavar="N",
        help="also run an uncertainty ensemble of N draws (default "
        f"{DEFAULT_DRAWS}) of every uncertain parameter from its plausible range, stored in "
        f"RESULTS/{ENSEMBLE_DIR}/ (resumable); print and report ranges, sign probabilities "
        "and drivers (docs/uncertainty.md)",
    )


def check_uncertainty_args(args: argparse.Namespace) -> None:
    """Refuse combinations the ensemble does not support, before anything runs."""
    if args.uncertainty is not None and args.replications > 1:
        raise LaborsimError(
            "run: --uncertainty and --replications > 1 do not combine; the ensemble already "
            "draws the replication noise anew with every draw"
        )


def run_ensembles(
    specs: Sequence[RunSpec], targets: Sequence[Path], args: argparse.Namespace
) -> int:
    """With ``--uncertainty``: each saved central run's ensemble, in ``RUN_DIR/ensemble``.

    Prints each ensemble's summary; returns the number of draws that failed
    (0 without ``--uncertainty``).
    """
    if args.uncertainty is None:
        return 0
    failed = 0
    for spec, target in zip(specs, targets, strict=True):
        if not target.is_dir():  # the central run failed: no ensemble beside nothing
            continue
        directory = target / ENSEMBLE_DIR
        print(
            f"uncertainty ensemble of '{spec.scenario.name}': {args.uncertainty} draws -> "
            f"{directory}/",
            file=sys.stderr,
        )
        with _progress_bar(args.quiet) as progress:
            ensemble = run_ensemble(
                spec.scenario,
                args.uncertainty,
                directory=directory,
                workers=args.workers,
                seed=spec.seed,
                progress=progress,
            )
        failed += int(ensemble.meta["draws_failed"])
        print(ensemble_summary(ensemble))
    return failed


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Progress]:
    from tqdm import tqdm

    bars: list[tqdm] = []

    def progress(stored: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit="draw", disable=quiet, file=sys.stderr))
        bars[0].update(stored - bars[0].n)

    try:
        yield progress
    finally:
        for bar in bars:
            bar.close()
