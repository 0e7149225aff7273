"""The operations a proposal is made of, and what each does to the controlled territory.

Every operation takes the controlled territory in the equal-area projection
(metres, :mod:`geodata.projection`) and returns it changed;
``demilitarized_zone`` changes nothing and adds a zone to report. Operations
apply in order, each to the result of the one before. They overlay in the
projection every area is measured in: an edge is straight there, and an
overlay made in longitude and latitude, measured after projecting, leaves
slivers wherever a long edge of the map runs beside a region's border
(withdrawing from every region once left 0.6 km² of Crimea held, and ceding
Kherson left 0.1 km² of it to Ukraine).

Each operation is also its own entry in a proposal file: ``KEYS`` are the TOML
keys it takes besides ``type``, ``from_entry`` reads them (calling
``fail(key, problem)`` on a bad value) and ``to_entries`` writes them. A new
operation is one class here, added to :data:`OPERATION_TYPES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

import shapely

from geodata.boundaries import BoundarySet
from geodata.contact_line import contact_line_equal_area, ukraine_equal_area
from geodata.geometry import (
    GAP_M2,
    buffer_by_parts,
    from_equal_area_valid,
    overlay_equal_area,
    polygonal,
    to_equal_area_valid,
    without_gaps,
)
from geodata.importers.assemble import within_region
from geodata.scenarios.entry_values import polygon_from_points, region_codes

Side = Literal["occupier", "ukraine"]
SIDES: tuple[Side, ...] = ("occupier", "ukraine")
MAX_DMZ_WIDTH_KM = 100.0
#: ``fail(key, problem)``: report a bad value of a key of the entry (it raises).
Fail = Callable[[str, str], None]


@dataclass(frozen=True)
class Freeze:
    """The current line becomes the line: control stays as it is."""

    type: ClassVar[str] = "freeze"
    KEYS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_entry(cls, entry: Mapping, fail: Fail) -> Freeze:
        """Read the entry (nothing to read)."""
        return cls()

    def to_entries(self) -> list[dict]:
        """The entry's keys besides ``type``."""
        return [{}]

    def apply(self, controlled, boundaries: BoundarySet):
        """Return the controlled territory unchanged."""
        return controlled


@dataclass(frozen=True)
class CedeRegions:
    """The listed regions pass entirely to the occupying side."""

    regions: tuple[str, ...]
    type: ClassVar[str] = "cede_regions"
    KEYS: ClassVar[tuple[str, ...]] = ("regions",)

    @classmethod
    def from_entry(cls, entry: Mapping, fail: Fail) -> CedeRegions:
        """Read ``regions`` (codes and group ids)."""
        return cls(region_codes(entry.get("regions"), lambda problem: fail("regions", problem)))

    def to_entries(self) -> list[dict]:
        """The entry's keys besides ``type``."""
        return [{"regions": list(self.regions)}]

    def apply(self, controlled, boundaries: BoundarySet):
        """Add the whole of each listed unit to the controlled territory.

        >>> from geodata.boundaries import load_boundaries
        >>> b = load_boundaries()
        >>> after = CedeRegions(("UA-09",)).apply(shapely.Polygon(), b)
        >>> after.equals(b.geometry_equal_area[b.row_of("UA-09")])
        True
        """
        return _union(controlled, _units(self.regions, boundaries))


@dataclass(frozen=True)
class WithdrawFromRegions:
    """The occupying side leaves everything it holds in the listed regions."""

    regions: tuple[str, ...]
    type: ClassVar[str] = "withdraw_from_regions"
    KEYS: ClassVar[tuple[str, ...]] = ("regions",)

    @classmethod
    def from_entry(cls, entry: Mapping, fail: Fail) -> WithdrawFromRegions:
        """Read ``regions`` (codes and group ids)."""
        return cls(region_codes(entry.get("regions"), lambda problem: fail("regions", problem)))

    def to_entries(self) -> list[dict]:
        """The entry's keys besides ``type``."""
        return [{"regions": list(self.regions)}]

    def apply(self, controlled, boundaries: BoundarySet):
        """Remove the listed units from the controlled territory."""
        return overlay_equal_area("difference", controlled, _units(self.regions, boundaries))


