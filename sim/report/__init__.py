"""Policy-analysis reports: saved results in, self-contained HTML and Markdown out.

:func:`report` is the one entry point (``laborsim report`` calls it).  Inputs
are classified and loaded in :mod:`~sim.report.inputs`, tables derived in
:mod:`~sim.report.frames`, figures drawn in :mod:`~sim.report.figures_run`,
:mod:`~sim.report.figures_multi` and :mod:`~sim.report.seed_picture` with the
style of :mod:`~sim.report.style`, text in :mod:`~sim.report.text` and
:mod:`~sim.report.methods`, assembled in :mod:`~sim.report.build` and written
by :mod:`~sim.report.render`.  :mod:`~sim.report.summary` is the plain-text
summary printed by ``laborsim run``.  No model is run here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sim.report.build import build_report
from sim.report.inputs import ReportKind, load_report_input
from sim.report.render import ReportFiles, write_report
from sim.report.seed_picture import seed_picture
from sim.report.style import report_style

__all__ = ["ReportFiles", "ReportKind", "default_report_path", "report", "seed_picture"]

REPORT_FILE = "report.html"


def default_report_path(paths: Sequence[Path]) -> Path:
    """``report.html`` inside the one results directory, or in the first one's parent."""
    first = Path(paths[0])
    return first / REPORT_FILE if len(paths) == 1 else first.parent / "comparison-report.html"


def report(
    paths: Sequence[str | Path],
    *,
    out: str | Path | None = None,
    validation_csv: str | Path | None = None,
) -> ReportFiles:
    """Write the report of saved results ``paths`` and return the files written.

    Parameters
    ----------
    paths
        One run, replications or sweep directory, or several run directories
        (a comparison).
    out
        HTML file to write (default :func:`default_report_path`); the Markdown
        twin and a ``<stem>_figures/`` directory of PNGs go beside it.
    validation_csv
        A saved ``laborsim validate`` table to show (default: one in the
        results directory, else the table generated in ``docs/validation.md``).

    Raises
    ------
    sim.LaborsimError
        If a path is not a results directory or is from another schema version.
    """
    directories = [Path(p) for p in paths]
    data = load_report_input(directories)
    with report_style():
        document = build_report(
            data, validation_csv=Path(validation_csv) if validation_csv else None
        )
    return write_report(document, Path(out) if out else default_report_path(directories))
