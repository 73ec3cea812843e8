"""Execute a notebook headless with nbclient; exit 1 on any cell error.

The notebook must be stored without outputs (a stored output would be stale the
moment the model changes): one that has any is refused before it runs.

    python scripts/run_notebook.py examples/quickstart.ipynb --cwd /tmp/somewhere
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

#: Longest a single cell may run, seconds (the quick start's slowest cell takes well under 2 min).
CELL_TIMEOUT_SECONDS = 900


def stored_outputs(notebook: nbformat.NotebookNode) -> list[int]:
    """Indices of code cells stored with outputs or an execution count."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="kernel working directory")
    parser.add_argument("--save", type=Path, default=None, help="write the executed notebook here")
    args = parser.parse_args()
    notebook = nbformat.read(args.notebook, as_version=4)
    stored = stored_outputs(notebook)
    if stored:
        print(f"{args.notebook}: cells {stored} are stored with outputs", file=sys.stderr)
        return 1
    args.cwd.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(args.cwd)}},
    )
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{args.notebook}: a cell failed:\n{error}", file=sys.stderr)
        return 1
    if args.save is not None:
        nbformat.write(notebook, args.save)
    cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    print(
        f"{args.notebook}: {cells} code cells ran without error in "
        f"{time.perf_counter() - started:.0f} s (working directory {args.cwd})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
