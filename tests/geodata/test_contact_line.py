"""The line of contact: synthetic shapes with known answers, and the real 2024-11-20 map."""

from __future__ import annotations

import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.contact_line import (
    BORDER_TOLERANCE_KM,
    contact_line,
    contact_line_km,
    ukraine_outline,
)
from geodata.importers import read_control_layer


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def test_nothing_held_has_no_line(boundaries):
    assert contact_line_km(contact_line(shapely.Polygon(), boundaries)) == 0.0


def test_all_of_ukraine_held_has_no_line(boundaries):
    everything = shapely.union_all(boundaries.units.geometry.to_numpy())
    assert contact_line_km(contact_line(everything, boundaries)) == 0.0


def test_square_inside_ukraine_is_its_perimeter(boundaries):
    square = shapely.box(30, 49, 31, 50)  # near Kyiv, far from any border
    # Geodesic perimeter: two parallels of 1° longitude and two meridians of 1° latitude.
    assert contact_line_km(contact_line(square, boundaries)) == pytest.approx(366.6, abs=1.0)


def test_land_beyond_the_border_does_not_count(boundaries):
    # A box straddling the Russian border east of Kharkiv: the line runs only
    # inside Ukraine, and not along the border itself.
    straddling = shapely.box(36.5, 49.6, 39.5, 50.2)
    line = contact_line(straddling, boundaries)
    ukraine = ukraine_outline(boundaries)
    assert shapely.covers(ukraine.buffer(1e-6), line)
    border = shapely.boundary(ukraine)
    away = shapely.distance(border, shapely.points(shapely.get_coordinates(line)))
    assert (away * 111 >= BORDER_TOLERANCE_KM * 0.6).all()  # degrees to km, roughly


def test_whole_oblast_line_is_its_inner_border(boundaries):
    # Luhansk alone: the line is its border with Donetsk and Kharkiv oblasts; the
    # border with Russia (about 750 km) is not part of it.
    luhansk = boundaries.units.geometry[boundaries.row_of("UA-09")]
    length = contact_line_km(contact_line(luhansk, boundaries))
    inner = boundaries.units.geometry[boundaries.row_of("UA-14")].intersection(luhansk.boundary)
    inner = inner.union(
        boundaries.units.geometry[boundaries.row_of("UA-63")].intersection(luhansk.boundary)
    )
    expected = contact_line_km(inner) - 2 * BORDER_TOLERANCE_KM
    assert length == pytest.approx(expected, rel=0.05)


def test_the_2024_11_20_line_is_about_1100_km(snapshot_20241120):
    layer = read_control_layer(snapshot_20241120)
    length = contact_line_km(contact_line(layer.controlled))
    assert 950 <= length <= 1250
    assert length == pytest.approx(1109.3, abs=1.0)
