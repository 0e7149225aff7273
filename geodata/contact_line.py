"""The line of contact: where held and not-held land meet inside Ukraine, and its length.

Method
------
1. Clip the controlled territory to Ukraine (the bundled Natural Earth units)
   in the equal-area projection.
2. Take its boundary and remove every part within :data:`BORDER_TOLERANCE_KM`
   of Ukraine's outer boundary (the state border and the coast): those parts
   face Russia, Belarus or the sea, not Ukrainian-held land.
3. Drop pieces shorter than :data:`MIN_PIECE_KM`: what is left of that removal
   where the two data sources trace the border differently.
4. Measure the rest geodesically on the WGS84 ellipsoid (``pyproj.Geod``).

The tolerance is the scale of the disagreement between the two sources'
borders: Natural Earth's 1:10m boundaries are generalised (0.3 mm at
1:10,000,000 is 3 km) and control data traces the border on its own. On the
2024-11-20 DeepStateMap map the length is 1,109 km with 3 km (1,191 km with
2 km, 1,061 km with 5 km): the front ends lose up to 3 km each where they
meet the border or the coast.
"""

from __future__ import annotations

from functools import cache

import pyproj
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.geometry import GAP_M2, intersection_by_parts, to_equal_area_valid, without_gaps
from geodata.projection import from_equal_area
from geodata.threadsafe import prepared_for_this_thread

BORDER_TOLERANCE_KM = 3.0
MIN_PIECE_KM = 5.0
_GEOD = pyproj.Geod(ellps="WGS84")


def contact_line(controlled, boundaries: BoundarySet | None = None) -> shapely.Geometry:
    """The line of contact of a controlled territory, in WGS84, as a MultiLineString.

    Parameters
    ----------
    controlled : shapely.Geometry
        Controlled territory in WGS84 (lon, lat); anything outside Ukraine is ignored.
    boundaries : BoundarySet, optional
        The units that make up Ukraine; the bundled ones by default.

    Examples
    --------
    A held square well inside Ukraine meets Ukrainian-held land all round, so
    the line is its whole perimeter; one on the border loses the border side.

    >>> b = load_boundaries()
    >>> round(contact_line_km(contact_line(shapely.box(30, 49, 31, 50), b)))
    367
    >>> luhansk = b.units.geometry[b.row_of("UA-09")]
    >>> west, south, east, north = luhansk.bounds
    >>> east_half = shapely.clip_by_rect(luhansk, (west + east) / 2, south, east, north)
    >>> 200 < contact_line_km(contact_line(east_half, b)) < 230  # the cut and the Donetsk side
    True
    """
    return from_equal_area(contact_line_equal_area(controlled, boundaries or load_boundaries()))


def contact_line_km(line) -> float:
    """Geodesic length in km of a WGS84 line (as :func:`contact_line` returns).

    >>> round(contact_line_km(shapely.LineString([(30, 50), (31, 50)])), 1)
    71.7
    """
    if line is None or shapely.is_empty(line):
        return 0.0
    return _GEOD.geometry_length(line) / 1000.0


def contact_line_equal_area(controlled, boundaries: BoundarySet) -> shapely.Geometry:
    """:func:`contact_line` in the equal-area projection (metres), for buffers and lengths."""
    if controlled is None or shapely.is_empty(controlled):
        return shapely.MultiLineString()
    ukraine = ukraine_equal_area(boundaries)
    # Hair-wide holes (between ceded units, say) are no front.
    held = without_gaps(intersection_by_parts(to_equal_area_valid(controlled), ukraine), GAP_M2)
    line = shapely.difference(shapely.boundary(held), _outer_border_zone(boundaries))
    pieces = shapely.get_parts(shapely.line_merge(line))
    pieces = pieces[shapely.length(pieces) >= MIN_PIECE_KM * 1000]
    return shapely.multilinestrings(pieces) if len(pieces) else shapely.MultiLineString()


def ukraine_equal_area(boundaries: BoundarySet) -> shapely.Geometry:
    """Ukraine as one prepared polygon in the equal-area projection (this thread's copy)."""
    return prepared_for_this_thread(
        (boundaries.version, "ukraine-equal-area"), _ukraine(boundaries)
    )


def _outer_border_zone(boundaries: BoundarySet) -> shapely.Geometry:
    return prepared_for_this_thread(
        (boundaries.version, "outer-border-zone"), _border_zone(boundaries)
    )


def ukraine_outline(boundaries: BoundarySet | None = None) -> shapely.Geometry:
    """Ukraine as one prepared polygon (the union of the units), in WGS84 (this thread's copy)."""
    boundaries = boundaries or load_boundaries()
    return prepared_for_this_thread((boundaries.version, "ukraine-wgs84"), _outline(boundaries))


# Built once per boundary set (they are read-only) and never prepared: threads
# share these and prepare their own copies.
def _ukraine(boundaries: BoundarySet) -> shapely.Geometry:
    return boundaries.country_equal_area


@cache
def _border_zone(boundaries: BoundarySet) -> shapely.Geometry:
    return shapely.buffer(shapely.boundary(_ukraine(boundaries)), BORDER_TOLERANCE_KM * 1000)


def _outline(boundaries: BoundarySet) -> shapely.Geometry:
    return boundaries.country
