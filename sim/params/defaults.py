"""Default demand elasticities and regulatory slowdowns, each with its source.

Price elasticities are the absolute value of -dlnQ/dlnP for the output an
occupation produces, before saturation.  They are set per SOC 2018 major
group, with overrides for occupations the seed names.  Where no estimate for
the group's output exists, the value is a stated assumption and says so.
Scenario files override any entry (``[demand.elasticity_by_major_group]``).

Regulatory slowdowns divide the speed of AI diffusion in licensed,
liability-heavy or publicly run work (the seed: radiologists must still sign
off).  They are assumptions; ``regulatory-inertia.toml`` raises them.
"""

from __future__ import annotations

#: (elasticity, source) per SOC major group (first two digits).
ELASTICITY_BY_MAJOR_GROUP_SOURCES: dict[str, tuple[float, str]] = {
    "11": (1.0, "Assumption: management scales with the output it manages (unit elastic)."),
    "13": (0.8, "Assumption: business services are an input demand tied to firm output."),
    "15": (1.2, "Assumption: software demand has absorbed past productivity gains (unmet demand)."),
    "17": (0.9, "Assumption: engineering services follow capital investment."),
    "19": (1.0, "Assumption: research demand is budget-driven, roughly unit elastic."),
    "21": (0.6, "Assumption: publicly funded, budget-constrained services."),
    "23": (0.5, "Assumption: legal services are moderately inelastic."),
    "25": (0.4, "Assumption: education demand is bound by enrolment."),
    "27": (1.2, "Assumption: media and design demand expands with lower cost."),
    "29": (0.2, "Manning et al. (1987), RAND Health Insurance Experiment: about -0.2."),
    "31": (0.2, "Manning et al. (1987), RAND Health Insurance Experiment: about -0.2."),
    "33": (0.3, "Assumption: public-safety budgets are inelastic."),
    "35": (0.8, "Andreyeva, Long & Brownell (2010), AJPH 100(2): food away from home 0.81."),
    "37": (0.6, "Assumption: cleaning and grounds upkeep is a necessity input."),
    "39": (1.0, "Assumption: personal services are discretionary, roughly unit elastic."),
    "41": (1.5, "Seed: sales has unmet demand, so amplified sellers expand (assumption)."),
    "43": (0.5, "Assumption: back-office work is an input tied to firm output."),
    "45": (0.4, "Andreyeva, Long & Brownell (2010): food at home 0.27-0.81."),
    "47": (1.0, "Assumption: construction follows housing and investment demand."),
    "49": (0.6, "Assumption: repair demand is tied to the installed stock."),
    "51": (1.0, "Seed: most goods have elasticities of 0.5-1.5; midpoint."),
    "53": (0.8, "Assumption: freight and passenger transport are moderately inelastic."),
}

#: (elasticity, source) for occupations the seed names explicitly.
ELASTICITY_BY_OCCUPATION_SOURCES: dict[str, tuple[float, str]] = {
    "29-1224": (0.2, "Seed: nobody wants 100x more scans (radiologists); RAND HIE 0.2."),
    "41-4012": (1.5, "Seed: sales representatives face unmet demand (assumption)."),
    "41-3091": (1.5, "Seed: sales representatives face unmet demand (assumption)."),
    "ENTR-0001": (2.0, "Seed: entrepreneurs face unmet demand for new ventures (assumption)."),
}

#: (slowdown divisor, reason) per SOC major group; unlisted groups use 1.
REGULATORY_SLOWDOWN_SOURCES: dict[str, tuple[float, str]] = {
    "29": (3.0, "Licensing, device clearance and physician sign-off (seed: radiologists)."),
    "31": (1.5, "Supervised clinical work."),
    "23": (2.0, "Unauthorised-practice rules and professional liability."),
    "33": (2.0, "Public sector, due process."),
    "25": (1.5, "Public institutions and accreditation."),
    "21": (1.5, "Publicly funded casework, confidentiality rules."),
    "53": (1.5, "Vehicle and safety regulation."),
}

DEFAULT_ELASTICITY_BY_MAJOR_GROUP = {
    k: v for k, (v, _) in ELASTICITY_BY_MAJOR_GROUP_SOURCES.items()
}
DEFAULT_ELASTICITY_BY_OCCUPATION = {k: v for k, (v, _) in ELASTICITY_BY_OCCUPATION_SOURCES.items()}
DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP = {
    k: v for k, (v, _) in REGULATORY_SLOWDOWN_SOURCES.items()
}
