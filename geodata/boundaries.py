"""Ukraine's first-level units and the neighbouring countries, as bundled in ``resources/``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geodata.errors import UnknownRegionError
from geodata.geometry import GAP_DEG2, GAP_M2, without_gaps
from geodata.projection import to_equal_area
from geodata.resources import resource_path
from geodata.threadsafe import prepared_for_this_thread

#: Ukraine's extent (lon_min, lat_min, lon_max, lat_max), rounded out a little: where the
#: map opens, and how importers tell swapped axes from data that merely lies elsewhere.
UKRAINE_EXTENT = (22.1, 44.3, 40.3, 52.4)
UNITS_FILE = ("boundaries", "ukraine-admin1.fgb")
NEIGHBOURS_FILE = ("boundaries", "neighbours.fgb")


@dataclass(frozen=True, eq=False)
class BoundarySet:
    """Ukraine's 27 first-level units, ready for area statistics. Treat it as read-only.

    Attributes
    ----------
    units : GeoDataFrame
        One row per unit, sorted by code, in WGS84, with columns ``code``
        (ISO 3166-2, e.g. ``UA-14``), ``name`` (English), ``name_uk``, ``kind``
        (``oblast``, ``city with special status``, ``autonomous republic``),
        ``label_lon``, ``label_lat`` and ``geometry``.
    geometry_equal_area : numpy.ndarray
        The same geometries in :data:`geodata.projection.EQUAL_AREA_CRS`. Not
        prepared: use :meth:`prepared_equal_area` for fast repeated queries.
    area_km2 : numpy.ndarray
        Each unit's area in km².
    version : str
        A short content hash of the boundary file; results computed against one
        version are not reused with another.
    """

    units: gpd.GeoDataFrame
    geometry_equal_area: np.ndarray
    area_km2: np.ndarray
    version: str

    def prepared_equal_area(self) -> np.ndarray:
        """:attr:`geometry_equal_area`, prepared, as this thread's own copy (thread-safe)."""
        return prepared_for_this_thread(
            (self.version, "units-equal-area"), self.geometry_equal_area
        )

    @cached_property
    def country_equal_area(self) -> shapely.Geometry:
        """Ukraine as one polygon, in the equal-area projection (not prepared).

        The union of the units, with the hair-wide gaps between neighbouring
        units filled: their shared edges do not quite meet, and the plain union
        has 206 holes of no area but 757 km of edges along oblast lines, which
        as part of Ukraine's outline were "coast" to the border reconciliation
        (at 10 km it counted 113 km² by the Kakhovka reservoir as occupied) and
        "state border" to the line of contact.

        >>> b = load_boundaries()
        >>> sum(len(part.interiors) for part in shapely.get_parts(b.country_equal_area))
        0
        >>> abs(round(float(shapely.area(b.country_equal_area) / 1e6 - b.area_km2.sum()), 3))
        0.0
        """
        return without_gaps(shapely.union_all(self.geometry_equal_area), GAP_M2)

    @cached_property
    def country(self) -> shapely.Geometry:
        """:attr:`country_equal_area` in WGS84 (lon, lat), from the units as read."""
        return without_gaps(shapely.union_all(self.units.geometry.to_numpy()), GAP_DEG2)

    @property
    def codes(self) -> list[str]:
        """The ISO 3166-2 codes, in row order."""
        return self.units["code"].tolist()

    def name_of(self, code: str, language: str = "en", default: str | None = None) -> str:
        """A unit's name in ``language`` (``en`` or ``uk``); ``default`` (else the code) if unknown.

        >>> b = load_boundaries()
        >>> b.name_of("UA-63"), b.name_of("UA-99", default="?")
        ('Kharkiv', '?')
        """
        names = self._names.get(code)
        if names is None:
            return code if default is None else default
        return names[1] if language == "uk" else names[0]

    @cached_property
    def _names(self) -> dict[str, tuple[str, str]]:
        """Code -> (English name, Ukrainian name or the English one): looked up on every redraw."""
        english = self.units["name"].tolist()
        ukrainian = self.units["name_uk"].tolist() if "name_uk" in self.units else english
        names: dict[str, tuple[str, str]] = {}
        for code, name, uk in zip(self.codes, english, ukrainian, strict=True):
            names.setdefault(code, (name, uk if isinstance(uk, str) and uk else name))
        return names

    def row_of(self, code: str) -> int:
        """Return the row index of the unit with this ISO 3166-2 code.

        >>> b = load_boundaries()
        >>> b.units.loc[b.row_of("UA-63"), "name"]
        'Kharkiv'
        """
        matches = np.flatnonzero(self.units["code"].to_numpy() == code)
        if len(matches) == 0:
            raise UnknownRegionError("region code", code, self.codes)
        return int(matches[0])


def load_boundaries(path: str | Path | None = None) -> BoundarySet:
    """Load the bundled first-level units of Ukraine (cached after the first call).

    Parameters
    ----------
    path : path, optional
        Another boundary file with the same columns; the bundled one by default.

    Examples
    --------
    >>> b = load_boundaries()
    >>> len(b.units), b.units.loc[b.row_of("UA-14"), "name"]
    (27, 'Donetsk')
    >>> round(float(b.area_km2[b.row_of("UA-14")]))
    26599
    """
    return _load_boundaries(Path(path) if path else resource_path(*UNITS_FILE))


@cache
def _load_boundaries(path: Path) -> BoundarySet:
    data = path.read_bytes()
    units = pyogrio.read_dataframe(path)
    geometry_equal_area = to_equal_area(units.geometry.to_numpy())
    return BoundarySet(
        units=units,
        geometry_equal_area=geometry_equal_area,
        area_km2=shapely.area(geometry_equal_area) / 1e6,
        version=hashlib.sha256(data).hexdigest()[:16],
    )


@cache
def load_neighbours() -> gpd.GeoDataFrame:
    """Load the outlines of the neighbouring countries (``iso3``, ``name``, ``geometry``; WGS84).

    >>> sorted(load_neighbours()["iso3"])
    ['BLR', 'HUN', 'MDA', 'POL', 'ROU', 'RUS', 'SVK']
    """
    return pyogrio.read_dataframe(resource_path(*NEIGHBOURS_FILE))
