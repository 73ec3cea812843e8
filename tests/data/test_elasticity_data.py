"""Tests of the committed demand-elasticity tables and of their estimator.

The committed files are read directly; the rebuild test (skipped when
``../shared/data`` is absent) rebuilds them from the raw data into a temporary
directory and compares bytes.  The estimator is checked on synthetic industries
with a known elasticity.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from occupations import build_occupation_industry as boi
from occupations import elasticity_estimator as est
from sim.data import (
    ELASTICITIES_FILE,
    OCCUPATIONS_FILE,
    SKILLS_FILE,
    TASKS_FILE,
    TRANSITIONS_FILE,
    load_occupation_tables,
)
from sim.errors import DataValidationError
from tests.data.rebuild import DATA_DIR, needs_raw, run_build

BUILD_SCRIPT = DATA_DIR / "build_elasticity.py"
FILES = ("elasticities.csv", "industry_elasticities.csv", "occupation_industry.csv")
COLUMNS = [
    "occupation_code",
    "elasticity_central",
    "elasticity_low",
    "elasticity_high",
    "elasticity_source",
]
SOURCES = {"estimated", "pooled", "literature", "assumption"}
N_INDUSTRIES = 63
RADIOLOGISTS = "29-1224"
ELASTIC_SEED_EXAMPLES = ["41-4011", "41-4012", "ENTR-0001"]
SHARE_TOLERANCE = 1e-5
"""Shares are written with 6 decimals; their sum is 1 within this."""


@pytest.fixture(scope="module")
def occupations() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "occupations.csv", dtype={"occupation_code": str})


@pytest.fixture(scope="module")
def elasticities() -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / "elasticities.csv", dtype={"occupation_code": str})
    return frame.set_index("occupation_code", drop=False)


@pytest.fixture(scope="module")
def shares() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "occupation_industry.csv", dtype={"occupation_code": str})


@pytest.fixture(scope="module")
def industries() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "industry_elasticities.csv")


# --- occupation -> industry table ----------------------------------------------------------


def test_shares_cover_every_occupation(occupations: pd.DataFrame, shares: pd.DataFrame) -> None:
    assert set(shares["occupation_code"]) == set(occupations["occupation_code"])
    assert "ENTR-0001" in set(shares["occupation_code"])


def test_shares_sum_to_one_and_are_positive(shares: pd.DataFrame) -> None:
    totals = shares.groupby("occupation_code")["share"].sum()
    np.testing.assert_allclose(totals, 1.0, atol=SHARE_TOLERANCE)
    assert (shares["share"] > 0).all()
    assert shares["industry_id"].between(1, N_INDUSTRIES).all()
    assert not shares.duplicated(["occupation_code", "industry_id"]).any()


def test_specific_occupations_map_to_their_industry(shares: pd.DataFrame) -> None:
    indexed = shares.set_index(["occupation_code", "industry_id"])["share"]
    assert indexed[("29-1021", 54)] >= 0.5  # dentists: offices of dentists
    assert indexed[("43-3071", 41)] > 0.5  # tellers: credit intermediation


@pytest.mark.parametrize(
    ("nem", "industry"),
    [
        ("541100", 47),
        ("611103", 63),
        ("611105", 53),
        ("622105", 55),
        ("999100", 62),
        ("513110", 37),
    ],
)
def test_nem_industry_codes_map_to_bea_industries(nem: str, industry: int) -> None:
    assert boi.nem_industry(nem) == industry


def test_total_employment_rows_name_no_industry() -> None:
    assert boi.nem_industry(boi.TOTAL_EMPLOYMENT_CODE) is None


def test_longest_soc_prefix_wins() -> None:
    rules = {"29-": {}, "29-1": {}, "29-1141": {}}
    assert boi.rule_for("29-1141", rules) == "29-1141"
    assert boi.rule_for("29-1071", rules) == "29-1"
    with pytest.raises(ValueError, match="matches no soc_prefix"):
        boi.rule_for("99-0001", rules)


# --- elasticities --------------------------------------------------------------------------


def test_elasticities_cover_every_occupation(
    occupations: pd.DataFrame, elasticities: pd.DataFrame
) -> None:
    assert list(elasticities.columns) == COLUMNS
    assert list(elasticities["occupation_code"]) == sorted(occupations["occupation_code"])
    assert set(elasticities["elasticity_source"]) <= SOURCES


def test_interval_ordered_and_positive(elasticities: pd.DataFrame) -> None:
    mid, low, high = (elasticities[c] for c in COLUMNS[1:4])
    assert (low > 0).all()
    assert (low <= mid).all()
    assert (mid <= high).all()


def test_industry_intervals_ordered(industries: pd.DataFrame) -> None:
    assert len(industries) == N_INDUSTRIES
    assert ((industries["low"] > 0) & (industries["low"] <= industries["estimate"])).all()
    assert (industries["estimate"] <= industries["high"]).all()
    estimated = industries[industries["method"] == "estimated"]
    assert (estimated["first_stage_f"] >= 10).all()
    assert (estimated["iv_raw"] > 0).all()


def test_government_is_not_estimated(industries: pd.DataFrame) -> None:
    government = industries[industries["industry_id"].isin([62, 63])]
    assert (government["method"] == "nonmarket").all()


def test_seed_radiologists_inelastic(elasticities: pd.DataFrame) -> None:
    assert elasticities.at[RADIOLOGISTS, "elasticity_central"] < 1.0
    assert elasticities.at[RADIOLOGISTS, "elasticity_high"] < 1.0


@pytest.mark.parametrize("code", ELASTIC_SEED_EXAMPLES)
def test_seed_sellers_and_entrepreneurs_elastic(elasticities: pd.DataFrame, code: str) -> None:
    assert elasticities.at[code, "elasticity_central"] > 1.0
    assert elasticities.at[code, "elasticity_low"] > 1.0


# --- estimator on synthetic data -----------------------------------------------------------


def _synthetic_industries(
    elasticity: np.ndarray, n_windows: int, seed: int, demand_sd: float = 0.05
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Long differences where TFP shifts supply and demand has slope ``-elasticity``.

    Demand shocks raise price by half their size (upward-sloping supply), so OLS
    of quantity on price is biased towards zero; IV with TFP is not.
    """
    rng = np.random.default_rng(seed)
    shape = (n_windows, elasticity.size)
    dz = rng.normal(0.1, 0.2, shape)
    demand_shock = rng.normal(0.0, demand_sd, shape)
    dp = -dz + 0.5 * demand_shock + rng.normal(0.0, 0.02, shape)
    dq = 0.03 - elasticity * dp + demand_shock
    return dq, dp, dz


