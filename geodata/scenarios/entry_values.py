"""Values inside a proposal's ``[[operations]]`` entries: region lists and polygons, checked.

Each reader calls ``fail(problem)`` with a sentence for the user when the value
cannot be used; the caller adds the file and the line.
"""

from __future__ import annotations

import math
import re

import shapely

from geodata.boundaries import load_boundaries
from geodata.contact_line import ukraine_outline
from geodata.groups import GROUPS


def region_codes(value, fail) -> tuple[str, ...]:
    """Region codes from a list of ISO 3166-2 codes and group ids (groups expanded, in order)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        fail("'regions' must be a non-empty list of region codes (UA-14) or group ids")
    known = set(load_boundaries().codes)
    groups = {group.id: group.codes for group in GROUPS}
    codes: list[str] = []
    for item in value:
        if item in groups:
            codes += groups[item]
        elif item in known:
            codes.append(item)
        else:
            fail(f"unknown region {item!r}; use ISO 3166-2 codes such as UA-14, or a group id "
                 f"({', '.join(groups)})")  # fmt: skip
    return tuple(dict.fromkeys(codes))


def polygon_from_points(points, fail) -> shapely.Geometry:
    """A valid polygon from its points; calls ``fail(problem)`` when it cannot be one.

    ``points`` is one ring, ``[[lon, lat], ...]``, or rings, ``[[[lon, lat], ...], ...]``:
    the outline, then the holes.

    >>> polygon_from_points([[30, 50], [31, 50], [31, 51]], print).area
    0.5
    >>> outline = [[30, 50], [32, 50], [32, 52], [30, 52]]
    >>> hole = [[30.5, 50.5], [31, 50.5], [31, 51]]
    >>> polygon_from_points([outline, hole], print).area
    3.875
    >>> polygon_from_points([[30, 50], [31, 51], [31, 50], [30, 51]], print)
    the polygon crosses itself near (30.5, 50.5)
    """
    if not isinstance(points, list) or not points:
        return fail("'polygon' must be a list of at least 3 [lon, lat] points")
    nested = isinstance(points[0], list) and points[0] and isinstance(points[0][0], list)
    rings = []
    for ring in points if nested else [points]:
        coordinates = _ring(ring, fail)
        if coordinates is None:
            return None
        rings.append(coordinates)
    polygon = shapely.Polygon(rings[0], rings[1:])
    if polygon.convex_hull.area == 0:
        return fail("the polygon has no area (its points are on one line)")
    if not polygon.is_valid:
        reason = shapely.is_valid_reason(polygon)
        match = re.search(r"\[([-\d.]+) ([-\d.]+)\]", reason)
        where = f" near ({float(match[1]):g}, {float(match[2]):g})" if match else ""
        return fail(f"the polygon crosses itself{where}")
    if not shapely.intersects(polygon, ukraine_outline()):
        # It would change nothing, and say nothing: name the likely cause instead.
        west, south, east, north = polygon.bounds
        return fail(
            f"the polygon ({west:g}–{east:g}° E, {south:g}–{north:g}° N) lies wholly outside "
            "Ukraine; its points are [lon, lat] (longitude first)"
        )
    return polygon


def _ring(points, fail) -> list[tuple[float, float]] | None:
    if not isinstance(points, list) or len(points) < 3:
        return fail("'polygon' must be a list of at least 3 [lon, lat] points")
    coordinates = []
    for point in points:
        if (
            not isinstance(point, list) or len(point) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
        ):  # fmt: skip
            return fail(f"polygon point {point!r} is not a [lon, lat] pair of numbers")
        lon, lat = point
        if not (math.isfinite(lon) and math.isfinite(lat)) or not (
            -180 <= lon <= 180 and -90 <= lat <= 90
        ):
            return fail(f"polygon point {point!r} is not a longitude and latitude in degrees")
        coordinates.append((float(lon), float(lat)))
    return coordinates
