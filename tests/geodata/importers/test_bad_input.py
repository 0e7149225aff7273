"""Bad input gives a BadInputError naming the file, or a repaired layer with a note."""

from __future__ import annotations

import json
import struct
import zipfile

import pytest
import shapely

from geodata.errors import BadInputError
from geodata.importers import read_control_layer
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import AREAS, control_frame, write_control_file

EXPECTED = shapely.union_all(AREAS)


def feature_collection(*geometries, properties=None):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": properties or {}, "geometry": g} for g in geometries
        ],
    }


def write_json(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("extension", [".geojson", ".kml", ".gpkg", ".shp", ".fgb", ".zip", ".kmz"])
def test_empty_file(tmp_path, extension):
    path = tmp_path / f"empty{extension}"
    path.write_bytes(b"")
    with pytest.raises(BadInputError, match=rf"empty{extension}: .*(empty|zip)"):
        read_control_layer(path)


def test_truncated_json_says_it_seems_cut_short(tmp_path):
    whole = json.dumps(json.loads(control_frame().to_json()))
    path = tmp_path / "cut.geojson"
    path.write_text(whole[: len(whole) // 2])
    with pytest.raises(BadInputError, match=r"cut\.geojson: not valid JSON .*cut short"):
        read_control_layer(path)


def test_truncated_geopackage(tmp_path):
    path = write_control_file(tmp_path, "cut", ".gpkg")
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(BadInputError, match=r"cut\.gpkg"):
        read_control_layer(path)


def test_a_file_with_no_polygons(tmp_path):
    points = [{"type": "Point", "coordinates": [37.5, 48.0]}] * 3
    line = {"type": "LineString", "coordinates": [[37, 48], [38, 48]]}
    path = write_json(tmp_path / "units.geojson", feature_collection(*points, line))
    with pytest.raises(BadInputError, match=r"no polygons .*4 points, lines"):
        read_control_layer(path)


def test_points_and_lines_beside_polygons_are_skipped_and_counted(tmp_path):
    polygon = shapely.geometry.mapping(AREAS[0])
    point = {"type": "Point", "coordinates": [37.5, 48.0]}
    path = write_json(tmp_path / "mixed.geojson", feature_collection(polygon, point, point))
    layer = read_control_layer(path)
    assert layer.report.skipped_non_polygon == 2
    assert "skipped 2 non-polygon features (points or lines)" in layer.report.messages()


def test_empty_feature_collection(tmp_path):
    path = write_json(tmp_path / "none.geojson", feature_collection())
    with pytest.raises(BadInputError, match="holds no features"):
        read_control_layer(path)


def test_projected_coordinates_with_no_crs_geojson(tmp_path):
    projected = json.loads(control_frame("EPSG:3857").to_json())
    projected.pop("crs", None)
    path = write_json(tmp_path / "mercator.geojson", projected)
    with pytest.raises(
        BadInputError, match=r"mercator\.geojson: coordinates up to .* not longitude/latitude"
    ):
        read_control_layer(path)


def test_projected_shapefile_without_prj(tmp_path):
    path = write_control_file(tmp_path, "noprj", ".shp", control_frame("EPSG:32637"))
    path.with_suffix(".prj").unlink()
    with pytest.raises(BadInputError, match=r"noprj\.shp: .*\.prj"):
        read_control_layer(path)


def test_swapped_latitude_longitude_is_read_correctly_with_a_note(tmp_path):
    swapped = [shapely.transform(a, lambda c: c[:, ::-1]) for a in AREAS]
    path = write_json(
        tmp_path / "latlon.geojson", feature_collection(*map(shapely.geometry.mapping, swapped))
    )
    layer = read_control_layer(path)
    assert shapely.area(shapely.symmetric_difference(layer.controlled, EXPECTED)) < 1e-9
    assert any("latitude/longitude order" in n for n in layer.report.notes)


@pytest.mark.parametrize(
    "box",
    [(20, 30, 45, 43), (20, 38, 45, 44), (10, 40, 60, 44), (41, 20, 60, 40)],
    ids=["south-of-ukraine", "black-sea", "wide-strip", "caucasus-to-iran"],
)
def test_data_off_ukraine_is_not_swapped_onto_it(tmp_path, box):
    # Swapped, each of these would overlap Ukraine; none lies wholly around Ukraine swapped.
    path = write_json(tmp_path / "off.geojson", shapely.geometry.mapping(shapely.box(*box)))
    layer = read_control_layer(path)
    assert not any("latitude/longitude order" in n for n in layer.report.notes)
    assert compute_stats(layer).groups.set_index("id").loc["ukraine", "controlled_km2"] == 0


def test_3d_coordinates_are_flattened(tmp_path):
    rings = [[[x, y, 120.0] for x, y in AREAS[0].exterior.coords]]
    path = write_json(
        tmp_path / "z.geojson", feature_collection({"type": "Polygon", "coordinates": rings})
    )
    layer = read_control_layer(path)
    assert not shapely.has_z(layer.controlled)
    assert shapely.equals(layer.controlled, AREAS[0])


def test_self_intersecting_polygon_is_repaired_and_reported(tmp_path):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[37, 47], [38, 48], [38, 47], [37, 48], [37, 47]]],
    }
    path = write_json(tmp_path / "bowtie.geojson", feature_collection(bowtie))
    layer = read_control_layer(path)
    assert shapely.is_valid(layer.controlled)
    assert shapely.area(layer.controlled) == pytest.approx(0.5)
    assert layer.report.repaired == 1
    assert "repaired 1 invalid polygon (make_valid)" in layer.report.messages()


