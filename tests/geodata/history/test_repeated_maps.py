"""A history's day that repeats the day before's map reuses its row, exactly.

``geodata.history.compute._compute_run`` reads each file's features first and,
when they are those of the day before (``same_source``), hands back the day
before's figures instead of cleaning, projecting and measuring again. These
tests hold it to what the full computation gives, row by row and through the
reconciliation, and check that ``same_source`` only says "same" when the
territory must be the same.
"""

from __future__ import annotations

import copy

import numpy as np
import orjson
import pyproj
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.boundaries import load_boundaries
from geodata.history import compute
from geodata.history.sources import folder_history
from geodata.importers import read_control_layer
from geodata.importers.assemble import SourceFeatures, assemble_layer, same_source
from geodata.reconcile import DEFAULT_TOLERANCE_KM, IncrementalReconciler
from geodata.stats import compute_stats

OCCUPIED = "Окупована /// Occupied /// geojson.status.occupied"
LIBERATED = "Звільнена /// Liberated /// geojson.status.liberated"


def _feature(geometry, name):
    return {"type": "Feature", "properties": {"name": name},
            "geometry": shapely.geometry.mapping(geometry)}  # fmt: skip


def _write(folder, day, features, title):
    document = {"type": "FeatureCollection", "name": title, "features": features}
    path = folder / f"deepstatemap_data_202411{day:02d}.geojson"
    path.write_bytes(orjson.dumps(document))


def repeating_history(folder):
    """Eleven days: maps repeated, a repeat whose category changes, a repeat after a gap."""
    folder.mkdir()
    a = shapely.box(37.0, 47.5, 38.2, 48.2)
    b = shapely.box(37.0, 47.5, 38.4, 48.3)
    near_border = shapely.box(38.5, 47.2, 40.3, 49.0)  # reaches the eastern border
    days = [
        [_feature(a, OCCUPIED)],
        [_feature(a, OCCUPIED)],  # the same map, another file (its title differs)
        [_feature(a, OCCUPIED)],
        [_feature(a, LIBERATED)],  # the same geometry, no longer counted
        [_feature(a, LIBERATED)],
        [_feature(b, OCCUPIED), _feature(near_border, OCCUPIED)],
        [_feature(b, OCCUPIED), _feature(near_border, OCCUPIED)],
        [_feature(near_border, OCCUPIED), _feature(b, OCCUPIED)],  # same features, other order
        [_feature(b, OCCUPIED)],
        [_feature(b, OCCUPIED), _feature(near_border, OCCUPIED)],  # back to an earlier map
        [_feature(b, OCCUPIED), _feature(near_border, OCCUPIED)],
    ]
    for day, features in enumerate(days, start=1):
        _write(folder, day, features, f"map of day {day}")
    return folder


def _run(folder, reuse: bool, monkeypatch):
    """_compute_run over the whole folder in one run, with or without the reuse."""
    assembled = []
    real_assemble, real_same = compute.assemble_layer, compute.same_source
    monkeypatch.setattr(compute, "assemble_layer",
                        lambda *a, **k: assembled.append(1) or real_assemble(*a, **k))  # fmt: skip
    monkeypatch.setattr(compute, "same_source", real_same if reuse else lambda *a: False)
    snapshots = folder_history(folder).snapshots
    job = ([(i, str(i), s) for i, s in enumerate(snapshots)], DEFAULT_TOLERANCE_KM, frozenset())
    rows, known, failed, _said = compute._compute_run(job)
    monkeypatch.undo()
    assert not failed and not known
    return rows, len(assembled)


def test_a_repeated_map_reuses_the_day_before_and_changes_nothing(tmp_path, monkeypatch):
    folder = repeating_history(tmp_path / "history")
    reused, assembled = _run(folder, True, monkeypatch)
    full, everything = _run(folder, False, monkeypatch)
    assert everything == 11 and assembled == 6  # days 2, 3, 5, 7 and 11 repeat the day before
    boundaries = load_boundaries()
    with_reuse = IncrementalReconciler(boundaries, DEFAULT_TOLERANCE_KM)
    without = IncrementalReconciler(boundaries, DEFAULT_TOLERANCE_KM)
    for mine, theirs in zip(reused, full, strict=True):
        assert mine[3] == theirs[3]  # the territory, to the byte
        assert np.array_equal(mine[4], theirs[4])  # raw km² per unit, to the last bit
        assert np.array_equal(mine[6], theirs[6])  # places held
        assert np.array_equal(with_reuse.apply(mine[5]).added_km2,
                              without.apply(theirs[5]).added_km2)  # fmt: skip
    # And each row is what the file gives on its own.
    for row, path in zip(reused, sorted(folder.iterdir()), strict=True):
        alone = compute_stats(read_control_layer(path))
        assert np.array_equal(row[4], alone.regions["controlled_km2"].to_numpy())
    liberated = [row[4].sum() for row in reused[3:5]]
    assert liberated == [0.0, 0.0]  # the category change was seen, not reused


