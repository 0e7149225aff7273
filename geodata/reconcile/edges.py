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


def edges_near(geometry, mask: BandMask) -> tuple[np.ndarray, np.ndarray]:
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
