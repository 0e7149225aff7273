"""Two sources compared: exact areas on synthetic layers, the stats' figures on real ones."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
import shapely

from geodata.compare import compare_layers, format_comparison
from geodata.control import ControlLayer
from geodata.projection import to_equal_area
from geodata.stats import compute_stats
from tests.helpers import DAILY, csv_records, require_shared

# Two boxes well inside Ukraine (no state border or coast near: nothing reconciled).
A_BOX = shapely.box(34.6, 48.0, 35.0, 48.3)
B_BOX = shapely.box(34.8, 48.1, 35.2, 48.4)


def km2(geometry) -> float:
    return float(shapely.area(to_equal_area(geometry))) / 1e6


@pytest.fixture(scope="module")
def synthetic():
    a = ControlLayer(A_BOX, dt.date(2025, 3, 1), "a.geojson", "GeoJSON")
    b = ControlLayer(B_BOX, dt.date(2025, 3, 3), "b.kml", "KML")
    return compare_layers(a, b)


def test_exact_areas_on_synthetic_layers(synthetic):
    row = synthetic.table.set_index("code").loc["ukraine"]
    assert row["a_km2"] == pytest.approx(km2(A_BOX), rel=1e-6)
    assert row["b_km2"] == pytest.approx(km2(B_BOX), rel=1e-6)
    assert row["only_a_km2"] == pytest.approx(km2(A_BOX.difference(B_BOX)), rel=1e-4)
    assert row["only_b_km2"] == pytest.approx(km2(B_BOX.difference(A_BOX)), rel=1e-4)
    assert km2(synthetic.both) == pytest.approx(km2(A_BOX.intersection(B_BOX)), rel=1e-4)
    assert row["difference_km2"] == pytest.approx(row["b_km2"] - row["a_km2"])
    assert synthetic.date_gap_days == 2
    units = synthetic.table[synthetic.table["level"] == "unit"]
    assert units["only_a_km2"].sum() == pytest.approx(row["only_a_km2"])


def test_the_outputs(synthetic):
    text = format_comparison(synthetic)
    assert text.startswith("A: a.geojson (2025-03-01) vs B: b.kml (2025-03-03) (+2 days)")
    assert "Dnipropetrovsk" in text and "Kyiv" not in text.split("Settlements")[0]
    data = json.loads(format_comparison(synthetic, "json"))
    assert data["date_gap_days"] == 2 and len(data["rows"]) == 30
    rows = csv_records(format_comparison(synthetic, "csv"))
    assert {"difference_km2", "only_a_km2", "only_b_km2"} <= set(rows[0])


def test_the_method_in_either_language(synthetic):
    english = synthetic.method_in("en")
    assert english == synthetic.method and english.startswith("Occupied km² and %")
    assert "reconciled at 3 km in both" in english and english.endswith("not a census of today.")
    ukrainian = synthetic.method_in("uk")
    # The app's Compare panel showed this note in English in the Ukrainian app.
    assert "узгоджено на 3 км" in ukrainian and "перепис" in ukrainian
    assert not any(word in ukrainian for word in ("Occupied", "Settlements", "People", "census"))


def test_real_sources_differ_as_their_stats_do():
    from geodata.importers import read_control_layer

    a = read_control_layer(require_shared(DAILY / "deepstatemap_data_20241120.geojson"))
    b = read_control_layer(require_shared(DAILY / "deepstatemap_data_20250801.geojson"))
    comparison = compare_layers(a, b)
    table = comparison.table.set_index("code")
    stats_a = compute_stats(a).regions.set_index("code")["controlled_km2"]
    stats_b = compute_stats(b).regions.set_index("code")["controlled_km2"]
    difference = table.loc[stats_a.index, "difference_km2"] - (stats_b - stats_a)
    assert np.abs(difference.to_numpy()).max() <= 0.1
    held_in_b = set(comparison.places.loc[comparison.places["held_in"] == "B", "name"])
    assert {"Kurakhove", "Chasiv Yar", "Velyka Novosilka"} <= held_in_b
