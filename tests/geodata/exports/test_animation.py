"""The front over time as MP4 and GIF: frames, stepping, stamps, formats, cancel, literal text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import imageio_ffmpeg
import pytest
import shapely
from PIL import Image

from geodata.errors import BadInputError
from geodata.exports.animation import (
    AnimationCanvas,
    AnimationFrame,
    frame_dates,
    plan_frames,
    render_animation,
)
from geodata.history.compute import compute_history
from geodata.history.sources import folder_history
from geodata.history.store import Store
from tests.geodata.importers.fixtures import control_frame, write_control_file

# Four snapshots, the held box in Donetsk oblast growing eastwards.
DATES = (dt.date(2025, 1, 1), dt.date(2025, 1, 8), dt.date(2025, 1, 20), dt.date(2025, 2, 10))
SOURCE = "a$b$ front"  # the folder's name is the history's source, credited on every frame
SIZE = (480, 270)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A small history (source ``a$b$ front``) and its store."""
    folder = tmp_path_factory.mktemp("animation") / SOURCE
    folder.mkdir()
    for day, date in enumerate(DATES):
        frame = control_frame().iloc[:1].copy()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 37.6 + 0.2 * day, 48.2)
        write_control_file(folder, f"front_{date.isoformat()}", ".geojson", frame)
    store = Store(folder.parent / "store.sqlite")
    return compute_history(folder_history(folder), store), store


def test_weeks_show_the_latest_data_at_or_before_each_frame(history):
    series, _store = history
    frames = plan_frames(series, dt.date(2024, 12, 25), dt.date(2025, 2, 12), "week")
    # 2024-12-25 comes before the first data and is left out.
    assert [f.date.isoformat() for f in frames] == [
        "2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22", "2025-01-29", "2025-02-05",
        "2025-02-12",
    ]  # fmt: skip
    assert [f.data_date.day for f in frames] == [1, 8, 8, 20, 20, 20, 10]


@pytest.mark.parametrize("step", ["day", "week", "month"])
def test_the_last_frame_is_the_end_asked_for(history, step):
    """A step that does not land on the end still ends there: the last map is shown
    (it stopped up to a step short, and the video never reached the last date)."""
    series, _store = history
    end = series.dates[-1]
    frames = plan_frames(series, dt.date(2025, 1, 2), end, step)
    assert frames[-1].date == end and frames[-1].data_date == end
    assert len({f.date for f in frames}) == len(frames)


def test_months_keep_the_day_or_take_the_months_last(history):
    series, _store = history
    frames = plan_frames(series, dt.date(2025, 1, 1), dt.date(2025, 3, 1), "month")
    assert [(f.date, f.data_date) for f in frames] == [
        (dt.date(2025, 1, 1), DATES[0]), (dt.date(2025, 2, 1), DATES[2]),
        (dt.date(2025, 3, 1), DATES[3]),
    ]  # fmt: skip
    assert frame_dates(dt.date(2024, 1, 31), dt.date(2024, 3, 31), "month")[1:] == [
        dt.date(2024, 2, 29), dt.date(2024, 3, 31),
    ]  # fmt: skip


def test_the_stamp_says_when_the_data_is_older_than_the_frame(history):
    series, store = history
    frames = plan_frames(series, dt.date(2025, 1, 8), dt.date(2025, 1, 15), "week")
    assert [f.stamp for f in frames] == ["2025-01-08", "2025-01-15 (data of 2025-01-08)"]
    canvas = AnimationCanvas(series, store, frames, size=SIZE)
    canvas.draw(frames[1])
    assert (canvas.stamp.get_text(), canvas.data_note.get_text()) == (
        "2025-01-15", "data of 2025-01-08",
    )  # fmt: skip
    assert canvas.draw(frames[0]).shape == (SIZE[1], SIZE[0], 4)
    assert canvas.data_note.get_text() == ""


def test_gif_has_one_frame_per_step(history, tmp_path):
    series, store = history
    start, end = dt.date(2025, 1, 1), dt.date(2025, 2, 12)
    report = render_animation(tmp_path / "front.gif", series, store, start, end, "week",
                              chart=True, size=SIZE, fps=5)  # fmt: skip
    assert (report.frames, report.first_date, report.last_date) == (7, start, end)
    with Image.open(report.path) as gif:
        assert (gif.format, gif.size, gif.n_frames) == ("GIF", SIZE, 7)
        assert gif.info["duration"] == 200 and gif.info["loop"] == 0
    assert report.bytes == report.path.stat().st_size > 0


def test_mp4_is_a_whole_h264_file(history, tmp_path):
    series, store = history
    report = render_animation(tmp_path / "front.MP4", series, store, dt.date(2025, 1, 1),
                              dt.date(2025, 3, 1), "month", size=SIZE, fps=2)  # fmt: skip
    data = report.path.read_bytes()
    assert data[4:8] == b"ftyp" and report.bytes == len(data)
    assert imageio_ffmpeg.count_frames_and_secs(str(report.path)) == (3, 1.5)


