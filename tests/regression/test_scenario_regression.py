"""Every shipped scenario reproduces its committed summary metrics."""

import json

import pytest

from tests.regression.golden import GOLDEN_FILE, current_summaries, scenario_files

#: Relative tolerance: runs are deterministic; this only absorbs floating-point
#: differences between numpy builds.
RELATIVE_TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def summaries():
    return current_summaries()


def test_golden_file_covers_every_scenario():
    golden = json.loads(GOLDEN_FILE.read_text())
    assert sorted(golden) == sorted(path.stem for path in scenario_files())


@pytest.mark.parametrize("name", [path.stem for path in scenario_files()])
def test_scenario_matches_golden(summaries, name):
    golden = json.loads(GOLDEN_FILE.read_text())[name]
    current = summaries[name]
    assert sorted(current) == sorted(golden)
    for key, expected in golden.items():
        assert current[key] == pytest.approx(expected, rel=RELATIVE_TOLERANCE, abs=1e-9), (
            f"{name}: {key} changed; if intended, run python -m tests.regression.golden --update"
            " and review the diff"
        )
