"""The one measurement, cell by cell: the same area as one overlay, and reuse changes nothing."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.boundaries import load_boundaries
from geodata.geometry import FEW_PARTS
from geodata.importers import read_control_layer
from geodata.projection import to_equal_area
from geodata.unit_measure import CELL_M, measure_unit, unit_cells
from tests.helpers import DAILY, require_shared


def overlay_km2(unit, clipped) -> float:
    return float(shapely.area(shapely.intersection(unit, shapely.make_valid(clipped)))) / 1e6


def test_cells_add_up_to_one_overlay_on_real_maps():
    require_shared(DAILY)
    boundaries = load_boundaries()
    bounds = shapely.bounds(boundaries.geometry_equal_area)
    for path in sorted(DAILY.glob("*.geojson"))[::150]:
        projected = to_equal_area(read_control_layer(path).controlled)
        for index, unit in enumerate(boundaries.geometry_equal_area):
            clipped = shapely.clip_by_rect(projected, *bounds[index])
            ours = measure_unit(unit_cells(boundaries, index), clipped)[0]
            assert np.isclose(ours, overlay_km2(unit, clipped), rtol=1e-9, atol=1e-6), index


def test_every_cell_of_a_unit_is_kept_and_whole_cells_lie_inside():
    boundaries = load_boundaries()
    for index, unit in enumerate(boundaries.geometry_equal_area):
        cells = unit_cells(boundaries, index)
        assert np.isclose(shapely.area(cells.pieces).sum(), shapely.area(unit), rtol=1e-9)
        for rect, whole in zip(cells.rects, cells.whole, strict=True):
            assert rect[2] - rect[0] == CELL_M and rect[3] - rect[1] == CELL_M
            assert whole == shapely.contains(unit, shapely.box(*rect))


def star(centre, radii):
    angles = np.linspace(0, 2 * np.pi, len(radii), endpoint=False)
    points = np.column_stack([centre[0] + np.cos(angles) * radii,
                              centre[1] + np.sin(angles) * radii])  # fmt: skip
    return shapely.Polygon(points)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(20_000, 150_000), min_size=6, max_size=30),
    st.lists(st.floats(20_000, 150_000), min_size=6, max_size=30),
    st.integers(0, 26),
)
def test_a_memo_from_any_date_before_gives_the_figure_measured_afresh(first, second, unit):
    boundaries = load_boundaries()
    geometry = boundaries.geometry_equal_area[unit]
    centre = shapely.centroid(geometry).coords[0]
    bounds = shapely.bounds(geometry)
    before = shapely.clip_by_rect(star(centre, first), *bounds)
    after = shapely.clip_by_rect(star(centre, second), *bounds)
    cells = unit_cells(boundaries, unit)
    _km2, memo = measure_unit(cells, before)
    reused, _ = measure_unit(cells, after, memo)
    afresh, _ = measure_unit(cells, after)
    assert reused == afresh
    assert np.isclose(afresh, overlay_km2(geometry, after), rtol=1e-9, atol=1e-6)


def test_many_pockets_in_one_cell_are_measured_part_by_part():
    boundaries = load_boundaries()
    row = boundaries.row_of("UA-14")
    unit = boundaries.geometry_equal_area[row]
    xmin, ymin, xmax, ymax = shapely.bounds(unit)
    xs = np.linspace(xmin, xmax, 40)
    ys = np.linspace(ymin, ymax, 40)
    pockets = shapely.multipolygons([shapely.box(x, y, x + 800, y + 800) for x in xs for y in ys])
    assert shapely.get_num_geometries(pockets) > FEW_PARTS
    ours = measure_unit(unit_cells(boundaries, row), pockets)[0]
    assert np.isclose(ours, overlay_km2(unit, pockets), rtol=1e-9)
