"""The map's display layers: label placement and what reaches the page."""

from __future__ import annotations

import shapely

from geodata import map_layers
from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer


def test_oblast_names_sit_inside_their_oblast_and_clear_the_big_city_labels():
    units = load_boundaries().units
    city_boxes = map_layers._big_city_label_boxes()
    for row, point in zip(units.itertuples(), map_layers.region_label_points(), strict=True):
        assert row.geometry.contains(point), row.name
        if row.code in ("UA-30", "UA-40"):  # the two cities are labelled as cities
            continue
        half_w, half_h = map_layers._label_half_size(row.name, map_layers.REGION_LABEL_PX_PER_CHAR)
        label = shapely.box(point.x - half_w, point.y - half_h, point.x + half_w, point.y + half_h)
        assert not label.intersects(city_boxes), row.name


def test_basemap_names_the_neighbours_and_the_seas_inside_the_view():
    layers = map_layers.basemap_layers()
    view = shapely.box(*map_layers.VIEW_BOUNDS)
    names = {f["properties"]["name"] for f in layers["neighbours"]["features"]}
    assert names == {"Russia", "Belarus", "Poland", "Slovakia", "Hungary", "Romania", "Moldova"}
    for feature in layers["neighbours"]["features"]:
        lat, lon = feature["properties"]["label"]
        assert view.contains(shapely.Point(lon, lat)), feature["properties"]["name"]
    assert [sea["name"] for sea in layers["seas"]] == ["Black Sea", "Sea of Azov"]


def test_only_whitelisted_properties_reach_the_page():
    layer = ControlLayer(shapely.box(37, 47, 38, 48), None, "<b>x</b>", "GeoJSON")
    collection = map_layers.control_layer_geojson(layer)
    assert [set(f["properties"]) for f in collection["features"]] == [{"category"}]
    regions = map_layers.basemap_layers()["regions"]["features"]
    assert {key for f in regions for key in f["properties"]} == {
        "code", "name", "name_uk", "kind", "label"
    }  # fmt: skip
