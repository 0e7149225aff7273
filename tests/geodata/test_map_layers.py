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
    # The category, its label from geodata.categories (never text from the file) and
    # whether it counts as occupied.
    assert [f["properties"] for f in collection["features"]] == [
        {"category": "controlled", "label": "Occupied territory", "counted": True}
    ]
    regions = map_layers.basemap_layers()["regions"]["features"]
    assert {key for f in regions for key in f["properties"]} == {
        "code", "name", "name_uk", "kind", "label"
    }  # fmt: skip


def test_settlement_points_are_the_gazetteer_in_its_order_with_the_cities_flagged():
    from geodata.cities import load_cities
    from geodata.gazetteer import load_gazetteer

    points = map_layers.settlement_points()
    places = load_gazetteer()
    assert set(points) == {"lon", "lat", "name", "name_uk", "population", "city"}
    assert {len(column) for column in points.values()} == {len(places)} == {5488}
    assert points["name"] == places["name"].tolist()
    assert points["population"] == places["population"].tolist()
    assert all(isinstance(v, int) for v in points["population"])
    assert max(abs(a - b) for a, b in zip(points["lon"], places["lon"], strict=True)) <= 5.1e-5
    assert all(round(v, 4) == v for v in points["lat"])
    flagged = {name for name, city in zip(points["name"], points["city"], strict=True) if city}
    assert sum(points["city"]) == len(load_cities()) == 59
    assert flagged == set(load_cities()["name"])


def test_held_place_rows_are_the_held_gazetteer_rows():
    from geodata.gazetteer import load_gazetteer
    from geodata.stats import compute_stats

    names = load_gazetteer()["name"]
    layer = ControlLayer(shapely.box(37.4, 48.0, 37.9, 48.3), None, "x", "GeoJSON")
    stats = compute_stats(layer)
    rows = map_layers.held_place_rows(stats)
    assert rows == sorted(rows) and all(type(row) is int for row in rows)
    assert len(rows) == int(stats.held.sum()) and stats.held[rows].all()
    assert "Ocheretyne" in set(names[rows]) and "Kyiv" not in set(names[rows])
    assert map_layers.held_place_rows(None) == []
