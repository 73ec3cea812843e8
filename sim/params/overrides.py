"""Override tables keyed by occupation code or major group: defaults, merging and removal.

A scenario's table (``[demand.elasticity_by_occupation]`` ...) is merged over
the table's defaults key by key.  The value ``"unset"`` removes a key, default
or inherited through ``extends``, so the row falls back to the next level (the
occupation's major group, or no regulatory slowdown)::

    [demand.elasticity_by_occupation]
    "29-1224" = "unset"   # radiologists take their major group's elasticity

Serialised scenarios (``metadata.json``) write ``"unset"`` for every removed
default, so a scenario read back from its metadata is the same scenario.
Whether the codes exist in the occupation data is checked when the data is
known (:mod:`sim.model.override_check`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Value that removes a key from an override table.
UNSET = "unset"


def merge_over_defaults(value: Any, defaults: Mapping[str, float]) -> Any:
    """``defaults`` updated with ``value``, without the keys set to :data:`UNSET`."""
    if not isinstance(value, Mapping):
        return value
    merged = {**defaults, **value}
    return {key: entry for key, entry in merged.items() if not _is_unset(entry)}


def with_removals(value: Mapping[str, float], defaults: Mapping[str, float]) -> dict[str, Any]:
    """``value`` plus ``key = "unset"`` for each default it no longer holds."""
    removed = {key: UNSET for key in defaults if key not in value}
    return {**value, **removed}


def _is_unset(entry: Any) -> bool:
    return isinstance(entry, str) and entry.strip().lower() == UNSET
