"""Closure block: who receives AI's cost savings, how much of them is spent again, and policy.

Replaces the old ``demand.spending_recycling_share`` (a stated midpoint) with
three parameters that each have a measured counterpart; the fourth piece, the
price pass-through ``rho``, is ``demand.price_pass_through``.  The algebra is in
:mod:`sim.mechanisms.closure`.
"""

from __future__ import annotations

from sim.params._base import ParamBlock
from sim.params._field import Plausible, Role, param


class ClosureParams(ParamBlock):
    """Re-spending of consumers' and owners' gains, and the share of a shortfall policy closes."""

    consumer_mpc: float = param(
        0.94,
        unit="share of income",
        ge=0.0,
        le=1.0,
        description=(
            "Share of a real-income gain from lower prices that consumers spend again "
            "(marginal propensity to consume out of a lasting real-income gain)."
        ),
        source=(
            "About 1 minus the BEA personal saving rate of 2015-2019 (5-7.5% of disposable "
            "income): a permanent gain is spent like income on average."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.90,
            0.97,
            source=(
                "BEA personal saving rate 3-10% of disposable income over 2010-2019 "
                "(outside the 2020-21 pandemic spike)."
            ),
        ),
    )
    profit_respending_rate: float = param(
        0.25,
        unit="share of profit income per year",
        ge=0.0,
        le=1.0,
        description=(
            "Share of the extra profit (the cost saving not passed on to prices) that its "
            "owners spend again within the year."
        ),
        source=(
            "Blend: about half of US corporate profits is paid out as dividends, which "
            "households spend at about 0.5 (Di Maggio, Kermani & Majlesi 2020, J. Finance "
            "75(6), doi:10.1111/jofi.12968); the rest is capitalised into share prices, "
            "spent at about 0.03 a year (Chodorow-Reich, Nenov & Simsek 2021, AER 111(5)). "
            "0.5 x 0.5 + 0.5 x 0.03 = 0.27, rounded down."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.03,
            0.5,
            source=(
                "All gains capitalised (0.03, Chodorow-Reich, Nenov & Simsek 2021) to all "
                "paid as dividends (about 0.5, Di Maggio, Kermani & Majlesi 2020)."
            ),
        ),
    )
    policy_offset_share: float = param(
        0.76,
        unit="share of the shortfall",
        ge=0.0,
        le=1.0,
        description=(
            "Share theta of any remaining shortfall in nominal spending that monetary or "
            "fiscal policy closes within the horizon: 1 = policy keeps nominal spending on "
            "its no-AI path (the standard long-run assumption), 0 = passive policy."
        ),
        source=(
            "theta = (1 - p) + p f: monetary policy closes a shortfall except when the "
            "effective lower bound binds, a share p = 0.30-0.40 of the time with today's low "
            "neutral rates (Kiley & Roberts 2017, Brookings Papers on Economic Activity, "
            "Spring); then the automatic fiscal stabilisers still absorb f = 0.32 of an "
            "income shock in the US (Dolls, Fuest & Peichl 2012, J. Public Economics "
            "96(3-4)). p = 0.35: 0.65 + 0.35 x 0.32 = 0.76. demand-stabilised.toml (1) and "
            "passive-policy.toml (0) bracket it."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.6,
            1.0,
            source=(
                "The formula at its ends: the lower bound binding 40% of the time with no "
                "fiscal offset then (0.60) to full stabilisation, the textbook long-run "
                "assumption (1; Acemoglu 2024, Korinek & Suh 2024). Policy closing less "
                "than the ELB's share is passive-policy.toml's question, not this range's."
            ),
        ),
    )
    consumer_spending_cap: float = param(
        1.0,
        unit="multiple of income",
        ge=1.0,
        description=(
            "The most consumers spend when the own-price bundle costs more than their income "
            "(cheap, elastic goods): 1 = the budget binds, they spend their income; inf = "
            "partial equilibrium of one small industry whose extra spending the rest of the "
            "economy pays (no income effect, the old recycling share 0)."
        ),
        source=(
            "Budget constraint: a price fall is no income loss, so the propensity to consume "
            "has nothing to act on; spending (1 - c)(S - 1) above income every year (the "
            "rule before issue 19's third session) has no source of funds. inf only for "
            "partial-equilibrium experiments (the Bessen check, analytic toy tests)."
        ),
    )
