"""Controlled area per unit and group, on synthetic control geometry with known answers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.control import ControlLayer
from geodata.projection import from_equal_area
from geodata.stats import (
    GROUP_COLUMNS,
    REGION_COLUMNS,
    compute_stats,
    controlled_area_by_group,
    controlled_area_by_region,
)


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def unit(boundaries, code):
    return boundaries.units.geometry[boundaries.row_of(code)]


def share(table, code):
    return float(table.set_index("code").loc[code, "controlled_pct"])


def western_half(boundaries, code):
    """The part of a unit west of the meridian-like line that halves its equal-area area."""
    projected = boundaries.geometry_equal_area[boundaries.row_of(code)]
    xmin, ymin, xmax, ymax = shapely.bounds(projected)
    low, high = xmin, xmax
    for _ in range(60):
        middle = (low + high) / 2
        part = shapely.clip_by_rect(projected, xmin - 1, ymin - 1, middle, ymax + 1)
        low, high = (
            (middle, high) if shapely.area(part) < shapely.area(projected) / 2 else (low, middle)
        )
    return from_equal_area(shapely.clip_by_rect(projected, xmin - 1, ymin - 1, low, ymax + 1))


def test_control_equal_to_whole_units_gives_100_percent(boundaries):
    codes = ["UA-09", "UA-14", "UA-43"]
    control = shapely.union_all([unit(boundaries, c) for c in codes])
    table = controlled_area_by_region(control, boundaries)
    for code in codes:
        assert share(table, code) == pytest.approx(100.0, abs=0.01)
    others = table[~table["code"].isin([*codes, "UA-40"])]  # Sevastopol borders Crimea
    assert others["controlled_pct"].max() < 0.01


def test_disjoint_control_gives_0_percent(boundaries):
    far_away = shapely.box(60, 60, 61, 61)  # in Russia, far from Ukraine
    table = controlled_area_by_region(far_away, boundaries)
    assert (table["controlled_km2"] == 0).all()


def test_half_of_a_unit_gives_50_percent(boundaries):
    table = controlled_area_by_region(western_half(boundaries, "UA-63"), boundaries)
    assert share(table, "UA-63") == pytest.approx(50.0, abs=0.01)


def test_control_outside_ukraine_is_ignored(boundaries):
    luhansk = unit(boundaries, "UA-09")
    with_russia = shapely.union_all([luhansk, shapely.box(40.0, 47.0, 45.0, 50.0)])
    table = controlled_area_by_region(with_russia, boundaries)
    assert share(table, "UA-09") == pytest.approx(100.0, abs=0.01)
    assert table["controlled_km2"].sum() == pytest.approx(
        boundaries.area_km2[boundaries.row_of("UA-09")], rel=1e-4
    )


def test_empty_control_gives_zero_everywhere(boundaries):
    table = controlled_area_by_region(shapely.Polygon(), boundaries)
    assert list(table.columns) == REGION_COLUMNS
    assert (table["controlled_pct"] == 0).all()
    assert len(table) == 27


def test_groups_sum_their_members(boundaries):
    control = shapely.union_all([unit(boundaries, "UA-09"), unit(boundaries, "UA-43")])
    regions = controlled_area_by_region(control, boundaries)
    groups = controlled_area_by_group(regions).set_index("id")
    assert list(groups.reset_index().columns) == GROUP_COLUMNS
    annexed = ["UA-14", "UA-09", "UA-23", "UA-65"]
    expected = (
        100
        * boundaries.area_km2[[boundaries.row_of(c) for c in ["UA-09"]]].sum()
        / (boundaries.area_km2[[boundaries.row_of(c) for c in annexed]].sum())
    )
    assert groups.loc["annexed-2022", "controlled_pct"] == pytest.approx(expected, abs=1e-6)
    assert groups.loc["ukraine", "area_km2"] == pytest.approx(boundaries.area_km2.sum())
    crimea_share = groups.loc["crimea-2014", "controlled_pct"]
    assert 90 < crimea_share < 100  # Crimea but not Sevastopol


def test_invalid_clip_results_are_repaired_not_fatal(boundaries):
    # A bow-tie touching Donetsk is invalid; the overlay must still give a number.
    bowtie = shapely.Polygon([(37, 47.5), (38.5, 48.5), (38.5, 47.5), (37, 48.5), (37, 47.5)])
    table = controlled_area_by_region(shapely.make_valid(bowtie), boundaries)
    assert np.isfinite(table["controlled_km2"]).all()
    assert share(table, "UA-14") > 0


def test_compute_stats_carries_date_and_source_into_the_json_shape(boundaries):
    layer = ControlLayer(unit(boundaries, "UA-09"), dt.date(2024, 11, 20), "x.geojson", "GeoJSON")
    data = compute_stats(layer, boundaries).to_dict()
    assert list(data) == ["date", "source", "regions", "groups", "metadata"]
    assert data["date"] == "2024-11-20" and data["source"] == "x.geojson"
    assert len(data["regions"]) == 27
    assert [g["id"] for g in data["groups"]] == ["annexed-2022", "crimea-2014", "ukraine"]
    fields = ["name", "area_km2", "controlled_km2", "controlled_pct", "added_by_reconciliation_km2",
              "places_held", "places", "people_held", "people"]  # fmt: skip
    assert list(data["regions"][0]) == ["code", *fields]
    assert list(data["groups"][0]) == ["id", *fields]
    metadata = data["metadata"]
    assert metadata["reconcile_km"] == 3.0 and metadata["official_area_km2"] == 603628.0
    assert metadata["boundary_version"] == boundaries.version
    assert metadata["control_source"] == "x.geojson" and metadata["date"] == "2024-11-20"
    luhansk = next(r for r in data["regions"] if r["code"] == "UA-09")
    assert luhansk["controlled_pct"] == 100.0
