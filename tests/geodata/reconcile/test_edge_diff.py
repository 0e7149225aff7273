"""Day-to-day edge changes: outside their window nothing changed, so answers found there stand."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.boundaries import load_boundaries
from geodata.importers.assemble import MAX_EDGE_DEG, within_region
from geodata.places import HeldRawTracker, held_raw, place_points
from geodata.reconcile import DEFAULT_TOLERANCE_KM, UNCHANGED, BorderWatch, IncrementalReconciler
from geodata.reconcile.edges import EdgeDiff


def star(radii, centre=(0.0, 0.0), scale=1.0):
    """A simple polygon: vertices at growing angles round ``centre``, at the given radii."""
    angles = np.linspace(0, 2 * np.pi, len(radii), endpoint=False)
    x = centre[0] + scale * np.asarray(radii) * np.cos(angles)
    y = centre[1] + scale * np.asarray(radii) * np.sin(angles)
    return shapely.Polygon(np.column_stack([x, y]))


radii = st.lists(st.floats(1.0, 10.0), min_size=8, max_size=40)


@settings(max_examples=60, deadline=None)
@given(radii, st.data())
def test_outside_the_window_every_point_answers_as_before(before, data):
    start = data.draw(st.integers(0, len(before) - 1))
    length = data.draw(st.integers(1, len(before) // 2))
    after = list(before)
    for i in range(start, start + length):
        after[i % len(after)] = data.draw(st.floats(1.0, 10.0))
    hole = data.draw(st.booleans())
    first, second = star(before), star(after)
    if hole:  # a hole that stays, and a part that comes the second day
        pocket = shapely.box(-0.5, -0.5, 0.5, 0.5)
        first = shapely.Polygon(first.exterior, [pocket.exterior])
        second = shapely.MultiPolygon(
            [shapely.Polygon(second.exterior, [pocket.exterior]), shapely.box(20, 20, 21, 21)]
        )
    diff = EdgeDiff()
    assert diff(first).first
    change = diff(second)
    x, y = np.meshgrid(np.linspace(-12, 22, 69), np.linspace(-12, 22, 69))
    x, y = x.ravel(), y.ravel()
    same = shapely.contains_xy(first, x, y) == shapely.contains_xy(second, x, y)
    if change.nothing:
        assert same.all()
        return
    xmin, ymin, xmax, ymax = change.window
    outside = (x < xmin) | (x > xmax) | (y < ymin) | (y > ymax)
    assert same[outside].all()


def test_an_unchanged_geometry_changes_nothing_and_an_emptied_one_starts_again():
    diff = EdgeDiff()
    square = shapely.box(0, 0, 1, 1)
    assert diff(square).first and diff(square).nothing
    # The same square drawn from another corner has the same edges.
    assert diff(shapely.Polygon([(1, 1), (0, 1), (0, 0), (1, 0)])).nothing
    assert diff(shapely.Polygon()).first
    assert diff(square).first


def test_held_places_found_again_only_near_a_change_equal_a_full_test():
    """A front moved day after day over real places: the tracker agrees with held_raw each day."""
    x, y = place_points()
    centre = (float(np.median(x)), float(np.median(y)))
    rng = np.random.default_rng(7)
    radii = rng.uniform(150, 250, 60)
    tracker = HeldRawTracker()
    diff = EdgeDiff()
    retested = 0
    for day in range(30):
        if day == 12:
            territory = None  # a day with nothing held
        else:
            moved = rng.integers(0, len(radii), 3)
            radii[moved] = rng.uniform(150, 250, 3)
            territory = star(radii, centre, scale=1000.0)
        change = diff(territory)
        held = tracker(territory, change)
        assert np.array_equal(held, held_raw(territory)), day
        retested += 0 if change.first or change.nothing else 1
    assert retested > 20


def test_a_border_watch_told_of_the_change_reports_what_it_would_find_itself():
    """Told the edge change, the watch may say UNCHANGED early; the reconciliation is the same."""
    boundaries = load_boundaries()
    luhansk = boundaries.geometry_equal_area[boundaries.row_of("UA-09")]
    inner = shapely.buffer(luhansk, -20_000)  # well inside: its changes are far from the border
    bulge = shapely.union(inner, shapely.box(*inner.centroid.buffer(5000).bounds))
    days = [luhansk, luhansk, bulge, inner, luhansk]
    told, alone = BorderWatch(boundaries, DEFAULT_TOLERANCE_KM), BorderWatch(boundaries, 3.0)
    with_change = IncrementalReconciler(boundaries, DEFAULT_TOLERANCE_KM)
    without = IncrementalReconciler(boundaries, DEFAULT_TOLERANCE_KM)
    diff = EdgeDiff()
    answers = []
    for territory in days:
        report = told(territory, diff(territory))
        answers.append(report is UNCHANGED)
        ours = with_change.apply(report).added_km2
        theirs = without.apply(alone(territory)).added_km2
        assert np.array_equal(ours, theirs)
    assert answers == [False, True, False, True, False]


def test_short_edges_are_not_divided_and_long_ones_are():
    ring = shapely.box(30, 47, 30.5, 47.5)
    assert within_region(ring) is ring  # nothing to divide: the same geometry back
    wide = shapely.box(30, 47, 33, 47.5)
    divided = within_region(wide)
    assert shapely.get_num_coordinates(divided) > shapely.get_num_coordinates(wide)
    coords = shapely.get_coordinates(divided)
    assert np.hypot(*np.diff(coords, axis=0).T).max() <= MAX_EDGE_DEG
