"""Hostile files: wrong figures (kind 2), tracebacks (3), unbounded reads (4), valid input (6)."""

from __future__ import annotations

import functools
import json
import math
import os
import tempfile
import threading
import zipfile
from pathlib import Path

import files
import shapely
from lab import Case, Failure, Lab, refused, refused_or_same, same_figures, succeeded

from geodata.importers import read_control_layer
from geodata.stats import compute_stats

WHOLE = {"ukraine": 100.0, "UA-14": 100.0, "UA-43": 100.0, "UA-32": 100.0, "UA-46": 100.0}
NOTHING = {"ukraine": 0.0}


@functools.cache
def _reference() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        stats = compute_stats(read_control_layer(files.write(Path(scratch) / "areas.geojson")))
    shares = dict(zip(stats.regions["code"], stats.regions["controlled_pct"], strict=True))
    shares.update(zip(stats.groups["id"], stats.groups["controlled_pct"], strict=True))
    return {key: round(float(value), 2) for key, value in shares.items()}


_REFERENCE_LOCK = threading.Lock()


def reference() -> dict[str, float]:
    """The three areas' figures, computed in this process from a GeoJSON file."""
    with _REFERENCE_LOCK:
        return _reference()


def stats_json(lab: Lab, path: Path, *extra) -> dict[str, float]:
    """``stats path --format json`` → shares (exit 0 required)."""
    return succeeded(lab.cli("stats", path, "--format", "json", *extra)).shares()


def history_shares(lab: Lab, path: Path) -> dict[str, dict[str, float]]:
    """``history path --format json`` → {date: shares}."""
    data = succeeded(lab.cli("history", path, "--format", "json")).json()
    out = {}
    for entry in data["dates"]:
        shares = {row["code"]: row["controlled_pct"] for row in entry["regions"]}
        shares.update({row["id"]: row["controlled_pct"] for row in entry["groups"]})
        out[entry["date"]] = shares
    return out


# -- kind 2: figures ------------------------------------------------------------------------------


def _cover(geometry: dict, expected: dict, suffix=".geojson"):
    def run(lab: Lab):
        path = files.geojson(lab.path("cover.geojson"), [geometry])
        if suffix != ".geojson":
            shape = shapely.geometry.shape(geometry)
            path = files.write(lab.path(f"cover{suffix}"), files.frame([shape]))
        same_figures(stats_json(lab, path), expected)

    return run


def _variant(make, expect_refusal_words=()):
    """A file that holds the three areas in an odd way: same figures, or a clear refusal."""

    def run(lab: Lab):
        path = make(lab)
        result = lab.cli("stats", path, "--format", "json")
        refused_or_same(result, reference(), path.name, *expect_refusal_words)

    return run


def _must_refuse(make, *words):
    def run(lab: Lab):
        path = make(lab)
        refused(lab.cli("stats", path, "--format", "json"), path.name, *words)

    return run


def _metres_without_crs(lab: Lab) -> Path:
    data = files.frame(crs="EPSG:3857")
    document = json.loads(data.to_json())
    document.pop("crs", None)
    path = lab.path("metres.geojson")
    path.write_text(json.dumps(document))
    return path


def _swapped(lab: Lab) -> Path:
    swapped = [shapely.ops.transform(lambda x, y: (y, x), area) for area in files.AREAS]
    return files.geojson(
        lab.path("swapped.geojson"), [shapely.geometry.mapping(a) for a in swapped]
    )


def _kmz_of_several(lab: Lab) -> Path:
    path = lab.path("several.kmz")
    with zipfile.ZipFile(path, "w") as archive:
        for number, area in enumerate(files.AREAS):
            archive.writestr(f"part{number}/doc{number}.kml", files.kml_of(area))
    return path


def _duplicated(lab: Lab) -> Path:
    mapped = [shapely.geometry.mapping(a) for a in files.AREAS]
    return files.geojson(lab.path("twice.geojson"), mapped + mapped)


def _collection(lab: Lab) -> Path:
    mapped = [shapely.geometry.mapping(a) for a in files.AREAS]
    return files.geojson(
        lab.path("collection.geojson"), [{"type": "GeometryCollection", "geometries": mapped}]
    )


