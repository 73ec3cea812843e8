"""Review signal: list the modules of ``sim/`` longer than the style guide's ~300 lines.

Size is a prompt to look, not a rule to pass: a module is split where its
concepts part (Mesa's ``space.py`` grew to 1,660 lines before it was split by
concept; its ``network.py`` is 77), never at a line count.  ``make lint``
prints this list; it always exits 0.

Usage: ``python scripts/module_sizes.py [ROOT] [--limit N]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

#: Style guide (``../shared/STYLE.md``): a module stays at or below about this many lines.
REVIEW_LINES = 300


def long_modules(root: Path, limit: int = REVIEW_LINES) -> dict[str, int]:
    """Line counts of the ``*.py`` files under ``root`` longer than ``limit``, longest first."""
    sizes = {
        str(path.relative_to(root)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(root.rglob("*.py"))
    }
    long = {name: n for name, n in sizes.items() if n > limit}
    return dict(sorted(long.items(), key=lambda item: -item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=Path(__file__).resolve().parents[1] / "sim")
    parser.add_argument("--limit", type=int, default=REVIEW_LINES)
    args = parser.parse_args()
    long = long_modules(Path(args.root), args.limit)
    if not long:
        print(f"module sizes: every module of {args.root} is at most {args.limit} lines")
        return
    print(
        f"module sizes: {len(long)} module(s) over {args.limit} lines (review: one concept each?)"
    )
    for name, lines in long.items():
        print(f"  {lines:5d}  {name}")


if __name__ == "__main__":
    main()
