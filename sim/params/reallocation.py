"""Reallocation block: the occupational mobility network and search and matching on it."""

from __future__ import annotations

from sim.params._base import ParamBlock
from sim.params._field import param


class ReallocationParams(ParamBlock):
    """How the mobility network is built and how the unemployed search along it."""

    self_loop_share: float = param(
        0.55,
        unit="share",
        ge=0.0,
        lt=1.0,
        description=(
            "Share of an unemployed worker's application weight on their last occupation; "
            "the rest goes along its out-edges in proportion to edge weight x vacancies."
        ),
        source=(
            "del Rio-Chanona et al. (2021, J. R. Soc. Interface 18: 20200898) give every "
            "occupation of their CPS-based mobility network the same self-loop r = 0.5503, "
            "applied exactly as here (applications in proportion to A_ij v_j; value read in "
            "their replication code, dRC_Replication/code/*.py of github.com/ebbam/"
            "transition_abm; its derivation from the CPS was not re-done here). With it the "
            "share of re-employed unemployed who change SOC major group is about 17%, "
            "against 44% in the SIPP (Carrillo-Tudela & Visschers 2023; docs/validation.md: "
            "the O*NET network keeps about half of all moves to other occupations within the "
            "major group)."
        ),
    )
    skill_neighbours: int = param(
        10,
        unit="occupations",
        ge=0,
        le=100,
        description=(
            "Out-edges added from each occupation to its most skill-similar occupations "
            "(cosine similarity of centred O*NET skill-importance vectors)."
        ),
        source=(
            "Assumption: about the number of O*NET 'primary' related occupations (10), so "
            "imputed rows and ENTR-0001, which O*NET lists nothing for, get as many edges."
        ),
    )
    skill_edge_weight: float = param(
        0.5,
        unit="relatedness per unit cosine",
        ge=0.0,
        le=1.0,
        description=(
            "Weight of a skill-similarity edge per unit of cosine similarity, on the scale "
            "of O*NET relatedness (0, 1]; an edge in both keeps the larger weight."
        ),
        source="Assumption: a skill-similar occupation counts like a mid-ranked O*NET relative.",
    )
    negligible_pool_persons: float = param(
        0.001,
        unit="persons",
        ge=0.0,
        le=1.0,
        description=(
            "An occupation's unemployed pool smaller than this after a step is closed: its "
            "members leave the labour force (counted with the unemployed's exits). 0 keeps "
            "every pool until it underflows."
        ),
        source=(
            "Numerical, not behavioural: a pool with no new layoffs shrinks by a constant "
            "share each step and never reaches zero, so without a floor matching keeps "
            "visiting occupations with a billionth of a worker (in the baseline's AI world "
            "180 occupations have a pool on average, 115 have a thousandth of a person or "
            "more). A thousandth of a person per occupation is far below what the data "
            "resolve."
        ),
    )
    long_term_unemployment_weeks: float = param(
        27.0,
        unit="weeks",
        gt=0.0,
        le=520.0,
        description="Unemployment duration from which a worker counts as long-term unemployed.",
        source="BLS definition of long-term unemployment (27 weeks or more).",
    )
