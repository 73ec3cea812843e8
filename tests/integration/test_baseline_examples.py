"""The seed's named examples in the baseline scenario, on the real occupation data."""

from pathlib import Path

import numpy as np
import pytest

from sim.experiments.runner import load_tables, run
from sim.io.scenario_files import load_scenario
from sim.params.scenario import derive

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
RADIOLOGISTS, NURSES = "29-1224", "29-1141"
ELASTIC_EXAMPLES = ("41-4012", "41-3091", "ENTR-0001")
#: Adoption has not "caught up" while less than half of the feasible task time is done
#: with AI (adopted share / exposure).
ADOPTION_CAUGHT_UP = 0.5
#: Year by which more than half of radiologists' task time is feasible in the baseline.
RADIOLOGY_MOSTLY_FEASIBLE_YEAR = 2030
#: "Not collapsing": employment stays above this share of its no-AI path meanwhile.
NO_COLLAPSE_RATIO = 0.8


@pytest.fixture(scope="module")
def baseline():
    return run(load_scenario(BASELINE))


def ratio_to_no_ai(frame, code):
    rows = frame.loc[frame["occupation_code"] == code].set_index("year")
    return rows["employment"] / rows["employment_no_ai"], rows


def test_radiologists_shrink_by_horizon_and_adoption_lags(baseline):
    ratio, rows = ratio_to_no_ai(baseline.occupations, RADIOLOGISTS)
    assert ratio.iloc[-1] < 0.9
    # Near the frontier: above the mean exposure from the start, most work feasible by 2030.
    start = baseline.occupations.loc[baseline.occupations["year"] == rows.index[0]]
    assert rows["exposure"].iloc[0] > np.average(start["exposure"], weights=start["employment"])
    assert rows.loc[rows.index >= RADIOLOGY_MOSTLY_FEASIBLE_YEAR, "exposure"].iloc[0] > 0.5
    lagging = rows["adoption"] < ADOPTION_CAUGHT_UP * rows["exposure"]
    assert lagging.sum() >= 10  # regulated adoption lags feasibility for a decade or more


def test_radiologists_do_not_collapse_while_adoption_lags(baseline):
    ratio, rows = ratio_to_no_ai(baseline.occupations, RADIOLOGISTS)
    lagging = rows["adoption"] < ADOPTION_CAUGHT_UP * rows["exposure"]
    assert ratio[lagging].min() > NO_COLLAPSE_RATIO


@pytest.mark.parametrize("code", ELASTIC_EXAMPLES)
def test_elastic_examples_expand_against_no_ai(baseline, code):
    """Amplified elastic work expands: by more than 10% at its peak, and it stays above
    no-AI at the horizon. (Before issue 19: > 1.1 at the horizon; with autonomy nearly
    complete by the 2040s, productivity reaches 12-19x and saturating demand brings
    entrepreneurs back to 1.09 by 2055, Bessen's rise and fall.)"""
    ratio, _ = ratio_to_no_ai(baseline.occupations, code)
    assert ratio.max() > 1.1
    assert ratio.iloc[-1] > 1.0


@pytest.mark.parametrize(("year", "column"), [(2035, "exposure"), (2045, "exposure_autonomous")])
def test_registered_nurses_among_least_exposed_third(baseline, year, column):
    """Nurses are far along the physical track (issue 19: far, not never).

    Assisted exposure in 2035 and autonomous exposure in 2045 rank nurses in the
    least exposed third. (Before issue 19 this read assisted exposure in 2055 too;
    by then nearly every occupation's assisted share is within 0.01 of 1, so a
    rank there says nothing; nurses' autonomous share is still below the mean.)
    """
    rows = baseline.occupations.loc[baseline.occupations["year"] == year]
    rank = rows[column].rank(pct=True)[rows["occupation_code"] == NURSES].iloc[0]
    assert rank <= 1 / 3
    end = baseline.occupations.loc[baseline.occupations["year"] == 2055]
    weight = baseline.occupations.loc[baseline.occupations["year"] == 2025, "employment"]
    mean = np.average(end["exposure_autonomous"], weights=weight.to_numpy())
    assert end.loc[end["occupation_code"] == NURSES, "exposure_autonomous"].iloc[0] < mean


