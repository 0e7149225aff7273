"""Border and coast reconciliation: thin not-held slivers against Ukraine's edge count as held.

Why
---
Control data traces Ukraine's state border and coast on its own, while the
boundaries (Natural Earth 1:10m) are generalised: 0.3 mm at 1:10,000,000 is
3 km. Where the two disagree, a raw intersection leaves thin strips between
the held territory and Ukraine's outer boundary that nobody holds — Crimea
"99 %" held, Luhansk missing ~230 km² along the Russian border. Those strips
are an artefact of the two scales, not territory.

Method
------
In the equal-area projection, with Ukraine ``U`` (the union of the units), the
held part ``H`` (control ∩ U) and the rest ``N = U - H``, a point of ``N``
counts as held when

1. it lies within the tolerance ``t`` of Ukraine's outer boundary (state
   border and coast) **and** within ``t`` of ``H``;
2. ``N`` is thin there: the morphological opening of ``N`` by a disc of
   radius ``t/2`` removes it (``N`` is narrower than ``t``), so a piece of
   land wide enough to stand on — Ochakiv across the water from the Kinburn
   spit, the Ukrainian side where the front meets the border — is never
   taken;
3. its piece (of the points passing 1 and 2) touches ``H``, and runs along
   ``H`` for longer than it opens onto the wide not-held land: a border strip
   that touches no held land stays as it is, and so does the tip of the
   corner where the front meets the border (it opens onto the land around it
   along a quarter circle, and touches the front only over ``t/2``).

Holes such pieces enclose, where they pass test 1, are filled too (the
opening leaves a round pocket wherever a sliver is locally a little wider
than ``t``). The front line inside Ukraine is never moved: away from the outer
boundary test 1 fails, so a Ukrainian-held strip or bridgehead on the Dnipro
stays Ukrainian. The line of contact already leaves out the same border zone
(:mod:`geodata.contact_line`).

Locality
--------
Only land within ``2.2 t`` of the outer boundary takes part (the opening
looks ``t`` further in than test 1, and a little more for round-off). The
work is done per cell of a 50 km grid, each with a margin of ``1.5 t``; the
cells' results are clipped to the cells and added up. A cell's result is kept
by the content of its band (:class:`IncrementalReconciler`), so a history
computes each border cell once for every state it takes, not once a day.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.errors import UnknownValueError
from geodata.geometry import polygonal, to_equal_area_valid
from geodata.projection import GRID_DEG, from_equal_area

#: The default tolerance in km: the scale of the boundaries' generalisation,
#: also the line of contact's border tolerance.
DEFAULT_TOLERANCE_KM = 3.0
#: The largest tolerance accepted: beyond it, "reconciliation" would move fronts.
MAX_TOLERANCE_KM = 10.0
#: Changes when the method changes, so stored figures of an older method are not reused.
METHOD_VERSION = "1"

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
_MAX_KEPT_RESULTS = 4096  # cell results kept by content, per grid


@dataclass(frozen=True, eq=False)
class Reconciliation:
    """What reconciliation added to one control geometry.

    Attributes
    ----------
    tolerance_km : float
        The tolerance used (0: nothing added).
    pieces : tuple of shapely.Geometry
        The slivers counted as held, one (Multi)Polygon per grid cell, in
        :data:`geodata.projection.EQUAL_AREA_CRS` (see :attr:`added_equal_area`).
    added_km2 : numpy.ndarray
        Their area in each unit, in the boundary set's row order.
    """

    tolerance_km: float
    pieces: tuple[shapely.Geometry, ...]
    added_km2: np.ndarray

    @property
    def added_equal_area(self) -> shapely.Geometry:
        """The slivers counted as held, in :data:`geodata.projection.EQUAL_AREA_CRS`."""
        # Built when asked for: a history needs the km² only.
        return shapely.union_all(self.pieces) if self.pieces else shapely.Polygon()

    @property
    def added(self) -> shapely.Geometry:
        """The slivers counted as held, in WGS84 (lon, lat)."""
        return from_equal_area(self.added_equal_area)


def check_tolerance(tolerance_km: float) -> float:
    """Return the tolerance as a float, or raise a ValueError naming the allowed range.

    >>> check_tolerance(3)
    3.0
    >>> check_tolerance(-1)
    Traceback (most recent call last):
    ...
    geodata.errors.UnknownValueError: unknown reconciliation tolerance (km) -1; choose one of: \
