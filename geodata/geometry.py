"""Small geometry helpers every overlay relies on: polygonal parts, projection kept valid."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.errors import GEOSException

from geodata.projection import GRID_M, from_equal_area, to_equal_area


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


def geometry_array(items) -> np.ndarray:
    """A 1-D object array of geometries (or None), however many there are.

    ``np.array(items, dtype=object)`` would nest a list of lists, or fail on
    an empty list's shape; shapely's vectorised functions need this shape.

    >>> geometry_array([shapely.Point(0, 0), None]).shape, geometry_array([]).shape
    ((2,), (0,))
    """
    return np.array([*items, None], dtype=object)[:-1]


def clip_by_rects(geometry, rects: np.ndarray) -> np.ndarray:
    """``shapely.clip_by_rect(geometry, *rect)`` for each row of ``rects``, in one call.

    The same GEOS operation, broadcast over the rectangles by shapely's ufunc
    (the public function takes one rectangle a call); a history clips each
    map to dozens of rectangles a day.

    >>> clips = clip_by_rects(shapely.box(0, 0, 4, 4), np.array([[0, 0, 1, 1], [3, 3, 9, 9]]))
    >>> [c.area for c in clips]
    [1.0, 1.0]
    """
    rects = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    return shapely.lib.clip_by_rect(geometry, rects[:, 0], rects[:, 1], rects[:, 2], rects[:, 3])


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


#: Longest edge taken back from the equal-area projection as it is, in metres (see
#: :func:`from_equal_area_valid`).
BACK_EDGE_M = 1_000.0


def from_equal_area_valid(geometry) -> shapely.Geometry:
    """:func:`~geodata.projection.from_equal_area` of a polygonal geometry, faithfully.

    An edge is straight in the projection, and its ends alone taken back give an
    edge straight in longitude and latitude, which runs metres to tens of metres
    beside it on a long edge (a proposal's or a hull's): enough to cross an edge
    close by, and the repair of such a fold can drop a whole piece (1.6 km² in
    one case). Edges longer than :data:`BACK_EDGE_M` are divided first, so the
    result follows the projected shape to well under a millimetre, and measures
    as it did; what the inverse projection still folds is repaired.

    >>> from geodata.projection import to_equal_area
    >>> square = to_equal_area(shapely.box(30.0, 47.0, 34.0, 50.0))
    >>> back = from_equal_area_valid(square)
    >>> round(float(shapely.area(to_equal_area(back)) / shapely.area(square)), 9)
    1.0
    """
    if geometry is None or shapely.is_empty(geometry):
        return shapely.Polygon()
    back = from_equal_area(shapely.segmentize(geometry, BACK_EDGE_M))
    return back if shapely.is_valid(back) else polygonal(shapely.make_valid(back))


_OVERLAYS = {
    "union": shapely.union,
    "difference": shapely.difference,
    "intersection": shapely.intersection,
}


def overlay_equal_area(kind: str, a, b) -> shapely.Geometry:
    """The polygons of ``a`` ``kind`` ``b`` (union, difference or intersection), both in
    the equal-area projection, exact where GEOS can, snap-rounded where it cannot.

    Exact, because every figure is measured on the result: snap-rounding moves
    each vertex up to half a grid step, and along a coast hundreds of
    kilometres long that is thousands of m² gained or lost (ceding a whole
    region would read a hair under its area). GEOS's overlay falls back to
    snapping on its own; only an overlay it still cannot node is made on the
    :data:`~geodata.projection.GRID_M` grid.

    >>> overlay_equal_area("difference", shapely.box(0, 0, 2, 1), shapely.box(1, 0, 3, 1)).area
    1.0
    """
    operation = _OVERLAYS[kind]
    try:
        result = operation(a, b)
    except GEOSException:
        result = operation(a, b, grid_size=GRID_M)
    return polygonal(result)


#: Holes smaller than this are gaps, not land left out: where neighbouring units' shared
#: edges do not quite meet (under 1e-4 m² each), in m² and in square degrees.
GAP_M2 = 1.0
GAP_DEG2 = 1e-10


def without_gaps(geometry, smallest: float) -> shapely.Geometry:
    """A polygonal geometry with its holes of less than ``smallest`` (its own square units) filled.

    Units' shared edges do not quite meet: a union of units has hair-wide holes
    along the lines between them, whose edges would count as a coast or a front.

    >>> ring = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 4.000001, 6))
    >>> len(without_gaps(ring, GAP_M2).interiors), without_gaps(ring, 1e-12).equals(ring)
    (0, True)
    """
    if geometry is None or shapely.is_empty(geometry):
        return geometry
    polygons = []
    for part in shapely.get_parts(polygonal(geometry)):
        holes = [ring for ring in part.interiors if shapely.Polygon(ring).area >= smallest]
        polygons.append(shapely.Polygon(part.exterior, holes))
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def union_parts(geometries) -> shapely.Geometry:
    """The union of polygonal geometries, done group by group of parts that meet.

    Parts that touch or overlap no other part are kept as they are; each group
    of parts that do is unioned on its own. The result is the same as
    ``shapely.union_all``, but a file of 200,000 scattered squares takes about
    3 s instead of 23 s: GEOS's cascaded union keeps merging distant, disjoint
    pieces into ever larger intermediate geometries.

    >>> boxes = [shapely.box(0, 0, 2, 2), shapely.box(1, 1, 3, 3), shapely.box(9, 9, 10, 10)]
    >>> union_parts(boxes).area
    8.0
    """
    parts = shapely.get_parts(np.asarray(geometries, dtype=object))
    parts = parts[~shapely.is_empty(parts)]
    if len(parts) == 0:
        return shapely.Polygon()
    if len(parts) <= FEW_PARTS:
        return shapely.union_all(parts)
    first, second = shapely.STRtree(parts).query(parts, predicate="intersects")
    group = _groups(len(parts), first[first < second], second[first < second])
    order = np.argsort(group, kind="stable")
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    pieces = [
        parts[members[0]] if len(members) == 1 else shapely.union_all(parts[members])
        for members in np.split(order, starts[1:])
    ]
    result = shapely.get_parts(np.array(pieces, dtype=object))
    result = result[shapely.get_type_id(result) == 3]
    return result[0] if len(result) == 1 else shapely.multipolygons(result)


FEW_PARTS = 64  # below this a plain overlay is as fast


def buffer_by_parts(geometry, distance: float, **style) -> shapely.Geometry:
    """``shapely.buffer`` outwards, each part on its own and the results unioned.

    The same set of points (a buffer distributes over a union when it grows),
    but GEOS's buffer of one geometry with hundreds of close parts runs for
    seconds to minutes and tens of GB where this takes a fraction of a second.
    Inward buffers do not distribute so: they, and single parts, are plain.

    >>> dots = shapely.multipoints([(0, 0), (3, 0)])
    >>> round(buffer_by_parts(dots, 1.0).area, 2) == round(shapely.buffer(dots, 1.0).area, 2)
    True
    """
    parts = shapely.get_parts(geometry)
    if distance <= 0 or len(parts) <= 1:
        return shapely.buffer(geometry, distance, **style)
    return shapely.union_all(shapely.buffer(parts, distance, **style))


def intersection_by_parts(geometry, mask) -> shapely.Geometry:
    """``geometry ∩ mask`` for a polygonal ``geometry`` of many parts, part by part.

    Parts wholly inside ``mask`` are kept as they are and parts that miss it
    are dropped (a tree query and a prepared test); only the parts that cross
    its edge are overlaid. The parts of a valid geometry have disjoint
    interiors, so the pieces form a valid geometry without a union. ``mask``
    may be prepared (a copy is prepared here otherwise).

    >>> many = shapely.multipolygons([shapely.box(x, 0, x + 0.5, 1) for x in range(100)])
    >>> intersection_by_parts(many, shapely.box(0.25, 0, 9.75, 1)).area
    4.75
    """
    parts = shapely.get_parts(geometry)
    if len(parts) <= FEW_PARTS:
        return polygonal(shapely.intersection(geometry, mask))
    if not shapely.is_prepared(mask):
        mask = shapely.from_wkb(shapely.to_wkb(mask))  # preparing changes the object: a copy
        shapely.prepare(mask)
    parts = parts[shapely.intersects(mask, parts)]
    inside = shapely.contains_properly(mask, parts)
    # Overlays may give collections and lines where shapes touch: keep the polygons.
    cut = shapely.get_parts(shapely.get_parts(shapely.intersection(parts[~inside], mask)))
    pieces = np.concatenate([parts[inside], cut[shapely.get_type_id(cut) == 3]])
    if len(pieces) == 0:
        return shapely.Polygon()
    return pieces[0] if len(pieces) == 1 else shapely.multipolygons(pieces)


def _groups(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Connected components (union-find with path halving) of ``count`` items linked in pairs."""
    parent = list(range(count))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(item) for item in range(count)])