def test_workers_conserved_and_never_negative(baseline):
    economy = baseline.economy
    stock = economy["employment_total"] + economy["unemployed"] + economy["exits_cumulative"]
    # The start holds the base-year unemployed too (the no-AI steady state's pool).
    start = economy["employment_total"].iloc[0] + economy["unemployed"].iloc[0]
    expected = start + economy["entrants_cumulative"]
    np.testing.assert_allclose(stock, expected, rtol=1e-10)
    assert (baseline.occupations["employment"] >= 0).all()
    assert (baseline.occupations["employment_no_ai"] >= 0).all()


def test_exposure_never_falls_and_adoption_lags_it(baseline):
    frame = baseline.occupations.sort_values(["occupation_code", "year"])
    steps = frame.groupby("occupation_code")["exposure"].diff().dropna()
    assert steps.min() >= 0.0
    assert (frame["adoption"] <= frame["exposure"] + 1e-12).all()
    early = baseline.economy.loc[baseline.economy["year"].round(6) == 2027].iloc[0]
    assert early["mean_adoption"] < early["mean_exposure"] / 2
    assert early["mean_productivity_multiplier"] > 1.0  # amplification first


@pytest.mark.parametrize(
    ("source", "index_column"),
    [("eloundou", "eloundou_beta_gpt4"), ("frey_osborne", "frey_osborne_probability")],
)
def test_published_index_sources_order_exposure_like_the_index(source, index_column):
    scenario = derive(
        load_scenario(BASELINE), {"exposure.source": source, "run.horizon_year": 2030}
    )
    result = run(scenario)
    rows = result.occupations.loc[result.occupations["year"] == 2030]
    assert rows["exposure"].between(0, 1).all()
    index = load_tables(scenario).occupations.set_index("occupation_code")[index_column]
    exposure = rows.set_index(rows["occupation_code"].astype(str))["exposure"]
    assert exposure.corr(index.loc[exposure.index], method="spearman") > 0.5


@pytest.fixture(scope="module", params=[0.0, 0.5, 1.0], ids=["low", "central", "high"])
def estimated(request):
    overrides = {
        "demand.elasticity_source": "estimated",
        "demand.elasticity_quantile": request.param,
    }
    return run(derive(load_scenario(BASELINE), overrides))


def test_estimated_elasticities_keep_radiologists_shrinking(estimated):
    ratio, _ = ratio_to_no_ai(estimated.occupations, RADIOLOGISTS)
    assert ratio.iloc[-1] < 0.9


HIGH_QUANTILE = 1.0
#: Year from which the high quantile's examples are compared with radiologists.
COMPARED_FROM_YEAR = 2030


@pytest.mark.parametrize("code", ELASTIC_EXAMPLES)
def test_estimated_elasticities_keep_elastic_examples_expanding(estimated, code, request):
    """The seed's elastic examples expand against no-AI at the low and central quantiles
    (issue 8): by more than 10% at the peak, and above no-AI in 2030 (amplification first).

    At the high quantile the sales examples do not expand, and the test asserts why
    (docs/elasticity.md, "The high quantile in the whole model"): every occupation takes
    the top of its interval, the examples' elasticity (about 2.0) falls below the
    employment-weighted mean (about 2.8), and under the closure's budget they lose demand
    to the more elastic rest; elastic is relative. What the seed's claim still means
    there: they keep more of their no-AI employment than the inelastic example
    (radiologists) in every year from 2030. Entrepreneurs (the top of the range
    everywhere) expand at every quantile.
    """
    ratio, rows = ratio_to_no_ai(estimated.occupations, code)
    high = request.node.callspec.params["estimated"] == HIGH_QUANTILE
    if high and code != "ENTR-0001":
        occupations = estimated.occupations
        year = occupations.loc[occupations["year"] >= COMPARED_FROM_YEAR, "year"].iloc[0]
        rows_year = occupations.loc[occupations["year"] == year]
        mean_elasticity = np.average(
            rows_year["demand_elasticity"], weights=rows_year["employment"]
        )
        assert rows.loc[year, "demand_elasticity"] < mean_elasticity
        radiologists, _ = ratio_to_no_ai(occupations, RADIOLOGISTS)
        later = ratio.index >= COMPARED_FROM_YEAR
        assert (ratio[later] > radiologists[later]).all()
        return
    assert ratio.max() > 1.1
    assert ratio.loc[:2030].iloc[-1] > 1.0  # amplification first