def _clockwise(lab: Lab) -> Path:
    rings = [shapely.geometry.polygon.orient(a, -1.0) for a in files.AREAS]
    return files.geojson(
        lab.path("clockwise.geojson"), [shapely.geometry.mapping(a) for a in rings]
    )


def _three_d(lab: Lab) -> Path:
    rings = [shapely.force_3d(a, 250.0) for a in files.AREAS]
    return files.geojson(lab.path("z.geojson"), [shapely.geometry.mapping(a) for a in rings])


def _with_empties(lab: Lab) -> Path:
    mapped = [shapely.geometry.mapping(a) for a in files.AREAS]
    junk = [
        None,
        {"type": "Polygon", "coordinates": []},
        {"type": "Point", "coordinates": [37, 48]},
    ]
    return files.geojson(lab.path("empties.geojson"), mapped + junk)


def _multipolygon(lab: Lab) -> Path:
    return files.geojson(
        lab.path("multi.geojson"), [shapely.geometry.mapping(shapely.MultiPolygon(files.AREAS))]
    )


def _projected_with_crs(crs: str):
    def make(lab: Lab) -> Path:
        name = crs.replace(":", "-")
        return files.write(lab.path(f"projected-{name}.gpkg"), files.frame(crs=crs))

    return make


def _same_size_same_mtime(lab: Lab):
    folder = lab.path("dated")
    folder.mkdir()
    first = files.geojson(folder / "areas_20241101.geojson", [files.box(37.0, 47.5, 38.0, 48.2)])
    history_shares(lab, folder)  # the store now knows the file
    before = first.stat()
    first.write_text(first.read_text().replace("38.0", "37.5"))  # same length, other figures
    os.utime(first, ns=(before.st_atime_ns, before.st_mtime_ns))
    if first.stat().st_size != before.st_size:
        raise Failure("other", "the test file changed size")
    history = history_shares(lab, folder)["2024-11-01"]
    single = stats_json(lab, first)
    same_figures(history, {key: single[key] for key in ("UA-14", "ukraine")})


def _one_file_history_checked(rows, crs, *words):
    """A one-file history the importer cannot vouch for: refused (or correct), never 0 % rows."""

    def run(lab: Lab):
        path = files.one_file_history(lab.path("history.gpkg"), rows, crs)
        result = lab.cli("history", path, "--format", "json")
        if result.code == 0:
            for entry in result.json()["dates"]:
                total = {g["id"]: g["controlled_pct"] for g in entry["groups"]}["ukraine"]
                if total == 0:
                    raise Failure(
                        "wrong", f"{entry['date']}: 0.00 % row for data it cannot vouch for"
                    )
            return
        refused(result, path.name, *words)

    return run


def _one_file_history_equals_stats(lab: Lab):
    rows = [("2024-11-01", files.AREAS[0]), ("2024-11-02", shapely.union_all(files.AREAS))]
    path = files.one_file_history(lab.path("history.gpkg"), rows)
    history = history_shares(lab, path)
    whole = files.geojson(
        lab.path("whole.geojson"), [shapely.geometry.mapping(shapely.union_all(files.AREAS))]
    )
    same_figures(history["2024-11-02"], reference())
    same_figures(history["2024-11-02"], stats_json(lab, whole))


def _real_acceptance(lab: Lab):
    path = Path(__file__).resolve().parents[3] / "shared/data/deepstate/daily"
    file = path / "deepstatemap_data_20241120.geojson"
    if not file.exists():
        return
    shares = stats_json(lab, file)
    checks = {"annexed-2022": (76.8, 77.7), "UA-43": (99.95, 100), "UA-09": (98.8, 99.4),
              "UA-63": (0, 3.5), "UA-48": (0, 0.7)}  # fmt: skip
    for key, (low, high) in checks.items():
        if not low <= shares[key] <= high:
            raise Failure("wrong", f"{key} {shares[key]} % outside {low} to {high}")


