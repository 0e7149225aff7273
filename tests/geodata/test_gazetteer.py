"""The bundled gazetteer: its places, names and units, and finding places by name."""

# Ukrainian names are written in Cyrillic on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import timeit

import pandas as pd
import pytest

from geodata.boundaries import load_boundaries
from geodata.cities import load_cities
from geodata.gazetteer import load_gazetteer, search_places, settlement_rows


@pytest.fixture(scope="module")
def places():
    return load_gazetteer()


@pytest.fixture(scope="module")
def by_id(places):
    return places.set_index("geonameid")


def test_schema(places):
    assert len(places) == 5488
    assert list(places.columns) == [
        "geonameid", "name", "name_uk", "population", "region_code", "lon", "lat", "part_of",
    ]  # fmt: skip
    assert places.index.equals(pd.RangeIndex(5488))
    assert places["geonameid"].dtype == "int64" and places["population"].dtype == "int64"
    assert places["lon"].dtype == "float64" and places["lat"].dtype == "float64"
    assert places["geonameid"].is_unique and places["geonameid"].is_monotonic_increasing
    assert not places.isna().any().any()
    assert (places["name"] != "").all()


def test_city_districts_are_not_counted_twice(places, by_id):
    """Sections of cities (Kyiv's raions, Saltivka) name their city and are left out of counts."""
    districts = places[places["part_of"] > 0]
    assert set(districts["part_of"]) <= set(places.loc[places["part_of"] == 0, "geonameid"])
    assert by_id.loc[6722148, "part_of"] == 706483  # Saltivka, in Kharkiv
    assert by_id.loc[13580034, "part_of"] == 701822  # Pravyi Bereh, in Mariupol
    for town in (701822, 689487, 688723, 704422):  # Mariupol, Vyshneve, Vyshhorod, Pokrovsk
        assert by_id.loc[town, "part_of"] == 0
    # What is counted stays below Ukraine's 2001 census (48.5 million, small villages too).
    assert 30e6 < places.loc[settlement_rows(), "population"].sum() < 42e6


def test_values_are_plausible(places):
    assert set(places["region_code"]) <= set(load_boundaries().codes)
    # GeoNames' "500" extract holds a few places with smaller (or unknown, 0) populations.
    assert (places["population"] >= 0).all()
    assert places["lon"].between(22, 41).all() and places["lat"].between(44, 53).all()


def test_most_places_have_a_ukrainian_name(places):
    assert (places["name_uk"] != "").mean() >= 0.95


@pytest.mark.parametrize(
    ("geonameid", "name", "name_uk", "code"),
    [
        (707898, "Huliaipole", "Гуляйполе", "UA-23"),
        (704422, "Pokrovsk", "Покровськ", "UA-14"),
        (710035, "Myrnohrad", "Мирноград", "UA-14"),
        (694403, "Siversk", "Сіверськ", "UA-14"),
        (689304, "Vovchansk", "Вовчанськ", "UA-63"),
        (695357, "Kurakhove", "Курахове", "UA-14"),
        (710915, "Chasiv Yar", "Часів Яр", "UA-14"),
        (690237, "Velyka Novosilka", "Велика Новосілка", "UA-14"),
        (709354, "Toretsk", "Торецьк", "UA-14"),
        (690823, "Vuhledar", "Вугледар", "UA-14"),
        (713122, "Avdiivka", "Авдіївка", "UA-14"),
        (701845, "Marinka", "Мар'їнка", "UA-14"),
        (704393, "Krasnohorivka", "Красногорівка", "UA-14"),
        (694677, "Selydove", "Селидове", "UA-14"),
        (699557, "Novohrodivka", "Новогродівка", "UA-14"),
        (690771, "Ukrainsk", "Українськ", "UA-14"),
        (705104, "Kostiantynivka", "Костянтинівка", "UA-14"),
        (616743, "Druzhkivka", "Дружківка", "UA-14"),
        (709900, "Dobropillia", "Добропілля", "UA-14"),
        (703656, "Kupiansk", "Куп'янськ", "UA-63"),
        (704204, "Lyman", "Лиман", "UA-14"),
        (698428, "Orikhiv", "Оріхів", "UA-23"),
        (703448, "Kyiv", "Київ", "UA-30"),
        (694423, "Sevastopol", "Севастополь", "UA-40"),
        (693805, "Simferopol", "Сімферополь", "UA-43"),
        (709930, "Dnipro", "Дніпро", "UA-12"),
        (705812, "Kropyvnytskyi", "Кропивницький", "UA-35"),
        (706369, "Khmelnytskyi", "Хмельницький", "UA-68"),
        (687700, "Zaporizhzhia", "Запоріжжя", "UA-23"),
        (700569, "Mykolaiv", "Миколаїв", "UA-48"),
        (702658, "Luhansk", "Луганськ", "UA-09"),
        (691999, "Sievierodonetsk", "Сєвєродонецьк", "UA-09"),
        (698625, "Oleksandriia", "Олександрія", "UA-35"),  # the rule, not a hand-checked name
        (707565, "Irpin", "Ірпінь", "UA-30"),  # inside the 1:10m Kyiv City outline
    ],
)
def test_named_places(by_id, geonameid, name, name_uk, code):
    place = by_id.loc[geonameid]
    assert (place["name"], place["name_uk"], place["region_code"]) == (name, name_uk, code)