a number from 0 to 10
    """
    value = float(tolerance_km)
    if not (0.0 <= value <= MAX_TOLERANCE_KM) or math.isnan(value):
        allowed = [f"a number from 0 to {MAX_TOLERANCE_KM:g}"]
        raise UnknownValueError("reconciliation tolerance (km)", tolerance_km, allowed)
    return value


def method_key(boundary_version: str, tolerance_km: float) -> str:
    """The store's key for figures added by reconciliation with this tolerance and method.

    >>> method_key("abc", 3)
    'abc/reconcile-3km/v1'
    """
    return f"{boundary_version}/reconcile-{check_tolerance(tolerance_km):g}km/v{METHOD_VERSION}"


def reconcile(
    controlled,
    boundaries: BoundarySet | None = None,
    tolerance_km: float = DEFAULT_TOLERANCE_KM,
) -> Reconciliation:
    """The slivers along Ukraine's border and coast that count as held, and their km² per unit.

    Parameters
    ----------
    controlled : shapely.Geometry
        Held territory in WGS84 (lon, lat); anything outside Ukraine is ignored.
    boundaries : BoundarySet, optional
        The units; the bundled ones by default.
    tolerance_km : float
        How far apart the two data sets' borders may be; 0 adds nothing.

    Examples
    --------
    Crimea held all but a 1 km strip along its coast: the strip is filled, but
    for the tips of spits more than 3 km from any held land.

    >>> from geodata.projection import to_equal_area
    >>> b = load_boundaries()
    >>> row = b.row_of("UA-43")
    >>> coast = shapely.buffer(shapely.boundary(shapely.union_all(b.geometry_equal_area)), 1000)
    >>> inland = from_equal_area(shapely.difference(b.geometry_equal_area[row], coast))
    >>> result = reconcile(inland, b)
    >>> raw_km2 = shapely.area(shapely.intersection(to_equal_area(inland),
    ...                                             b.geometry_equal_area[row])) / 1e6
    >>> round(float(result.added_km2[row])), round(float(b.area_km2[row] - raw_km2))
    (941, 944)
    >>> float(reconcile(inland, b, 0).added_km2.sum())
    0.0
    """
    boundaries = boundaries or load_boundaries()
    tolerance_km = check_tolerance(tolerance_km)
    if tolerance_km == 0 or controlled is None or shapely.is_empty(controlled):
        return _nothing(boundaries, tolerance_km)
    projected = to_equal_area_valid(controlled)
    return IncrementalReconciler(boundaries, tolerance_km).reconcile(projected)


@lru_cache(maxsize=16)
def reconcile_layer(layer, boundaries: BoundarySet | None = None,
                    tolerance_km: float = DEFAULT_TOLERANCE_KM) -> Reconciliation:  # fmt: skip
    """:func:`reconcile` of a :class:`~geodata.control.ControlLayer`, kept for the last few layers.

    The statistics, the proposals and the map all ask for the same layer's
    reconciliation; it is computed once.
    """
    return reconcile(layer.controlled, boundaries, tolerance_km)


def reconciled_geometry(controlled, reconciliation: Reconciliation) -> shapely.Geometry:
    """The held territory with the reconciled slivers added (WGS84), for overlays and proposals."""
    if not reconciliation.pieces:
        return controlled
    # Snap-rounded like every overlay of the proposals: the slivers' edges meet
    # the held land's edges exactly only in the projection they were cut in.
    added = reconciliation.added
    if not shapely.is_valid(added):  # the inverse projection can make a vertex cross an edge
        added = polygonal(shapely.make_valid(added))
    result = polygonal(shapely.union(controlled, added, grid_size=GRID_DEG))
    return result if shapely.is_valid(result) else polygonal(shapely.make_valid(result))


class IncrementalReconciler:
    """:func:`reconcile` for many geometries (a history), reusing each cell's result by content.

    A cell's result depends on nothing but the held land in its band, and that
    is fixed by the edges that reach the band and, for each part of the band,
    whether one point of it is held. Those make the cell's key: a key seen
    before (the day before, or any day) gives its result back without any
    geometry work, in any order of dates.

    >>> from geodata.projection import to_equal_area
    >>> b = load_boundaries()
    >>> luhansk = to_equal_area(b.units.geometry[b.row_of("UA-09")])
    >>> reconciler = IncrementalReconciler(b, DEFAULT_TOLERANCE_KM)
    >>> first = reconciler(luhansk)
    >>> computed = reconciler.computed_cells
    >>> bool((reconciler(luhansk) == first).all()), reconciler.computed_cells == computed > 0
    (True, True)
    """

    def __init__(self, boundaries: BoundarySet, tolerance_km: float) -> None:
        self._boundaries = boundaries
        self.tolerance_km = check_tolerance(tolerance_km)
        self._last: tuple[np.ndarray, Reconciliation] | None = None

    @property
    def _grid(self) -> BorderGrid | None:
        # Built on first use: a history's workers start meanwhile.
        return border_grid(self._boundaries, self.tolerance_km) if self.tolerance_km else None

    @property
    def computed_cells(self) -> int:
        """How many cell results were computed (not found by their key) so far."""
        return self._grid.computed if self._grid else 0

    def __call__(self, projected) -> np.ndarray:
        """Added km² per unit for this geometry (equal-area projection)."""
        return self.reconcile(projected).added_km2

    def reconcile(self, projected, edges: _Edges | None = None) -> Reconciliation:
        """The whole :class:`Reconciliation` for this geometry (equal-area projection).

        ``edges``: its edges near the border, when already known (:class:`BorderWatch`).
        """
        grid = self._grid
        if grid is None or projected is None or shapely.is_empty(projected):
            self._last = None
            return _nothing(self._boundaries, self.tolerance_km)
        edges = edges or _Edges.of(projected, grid.mask)
        # Most days nothing changes near the border: the day before's result stands.
        if self._last is not None and np.array_equal(self._last[0], edges.sorted_keys):
            return self._last[1]
        near = grid.cells_near(projected)
        shapely.prepare(projected)  # for the point-in-polygon tests of the keys
        keys = grid.cell_keys(edges, projected, near)
        result = grid.combine([grid.cell_result(i, projected, keys[i]) for i in near])
        self._last = (edges.sorted_keys, result)
        return result

    def apply(self, change) -> np.ndarray:
        """Added km² per unit for what a :class:`BorderWatch` reported for the next date."""
        if change is UNCHANGED:
            if self._last is None:
                raise ValueError("a BorderWatch reported no change before any date")
            return self._last[1].added_km2
        projected, edges = change
        return self.reconcile(projected, edges).added_km2


#: What :class:`BorderWatch` reports when nothing changed near the border since its last date.
UNCHANGED = None


class BorderWatch:
    """Where the work of a history is split: tells, date after date, what the reconciler needs.

    A worker reading a history's files feeds it each date's territory (in the
    equal-area projection); it answers :data:`UNCHANGED` when no edge near the
    border changed since the date before, else ``(projected, edges)`` for
    :meth:`IncrementalReconciler.apply`, which must see the same dates in the
    same order. Most days nothing changes near the border, and nothing but a
    word is handed over.
    """

    def __init__(self, boundaries: BoundarySet, tolerance_km: float) -> None:
        tolerance_km = check_tolerance(tolerance_km)
        self._mask = border_mask(boundaries, tolerance_km) if tolerance_km else None
        self._last: bytes | None = None

    def __call__(self, projected):
        """UNCHANGED, or what the reconciler needs for this date."""
        if self._mask is None or projected is None or shapely.is_empty(projected):
            self._last = None
            return (None, None)
        starts, ends = _edges_near(projected, self._mask)
        # A digest of the edges near the border, in their order: equal, nothing changed.
        digest = hashlib.blake2b(starts.tobytes() + ends.tobytes(), digest_size=16).digest()
        if digest == self._last:
            return UNCHANGED
        self._last = digest
        return (projected, _Edges.between(starts, ends))


# -- the grid of cells along the outer boundary ----------------------------------------------


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

    def __init__(self, boundaries: BoundarySet, tolerance_km: float) -> None:
        self.boundaries = boundaries
        self.tolerance_m = tolerance_km * 1000.0
        self._ukraine = _ukraine(boundaries)
        self._outline = shapely.boundary(self._ukraine)
        size = CELL_KM * 1000.0
        margin = _MARGIN_FACTOR * self.tolerance_m
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
        near_outline = shapely.dwithin(shapely.box(*cores.T), outline, self.tolerance_m)
        self.cores = cores[near_outline]
        self.frames = self.cores + np.array([-margin, -margin, margin, margin])
        self._cells: dict[int, tuple] = {}
        self._lock = threading.Lock()
        self._results: dict[tuple, _CellResult] = {}
        self.computed = 0
        # Grid position (column, row) of each cell, for finding the frames an edge reaches.
        position = np.round(self.cores[:, :2] / size).astype(np.int64)
        self._grid_origin = position.min(axis=0) - 1
        shape = position.max(axis=0) - self._grid_origin + 2
        self._grid_index = np.full(shape, -1, dtype=np.int64)
        self._grid_index[tuple((position - self._grid_origin).T)] = np.arange(len(self.cores))
        self.mask = border_mask(boundaries, tolerance_km)

    def cells_near(self, projected) -> list[int]:
        """Cells whose frame the held territory reaches (only they can add anything)."""
        boxes = _boxes_of_parts(projected)
        if len(boxes) == 0:
            return []
        return sorted(_overlapping(self.frames, boxes))

    def cell_keys(self, edges: _Edges, projected, cells: list[int]) -> dict[int, tuple]:
        """The content key of each of these cells for this geometry (see IncrementalReconciler).

        ``edges`` are the geometry's edges near the border (:class:`_Edges`).
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

    def _cell(self, index: int) -> tuple:
        """(band, zone within the band, unit rows) of a cell, built on first use."""
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
        near = polygonal(shapely.intersection(gap, shapely.buffer(held, t)))
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


