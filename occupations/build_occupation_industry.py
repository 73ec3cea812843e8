"""Occupation -> industry output shares (which industries' output an occupation produces).

No occupation x industry employment matrix is available (``../shared/data``
README §8), so the table is built from two documented sources:

1. **SOC rules** (``occupation_industry_rules.csv``, hand-written, one rationale per
   row): the longest matching SOC prefix (major ``29-``, minor ``29-1``, broad
   ``29-114`` or detailed ``29-1141``) gives weights over BEA industry ids, over
   ``economy`` (all 63 industries by 2023 labour compensation, a proxy for where
   people work) or over a sector group (same weights within the group).
2. **BLS EP Table 1.12** names, for 428 occupations, the industries where BLS
   expects the occupation's share to change; these are industries where the
   occupation matters.  NEM industry codes (NAICS 2022) are mapped to BEA
   industries; named industries get ``TABLE_112_WEIGHT`` of the occupation in
   equal parts, the SOC rule the rest.  "Total employment" rows add nothing.

Shares below ``MIN_SHARE`` are dropped and the rest renormalised to sum to 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from occupations.build_industry_elasticity import NONMARKET_INDUSTRIES, SECTOR_GROUPS

RULES_FILE = Path(__file__).with_name("occupation_industry_rules.csv")
EP_WORKBOOK = Path("bls_employment_projections/bls_ep_occupation_2022-32.xlsx")
EP_SHEET = "Table 1.12"
TABLE_112_WEIGHT = 0.5
"""Share of an occupation given, in equal parts, to the industries Table 1.12 names."""
MIN_SHARE = 0.005
"""Shares below this (0.5%) are dropped before renormalising, to keep the table compact."""
ECONOMY = "economy"
ALIASES = {
    "manufacturing": SECTOR_GROUPS["manufacturing_durable"]
    + SECTOR_GROUPS["manufacturing_nondurable"]
}
"""Allocation keys that name a union of sector groups."""
TOTAL_EMPLOYMENT_CODE = "TE1000"
NEM_SPECIAL = {"999100": 62, "999200": 63, "999300": 63, "491000": 62}
"""NEM codes outside NAICS: federal, state and local government; the Postal Service
(a federal government enterprise in the BEA accounts)."""
PUBLIC_OWNERSHIP_SUFFIXES = ("2", "3")
"""NEM education and hospital codes end in 2 (state) or 3 (local): state and local government."""
NAICS_PREFIX_TO_INDUSTRY: dict[str, int] = {
    "111": 1, "112": 1, "113": 2, "114": 2, "115": 2, "211": 3, "212": 4, "213": 5,
    "22": 6, "23": 7, "321": 8, "327": 9, "331": 10, "332": 11, "333": 12, "334": 13,
    "335": 14, "3361": 15, "3362": 15, "3363": 15, "3364": 16, "3365": 16, "3366": 16,
    "3369": 16, "337": 17, "339": 18, "311": 19, "312": 19, "313": 20, "314": 20,
    "315": 21, "316": 21, "322": 22, "323": 23, "324": 24, "325": 25, "326": 26,
    "42": 27, "44": 28, "45": 28, "481": 29, "482": 30, "483": 31, "484": 32, "485": 33,
    "486": 34, "487": 35, "488": 35, "492": 35, "493": 36, "511": 37, "513": 37,
    "512": 38, "515": 39, "516": 39, "517": 39, "518": 40, "519": 40, "521": 41,
    "522": 41, "523": 42, "524": 43, "525": 44, "531": 45, "532": 46, "533": 46,
    "5411": 47, "5415": 48, "5412": 49, "5413": 49, "5414": 49, "5416": 49, "5417": 49,
    "5418": 49, "5419": 49, "55": 50, "561": 51, "562": 52, "61": 53, "621": 54,
    "622": 55, "623": 55, "624": 56, "711": 57, "712": 57, "713": 58, "721": 59,
    "722": 60, "81": 61,
}  # fmt: skip
"""NAICS prefix -> BEA industry id (the BEA codes in ``BEA_BLS_industry_lp.csv``, e.g.
``5412OP`` = 5412-5414 and 5416-5419; NAICS 2022 moved publishing to 513 and
broadcasting to 516, both mapped here)."""


def read_rules(path: Path = RULES_FILE) -> dict[str, dict[str, float]]:
    """Parse the rules file into ``{soc_prefix: {key: weight}}`` (weights normalised)."""
    frame = pd.read_csv(path, dtype=str)
    rules = {}
    for prefix, allocation in zip(frame["soc_prefix"], frame["allocation"], strict=True):
        parts = dict(item.split("=") for item in allocation.split())
        weights = {key: float(value) for key, value in parts.items()}
        if min(weights.values()) <= 0:
            raise ValueError(f"{path}: soc_prefix {prefix}: weights must be > 0, got {allocation}")
        total = sum(weights.values())
        rules[prefix] = {key: value / total for key, value in weights.items()}
    return rules


def key_shares(key: str, labour: pd.Series) -> pd.Series:
    """Industry shares of one allocation key (an industry id, ``economy`` or a group)."""
    if key.isdigit():
        if int(key) not in labour.index:
            raise ValueError(f"{RULES_FILE.name}: unknown industry id {key}")
        return pd.Series({int(key): 1.0})
    if key == ECONOMY:
        members = tuple(labour.index)
    elif key in ALIASES or key in SECTOR_GROUPS:
        members = ALIASES.get(key) or SECTOR_GROUPS[key]
    else:
        raise ValueError(f"{RULES_FILE.name}: unknown allocation key {key!r}")
    weights = labour.loc[list(members)]
    return weights / weights.sum()


def rule_for(code: str, rules: dict[str, dict[str, float]]) -> str:
    """The longest SOC prefix in ``rules`` that ``code`` starts with."""
    matches = [prefix for prefix in rules if code.startswith(prefix)]
    if not matches:
        raise ValueError(f"occupation {code} matches no soc_prefix in {RULES_FILE.name}")
    return max(matches, key=len)


def nem_industry(code: str) -> int | None:
    """BEA industry id of a NEM industry code; ``None`` for total employment."""
    if code == TOTAL_EMPLOYMENT_CODE:
        return None
    if code in NEM_SPECIAL:
        return NEM_SPECIAL[code]
    if code[:3] in {"611", "622"} and code.endswith(PUBLIC_OWNERSHIP_SUFFIXES):
        return NONMARKET_INDUSTRIES[1]
    matches = [p for p in NAICS_PREFIX_TO_INDUSTRY if code.startswith(p)]
    if not matches:
        raise ValueError(f"{EP_WORKBOOK}: NEM industry code {code} has no NAICS prefix mapping")
    return NAICS_PREFIX_TO_INDUSTRY[max(matches, key=len)]


def table_112_industries(raw: Path) -> dict[str, list[int]]:
    """Occupation code -> sorted distinct BEA industries named in EP Table 1.12."""
    path = raw / EP_WORKBOOK
    frame = pd.read_excel(path, sheet_name=EP_SHEET, header=1, dtype=str)
    frame = frame.iloc[:, [1, 3]].dropna()
    frame.columns = ["occupation_code", "nem_industry"]
    frame["industry_id"] = [nem_industry(c.strip()) for c in frame["nem_industry"]]
    named = frame.dropna(subset=["industry_id"])
    return {
        code: sorted({int(i) for i in group["industry_id"]})
        for code, group in named.groupby("occupation_code")
    }


def occupation_shares(
    codes: pd.Series, labour: pd.Series, named: dict[str, list[int]]
) -> pd.DataFrame:
    """Long table ``occupation_code, industry_id, share`` for every code (see module doc)."""
    rules = read_rules()
    rows = []
    for code in sorted(codes):
        rule = rules[rule_for(code, rules)]
        parts = [w * key_shares(k, labour) for k, w in rule.items()]
        shares = pd.concat(parts).groupby(level=0).sum()
        if code in named:
            extra = pd.Series(1.0 / len(named[code]), index=named[code])
            shares = shares.mul(1 - TABLE_112_WEIGHT).add(extra * TABLE_112_WEIGHT, fill_value=0)
        shares = shares[shares >= MIN_SHARE]
        shares = shares / shares.sum()
        rows += [(code, int(i), float(s)) for i, s in shares.sort_index().items()]
    return pd.DataFrame(rows, columns=["occupation_code", "industry_id", "share"])