def test_old_romanizations_are_gone(places):
    names = set(places["name"])
    assert {"Hulyaypole", "Dnipropetrovsk", "Kirovohrad", "Zaporizhzhya", "Mykolayiv"}.isdisjoint(
        names
    )


def test_the_cities_table_keeps_its_names_and_units(by_id):
    cities = load_cities()
    for city in cities.itertuples():
        place = by_id.loc[city.geonameid]
        assert (place["name"], place["name_uk"]) == (city.name, city.name_uk), city.name
        assert place["region_code"] == city.region_code, city.name


def test_search_by_prefix_largest_first():
    found = search_places("pokr")
    assert found.loc[0, ["name", "region_code"]].tolist() == ["Pokrovsk", "UA-14"]
    assert found["population"].is_monotonic_decreasing
    assert len(found) == 10
    assert len(search_places("pokr", limit=3)) == 3


def test_search_exact_name_first():
    found = search_places("novosilka")
    assert found.loc[0, "name"] == "Novosilka"  # the whole name, before larger word matches
    assert "Velyka Novosilka" in found["name"].tolist()


def test_search_ukrainian_and_folded():
    assert search_places("Гуляй").loc[0, ["name", "region_code"]].tolist() == [
        "Huliaipole", "UA-23",
    ]  # fmt: skip
    assert search_places("гуляи").loc[0, "name"] == "Huliaipole"  # й typed as и
    for text in ("куп'я", "КУПЯ", "Kupiansk", "kUPIANSK-vuz"):
        assert search_places(text).loc[0, "name"].startswith("Kupiansk"), text
    assert search_places("sievierodonetsk").loc[0, "name"] == "Sievierodonetsk"


def test_search_word_prefix():
    assert "Chasiv Yar" in search_places("yar", limit=100)["name"].tolist()
    assert search_places("velyka nov").loc[0, "name"] == "Velyka Novosilka"


def test_search_returns_gazetteer_rows(places):
    found = search_places("Kyiv", limit=1)
    assert list(found.columns) == list(places.columns)
    assert found.index.tolist() == [0]
    assert found.loc[0, "geonameid"] == 703448


@pytest.mark.parametrize("text", ["", "   ", "'", "-"])
def test_search_without_letters_is_empty(places, text):
    found = search_places(text)
    assert found.empty and list(found.columns) == list(places.columns)


def test_search_of_nothing_known_is_empty():
    assert search_places("zzzz").empty


def test_search_limit_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        search_places("kyiv", limit=0)


def test_search_is_fast():
    search_places("warm up")
    seconds = min(timeit.repeat(lambda: search_places("pokr"), number=20, repeat=5)) / 20
    assert seconds < 0.005
