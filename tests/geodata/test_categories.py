"""Categories a source distinguishes: each measured apart, contested counted only on request."""

from __future__ import annotations

import json

import pytest
import shapely

from geodata import categories
from geodata.categories import Counting
from geodata.importers import read_control_layer
from geodata.map_layers import control_layer_geojson
from geodata.stats import compute_stats, controlled_area_by_region
from geodata.stats_output import format_stats

# Boxes inside Donetsk oblast, apart from one another.
BOXES = {
    "Окуповано /// Occupied /// geoJSON.status.occupied": shapely.box(37.6, 47.9, 38.2, 48.3),
    "Невідомо /// Unknown status /// geoJSON.status.unknown": shapely.box(37.3, 47.9, 37.5, 48.3),
    "Звільнено /// Liberated /// geoJSON.status.dismissed": shapely.box(37.0, 48.6, 37.4, 48.9),
}
KEYS = [categories.OCCUPIED, categories.CONTESTED, categories.LIBERATED]


@pytest.fixture
def deepstate_file(tmp_path):
    features = [
        {"type": "Feature", "properties": {"name": name},
         "geometry": shapely.geometry.mapping(box)}
        for name, box in BOXES.items()
    ]  # fmt: skip
    path = tmp_path / "deepstatemap_20241120.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def donetsk_km2(geometry) -> float:
    table = controlled_area_by_region(geometry).set_index("code")
    return float(table.loc["UA-14", "controlled_km2"])


def test_each_category_has_its_own_exact_figures(deepstate_file):
    stats = compute_stats(read_control_layer(deepstate_file), reconcile_km=0)
    table = stats.categories
    donetsk = table[(table["level"] == "region") & (table["code"] == "UA-14")]
    for key, box in zip(KEYS, BOXES.values(), strict=True):
        km2 = float(donetsk.loc[donetsk["category"] == key, "km2"].iloc[0])
        assert km2 == pytest.approx(donetsk_km2(box), abs=1e-6)
    occupied = stats.regions.set_index("code").loc["UA-14", "controlled_km2"]
    assert occupied == pytest.approx(donetsk_km2(BOXES[next(iter(BOXES))]), abs=1e-6)


def test_contested_counts_as_occupied_only_with_the_setting(deepstate_file):
    plain = compute_stats(read_control_layer(deepstate_file), reconcile_km=0)
    counted = compute_stats(
        read_control_layer(deepstate_file, counting=Counting(contested=True)), reconcile_km=0
    )
    before = plain.regions.set_index("code").loc["UA-14", "controlled_km2"]
    after = counted.regions.set_index("code").loc["UA-14", "controlled_km2"]
    contested = donetsk_km2(list(BOXES.values())[1])
    assert after - before == pytest.approx(contested, abs=1e-6)
    # The Method says which, in the panel's text and in the JSON.
    assert "Contested (grey zone) is not counted as occupied" in plain.method.text()
    assert "Contested (grey zone) is counted as occupied" in counted.method.text()
    assert "Liberated is never counted" in plain.method.text()
    data = counted.to_dict()
    flags = {entry["category"]: entry["counted_as_occupied"] for entry in data["categories"]}
    assert flags == {categories.OCCUPIED: True, categories.CONTESTED: True,
                     categories.LIBERATED: False}  # fmt: skip
    assert "counted as occupied" in data["metadata"]["categories"]


def test_a_single_geometry_source_stays_occupied(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps(shapely.geometry.mapping(shapely.box(37.6, 47.9, 38.2, 48.3))))
    layer = read_control_layer(path, counting=Counting(contested=True))
    stats = compute_stats(layer, reconcile_km=0)
    assert list(layer.categories) == [categories.CONTROLLED] and stats.categories is None
    assert "one kind of area" in stats.method.text()
    assert "By category" not in format_stats(stats)


def test_the_table_and_the_map_show_every_category(deepstate_file):
    layer = read_control_layer(deepstate_file)
    text = format_stats(compute_stats(layer, reconcile_km=0))
    assert "By category" in text and "Contested (grey zone)" in text and "Liberated" in text
    features = control_layer_geojson(layer)["features"]
    assert [(f["properties"]["category"], f["properties"]["counted"]) for f in features] == [
        (categories.OCCUPIED, True), (categories.CONTESTED, False), (categories.LIBERATED, False),
    ]  # fmt: skip


def test_every_category_has_a_colour_in_every_palette():
    from geodata.palette import PALETTES

    for palette in PALETTES.values():
        for category in categories.CATEGORIES:
            assert getattr(palette, category.role).startswith("#")
