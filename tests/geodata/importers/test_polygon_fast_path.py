"""Polygons built straight from parsed coordinates are the very geometries GEOS's parser makes."""

from __future__ import annotations

import json

import orjson
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.importers.geojson import _polygonal, read_geojson

SQUARE = [[30.0, 48.0], [31.0, 48.0], [31.0, 49.0], [30.0, 49.0], [30.0, 48.0]]
HOLE = [[30.2, 48.2], [30.4, 48.2], [30.4, 48.4], [30.2, 48.2]]


def _by_geos(raw):
    return shapely.from_geojson(orjson.dumps(raw).decode())


@pytest.mark.parametrize("raw", [
    {"type": "Polygon", "coordinates": [SQUARE]},
    {"type": "Polygon", "coordinates": [SQUARE, HOLE]},
    {"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [[[p[0] + 2, p[1]] for p in SQUARE]]]},
    {"type": "MultiPolygon", "coordinates": []},
])  # fmt: skip
def test_the_same_geometry_as_geos_makes(raw):
    built = _polygonal(raw)
    assert built is not None and built.wkb == _by_geos(raw).wkb


def test_a_height_and_a_measure_are_dropped_as_the_layer_drops_them():
    # force_2d flattens whatever GEOS reads; positions of four values it did not read at all.
    raw = {"type": "Polygon", "coordinates": [[[30, 48, 5], [31, 48, 5], [31, 49, 5], [30, 48, 5]]]}
    assert _polygonal(raw).wkb == shapely.force_2d(_by_geos(raw)).wkb
    flat = _polygonal({"type": "Polygon", "coordinates": [SQUARE]})
    for point in ([31.0, 49.0, 1.0], [31.0, 49.0, 1.0, 7.0], [31.0, 49.0, float("nan")]):
        mixed = [*SQUARE[:2], point, *SQUARE[3:]]
        assert _polygonal({"type": "Polygon", "coordinates": [mixed]}).wkb == flat.wkb


@pytest.mark.parametrize("raw", [
    {"type": "Polygon", "coordinates": [SQUARE[:3]]},  # a ring too short
    {"type": "Polygon", "coordinates": [SQUARE[:-1]]},  # not closed
    {"type": "Polygon", "coordinates": [[[30, "48"], *SQUARE[1:]]]},
    {"type": "Polygon", "coordinates": [[[30.0, True], *SQUARE[1:]]]},
    {"type": "Polygon", "coordinates": [[[30.0, float("nan")], *SQUARE[1:]]]},
    {"type": "Polygon", "coordinates": [[[30.0, None], *SQUARE[1:]]]},  # numpy: NaN
    {"type": "Polygon", "coordinates": [[[30.0, [48.0]], *SQUARE[1:]]]},
    {"type": "Polygon", "coordinates": [["ab", *SQUARE[1:]]]},  # two letters, not a point
    {"type": "Polygon", "coordinates": [[{"x": 30, "y": 48}, *SQUARE[1:]]]},
    {"type": "Polygon", "coordinates": [[[30, 10**400], *SQUARE[1:]]]},  # beyond a double
    {"type": "Polygon", "coordinates": [[30.0, *SQUARE[1:]]]},  # a number where a point is
    {"type": "Polygon", "coordinates": "not a list"},
    {"type": "LineString", "coordinates": SQUARE},
])  # fmt: skip
def test_anything_else_is_left_to_geos(raw):
    assert _polygonal(raw) is None


def test_a_boolean_coordinate_is_unreadable_as_before(tmp_path):
    """JSON true is no number: the feature is left out and counted, never read as 1.0."""
    ring = [[30.0, 48.0], [31.0, 48.0], [31.0, True], [30.0, 48.0]]
    features = [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [r]}}
        for r in (ring, SQUARE)
    ]
    document = {"type": "FeatureCollection", "features": features}
    path = tmp_path / "bool.geojson"
    path.write_text(json.dumps(document))
    read = read_geojson(path)
    assert read.unreadable == 1 and len(read.geometries) == 1


coordinate = st.floats(-180, 180, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate), min_size=3, max_size=12))
def test_any_ring_of_numbers_gives_geos_geometry(points):
    ring = [list(p) for p in points] + [list(points[0])]
    raw = {"type": "Polygon", "coordinates": [ring]}
    assert _polygonal(raw).wkb == _by_geos(raw).wkb


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-170, 170), st.integers(-80, 80), st.integers(0, 3)),
                min_size=1, max_size=8))  # fmt: skip
def test_many_polygons_with_holes_give_geos_geometry(squares):
    """Several polygons, some with holes, built in one call: the same WKB as GEOS's parser."""
    polygons = []
    for x, y, holes in squares:
        outer = [[x, y], [x + 1.0, y], [x + 1.0, y + 1.0], [x, y + 1.0], [x, y]]
        inner = [
            [[x + 0.1 + 0.2 * h, y + 0.1], [x + 0.2 + 0.2 * h, y + 0.1],
             [x + 0.2 + 0.2 * h, y + 0.2], [x + 0.1 + 0.2 * h, y + 0.1]]
            for h in range(holes)
        ]  # fmt: skip
        polygons.append([outer, *inner])
    raw = {"type": "MultiPolygon", "coordinates": polygons}
    assert _polygonal(raw).wkb == _by_geos(raw).wkb
    single = {"type": "Polygon", "coordinates": polygons[0]}
    assert _polygonal(single).wkb == _by_geos(single).wkb


def test_a_polygon_without_rings_or_a_point_of_five_is_left_to_geos():
    assert _polygonal({"type": "MultiPolygon", "coordinates": [[SQUARE], []]}) is None
    uneven = [*SQUARE[:2], [31.0, 49.0, 1.0, 2.0, 3.0], *SQUARE[3:]]
    assert _polygonal({"type": "Polygon", "coordinates": [uneven]}) is None
    assert _polygonal({"type": "Polygon", "coordinates": [SQUARE, "x"]}) is None