@cache
def border_grid(boundaries: BoundarySet, tolerance_km: float) -> BorderGrid:
    """The :class:`BorderGrid` of a boundary set and tolerance (built once per process)."""
    return BorderGrid(boundaries, tolerance_km)


@cache
def border_mask(boundaries: BoundarySet, tolerance_km: float) -> _BandMask:
    """The raster of where a boundary set's border band may be (built once per process)."""
    outline = shapely.boundary(_ukraine(boundaries))
    return _BandMask(outline, _BAND_FACTOR * tolerance_km * 1000.0)


def clear_caches() -> None:
    """Forget every grid, mask and result kept in this process (for cold benchmarks)."""
    border_grid.cache_clear()
    border_mask.cache_clear()
    reconcile_layer.cache_clear()
    _ukraine.cache_clear()


@cache
def _ukraine(boundaries: BoundarySet) -> shapely.Geometry:
    return shapely.union_all(boundaries.geometry_equal_area)


# -- helpers ---------------------------------------------------------------------------------


def _nothing(boundaries: BoundarySet, tolerance_km: float) -> Reconciliation:
    return Reconciliation(tolerance_km, (), np.zeros(len(boundaries.area_km2)))


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
    return shapely.buffer(geometry, distance, quad_segs=2)


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


def _prepared(geometry):
    copy = shapely.from_wkb(shapely.to_wkb(geometry))
    shapely.prepare(copy)
    return copy


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


