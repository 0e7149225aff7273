"""Files the hostile set feeds the app: the same three areas in every format, and broken ones."""

from __future__ import annotations

import json
import shutil
import tempfile
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
FORMATS = (".geojson", ".kml", ".kmz", ".zip", ".gpkg", ".fgb")
_DRIVERS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".kml": "KML", ".kmz": "LIBKML",
            ".gpkg": "GPKG", ".fgb": "FlatGeobuf", ".shp": "ESRI Shapefile"}  # fmt: skip


def frame(geometries=None, crs: str = "EPSG:4326", names=None) -> gpd.GeoDataFrame:
    """The areas (or ``geometries``) with a name each, in ``crs``."""
    geometries = AREAS if geometries is None else geometries
    names = names or [f"area {i}" for i in range(len(geometries))]
    return gpd.GeoDataFrame({"name": names, "geometry": geometries}, crs="EPSG:4326").to_crs(crs)


def write(path: Path, data: gpd.GeoDataFrame | None = None) -> Path:
    """Write ``data`` (default: the three areas) in the format of ``path``'s extension.

    Written under a plain name, then renamed: GDAL's writers read ``!``, ``;``,
    ``{`` as syntax and name layers after the file.
    """
    with tempfile.TemporaryDirectory(prefix="atlas-hostile-write-") as folder:
        plain = Path(folder) / f"areas{path.suffix}"
        _write(plain, frame() if data is None else data)
        shutil.move(plain, path)
    return path


def _write(path: Path, data: gpd.GeoDataFrame) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        inner = path.parent / f"{path.stem}-shp"
        inner.mkdir()
        data.to_file(inner / "areas.shp")
        with zipfile.ZipFile(path, "w") as archive:
            for part in inner.iterdir():
                archive.write(part, f"areas/{part.name}")
        return path
    data.to_file(path, driver=_DRIVERS[suffix])
    return path


def geojson(path: Path, geometries: list[dict], properties=None, extra=None) -> Path:
    """A GeoJSON FeatureCollection of raw geometry objects (anything JSON can hold)."""
    features = [{"type": "Feature", "properties": properties or {}, "geometry": geometry}
                for geometry in geometries]  # fmt: skip
    document = {"type": "FeatureCollection", "features": features, **(extra or {})}
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    return path


def polygon(ring: list) -> dict:
    """A GeoJSON polygon of one ring (closed here)."""
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def box(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON box with only its four corners: long edges, as hostile files have them."""
    return polygon([[west, south], [east, south], [east, north], [west, north]])


def kml(path: Path, coordinates_text: str, name: str = "area") -> Path:
    """A KML document of one polygon whose coordinates are the given text."""
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><Placemark><name>{name}</name><Polygon><outerBoundaryIs><LinearRing>"
        f"<coordinates>{coordinates_text}</coordinates></LinearRing></outerBoundaryIs>"
        "</Polygon></Placemark></Document></kml>",
        encoding="utf-8",
    )
    return path


def kml_of(geometry: shapely.Polygon, name: str = "area") -> str:
    """KML text of one polygon."""
    text = " ".join(f"{x},{y}" for x, y in geometry.exterior.coords)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><Placemark><name>{name}</name><Polygon><outerBoundaryIs><LinearRing>"
        f"<coordinates>{text}</coordinates></LinearRing></outerBoundaryIs></Polygon>"
        "</Placemark></Document></kml>"
    )


def one_file_history(path: Path, rows: list[tuple], crs: str | None = "EPSG:4326") -> Path:
    """A file with a ``date`` column: ``rows`` of (date text or None, geometry)."""
    data = gpd.GeoDataFrame(
        {"date": [date for date, _ in rows], "geometry": [geometry for _, geometry in rows]},
        crs=crs,
    )
    data.to_file(path, driver=_DRIVERS[path.suffix.lower()])
    return path
