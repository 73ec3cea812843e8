"""The ``laborsim`` command: run, sweep, analyze, report, dashboard, occupations, params, validate.

Each subcommand parses its arguments, calls one library function and writes
its output.  Errors caused by input (bad scenario, bad data, bad flag value)
print as ``error: ...`` lines and exit with status 2, without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sim.cli.arguments import non_negative_int, positive_int, seed
from sim.cli.catalogue import VersionAction, add_occupations, add_scenarios
from sim.cli.sweep import add_sweep
from sim.cli.uncertainty import add_uncertainty_option, check_uncertainty_args, run_ensembles
from sim.dashboard.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SCENARIO, open_dashboard, serve
from sim.errors import LaborsimError
from sim.experiments.replay import replay
from sim.experiments.resume import (
    output_roots,
    plan_runs,
    remove_stale_replications,
    run_directory,
)
from sim.experiments.runner import (
    RunSpec,
    batch_specs,
    iter_batch,
    load_tables,
    run_identity,
)
from sim.io.output_lock import exclusive_outputs
from sim.io.scenario_files import load_scenario
from sim.params.table import parameter_table_markdown
from sim.report import report as write_report
from sim.report.summary import run_summary
from sim.validation import DEFAULT_VALIDATION_DIR, results_markdown, run_checks, write_results

EXIT_USAGE = 2
EXIT_RUN_FAILED = 1
EXIT_INTERRUPTED = 130
DEFAULT_RESULTS_DIR = Path("results")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``laborsim`` console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except LaborsimError as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            "interrupted: finished runs are saved; run the command again to resume", file=sys.stderr
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_RUN_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="laborsim",
        description="Labor-automation exposure simulator: effective compute -> task exposure "
        "-> amplification -> demand -> employment.",
    )
    parser.add_argument("--version", action=VersionAction, help="version and data checksum")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(commands)
    add_scenarios(commands)
    add_occupations(commands)
    params = commands.add_parser("params", help="print every model parameter as a table")
    params.set_defaults(handler=_params)
    _add_validate(commands)
    _add_report(commands)
    _add_dashboard(commands)
    add_sweep(commands, positive_int)
    return parser


def _add_run(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="run scenario files and save their results")
    run.add_argument(
        "scenarios", nargs="*", type=Path, metavar="SCENARIO",
        help="scenario TOML file(s) or shipped scenario names (`laborsim scenarios`)",
    )  # fmt: skip
    run.add_argument(
        "--replay", type=Path, metavar="RESULTS_DIR", help="re-run a saved run from its "
        "metadata.json and say whether the frames match"
    )  # fmt: skip
    run.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output directory (one run) or parent directory (several); "
        "default results/<scenario name>/",
    )
    run.add_argument(
        "--seed",
        type=seed,
        default=None,
        help="root seed (default: the scenario's seed)",
    )
    run.add_argument(
        "--replications",
        type=positive_int,
        default=1,
        help="independent replications per scenario (default 1)",
    )
    run.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        help="worker processes (default 1); results do not depend on it",
    )
    run.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing results (only once the new ones are complete); without it, "
        "runs already complete with the same scenario, seed and data are kept and the "
        "missing ones run (resume)",
    )
    run.add_argument("--quiet", action="store_true", help="do not print the summaries")
    run.add_argument(
        "--report",
        action="store_true",
        help="also write each scenario's HTML + Markdown report (see `laborsim report`)",
    )
    add_uncertainty_option(run, positive_int)
    run.set_defaults(handler=_run)


def _add_report(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write an HTML + Markdown report of saved results",
        description="One run directory gives a scenario report, several a comparison, a "
        "replications directory bands across replications. Reads saved results only.",
    )
    report.add_argument(
        "results", nargs="+", type=Path, metavar="RESULTS", help="results directories"
    )
    report.add_argument(
        "--out",
        type=Path,
        default=None,
        help="HTML file to write (default RESULTS/report.html); the .md twin and "
        "<name>_figures/ go beside it; existing report files are replaced",
    )
    report.add_argument(
        "--validation",
        type=Path,
        default=None,
        help="a validation.csv written by `laborsim validate` to show "
        "(default: docs/validation.md's table)",
    )
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    files = write_report(args.results, out=args.out, validation_csv=args.validation)
    print(f"wrote {files.html} and {files.markdown}")
    return 0


def _add_validate(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate",
        help="check the model against published results and historical facts",
        description="Run the validation checks (docs/validation.md), print the table, write "
        "validation.csv and validation.md; exit 1 if a check fails.",
    )
    validate.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_VALIDATION_DIR,
        help=f"directory for validation.csv and validation.md (default {DEFAULT_VALIDATION_DIR}/; "
        "files there are replaced)",
    )
    validate.add_argument(
        "--fast", action="store_true", help="skip the checks that run the full model"
    )
    validate.set_defaults(handler=_validate)


def _add_dashboard(commands: argparse._SubParsersAction) -> None:
    dashboard = commands.add_parser("dashboard", help="explore scenarios in the browser")
    add = dashboard.add_argument
    add("--scenario", type=Path, default=DEFAULT_SCENARIO, help="shown first (%(default)s)")
    add("--port", type=non_negative_int, default=DEFAULT_PORT, help="%(default)s; 0 = any free")
    add("--host", default=DEFAULT_HOST, help="%(default)s = this machine only")
    dashboard.set_defaults(handler=_dashboard)


def _dashboard(args: argparse.Namespace) -> int:
    dashboard = open_dashboard(args.scenario, args.host, args.port)
    print(f"laborsim dashboard: {dashboard.url} (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(dashboard)
    return 0


def _validate(args: argparse.Namespace) -> int:
    results = run_checks(fast_only=args.fast)
    csv_path, markdown_path = write_results(results, args.out)
    print(results_markdown(results))
    print(f"\nwrote {csv_path} and {markdown_path}")
    return 0 if all(result.passed for result in results) else EXIT_RUN_FAILED


def _run(args: argparse.Namespace) -> int:
    if args.replay is not None:
        return _replay(args.replay)
    if not args.scenarios:
        raise LaborsimError("run: give scenario file(s), or --replay RESULTS_DIR")
    check_uncertainty_args(args)
    scenarios = [load_scenario(path) for path in args.scenarios]
    specs = batch_specs(scenarios, seed=args.seed, replications=args.replications)
    for scenario in scenarios:
        load_tables(scenario)  # validate every data set and override table before any run
    targets = [run_directory(args.out, DEFAULT_RESULTS_DIR, s, len(specs) > 1) for s in specs]
    with exclusive_outputs(output_roots(targets)):
        return _run_planned(args, specs, targets)


def _run_planned(args: argparse.Namespace, specs: list[RunSpec], targets: list[Path]) -> int:
    """Run what is still to run into ``targets`` (this process holds their locks)."""
    work, done = plan_runs(specs, targets, run_identity, overwrite=args.overwrite)
    if done:
        print(f"{done} of {len(specs)} run(s) already complete (same scenario, seed and data); "
              f"running the other {len(work)}")  # fmt: skip
    failures = 0
    for (spec, target), outcome in zip(
        work, iter_batch([spec for spec, _ in work], workers=args.workers), strict=True
    ):
        if isinstance(outcome, LaborsimError):
            failures += 1
            print(
                f"error: {spec.scenario.name} replication {spec.replication}: {outcome}",
                file=sys.stderr,
            )
            continue
        outcome.save(target, overwrite=True)  # pending() vetted every target
        if not args.quiet:
            print(run_summary(outcome))
        print(f"saved {target}/ (model {outcome.metadata['model_step_seconds'] * 1e3:.0f} ms)")
    failures += run_ensembles(specs, targets, args)
    if args.overwrite and len(specs) > 1:
        for stale in remove_stale_replications(targets):
            print(f"removed {stale}/ (a replication of an earlier command)")
    if args.report:
        for directory in sorted({_report_dir(target, args.replications) for target in targets}):
            if directory.exists():
                print(f"report: {write_report([directory]).html}")
    return EXIT_RUN_FAILED if failures else 0


def _report_dir(target: Path, replications: int) -> Path:
    """The run directory, or for replications the scenario directory above them."""
    return target.parent if replications > 1 else target


def _replay(directory: Path) -> int:
    report = replay(directory)
    verdict = "DIFFERS: " + "; ".join(report.differences) if report.differences else "identical"
    print(f"replay of {directory}: frames (occupations and economy) {verdict}")
    return 0 if report.matches else EXIT_RUN_FAILED


def _params(args: argparse.Namespace) -> int:
    print(parameter_table_markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
