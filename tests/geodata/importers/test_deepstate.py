"""DeepStateMap documents: the API shapes, its categories, the date from metadata."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import shapely

from geodata import categories
from geodata.categories import OCCUPIED_BEFORE_2022, Counting
from geodata.errors import BadInputError
from geodata.importers import read_control_layer
from geodata.importers.deepstate import deepstate_category
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
        ({"name": OCCUPIED}, categories.OCCUPIED),
        ({"name": CRIMEA}, OCCUPIED_BEFORE_2022),
        ({"name": ORDLO}, OCCUPIED_BEFORE_2022),  # an unfamiliar key: the English name decides
        ({"name": "Крим /// Crimea /// geoJSON.territories.crimea"}, OCCUPIED_BEFORE_2022),
        ({"name": "ОРДЛО /// ORDLO /// geoJSON.territories.ordlo"}, OCCUPIED_BEFORE_2022),
        ({"name": LIBERATED, "fill": "#a52714"}, categories.LIBERATED),  # the name decides
        ({"name": "Звільнено /// Liberated /// geoJSON.status.dismissed"}, categories.LIBERATED),
        (
            {
                "name": "Звільнено 25.03 /// Liberated 25.03 /// "
                "geoJSON.status.dismissed_at {{at:16.03 -17.03}}"
            },
            categories.LIBERATED,
        ),
        ({"name": CONTESTED}, categories.CONTESTED),
        (
            {"name": "Статус невідомий /// Unknown status\xa0/// geoJSON.status.unknown\n"},
            categories.CONTESTED,
        ),
        ({"name": "нове /// Something new /// x", "fill": "#A52714"}, None),  # a key: no guess
        ({"name": "нове /// Something new", "fill": "#A52714"}, categories.OCCUPIED),
        ({"fill": "#880e4f"}, OCCUPIED_BEFORE_2022),
        ({"fill": "#bcaaa4"}, categories.CONTESTED),
        ({"name": "no separators"}, None),
        # Territories DeepStateMap draws outside Ukraine are never Ukraine's figures,
        # whatever their colour.
        (
            {
                "name": "Придністров'я /// Transnistria /// geoJSON.territories.transnistria",
                "fill": "#880e4f",
            },
            None,
        ),
        ({"name": "x /// Abkhazia /// geoJSON.territories.abkhazia", "fill": "#880e4f"}, None),
        ({"name": "x /// y /// geoJSON.status.partially_liberated", "fill": "#a52714"}, None),
    ],
)
def test_deepstate_category(properties, expected):
    assert deepstate_category(properties) == expected


def occupied_union():
    return shapely.union_all([AREAS[0], AREAS[1], shapely.box(33.5, 44.6, 34.5, 45.4)])


LIBERATED_BOX = shapely.box(36.0, 49.5, 36.5, 49.9)
CONTESTED_BOX = shapely.box(37.9, 48.9, 38.0, 49.0)


def test_history_last_document_keeps_every_category_and_counts_only_occupied(tmp_path):
    document = {"id": 1732104000, "datetime": "2024-11-20T12:00:00.000Z", "map": deepstate_map()}
    path = tmp_path / "last.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    layer = read_control_layer(path)
    assert layer.source_format == "DeepStateMap"
    assert layer.date == dt.date(2024, 11, 20) and layer.report.date_origin == "metadata"
    assert list(layer.categories) == [
        categories.OCCUPIED, OCCUPIED_BEFORE_2022, categories.CONTESTED, categories.LIBERATED,
    ]  # fmt: skip
    assert shapely.area(shapely.symmetric_difference(layer.controlled, occupied_union())) < 1e-9
    assert shapely.equals(layer.categories[categories.LIBERATED], LIBERATED_BOX)
    assert shapely.equals(layer.categories[categories.CONTESTED], CONTESTED_BOX)
    report = layer.report
    assert (report.polygons_used, report.skipped_other_category, report.skipped_non_polygon) == (
        5,
        0,
        1,
    )


def test_contested_land_counts_only_when_the_setting_says_so(tmp_path):
    path = tmp_path / "last.json"
    path.write_text(json.dumps({"id": 1732104000, "map": deepstate_map()}, ensure_ascii=False))
    counted = read_control_layer(path, counting=Counting(contested=True))
    expected = shapely.union(occupied_union(), CONTESTED_BOX)
    assert shapely.area(shapely.symmetric_difference(counted.controlled, expected)) < 1e-9
    # Liberated land never counts; the same layer recounted gives the same geometry.
    assert not shapely.intersects(counted.controlled, LIBERATED_BOX)
    recounted = read_control_layer(path).with_counting(Counting(contested=True))
    assert shapely.area(shapely.symmetric_difference(recounted.controlled, expected)) < 1e-9


def test_territories_outside_ukraine_are_left_out_and_named(tmp_path):
    features = [
        feature(AREAS[0], OCCUPIED, "#a52714"),
        feature(shapely.box(29.0, 46.6, 29.8, 47.6),
                "Придністров'я /// Transnistria /// geoJSON.territories.transnistria", "#880e4f"),
        feature(shapely.box(36.0, 49.0, 36.2, 49.2), "x /// Brand new /// geoJSON.status.brand_new",
                "#a52714"),
    ]  # fmt: skip
    path = tmp_path / "last.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    layer = read_control_layer(path)
    assert list(layer.categories) == [categories.OCCUPIED]
    assert shapely.area(shapely.symmetric_difference(layer.controlled, AREAS[0])) < 1e-9
    assert layer.report.skipped_other_category == 2
    messages = "\n".join(layer.report.messages())
    assert "outside Ukraine" in messages and "Transnistria" in messages and "Brand new" in messages


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
    assert layer.is_empty and list(layer.categories) == [categories.LIBERATED]
    assert "no polygon is marked as occupied territory" in layer.report.notes


def test_the_update_list_is_not_a_map(tmp_path):
    path = tmp_path / "history-public.json"
    path.write_text(json.dumps([{"id": 1, "createdAt": "2024-11-20T12:00:00Z", "status": True}]))
    with pytest.raises(BadInputError, match="list of updates, not a map"):
        read_control_layer(path)


def test_real_api_sample(api_sample_20241120):
    layer = read_control_layer(api_sample_20241120)
    assert layer.date == dt.date(2024, 11, 20)
    assert list(layer.categories) == [categories.OCCUPIED, OCCUPIED_BEFORE_2022]
    assert layer.report.skipped_non_polygon == 3


def test_a_map_of_only_unknown_kinds_says_none_counts(tmp_path):
    # Its method line said "one kind of area, and all of it counts as occupied" over 0 %.
    from geodata.stats import compute_stats

    path = tmp_path / "new.geojson"
    name = "x /// Occupied since 2025 /// geoJSON.status.occupied_new"
    only = feature(shapely.box(37.5, 47.8, 38.0, 48.2), name, "#a52714")
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [only]}))
    stats = compute_stats(read_control_layer(path))
    assert stats.method.categories == "none of the source's areas is of a kind counted as occupied"
    assert stats.to_dict()["categories"] == [] and stats.category_totals() == []
