"""Build the committed occupation tables from the raw public data.

Usage::

    python occupations/build.py [--raw ../shared/data] [--out occupations]

Reads only the raw files under ``--raw`` (see ``occupations/SOURCES.md``),
writes ``occupations.csv``, ``tasks.csv.gz``, ``transitions.csv.gz`` and ``skills.csv.gz`` to
``--out`` byte-deterministically, reads them back through
:func:`sim.data.load_occupation_tables` (schema validation and
cross-table checks) and prints a short build report.  The steps live in the
``build_*`` helper modules next to this script: spine (OEWS + O*NET links),
tasks (DWA family shares, Eloundou labels), criteria (five scores), task
criteria (each task's own three scores), external (Frey-Osborne, BLS
projections), entrepreneurs and transitions; ``build_elasticity`` then writes
the industry and occupation demand elasticities (``docs/elasticity.md``).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from occupations import (  # noqa: E402
    build_criteria,
    build_elasticity,
    build_entrepreneurs,
    build_external,
    build_io,
    build_skills,
    build_spine,
    build_task_criteria,
    build_tasks,
    build_transitions,
)
from sim.data import (  # noqa: E402
    ASSUMPTION_SOURCE,
    OCCUPATIONS_FILE,
    OCCUPATIONS_SCHEMA,
    ONET_CRITERIA_SOURCES,
    SKILLS_FILE,
    SKILLS_SCHEMA,
    TASKS_FILE,
    TASKS_SCHEMA,
    TRANSITIONS_FILE,
    TRANSITIONS_SCHEMA,
    load_occupation_tables,
)

DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "occupations"
MAX_BORROWED_DONORS = 3
"""Imputed occupations borrow the tasks of at most this many siblings (largest employment)."""
EXACT_COLUMNS = ("employment", "mean_wage", "median_wage")
"""Columns written with ``build_io.EXACT_FLOAT_FORMAT`` (persons, USD/year)."""


@dataclass(frozen=True)
class BuildResult:
    """The four output tables and the figures of the build report."""

    occupations: pd.DataFrame
    tasks: pd.DataFrame
    transitions: pd.DataFrame
    skills: pd.DataFrame
    stats: dict[str, object] = field(default_factory=dict)


def build_tables(raw: Path) -> BuildResult:
    """Derive the occupations, tasks and transitions tables from ``raw``.

    Parameters
    ----------
    raw
        The shared data directory (``shared/data``).

    Returns
    -------
    BuildResult
        Tables in schema column order, sorted, plus report statistics.
    """
    spine = build_spine.oews_spine(build_spine.read_oews(raw), build_spine.read_soc_structure(raw))
    links = build_spine.onet_links(raw, spine["occupation_code"])
    onet_tasks = build_tasks.onet_tasks(raw)
    onet_components = build_criteria.onet_components(raw, build_tasks.occupation_shares(onet_tasks))
    own_links = links[links["onet_code"].isin(onet_components.index)]
    measured = build_criteria.aggregate_children(onet_components, own_links)
    components, donors = build_criteria.impute_from_groups(measured, spine)
    entr_links = build_entrepreneurs.entrepreneur_links(own_links)
    entr_components = build_criteria.aggregate_children(onet_components, entr_links)
    rows = pd.concat([spine, build_entrepreneurs.entrepreneur_row(spine)], ignore_index=True)
    components = pd.concat([components, entr_components]).loc[rows["occupation_code"]]
    occupations = _occupation_frame(rows, components, own_links, donors)
    stats: dict[str, object] = {"unlinked_tasks": _unlinked_count(raw, onet_tasks)}
    occupations = _add_external(occupations, raw, links, spine, stats)
    task_links = _task_links(own_links, entr_links, donors, spine)
    tasks = _task_table(task_links, onet_tasks)
    tasks = build_task_criteria.add_own_scores(raw, tasks, onet_components["technology_log_count"])
    occupations["n_tasks"] = _task_counts(occupations, tasks)
    edges = build_transitions.transitions(raw, links)
    skills = build_skills.skill_table(raw, links, entr_links, spine)
    return BuildResult(
        occupations=occupations[OCCUPATIONS_SCHEMA.column_names].sort_values(
            "occupation_code", ignore_index=True
        ),
        tasks=tasks[TASKS_SCHEMA.column_names],
        transitions=edges[TRANSITIONS_SCHEMA.column_names],
        skills=skills[SKILLS_SCHEMA.column_names],
        stats=stats,
    )


def _occupation_frame(
    rows: pd.DataFrame, components: pd.DataFrame, own_links: pd.DataFrame, donors: pd.DataFrame
) -> pd.DataFrame:
    """Spine rows + criteria scores, job zone, Eloundou betas and criteria_source."""
    values = components.reset_index(drop=True)
    values["log_employment"] = np.log(rows["employment"].to_numpy())
    values["log_wage_bill"] = np.log((rows["employment"] * rows["mean_wage"]).to_numpy())
    reference = (rows["source"] != ASSUMPTION_SOURCE).reset_index(drop=True)
    scores = build_criteria.criteria_scores(values, reference)
    out = pd.concat([rows.reset_index(drop=True), scores], axis=1)
    for name in ("job_zone", "eloundou_beta_gpt4", "eloundou_beta_human"):
        out[name] = values[name].to_numpy()
    out["criteria_source"] = _criteria_source(out["occupation_code"], own_links, donors)
    return out


def _criteria_source(codes: pd.Series, own_links: pd.DataFrame, donors: pd.DataFrame) -> list[str]:
    link_kind = own_links.groupby("occupation_code")["link"].agg(
        lambda kinds: (
            build_spine.LINK_OWN
            if (kinds == build_spine.LINK_OWN).any()
            else build_spine.LINK_CHILDREN
        )
    )
    imputed = donors["criteria_source"] if len(donors) else pd.Series(dtype=str)
    return [link_kind.get(code, imputed.get(code, ASSUMPTION_SOURCE)) for code in codes]


def _add_external(
    occupations: pd.DataFrame,
    raw: Path,
    links: pd.DataFrame,
    spine: pd.DataFrame,
    stats: dict[str, object],
) -> pd.DataFrame:
    """Add Frey-Osborne and BLS projections columns (entrepreneurs: documented rules)."""
    mapping = build_spine.soc2018_to_oews(links, spine["occupation_code"])
    matched = build_external.frey_osborne_matched(raw, mapping)
    fo = build_external.impute_frey_osborne(matched, spine)
    donors = list(build_entrepreneurs.ENTREPRENEUR_TASK_DONORS)
    fo.loc[build_entrepreneurs.ENTREPRENEUR_CODE] = pd.Series(
        {
            "frey_osborne_probability": fo.loc[donors, "frey_osborne_probability"].mean(),
            "frey_osborne_source": ASSUMPTION_SOURCE,
        }
    )
    ep, n_filled = build_external.employment_projections(raw, spine)
    stats["ep_values_filled"] = n_filled
    ep.loc[build_entrepreneurs.ENTREPRENEUR_CODE] = build_external.major_group_median(
        ep, spine, build_entrepreneurs.ENTREPRENEUR_MAJOR_GROUP
    )
    return occupations.join(fo, on="occupation_code").join(ep, on="occupation_code")


def _task_links(
    own_links: pd.DataFrame, entr_links: pd.DataFrame, donors: pd.DataFrame, spine: pd.DataFrame
) -> pd.DataFrame:
    """Occupation -> O*NET code pairs whose tasks go into the tasks table."""
    employment = spine.set_index("occupation_code")["employment"]
    borrowed = []
    for code, donor_codes in donors["donor_codes"].items():
        ranked = sorted(donor_codes, key=lambda c: (-employment[c], c))[:MAX_BORROWED_DONORS]
        lenders = own_links[own_links["occupation_code"].isin(ranked)]
        borrowed.append(lenders.assign(occupation_code=code))
    frames = [own_links.assign(borrowed=False)]
    frames += [frame.assign(borrowed=True) for frame in [*borrowed, entr_links]]
    return pd.concat(frames, ignore_index=True)[["occupation_code", "onet_code", "borrowed"]]


def _task_table(task_links: pd.DataFrame, onet_tasks: pd.DataFrame) -> pd.DataFrame:
    tasks = task_links.merge(onet_tasks, on="onet_code", how="inner", validate="m:m")
    return tasks.sort_values(["occupation_code", "onet_code", "task_id"], ignore_index=True)


def _task_counts(occupations: pd.DataFrame, tasks: pd.DataFrame) -> np.ndarray:
    counts = tasks.groupby("occupation_code").size()
    return counts.reindex(occupations["occupation_code"], fill_value=0).to_numpy(np.int64)


def _unlinked_count(raw: Path, onet_tasks: pd.DataFrame) -> int:
    linked = build_tasks.task_family_shares(raw)
    return len(onet_tasks) - len(linked)


def write_tables(result: BuildResult, out: Path) -> None:
    """Write the four tables deterministically into ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    exact = dict.fromkeys(EXACT_COLUMNS, build_io.EXACT_FLOAT_FORMAT)
    build_io.write_csv(result.occupations, out / OCCUPATIONS_FILE, exact)
    build_io.write_csv(result.tasks, out / TASKS_FILE, build_task_criteria.OWN_FORMATS)
    build_io.write_csv(result.transitions, out / TRANSITIONS_FILE)
    build_io.write_csv(result.skills, out / SKILLS_FILE)


