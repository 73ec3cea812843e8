"""Write validation results to ``validation.csv`` and ``validation.md``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sim.validation.result import CheckResult, results_markdown, results_table

CSV_FILE = "validation.csv"
MARKDOWN_FILE = "validation.md"
DEFAULT_VALIDATION_DIR = Path("results") / "validation"


def write_results(results: Sequence[CheckResult], directory: str | Path) -> tuple[Path, Path]:
    """Write the table as CSV and Markdown into ``directory`` (created; files replaced).

    Returns
    -------
    tuple of Path
        The CSV and Markdown files written.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, markdown_path = directory / CSV_FILE, directory / MARKDOWN_FILE
    results_table(results).to_csv(csv_path, index=False)
    markdown_path.write_text(results_markdown(results) + "\n")
    return csv_path, markdown_path
