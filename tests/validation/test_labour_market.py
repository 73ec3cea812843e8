"""Labour-market checks (issue 20): the helpers on hand-made paths and flows."""

import numpy as np
import pandas as pd
import pytest

from sim.validation.beveridge import loop_area, near_share
from sim.validation.labour_market import switching_share
from sim.validation.labour_targets import BEVERIDGE, LONG_TERM_SHARE, UNEMPLOYMENT_RATE


def test_loop_area_is_positive_counter_clockwise_and_negative_clockwise():
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    assert loop_area(square) == pytest.approx(1.0)
    assert loop_area(square[::-1]) == pytest.approx(-1.0)


def test_near_share_counts_points_within_the_distance():
    reference = np.array([[5.0, 3.0], [6.0, 2.5]])
    model = np.array([[5.2, 3.1], [6.0, 2.0], [9.0, 9.0]])
    assert near_share(model, reference, 0.5) == pytest.approx(2 / 3)


def test_switching_share_counts_flows_into_another_major_group():
    flows = pd.DataFrame(
        {
            "year": [2026, 2026, 2026, 2040],
            "from_code": ["15-1252", "15-1252", "15-1252", "29-1141"],
            "to_code": ["15-1252", "15-1211", "43-9061", "41-2031"],
            "workers": [50.0, 20.0, 30.0, 1000.0],
        }
    )
    assert switching_share(flows, "workers", (2026, 2035)) == pytest.approx(0.3)


def test_bands_contain_their_published_values():
    assert UNEMPLOYMENT_RATE.contains(UNEMPLOYMENT_RATE.value)
    assert LONG_TERM_SHARE.contains(LONG_TERM_SHARE.value)
    assert not LONG_TERM_SHARE.contains(0.16)  # a constant hazard's share fails
    assert BEVERIDGE.max_correlation < 0.0
