"""The grid of cells along Ukraine's outer boundary, and what reconciliation adds in each cell.

See :mod:`geodata.reconcile` for the method. A :class:`BorderGrid` holds the
static part for one boundary set and tolerance (each cell's band and zones,
built on first use or read from the prebuilt file) and the cells' results, kept
by their content.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely

from geodata.boundaries import BoundarySet
from geodata.geometry import buffer_by_parts, polygonal
from geodata.reconcile.edges import BandMask, Edges
from geodata.reconcile.prebuilt import fingerprint, read_cells, read_mask
from geodata.reconcile.result import Reconciliation
from geodata.reconcile.tolerance import METHOD_VERSION

CELL_KM = 50.0
_BAND_FACTOR = 2.2  # land within this many tolerances of the outer boundary takes part
_MARGIN_FACTOR = 1.5  # each cell is computed with this many tolerances around it
_TOUCH_M = 1.0  # "touches held land": closer than a metre
_ROUND_OFF_M = 0.01  # narrower than a centimetre is round-off, not land
_POCKET_FACTOR = 1.2  # a sliver may be this much wider than the tolerance in places
_DEEP_FACTOR = 1.8  # a pocket stays closer than this many tolerances to the border
# Segments per quarter circle in the buffers of tests 1 and 2 (GEOS's default):
# coarser arcs are faster but move borderline pieces from one side to the other.
_ARC = 8
_STATIC_ARC = 2  # the same, for the static band and zones around the outline
_MAX_KEPT_RESULTS = 4096  # cell results kept by content, per grid


@dataclass(frozen=True, eq=False)
class _CellResult:
    added: shapely.Geometry  # clipped to the cell, equal-area
    rows: np.ndarray  # unit rows it touches
    km2: np.ndarray  # its area in each of those units


class BorderGrid:
    """The static part of the method for one boundary set and tolerance: cells and their band.

    Cells are laid on a fixed 50 km grid in the equal-area projection; each
    cell's band and zone are cut from Ukraine's outline when the cell is first
    used. Shared between threads: its geometries are never prepared in place.
    """

    def __init__(self, boundaries: BoundarySet, tolerance_km: float, prebuilt: bool = True) -> None:
        self.boundaries = boundaries
        self.tolerance_m = tolerance_km * 1000.0
        self._tolerance_km = tolerance_km
        self.fingerprint = fingerprint(boundaries.version, tolerance_km, grid_parameters())
        found = read_cells(self.fingerprint) if prebuilt else None
        self.cores, self._cells = found if found is not None else (self._laid_out(), {})
        size, margin = CELL_KM * 1000.0, _MARGIN_FACTOR * self.tolerance_m
        self.frames = self.cores + np.array([-margin, -margin, margin, margin])
        self._lock = threading.Lock()
        self._results: dict[tuple, _CellResult] = {}
        self.computed = 0
        # Grid position (column, row) of each cell, for finding the frames an edge reaches.
        position = np.round(self.cores[:, :2] / size).astype(np.int64)
        self._grid_origin = position.min(axis=0) - 1
        shape = position.max(axis=0) - self._grid_origin + 2
        self._grid_index = np.full(shape, -1, dtype=np.int64)
        self._grid_index[tuple((position - self._grid_origin).T)] = np.arange(len(self.cores))

    @property
    def mask(self) -> BandMask:
        """The raster of where the border band may be (:func:`border_mask`)."""
        return border_mask(self.boundaries, self._tolerance_km)

    @property
    def _ukraine(self):
        return ukraine_equal_area(self.boundaries)

    @property
    def _outline(self):
        return shapely.boundary(self._ukraine)

    def _laid_out(self) -> np.ndarray:
        """The cells' cores: the 50 km squares of a fixed grid that the border zone reaches."""
        size = CELL_KM * 1000.0
        west, south, east, north = (
            shapely.bounds(self._ukraine) + np.array([-1, -1, 1, 1]) * self.tolerance_m
        )
        xs = np.arange(math.floor(west / size), math.ceil(east / size)) * size
        ys = np.arange(math.floor(south / size), math.ceil(north / size)) * size
        x, y = (a.ravel() for a in np.meshgrid(xs, ys))
        cores = np.column_stack([x, y, x + size, y + size])
        # Cells the border zone reaches: the outline comes within t of the core.
        outline = shapely.from_wkb(shapely.to_wkb(self._outline))  # a copy to prepare
        shapely.prepare(outline)
        return cores[shapely.dwithin(shapely.box(*cores.T), outline, self.tolerance_m)]

    def cells_near(self, projected) -> list[int]:
        """Cells whose frame the held territory reaches (only they can add anything)."""
        boxes = _boxes_of_parts(projected)
        if len(boxes) == 0:
            return []
        return sorted(_overlapping(self.frames, boxes))

    def cell_keys(self, edges: Edges, projected, cells: list[int]) -> dict[int, tuple]:
        """The content key of each of these cells for this geometry (see IncrementalReconciler).

        ``edges`` are the geometry's edges near the border (:class:`Edges`).
        """
        size, margin = CELL_KM * 1000.0, _MARGIN_FACTOR * self.tolerance_m
        low = np.minimum(edges.starts, edges.ends)
        high = np.maximum(edges.starts, edges.ends)
        first = np.floor((low - margin) / size).astype(np.int64)
        last = np.floor((high + margin) / size).astype(np.int64)
        # An edge reaches the frames from `first` to `last` along each axis: with
        # frames wider than twice their margin, at most two for an edge shorter
        # than a cell; the rare longer one is walked through below.
        folded = np.zeros(len(self.cores), dtype=np.uint64)
        for di in (0, 1):
            for dj in (0, 1):
                found = self._cell_at(first[:, 0] + di, first[:, 1] + dj)
                hit = (found >= 0) & (first[:, 0] + di <= last[:, 0])
                hit &= first[:, 1] + dj <= last[:, 1]
                np.bitwise_xor.at(folded, found[hit], edges.keys[hit])
        for index in np.flatnonzero(((last - first) > 1).any(axis=1)):
            for i in range(first[index, 0], last[index, 0] + 1):
                for j in range(first[index, 1], last[index, 1] + 1):
                    if (i - first[index, 0]) > 1 or (j - first[index, 1]) > 1:
                        found = self._cell_at(np.array([i]), np.array([j]))[0]
                        if found >= 0:
                            folded[found] ^= edges.keys[index]
        # Where no edge crosses a part of a band, whether it is held decides.
        references = [self._cell(i)[4] for i in cells]
        if not cells:
            return {}
        points = np.concatenate(references)
        held = shapely.contains_xy(projected, points[:, 0], points[:, 1])
        keys, start = {}, 0
        for index, reference in zip(cells, references, strict=True):
            keys[index] = (int(folded[index]), held[start : start + len(reference)].tobytes())
            start += len(reference)
        return keys

    def _cell_at(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The cell index at grid position (i, j), or -1 where there is no cell."""
        i = i - self._grid_origin[0]
        j = j - self._grid_origin[1]
        columns, rows = self._grid_index.shape
        inside = (i >= 0) & (i < columns) & (j >= 0) & (j < rows)
        found = np.full(len(i), -1, dtype=np.int64)
        found[inside] = self._grid_index[i[inside], j[inside]]
        return found

    def cell_result(self, index: int, projected, key: tuple) -> _CellResult:
        """The slivers one cell adds, clipped to the cell, with their km² per unit.

        ``key`` is the cell's content key (:meth:`cell_keys`): a result already
        computed for the same key is given back as it is.
        """
        result = self._results.get((index, key))
        if result is None:
            band = self._cell(index)[0]
            held = polygonal(
                shapely.intersection(shapely.clip_by_rect(projected, *self.frames[index]), band)
            )
            # The key also covers edges of the frame outside the band: the same
            # held land in the band may come back under another key.
            content = (index, shapely.to_wkb(held))
            result = self._results.get(content)
            if result is None:
                result = self._result_from_held(index, held)
                self.computed += 1
            self._results[(index, key)] = self._results[content] = result
            while len(self._results) > _MAX_KEPT_RESULTS:
                self._results.pop(next(iter(self._results)))
        return result

    def _result_from_held(self, index: int, held) -> _CellResult:
        added = self._cell_added(index, held)
        rows = self._cell(index)[3]
        if shapely.is_empty(added) or len(rows) == 0:
            return _CellResult(shapely.Polygon(), rows[:0], np.zeros(0))
        units = self._cell(index)[5]
        if len(units) == 1:  # the cell lies in one unit: nothing to divide
            km2 = np.array([shapely.area(added) / 1e6])
        else:
            km2 = shapely.area(shapely.intersection(units, added)) / 1e6
        return _CellResult(added, rows, km2)

    def combine(self, results: list[_CellResult]) -> Reconciliation:
        """Add up the cells' results (in cell order, so every path gives the same sums)."""
        km2 = np.zeros(len(self.boundaries.area_km2))
        pieces = []
        for result in results:
            if len(result.rows):
                np.add.at(km2, result.rows, result.km2)
                pieces.append(result.added)
        return Reconciliation(self.tolerance_m / 1000.0, tuple(pieces), km2)

    def built_cells(self) -> dict[int, tuple]:
        """Every cell's static parts, built where need be (for the prebuilt file)."""
        return {index: self._cell(index) for index in range(len(self.cores))}

    def _cell(self, index: int) -> tuple:
        """(band, zone, deep part, unit rows, reference points, unit parts) of a cell.

        Read from the prebuilt file when it matches, else built on first use.
        """
        cell = self._cells.get(index)
        if cell is None:
            with self._lock:
                cell = self._cells.get(index)
                if cell is None:
                    cell = self._cells[index] = self._build_cell(index)
        return cell

    def _build_cell(self, index: int) -> tuple:
        t = self.tolerance_m
        frame = self.frames[index]
        reach = frame + np.array([-1, -1, 1, 1]) * _BAND_FACTOR * t
        outline = shapely.clip_by_rect(self._outline, *reach)
        land = shapely.clip_by_rect(self._ukraine, *frame)
        band = polygonal(shapely.intersection(land, _coarse_buffer(outline, _BAND_FACTOR * t)))
        zone = polygonal(shapely.intersection(band, _coarse_buffer(outline, t)))
        # Wide land reaching this far from the border is mainland, never a pocket.
        deep = polygonal(shapely.difference(band, _coarse_buffer(outline, _DEEP_FACTOR * t)))
        core = shapely.box(*self.cores[index])
        units = self.boundaries.geometry_equal_area
        rows = np.flatnonzero(shapely.intersects(units, core))
        unit_parts = shapely.intersection(units[rows], core)  # what the cell's slivers fall in
        parts = shapely.get_parts(band)
        references = shapely.get_coordinates(shapely.point_on_surface(parts))
        return band, zone, deep, rows, references, unit_parts

    def _cell_added(self, index: int, held) -> shapely.Geometry:
        band, zone, deep, _rows, _references, _units = self._cell(index)
        if shapely.is_empty(held):
            return shapely.Polygon()
        t = self.tolerance_m
        # Test 1: near the outer boundary and near held land.
        gap = shapely.difference(zone, held)
        if shapely.is_empty(gap):
            return shapely.Polygon()
        near = polygonal(shapely.intersection(gap, buffer_by_parts(held, t)))
        if shapely.is_empty(near):
            return shapely.Polygon()
        # Test 2: where the not-held land is narrower than t. Where a sliver is
        # a little wider than t (up to 20 %), the opening leaves round pockets:
        # those count as sliver where they pass test 1, next to accepted pieces.
        rest = shapely.difference(band, held)
        opened = polygonal(_buffer(_buffer(rest, -t / 2), t / 2))
        wide = shapely.get_parts(opened)
        wide = wide[~shapely.is_empty(wide)]
        pocket = np.zeros(len(wide), dtype=bool)
        shallow = np.flatnonzero(~shapely.intersects(wide, deep)) if len(wide) else []
        if len(shallow):
            radius = shapely.length(shapely.maximum_inscribed_circle(wide[shallow], t / 20))
            pocket[shallow] = radius <= _POCKET_FACTOR * t / 2
        # Parts of one valid geometry: a subset of them needs no union.
        mainland = shapely.multipolygons(wide[~pocket]) if pocket.any() else opened
        thin = polygonal(shapely.difference(near, opened))
        # Edges that coincide but for round-off leave slivers nanometres wide: drop them.
        thin = shapely.get_parts(polygonal(_mitred(_mitred(thin, -_ROUND_OFF_M), _ROUND_OFF_M)))
        # Test 3: pieces that lie along held land, more than they open onto the mainland.
        thin = thin[shapely.dwithin(thin, held, _TOUCH_M)] if len(thin) else thin
        if len(thin):
            opening = np.flatnonzero(shapely.dwithin(thin, mainland, _TOUCH_M))
            keep = np.ones(len(thin), dtype=bool)
            keep[opening] = _along_held(thin[opening], held, mainland)
            thin = thin[keep]
        if len(thin) == 0:
            return shapely.Polygon()
        added = shapely.multipolygons(thin)
        if pocket.any():
            pockets = wide[pocket]
            pockets = pockets[shapely.dwithin(pockets, added, _TOUCH_M)]
            if len(pockets):  # they share edges with the pieces: merged by a union
                added = shapely.union_all([added, *shapely.intersection(pockets, near)])
        holes = _holes(added)
        if holes is not None:
            added = polygonal(shapely.union(added, shapely.intersection(holes, near)))
        return polygonal(shapely.intersection(added, shapely.box(*self.cores[index])))


def grid_parameters() -> dict:
    """The parameters a grid's static cells depend on (with the boundaries and tolerance)."""
    return {
        "method": METHOD_VERSION, "cell_km": CELL_KM, "band": _BAND_FACTOR,
        "margin": _MARGIN_FACTOR, "deep": _DEEP_FACTOR, "static_arcs": _STATIC_ARC,
    }  # fmt: skip


@cache
def border_grid(boundaries: BoundarySet, tolerance_km: float) -> BorderGrid:
    """The :class:`BorderGrid` of a boundary set and tolerance (built once per process)."""
    return BorderGrid(boundaries, tolerance_km)


@cache
def border_mask(boundaries: BoundarySet, tolerance_km: float) -> BandMask:
    """The raster of where a boundary set's border band may be (once per process; prebuilt)."""
    found = read_mask(fingerprint(boundaries.version, tolerance_km, grid_parameters()))
    if found is not None:
        return found
    outline = shapely.boundary(ukraine_equal_area(boundaries))
    return BandMask.around(outline, _BAND_FACTOR * tolerance_km * 1000.0)


def ukraine_equal_area(boundaries: BoundarySet) -> shapely.Geometry:
    """Ukraine as one polygon in the equal-area projection (``country_equal_area``)."""
    return boundaries.country_equal_area


# -- helpers ---------------------------------------------------------------------------------


def _along_held(pieces: np.ndarray, held, wide) -> np.ndarray:
    """Which thin pieces run along held land for longer than they open onto wide not-held land.

    A sliver lies between held land and the border: it is bounded by the two,
    and opens onto wide land, if at all, only across its narrow ends. The tip
    of a corner where the front meets the border is the opposite: a short
    stretch of front and border, and a long arc onto the land around it. This
    keeps the ends of the front line where they are.
    """
    if len(pieces) == 0:
        return np.zeros(0, dtype=bool)
    edges = shapely.boundary(pieces)
    # Only the land around the pieces matters: cut it out before buffering it.
    west, south, east, north = shapely.total_bounds(pieces)
    around = shapely.box(west - 2 * _TOUCH_M, south - 2 * _TOUCH_M,
                         east + 2 * _TOUCH_M, north + 2 * _TOUCH_M)  # fmt: skip
    held, wide = shapely.intersection(held, around), shapely.intersection(wide, around)
    along = shapely.length(shapely.intersection(edges, shapely.buffer(held, _TOUCH_M)))
    onto = shapely.length(shapely.intersection(edges, shapely.buffer(wide, _TOUCH_M)))
    return along > onto


def _mitred(geometry, distance: float):
    # Mitred corners: a centimetre in and out again gives back the same corners.
    return shapely.buffer(geometry, distance, join_style="mitre")


def _coarse_buffer(geometry, distance: float):
    # The band and zones around the outline: a few segments per quarter circle
    # (within 1 - cos(π/8) ≈ 8 % of the distance, inside), and the overlays with
    # them several times faster.
    return shapely.buffer(geometry, distance, quad_segs=_STATIC_ARC)


def _buffer(geometry, distance: float):
    return shapely.buffer(geometry, distance, quad_segs=_ARC)


def _holes(geometry):
    """The holes of a (Multi)Polygon as one geometry, or None when it has none."""
    parts = shapely.get_parts(geometry)
    counts = shapely.get_num_interior_rings(parts)
    if not counts.any():
        return None
    rings = [
        shapely.get_interior_ring(part, i)
        for part, n in zip(parts, counts, strict=True)
        for i in range(n)
    ]
    return shapely.union_all(shapely.polygons(rings))


def _boxes_of_parts(geometry) -> np.ndarray:
    parts = shapely.get_parts(geometry)
    return shapely.bounds(parts) if len(parts) else np.zeros((0, 4))


def _overlapping(frames: np.ndarray, boxes: np.ndarray) -> list[int]:
    """Indices of frames that overlap any of the boxes."""
    hits = np.zeros(len(frames), dtype=bool)
    # Chunks keep the frames × boxes matrix small on a day the whole map is redrawn.
    for start in range(0, len(boxes), 512):
        chunk = boxes[start : start + 512]
        hits |= (
            (frames[:, None, 0] <= chunk[None, :, 2]) & (frames[:, None, 2] >= chunk[None, :, 0])
            & (frames[:, None, 1] <= chunk[None, :, 3]) & (frames[:, None, 3] >= chunk[None, :, 1])
        ).any(axis=1)  # fmt: skip
    return np.flatnonzero(hits).tolist()
