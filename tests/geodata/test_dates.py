"""Dates from arguments, file names and timestamps."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.dates import (
    date_from_filename,
    date_from_iso_datetime,
    date_from_timestamp,
    parse_date,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deepstatemap_data_20241120.geojson", dt.date(2024, 11, 20)),
        ("2024-11-20_front.kmz", dt.date(2024, 11, 20)),
        ("front_1732104000.json", dt.date(2024, 11, 20)),
        ("control.geojson", None),
        ("v20241399.geojson", None),  # not a real date
        ("serial_123456789012.gpkg", None),  # 12 digits: neither a date nor epoch seconds
        ("19991231.geojson", None),  # before any control map
    ],
)
def test_date_from_filename(name, expected):
    assert date_from_filename(name) == expected


def test_epoch_dates_are_kyiv_dates():
    late_evening_utc = dt.datetime(2024, 11, 20, 23, 0, tzinfo=dt.UTC).timestamp()
    assert date_from_timestamp(late_evening_utc) == dt.date(2024, 11, 21)


def test_iso_datetime_without_zone_is_taken_as_is():
    assert date_from_iso_datetime("2024-11-20T23:30:00") == dt.date(2024, 11, 20)
    assert date_from_iso_datetime("yesterday") is None


@pytest.mark.parametrize("text", ["2024-13-01", "20.11.2024", "", "2024-11"])
def test_parse_date_rejects_with_the_expected_form(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(text)


def test_dates_in_names_are_calendar_dates_and_never_still_to_come(tmp_path):
    # front_2024110612 was read as Unix time and dated 2034-02-21, the history's "latest";
    # names and metadata of 2099 were taken as they came.
    import datetime as dt

    from geodata.history.sources import folder_history
    from geodata.importers import read_control_layer
    from tests.geodata.importers.fixtures import write_control_file

    folder = tmp_path / "daily"
    folder.mkdir()
    write_control_file(folder, "front_2024110612", ".geojson")
    write_control_file(folder, "front_20991231", ".geojson")
    write_control_file(folder, "front_4102444800", ".geojson")  # 2100-01-01 in Unix time
    source = folder_history(folder)
    assert [s.date for s in source.snapshots] == [dt.date(2024, 11, 6)]
    assert any("front_20991231.geojson: its name dates it 2099-12-31, still to come" in n
               for n in source.notes)  # fmt: skip
    layer = read_control_layer(folder / "front_20991231.geojson")
    assert layer.date is None
    assert "its name dates it 2099-12-31, which is still to come: left undated" in (
        layer.report.messages()
    )


def test_dated_names_that_are_no_readable_file_are_named(tmp_path):
    # Pipes, links to devices, loops of links and broken links were skipped without a word.
    import os

    from geodata.history.sources import folder_history
    from tests.geodata.importers.fixtures import write_control_file

    folder = tmp_path / "daily"
    folder.mkdir()
    write_control_file(folder, "front_20240708", ".geojson")
    os.mkfifo(folder / "fifo_20240710.geojson")
    (folder / "zero_20240711.geojson").symlink_to("/dev/zero")
    (folder / "loop_20240712.geojson").symlink_to(folder / "loop_20240712.geojson")
    (folder / "gone_20240713.geojson").symlink_to(folder / "nowhere.geojson")
    source = folder_history(folder)
    assert len(source.snapshots) == 1
    for name in ("fifo_20240710", "zero_20240711", "loop_20240712", "gone_20240713"):
        assert f"{name}.geojson: not a file that can be read; skipped" in source.notes