def test_iv_recovers_known_elasticity() -> None:
    truth = np.array([0.3, 1.0, 2.5])
    dq, dp, dz = _synthetic_industries(truth, n_windows=400, seed=7)
    moments = est.iv_moments(dq, dp, dz, np.ones((1, dq.shape[0])))
    np.testing.assert_allclose(est.iv_elasticity(moments)[0], truth, rtol=0.05)
    assert (est.first_stage_f(moments.zp, moments.zz, moments.pp, moments.n) > 100).all()


def test_ols_is_biased_by_demand_shocks_iv_is_not() -> None:
    truth = np.array([1.5])
    dq, dp, dz = _synthetic_industries(truth, n_windows=2000, seed=11, demand_sd=0.2)
    moments = est.iv_moments(dq, dp, dz, np.ones((1, dq.shape[0])))
    iv = est.iv_elasticity(moments)[0, 0]
    ols = est.ols_elasticity(dq, dp)[0]
    assert abs(iv - 1.5) < 0.05
    assert ols == pytest.approx(1.5 - 0.5 * 0.04 / (0.04 + 0.25 * 0.04 + 0.0004), abs=0.05)


def test_pooled_fixed_effects_iv_on_common_elasticity() -> None:
    dq, dp, dz = _synthetic_industries(np.full(4, 0.8), n_windows=100, seed=3)
    moments = est.iv_moments(dq, dp, dz, np.ones((1, dq.shape[0])))
    value, f = est.pooled(moments, np.ones(4, dtype=bool))
    assert value[0] == pytest.approx(0.8, rel=0.05)
    assert f[0] > 100


def test_bootstrap_weights_resample_every_window_count() -> None:
    weights = est.bootstrap_weights(12, 50, rng=np.random.default_rng(0))
    assert weights.shape == (50, 12)
    np.testing.assert_array_equal(weights.sum(axis=1), 12)


def test_between_variance_zero_under_homogeneity() -> None:
    deviation = np.array([0.1, -0.1, 0.05, -0.05])
    assert est.between_variance(deviation, np.full(4, 0.25)) == 0.0
    assert est.between_variance(np.array([2.0, -2.0, 1.5, -1.5]), np.full(4, 0.01)) > 1.0


# --- rebuild -------------------------------------------------------------------------------


@needs_raw
def test_rebuild_equals_committed(tmp_path: Path) -> None:
    run_build(BUILD_SCRIPT, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


# --- loader ------------------------------------------------------------------------------


def test_loader_reads_the_committed_elasticities(occupations: pd.DataFrame) -> None:
    tables = load_occupation_tables(DATA_DIR)
    assert tables.elasticities is not None
    assert len(tables.elasticities) == len(occupations)


def test_loader_rejects_an_uncovered_occupation(tmp_path: Path) -> None:
    for name in (OCCUPATIONS_FILE, TASKS_FILE, TRANSITIONS_FILE, SKILLS_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    table = pd.read_csv(DATA_DIR / ELASTICITIES_FILE, dtype=str)
    table[table["occupation_code"] != RADIOLOGISTS].to_csv(
        tmp_path / ELASTICITIES_FILE, index=False
    )
    with pytest.raises(DataValidationError, match=r"elasticities\.csv.*1 occupation\(s\).*29-1224"):
        load_occupation_tables(tmp_path)