M = math.nan
FIGURE_CASES = [
    Case(2, "a polygon covering the world", _cover(files.box(-180, -90, 180, 90), WHOLE)),
    Case(2, "the northern hemisphere", _cover(files.box(-180, 0, 180, 90), WHOLE)),
    Case(2, "the eastern hemisphere", _cover(files.box(0, -90, 180, 90), WHOLE)),
    Case(2, "the western hemisphere", _cover(files.box(-180, -90, 0, 90), NOTHING)),
    Case(2, "a 4-corner box around Ukraine", _cover(files.box(20, 40, 45, 55), WHOLE)),
    Case(
        2,
        "a 4-corner box around Ukraine, GeoPackage",
        _cover(files.box(20, 40, 45, 55), WHOLE, ".gpkg"),
    ),
    Case(2, "a world box, KML", _cover(files.box(-179, -85, 179, 85), WHOLE, ".kml")),
    Case(2, "a world box, FlatGeobuf", _cover(files.box(-180, -89, 180, 89), WHOLE, ".fgb")),
    Case(2, "a world box, shapefile", _cover(files.box(-180, -89, 180, 89), WHOLE, ".zip")),
    Case(2, "a box south of Ukraine", _cover(files.box(20, 30, 45, 43), NOTHING)),
    Case(2, "metres without a CRS", _variant(_metres_without_crs, ("metre",))),
    Case(2, "latitude and longitude swapped", _variant(_swapped)),
    Case(2, "a KMZ of several KML documents", _variant(_kmz_of_several)),
    Case(2, "the same areas twice", _variant(_duplicated)),
    Case(2, "areas in a GeometryCollection", _variant(_collection)),
    Case(2, "clockwise rings", _variant(_clockwise)),
    Case(2, "3-D coordinates", _variant(_three_d)),
    Case(2, "empty and point features beside the areas", _variant(_with_empties)),
    Case(2, "one MultiPolygon", _variant(_multipolygon)),
    Case(2, "Web Mercator with its CRS", _variant(_projected_with_crs("EPSG:3857"))),
    Case(2, "UTM 37N with its CRS", _variant(_projected_with_crs("EPSG:32637"))),
    Case(2, "Ukrainian national CRS", _variant(_projected_with_crs("EPSG:6381"))),
    Case(
        2,
        "points only",
        _must_refuse(
            lambda lab: files.geojson(
                lab.path("points.geojson"), [{"type": "Point", "coordinates": [37.5, 48]}]
            ),
            "polygon",
        ),
    ),
    Case(
        2,
        "lines only",
        _must_refuse(
            lambda lab: files.geojson(
                lab.path("lines.geojson"),
                [{"type": "LineString", "coordinates": [[37, 48], [38, 48]]}],
            ),
            "polygon",
        ),
    ),
    Case(2, "a file changed in place, same size and time", _same_size_same_mtime),
    Case(
        2,
        "one-file history in metres without a CRS",
        _one_file_history_checked(
            [("2024-11-01", shapely.affinity.scale(files.AREAS[0], 1e5, 1e5, origin=(0, 0)))], None
        ),
    ),
    Case(
        2,
        "one-file history with swapped axes",
        _one_file_history_checked(
            [("2024-11-01", shapely.ops.transform(lambda x, y: (y, x), files.AREAS[0]))],
            "EPSG:4326",
        ),
    ),
    Case(
        2,
        "one-file history: a date of points only",
        _one_file_history_checked(
            [("2024-11-01", files.AREAS[0]), ("2024-11-02", shapely.Point(37.5, 48.0))], "EPSG:4326"
        ),
    ),
    Case(2, "one-file history equals stats", _one_file_history_equals_stats),
    Case(2, "published figures of 2024-11-20", _real_acceptance),
]


# -- kind 3: tracebacks ---------------------------------------------------------------------------


def _nan_ring(suffix: str):
    def make(lab: Lab) -> Path:
        ring = shapely.Polygon([(37, 47.5), (38, 47.5), (M, M), (38, 48.2), (37, 48.2)])
        if suffix == ".kml":
            return files.kml(lab.path("nan.kml"), "37,47.5 38,47.5 nan,nan 38,48.2 37,48.2 37,47.5")
        return files.write(lab.path(f"nan{suffix}"), files.frame([ring, *files.AREAS[1:]]))

    def run(lab: Lab):
        path = make(lab)
        result = lab.cli("stats", path, "--format", "json")
        if result.code != 0:
            refused(result, path.name)

    return run


