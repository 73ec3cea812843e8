"""One plotting style for every report figure: palette, sizes, fonts, PNG export.

The palette is Okabe & Ito's (2008) colour-universal-design set, distinguishable
under the common colour-vision deficiencies.  Figures are drawn for an A4 page:
:data:`PAGE_WIDTH_IN` is the text width of an A4 page with 2.5 cm margins, and
fonts are sized so they stay at least 8 pt when printed at that width.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib

if "MPLBACKEND" not in os.environ:  # a backend chosen there (Jupyter's inline one) is kept
    matplotlib.use("Agg")  # no display: the report renders files only

from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.rcsetup import cycler  # noqa: E402

#: Okabe-Ito colours by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
#: Order of colours for categorical series (yellow last: weak on white).
SERIES_COLOURS = tuple(
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black", "yellow")
)
#: With-AI path, no-AI counterfactual, and the expand / shrink sides of a change.
WITH_AI, NO_AI = OKABE_ITO["blue"], OKABE_ITO["black"]
EXPAND, SHRINK = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
#: Diverging colour map for "employment vs no-AI": shrink (vermillion) to expand (blue).
CHANGE_CMAP = LinearSegmentedColormap.from_list(
    "laborsim_change", [OKABE_ITO["vermillion"], "#F7F7F7", OKABE_ITO["blue"]]
)
#: Text width of an A4 page with 2.5 cm margins (inches).
PAGE_WIDTH_IN = 6.3
#: Resolution of the embedded PNGs (dots per inch): sharp when zoomed to 200%.
DPI = 150

_RC: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=SERIES_COLOURS),
    "lines.linewidth": 1.6,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "laborsim",
    "font.family": "DejaVu Sans",
}


@contextmanager
def report_style() -> Iterator[None]:
    """Apply the report's matplotlib settings inside the block only."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def new_figure(height_in: float, *, width_in: float = PAGE_WIDTH_IN) -> Figure:
    """A blank figure of the page width (inches) with constrained layout."""
    return Figure(figsize=(width_in, height_in), layout="constrained")


def png_bytes(figure: Figure) -> bytes:
    """Render ``figure`` as PNG bytes (metadata stripped so output is reproducible)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def short_title(title: str, width: int = 42) -> str:
    """Occupation or group title cut to ``width`` characters with an ellipsis."""
    title = title.removesuffix(" Occupations")
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"
