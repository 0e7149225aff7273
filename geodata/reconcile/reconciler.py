"""Reconciliation of one geometry, or of a history's many: the public front of the method."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.geometry import (
    from_equal_area_valid,
    overlay_equal_area,
    to_equal_area_valid,
)
from geodata.reconcile.edges import EdgeChange, Edges, edges_near
from geodata.reconcile.grid import BorderGrid, border_grid, border_mask
from geodata.reconcile.result import Reconciliation
from geodata.reconcile.tolerance import DEFAULT_TOLERANCE_KM, check_tolerance


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

    >>> from geodata.projection import from_equal_area, to_equal_area
    >>> b = load_boundaries()
    >>> row = b.row_of("UA-43")
    >>> coast = shapely.buffer(shapely.boundary(b.country_equal_area), 1000)
    >>> inland = from_equal_area(shapely.difference(b.geometry_equal_area[row], coast))
    >>> result = reconcile(inland, b)
    >>> raw_km2 = shapely.area(shapely.intersection(to_equal_area(inland),
    ...                                             b.geometry_equal_area[row])) / 1e6
    >>> round(float(result.added_km2[row])), round(float(b.area_km2[row] - raw_km2))
    (829, 831)
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
    """The held territory with the reconciled slivers added (WGS84), for the map."""
    if not reconciliation.pieces:
        return controlled
    return from_equal_area_valid(reconciled_equal_area(controlled, reconciliation))


def reconciled_equal_area(controlled, reconciliation: Reconciliation) -> shapely.Geometry:
    """The held territory with the reconciled slivers added, in the equal-area projection.

    The slivers were cut in this projection from this same projected territory:
    their edges meet its edges exactly, so the union is exact, with no gap and
    no snap-rounding, and measures what the figures say (raw plus added), as
    the proposals need (:func:`geodata.scenarios.engine.run_proposal`).
    """
    if controlled is None or shapely.is_empty(controlled):
        projected = shapely.Polygon()
    else:
        projected = to_equal_area_valid(controlled)
    if not reconciliation.pieces:
        return projected
    return overlay_equal_area("union", projected, reconciliation.added_equal_area)


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

    def reconcile(self, projected, edges: Edges | None = None) -> Reconciliation:
        """The whole :class:`Reconciliation` for this geometry (equal-area projection).

        ``edges``: its edges near the border, when already known (:class:`BorderWatch`).
        """
        grid = self._grid
        if grid is None or projected is None or shapely.is_empty(projected):
            self._last = None
            return _nothing(self._boundaries, self.tolerance_km)
        edges = edges or Edges.of(projected, grid.mask)
        # Most days nothing changes near the border: the day before's result stands.
        if self._last is not None and np.array_equal(self._last[0], edges.sorted_keys):
            return self._last[1]
        near = grid.cells_near(projected)
        shapely.prepare(projected)  # for the point-in-polygon tests of the keys
        keys = grid.cell_keys(edges, projected, near)
        result = grid.combine([grid.cell_result(i, projected, keys[i]) for i in near])
        self._last = (edges.sorted_keys, result)
        return result

    def apply(self, change) -> Reconciliation:
        """The :class:`Reconciliation` for what a :class:`BorderWatch` reported for the next date.

        An unchanged border gives the day before's result back (the same object).
        """
        if change is UNCHANGED:
            if self._last is None:
                raise ValueError("a BorderWatch reported no change before any date")
            return self._last[1]
        projected, edges = change
        return self.reconcile(projected, edges)


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

    def __call__(self, projected, change: EdgeChange | None = None):
        """UNCHANGED, or what the reconciler needs for this date.

        ``change``: how its edges changed since the date before
        (:class:`~geodata.reconcile.edges.EdgeDiff`), when known: if no edge
        that appeared or went comes near the border, the edges near it are
        those of the date before and nothing more is looked at.
        """
        if self._mask is None or projected is None or shapely.is_empty(projected):
            self._last = None
            return (None, None)
        if (
            change is not None
            and not change.first
            and self._last is not None
            and not self._mask.edges_may_touch(change.starts, change.ends).any()
        ):
            return UNCHANGED
        starts, ends = edges_near(projected, self._mask)
        # A digest of the edges near the border, in their order: equal, nothing changed.
        digest = hashlib.blake2b(starts.tobytes() + ends.tobytes(), digest_size=16).digest()
        if digest == self._last:
            return UNCHANGED
        self._last = digest
        return (projected, Edges.between(starts, ends))


def _nothing(boundaries: BoundarySet, tolerance_km: float) -> Reconciliation:
    return Reconciliation(tolerance_km, (), np.zeros(len(boundaries.area_km2)))


def clear_caches() -> None:
    """Forget every grid, mask and result kept in this process (for cold benchmarks).

    >>> clear_caches()
    """
    border_grid.cache_clear()
    border_mask.cache_clear()
    reconcile_layer.cache_clear()
    load_boundaries().__dict__.pop("country_equal_area", None)  # Ukraine as one polygon