_POOL = [
    shapely.box(37.0, 47.0, 38.0, 48.0),
    shapely.Polygon([(38.0, 48.0), (37.0, 48.0), (37.0, 47.0), (38.0, 47.0)]),  # same, rotated
    shapely.box(37.0, 47.0, 38.0, 48.0).difference(shapely.box(37.2, 47.2, 37.4, 47.4)),
    shapely.Polygon([(37, 47), (38, 48), (38, 47), (37, 48)]),  # a bow tie, repaired
    shapely.box(37.0, 47.0, 38.0, 48.000001),
    shapely.Point(37.5, 47.5),
    None,
]
_PROPERTIES = [{}, {"name": OCCUPIED}, {"name": LIBERATED}, {"a": 1}, {"a": True}, {"a": 1.0}]
_CRS = [None, pyproj.CRS("EPSG:4326"), pyproj.CRS("EPSG:3857")]


@st.composite
def sources(draw):
    count = draw(st.integers(1, 3))
    geometries = draw(st.lists(st.sampled_from(range(len(_POOL))), min_size=count, max_size=count))
    properties = draw(st.lists(st.sampled_from(range(len(_PROPERTIES))), min_size=count,
                               max_size=count))  # fmt: skip
    crs = draw(st.sampled_from(range(len(_CRS))))
    styled = draw(st.booleans())
    if crs == 2:  # metres: move the shapes there
        pool = [None if g is None else shapely.transform(g, lambda c: c * 1e5) for g in _POOL]
    else:
        pool = _POOL
    copies = [
        None if pool[g] is None else shapely.from_wkb(shapely.to_wkb(pool[g])) for g in geometries
    ]
    return SourceFeatures(
        geometries=copies,
        properties=[copy.deepcopy(_PROPERTIES[p]) for p in properties],
        crs=None if _CRS[crs] is None else pyproj.CRS(_CRS[crs].to_wkt()),
        format_name="GeoJSON",
        deepstate_styled=styled,
    )


def _territory(found, tmp_path):
    try:
        return shapely.to_wkb(assemble_layer(found, tmp_path / "x.geojson").controlled)
    except Exception as error:  # noqa: BLE001 (the same failure is the same result)
        return type(error).__name__


@settings(max_examples=150, deadline=None)
@given(sources(), sources())
def test_same_source_only_when_the_territory_must_be_the_same(tmp_path_factory, a, b):
    tmp = tmp_path_factory.getbasetemp()
    if same_source(a, b):
        assert _territory(a, tmp) == _territory(b, tmp)
    # A copy of the same features is always the same source: the reuse does happen.
    again = SourceFeatures(
        [None if g is None else shapely.from_wkb(shapely.to_wkb(g)) for g in a.geometries],
        copy.deepcopy(a.properties), a.crs, "GeoJSON", deepstate_styled=a.deepstate_styled,
    )  # fmt: skip
    assert same_source(a, again)


@pytest.mark.parametrize(
    "changed",
    [
        {"properties": [{"a": True}]},  # 1 == True, but not the same value
        {"properties": [{"a": 1, "b": None}]},
        {"crs": pyproj.CRS("EPSG:3857")},
        {"deepstate_styled": True},
        {"geometries": [shapely.Polygon([(38, 48), (37, 48), (37, 47), (38, 47)])]},  # rotated
        {"geometries": [None]},
        {"geometries": [shapely.box(37, 47, 38, 48), None]},
    ],
)
def test_what_makes_a_source_differ(changed):
    base = {"geometries": [shapely.box(37, 47, 38, 48)], "properties": [{"a": 1}], "crs": None,
            "format_name": "GeoJSON", "deepstate_styled": False}  # fmt: skip
    assert same_source(SourceFeatures(**base), SourceFeatures(**base))
    assert not same_source(SourceFeatures(**base), SourceFeatures(**{**base, **changed}))
