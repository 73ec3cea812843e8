"""What is shipped: ``laborsim scenarios``, ``laborsim occupations`` and ``laborsim --version``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sim.data import load_occupation_tables
from sim.data.summary import summarise_occupations
from sim.experiments.runner import DEFAULT_OCCUPATIONS_DIR
from sim.io.provenance import data_checksum, data_fingerprint, package_version
from sim.io.shipped import shipped_scenarios, shipped_sweeps, summary
from sim.resources import scenarios_dir, sweeps_dir


def add_scenarios(commands: argparse._SubParsersAction) -> None:
    """Register ``laborsim scenarios``."""
    listing = commands.add_parser(
        "scenarios",
        help="list the shipped scenarios and sweeps with one-line descriptions",
        description="Each can be named instead of a file: `laborsim run NAME`, "
        '`laborsim sweep NAME`, `extends = "NAME"` in your own scenario file.',
    )
    listing.set_defaults(handler=_scenarios)


def add_occupations(commands: argparse._SubParsersAction) -> None:
    """Register ``laborsim occupations``."""
    occupations = commands.add_parser("occupations", help="summarise the occupation data set")
    occupations.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_OCCUPATIONS_DIR,
        help="data directory (default: the shipped data set, %(default)s)",
    )
    occupations.set_defaults(handler=_occupations)


def _occupations(args: argparse.Namespace) -> int:
    print(summarise_occupations(load_occupation_tables(args.dir)))
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    scenarios, sweeps = shipped_scenarios(), shipped_sweeps()
    width = max(map(len, [*scenarios, *sweeps]), default=0)
    print(f"Shipped scenarios ({scenarios_dir()}), run one with `laborsim run NAME`:")
    for name, path in scenarios.items():
        print(f"  {name:<{width}}  {summary(path)}")
    print(f"\nShipped sweeps ({sweeps_dir()}), run one with `laborsim sweep NAME`:")
    for name, path in sweeps.items():
        print(f"  {name:<{width}}  {summary(path)}")
    return 0


class VersionAction(argparse.Action):
    """``--version``: the package version and the shipped data set's checksum, then exit."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help=kwargs.get("help"))

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(version_text(), end="")
        parser.exit()


def version_text() -> str:
    """``laborsim X.Y.Z`` and the occupation data set's checksum, one per line."""
    fingerprint = data_fingerprint(DEFAULT_OCCUPATIONS_DIR)
    data = (
        f"sha256 {data_checksum(fingerprint)} ({len(fingerprint)} files in "
        f"{DEFAULT_OCCUPATIONS_DIR})"
        if fingerprint
        else f"not found in {DEFAULT_OCCUPATIONS_DIR}"
    )
    return f"laborsim {package_version()}\noccupation data: {data}\n"
