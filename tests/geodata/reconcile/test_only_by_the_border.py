"""Reconciliation adds land only by Ukraine's state border and coast, never by an oblast line.

The units' union once had 206 hair-wide holes along oblast lines (757 km of
edges) that counted as coast: at 10 km, 113 km² by the Kakhovka reservoir, 120
km from any border or coast, counted as occupied.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.importers import read_control_layer
from geodata.reconcile import reconcile
from tests.helpers import DAILY, require_shared


@pytest.mark.parametrize("day", ["20241120", "20260822"])
@pytest.mark.parametrize("tolerance_km", [1.5, 3.0, 4.0])
def test_every_sliver_lies_by_the_border_or_coast(day, tolerance_km):
    boundaries = load_boundaries()
    layer = read_control_layer(require_shared(DAILY / f"deepstatemap_data_{day}.geojson"))
    pieces = reconcile(layer.controlled, boundaries, tolerance_km).pieces
    assert pieces
    outline = shapely.boundary(boundaries.country_equal_area)
    shapely.prepare(outline)
    points = shapely.points(shapely.get_coordinates(np.array(pieces, dtype=object)))
    # A sliver's every vertex lies within its width (the tolerance) of the border, give or take.
    farthest_km = float(shapely.distance(outline, points).max()) / 1000
    assert farthest_km < 1.5 * tolerance_km


def test_ukraine_has_no_gaps_between_its_oblasts():
    boundaries = load_boundaries()
    for whole in (boundaries.country_equal_area, boundaries.country):
        assert all(len(part.interiors) == 0 for part in shapely.get_parts(whole))
    # Filling the gaps changes no area.
    area = float(shapely.area(boundaries.country_equal_area)) / 1e6
    assert area == pytest.approx(float(boundaries.area_km2.sum()), abs=0.01)


@pytest.mark.parametrize("day", ["20241120", "20260822"])
def test_the_largest_tolerance_moves_no_front_on_the_dnipro(day):
    # From 4.5 km the delta's floodplain between Hola Prystan and the river, facing Kherson
    # across it, counted as occupied (+27 km² at 4.5 km, +78 km² at 5 km): Natural Earth
    # draws the river's mouth as sea. The largest tolerance accepted stops short of it.
    from geodata.projection import to_equal_area
    from geodata.reconcile import MAX_TOLERANCE_KM

    boundaries = load_boundaries()
    layer = read_control_layer(require_shared(DAILY / f"deepstatemap_data_{day}.geojson"))
    delta = to_equal_area(shapely.Point(32.52, 46.55))

    def near_delta_km2(tolerance_km: float) -> float:
        pieces = reconcile(layer.controlled, boundaries, tolerance_km).pieces
        return sum(shapely.area(p) for p in pieces if shapely.distance(p, delta) < 15_000) / 1e6

    assert near_delta_km2(MAX_TOLERANCE_KM) - near_delta_km2(3.0) < 5.0  # coast slivers only
    with pytest.raises(Exception, match="from 0 to 4"):
        reconcile(layer.controlled, boundaries, 4.5)
