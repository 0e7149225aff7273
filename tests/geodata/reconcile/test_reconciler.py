"""Border and coast reconciliation on synthetic geometry, and on the real map."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.boundaries import BoundarySet
from geodata.contact_line import contact_line, contact_line_km
from geodata.errors import UnknownValueError
from geodata.importers import read_control_layer
from geodata.projection import from_equal_area, to_equal_area
from geodata.reconcile import (
    IncrementalReconciler,
    check_tolerance,
    method_key,
    reconcile,
    reconciled_geometry,
)
from geodata.stats import compute_stats

_versions = itertools.count()


def boundary_set(units: dict[str, shapely.Geometry]) -> BoundarySet:
    """A synthetic boundary set: units given in the equal-area projection (metres)."""
    geometry = np.array(list(units.values()), dtype=object)
    wgs84 = from_equal_area(geometry)
    frame = gpd.GeoDataFrame(
        {
            "code": list(units),
            "name": list(units),
            "name_uk": list(units),
            "kind": "oblast",
            "label_lon": shapely.get_x(shapely.centroid(wgs84)),
            "label_lat": shapely.get_y(shapely.centroid(wgs84)),
        },
        geometry=wgs84,
        crs="EPSG:4326",
    )
    projected = to_equal_area(frame.geometry.to_numpy())
    return BoundarySet(frame, projected, shapely.area(projected) / 1e6, f"test-{next(_versions)}")


def km_box(west, south, east, north):
    """A box given in km of the equal-area projection."""
    return shapely.box(west * 1000, south * 1000, east * 1000, north * 1000)


# Two 100 km square units side by side: the outer boundary is the 200 × 100 km rectangle.
WEST, EAST = km_box(0, 0, 100, 100), km_box(100, 0, 200, 100)


def added_km2(held_km, boundaries, tolerance_km=3.0):
    """Reconcile held territory given in km boxes (equal-area); return the km² added per unit."""
    held = from_equal_area(shapely.union_all(held_km))
    return reconcile(held, boundaries, tolerance_km)


def test_a_sliver_along_the_outer_border_next_to_held_land_is_filled():
    b = boundary_set({"W": WEST, "E": EAST})
    # The east unit is held but for a 1.5 km strip along the outer border (east side).
    result = added_km2([km_box(100, 0, 198.5, 100)], b)
    assert result.added_km2[1] == pytest.approx(150, rel=0.01)  # 1.5 km × 100 km
    assert result.added_km2[0] == 0


def test_a_strip_wider_than_the_tolerance_stays_as_it_is():
    b = boundary_set({"W": WEST, "E": EAST})
    result = added_km2([km_box(100, 0, 195, 100)], b)  # 5 km from the border
    assert result.added_km2.sum() == 0


def test_a_thin_ukrainian_strip_along_an_inner_river_is_not_filled():
    b = boundary_set({"W": WEST, "E": EAST})
    # Held on both sides of a 1 km wide river strip, 30 km from the outer boundary.
    held = [km_box(100, 0, 200, 100).difference(km_box(150, 30, 151, 70))]
    result = added_km2(held, b)
    assert result.added_km2.sum() == 0
    # A bridgehead: a 2 km pocket in held land, away from the border.
    result = added_km2([km_box(100, 0, 200, 100).difference(km_box(140, 40, 142, 42))], b)
    assert result.added_km2.sum() == 0


def test_a_border_pocket_that_touches_no_held_land_stays():
    # An island 1 km offshore, 1 km wide, facing held land across the water.
    island = km_box(100, 101, 200, 102)
    b = boundary_set({"W": WEST, "E": EAST, "I": island})
    result = added_km2([km_box(100, 0, 200, 100)], b)
    assert result.added_km2[2] == 0  # within 3 km of both, thin, but it touches no held land
    # A thin strip along the border that held land does not reach stays too.
    result = added_km2([km_box(100, 0, 130, 50)], b)
    assert result.added_km2[1] == pytest.approx(0, abs=0.5)


def test_where_the_front_meets_the_border_at_most_a_thin_wedge_changes():
    b = boundary_set({"W": WEST, "E": EAST})
    # Held: a triangle whose front line meets the southern border at 30 degrees.
    front = shapely.Polygon([(150e3, 0), (200e3, 0), (200e3, 50e3 * np.tan(np.radians(30)))])
    result = added_km2([front], b)
    t = 3.0
    assert result.added_km2.sum() < t * t / np.tan(np.radians(15))  # the wedge narrower than t
    # Nothing moves where the front is more than t from the border.
    far = shapely.difference(km_box(0, 0, 200, 100), shapely.buffer(
        shapely.boundary(km_box(0, 0, 200, 100)), t * 1000))  # fmt: skip
    assert shapely.area(shapely.intersection(result.added_equal_area, far)) == 0


def test_tolerance_zero_is_the_raw_intersection():
    b = boundary_set({"W": WEST, "E": EAST})
    held = from_equal_area(km_box(100, 0, 198.5, 100))
    result = reconcile(held, b, 0)
    assert result.added_km2.sum() == 0 and result.pieces == ()
    assert reconciled_geometry(held, result) is held


def test_added_slivers_lie_in_the_border_zone_next_to_held_land():
    b = boundary_set({"W": WEST, "E": EAST})
    held_km = shapely.Polygon([(100e3, 0), (199e3, 2e3), (198e3, 98e3), (120e3, 99.2e3)])
    result = added_km2([held_km], b)
    added = result.added_equal_area
    assert result.added_km2.sum() > 0
    assert shapely.area(shapely.intersection(added, held_km)) < 1e-3
    outline = shapely.boundary(km_box(0, 0, 200, 100))
    assert shapely.covered_by(added, shapely.buffer(outline, 3000 + 1))
    assert shapely.covered_by(added, shapely.buffer(held_km, 3000 + 1))


def test_tolerance_is_checked():
    assert check_tolerance("2.5") == 2.5
    for bad in (-1, 11, float("nan"), "x"):
        with pytest.raises((UnknownValueError, ValueError)):
            check_tolerance(bad)
    assert method_key("v", 0.5) == "v/reconcile-0.5km/v2"


def test_incremental_equals_full_on_changing_geometry():
    b = boundary_set({"W": WEST, "E": EAST})
    incremental = IncrementalReconciler(b, 3.0)
    for east in (198.5, 198.5, 197.9, 150, 198.0, 198.0):
        held = km_box(100, 0, east, 100)
        full = reconcile(from_equal_area(held), b).added_km2
        assert np.allclose(incremental(to_equal_area(from_equal_area(held))), full, atol=1e-9)


# -- the real map -------------------------------------------------------------------------


@pytest.mark.shared_data
def test_the_line_of_contact_barely_moves(snapshot_20241120):
    layer = read_control_layer(snapshot_20241120)
    result = reconcile(layer.controlled)
    before = contact_line_km(contact_line(layer.controlled))
    after = contact_line_km(contact_line(reconciled_geometry(layer.controlled, result)))
    assert abs(after - before) / before < 0.01


@pytest.mark.shared_data
def test_history_and_single_files_agree_with_reconciliation(tmp_path):
    """Every 7th date of the shared history: the history's reconciled figures are the file's."""
    from geodata.history.compute import compute_history
    from geodata.history.sources import folder_history
    from tests.helpers import DAILY, require_shared

    daily = require_shared(DAILY)
    folder = tmp_path / "days"
    folder.mkdir()
    picked = sorted(daily.glob("deepstatemap_data_*.geojson"))[::7]
    for path in picked:
        (folder / path.name).symlink_to(path)
    series = compute_history(folder_history(folder))
    for row, path in enumerate(picked):
        stats = compute_stats(read_control_layer(path))
        assert np.allclose(series.controlled_km2[row], stats.regions["controlled_km2"], atol=1e-6)
        assert series.dates[row] == stats.date
    assert len(series) == len(picked) > 100


@pytest.mark.shared_data
def test_tolerance_zero_is_todays_raw_figures_on_every_shared_date(tmp_path):
    """--reconcile-km 0: the history's figures are the raw intersection of each file."""
    from geodata.history.compute import compute_history
    from geodata.history.sources import folder_history
    from geodata.stats import controlled_area_by_region
    from tests.helpers import DAILY, require_shared

    daily = require_shared(DAILY)
    series = compute_history(folder_history(daily), reconcile_km=0)
    assert len(series) == 769 and not series.added_km2.any()
    areas = series.boundaries.area_km2
    for row, snapshot in enumerate(folder_history(daily).snapshots):
        raw = controlled_area_by_region(read_control_layer(snapshot.path).controlled)
        difference = 100 * (series.controlled_km2[row] - raw["controlled_km2"].to_numpy()) / areas
        assert np.abs(difference).max() < 0.001, snapshot.date
