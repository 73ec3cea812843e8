"""The outcome of one validation check and the rendering of a set of outcomes.

A check compares one figure of the model (or of the data it runs on) with a
published figure or historical fact and a tolerance band stated before the
comparison.  :class:`CheckResult` holds the comparison; :func:`results_table`
and :func:`results_markdown` render a list of them for the command line,
``validation.csv`` and ``validation.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

#: Columns of :func:`results_table`, in order.
TABLE_COLUMNS = (
    "check",
    "description",
    "published",
    "source",
    "ours",
    "band",
    "passed",
    "notes",
)
#: Columns of the Markdown summary table (the rest goes to the notes below it).
MARKDOWN_COLUMNS = ("check", "published", "source", "ours", "band", "result")
PASS_TEXT, FAIL_TEXT = "pass", "FAIL"


@dataclass(frozen=True)
class CheckResult:
    """One validation check: published figure, our figure, band and verdict.

    Attributes
    ----------
    name : str
        Short identifier of the check (snake_case).
    description : str
        What is compared, in one sentence.
    published : str
        The published figure or historical fact, with its unit.
    source : str
        Citation of the published figure (and whether it was verified).
    ours : str
        Our figure, with its unit and the definition it is computed on.
    band : str
        The tolerance band or pass condition, stated before the comparison.
    passed : bool
        Whether our figure lies in the band.
    notes : str
        What differs from the published definition, context, and for a failing
        check the diagnosis.
    metrics : Mapping[str, float]
        The numbers behind ``ours`` by name (shares in [0, 1], OOM, persons...),
        for tests and further analysis; not shown in the table.
    """

    name: str
    description: str
    published: str
    source: str
    ours: str
    band: str
    passed: bool
    notes: str
    metrics: Mapping[str, float] = field(default_factory=dict)


def results_table(results: Sequence[CheckResult]) -> pd.DataFrame:
    """One row per check with the columns of :data:`TABLE_COLUMNS`."""
    rows = [
        {
            "check": r.name,
            "description": r.description,
            "published": r.published,
            "source": r.source,
            "ours": r.ours,
            "band": r.band,
            "passed": r.passed,
            "notes": r.notes,
        }
        for r in results
    ]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS)).astype({"passed": bool})


def results_markdown(results: Sequence[CheckResult]) -> str:
    """A Markdown table of the checks followed by each check's description and notes."""
    failed = sum(not r.passed for r in results)
    lines = [
        "| " + " | ".join(MARKDOWN_COLUMNS) + " |",
        "|" + "---|" * len(MARKDOWN_COLUMNS),
    ]
    for r in results:
        verdict = PASS_TEXT if r.passed else FAIL_TEXT
        cells = (f"`{r.name}`", r.published, r.source, r.ours, r.band, f"**{verdict}**")
        lines.append("| " + " | ".join(_cell(text) for text in cells) + " |")
    lines.append("")
    lines.append(f"{len(results) - failed} of {len(results)} checks pass.")
    lines.append("")
    for r in results:
        lines.append(f"- `{r.name}`: {r.description} {r.notes}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Make text safe inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")