@dataclass(eq=False)
class _Edges:
    """The edges of a polygonal geometry near the border band, each with a 64-bit key.

    A polygon is the region its edges enclose: where no edge changed, the
    geometry did not change either, whatever else did.
    """

    keys: np.ndarray  # one 64-bit key per edge, the same whichever way round it runs
    starts: np.ndarray  # (n, 2) coordinates
    ends: np.ndarray

    @functools.cached_property
    def sorted_keys(self) -> np.ndarray:
        """The keys in order: equal for two geometries with the same edges near the border."""
        return np.sort(self.keys)

    @classmethod
    def of(cls, geometry, mask: _BandMask) -> _Edges:
        """The edges of a (Multi)Polygon that may touch the border band ``mask`` covers."""
        return cls.between(*_edges_near(geometry, mask))

    @classmethod
    def between(cls, starts: np.ndarray, ends: np.ndarray) -> _Edges:
        """The edges from ``starts`` to ``ends`` ((n, 2) arrays), keyed."""
        first = _mix(_mix(np.full(len(starts), _SEED), starts[:, 0]), starts[:, 1])
        second = _mix(_mix(np.full(len(ends), _SEED), ends[:, 0]), ends[:, 1])
        keys = _mix(_mix(np.full(len(first), _SEED), np.minimum(first, second)),
                    np.maximum(first, second))  # fmt: skip
        return cls(keys, starts, ends)


