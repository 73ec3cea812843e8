"""The report as data: sections of paragraphs, figures and tables, before rendering.

Builders fill these types from saved results; :mod:`sim.report.render` turns a
:class:`Report` into HTML and Markdown.  A section whose data the results do not
carry holds only an ``unavailable`` line, never a made-up figure.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from matplotlib.figure import Figure

from sim.report.style import png_bytes


@dataclass(frozen=True)
class ReportFigure:
    """A rendered figure with its stable id (``fig-...``), title and caption."""

    id: str
    title: str
    caption: str
    png: bytes

    @property
    def filename(self) -> str:
        """File name of the PNG beside the Markdown report."""
        return f"{self.id}.png"

    @property
    def data_uri(self) -> str:
        """The PNG as a ``data:`` URI for the self-contained HTML."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class ReportTable:
    """A table of strings with a stable id (``table-...``)."""

    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Section:
    """One section; ``unavailable`` says why it has no content in these results."""

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    unavailable: str | None = None


@dataclass(frozen=True)
class Report:
    """A whole report."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    provenance: tuple[str, ...] = field(default=())

    @property
    def figure_ids(self) -> list[str]:
        """Ids of every figure, in order."""
        return [figure.id for section in self.sections for figure in section.figures]


def make_figure(figure_id: str, title: str, caption: str, figure: Figure) -> ReportFigure:
    """Render a matplotlib figure into a :class:`ReportFigure`."""
    return ReportFigure(figure_id, title, caption, png_bytes(figure))


def unavailable(section_id: str, title: str, what: str) -> Section:
    """A section the results cannot fill: one line saying so."""
    return Section(section_id, title, unavailable=f"{what}: not available in these results.")
