"""The bundled water (GSHHG coast and lakes, WDBII rivers by class) and its zoom bands."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from geodata.errors import UnknownValueError
from geodata.hydrography import (
    BAND_NAMES,
    BANDS,
    CLASS_MIN_ZOOM,
    REGION,
    band_for_zoom,
    classes_in_band,
    hydrography_bands,
    hydrography_file,
    load_band,
)
from geodata.projection import to_equal_area

KYIV, ZAPORIZHZHIA, KHERSON = (30.6, 50.45), (35.1, 47.85), (32.6, 46.65)
IZIUM, KUPIANSK = (37.27, 49.2), (37.62, 49.7)
KAKHOVKA_RESERVOIR, KREMENCHUK_RESERVOIR = (34.2, 47.5), (33.0, 49.1)


def _km(lines, lon_lat) -> float:
    """The distance (km) from a point to the nearest of ``lines``."""
    point = to_equal_area(shapely.Point(lon_lat))
    return float(shapely.distance(to_equal_area(np.asarray(lines)), point).min()) / 1000


@pytest.mark.parametrize("band", BAND_NAMES)
def test_every_band_loads_with_its_schema(band):
    water = load_band(band)
    assert (water.band, (water.min_zoom, water.max_zoom)) == (band, BANDS[band])
    assert water.land.is_valid and not water.land.is_empty
    assert water.lakes.is_valid and water.drained.is_valid
    assert len(water.river_lines) == len(water.river_class) == len(water.river_in_lake) > 0
    assert set(water.river_class.tolist()) == set(classes_in_band(band))
    assert list(water.labels.columns) == ["name", "lon", "lat", "angle", "class", "kind"]
    assert water.labels["angle"].between(-90, 90).all()
    assert set(water.labels["kind"]) == {"river", "lake"}
    assert set(water.labels["class"]) <= set(classes_in_band(band))


def test_bands_cover_every_zoom_without_gaps():
    zooms = [zoom for first, last in BANDS.values() for zoom in range(first, last + 1)]
    assert zooms == list(range(19))
    assert [band_for_zoom(z) for z in (0, 7, 7.49, 7.5, 9, 9.6, 18, 20)] == [
        "low", "low", "low", "mid", "mid", "high", "high", "high",
    ]  # fmt: skip
    assert hydrography_bands()[0] == {"band": "low", "min_zoom": 0, "max_zoom": 7}
    # Each band holds exactly the classes shown at one of its zooms.
    for band, (_first, last) in BANDS.items():
        assert classes_in_band(band) == tuple(c for c, z in CLASS_MIN_ZOOM.items() if z <= last)


def test_bad_band_or_zoom_is_refused():
    with pytest.raises(UnknownValueError, match="unknown hydrography band 'huge'"):
        load_band("huge")
    for zoom in (-1, float("nan")):
        with pytest.raises(ValueError, match="zoom must be"):
            band_for_zoom(zoom)


def test_dnipro_is_class_1_from_kyiv_to_kherson_in_one_piece():
    water = load_band("low")
    class_1 = water.river_lines[water.river_class == 1]
    for place in (KYIV, ZAPORIZHZHIA, KHERSON):
        assert _km(class_1, place) < 3, place
    # The class-1 lines near those places are one connected line (through the
    # reservoirs, along their centre lines), not pieces.
    pieces = shapely.get_parts(shapely.union_all(shapely.buffer(to_equal_area(class_1), 50.0)))
    near = [int(np.argmin(shapely.distance(pieces, to_equal_area(shapely.Point(p)))))
            for p in (KYIV, ZAPORIZHZHIA, KHERSON)]  # fmt: skip
    assert len(set(near)) == 1
    # ... and it comes from Belarus: class 1 below Loyew, where the Dnipro meets the border.
    assert _km(class_1, (30.7, 51.85)) < 3


def test_donets_and_oskil_show_at_mid_zooms():
    water = load_band("mid")
    shown = water.river_lines[water.river_class <= 3]
    assert _km(shown, IZIUM) < 2
    assert _km(shown, KUPIANSK) < 2


def test_reservoirs_kakhovka_drained():
    water = load_band("mid")
    assert water.lakes.contains(shapely.Point(KREMENCHUK_RESERVOIR))
    assert water.drained.contains(shapely.Point(KAKHOVKA_RESERVOIR))
    assert not water.lakes.contains(shapely.Point(KAKHOVKA_RESERVOIR))
    data = json.loads(hydrography_file("mid").read_text(encoding="utf-8"))
    drained = {lake["name"]: lake["drained"] for lake in data["lakes"] if lake["drained"]}
    assert drained == {"Kakhovka Reservoir": "2023-06"}


def test_labels_name_the_main_rivers_and_reservoirs():
    labels = load_band("mid").labels
    names = set(labels["name"])
    assert {"Dnipro", "Siverskyi Donets", "Oskil", "Kremenchuk Reservoir"} <= names
    assert "Kakhovka Reservoir (drained)" in names
    # A river's label sits on a river of its class.
    water = load_band("mid")
    for label in labels[labels["kind"] == "river"].to_dict("records"):
        lines = water.river_lines[water.river_class == label["class"]]
        assert _km(lines, (label["lon"], label["lat"])) < 0.5, label["name"]
    assert set(load_band("low").labels["name"]) >= {"Dnipro", "Siverskyi Donets"}
    assert "Oskil" not in set(load_band("low").labels["name"])  # class 3: from zoom 8


def test_files_are_small_and_inside_the_region():
    sizes = {band: hydrography_file(band).stat().st_size for band in BAND_NAMES}
    assert sum(sizes.values()) <= 8_000_000
    west, south, east, north = REGION
    for band in BAND_NAMES:
        data = json.loads(hydrography_file(band).read_text(encoding="utf-8"))
        rings = [ring for polygon in data["land"] for ring in polygon]
        rings += [ring for lake in data["lakes"] for ring in lake["rings"]]
        coords = np.concatenate(
            [np.array(c) for c in rings + [r["coords"] for r in data["rivers"]]]
        )
        assert coords[:, 0].min() >= west and coords[:, 0].max() <= east, band
        assert coords[:, 1].min() >= south and coords[:, 1].max() <= north, band
        assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in rings)
        labels = np.array([(label["lon"], label["lat"]) for label in data["labels"]])
        assert ((labels >= (west, south)) & (labels <= (east, north))).all()
