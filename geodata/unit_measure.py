"""The one measurement: km² of a control geometry inside a unit, cell by cell.

Every figure, from one file or a history, is measured by :func:`measure_unit`,
so the two agree to the last bit.

Each unit is cut by a fixed grid of :data:`CELL_M` squares (in the equal-area
projection) into pieces; the control geometry clipped to a cell is measured
against that cell's piece, and the unit's figure is the sum over its cells in
a fixed order. A cell wholly inside the unit needs no overlay at all (the area
of the clip), and a history measures again only the cells where the front
moved: a day's change is local, and an overlay of a 60 km piece is a fraction
of one of the whole unit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import shapely

from geodata.boundaries import BoundarySet
from geodata.geometry import FEW_PARTS, clip_by_rects, geometry_array, polygonal

#: Side of the measurement grid's squares, metres in the equal-area projection.
CELL_M = 60_000.0

#: What :func:`measure_unit` remembers of each cell, for the next date's reuse.
CellMemo = list[tuple[shapely.Geometry | None, float]]


@dataclass(frozen=True, eq=False)
class UnitCells:
    """A unit cut into the grid's cells: each cell's box, the unit's piece in it, and
    whether the cell lies wholly inside the unit."""

    rects: tuple[tuple[float, float, float, float], ...]
    pieces: np.ndarray
    whole: np.ndarray

    @functools.cached_property
    def boxes(self) -> np.ndarray:
        """The cells' boxes as an array, one row ``(xmin, ymin, xmax, ymax)`` a cell."""
        return np.array(self.rects, dtype=np.float64).reshape(-1, 4)

    @classmethod
    def of(cls, unit) -> UnitCells:
        """The cells of a (polygonal, equal-area) unit, in a fixed order.

        >>> cells = UnitCells.of(shapely.box(-10_000, -10_000, 130_000, 70_000))
        >>> len(cells.rects), int(cells.whole.sum())  # two cells lie wholly inside
        (12, 2)
        """
        xmin, ymin, xmax, ymax = shapely.bounds(unit)
        xs = np.arange(np.floor(xmin / CELL_M), np.ceil(xmax / CELL_M)) * CELL_M
        ys = np.arange(np.floor(ymin / CELL_M), np.ceil(ymax / CELL_M)) * CELL_M
        rects, pieces, whole = [], [], []
        for x in xs:
            for y in ys:
                rect = (float(x), float(y), float(x + CELL_M), float(y + CELL_M))
                piece = shapely.clip_by_rect(unit, *rect)
                if not shapely.is_valid(piece):
                    piece = polygonal(shapely.make_valid(piece))
                if shapely.is_empty(piece) or shapely.area(piece) == 0:
                    continue
                rects.append(rect)
                pieces.append(piece)
                whole.append(bool(shapely.contains_properly(unit, shapely.box(*rect))))
        return cls(tuple(rects), np.array(pieces, dtype=object), np.array(whole, dtype=bool))


@functools.cache
def unit_cells(boundaries: BoundarySet, index: int) -> UnitCells:
    """The cells of one unit of a boundary set (made on first use, then kept)."""
    return UnitCells.of(boundaries.geometry_equal_area[index])


def measure_unit(cells: UnitCells, clipped, memo: CellMemo | None = None) -> tuple[float, CellMemo]:
    """km² of ``clipped`` inside the unit, and what each cell found (for the next date).

    ``clipped`` is the projected control geometry clipped to the unit's
    bounding box. With ``memo`` from the date before, a cell whose clip is
    exactly the same (coordinate for coordinate) gives its figure back
    without any geometry work; the result is the same as without it.

    >>> from geodata.boundaries import load_boundaries
    >>> b = load_boundaries()
    >>> row = b.row_of("UA-09")
    >>> luhansk = b.geometry_equal_area[row]
    >>> km2, memo = measure_unit(unit_cells(b, row), luhansk)
    >>> round(km2 / float(b.area_km2[row]), 9)
    1.0
    >>> measure_unit(unit_cells(b, row), luhansk, memo)[0] == km2
    True
    """
    count = len(cells.rects)
    if clipped is None or shapely.is_empty(clipped):
        return 0.0, [(None, 0.0)] * count
    xmin, ymin, xmax, ymax = shapely.bounds(clipped)
    box = cells.boxes
    reached = np.flatnonzero(
        (box[:, 0] <= xmax) & (box[:, 2] >= xmin) & (box[:, 1] <= ymax) & (box[:, 3] >= ymin)
    )
    parts = clip_by_rects(clipped, box[reached])
    same = np.zeros(len(reached), dtype=bool)
    if memo is not None:
        before = geometry_array(memo[i][0] for i in reached)
        known = ~shapely.is_missing(before)
        same[known] = shapely.equals_exact(before[known], parts[known], tolerance=0.0)
    kept: CellMemo = [(None, 0.0)] * count
    for index, part, unchanged in zip(reached, parts, same, strict=True):
        m2 = memo[index][1] if unchanged else _cell_m2(cells, index, part)
        kept[index] = (part, m2)
    total = 0.0
    for _part, m2 in kept:  # in cell order, always: the same sum on every path
        total += m2
    return total / 1e6, kept


def _cell_m2(cells: UnitCells, index: int, part) -> float:
    """m² of ``part`` (the control geometry clipped to cell ``index``) inside the unit.

    A geometry of many parts is measured part by part: the parts of a valid
    geometry have disjoint interiors, so a part wholly inside the piece counts
    whole and only the parts crossing its edge are overlaid. Thousands of
    scattered pockets then cost a test each, not one overlay of everything
    with everything.
    """
    if shapely.is_empty(part):
        return 0.0
    parts = shapely.get_parts(part)
    piece = cells.pieces[index]
    # clip_by_rect is fast but does not promise valid output: repair the rare
    # invalid clip rather than let the overlay fail on it.
    if len(parts) <= FEW_PARTS:
        if not shapely.is_valid(part):
            part = shapely.make_valid(part)
        if cells.whole[index]:
            return float(shapely.area(part))
        return float(shapely.area(shapely.intersection(piece, part)))
    invalid = ~shapely.is_valid(parts)
    if invalid.any():
        parts[invalid] = shapely.make_valid(parts[invalid])
    if cells.whole[index]:
        return float(shapely.area(parts).sum())
    inside = shapely.contains_properly(piece, parts)
    cut = shapely.area(shapely.intersection(piece, parts[~inside]))
    return float(shapely.area(parts[inside]).sum() + cut.sum())
