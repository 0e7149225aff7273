"""Control layers and proposal results as GeoJSON and GeoPackage."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from geodata.control import ControlLayer
from geodata.exports.atomic import readable_by_gdal, write_atomically
from geodata.scenarios.engine import ScenarioResult

GEO_FORMATS = (".geojson", ".gpkg")


def write_geodata(path: Path, layer: ControlLayer, result: ScenarioResult | None = None) -> Path:
    """Write the control layer (and a proposal's result) as GeoJSON or GeoPackage, in WGS84.

    GeoJSON: one FeatureCollection, a ``kind`` on each feature. GeoPackage: one
    table per kind (``control``; with a proposal also ``control_after``,
    ``to_occupier``, ``to_ukraine``, ``demilitarized_zone``, ``contact_line_before``,
    ``contact_line_after``).
    """
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in GEO_FORMATS:
        raise ValueError(
            f"unknown geodata format {kind!r}; choose one of: {', '.join(GEO_FORMATS)}"
        )
    tables = _tables(layer, result)
    if kind == ".geojson":
        frame = gpd.GeoDataFrame(
            [dict(row, kind=name) for name, rows in tables.items() for row in rows], crs="EPSG:4326"
        )
        return write_atomically(
            path, lambda p: frame.to_file(p, driver="GeoJSON"), verify=readable_by_gdal
        )

    def write_package(temporary: Path) -> None:
        temporary.unlink()  # GDAL creates the GeoPackage itself
        for name, rows in tables.items():
            gpd.GeoDataFrame(rows, crs="EPSG:4326").to_file(temporary, layer=name, driver="GPKG")

    return write_atomically(path, write_package, verify=readable_by_gdal)


def _tables(layer: ControlLayer, result: ScenarioResult | None) -> dict[str, list[dict]]:
    date = layer.date.isoformat() if layer.date else None
    base = {"date": date, "source": layer.source, "credit": layer.credit}
    tables = {"control": [dict(base, geometry=layer.controlled)]}
    if result is not None:
        name = result.proposal.name
        extra = {
            "control_after": result.layer_after.controlled,
            "to_occupier": result.to_occupier,
            "to_ukraine": result.to_ukraine,
            "contact_line_before": result.contact_line_before,
            "contact_line_after": result.contact_line_after,
        }
        for zone in result.demilitarized_zones:
            extra["demilitarized_zone"] = zone.geometry
        for key, geometry in extra.items():
            if geometry is not None and not shapely.is_empty(geometry):
                tables[key] = [dict(base, proposal=name, geometry=geometry)]
    return tables
