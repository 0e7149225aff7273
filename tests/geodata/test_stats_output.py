"""Table, CSV and JSON renderings of the statistics."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.errors import UnknownRegionError
from geodata.stats import compute_stats
from geodata.stats_output import CSV_COLUMNS, format_stats
from tests.helpers import csv_records


@pytest.fixture(scope="module")
def stats():
    b = load_boundaries()
    layer = ControlLayer(
        b.units.geometry[b.row_of("UA-09")], dt.date(2024, 11, 20), "luhansk.geojson", "GeoJSON"
    )
    return compute_stats(layer, b)


def test_json_is_the_documented_shape(stats):
    data = json.loads(format_stats(stats, "json"))
    assert data == stats.to_dict()


def test_csv_has_one_row_per_group_and_unit(stats):
    rows = csv_records(format_stats(stats, "csv"))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3 + 27
    assert [r["level"] for r in rows[:3]] == ["group"] * 3
    luhansk = next(r for r in rows if r["code"] == "UA-09")
    assert luhansk["date"] == "2024-11-20" and float(luhansk["controlled_pct"]) == 100.0


def test_table_puts_groups_first_and_the_most_controlled_unit_next(stats):
    lines = format_stats(stats, "table").splitlines()
    assert "luhansk.geojson" in lines[0] and "2024-11-20" in lines[0]
    assert lines[3].startswith("Four regions annexed in 2022")
    assert "occupied km²" in lines[2] and "reconciled km²" in lines[2]
    assert lines[5].startswith("All of Ukraine")
    assert any("reconciliation at 3 km" in line for line in lines[-3:])
    assert lines[7].startswith("Luhansk (UA-09)")
    assert "100.00" in lines[7]


def test_group_option_limits_every_format(stats):
    data = json.loads(format_stats(stats, "json", group="crimea-2014"))
    assert [r["code"] for r in data["regions"]] == ["UA-40", "UA-43"]
    assert [g["id"] for g in data["groups"]] == ["crimea-2014"]
    rows = csv_records(format_stats(stats, "csv", group="annexed-2022"))
    assert {r["code"] for r in rows} == {"annexed-2022", "UA-14", "UA-09", "UA-23", "UA-65"}


def test_unknown_group_and_format_are_clear(stats):
    with pytest.raises(UnknownRegionError, match="unknown group 'east'"):
        format_stats(stats, "json", group="east")
    with pytest.raises(ValueError, match="table, csv, json"):
        format_stats(stats, "xml")
