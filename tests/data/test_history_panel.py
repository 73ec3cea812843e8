"""Tests of the OEWS 2011-2017 history panel (``occupations/history_2011_2017.csv``).

Known values come from ``../shared/data/README.md`` section 7 and the raw OEWS
file; the rebuild test (skipped when ``../shared/data`` is absent) rebuilds the
panel into a temporary directory and compares bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from occupations.build_history import (
    OES_CODES,
    OUTPUT_FILE,
    comparison_groups,
    group_employment,
    history_links,
)
from tests.data.rebuild import DATA_DIR, RAW_DIR, needs_raw, run_build

BUILD_SCRIPT = DATA_DIR / "build_history.py"

COMPUTER_PROGRAMMERS = "15-1251"
"""SOC 2018 code of SOC 2010 15-1131: 320,100 (2011) -> 247,690 (2017), data README section 7."""
REGISTERED_NURSES = "29-1141"
NURSE_GROUP_2011 = {"29-1141", "29-1151", "29-1161", "29-1171"}
"""SOC 2000 29-1111 (May 2011) covered nurse anesthetists, midwives and practitioners too."""
NURSES_MAY_2011 = 2_724_570
"""tot_emp of 29-1111 Registered Nurses in the May 2011 file."""
DATA_ENTRY_KEYERS = "43-9021"
CHIEF_EXECUTIVES = "11-1011"


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / OUTPUT_FILE, dtype={"occupation_code": str}).set_index(
        "occupation_code", drop=False
    )


def test_computer_programmers_known_values(panel: pd.DataFrame) -> None:
    row = panel.loc[COMPUTER_PROGRAMMERS]
    assert row["group_2012_2017"] == row["group_2011_2017"] == COMPUTER_PROGRAMMERS
    assert (panel["group_2011_2017"] == COMPUTER_PROGRAMMERS).sum() == 1
    assert row["employment_2011"] == 320_100
    assert row["employment_2017"] == 247_690


def test_nurses_soc2000_code_of_2011_is_mapped(panel: pd.DataFrame) -> None:
    group = panel.loc[panel["group_2011_2017"] == panel.at[REGISTERED_NURSES, "group_2011_2017"]]
    assert set(group["occupation_code"]) == NURSE_GROUP_2011
    assert group["employment_2011"].sum() == pytest.approx(NURSES_MAY_2011, abs=1.0)
    # from 2012 SOC 2010 codes separate nurses from nurse practitioners etc.
    assert panel.at[REGISTERED_NURSES, "group_2012_2017"] == REGISTERED_NURSES


def test_groups_nest_and_employment_is_positive(panel: pd.DataFrame) -> None:
    per_fine = panel.groupby("group_2012_2017")["group_2011_2017"].nunique()
    assert (per_fine == 1).all()
    for year in (2012, 2017):
        assert (panel[f"employment_{year}"] > 0).all()


def test_routine_intensity_orders_clerical_above_executive(panel: pd.DataFrame) -> None:
    assert panel.at[DATA_ENTRY_KEYERS, "routine_intensity"] > 0.0
    assert panel.at[CHIEF_EXECUTIVES, "routine_intensity"] < 0.0
    dataset = panel["degree_of_automation_2012"].dropna()
    assert dataset.between(0.0, 100.0).all()


def test_group_employment_sums_and_flags_incomplete_years() -> None:
    links = pd.DataFrame(
        {
            "history_code": ["A", "B", "B", "C", "D"],
            "soc2010_code": ["a", "b", "b", "c", "d"],
            "occupation_code": ["01", "02", "03", "03", "04"],
        }
    )
    groups = comparison_groups(links)
    assert groups == {"01": "01", "02": "02", "03": "02", "04": "04"}
    history = pd.DataFrame(
        {
            "year": [2012, 2012, 2012, 2012, 2017, 2017, 2017],
            "history_code": ["A", "B", "C", "D", "A", "B", "D"],
            "employment": [10.0, 20.0, 5.0, 7.0, 12.0, 30.0, 8.0],
        }
    )
    totals = group_employment(history, links, groups)
    assert totals.loc["01"].tolist() == [10.0, 12.0]
    assert totals.at["02", 2012] == 25.0
    assert np.isnan(totals.at["02", 2017])  # C (SOC 2010 c) missing in 2017
    assert totals.loc["04"].tolist() == [7.0, 8.0]


@needs_raw
def test_oes_only_codes_link_through_their_soc2010_codes() -> None:
    to_oews = {code: code for code in ("29-1141", "29-1151", "29-1161", "29-1171")}
    links = history_links(RAW_DIR, pd.Series(["29-1111"]), to_oews)
    assert set(links["soc2010_code"]) == set(OES_CODES["29-1111"])
    assert set(links["occupation_code"]) == NURSE_GROUP_2011


@needs_raw
def test_rebuild_equals_committed(tmp_path: Path) -> None:
    run_build(BUILD_SCRIPT, tmp_path)
    assert (tmp_path / OUTPUT_FILE).read_bytes() == (DATA_DIR / OUTPUT_FILE).read_bytes()