def test_without_a_store_the_maps_are_read_from_their_files(history, tmp_path):
    series, _store = history
    report = render_animation(tmp_path / "front.gif", series, None, DATES[0], DATES[1], "day",
                              size=SIZE)  # fmt: skip
    assert report.frames == 8


def test_bad_arguments_are_clear_errors(history, tmp_path):
    series, store = history
    with pytest.raises(ValueError, match=r"'\.avi'; choose one of: \.mp4, \.gif"):
        render_animation(tmp_path / "front.avi", series, store, DATES[0], DATES[-1])
    with pytest.raises(ValueError, match="'fortnight'; choose one of: day, week, month"):
        render_animation(tmp_path / "front.gif", series, store, DATES[0], DATES[-1], "fortnight")
    with pytest.raises(ValueError, match="even width and height, not 481 × 270"):
        render_animation(tmp_path / "front.mp4", series, store, *DATES[:2], size=(481, 270))
    before_the_data = (dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    with pytest.raises(BadInputError, match="history starts on 2025-01-01"):
        render_animation(tmp_path / "front.gif", series, store, *before_the_data)
    assert list(tmp_path.iterdir()) == []


class CancelAfter:
    """Progress that cancels when asked to check before frame ``frames`` + 1."""

    def __init__(self, frames: int) -> None:
        self.left = frames

    def report(self, fraction, message="") -> None:
        pass

    def check(self) -> None:
        if self.left == 0:
            raise RuntimeError("cancelled")
        self.left -= 1


@pytest.mark.parametrize("name", ["front.gif", "front.mp4"])
def test_a_cancel_leaves_no_file_and_a_previous_one_untouched(history, tmp_path, name):
    series, store = history
    args = (series, store, DATES[0], DATES[-1], "week")
    with pytest.raises(RuntimeError, match="cancelled"):
        render_animation(tmp_path / name, *args, size=SIZE, progress=CancelAfter(2))
    assert list(tmp_path.iterdir()) == []
    (tmp_path / name).write_bytes(b"the previous animation")
    with pytest.raises(RuntimeError, match="cancelled"):
        render_animation(tmp_path / name, *args, size=SIZE, progress=CancelAfter(2))
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_bytes() == b"the previous animation"


def test_dollars_in_the_source_are_drawn_literally(history, tmp_path):
    series, store = history
    assert series.source == SOURCE
    frames = plan_frames(series, DATES[0], DATES[1], "week")
    canvas = AnimationCanvas(series, store, frames, size=SIZE)
    canvas.draw(frames[-1])
    canvas.figure.savefig(tmp_path / "frame.svg", format="svg")
    root = ET.parse(tmp_path / "frame.svg").getroot()
    texts = ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t.endswith(f"Control areas: {SOURCE}") for t in texts), texts
    assert "Occupied territory" in texts and "2025-01-08" in texts
    assert AnimationFrame(DATES[0], 0, DATES[0]).stamp == "2025-01-01"


def test_a_ukrainian_animation_has_no_english_but_names(history, tmp_path):
    """Title, stamp, data note, share, legend, chart, credits, oblasts and water in Ukrainian;
    numbers with a decimal comma and dates as Ukrainian writes them."""
    import re

    series, store = history
    frames = plan_frames(series, DATES[0], DATES[2], "week")
    canvas = AnimationCanvas(series, store, frames, chart=True, size=(1280, 720), language="uk")
    late = next(f for f in frames if f.data_date != f.date)  # one with a data note
    canvas.draw(late)
    canvas.figure.savefig(tmp_path / "frame.svg", format="svg")
    root = ET.parse(tmp_path / "frame.svg").getroot()
    texts = ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t.startswith("Окупована територія України, 01.01.2025 – ") for t in texts), texts
    assert late.date.strftime("%d.%m.%Y") in texts
    assert any(t.startswith("дані на ") for t in texts)
    assert any(re.fullmatch(r"окуповано \d+,\d\d % території України", t) for t in texts), texts
    assert "Окупована територія" in texts
    assert any(re.fullmatch(r"\d+,\d+", t) for t in texts), texts  # the chart's ticks: 24,5
    names = {"DeepStateMap", "Natural", "Earth", "GeoNames", "GSHHG", "Frontline", "Atlas"}
    source_words = set(re.findall(r"[A-Za-z]{2,}", SOURCE))  # the data's own name
    english = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)} - names - source_words
    assert english == set(), english
    with pytest.raises(ValueError, match="unknown language 'de'"):
        render_animation(tmp_path / "x.gif", series, store, DATES[0], DATES[1], language="de")
