"""Control-layer fixtures written from geometry inside the tests, in every supported format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import shapely

# Two areas in Donetsk oblast and one in Luhansk oblast (lon, lat).
AREAS = [
    shapely.box(37.0, 47.5, 38.0, 48.2),
    shapely.box(37.6, 48.3, 38.2, 48.6),
    shapely.Polygon([(38.8, 48.6), (39.6, 48.6), (39.6, 49.2), (38.8, 49.2)]),
]


def control_frame(crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """The fixture areas with a name each, in ``crs``."""
    frame = gpd.GeoDataFrame(
        {"name": ["south", "north", "luhansk"], "geometry": AREAS}, crs="EPSG:4326"
    )
    return frame.to_crs(crs)


def write_control_file(folder: Path, stem: str, extension: str, frame=None) -> Path:
    """Write the fixture areas as ``folder/stem.extension`` in that format; return the path."""
    frame = control_frame() if frame is None else frame
    path = folder / f"{stem}{extension}"
    if extension == ".zip":
        shp_dir = folder / f"{stem}_shp"
        shp_dir.mkdir()
        frame.to_file(shp_dir / f"{stem}.shp")
        with zipfile.ZipFile(path, "w") as archive:
            for part in shp_dir.iterdir():
                archive.write(part, f"{stem}/{part.name}")
        return path
    driver = {
        ".geojson": "GeoJSON",
        ".json": "GeoJSON",
        ".kml": "KML",
        ".kmz": "LIBKML",
        ".shp": "ESRI Shapefile",
        ".gpkg": "GPKG",
        ".fgb": "FlatGeobuf",
    }[extension]
    frame.to_file(path, driver=driver)
    return path
