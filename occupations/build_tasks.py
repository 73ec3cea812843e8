"""O*NET tasks with work-activity family shares and Eloundou exposure labels.

Each O*NET 29.3 task is linked to detailed work activities (DWAs,
``tasks_to_dwas.csv``); each DWA belongs to one generalized work activity
(GWA, ``dwa_reference.csv``).  For a task and a family F of GWAs,

    share_F(task) = (number of the task's DWA links whose GWA, or IWA, is in F)
                    / (number of the task's DWA links).

Families may overlap (a DWA can count in several).

Tasks without any DWA link (301 of 18,796) take the mean share of the linked
tasks of the same O*NET occupation.  Task exposure labels (E0/E1/E2) come from
Eloundou et al. ``full_labelset.tsv``; the 45 tasks added to O*NET after that
labelling take the most common label of their occupation's labelled tasks
(ties to the lower label) and are flagged ``eloundou_imputed``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.data import ELOUNDOU_LABELS, TASK_TYPE_WEIGHT
from sim.errors import DataValidationError

TASK_FILE = Path("onet/v29_3/task_statements.csv")
TASK_DWA_FILE = Path("onet/v29_3/tasks_to_dwas.csv")
DWA_FILE = Path("onet/v29_3/dwa_reference.csv")
CONTENT_MODEL_FILE = Path("onet/v29_3/content_model_reference.csv")
IWA_FILE = Path("onet/v29_3/iwa_reference.csv")
LABEL_FILE = Path("eloundou_gpts_are_gpts/full_labelset.tsv")

ONET_TASK_TYPES = {"Core": "core", "Supplemental": "supplemental", "": "unrated"}
"""O*NET ``Task Type`` text -> ``task_type`` value (blank = analyst-rated, no type)."""

PHYSICAL_GWAS = {
    "4.A.3.a.1": "Performing General Physical Activities",
    "4.A.3.a.2": "Handling and Moving Objects",
    "4.A.3.a.3": "Controlling Machines and Processes",
    "4.A.3.a.4": "Operating Vehicles, Mechanized Devices, or Equipment",
    "4.A.3.b.4": "Repairing and Maintaining Mechanical Equipment",
    "4.A.3.b.5": "Repairing and Maintaining Electronic Equipment",
    "4.A.1.b.2": "Inspecting Equipment, Structures, or Materials",
}
"""Work done with the body, on physical objects or machines (no DWA maps to 4.A.3.b.5)."""

HANDS_ON_CARE_IWAS = {
    "4.A.4.a.5.I02": "Administer therapeutic treatments.",
    "4.A.4.a.5.I03": "Administer basic health care or medical treatments.",
    "4.A.4.a.5.I04": "Care for plants or animals.",
    "4.A.4.a.5.I05": "Intervene in crisis situations or emergencies.",
    "4.A.4.a.5.I06": "Fit assistive devices to patients or clients.",
    "4.A.4.a.5.I07": "Administer emergency medical treatment.",
    "4.A.4.a.5.I09": "Assist individuals with special needs.",
    "4.A.4.a.5.I11": "Assist healthcare practitioners during medical procedures.",
    "4.A.4.a.5.I12": "Treat injuries, illnesses, or diseases.",
}
"""Intermediate work activities of "Assisting and Caring for Others" done on a body.

Their DWAs (give medications, position patients, feed patients, treat
injuries, rescue people, care for animals) need physical presence, so they also
count as physical work; O*NET files them under an interpersonal GWA only.  The
other IWAs of that GWA (referrals, paperwork, general customer assistance) do
not count as physical.
"""

INTERPERSONAL_GWAS = {
    "4.A.4.a.4": "Establishing and Maintaining Interpersonal Relationships",
    "4.A.4.a.5": "Assisting and Caring for Others",
    "4.A.4.a.7": "Resolving Conflicts and Negotiating with Others",
    "4.A.4.a.8": "Performing for or Working Directly with the Public",
    "4.A.4.b.3": "Training and Teaching Others",
    "4.A.4.b.5": "Coaching and Developing Others",
}
"""Face-to-face care, service, relationship and teaching work.

Training and Teaching Others is included: its DWAs are mostly classroom and
patient/client instruction done in person.  Selling or Influencing Others and
Guiding, Directing, and Motivating Subordinates are excluded: persuasion at a
distance (telemarketing) and supervision are not care or contact work.
"""

DATA_GWAS = {
    "4.A.1.a.1": "Getting Information",
    "4.A.2.a.2": "Processing Information",
    "4.A.2.a.4": "Analyzing Data or Information",
    "4.A.3.b.1": "Working with Computers",
    "4.A.3.b.6": "Documenting/Recording Information",
}
"""Work whose inputs and outputs are information, usually recorded digitally.

