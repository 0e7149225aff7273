"""Control layers and proposal results as geodata files (GeoJSON, GeoPackage …), via GDAL."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from geodata.control import ControlLayer
from geodata.exports.atomic import readable_by_gdal, write_atomically
from geodata.scenarios.engine import ScenarioResult

# The one table's name: not the temporary file's (random, and some drivers reject its dot).
LAYER_NAME = "frontline_atlas"


def write_geodata(
    path: Path,
    layer: ControlLayer,
    result: ScenarioResult | None = None,
    driver: str = "GeoJSON",
    one_table_per_kind: bool = False,
) -> Path:
    """Write the control layer (and a proposal's result) with a GDAL ``driver``, in WGS84.

    One table with a ``kind`` on each feature (GeoJSON and any one-table format),
    or, with ``one_table_per_kind``, one table per kind (GeoPackage: ``control``;
    with a proposal also ``control_before`` and ``control_after``, the territory
    before and after it as the figures count it (with the border and coast
    slivers reconciled, which ``control``, the areas as read, lacks),
    ``to_occupier``, ``to_ukraine``, ``demilitarized_zone``, ``contact_line_before``,
    ``contact_line_after``).
    The table of export formats (:mod:`desktop.exports.export`) says which.
    """
    path = Path(path)
    tables = _tables(layer, result)
    if not one_table_per_kind:
        frame = gpd.GeoDataFrame(
            [dict(row, kind=name) for name, rows in tables.items() for row in rows], crs="EPSG:4326"
        )
        return write_atomically(
            path,
            lambda p: frame.to_file(p, driver=driver, layer=LAYER_NAME),
            verify=readable_by_gdal,
        )

    def write_tables(temporary: Path) -> None:
        temporary.unlink()  # GDAL creates the file itself
        for name, rows in tables.items():
            gpd.GeoDataFrame(rows, crs="EPSG:4326").to_file(temporary, layer=name, driver=driver)

    return write_atomically(path, write_tables, verify=readable_by_gdal)


def _tables(layer: ControlLayer, result: ScenarioResult | None) -> dict[str, list[dict]]:
    date = layer.date.isoformat() if layer.date else None
    base = {"date": date, "source": layer.source, "credit": layer.credit}
    tables = {"control": [dict(base, geometry=layer.controlled)]}
    if result is not None:
        name = result.proposal.name
        extra = {
            "control_before": result.controlled_before,
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