def _json_case(name: str, text: str, *words) -> Case:
    def run(lab: Lab):
        path = lab.path(name)
        path.write_text(text)
        result = lab.cli("stats", path)
        if result.code != 0:
            refused(result, name, *words)

    return Case(3, f"GeoJSON: {text[:40]}", run)


def _odd_date_history(value: str | None, suffix: str = ".geojson"):
    """A one-file history whose second date is ``value``: read, or refused naming the file."""

    def run(lab: Lab):
        path = files.one_file_history(
            lab.path(f"dates{suffix}"), [("2024-11-01", files.AREAS[0]), (value, files.AREAS[1])]
        )
        result = lab.cli("history", path, "--format", "csv")
        if result.code != 0:
            refused(result, path.name)

    return run


TRACEBACK_CASES = [
    Case(3, "NaN inside a ring, KML", _nan_ring(".kml")),
    Case(3, "NaN inside a ring, FlatGeobuf", _nan_ring(".fgb")),
    Case(3, "NaN inside a ring, GeoPackage", _nan_ring(".gpkg")),
    Case(3, "NaN inside a ring, GeoJSON", _nan_ring(".geojson")),
    _json_case("a.geojson", '{"type": "FeatureCollection", "features": null}'),
    _json_case(
        "b.geojson",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": {"type": "Polygon", "coordinates": "x"}, "properties": 5}]}',
    ),
    _json_case("c.geojson", "[" * 100_000 + "]" * 100_000),
    _json_case(
        "d.geojson",
        '{"type": "Polygon", "coordinates": [[[1e308, 1e308], [-1e308, 1e308],'
        " [0, -1e308], [1e308, 1e308]]]}",
    ),
    _json_case(
        "e.geojson",
        '{"type": "Polygon", "coordinates": [[[37, 48], [38, 48], [38, 49], '
        '[37, 48]]], "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}',
    ),
    _json_case(
        "f.geojson", '{"type": "Feature", "geometry": {"type": "Hexagon", "coordinates": []}}'
    ),
    _json_case(
        "g.geojson",
        '\ufeff{"type": "Polygon", "coordinates": [[[37, 48], [38, 48], [38, 49], [37, 48]]]}',
    ),
    _json_case("h.geojson", '{"type": "MultiPolygon", "coordinates": [[[]]]}'),
    _json_case(
        "i.geojson",
        '{"type": "Polygon", "coordinates": [[[37, 48, 1, 2, 3], [38, 48], [38, 49], [37, 48]]]}',
    ),
    _json_case(
        "j.geojson",
        '{"id": 1, "datetime": "9999-99-99", "map": {"type": "FeatureCollection", "features": []}}',
    ),
    Case(3, "one-file history with a null date", _odd_date_history(None, ".gpkg")),
    Case(3, "one-file history date 2024-13-45", _odd_date_history("2024-13-45")),
    Case(3, "one-file history date -0001-01-01", _odd_date_history("-0001-01-01")),
    Case(3, "one-file history date 'yesterday'", _odd_date_history("yesterday")),
]


# -- kind 4: unbounded reads ----------------------------------------------------------------------


def _special(kind: str, suffix: str):
    def run(lab: Lab):
        path = lab.path(f"special{suffix}")
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "sparse":
            with open(path, "wb") as handle:
                handle.truncate(3 * 2**30)
        elif kind == "text-sparse":
            with open(path, "wb") as handle:
                handle.truncate(300 * 2**20)
        else:
            path.symlink_to(kind)
        refused(lab.cli("stats", path, timeout=60), path.name)

    return run


def _zip_bomb(suffix: str):
    def run(lab: Lab):
        path = lab.path(f"bomb{suffix}")
        inner = "doc.kml" if suffix == ".kmz" else "areas/areas.shp"
        with (
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
            archive.open(inner, "w", force_zip64=True) as member,
        ):
            block = b"\0" * 2**20
            for _ in range(3 * 1024):
                member.write(block)
        result = lab.cli("stats", path, timeout=120)
        refused(result, path.name)

    return run


