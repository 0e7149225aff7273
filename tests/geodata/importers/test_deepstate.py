"""DeepStateMap documents: the API shapes, the occupied categories, the date from metadata."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import shapely

from geodata.errors import BadInputError
from geodata.importers import read_control_layer
from geodata.importers.deepstate import occupied_category
from tests.geodata.importers.fixtures import AREAS

OCCUPIED = "Окупована територія /// Occupied /// geoJSON.status.occupied"
CRIMEA = "Окупований Крим /// Occupied Crimea /// geoJSON.status.occupied_crimea"
ORDLO = "ОРДЛО /// CADR and CALR /// geoJSON.status.occupied_before"
LIBERATED = "Звільнено /// Liberated /// geoJSON.status.liberated"
CONTESTED = "Невідомо /// Unknown status /// geoJSON.status.unknown"
UNIT = "150 мсд /// 150th Motor Rifle Division /// geoJSON.units.division"


def feature(geometry, name, fill=None):
    properties = {"name": name}
    if fill:
        properties["fill"] = fill
    # The API gives [lon, lat, 0]; so do these fixtures.
    geometry = shapely.geometry.mapping(shapely.force_3d(geometry))
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def deepstate_map():
    """A map with every kind of feature DeepStateMap publishes."""
    features = [
        feature(AREAS[0], OCCUPIED, "#a52714"),
        feature(AREAS[1], ORDLO, "#880e4f"),
        feature(shapely.box(33.5, 44.6, 34.5, 45.4), CRIMEA, "#880e4f"),
        feature(shapely.box(36.0, 49.5, 36.5, 49.9), LIBERATED, "#0f9d58"),
        feature(shapely.box(37.9, 48.9, 38.0, 49.0), CONTESTED, "#bcaaa4"),
        feature(shapely.Point(37.5, 48.0), UNIT),
    ]
    return {"type": "FeatureCollection", "features": features}


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"name": OCCUPIED}, "Occupied"),
        ({"name": CRIMEA}, "Occupied Crimea"),
        ({"name": ORDLO}, "CADR and CALR"),
        ({"name": LIBERATED, "fill": "#a52714"}, None),  # the name decides over the colour
        ({"name": CONTESTED}, None),
        ({"name": "нове /// Something new /// x", "fill": "#A52714"}, "Occupied"),
        ({"fill": "#880e4f"}, "Occupied before 2022"),
        ({"name": "no separators"}, None),
    ],
)
def test_occupied_category(properties, expected):
    assert occupied_category(properties) == expected


def occupied_union():
    return shapely.union_all([AREAS[0], AREAS[1], shapely.box(33.5, 44.6, 34.5, 45.4)])


def test_history_last_document_keeps_only_occupied_polygons(tmp_path):
    document = {"id": 1732104000, "datetime": "2024-11-20T12:00:00.000Z", "map": deepstate_map()}
    path = tmp_path / "last.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    layer = read_control_layer(path)
    assert layer.source_format == "DeepStateMap"
    assert layer.date == dt.date(2024, 11, 20) and layer.report.date_origin == "metadata"
    assert set(layer.categories) == {"Occupied", "CADR and CALR", "Occupied Crimea"}
    assert shapely.area(shapely.symmetric_difference(layer.controlled, occupied_union())) < 1e-9
    report = layer.report
    assert (report.polygons_used, report.skipped_other_category, report.skipped_non_polygon) == (
        3,
        2,
        1,
    )


@pytest.mark.parametrize("wrapped", [False, True])
def test_geojson_endpoint_bare_or_wrapped(tmp_path, wrapped):
    document = {"map": deepstate_map()} if wrapped else deepstate_map()
    path = tmp_path / "1732104000.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    layer = read_control_layer(path)
    assert shapely.area(shapely.symmetric_difference(layer.controlled, occupied_union())) < 1e-9
    assert layer.date == dt.date(2024, 11, 20)
    assert layer.report.date_origin == "file name"


def test_id_is_used_when_datetime_is_missing(tmp_path):
    path = tmp_path / "last.json"
    path.write_text(json.dumps({"id": 1732104000, "map": deepstate_map()}))
    assert read_control_layer(path).date == dt.date(2024, 11, 20)


def test_deepstate_map_with_no_occupied_polygon_is_empty_with_a_note(tmp_path):
    document = {"type": "FeatureCollection", "features": [feature(AREAS[0], LIBERATED)]}
    path = tmp_path / "liberated.geojson"
    path.write_text(json.dumps(document))
    layer = read_control_layer(path)
    assert layer.is_empty
    assert "no polygon is marked as occupied territory" in layer.report.notes


def test_the_update_list_is_not_a_map(tmp_path):
    path = tmp_path / "history-public.json"
    path.write_text(json.dumps([{"id": 1, "createdAt": "2024-11-20T12:00:00Z", "status": True}]))
    with pytest.raises(BadInputError, match="list of updates, not a map"):
        read_control_layer(path)


def test_real_api_sample(api_sample_20241120):
    layer = read_control_layer(api_sample_20241120)
    assert layer.date == dt.date(2024, 11, 20)
    assert set(layer.categories) == {"Occupied", "Occupied Crimea"}
    assert layer.report.skipped_non_polygon == 3
