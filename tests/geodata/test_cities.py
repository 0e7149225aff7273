"""The bundled cities lie where they should."""

from __future__ import annotations

import pytest
import shapely

from geodata.boundaries import load_boundaries
from geodata.cities import load_cities


@pytest.fixture(scope="module")
def cities():
    return load_cities()


def test_cities_are_unique_and_ranked(cities):
    assert len(cities) == 59
    assert cities["name"].is_unique
    assert set(cities["rank"]) == {1, 2, 3, 4}
    assert cities.crs.to_epsg() == 4326


def test_every_city_lies_in_its_region(cities):
    boundaries = load_boundaries()
    units = boundaries.units.set_index("code").geometry
    for row in cities.itertuples():
        # Within 5 km: Kherson's point sits on the river bank, outside the 1:10m coast.
        assert shapely.distance(units[row.region_code], row.geometry) < 0.05, row.name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kyiv", "UA-30"),
        ("Donetsk", "UA-14"),
        ("Bakhmut", "UA-14"),
        ("Kupiansk", "UA-63"),
        ("Melitopol", "UA-23"),
        ("Nova Kakhovka", "UA-65"),
        ("Sevastopol", "UA-40"),
        ("Kerch", "UA-43"),
    ],
)
def test_spot_checks(cities, name, code):
    assert cities.set_index("name").loc[name, "region_code"] == code


@pytest.mark.parametrize(
    ("name", "lat", "lon"), [("Kyiv", 50.45, 30.52), ("Kharkiv", 49.98, 36.25)]
)
def test_coordinates(cities, name, lat, lon):
    point = cities.set_index("name").geometry[name]
    assert point.y == pytest.approx(lat, abs=0.05) and point.x == pytest.approx(lon, abs=0.05)
