"""The method note every export carries."""

from __future__ import annotations

import json

import pytest

from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.method import OFFICIAL_AREA_KM2, method_note_for
from geodata.stats import compute_stats


@pytest.fixture(scope="module")
def luhansk_stats():
    b = load_boundaries()
    layer = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "l.kml", "KML")
    return compute_stats(layer, b)


def test_the_note_names_sources_projection_tolerance_and_denominators(luhansk_stats):
    note = luhansk_stats.method
    labels = dict(note.lines())
    assert labels["Control areas"].startswith("l.kml")
    assert "Natural Earth 1:10m" in labels["Boundaries"] and note.boundary_version in labels[
        "Boundaries"]  # fmt: skip
    assert "+proj=aea" in labels["Areas measured in"]
    assert labels["Border and coast reconciliation"].startswith("3 km")
    assert "599,095 km²" in labels["Denominator"] and "603,628 km²" in labels["Denominator"]
    occupied = luhansk_stats.groups.set_index("id").loc["ukraine", "controlled_km2"]
    assert note.occupied_pct == pytest.approx(100 * occupied / note.ukraine_area_km2)
    assert note.occupied_pct_of_official_area == pytest.approx(100 * occupied / OFFICIAL_AREA_KM2)
    assert note.occupied_pct > note.occupied_pct_of_official_area
    assert "Frontline Atlas" in labels["Made with"]


def test_the_note_as_data_comments_and_footnote(luhansk_stats):
    note = luhansk_stats.method
    data = json.loads(json.dumps(note.to_dict()))
    assert data["reconcile_km"] == 3.0 and data["official_area_km2"] == 603628.0
    assert all(line.startswith("# ") for line in note.csv_comments().splitlines())
    assert "reconciled at 3 km" in note.footnote()


def test_a_raw_note_says_so():
    note = method_note_for(None, "x", "x", 0.0, 0.0, 1000.0)
    assert dict(note.lines())["Border and coast reconciliation"].startswith("none")
    assert "no border reconciliation" in note.footnote()