Getting Information is included: its DWAs are mostly research, reviewing
documents, records, blueprints and specifications, and investigating, i.e.
work on text and records that largely exist in digital form (a minority are
field observations, e.g. examining crime scenes).
"""

ROUTINE_INFO_GWAS = {
    "4.A.2.a.2": "Processing Information",
    "4.A.2.a.3": "Evaluating Information to Determine Compliance with Standards",
    "4.A.3.b.1": "Working with Computers",
    "4.A.3.b.6": "Documenting/Recording Information",
    "4.A.4.c.1": "Performing Administrative Activities",
}
"""Rule-following information work: compiling, checking, recording, paperwork.

Performing Administrative Activities is added ("maintaining information files
and processing paperwork", O*NET content model); Analyzing Data and Getting
Information are not (interpretation rather than a fixed procedure).
"""

GWA_FAMILIES = {
    "routine_info_share": ROUTINE_INFO_GWAS,
    "data_share": DATA_GWAS,
    "physical_share": PHYSICAL_GWAS,
    "interpersonal_share": INTERPERSONAL_GWAS,
}
"""Task-level share column -> GWA family (Element ID -> Element Name)."""
IWA_FAMILIES = {"physical_share": HANDS_ON_CARE_IWAS}
"""Task-level share column -> extra IWAs (IWA ID -> title) counted in the family."""
SHARE_COLUMNS = tuple(GWA_FAMILIES)


def check_family_names(raw: Path) -> None:
    """Check every GWA and IWA family entry against the O*NET reference files.

    Raises
    ------
    DataValidationError
        If an Element ID or IWA ID is unknown or its name differs from the constant.
    """
    gwa_names = pd.read_csv(raw / CONTENT_MODEL_FILE, dtype=str).set_index("Element ID")
    iwa_names = pd.read_csv(raw / IWA_FILE, dtype=str).set_index("IWA ID")
    _check_names(GWA_FAMILIES, gwa_names["Element Name"], CONTENT_MODEL_FILE)
    _check_names(IWA_FAMILIES, iwa_names["IWA Title"], IWA_FILE)


def _check_names(families: dict[str, dict[str, str]], names: pd.Series, path: Path) -> None:
    for column, family in families.items():
        for identifier, name in family.items():
            if names.get(identifier) != name:
                raise DataValidationError(
                    f"{path}: {identifier} of {column} is {names.get(identifier)!r}, "
                    f"expected {name!r}"
                )


def read_tasks(raw: Path) -> pd.DataFrame:
    """Read O*NET 29.3 task statements.

    Returns
    -------
    pandas.DataFrame
        ``onet_code``, ``task_id`` (int), ``task_type`` (core/supplemental/
        unrated), ``task`` (text) and ``weight`` (from ``TASK_TYPE_WEIGHT``).
    """
    source = pd.read_csv(raw / TASK_FILE, dtype=str, keep_default_na=False)
    unknown = set(source["Task Type"]) - set(ONET_TASK_TYPES)
    if unknown:
        raise DataValidationError(f"{TASK_FILE}: unknown Task Type values {sorted(unknown)}")
    task_type = source["Task Type"].map(ONET_TASK_TYPES)
    return pd.DataFrame(
        {
            "onet_code": source["O*NET-SOC Code"],
            "task_id": source["Task ID"].astype(int),
            "task_type": task_type,
            "task": source["Task"].str.strip(),
            "weight": task_type.map(TASK_TYPE_WEIGHT).astype(float),
        }
    )


def task_family_shares(raw: Path) -> pd.DataFrame:
    """Share of each linked task's DWA links in each GWA family.

    Returns
    -------
    pandas.DataFrame
        ``onet_code``, ``task_id`` and one column per ``SHARE_COLUMNS`` in
        [0, 1]; only tasks with at least one DWA link.
    """
    links = pd.read_csv(raw / TASK_DWA_FILE, dtype=str)
    links = links[["O*NET-SOC Code", "Task ID", "DWA ID"]].drop_duplicates()
    dwas = pd.read_csv(raw / DWA_FILE, dtype=str).set_index("DWA ID")
    element = links["DWA ID"].map(dwas["Element ID"])
    iwa = links["DWA ID"].map(dwas["IWA ID"])
    if element.isna().any():
        missing = sorted(links.loc[element.isna(), "DWA ID"].unique())[:5]
        raise DataValidationError(f"{TASK_DWA_FILE}: DWA IDs absent from {DWA_FILE}: {missing}")
    indicators = pd.DataFrame(
        {
            column: (element.isin(family) | iwa.isin(IWA_FAMILIES.get(column, {}))).astype(float)
            for column, family in GWA_FAMILIES.items()
        }
    )
    indicators["onet_code"] = links["O*NET-SOC Code"].to_numpy()
    indicators["task_id"] = links["Task ID"].astype(int).to_numpy()
    return indicators.groupby(["onet_code", "task_id"], as_index=False)[list(SHARE_COLUMNS)].mean()


def attach_shares(tasks: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Add family shares to tasks; unlinked tasks get their occupation's mean.

    Raises
    ------
    DataValidationError
        If an O*NET occupation has tasks but none of them is linked to a DWA.
    """
    merged = tasks.merge(shares, on=["onet_code", "task_id"], how="left", validate="1:1")
    means = merged.groupby("onet_code")[list(SHARE_COLUMNS)].transform("mean")
    filled = merged[list(SHARE_COLUMNS)].fillna(means)
    if filled.isna().any().any():
        codes = sorted(merged.loc[filled.isna().any(axis=1), "onet_code"].unique())
        raise DataValidationError(f"{TASK_DWA_FILE}: no DWA-linked task for {codes}")
    merged[list(SHARE_COLUMNS)] = filled
    return merged


def read_labels(raw: Path) -> pd.DataFrame:
    """Read Eloundou et al. task exposure labels.

    Returns
    -------
    pandas.DataFrame
        ``onet_code``, ``task_id`` (int), ``eloundou_human`` (from
        ``human_exposure_agg``) and ``eloundou_gpt4`` (from ``gpt4_exposure``).
    """
    labels = pd.read_csv(raw / LABEL_FILE, sep="\t", dtype=str, keep_default_na=False)
    out = pd.DataFrame(
        {
            "onet_code": labels["O*NET-SOC Code"],
            "task_id": labels["Task ID"].astype(float).astype(int),
            "eloundou_human": labels["human_exposure_agg"],
            "eloundou_gpt4": labels["gpt4_exposure"],
        }
    )
    for column in ("eloundou_human", "eloundou_gpt4"):
        unknown = set(out[column]) - set(ELOUNDOU_LABELS)
        if unknown:
            raise DataValidationError(f"{LABEL_FILE}: {column} values {sorted(unknown)}")
    return out


def attach_labels(tasks: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Add exposure labels; unlabelled tasks get their occupation's modal label.

    Ties between labels go to the lower exposure label (E0 < E1 < E2).  Filled
    rows are flagged ``eloundou_imputed``.
    """
    merged = tasks.merge(labels, on=["onet_code", "task_id"], how="left", validate="1:1")
    merged["eloundou_imputed"] = merged["eloundou_human"].isna()
    for column in ("eloundou_human", "eloundou_gpt4"):
        modal = merged.groupby("onet_code")[column].agg(_modal_label)
        merged[column] = merged[column].fillna(merged["onet_code"].map(modal))
    return merged


def _modal_label(labels: pd.Series) -> str:
    counts = labels.dropna().value_counts()
    if counts.empty:
        return ELOUNDOU_LABELS[0]
    best = counts.max()
    return min(label for label, count in counts.items() if count == best)


def onet_tasks(raw: Path) -> pd.DataFrame:
    """All O*NET tasks with type weights, family shares and exposure labels.

    Returns
    -------
    pandas.DataFrame
        One row per O*NET task, sorted by ``onet_code``, ``task_id``.
    """
    check_family_names(raw)
    tasks = attach_shares(read_tasks(raw), task_family_shares(raw))
    tasks = attach_labels(tasks, read_labels(raw))
    return tasks.sort_values(["onet_code", "task_id"], ignore_index=True)


def occupation_shares(tasks: pd.DataFrame) -> pd.DataFrame:
    """Task-weighted mean family shares per O*NET occupation.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``onet_code``; ``SHARE_COLUMNS`` =
        sum(weight x share) / sum(weight) over the occupation's tasks.
    """
    weighted = tasks[list(SHARE_COLUMNS)].mul(tasks["weight"], axis=0)
    weighted["onet_code"] = tasks["onet_code"]
    sums = weighted.groupby("onet_code")[list(SHARE_COLUMNS)].sum()
    weights = tasks.groupby("onet_code")["weight"].sum()
    return sums.div(weights, axis=0)