def test_zip_with_no_shapefile_lists_its_contents(tmp_path):
    path = tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
        archive.writestr("table.csv", "a,b\n1,2\n")
    with pytest.raises(BadInputError, match=r"notes\.zip: .*no shapefile.*readme\.txt, table\.csv"):
        read_control_layer(path)


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.zip"
    path.write_bytes(b"this is not a zip archive at all")
    with pytest.raises(BadInputError, match="not a valid zip archive"):
        read_control_layer(path)


def test_non_utf8_geojson_is_read_with_a_note(tmp_path):
    document = feature_collection(
        shapely.geometry.mapping(AREAS[0]), properties={"name": "Донецьк"}
    )
    path = tmp_path / "cp1251.geojson"
    path.write_bytes(json.dumps(document, ensure_ascii=False).encode("cp1251"))
    layer = read_control_layer(path)
    assert shapely.equals(layer.controlled, AREAS[0])
    assert any("not valid UTF-8" in n for n in layer.report.notes)


def test_non_utf8_shapefile_is_read(tmp_path):
    frame = control_frame()
    frame["name"] = ["Донецьк", "Краматорськ", "Луганськ"]
    path = tmp_path / "cp1251.shp"
    frame.to_file(path, encoding="cp1251")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    layer = read_control_layer(path)
    assert shapely.area(shapely.symmetric_difference(layer.controlled, EXPECTED)) < 1e-9


def test_json_that_is_not_geojson(tmp_path):
    for name, document, reason in [
        ("list.json", [1, 2, 3], "JSON list is not GeoJSON"),
        ("number.json", 42, "JSON int"),
        ("other.json", {"type": "Topology"}, "TopoJSON"),
        ("dict.json", {"hello": "world"}, "found type None"),
        ("nofeatures.json", {"type": "FeatureCollection"}, "no 'features' list"),
    ]:
        with pytest.raises(BadInputError, match=reason):
            read_control_layer(write_json(tmp_path / name, document))


def test_malformed_geometries_are_skipped_and_counted(tmp_path):
    good = shapely.geometry.mapping(AREAS[0])
    bad = [{"type": "Polygon", "coordinates": [[[1, 2], [3]]]}, {"type": "Blob"}, "text"]
    path = write_json(tmp_path / "some-bad.geojson", feature_collection(good, *bad))
    layer = read_control_layer(path)
    assert layer.report.skipped_unreadable == 3
    assert shapely.equals(layer.controlled, AREAS[0])


def test_nan_coordinates_are_unreadable_not_fatal(tmp_path):
    path = tmp_path / "nan.geojson"
    good = json.dumps(shapely.geometry.mapping(AREAS[0]))
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        f'{{"type": "Feature", "properties": {{}}, "geometry": {good}}},'
        '{"type": "Feature", "properties": {}, "geometry": '
        '{"type": "Polygon", "coordinates": [[[NaN, 1], [2, 2], [3, 1], [NaN, 1]]]}}]}'
    )
    layer = read_control_layer(path)
    assert layer.report.skipped_unreadable == 1


def test_unknown_crs_name(tmp_path):
    document = feature_collection(shapely.geometry.mapping(AREAS[0]))
    document["crs"] = {"type": "name", "properties": {"name": "EPSG:999999"}}
    with pytest.raises(BadInputError, match="unknown coordinate system 'EPSG:999999'"):
        read_control_layer(write_json(tmp_path / "crs.geojson", document))


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(BadInputError, match=r"deep\.json"):
        read_control_layer(path)


