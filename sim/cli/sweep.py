"""``laborsim sweep`` and ``laborsim analyze``: parse, call the sweep library, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sim.experiments.analysis import analyze_sweep
from sim.experiments.sweep import run_sweep

EXIT_RUN_FAILED = 1
EXIT_INTERRUPTED = 130


def add_sweep(commands: argparse._SubParsersAction, positive_int: Callable[[str], int]) -> None:
    """Register ``laborsim sweep`` and ``laborsim analyze``."""
    sweep = commands.add_parser(
        "sweep",
        help="run a parameter sweep into a resumable DuckDB store",
        description="Run every run of a sweep file (scenarios/sweeps/*.toml) on a local Dask "
        "cluster or an existing one; re-running the same command resumes (docs/sweeps.md).",
    )
    sweep.add_argument("spec", type=Path, metavar="SPEC", help="sweep TOML file or shipped name")
    sweep.add_argument(
        "--workers", type=positive_int, default=1, help="local worker processes (default 1)"
    )
    sweep.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="existing Dask scheduler, tcp://host:port",
    )
    sweep.add_argument(
        "--out", type=Path, default=None, help="sweep directory (default results/sweeps/<name>/)"
    )
    sweep.add_argument("--quiet", action="store_true", help="no progress bar")
    sweep.set_defaults(handler=_sweep)
    analyze = commands.add_parser(
        "analyze", help="Sobol/Morris indices and PRIM boxes of a finished sweep"
    )
    analyze.add_argument("directory", type=Path, metavar="DIR", help="sweep directory")
    analyze.set_defaults(handler=_analyze)


def _sweep(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    bars: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        if not bars:  # created at the first report, after the spec is known to be valid
            bars.append(tqdm(total=total, unit="run", disable=args.quiet, file=sys.stderr))
        bars[0].update(done - bars[0].n)

    try:
        summary = run_sweep(
            args.spec,
            out=args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=progress,
        )
    except KeyboardInterrupt:
        print(
            "\ninterrupted: finished runs are stored; run the same command to continue",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    finally:
        for bar in bars:
            bar.close()
    print(
        f"{summary.directory}/: {summary.total} runs, {summary.already_done} already done, "
        f"{summary.ran} run now, {summary.failed} failed"
    )
    return EXIT_RUN_FAILED if summary.failed else 0


def _analyze(args: argparse.Namespace) -> int:
    analysis = analyze_sweep(args.directory)
    for name, path in analysis.written.items():
        print(f"wrote {path}  ({name})")
    for note in analysis.notes:
        print(f"warning: {note}", file=sys.stderr)
    return 0
