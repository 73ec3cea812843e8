"""Render a :class:`~sim.report.document.Report` as self-contained HTML and Markdown.

The HTML embeds every figure as a base64 PNG ``data:`` URI and its CSS inline,
so it opens offline and references no external URL.  The Markdown twin links
PNG files written into a directory beside it.  Templates are Jinja2
(``sim/report/templates``), with autoescaping for HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from sim.errors import LaborsimError
from sim.io.atomic import write_file_atomically
from sim.report.document import Report

TEMPLATES = jinja2.PackageLoader("sim.report", "templates")
#: The HTML file written into a directory given as ``--out``.
DEFAULT_HTML_NAME = "report.html"


@dataclass(frozen=True)
class ReportFiles:
    """What :func:`write_report` wrote."""

    html: Path
    markdown: Path
    figure_dir: Path


def _environment(autoescape: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=TEMPLATES,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md_cell"] = _markdown_cell
    return environment


def _markdown_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document."""
    return _environment(True).get_template("report.html.j2").render(report=report)


def render_markdown(report: Report, figure_dir_name: str) -> str:
    """The report as Markdown whose figures are ``figure_dir_name/<id>.png``."""
    return (
        _environment(False)
        .get_template("report.md.j2")
        .render(report=report, figure_dir=figure_dir_name)
    )


def report_path(out: Path) -> Path:
    """The HTML file ``--out`` names: a ``.html`` file, or ``report.html`` inside a directory.

    Raises
    ------
    LaborsimError
        If ``out`` names a file that is not ``.html`` (``x.md`` would put the
        Markdown twin over it).
    """
    if out.is_dir():
        return out / DEFAULT_HTML_NAME
    if out.suffix.lower() != ".html":
        raise LaborsimError(
            f"--out {str(out)[:200]!r}: allowed: an .html file (its .md twin and "
            "<name>_figures/ are written beside it) or an existing directory"
        )
    return out


def write_report(report: Report, html_path: Path) -> ReportFiles:
    """Write ``html_path``, its Markdown twin (``.md``) and the PNGs (``<stem>_figures/``).

    Every file is written atomically (:func:`sim.io.atomic.write_file_atomically`):
    a killed writer or a full disk leaves each file old or new, never partial,
    and a symbolic link in the way is replaced, not written through.  The HTML
    is written last, so an HTML newer than its figures means all are complete.
    """
    html_path = report_path(html_path)
    markdown_path = html_path.with_suffix(".md")
    figure_dir = html_path.with_name(f"{html_path.stem}_figures")
    try:
        figure_dir.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        raise LaborsimError(
            f"{figure_dir}: cannot create the figure directory: {problem.strerror or problem}"
        ) from None
    for section in report.sections:
        for figure in section.figures:
            write_file_atomically(figure_dir / figure.filename, figure.png)
    markdown = render_markdown(report, figure_dir.name).encode("utf-8")
    write_file_atomically(markdown_path, markdown)
    write_file_atomically(html_path, render_html(report).encode("utf-8"))
    return ReportFiles(html_path, markdown_path, figure_dir)