def test_layer_outside_ukraine_is_read_with_a_note(tmp_path):
    path = write_json(
        tmp_path / "far.geojson",
        feature_collection(shapely.geometry.mapping(shapely.box(0, 0, 1, 1))),
    )
    layer = read_control_layer(path)
    assert "the layer lies entirely outside Ukraine" in layer.report.notes


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = write_control_file(tmp_path, "locked", ".geojson")
    path.chmod(0)
    with pytest.raises(BadInputError, match="permission denied"):
        read_control_layer(path)


def test_damaged_flatgeobuf_ring_is_a_clear_error(tmp_path):
    """A FlatGeobuf whose ring lost its closing point (found by hypothesis)."""
    import geopandas as gpd
    from shapely import box

    path = tmp_path / "damaged.fgb"
    gpd.GeoDataFrame(geometry=[box(37, 47, 38, 48)], crs="EPSG:4326").to_file(path)
    data = bytearray(path.read_bytes())
    # Overwrite the last vertex's x (the closing point) with something else.
    closing_x = struct.pack("<d", 38.0)
    index = data.rfind(closing_x)
    data[index : index + 8] = struct.pack("<d", 1.0)
    path.write_bytes(bytes(data))
    with pytest.raises(BadInputError, match=r"damaged\.fgb.*damaged"):
        read_control_layer(path)


def test_geometry_that_is_not_an_object_or_too_big_is_unreadable(tmp_path):
    """Found by hypothesis: a geometry that is a huge integer (or anything not an object)."""
    path = tmp_path / "odd.geojson"
    good = shapely.geometry.mapping(AREAS[0])
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": good},
        {"type": "Feature", "properties": {}, "geometry": -9223372036854775809},
        {"type": "Feature", "properties": {}, "geometry": [1, 2]},
    ]}))  # fmt: skip
    layer = read_control_layer(path)
    assert layer.report.skipped_unreadable == 2 and layer.report.polygons_used == 1


@pytest.mark.parametrize("layer", ["Київ", "Zaporizhzhia front", "a!b;c"])
def test_a_kmz_written_by_gdal_with_any_layer_name_is_read(tmp_path, layer):
    # GDAL's KMZ writer escapes non-ASCII layer names in member names its reader cannot find.
    path = tmp_path / "areas.kmz"
    control_frame().to_file(path, driver="LIBKML", layer=layer)
    layer_read = read_control_layer(path)
    assert shapely.area(shapely.symmetric_difference(layer_read.controlled, EXPECTED)) < 1e-9


def test_a_kmz_with_utf8_member_names_and_no_utf8_flag_is_read(tmp_path):
    path = tmp_path / "areas.kmz"
    kml = write_control_file(tmp_path, "areas", ".kml").read_bytes()
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("Київ/doc.kml".encode().decode("cp437"))  # raw UTF-8 bytes
        archive.writestr(info, kml)
    assert archive.infolist()[0].flag_bits & 0x800 == 0
    layer = read_control_layer(path)
    assert shapely.area(shapely.symmetric_difference(layer.controlled, EXPECTED)) < 1e-9


@pytest.mark.parametrize(("suffix", "member"), [(".kmz", "doc.kml"), (".zip", "a/areas.shp")])
def test_an_archive_unpacking_past_the_limits_is_refused_at_once(
    tmp_path, monkeypatch, suffix, member
):
    # The limits made small here (256 MiB of text, 2 GiB in all) so the bomb is quick to make.
    monkeypatch.setattr("geodata.importers.ogr.MAX_TEXT_FILE_BYTES", 2**20)
    monkeypatch.setattr("geodata.importers.ogr.MAX_FILE_BYTES", 4 * 2**20)
    path = tmp_path / f"bomb{suffix}"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as inside,
    ):
        for _ in range(2 if suffix == ".kmz" else 5):
            inside.write(b"\0" * 2**20)
    with pytest.raises(BadInputError, match=r"bomb\.(kmz|zip): it unpacks to more than"):
        read_control_layer(path)


