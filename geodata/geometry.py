"""Small geometry helpers every overlay relies on: polygonal parts, projection kept valid."""

from __future__ import annotations

import shapely

from geodata.projection import to_equal_area


def polygonal(geometry) -> shapely.Geometry:
    """The polygons of a geometry: overlays may also return lines and points where shapes touch.

    >>> polygonal(shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.Point(5, 5)])).wkt
    'POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))'
    >>> polygonal(None).is_empty
    True
    """
    if geometry is None or shapely.is_empty(geometry):
        return shapely.Polygon()
    if shapely.get_type_id(geometry) in (3, 6):
        return geometry
    parts = shapely.get_parts(shapely.get_parts(geometry))  # collections may hold multi-parts
    parts = parts[shapely.get_type_id(parts) == 3]
    if len(parts) == 0:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def to_equal_area_valid(geometry) -> shapely.Geometry:
    """:func:`~geodata.projection.to_equal_area` of a polygonal geometry, repaired if need be.

    Projecting moves every vertex a little differently: a vertex that lay a
    hair's breadth from an edge (as snap-rounded overlays leave them) can end
    up across it, and GEOS then refuses the overlay. Such a result is repaired
    with ``make_valid``, which changes no area that matters.
    """
    projected = to_equal_area(geometry)
    if shapely.is_valid(projected):
        return projected
    return polygonal(shapely.make_valid(projected))
