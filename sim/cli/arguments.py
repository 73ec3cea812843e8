"""Argument types of the ``laborsim`` command: whole numbers written as digits, nothing looser.

``int()`` would take ``1_0``, `` 12`` and other scripts' digits; a flag takes
what a scenario file takes (:mod:`sim.params.strict`), and a seed what a
scenario's ``seed`` takes (< 2**63).
"""

from __future__ import annotations

import argparse

from sim.params.messages import quoted

#: Seeds are 63-bit, as the ``seed`` of a scenario file.
SEED_LIMIT = 2**63
#: Longest whole number accepted on the command line, digits.
MAX_INT_DIGITS = 30


def positive_int(text: str) -> int:
    """A whole number >= 1."""
    value = non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def non_negative_int(text: str) -> int:
    """Decimal digits only: no sign, underscores, spaces or other scripts' digits."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_INT_DIGITS:
        shown = quoted(text, 60)
        if text.startswith("-") and text[1:].isascii() and text[1:].isdigit():
            raise argparse.ArgumentTypeError(f"must be >= 0, got {shown}")
        raise argparse.ArgumentTypeError(
            f"not a whole number of <= {MAX_INT_DIGITS} digits: {shown}"
        )
    return int(text)


def seed(text: str) -> int:
    """A seed: a whole number in [0, 2**63)."""
    value = non_negative_int(text)
    if value >= SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"must be < 2**63 (as a scenario's seed), got {value}")
    return value
