"""What reconciliation added to one geometry."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from geodata.projection import from_equal_area


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