@dataclass(frozen=True)
class TransferArea:
    """A polygon passes to one side: the occupier (``to="occupier"``) or Ukraine."""

    polygon: shapely.Geometry
    to: Side
    type: ClassVar[str] = "transfer_area"
    KEYS: ClassVar[tuple[str, ...]] = ("to", "polygon")

    @classmethod
    def from_entry(cls, entry: Mapping, fail: Fail) -> TransferArea:
        """Read ``to`` (a side) and ``polygon`` (rings of [lon, lat], holes after the outline)."""
        if entry.get("to") not in SIDES:
            fail("to", f"'to' must be one of: {', '.join(SIDES)} (got {entry.get('to')!r})")
        polygon = polygon_from_points(
            entry.get("polygon"), lambda problem: fail("polygon", problem)
        )
        return cls(polygon, entry["to"])

    def to_entries(self) -> list[dict]:
        """One entry per part (a TOML entry holds one polygon), at full precision.

        Rounding could make a valid polygon touch or cross itself.
        """
        entries = []
        for part in shapely.get_parts(self.polygon):
            if shapely.get_type_id(part) != 3:
                continue
            rings = [part.exterior, *part.interiors]
            entries.append(
                {"to": self.to, "polygon": [[[x, y] for x, y in r.coords] for r in rings]}
            )
        return entries

    def apply(self, controlled, boundaries: BoundarySet):
        """Add the polygon (its part inside Ukraine) to the controlled territory, or remove it.

        Its edges are straight in longitude and latitude, as a control file's: cut to
        the region and divided as the importer divides them (a box's 35° edge, its
        ends alone projected, bowed 150 km north and took most of Crimea).
        """
        polygon = to_equal_area_valid(within_region(self.polygon))
        if self.to == "occupier":
            inside = overlay_equal_area("intersection", polygon, ukraine_equal_area(boundaries))
            return _union(controlled, inside)
        return overlay_equal_area("difference", controlled, polygon)


@dataclass(frozen=True)
class DemilitarizedZone:
    """A zone ``width_km`` wide on each side of the line of contact; control does not change."""

    width_km: float
    type: ClassVar[str] = "demilitarized_zone"
    KEYS: ClassVar[tuple[str, ...]] = ("width_km",)

    @classmethod
    def from_entry(cls, entry: Mapping, fail: Fail) -> DemilitarizedZone:
        """Read ``width_km`` (above 0, at most :data:`MAX_DMZ_WIDTH_KM`)."""
        width = entry.get("width_km")
        if isinstance(width, bool) or not isinstance(width, int | float):
            fail("width_km", "'width_km' must be a number of kilometres")
        if not 0 < width <= MAX_DMZ_WIDTH_KM:
            limit = f"above 0 and at most {MAX_DMZ_WIDTH_KM:g}"
            fail("width_km", f"'width_km' must be {limit} (got {width})")
        return cls(float(width))

    def to_entries(self) -> list[dict]:
        """The entry's keys besides ``type``."""
        return [{"width_km": self.width_km}]

    def apply(self, controlled, boundaries: BoundarySet):
        """Return the controlled territory unchanged (see :meth:`zone`)."""
        return controlled

    def zone(self, controlled, boundaries: BoundarySet) -> shapely.Geometry:
        """The zone in WGS84: the line of contact of ``controlled`` (WGS84) buffered by
        ``width_km``, inside Ukraine.

        Buffered in the equal-area projection, whose distance error stays under
        about 1 % across Ukraine, piece by piece (:func:`buffer_by_parts`: a
        front of thousands of scattered pockets in seconds, not minutes).
        """
        line = contact_line_equal_area(controlled, boundaries)
        if shapely.is_empty(line):
            return shapely.Polygon()
        band = buffer_by_parts(line, self.width_km * 1000.0, quad_segs=4)
        # Projected back, a hole a hair wide can fold into a ring of too few points (an
        # invalid zone, exported so): repaired, which changes no area that matters.
        return from_equal_area_valid(
            polygonal(shapely.intersection(band, ukraine_equal_area(boundaries)))
        )


Operation = Freeze | CedeRegions | WithdrawFromRegions | TransferArea | DemilitarizedZone
OPERATION_TYPES: dict[str, type] = {
    cls.type: cls
    for cls in (Freeze, CedeRegions, WithdrawFromRegions, TransferArea, DemilitarizedZone)
}


def _units(codes: tuple[str, ...], boundaries: BoundarySet) -> shapely.Geometry:
    """The listed units as one geometry, in the equal-area projection."""
    rows = [boundaries.row_of(code) for code in codes]
    return without_gaps(shapely.union_all(boundaries.geometry_equal_area[rows]), GAP_M2)


def _union(a, b):
    if a is None or shapely.is_empty(a):
        return b
    return overlay_equal_area("union", a, b)


def zone_width_km(operations) -> float | None:
    """The width of the first demilitarized zone among ``operations`` (None: no zone)."""
    return next((op.width_km for op in operations if isinstance(op, DemilitarizedZone)), None)


def with_zone_width(operations, width_km: float) -> tuple:
    """``operations`` with every demilitarized zone ``width_km`` wide on each side.

    >>> ops = with_zone_width((DemilitarizedZone(15.0),), 25)
    >>> zone_width_km(ops)
    25.0
    """
    if not 0 < width_km <= MAX_DMZ_WIDTH_KM:
        raise ValueError(f"a zone's width must be above 0 and at most {MAX_DMZ_WIDTH_KM:g} km")
    return tuple(
        DemilitarizedZone(float(width_km)) if isinstance(op, DemilitarizedZone) else op
        for op in operations
    )
