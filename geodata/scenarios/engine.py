"""Run a proposal on a control layer: the new control, per-oblast deltas, what changes hands."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.contact_line import contact_line, contact_line_km, ukraine_equal_area
from geodata.control import ControlLayer
from geodata.figures import NEGLIGIBLE_KM2
from geodata.gazetteer import load_gazetteer, settlement_rows
from geodata.geometry import (
    from_equal_area_valid,
    intersection_by_parts,
    overlay_equal_area,
    polygonal,
    to_equal_area_valid,
)
from geodata.groups import GROUPS
from geodata.places import held_places
from geodata.reconcile import (
    DEFAULT_TOLERANCE_KM,
    reconcile_layer,
    reconciled_equal_area,
    reconciled_geometry,
)
from geodata.scenarios.operations import DemilitarizedZone
from geodata.scenarios.proposals import Proposal
from geodata.stats import (
    ADDED,
    ControlStats,
    compute_stats,
    controlled_area_by_group,
    controlled_area_by_region,
    region_table,
)

DELTA_COLUMNS = [
    "controlled_km2_before", "controlled_km2_after", "delta_km2",
    "controlled_pct_before", "controlled_pct_after", "delta_pct_points",
    ADDED,  # of the occupied km² before: what border and coast reconciliation added
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class DemilitarizedZoneResult:
    """A demilitarized zone: its geometry (WGS84) and its area per unit and side."""

    width_km: float
    geometry: shapely.Geometry
    by_region: pd.DataFrame  # code, name, occupier_side_km2, ukraine_side_km2, area_km2

    @property
    def area_km2(self) -> float:
        """The zone's whole area in km²."""
        return float(self.by_region["area_km2"].sum())


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """What a proposal does to a control layer. Areas in km², shares in %, lengths in km."""

    proposal: Proposal
    before: ControlStats
    after: ControlStats
    # WGS84: the territory the proposal starts from, as the figures count it (the
    # control areas with the border and coast slivers reconciled), to set beside the
    # territory after it (``layer_after``).
    controlled_before: shapely.Geometry
    layer_after: ControlLayer
    to_occupier: shapely.Geometry  # WGS84, inside Ukraine
    to_ukraine: shapely.Geometry
    to_occupier_km2: float
    to_ukraine_km2: float
    contact_line_before: shapely.Geometry
    contact_line_after: shapely.Geometry
    contact_line_km_before: float
    contact_line_km_after: float
    # Gazetteer places that change hands: geonameid, name, name_uk, code (region),
    # population, to ("occupier" | "ukraine"); the largest first on each side.
    places_changing_hands: pd.DataFrame
    demilitarized_zones: tuple[DemilitarizedZoneResult, ...]

    def zone_km2(self, level: str = "regions") -> pd.DataFrame | None:
        """Demilitarized-zone area per side, summed over the zones, per unit or per group.

        ``level`` is ``"regions"`` (indexed by code) or ``"groups"`` (by group id);
        columns ``occupier_side_km2``, ``ukraine_side_km2``, ``area_km2``. None
        when the proposal has no zone.
        """
        if not self.demilitarized_zones:
            return None
        columns = ["occupier_side_km2", "ukraine_side_km2", "area_km2"]
        regions = sum(
            zone.by_region.set_index("code")[columns] for zone in self.demilitarized_zones
        )
        if level == "regions":
            return regions
        return pd.DataFrame(
            [regions.loc[list(group.codes)].sum() for group in GROUPS],
            index=pd.Index([group.id for group in GROUPS], name="id"),
        )

    @property
    def regions(self) -> pd.DataFrame:
        """Per unit: code, name, area_km2 and the before / after / delta columns."""
        return _delta_table(self.before.regions, self.after.regions, "code")

    @property
    def groups(self) -> pd.DataFrame:
        """Per group: id, name, area_km2 and the before / after / delta columns."""
        return _delta_table(self.before.groups, self.after.groups, "id")


