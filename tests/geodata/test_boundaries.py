"""The bundled boundary files: 27 units with the right codes, names and kinds; neighbours."""

from __future__ import annotations

import pycountry
import pytest
import shapely

from geodata.boundaries import load_boundaries, load_neighbours
from geodata.errors import UnknownRegionError

MODERN_NAMES = {
    "UA-30": "Kyiv City",
    "UA-32": "Kyiv",
    "UA-51": "Odesa",
    "UA-23": "Zaporizhzhia",
    "UA-14": "Donetsk",
    "UA-09": "Luhansk",
    "UA-48": "Mykolaiv",
    "UA-68": "Khmelnytskyi",
    "UA-05": "Vinnytsia",
    "UA-21": "Zakarpattia",
    "UA-26": "Ivano-Frankivsk",
    "UA-46": "Lviv",
    "UA-61": "Ternopil",
    "UA-12": "Dnipropetrovsk",
    "UA-35": "Kirovohrad",
    "UA-43": "Crimea",
    "UA-40": "Sevastopol",
}


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def test_there_are_27_units_with_every_iso_code_once(boundaries):
    expected = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert len(boundaries.units) == 27
    assert sorted(boundaries.codes) == sorted(expected)


@pytest.mark.parametrize(("code", "name"), sorted(MODERN_NAMES.items()))
def test_english_names_use_the_modern_romanization(boundaries, code, name):
    assert boundaries.units.loc[boundaries.row_of(code), "name"] == name


def test_ukrainian_names_and_kinds(boundaries):
    units = boundaries.units.set_index("code")
    assert units.loc["UA-14", "name_uk"] == "Донецька область"
    assert units.loc["UA-30", "name_uk"] == "Київ"
    assert units.loc["UA-43", "kind"] == "autonomous republic"
    assert set(units.loc[["UA-30", "UA-40"], "kind"]) == {"city with special status"}
    assert (units["kind"] == "oblast").sum() == 24


def test_geometry_is_valid_wgs84_and_units_do_not_overlap(boundaries):
    geometry = boundaries.units.geometry.to_numpy()
    assert boundaries.units.crs.to_epsg() == 4326
    assert shapely.is_valid(geometry).all()
    xmin, ymin, xmax, ymax = shapely.total_bounds(geometry)
    assert 22 < xmin < xmax < 40.5 and 44 < ymin < ymax < 52.5
    total = shapely.area(boundaries.geometry_equal_area).sum()
    union = shapely.area(shapely.union_all(boundaries.geometry_equal_area))
    assert union == pytest.approx(total, rel=1e-4)


def test_ukraine_area_is_about_603_thousand_km2_less_the_sea_of_azov_shore(boundaries):
    # Official figure 603,550 km²; Natural Earth's coastline gives a little less.
    assert 590_000 < boundaries.area_km2.sum() < 606_000


def test_label_points_fall_inside_their_units(boundaries):
    points = shapely.points(boundaries.units["label_lon"], boundaries.units["label_lat"])
    inside = shapely.contains(boundaries.units.geometry.to_numpy(), points)
    assert inside.sum() >= 25  # Natural Earth's points for the two cities may sit on their edge


def test_unknown_code_names_the_allowed_codes(boundaries):
    with pytest.raises(UnknownRegionError, match=r"UA-99.*UA-05"):
        boundaries.row_of("UA-99")


def test_version_is_a_stable_content_hash(boundaries):
    assert len(boundaries.version) == 16
    assert load_boundaries() is boundaries


def test_neighbours_are_the_seven_countries_and_do_not_overlap_ukraine(boundaries):
    neighbours = load_neighbours()
    assert set(neighbours["name"]) == {
        "Russia", "Belarus", "Poland", "Slovakia", "Hungary", "Romania", "Moldova"
    }  # fmt: skip
    ukraine = shapely.union_all(boundaries.units.geometry.to_numpy())
    overlap = shapely.area(shapely.intersection(neighbours.geometry.to_numpy(), ukraine))
    assert overlap.max() < 1e-6
    assert shapely.intersects(neighbours.geometry.to_numpy(), shapely.buffer(ukraine, 0.01)).all()
