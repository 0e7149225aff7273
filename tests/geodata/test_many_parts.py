"""Big inputs: geometries of thousands of parts are measured as fast as their size allows,
and give the figures the plain overlays give.

The kind: a file of scattered pockets (200,000 squares) used to take minutes and
tens of GB in GEOS's whole-geometry union, buffer and simplification.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.boundaries import load_boundaries
from geodata.contact_line import contact_line_equal_area, ukraine_equal_area
from geodata.geometry import (
    FEW_PARTS,
    buffer_by_parts,
    intersection_by_parts,
    to_equal_area_valid,
    union_parts,
)
from geodata.map_layers import MAX_DISPLAY_VERTICES, for_display
from geodata.projection import to_equal_area
from geodata.scenarios.operations import DemilitarizedZone
from geodata.stats import controlled_area_by_region


def scattered_squares(count: int, seed: int = 1, size: float = 0.01) -> np.ndarray:
    """Squares scattered over eastern Ukraine, many overlapping, some crossing oblast edges."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(35.5, 39.5, count)
    y = rng.uniform(46.8, 49.5, count)
    return shapely.box(x, y, x + size, y + size)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(FEW_PARTS + 1, 400))
def test_union_by_groups_equals_union_all(seed, count):
    squares = scattered_squares(count, seed, size=0.2)
    grouped, plain = union_parts(squares), shapely.union_all(squares)
    assert shapely.is_valid(grouped)
    assert shapely.area(shapely.symmetric_difference(grouped, plain)) < 1e-9 * shapely.area(plain)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_intersection_by_parts_equals_the_overlay(seed):
    many = union_parts(scattered_squares(300, seed, size=0.05))
    mask = shapely.Point(37.5, 48.2).buffer(1.0)
    by_parts = intersection_by_parts(many, mask)
    assert shapely.is_valid(by_parts)
    assert shapely.area(by_parts) == pytest.approx(shapely.area(shapely.intersection(many, mask)))


def test_buffer_by_parts_equals_the_buffer():
    many = union_parts(scattered_squares(500, 3))
    assert shapely.area(buffer_by_parts(many, 0.05)) == pytest.approx(
        shapely.area(shapely.buffer(many, 0.05)), rel=1e-9
    )


def test_many_parts_measure_as_the_plain_overlay():
    boundaries = load_boundaries()
    many = union_parts(scattered_squares(5_000))
    assert shapely.get_num_geometries(many) > FEW_PARTS
    by_parts = controlled_area_by_region(many, boundaries)["controlled_km2"].to_numpy()
    units = boundaries.geometry_equal_area
    plain = shapely.area(shapely.intersection(units, to_equal_area_valid(many))) / 1e6
    np.testing.assert_allclose(by_parts, plain, rtol=1e-9, atol=1e-9)


def test_a_zone_around_many_pockets_is_the_buffer_of_the_whole_line():
    boundaries = load_boundaries()
    many = union_parts(scattered_squares(3_000, 5, size=0.05))
    line = contact_line_equal_area(many, boundaries)
    assert shapely.get_num_geometries(line) > 10
    zone = DemilitarizedZone(15).zone(many, boundaries)
    whole = shapely.intersection(
        shapely.buffer(line, 15_000, quad_segs=4), ukraine_equal_area(boundaries)
    )
    # Measured where its figures are: the zone comes back from the projection edge for edge.
    assert shapely.area(to_equal_area(zone)) == pytest.approx(shapely.area(whole), rel=1e-6)


def test_display_copies_stay_within_the_vertex_cap():
    many = union_parts(scattered_squares(120_000, 7, size=0.003))
    # A ring of half a million vertices, a thousandth of a degree apart.
    angles = np.linspace(0, 2 * np.pi, 500_000, endpoint=False)
    dense = shapely.Polygon(np.c_[30 + np.cos(angles), 49 + 0.7 * np.sin(angles)])
    shown = for_display([many, dense])
    vertices = int(shapely.get_num_coordinates(shown).sum())
    assert vertices <= MAX_DISPLAY_VERTICES
    assert shapely.get_num_coordinates(shown[1]) < 20_000
    # Within the simplification's chord error (the cap doubled the tolerance here).
    assert shapely.area(shown[1]) == pytest.approx(shapely.area(dense), rel=5e-3)