def _fifo_in_history_folder(lab: Lab):
    folder = lab.path("folder")
    folder.mkdir()
    files.geojson(folder / "areas_20241101.geojson", [files.box(37.0, 47.5, 38.0, 48.2)])
    os.mkfifo(folder / "areas_20241102.geojson")
    result = lab.cli("history", folder, "--format", "csv", timeout=60)
    if result.code != 0:
        refused(result, "areas_20241102.geojson")


def _two_stuck_then_good(lab: Lab):
    """The GUI's two task threads: covered by the GUI tests; here, stuck files end at once."""
    for name in ("one.geojson", "two.geojson"):
        os.mkfifo(lab.path(name))
    good = files.write(lab.path("good.geojson"))
    for name in ("one.geojson", "two.geojson"):
        refused(lab.cli("stats", lab.path(name), timeout=30), name)
    same_figures(stats_json(lab, good), reference())


HANG_CASES = [
    *[
        Case(4, f"a FIFO named *{s}", _special("fifo", s))
        for s in (".geojson", ".kml", ".gpkg", ".zip", ".fgb")
    ],
    *[
        Case(4, f"/dev/zero named *{s}", _special("/dev/zero", s))
        for s in (".geojson", ".kml", ".gpkg", ".kmz")
    ],
    Case(4, "/dev/urandom named *.geojson", _special("/dev/urandom", ".geojson")),
    Case(4, "a 3 GiB GeoPackage", _special("sparse", ".gpkg")),
    Case(4, "a 3 GiB shapefile archive", _special("sparse", ".zip")),
    Case(4, "a 300 MiB GeoJSON", _special("text-sparse", ".geojson")),
    Case(4, "a 300 MiB KML", _special("text-sparse", ".kml")),
    Case(4, "a KMZ unpacking to 3 GiB", _zip_bomb(".kmz")),
    Case(4, "a shapefile archive unpacking to 3 GiB", _zip_bomb(".zip")),
    Case(4, "a FIFO in a history folder", _fifo_in_history_folder),
    Case(4, "two stuck files, then a good one", _two_stuck_then_good),
]


# -- kind 6: valid input --------------------------------------------------------------------------

ODD_NAMES = ["a!b", "a;b", "<!x", "a}b", "{a}", "a#b", "a?b", "a b", "a'b", "Київ", "$x$",
             "=cmd", "a,b", "a&b"]  # fmt: skip


def _odd_name(stem: str, suffix: str):
    def run(lab: Lab):
        folder = lab.path(f"in {stem}")  # an odd folder too
        folder.mkdir()
        path = files.write(folder / f"{stem}{suffix}")
        same_figures(stats_json(lab, path), reference())

    return run


def _hole_round_trip(lab: Lab):
    outline = [[36.0, 47.0], [38.0, 47.0], [38.0, 48.5], [36.0, 48.5], [36.0, 47.0]]
    hole = [[36.5, 47.5], [37.5, 47.5], [37.5, 48.0], [36.5, 48.0], [36.5, 47.5]]
    proposal = lab.path("hole.toml")
    proposal.write_text(
        'name = "Hole"\ndescription = "A transfer with a hole."\n[[operations]]\n'
        f'type = "transfer_area"\nto = "occupier"\npolygon = {json.dumps([outline, hole])}\n'
    )
    control = files.geojson(lab.path("none.geojson"), [files.box(39.0, 49.0, 39.1, 49.1)])
    data = succeeded(lab.cli("scenario", proposal, control, "--format", "json")).json()
    with_hole = data["to_occupier_km2"]
    proposal.write_text(proposal.read_text().replace(f", {json.dumps(hole)}", ""))
    without = succeeded(lab.cli("scenario", proposal, control, "--format", "json")).json()
    if not with_hole < without["to_occupier_km2"] - 1000:
        raise Failure("wrong", f"hole not kept: {with_hole} vs {without['to_occupier_km2']} km²")


VALID_CASES = [
    *[
        Case(6, f"file name {stem!r}{suffix}", _odd_name(stem, suffix))
        for stem in ODD_NAMES
        for suffix in files.FORMATS
    ],
    Case(6, "a proposal with a hole", _hole_round_trip),
]

CASES = FIGURE_CASES + TRACEBACK_CASES + HANG_CASES + VALID_CASES