class _BandMask:
    """A coarse raster of where the border band may be: every pixel within ``reach`` of the outline.

    Finding the edges near the border with it costs a few array look-ups: an
    edge's two ends, and a point every pixel along a longer edge. The raster
    reaches one pixel further than asked, so no edge that crosses the band is
    missed.
    """

    PIXEL_M = 1000.0

    def __init__(self, outline, reach_m: float) -> None:
        points = shapely.get_coordinates(shapely.segmentize(outline, self.PIXEL_M / 2))
        self.origin = points.min(axis=0) - reach_m - self.PIXEL_M
        size = np.ceil((points.max(axis=0) + reach_m + self.PIXEL_M - self.origin) / self.PIXEL_M)
        self.shape = size.astype(int)
        self.cells = np.zeros(self.shape, dtype=bool)
        radius = math.ceil(reach_m / self.PIXEL_M) + 1
        centre = ((points - self.origin) // self.PIXEL_M).astype(int)
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                if (abs(dx) - 1) ** 2 + (abs(dy) - 1) ** 2 <= radius**2:
                    ix = np.clip(centre[:, 0] + dx, 0, self.shape[0] - 1)
                    iy = np.clip(centre[:, 1] + dy, 0, self.shape[1] - 1)
                    self.cells[ix, iy] = True
        self._flat = self.cells.ravel()

    def may_touch(self, path: np.ndarray) -> np.ndarray:
        """For consecutive points of a path, whether each edge between them may touch the band."""
        ix, iy = self._pixels(path)
        covered = self._flat[ix * self.shape[1] + iy]
        touch = covered[:-1] | covered[1:]
        # An edge that spans more than neighbouring pixels is also looked at every
        # pixel along its length.
        far = (np.abs(np.diff(ix)) > 1) | (np.abs(np.diff(iy)) > 1)
        long = np.flatnonzero(far & ~touch)
        if len(long):
            span = np.abs(path[long + 1] - path[long]).max(axis=1)
            steps = np.zeros(len(path) - 1, dtype=np.int64)
            steps[long] = np.ceil(span / self.PIXEL_M).astype(np.int64)
            counts = steps[long] - 1
            edge = np.repeat(long, counts)
            fraction = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + 1
            fraction = fraction / np.repeat(steps[long], counts)
            points = path[edge] + (path[edge + 1] - path[edge]) * fraction[:, None]
            hit = np.zeros(len(path) - 1, dtype=bool)
            hit[edge[self._covers(points)]] = True
            touch |= hit
        return touch

    def _covers(self, points: np.ndarray) -> np.ndarray:
        ix, iy = self._pixels(points)
        return self._flat[ix * self.shape[1] + iy]

    def _pixels(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scaled = (points - self.origin) * (1.0 / self.PIXEL_M)
        # Outside the raster is far from the band: clipped onto its (empty) edge.
        ix = np.clip(scaled[:, 0], 0, self.shape[0] - 1).astype(np.int64)
        iy = np.clip(scaled[:, 1], 0, self.shape[1] - 1).astype(np.int64)
        return ix, iy


def _edges_near(geometry, mask: _BandMask) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points of the edges of a (Multi)Polygon that may touch the masked band."""
    rings = shapely.get_rings(shapely.get_parts(geometry))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    keep = (ring[1:] == ring[:-1]) & mask.may_touch(coords)
    return coords[:-1][keep], coords[1:][keep]


_SEED = np.uint64(0xCBF29CE484222325)


def _mix(key: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Fold 64-bit values into running keys (FNV-style with an extra shift).

    Equal inputs give equal keys; two different edge sets share a key with a
    chance of about 1 in 2⁶⁴, far below any other source of error.
    """
    bits = np.ascontiguousarray(values).view(np.uint64)
    with np.errstate(over="ignore"):
        key = (key ^ bits) * np.uint64(0x100000001B3)
        return key ^ (key >> np.uint64(29))
