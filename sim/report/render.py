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

from sim.report.document import Report

TEMPLATES = jinja2.PackageLoader("sim.report", "templates")


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


def write_report(report: Report, html_path: Path) -> ReportFiles:
    """Write ``html_path``, its Markdown twin (``.md``) and the PNGs (``<stem>_figures/``)."""
    html_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path = html_path.with_suffix(".md")
    figure_dir = html_path.with_name(f"{html_path.stem}_figures")
    figure_dir.mkdir(exist_ok=True)
    for section in report.sections:
        for figure in section.figures:
            (figure_dir / figure.filename).write_bytes(figure.png)
    html_path.write_text(render_html(report), encoding="utf-8")
    markdown_path.write_text(render_markdown(report, figure_dir.name), encoding="utf-8")
    return ReportFiles(html_path, markdown_path, figure_dir)