def run_proposal(
    proposal: Proposal,
    layer: ControlLayer,
    boundaries: BoundarySet | None = None,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
) -> ScenarioResult:
    """Apply a proposal's operations in order to a control layer and measure the outcome.

    The proposal starts from the occupied territory as the statistics count it:
    the control layer with its border and coast reconciliation
    (:mod:`geodata.reconcile`, tolerance ``reconcile_km``; 0 for none).

    Examples
    --------
    Ceding Luhansk oblast when nothing is held moves all of it, 26,310 km²:

    >>> from geodata.scenarios.operations import CedeRegions
    >>> nothing = ControlLayer(shapely.Polygon(), None, "test", "GeoJSON")
    >>> cede = Proposal("t", "Cede Luhansk", "test", (CedeRegions(("UA-09",)),))
    >>> result = run_proposal(cede, nothing)
    >>> round(result.to_occupier_km2), round(result.to_ukraine_km2)
    (26310, 0)
    >>> round(float(result.regions.set_index("code").loc["UA-09", "controlled_pct_after"]), 2)
    100.0
    """
    boundaries = boundaries or load_boundaries()
    before = compute_stats(layer, boundaries, reconcile_km)
    reconciliation = reconcile_layer(layer, boundaries, before.reconcile_km)
    base = reconciled_geometry(layer.controlled, reconciliation)
    # The operations overlay in the projection the figures are measured in (see
    # geodata.scenarios.operations); the results go back to WGS84 for the map.
    start = reconciled_equal_area(layer.controlled, reconciliation)
    projected = start
    zones = []
    for operation in proposal.operations:
        projected = polygonal(operation.apply(projected, boundaries))
        if isinstance(operation, DemilitarizedZone):
            here = base if projected is start else from_equal_area_valid(projected)
            zones.append(_zone_result(operation, here, boundaries))
    unchanged = projected is start  # nothing changes hands (a freeze, a zone)
    controlled = base if unchanged else from_equal_area_valid(projected)
    after_layer = ControlLayer(
        controlled, layer.date, f"{layer.source} — {proposal.name}", layer.source_format
    )
    if unchanged:  # no overlays to make
        to_occupier = to_ukraine = shapely.Polygon()
    else:
        # Polygons only: where the two share an edge, an overlay also returns its lines and
        # points, and a collection of mixed dimensions cannot be measured (ceding everything).
        to_occupier = from_equal_area_valid(overlay_equal_area("difference", projected, start))
        to_ukraine = from_equal_area_valid(overlay_equal_area("difference", start, projected))
    after = _after_stats(before, after_layer, to_occupier, to_ukraine, boundaries)
    line_before = contact_line(base, boundaries)
    line_after = line_before if unchanged else contact_line(controlled, boundaries)
    return ScenarioResult(
        proposal=proposal,
        before=before,
        after=after,
        controlled_before=base,
        layer_after=after_layer,
        to_occupier=to_occupier,
        to_ukraine=to_ukraine,
        to_occupier_km2=_area_in_ukraine_km2(to_occupier, boundaries),
        to_ukraine_km2=_area_in_ukraine_km2(to_ukraine, boundaries),
        contact_line_before=line_before,
        contact_line_after=line_after,
        contact_line_km_before=contact_line_km(line_before),
        contact_line_km_after=contact_line_km(line_after),
        places_changing_hands=_places_changing_hands(base, controlled, boundaries),
        demilitarized_zones=tuple(zones),
    )


def _after_stats(
    before: ControlStats, after_layer: ControlLayer, to_occupier, to_ukraine, boundaries
) -> ControlStats:
    """The statistics after a proposal: before, plus what passes to the occupier, minus the rest.

    Measured this way, a unit the proposal does not touch keeps its figure to
    the last digit, and before, after and the areas that change hands agree.
    """
    gained = controlled_area_by_region(to_occupier, boundaries)["controlled_km2"].to_numpy()
    lost = controlled_area_by_region(to_ukraine, boundaries)["controlled_km2"].to_numpy()
    km2 = before.regions["controlled_km2"].to_numpy() + gained - lost
    km2 = np.clip(km2, 0.0, boundaries.area_km2)
    regions = region_table(boundaries, km2)
    return ControlStats(
        after_layer.date, after_layer.source, regions, controlled_area_by_group(regions),
        reconcile_km=before.reconcile_km, credit=before.credit,
    )  # fmt: skip


