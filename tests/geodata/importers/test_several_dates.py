"""A file that holds the maps of several dates, read as one map (stats, export, the app)."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
import shapely

from geodata.errors import BadInputError
from geodata.importers import read_control_layer
from tests.geodata.importers.fixtures import write_control_file

# The same front on three dates, a little further west each time (lon, lat).
DATES = ["2024-11-20", "2025-03-01", "2025-08-01"]
FRONTS = [shapely.box(37.4 - 0.1 * i, 47.5, 38.5, 48.5) for i in range(len(DATES))]


def several_dates(extension: str, column: str = "date", dates=DATES, fronts=FRONTS):
    """A frame of one front per date, each split in two features (as such files are)."""
    rows = []
    for day, front in zip(dates, fronts, strict=True):
        west, south, east, north = front.bounds
        middle = (south + north) / 2
        halves = (shapely.box(west, south, east, middle), shapely.box(west, middle, east, north))
        rows += [{column: day, "geometry": half} for half in halves]
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


@pytest.mark.parametrize("extension", [".geojson", ".gpkg", ".kml"])
def test_without_a_date_it_is_refused_naming_its_dates(tmp_path, extension):
    """Their union is no date's territory: one message, not a silent figure."""
    path = write_control_file(tmp_path, "fronts", extension, several_dates(extension))
    with pytest.raises(BadInputError) as error:
        read_control_layer(path)
    assert "the maps of 3 dates (2024-11-20 … 2025-08-01" in str(error.value)
    assert "open it as a history" in str(error.value)


@pytest.mark.parametrize(
    "asked, used", [("2025-03-01", "2025-03-01"), ("2025-05-10", "2025-03-01")]
)
def test_with_a_date_that_dates_map_is_read(tmp_path, asked, used):
    path = write_control_file(tmp_path, "fronts", ".geojson", several_dates(".geojson"))
    layer = read_control_layer(path, date=dt.date.fromisoformat(asked))
    front = FRONTS[DATES.index(used)]
    assert layer.date == dt.date.fromisoformat(used)
    assert shapely.area(layer.controlled) == pytest.approx(shapely.area(front), abs=1e-9)
    assert shapely.area(shapely.symmetric_difference(layer.controlled, front)) < 1e-9
    notes = layer.report.messages()
    assert any(f"no map of {asked} in it; using {used}" in n for n in notes) == (asked != used)


def test_a_date_before_all_of_them_is_refused(tmp_path):
    path = write_control_file(tmp_path, "fronts", ".geojson", several_dates(".geojson"))
    with pytest.raises(BadInputError, match="no map of 2024-01-01 or before"):
        read_control_layer(path, date=dt.date(2024, 1, 1))


def test_parts_of_one_map_dated_one_by_one_stay_one_map(tmp_path):
    """Dated pieces that lie side by side (each area's date of survey) are one map."""
    pieces = [shapely.box(36.0 + i, 47.5, 36.9 + i, 48.5) for i in range(3)]
    frame = gpd.GeoDataFrame({"Date": DATES, "geometry": pieces}, crs="EPSG:4326")
    path = write_control_file(tmp_path, "surveyed", ".geojson", frame)
    layer = read_control_layer(path)
    assert shapely.area(layer.controlled) == pytest.approx(sum(map(shapely.area, pieces)))


def test_a_file_of_one_date_is_read_as_before(tmp_path):
    frame = several_dates(".geojson", dates=[DATES[0]], fronts=[FRONTS[0]])
    path = write_control_file(tmp_path, "one", ".geojson", frame)
    layer = read_control_layer(path)
    assert shapely.area(layer.controlled) == pytest.approx(shapely.area(FRONTS[0]))


def test_a_kml_of_several_dates_opens_as_a_history_of_them(tmp_path):
    """GDAL gives a KML an empty 'timestamp' column before its 'date': the date column
    is the one that holds dates (it was the empty one, and the history had one date, NaT)."""
    from geodata.history.sources import open_history

    path = write_control_file(tmp_path, "fronts", ".kml", several_dates(".kml"))
    history = open_history(path)
    assert [s.date.isoformat() for s in history.snapshots] == DATES
