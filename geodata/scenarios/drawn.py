"""A proposal made from an area the user drew or imported: its id, text and operations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import shapely

from geodata.boundaries import load_boundaries
from geodata.contact_line import ukraine_equal_area
from geodata.geometry import overlay_equal_area, to_equal_area_valid
from geodata.importers.assemble import within_region
from geodata.scenarios.operations import Freeze, Side, TransferArea
from geodata.scenarios.proposals import Proposal

SOURCE = "Drawn or imported in Frontline Atlas"


def area_in_ukraine_km2(area) -> float:
    """The km² of ``area`` (WGS84) inside Ukraine; 0 for an area wholly outside.

    >>> round(area_in_ukraine_km2(shapely.box(0, 0, 1, 1)))
    0
    >>> 5_700 < area_in_ukraine_km2(shapely.box(37.0, 47.5, 38.0, 48.2)) < 5_900
    True
    """
    if area is None or shapely.is_empty(area):
        return 0.0
    return float(shapely.area(_inside_ukraine(area))) / 1e6


def changing_hands_km2(area, side: Side, controlled) -> float:
    """The km² of ``area`` that would change hands on a map whose occupied land is
    ``controlled``: its occupied part when it passes to Ukraine, its part inside Ukraine not
    occupied when it passes to the occupying side.

    >>> area, held = shapely.box(37.0, 47.5, 38.0, 48.2), shapely.box(37.5, 47.0, 39.0, 49.0)
    >>> whole, passing = area_in_ukraine_km2(area), changing_hands_km2(area, "ukraine", held)
    >>> round(passing / whole, 2)
    0.5
    >>> round(changing_hands_km2(area, "occupier", held) / whole, 2)
    0.5
    """
    if area is None or shapely.is_empty(area):
        return 0.0
    inside = _inside_ukraine(area)
    if controlled is None or shapely.is_empty(controlled):
        held = shapely.Polygon()
    else:
        held = to_equal_area_valid(controlled)
    part = overlay_equal_area("intersection" if side == "ukraine" else "difference", inside, held)
    return float(shapely.area(part)) / 1e6


def _inside_ukraine(area) -> shapely.Geometry:
    """The part of ``area`` (WGS84) inside Ukraine, in the equal-area projection."""
    return overlay_equal_area(
        "intersection",
        to_equal_area_valid(within_region(area)),  # as a proposal's area is measured
        ukraine_equal_area(load_boundaries()),
    )


def area_text(area_km2: float, passing_km2: float | None, side: Side) -> str:
    """What a drawn area's proposal does, in one sentence: the area, and what changes hands.

    >>> area_text(4189.4, 1637.2, "ukraine")
    'An area of 4,189 km², of which 1,637 km² changes hands: it passes to Ukraine.'
    """
    whom = "Ukraine" if side == "ukraine" else "the occupying side"
    if passing_km2 is None:
        return f"An area of {area_km2:,.0f} km² that passes to {whom}."
    return (f"An area of {area_km2:,.0f} km², of which {passing_km2:,.0f} km² changes hands: "
            f"it passes to {whom}.")  # fmt: skip


def polygon_from_corners(corners) -> shapely.Geometry:
    """The area a user drew on the map: its corners (lon, lat) as a valid (multi)polygon.

    A drawing that crosses itself becomes the pieces it encloses.

    >>> polygon_from_corners([(0, 0), (2, 2), (2, 0), (0, 2)]).geom_type
    'MultiPolygon'
    """
    return shapely.make_valid(shapely.Polygon(corners))


def new_proposal_id(name: str, taken: Iterable[str]) -> str:
    """A ``user-…`` id from a name, not among ``taken`` (a number added if need be).

    >>> new_proposal_id("Kharkiv strip!", ["user-kharkiv-strip"])
    'user-kharkiv-strip-2'
    """
    base = "user-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "area")
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def area_proposal(
    area,
    name: str,
    side: Side,
    description: str = "",
    taken: Iterable[str] = (),
    controlled=None,
) -> Proposal:
    """The proposal that freezes the line and passes ``area``'s polygons to ``side``.

    Without a description, one is written from the area's km² in Ukraine and, given the
    occupied land ``controlled`` it was drawn on, the km² that change hands.

    >>> p = area_proposal(shapely.box(37.0, 47.5, 38.0, 48.2), "Strip", "ukraine")
    >>> p.id, [op.type for op in p.operations], p.description[:13]
    ('user-strip', ['freeze', 'transfer_area'], 'An area of 5,')
    """
    polygons = [p for p in shapely.get_parts(area) if shapely.get_type_id(p) == 3]
    km2 = area_in_ukraine_km2(area)
    passing = None if controlled is None else changing_hands_km2(area, side, controlled)
    return Proposal(
        id=new_proposal_id(name, taken),
        name=name,
        description=description or area_text(km2, passing, side),
        operations=(Freeze(), *(TransferArea(p, side) for p in polygons)),
        sources=(SOURCE,),
    )


def editable_corners(proposal: Proposal) -> list[list[float]] | None:
    """The corners (lon, lat) of a proposal's one drawn area, or None when it has not
    exactly one simple polygon to pass (only such an area is edited corner by corner).

    >>> p = area_proposal(shapely.box(37.0, 47.5, 38.0, 48.2), "Strip", "ukraine")
    >>> len(editable_corners(p))
    4
    """
    areas = [op for op in proposal.operations if isinstance(op, TransferArea)]
    if len(areas) != 1 or shapely.get_type_id(areas[0].polygon) != 3:
        return None
    polygon = areas[0].polygon
    if len(polygon.interiors):
        return None
    return [[float(x), float(y)] for x, y in list(polygon.exterior.coords)[:-1]]


def with_corners(proposal: Proposal, corners, controlled=None) -> Proposal:
    """The proposal with its drawn area's corners moved (same id, side and name); a
    description written by the app is written again for the new area."""
    polygon = polygon_from_corners(corners)
    polygons = [p for p in shapely.get_parts(polygon) if shapely.get_type_id(p) == 3]
    side = next(op.to for op in proposal.operations if isinstance(op, TransferArea))
    operations = tuple(op for op in proposal.operations if not isinstance(op, TransferArea))
    operations += tuple(TransferArea(p, side) for p in polygons)
    description = proposal.description
    if description.startswith("An area of "):
        passing = None if controlled is None else changing_hands_km2(polygon, side, controlled)
        description = area_text(area_in_ukraine_km2(polygon), passing, side)
    return replace(proposal, operations=operations, description=description)
