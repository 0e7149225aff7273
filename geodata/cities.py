"""The bundled cities: points and labels for the map, and places that can change hands."""

from __future__ import annotations

from functools import cache

import geopandas as gpd
import pandas as pd

from geodata.resources import resource_path

CITIES_FILE = ("cities", "cities.csv")


@cache
def load_cities() -> gpd.GeoDataFrame:
    """Load the bundled cities of Ukraine (cached).

    Returns
    -------
    GeoDataFrame
        Columns ``name`` (English), ``name_uk``, ``rank`` (label priority, 1 = Kyiv),
        ``region_code`` (ISO 3166-2 of the unit it lies in), ``geonameid``,
        ``population`` and point ``geometry`` in WGS84. Provenance:
        ``resources/cities/PROVENANCE.md``.

    Examples
    --------
    >>> cities = load_cities().set_index("name")
    >>> cities.loc["Kyiv", "region_code"], int(cities.loc["Kyiv", "rank"])
    ('UA-30', 1)
    """
    table = pd.read_csv(
        resource_path(*CITIES_FILE),
        dtype={"name": str, "name_uk": str, "region_code": str, "rank": int,
               "geonameid": int, "population": int},
    )  # fmt: skip
    geometry = gpd.points_from_xy(table.pop("lon"), table.pop("lat"), crs="EPSG:4326")
    return gpd.GeoDataFrame(table, geometry=geometry)
