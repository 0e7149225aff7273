"""The edges of a control geometry near the border, found fast and keyed for comparison.

A history's border cells are recomputed only when something changed near the
border; these helpers find the edges that may reach the border band (a coarse
raster of it) and give each a 64-bit key.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(eq=False)
class Edges:
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
    def of(cls, geometry, mask: BandMask) -> Edges:
        """The edges of a (Multi)Polygon that may touch the border band ``mask`` covers."""
        return cls.between(*edges_near(geometry, mask))

    @classmethod
    def between(cls, starts: np.ndarray, ends: np.ndarray) -> Edges:
        """The edges from ``starts`` to ``ends`` ((n, 2) arrays), keyed."""
        first = _mix(_mix(np.full(len(starts), _SEED), starts[:, 0]), starts[:, 1])
        second = _mix(_mix(np.full(len(ends), _SEED), ends[:, 0]), ends[:, 1])
        keys = _mix(_mix(np.full(len(first), _SEED), np.minimum(first, second)),
                    np.maximum(first, second))  # fmt: skip
        return cls(keys, starts, ends)


class BandMask:
    """A coarse raster of where the border band may be: every pixel within ``reach`` of the outline.

    Finding the edges near the border with it costs a few array look-ups: an
    edge's two ends, and a point every pixel along a longer edge. The raster
    reaches one pixel further than asked, so no edge that crosses the band is
    missed.
    """

    PIXEL_M = 1000.0

    def __init__(self, origin: np.ndarray, cells: np.ndarray) -> None:
        self.origin = np.asarray(origin, dtype=float)
        self.cells = np.asarray(cells, dtype=bool)
        self.shape = np.array(self.cells.shape)
        self._flat = self.cells.ravel()

    @classmethod
    def around(cls, outline, reach_m: float) -> BandMask:
        """The mask of every pixel within ``reach_m`` of an outline (and one pixel more)."""
        points = shapely.get_coordinates(shapely.segmentize(outline, cls.PIXEL_M / 2))
        origin = points.min(axis=0) - reach_m - cls.PIXEL_M
        size = np.ceil((points.max(axis=0) + reach_m + cls.PIXEL_M - origin) / cls.PIXEL_M)
        shape = size.astype(int)
        cells = np.zeros(shape, dtype=bool)
        radius = math.ceil(reach_m / cls.PIXEL_M) + 1
        centre = ((points - origin) // cls.PIXEL_M).astype(int)
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                if (abs(dx) - 1) ** 2 + (abs(dy) - 1) ** 2 <= radius**2:
                    ix = np.clip(centre[:, 0] + dx, 0, shape[0] - 1)
                    iy = np.clip(centre[:, 1] + dy, 0, shape[1] - 1)
                    cells[ix, iy] = True
        return cls(origin, cells)

    def may_touch(self, path: np.ndarray) -> np.ndarray:
        """For consecutive points of a path, whether each edge between them may touch the band."""
        return self.edges_may_touch(path[:-1], path[1:])

    def edges_may_touch(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """For each edge from ``starts[i]`` to ``ends[i]``, whether it may touch the band."""
        ix0, iy0 = self._pixels(starts)
        ix1, iy1 = self._pixels(ends)
        touch = self._flat[ix0 * self.shape[1] + iy0] | self._flat[ix1 * self.shape[1] + iy1]
        # An edge that spans more than neighbouring pixels is also looked at every
        # pixel along its length.
        far = (np.abs(ix1 - ix0) > 1) | (np.abs(iy1 - iy0) > 1)
        long = np.flatnonzero(far & ~touch)
        if len(long):
            span = np.abs(ends[long] - starts[long]).max(axis=1)
            steps = np.ceil(span / self.PIXEL_M).astype(np.int64)
            counts = steps - 1
            edge = np.repeat(long, counts)
            fraction = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + 1
            fraction = fraction / np.repeat(steps, counts)
            points = starts[edge] + (ends[edge] - starts[edge]) * fraction[:, None]
            hit = np.zeros(len(starts), dtype=bool)
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


def edges_near(geometry, mask: BandMask) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points of the edges of a (Multi)Polygon that may touch the masked band."""
    rings = shapely.get_rings(shapely.get_parts(geometry))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    keep = (ring[1:] == ring[:-1]) & mask.may_touch(coords)
    return coords[:-1][keep], coords[1:][keep]


@dataclass(eq=False)
class EdgeChange:
    """How a polygonal geometry's edges changed since the date before (:class:`EdgeDiff`).

    ``first``: there was no date before to compare with (or it was empty), so
    everything counts as changed. Otherwise ``starts`` and ``ends`` are the
    edges that appeared or went; where none did, nothing changed: a point
    outside their bounding box (:attr:`window`) is inside the geometry on both
    dates or on neither (a ray from it that misses the box crosses the same
    edges on both dates, the same number of times).
    """

    first: bool
    starts: np.ndarray
    ends: np.ndarray

    @property
    def nothing(self) -> bool:
        """True when no edge appeared or went."""
        return not self.first and len(self.starts) == 0

    @functools.cached_property
    def window(self) -> tuple[float, float, float, float] | None:
        """``(xmin, ymin, xmax, ymax)`` of the changed edges; None when nothing changed."""
        if self.first or not len(self.starts):
            return None
        points = np.concatenate([self.starts, self.ends])
        (xmin, ymin), (xmax, ymax) = points.min(axis=0), points.max(axis=0)
        return float(xmin), float(ymin), float(xmax), float(ymax)


class EdgeDiff:
    """Which edges of a history's geometry changed from one date to the next.

    Feed it each date's geometry in order; it answers an :class:`EdgeChange`.
    Day to day a front moves in a few places: what depends only on the
    geometry near a point (is a place held?) need not be looked at again
    outside the change's window.

    >>> diff = EdgeDiff()
    >>> diff(shapely.box(0, 0, 10, 10)).first
    True
    >>> diff(shapely.box(0, 0, 10, 10)).nothing
    True
    >>> diff(shapely.Polygon([(0, 0), (10, 0), (10, 10), (5, 12), (0, 10)])).window
    (0.0, 10.0, 10.0, 12.0)
    """

    def __init__(self) -> None:
        self._last: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __call__(self, geometry) -> EdgeChange:
        """The change since the geometry this was last given."""
        if geometry is None or shapely.is_empty(geometry):
            self._last = None
            return EdgeChange(True, np.zeros((0, 2)), np.zeros((0, 2)))
        rings = shapely.get_rings(shapely.get_parts(geometry))
        coords, ring = shapely.get_coordinates(rings, return_index=True)
        same_ring = ring[1:] == ring[:-1]
        starts, ends = coords[:-1][same_ring], coords[1:][same_ring]
        keys = Edges.between(starts, ends).keys
        order = np.argsort(keys)
        keys, starts, ends = keys[order], starts[order], ends[order]
        last = self._last
        # An edge twice (not a valid geometry) is compared by no set of keys:
        # that date and the next have no shortcut.
        twice = bool((keys[1:] == keys[:-1]).any())
        self._last = None if twice else (keys, starts, ends)
        if last is None or twice:
            return EdgeChange(True, starts, ends)
        old_keys, old_starts, old_ends = last
        new = ~_within(old_keys, keys)
        gone = ~_within(keys, old_keys)
        return EdgeChange(
            False,
            np.concatenate([starts[new], old_starts[gone]]),
            np.concatenate([ends[new], old_ends[gone]]),
        )


def _within(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each of ``keys``, whether it is one of ``sorted_keys`` (sorted; faster than np.isin)."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


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
