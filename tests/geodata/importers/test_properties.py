"""Property tests: whatever the bytes, the importers return a layer or raise the project's error."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.control import ControlLayer
from geodata.errors import GeodataError
from geodata.importers import SUPPORTED_FORMATS, read_control_layer
from tests.geodata.importers.fixtures import write_control_file

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)
special = st.sampled_from([math.nan, math.inf, -math.inf, 1e300])
coordinate = st.tuples(st.floats(-200, 200) | special, st.floats(-100, 100) | special).map(list)
ring = st.lists(coordinate, min_size=0, max_size=8)
geometry = st.one_of(
    st.builds(lambda r: {"type": "Polygon", "coordinates": r}, st.lists(ring, max_size=3)),
    st.builds(
        lambda rs: {"type": "MultiPolygon", "coordinates": rs},
        st.lists(st.lists(ring, max_size=2), max_size=3),
    ),
    st.builds(lambda c: {"type": "Point", "coordinates": c}, coordinate),
    st.builds(lambda c: {"type": "LineString", "coordinates": c}, ring),
    json_values,
)
feature = st.fixed_dictionaries(
    {
        "type": st.just("Feature"),
        "geometry": geometry,
        "properties": json_values
        | st.fixed_dictionaries(
            {
                "name": st.text(max_size=40),
                "fill": st.sampled_from(["#a52714", "#880e4f", "#ffffff"]),
            }
        ),
    }
)
documents = st.one_of(
    json_values,
    st.builds(
        lambda fs: {"type": "FeatureCollection", "features": fs}, st.lists(feature, max_size=6)
    ),
    st.builds(
        lambda fs, i: {
            "id": i,
            "datetime": "2024-11-20T12:00:00Z",
            "map": {"type": "FeatureCollection", "features": fs},
        },
        st.lists(feature, max_size=4),
        json_scalars,
    ),
    geometry,
)


def only_project_errors(path: Path) -> None:
    try:
        result = read_control_layer(path)
    except GeodataError:
        return
    assert isinstance(result, ControlLayer)


@SETTINGS
@given(document=documents)
def test_any_json_document_gives_a_layer_or_a_bad_input_error(document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.geojson"
        path.write_text(json.dumps(document, allow_nan=True))
        only_project_errors(path)


@SETTINGS
@given(
    data=st.binary(max_size=2000), extension=st.sampled_from([*sorted(SUPPORTED_FORMATS), ".dat"])
)
def test_any_bytes_give_a_layer_or_a_bad_input_error(data, extension):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{extension}"
        path.write_bytes(data)
        only_project_errors(path)


_TEMPLATES: dict[str, bytes] = {}


def template(extension: str) -> bytes:
    """A valid file of this format, written once."""
    if extension not in _TEMPLATES:
        with tempfile.TemporaryDirectory() as folder:
            _TEMPLATES[extension] = write_control_file(Path(folder), "t", extension).read_bytes()
    return _TEMPLATES[extension]


@SETTINGS
@given(
    extension=st.sampled_from([".geojson", ".kml", ".kmz", ".gpkg", ".fgb", ".zip"]),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_damaged_real_files_give_a_layer_or_a_bad_input_error(extension, cut, flips):
    data = bytearray(template(extension))
    data = data[: max(1, math.floor(len(data) * cut))] if cut < 1 else data
    for position, value in flips:
        data[min(len(data) - 1, int(position * len(data)))] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"damaged{extension}"
        path.write_bytes(bytes(data))
        only_project_errors(path)


def test_names_from_a_file_are_shown_cut_short(tmp_path):
    """A feature name megabytes long (a garbled or hostile file) reaches the legend, the Info
    panel and the notes as 120 characters at most: a label of five million characters held
    the window for seconds."""
    ring = [[37, 47.5], [38, 47.5], [38, 48.2], [37, 48.2], [37, 47.5]]
    line = {"type": "LineString", "coordinates": ring}
    features = [
        {"type": "Feature", "properties": {"name": "A" * 5_000_000},
         "geometry": {"type": "Polygon", "coordinates": [ring]}},
        {"type": "Feature", "properties": {"name": "Liberated " + "B" * 1_000_000},
         "geometry": {"type": "Polygon", "coordinates": [ring]}},
        {"type": "Feature", "properties": {"name": "C" * 1_000_000}, "geometry": line},
    ]  # fmt: skip
    path = tmp_path / "long-names.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    layer = read_control_layer(path)
    assert layer.feature_names and all(len(n) <= 120 for n in layer.feature_names)
    assert layer.feature_names[0].endswith("…")
    assert all(len(note) < 1000 for note in layer.report.messages())
