"""read_control_layer: every format gives the same layer; dates; what is reported."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import shapely

from geodata.control import CONTROLLED
from geodata.errors import BadInputError
from geodata.importers import SUPPORTED_FORMATS, read_control_layer
from tests.geodata.importers.fixtures import AREAS, write_control_file

EXPECTED = shapely.union_all(AREAS)
FORMAT_NAMES = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".kml": "KML",
    ".kmz": "KMZ",
    ".shp": "Shapefile",
    ".zip": "Shapefile (zipped)",
    ".gpkg": "GeoPackage",
    ".fgb": "FlatGeobuf",
}


def same_area(a, b, tolerance=1e-9):
    return shapely.area(shapely.symmetric_difference(a, b)) < tolerance


@pytest.mark.parametrize("extension", sorted(SUPPORTED_FORMATS))
def test_every_format_reads_to_the_same_layer(tmp_path, extension):
    path = write_control_file(tmp_path, "front_2024-11-20", extension)
    layer = read_control_layer(path)
    assert same_area(layer.controlled, EXPECTED)
    assert layer.source == path.name
    assert layer.source_format == FORMAT_NAMES[extension]
    assert layer.date == dt.date(2024, 11, 20)
    assert layer.report.date_origin == "file name"
    assert layer.report.polygons_used == 3
    assert list(layer.categories) == [CONTROLLED]


@pytest.mark.parametrize("extension", [".gpkg", ".shp", ".fgb", ".geojson"])
def test_projected_files_with_a_crs_are_converted_to_wgs84(tmp_path, extension):
    from tests.geodata.importers.fixtures import control_frame

    frame = control_frame("EPSG:3857")
    if extension == ".geojson":
        path = tmp_path / "projected.geojson"
        data = json.loads(frame.to_json())
        data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
        path.write_text(json.dumps(data))
    else:
        path = write_control_file(tmp_path, "projected", extension, frame)
    layer = read_control_layer(path)
    assert same_area(layer.controlled, EXPECTED, tolerance=1e-6)
    assert any("WGS 84 / Pseudo-Mercator" in note for note in layer.report.notes)


def test_explicit_date_wins_over_file_name(tmp_path):
    path = write_control_file(tmp_path, "front_20241120", ".geojson")
    layer = read_control_layer(path, date=dt.date(2025, 1, 2))
    assert layer.date == dt.date(2025, 1, 2)
    assert layer.report.date_origin == "argument"


def test_date_is_unknown_without_argument_metadata_or_name(tmp_path):
    layer = read_control_layer(write_control_file(tmp_path, "front", ".gpkg"))
    assert layer.date is None and layer.report.date_origin == "unknown"


def test_unfamiliar_extension_is_recognised_by_content(tmp_path):
    geojson = write_control_file(tmp_path, "a", ".geojson")
    gpkg = write_control_file(tmp_path, "b", ".gpkg")
    for original in (geojson, gpkg):
        renamed = original.with_suffix(".dat")
        original.rename(renamed)
        assert same_area(read_control_layer(renamed).controlled, EXPECTED)


def test_unsupported_file_names_the_readable_formats(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(BadInputError, match=r"notes\.txt: unsupported file type '\.txt'.*KMZ"):
        read_control_layer(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(BadInputError, match="no such file"):
        read_control_layer(tmp_path / "absent.geojson")
    with pytest.raises(BadInputError, match="folder"):
        read_control_layer(tmp_path)


def test_multi_layer_sources_pool_all_layers(tmp_path):
    from tests.geodata.importers.fixtures import control_frame

    path = tmp_path / "layers.gpkg"
    frame = control_frame()
    frame.iloc[:2].to_file(path, layer="donetsk", driver="GPKG")
    frame.iloc[2:].to_file(path, layer="luhansk", driver="GPKG")
    layer = read_control_layer(path)
    assert same_area(layer.controlled, EXPECTED)
    assert layer.report.polygons_used == 3


def test_kmz_with_another_extension_is_read_as_kmz(tmp_path):
    renamed = write_control_file(tmp_path, "a", ".kmz").rename(tmp_path / "a.bin")
    layer = read_control_layer(renamed)
    assert layer.source_format == "KMZ"
    assert same_area(layer.controlled, EXPECTED)
