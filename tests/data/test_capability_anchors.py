"""The capability anchors in sim/data/capability_anchors.py, recomputed from the shared data.

Skipped when ``../shared/data`` is absent (the figures are then only as cited).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from sim.data import capability_anchors as anchors
from tests.data.rebuild import RAW_DIR, needs_raw

LABELS = RAW_DIR / "eloundou_gpts_are_gpts" / "full_labelset.tsv"
METR = RAW_DIR / "capability_anchors" / "metr_time_horizons.csv"
FTM = RAW_DIR / "capability_anchors" / "ftm_task_automation_quantiles.csv"


@needs_raw
@pytest.mark.parametrize(
    ("rater", "column"), [("human", "human_exposure_agg"), ("gpt4", "gpt4_exposure")]
)
def test_eloundou_task_shares_recomputed_from_the_label_set(rater, column):
    labels = pd.read_csv(LABELS, sep="\t", usecols=[column])[column]
    e1, e2 = float((labels == "E1").mean()), float((labels == "E2").mean())
    assert e1 == pytest.approx(anchors.ELOUNDOU_E1[rater], abs=0.0005)
    assert e1 + 0.5 * e2 == pytest.approx(anchors.ELOUNDOU_BETA[rater], abs=0.0005)
    assert e1 + e2 == pytest.approx(anchors.ELOUNDOU_E1_E2[rater], abs=0.0005)


def _rows(path: Path) -> list[dict[str, str]]:
    """Every row of a staged CSV file (closed after reading)."""
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@needs_raw
def test_metr_frontier_points_match_the_staged_file():
    metr = _rows(METR)
    rows = {
        row["model_key"]: row
        for row in metr
        if row["suite"] == "TH1.1" and row["is_sota"] == "True" and row["release_date"] >= "2023"
    }
    gpt4 = [float(r["p50_min"]) for r in metr if r["model_key"] == "gpt_4"]
    assert anchors.GPT4_HORIZON_MINUTES == pytest.approx(math.sqrt(gpt4[0] * gpt4[1]))
    staged = sorted(float(row["p50_min"]) for row in rows.values())
    ours = sorted(point.minutes for point in anchors.METR_FRONTIER)
    assert ours == pytest.approx(staged, abs=0.01)


@needs_raw
def test_ftm_span_range_matches_the_presets():
    rows = _rows(FTM)

    def span(preset: str) -> float:
        level = {
            float(r["fraction_tasks_automatable"]): float(r["log10_effective_training_FLOP"])
            for r in rows
            if r["preset"] == preset
        }
        return level[1.0] - level[0.2]

    assert span("best_guess") == pytest.approx(anchors.FTM_SPAN_OOM_BEST)
    assert (span("aggressive"), span("conservative")) == pytest.approx(anchors.FTM_SPAN_OOM_RANGE)
