"""Areas in the equal-area projection agree with geodesic areas on the ellipsoid."""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from geodata.boundaries import load_boundaries
from geodata.projection import from_equal_area, to_equal_area


def test_unit_areas_match_geodesic_areas_within_0_05_percent():
    boundaries = load_boundaries()
    geod = pyproj.Geod(ellps="WGS84")
    geodesic_km2 = np.array(
        [abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in boundaries.units.geometry]
    )
    relative = np.abs(boundaries.area_km2 - geodesic_km2) / geodesic_km2
    assert relative.max() < 0.0005, dict(zip(boundaries.codes, relative.round(6), strict=True))


def test_round_trip_is_lossless_to_a_millimetre():
    square = shapely.box(30.0, 46.0, 31.0, 47.0)
    back = from_equal_area(to_equal_area(square))
    assert shapely.equals_exact(back, square, tolerance=1e-8)


def test_projection_is_vectorised_over_arrays():
    boxes = shapely.box([30, 35], [46, 47], [31, 36], [47, 48])
    projected = to_equal_area(boxes)
    assert projected.shape == (2,)
    assert (shapely.area(projected) > 8e9).all()


def test_projection_is_safe_from_several_threads():
    # The app computes in worker threads; a shared pyproj transformer crashes there.
    from concurrent.futures import ThreadPoolExecutor

    square = shapely.box(30.0, 46.0, 31.0, 47.0)
    expected = shapely.area(to_equal_area(square))
    with ThreadPoolExecutor(4) as pool:
        areas = list(pool.map(lambda _: shapely.area(to_equal_area(square)), range(200)))
    assert areas == [expected] * 200
