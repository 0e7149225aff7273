"""The equal-area projection every area in Frontline Atlas is measured in."""

from __future__ import annotations

import threading

import numpy as np
import pyproj
import shapely

# Albers equal-area conic on the WGS84 ellipsoid, centred on Ukraine, with its
# standard parallels at 1/6 and 5/6 of Ukraine's latitude range (44.4-52.4 N).
# Being equal-area on the ellipsoid, it gives the same areas as geodesic
# measurement (pyproj.Geod) to within about 1e-5 for oblast-sized shapes, and
# keeps shapes undistorted enough for buffers in km (demilitarized zones).
EQUAL_AREA_PROJ4 = (
    "+proj=aea +lat_0=48.4 +lon_0=31.2 +lat_1=45.7 +lat_2=51.1 +ellps=WGS84 +units=m +no_defs"
)
EQUAL_AREA_CRS = pyproj.CRS.from_proj4(EQUAL_AREA_PROJ4)
WGS84 = pyproj.CRS.from_epsg(4326)

# Overlays of control data with each other (slivers, shared edges drawn twice) make
# plain GEOS overlays fail ("non-noded intersection"); snap-rounding to a 1e-6
# degree grid (about 10 cm) makes them robust and changes no area visibly.
GRID_DEG = 1e-6
# A proposal's overlays are made in this projection, exactly where GEOS can
# (geodata.geometry.overlay_equal_area); one it cannot node is snap-rounded to this
# grid, in metres, instead.
GRID_M = 0.1


# pyproj transformers must not be shared between threads (it crashes), and the
# app computes in worker threads: keep one pair per thread.
_per_thread = threading.local()


def _transformer(inverse: bool) -> pyproj.Transformer:
    cache = _per_thread.__dict__.setdefault("transformers", {})
    if inverse not in cache:
        source, target = (EQUAL_AREA_CRS, WGS84) if inverse else (WGS84, EQUAL_AREA_CRS)
        cache[inverse] = pyproj.Transformer.from_crs(source, target, always_xy=True)
    return cache[inverse]


def to_equal_area(geometry):
    """Project WGS84 (lon, lat) geometry, a scalar or an array, to :data:`EQUAL_AREA_CRS` (m).

    >>> from shapely import Point
    >>> round(to_equal_area(Point(31.2, 48.4)).x, 3)
    0.0
    """
    return shapely.transform(geometry, _projector(inverse=False))


def from_equal_area(geometry):
    """Inverse of :func:`to_equal_area`: back to WGS84 (lon, lat)."""
    return shapely.transform(geometry, _projector(inverse=True))


def _projector(inverse: bool):
    transformer = _transformer(inverse)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack((x, y))

    return project