@pytest.mark.parametrize("flag, what", [(0x01, "encrypted"), (0x20, "patched data")])
def test_a_kmz_member_python_cannot_unpack_is_one_clear_error(tmp_path, flag, what):
    """A member flagged encrypted, or 'compressed patched data', ended in Python's own
    RuntimeError or NotImplementedError (a traceback) instead of naming the file."""
    import zipfile

    from tests.geodata.importers.fixtures import write_control_file

    kml = write_control_file(tmp_path, "front", ".kml").read_bytes()
    path = tmp_path / "front.kmz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("layers/t.kml", kml)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= flag
    start = data.index(b"layers/t.kml") + len("layers/t.kml")
    data[start + 20 : start + 60] = bytes(40)  # damaged too, so that GDAL cannot list it
    path.write_bytes(bytes(data))
    with pytest.raises(BadInputError, match=r"front\.kmz: .*layers/t\.kml inside it"):
        read_control_layer(path)


def test_polygons_deep_in_collections_or_with_a_height_and_measure_are_read(tmp_path):
    # A polygon in a collection in a collection was "a point or line"; positions of four
    # values (x, y, z, m), or a NaN height, made a good polygon "unreadable geometry".
    import json

    from geodata.importers import read_control_layer
    from geodata.stats import compute_stats

    square = [[37.5, 47.8], [38.0, 47.8], [38.0, 48.2], [37.5, 48.2], [37.5, 47.8]]

    def feature(geometry):
        return {"type": "Feature", "properties": {}, "geometry": geometry}

    plain = {"type": "Polygon", "coordinates": [square]}
    nested = {"type": "GeometryCollection", "geometries": [
        {"type": "GeometryCollection", "geometries": [plain]}]}  # fmt: skip
    xyzm = {"type": "Polygon", "coordinates": [[[x, y, 5.0, 1.0] for x, y in square]]}
    nan_z = {"type": "Polygon", "coordinates": [[[x, y, float("nan")] for x, y in square]]}
    expected = None
    for name, geometry in (("plain", plain), ("nested", nested), ("xyzm", xyzm),
                           ("nanz", nan_z)):  # fmt: skip
        path = tmp_path / f"{name}.geojson"
        collection = {"type": "FeatureCollection", "features": [feature(geometry)]}
        path.write_text(json.dumps(collection))  # NaN as JSON5 writes it: read by the parser
        layer = read_control_layer(path)
        km2 = compute_stats(layer).groups.set_index("id").loc["ukraine", "controlled_km2"]
        expected = expected or km2
        assert km2 == expected and km2 > 1000, name
        assert not layer.report.messages(), (name, layer.report.messages())


def test_a_feature_far_from_ukraine_among_others_is_said(tmp_path):
    # One feature with latitude and longitude swapped, beside good ones, was left out unsaid.
    import json

    from geodata.importers import read_control_layer

    square = [[37.5, 47.8], [38.0, 47.8], [38.0, 48.2], [37.5, 48.2], [37.5, 47.8]]
    features = [{"type": "Feature", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [ring]}}
                for ring in (square, [[y, x] for x, y in square])]  # fmt: skip
    path = tmp_path / "one_swapped.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    messages = read_control_layer(path).report.messages()
    assert (
        "1 feature far from Ukraine: not counted (1 of them would lie in Ukraine with "
        "latitude and longitude swapped)" in messages
    )


def test_names_from_data_read_as_written(tmp_path):
    # A right-to-left override made the legend show "RTL" as "LTR"; escape codes went along.
    import json

    from geodata.importers import read_control_layer

    square = [[37.5, 47.8], [38.0, 47.8], [38.0, 48.2], [37.5, 48.2], [37.5, 47.8]]
    name = "\u202eLTR\u202c front\x1b[31m"
    feature = {"type": "Feature", "properties": {"name": name},
               "geometry": {"type": "Polygon", "coordinates": [square]}}  # fmt: skip
    path = tmp_path / "named.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert read_control_layer(path).feature_names == ("LTR front[31m",)


def test_a_damaged_document_in_a_kmz_is_named_not_its_temporary_copy(tmp_path):
    # The message showed /tmp/frontline-atlas-…/member.kml, a path of ours, not the user's.
    import zipfile

    from geodata.errors import BadInputError
    from geodata.importers import read_control_layer

    archive = tmp_path / "broken.kmz"
    with zipfile.ZipFile(archive, "w") as opened:
        opened.writestr("doc.kml", "<kml><Document><Placemark><Polygon>")
    with pytest.raises(BadInputError) as raised:
        read_control_layer(archive)
    message = str(raised.value)
    assert "broken.kmz" in message and "doc.kml inside it" in message
    assert "frontline-atlas-" not in message and "member.kml" not in message