def _delta_table(before: pd.DataFrame, after: pd.DataFrame, key: str) -> pd.DataFrame:
    table = before[[key, "name", "area_km2"]].copy()
    table["controlled_km2_before"] = before["controlled_km2"].to_numpy()
    table["controlled_km2_after"] = after["controlled_km2"].to_numpy()
    table["delta_km2"] = table["controlled_km2_after"] - table["controlled_km2_before"]
    table["controlled_pct_before"] = before["controlled_pct"].to_numpy()
    table["controlled_pct_after"] = after["controlled_pct"].to_numpy()
    table["delta_pct_points"] = table["controlled_pct_after"] - table["controlled_pct_before"]
    table[ADDED] = before[ADDED].to_numpy()
    return table


def _area_in_ukraine_km2(geometry, boundaries: BoundarySet) -> float:
    if geometry is None or shapely.is_empty(geometry):
        return 0.0
    inside = overlay_equal_area(
        "intersection", to_equal_area_valid(geometry), ukraine_equal_area(boundaries)
    )
    return float(shapely.area(inside)) / 1e6


def _places_changing_hands(before, after, boundaries: BoundarySet) -> pd.DataFrame:
    """Gazetteer places held before and not after, or the reverse, largest first."""
    # Decided at each place's point inside its unit: the proposal cedes and leaves units.
    held_after = held_places(after, None, boundaries, own_points=False)
    changed = np.flatnonzero(
        (held_places(before, None, boundaries, own_points=False) != held_after) & settlement_rows()
    )
    places = load_gazetteer().iloc[changed]
    now_held = held_after[changed]
    table = pd.DataFrame({
        "geonameid": places["geonameid"].to_numpy(), "name": places["name"].to_numpy(),
        "name_uk": places["name_uk"].to_numpy(), "code": places["region_code"].to_numpy(),
        "population": places["population"].to_numpy(),
        "to": np.where(now_held, "occupier", "ukraine"),
    })  # fmt: skip
    order = table.sort_values(["to", "population", "name"], ascending=[True, False, True])
    return order.reset_index(drop=True)


def _zone_result(operation: DemilitarizedZone, controlled, boundaries: BoundarySet):
    zone = operation.zone(controlled, boundaries)
    whole = controlled_area_by_region(zone, boundaries)["controlled_km2"].to_numpy()
    if shapely.is_empty(zone) or controlled is None or shapely.is_empty(controlled):
        occupier = np.zeros(len(whole))
    else:
        occupier_side = intersection_by_parts(controlled, zone)
        occupier = controlled_area_by_region(occupier_side, boundaries)["controlled_km2"]
        occupier = np.minimum(occupier.to_numpy(), whole)
    # Per unit, the Ukrainian side is the zone less its occupied side (areas add up).
    ukrainian = whole - occupier
    by_region = pd.DataFrame(
        {
            "code": boundaries.units["code"].to_numpy(),
            "name": boundaries.units["name"].to_numpy(),
            "occupier_side_km2": occupier,
            "ukraine_side_km2": ukrainian,
            "area_km2": occupier + ukrainian,
        }
    )
    return DemilitarizedZoneResult(operation.width_km, zone, by_region)


def regions_in_order(results: list[ScenarioResult]) -> pd.DataFrame:
    """The units to list for one or more proposals' results, in the order to list them.

    Units any proposal changes come first, largest total change (km², summed over
    the results) first, then units held before but unchanged (or in the first
    result's zones), by share held; units neither changed nor held are left out.
    Returns the first result's region rows (indexed by code) with ``change``.
    """
    regions = [result.regions.set_index("code") for result in results]
    first = regions[0]
    change = sum(table["delta_km2"].abs() for table in regions)
    held = first["controlled_km2_before"] > 0
    zones = results[0].zone_km2("regions") if len(results) == 1 else None
    if zones is not None:
        held = held | (zones["area_km2"] > 0)
    ordered = first.assign(change=change, held=held).sort_values(
        ["change", "controlled_pct_before", "name"], ascending=[False, False, True]
    )
    listed = (ordered["change"] >= NEGLIGIBLE_KM2) | ordered["held"]
    return ordered[listed].drop(columns="held")
