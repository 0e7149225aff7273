"""Russia's annexation claims (2014, 2022): which units they cover and how much of them is held."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache

import pandas as pd
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.errors import BadInputError, UnknownValueError
from geodata.groups import RegionGroup
from geodata.resources import resource_path
from geodata.stats import ControlStats, controlled_area_by_group

CLAIMS_FILE = ("claims", "claims.toml")
CLAIM_COLUMNS = [
    "id", "name", "declared", "area_km2", "controlled_km2", "controlled_pct",
    "claimed_not_controlled_km2", "added_by_reconciliation_km2",
]  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """An annexation claim over whole first-level units, with when it was declared and sources."""

    id: str
    name: str
    declared: dt.date
    regions: tuple[str, ...]
    note: str
    sources: tuple[str, ...]
    name_uk: str = ""

    def title(self, language: str = "en") -> str:
        """The claim's name in ``language`` (English when there is no Ukrainian one)."""
        return self.name_uk if language == "uk" and self.name_uk else self.name


@cache
def load_claims() -> tuple[Claim, ...]:
    """The bundled claims, oldest first (``resources/claims/claims.toml``).

    >>> [(c.id, c.declared.isoformat(), len(c.regions)) for c in load_claims()]
    [('crimea-2014', '2014-03-18', 2), ('annexed-2022', '2022-09-30', 4)]
    """
    path = resource_path(*CLAIMS_FILE)
    with open(path, "rb") as file:
        data = tomllib.load(file)
    codes = set(load_boundaries().codes)
    claims = []
    for entry in data["claims"]:
        unknown = [code for code in entry["regions"] if code not in codes]
        if unknown:
            raise BadInputError(path, f"claim {entry['id']!r} names unknown regions {unknown}")
        claims.append(
            Claim(
                id=entry["id"],
                name=entry["name"],
                declared=entry["declared"],
                regions=tuple(entry["regions"]),
                note=entry.get("note", ""),
                sources=tuple(entry.get("sources", ())),
                name_uk=entry.get("name_uk", ""),
            )
        )
    return tuple(sorted(claims, key=lambda claim: claim.declared))


def get_claim(claim_id: str) -> Claim:
    """The claim with this id, or an error listing the ids."""
    for claim in load_claims():
        if claim.id == claim_id:
            return claim
    raise UnknownValueError("claim", claim_id, [c.id for c in load_claims()])


def claim_geometry(claim: Claim, boundaries: BoundarySet | None = None) -> shapely.Geometry:
    """The claimed territory in WGS84: the union of the claim's units.

    >>> round(claim_geometry(get_claim("crimea-2014")).bounds[1], 1)
    44.4
    """
    boundaries = boundaries or load_boundaries()
    rows = [boundaries.row_of(code) for code in claim.regions]
    return shapely.union_all(boundaries.units.geometry.to_numpy()[rows])


def claim_figures(stats: ControlStats, claims: tuple[Claim, ...] | None = None) -> pd.DataFrame:
    """How much of each claim is occupied: area, occupied km² and %, claimed but not occupied km².

    The claims cover whole units, so the figures are sums of the per-unit statistics.

    >>> from geodata.control import ControlLayer
    >>> from geodata.stats import compute_stats
    >>> b = load_boundaries()
    >>> crimea = ControlLayer(b.units.geometry[b.row_of("UA-43")], None, "test", "GeoJSON")
    >>> table = claim_figures(compute_stats(crimea, b, reconcile_km=0)).set_index("id")
    >>> round(float(table.loc["crimea-2014", "claimed_not_controlled_km2"]), 1)  # Sevastopol
    749.6
    """
    claims = load_claims() if claims is None else claims
    # A claim covers whole units, like a group: the group sums apply as they are.
    as_groups = [RegionGroup(claim.id, claim.name, claim.regions) for claim in claims]
    table = controlled_area_by_group(stats.regions, as_groups)
    table.insert(2, "declared", [claim.declared for claim in claims])
    table["claimed_not_controlled_km2"] = table["area_km2"] - table["controlled_km2"]
    return table[CLAIM_COLUMNS]