def build_report(result: BuildResult, out: Path, seconds: float) -> str:
    """Short text report: counts, coverage, imputation, sizes, time."""
    occ = result.occupations
    oews = occ[occ["source"] != ASSUMPTION_SOURCE]
    own = oews["criteria_source"].isin(ONET_CRITERIA_SOURCES)
    share = oews.loc[own, "employment"].sum() / oews["employment"].sum()
    fo_real = oews["frey_osborne_source"].isin(build_external.ROUTE_PRIORITY)
    lines = [
        f"occupations: {len(occ)} rows ({len(oews)} OEWS, {len(occ) - len(oews)} assumption)",
        f"  criteria from own O*NET data: {int(own.sum())} codes, {share:.1%} of OEWS employment",
        f"  criteria_source: {_counts(occ['criteria_source'])}",
        f"  frey_osborne_source: {_counts(occ['frey_osborne_source'])}",
        f"  Frey-Osborne on OEWS codes: {int(fo_real.sum())} matched, "
        f"{int((~fo_real).sum())} imputed",
        f"  wage_source: {_counts(occ['wage_source'])}",
        f"  BLS EP values filled with major-group medians: {result.stats['ep_values_filled']} "
        f"on OEWS codes (+ the entrepreneurs row)",
        f"tasks: {len(result.tasks)} rows ({int(result.tasks['borrowed'].sum())} borrowed, "
        f"{int(result.tasks['eloundou_imputed'].sum())} with imputed Eloundou labels; "
        f"{result.stats['unlinked_tasks']} O*NET tasks without DWA link got occupation means)",
        f"transitions: {len(result.transitions)} edges ({_counts(result.transitions['origin'])})",
        "files: " + ", ".join(f"{p.name} {p.stat().st_size / 1e3:,.0f} kB" for p in _outputs(out)),
        f"build time: {seconds:.1f} s",
    ]
    return "\n".join(lines)


def _counts(values: pd.Series) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.value_counts().sort_index().items())


def _outputs(out: Path) -> list[Path]:
    return [out / OCCUPATIONS_FILE, out / TASKS_FILE, out / TRANSITIONS_FILE, out / SKILLS_FILE]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse ``--raw`` and ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="shared data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build, write, validate and report; return the process exit status."""
    args = parse_args(argv)
    if not args.raw.is_dir():
        print(f"raw data directory not found: {args.raw}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    result = build_tables(args.raw)
    write_tables(result, args.out)
    elasticities = build_elasticity.build_elasticity_tables(
        args.raw, result.occupations["occupation_code"]
    )
    build_elasticity.write_elasticity_tables(elasticities, args.out)
    load_occupation_tables(args.out)
    print(build_report(result, args.out, time.perf_counter() - start))
    print(build_elasticity.elasticity_report(elasticities))
    return 0


if __name__ == "__main__":
    sys.exit(main())
