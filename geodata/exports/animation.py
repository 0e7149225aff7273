"""The front over time as a video (MP4) or an animated GIF, drawn with matplotlib, headless.

Each frame is the map of Ukraine with the land occupied on that date, a large
date stamp, a legend, a title, the credits and, optionally, a strip chart of
the share of Ukraine occupied with a marker at the frame's date. The basemap
(sea, neighbours, oblasts, water, names) is the briefing map's
(:mod:`geodata.exports.briefing`), built once; each frame only replaces the
occupied area (simplified and projected once per history date), the stamp and
the marker, then Agg renders the figure (about 0.13 s at 1280 × 720). Frames
follow a calendar step (day, week or month) and show the latest date of the
history at or before theirs.

MP4 is H.264 by the ffmpeg of ``imageio-ffmpeg``; GIF is written by Pillow
with one shared palette, so that unchanged pixels cost nothing. Either is
written completely or not at all (:func:`~geodata.exports.atomic.write_atomically`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

import geodata.exports.figure_text  # noqa: F401 (text stays text in PDF and SVG)
from geodata.boundaries import load_boundaries
from geodata.control import credit_for
from geodata.credits import credit_line
from geodata.errors import BadInputError
from geodata.exports.atomic import write_atomically
from geodata.exports.briefing import (
    CONTROL_ALPHA,
    _basemap,
    _fill,
    _fit_view,
    _fitted,
    _labels,
    _polygon_path,
    _projected,
    _text,
)
from geodata.exports.briefing_basemap import draw_water
from geodata.exports.briefing_style import page_style
from geodata.exports.timeline_plot import DATE_FORMATS, number_axis
from geodata.history.compute import NoProgress
from geodata.history.series import HistorySeries
from geodata.history.store import Store
from geodata.history.transfers import row_at_or_before
from geodata.language import (
    Language,
    check_language,
    format_date,
    format_number,
    language_of,
    say,
)
from geodata.palette import current

Step = Literal["day", "week", "month"]
#: The calendar steps between frames.
STEPS: tuple[str, ...] = ("day", "week", "month")
#: The formats, chosen by the output's extension.
ANIMATION_FORMATS: tuple[str, ...] = (".mp4", ".gif")

# Every frame is 7.2 inches high; the dpi follows the pixel height, so that text
# keeps its place and proportion at any size (1 pt = 1.39 px at 720 pixels high).
FRAME_HEIGHT_IN = 7.2
STAMP_PT = 24  # 33 px at 720 pixels high
TITLE_PT, LEGEND_PT, CREDIT_PT, CHART_PT = 15, 10, 8, 8
MAP_BOTTOM, MAP_HEIGHT = 0.045, 0.885  # of the frame
MAP_RATIO = 1.5  # the map's width for its height, at most
MAX_MAP_WIDTH = 0.72  # of the frame: the panel beside it needs room for the stamp
BASEMAP_SCALE = 1.3  # the water's type scale (A4 = 1): names read on a screen
GIF_COLOURS = 64  # one adaptive palette for all frames: unchanged pixels stay identical
MP4_CRF = 20  # x264 quality: sharp text, small files for flat map colours


@dataclass(frozen=True)
class AnimationFrame:
    """One frame: its calendar date, and the history row (and date) whose map it shows."""

    date: dt.date
    row: int
    data_date: dt.date

    @property
    def stamp(self) -> str:
        """The date shown, noting the data's date where it differs.

        >>> AnimationFrame(dt.date(2025, 3, 10), 0, dt.date(2025, 3, 8)).stamp
        '2025-03-10 (data of 2025-03-08)'
        """
        if self.data_date == self.date:
            return self.date.isoformat()
        return f"{self.date.isoformat()} (data of {self.data_date.isoformat()})"


@dataclass(frozen=True)
class AnimationReport:
    """What :func:`render_animation` wrote."""

    path: Path
    frames: int
    first_date: dt.date
    last_date: dt.date
    seconds: float
    bytes: int


def render_animation(
    out: str | Path,
    series: HistorySeries,
    store: Store | None,
    start: dt.date,
    end: dt.date,
    step: Step = "week",
    *,
    chart: bool = False,
    size: tuple[int, int] = (1280, 720),
    fps: float = 4.0,
    progress=None,
    language: Language = "en",
) -> AnimationReport:
    """Write the occupied territory from ``start`` to ``end`` as an MP4 video or a GIF.

    Parameters
    ----------
    out : str or Path
        The file to write; its extension (``.mp4`` or ``.gif``) chooses the format.
    series : HistorySeries
        The history (:func:`geodata.history.compute.compute_history`).
    store : Store or None
        Where the history's maps are kept; without it they are read from their files.
    start, end : datetime.date
        The first and last frame dates (both included); a frame before the
        history's first date is left out.
    step : {"day", "week", "month"}
        The calendar step between frames (a month keeps the day of ``start``,
        or the month's last day).
    chart : bool
        Add a strip chart of the share of Ukraine occupied, marked at each frame.
    size : (int, int)
        Width and height in pixels.
    fps : float
        Frames per second.
    progress : object, optional
        Has ``report(fraction, message)`` and ``check()``, which raises to cancel.
    language : {"en", "uk"}
        The frames' words, numbers, dates and names (:mod:`geodata.language`).

    Returns
    -------
    AnimationReport
        The path, the number of frames, the first and last frame dates, the
        time taken and the file's size.

    Raises ``ValueError`` for an unknown format, step, size or rate,
    :class:`~geodata.errors.BadInputError` when no frame date has data, and
    :class:`~geodata.errors.ExportError` when the file cannot be written; a
    failure or a cancel leaves any previous file at ``out`` untouched.

    Examples
    --------
    >>> render_animation("front.avi", None, None, dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    Traceback (most recent call last):
    ...
    ValueError: unknown animation format '.avi'; choose one of: .mp4, .gif
    """
    began = time.perf_counter()
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in ANIMATION_FORMATS:
        raise ValueError(
            f"unknown animation format {kind!r}; choose one of: {', '.join(ANIMATION_FORMATS)}"
        )
    if fps <= 0:
        raise ValueError(f"frames per second must be positive, not {fps}")
    if kind == ".mp4" and (size[0] % 2 or size[1] % 2):
        raise ValueError(f"an MP4 video needs an even width and height, not {size[0]} × {size[1]}")
    progress = progress or NoProgress()
    frames = plan_frames(series, start, end, step)
    canvas = AnimationCanvas(series, store, frames, chart=chart, size=size,
                             language=check_language(language))  # fmt: skip
    images = _rendered(canvas, frames, progress)
    if kind == ".gif":
        write_atomically(out, lambda path: _write_gif(path, images, fps))
    else:
        write_atomically(out, lambda path: _write_mp4(path, images, size, fps), _check_mp4)
    progress.report(1.0, say("Wrote {count} frames", language_of(progress), count=len(frames)))
    return AnimationReport(out, len(frames), frames[0].date, frames[-1].date,
                           time.perf_counter() - began, out.stat().st_size)  # fmt: skip


def frame_dates(start: dt.date, end: dt.date, step: Step = "week") -> list[dt.date]:
    """The calendar dates ``start``, ``start`` + step, … up to ``end``, and ``end`` itself
    last (an animation ends on the date it was asked to, not up to a step before it).

    >>> frame_dates(dt.date(2025, 1, 31), dt.date(2025, 4, 30), "month")  # doctest: +ELLIPSIS
    [datetime.date(2025, 1, 31), datetime.date(2025, 2, 28), ..., datetime.date(2025, 4, 30)]
    >>> weeks = frame_dates(dt.date(2025, 1, 1), dt.date(2026, 8, 22), "week")
    >>> len(weeks), weeks[-2:]
    (87, [datetime.date(2026, 8, 19), datetime.date(2026, 8, 22)])
    """
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}; choose one of: {', '.join(STEPS)}")
    if start > end:
        raise ValueError(f"the start {start} is after the end {end}")
    dates, count = [], 0
    while (date := _stepped(start, step, count)) <= end:
        dates.append(date)
        count += 1
    if dates[-1] != end:
        dates.append(end)
    return dates


def plan_frames(
    series: HistorySeries, start: dt.date, end: dt.date, step: Step = "week"
) -> list[AnimationFrame]:
    """The frames from ``start`` to ``end``, each with the latest history date at or before it.

    Frame dates before the history's first date are left out;
    :class:`~geodata.errors.BadInputError` when none is left.
    """
    frames = []
    for date in frame_dates(start, end, step):
        try:
            row = row_at_or_before(series, date)
        except BadInputError:
            continue  # before the first date: nothing to show yet
        frames.append(AnimationFrame(date, row, series.dates[row]))
    if not frames:
        if not series.dates:
            raise BadInputError(series.source, "the history has no dates")
        raise BadInputError(
            series.source, f"no data on or before {end}: the history starts on {series.dates[0]}"
        )
    return frames


class AnimationCanvas:
    """The animation's figure: the map and its surroundings drawn once, then frame by frame.

    The map fills the right of the frame; a panel on its left holds the date
    stamp, the share occupied, the legend and, with ``chart``, the chart.
    ``draw(frame)`` returns the frame's pixels (RGBA, ``size`` wide and high).
    """

    def __init__(
        self,
        series: HistorySeries,
        store: Store | None,
        frames: list[AnimationFrame],
        *,
        chart: bool = False,
        size: tuple[int, int] = (1280, 720),
        language: Language = "en",
    ) -> None:
        width, height = (int(v) for v in size)
        self.language = language
        if width < 64 or height < 64:
            raise ValueError(f"the frame size must be at least 64 × 64 pixels, not {size}")
        self.series, self.store, self.size = series, store, (width, height)
        dpi = height / FRAME_HEIGHT_IN
        self.figure = Figure(figsize=(width / dpi, FRAME_HEIGHT_IN), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.share_pct = series.group_pct()["ukraine"].to_numpy()
        self._cached_row, self._cached_path = None, None
        palette = current()
        self.figure.set_facecolor(palette.card_background)

        width_in = width / dpi
        span = f"{self._date(frames[0].date)} – {self._date(frames[-1].date)}"
        title = say("Occupied territory of Ukraine, {span}", language, span=span)
        title = _fitted(title, TITLE_PT, width_in * 0.97, "bold")
        _text(self.figure, 0.012, 0.975, title, fontsize=TITLE_PT, fontweight="bold",
              color=palette.text, va="top")  # fmt: skip
        credit = credit_line(_control_credit(series, frames), map_by="Frontline Atlas",
                             language=language)  # fmt: skip
        _text(self.figure, 0.012, 0.012, _fitted(credit, CREDIT_PT, width_in * 0.97),
              fontsize=CREDIT_PT, color=palette.muted_text, va="bottom")  # fmt: skip

        # The map at most MAP_RATIO wide for its height: any wider, and the view would
        # reach past the western edge of the water data (20° E).
        map_width = min(MAP_HEIGHT * height * MAP_RATIO / width, MAX_MAP_WIDTH)
        map_left = 1 - 0.008 - map_width
        self.map_axes = self.figure.add_axes((map_left, MAP_BOTTOM, map_width, MAP_HEIGHT))
        self._draw_basemap(self.map_axes)
        self.occupied = PathCollection([], facecolors=palette.occupied,
                                       edgecolors=palette.occupied_edge, linewidths=0.6,
                                       alpha=CONTROL_ALPHA, zorder=3)  # fmt: skip
        self.map_axes.add_collection(self.occupied, autolim=False)

        panel = self.figure.add_axes((0.012, MAP_BOTTOM, map_left - 0.024, MAP_HEIGHT))
        panel.axis("off")
        self.stamp = panel.text(0.0, 0.985, "", fontsize=STAMP_PT, fontweight="bold",
                                color=palette.text, va="top")  # fmt: skip
        self.data_note = panel.text(0.0, 0.885, "", fontsize=LEGEND_PT,
                                    color=palette.subtitle_text, va="top")  # fmt: skip
        self.share = panel.text(0.0, 0.82, "", fontsize=LEGEND_PT + 2, color=palette.text,
                                va="top")  # fmt: skip
        handle = Patch(facecolor=palette.occupied, edgecolor=palette.occupied_edge,
                       alpha=CONTROL_ALPHA, label=say("Occupied territory", language))  # fmt: skip
        panel.legend(handles=[handle], loc="upper left", bbox_to_anchor=(-0.02, 0.74),
                     fontsize=LEGEND_PT, frameon=False)  # fmt: skip
        self.marker = self.dot = None
        if chart:
            box = panel.get_position()
            chart_axes = self.figure.add_axes(
                (box.x0 + 0.045, box.y0 + 0.06, box.width - 0.05, box.height * 0.42)
            )
            self._draw_chart(chart_axes, frames)

    def draw(self, frame: AnimationFrame) -> memoryview:
        """Show ``frame`` and render it; the pixels stay valid until the next call."""
        self.occupied.set_paths(self._occupied_paths(frame.row))
        self.stamp.set_text(self._date(frame.date))
        differs = frame.data_date != frame.date
        note = say("data of {date}", self.language, date=self._date(frame.data_date))
        self.data_note.set_text(note if differs else "")
        share = self.share_pct[frame.row]
        self.share.set_text(say("{share} % of Ukraine occupied", self.language,
                                share=format_number(share, 2, self.language)))  # fmt: skip
        if self.marker is not None:
            self.marker.set_xdata([frame.date, frame.date])
            self.dot.set_data([frame.data_date], [share])
        with warnings.catch_warnings():
            # For some spans (about 1,000 days) matplotlib's date ticks fall back to
            # another interval and say so on stderr; the ticks it draws are fine.
            warnings.filterwarnings("ignore", "AutoDateLocator was unable", UserWarning)
            self.canvas.draw()
        return self.canvas.buffer_rgba()

    def _date(self, day: dt.date) -> str:
        return format_date(day, self.language)

    def _occupied_paths(self, row: int) -> list:
        # Consecutive frames often show the same date (a day's step over a sparse
        # history): its map is simplified and projected once.
        if row != self._cached_row:
            path = _polygon_path(_projected(self.series.territory(row, self.store)))
            self._cached_row, self._cached_path = row, [] if path is None else [path]
        return self._cached_path

    def _draw_basemap(self, axes) -> None:
        palette = current()
        units, neighbours, view = _basemap()
        axes.set_facecolor(palette.sea)
        axes.set_xticks([])
        axes.set_yticks([])
        view = _fit_view(view, axes)
        axes.set_xlim(view[0], view[2])
        axes.set_ylim(view[1], view[3])
        axes.set_aspect("equal", adjustable="box")
        _fill(axes, neighbours, face=palette.land, edge=palette.land_edge, lw=0.5)
        _fill(axes, units, face=palette.oblast, edge=palette.oblast_edge, lw=0.5)
        draw_water(axes, view, BASEMAP_SCALE, _fill, language=self.language)
        _labels(axes, load_boundaries(), page_style("slide"), view, language=self.language)

    def _draw_chart(self, axes, frames: list[AnimationFrame]) -> None:
        palette = current()
        rows = slice(frames[0].row, frames[-1].row + 1)
        shares = self.share_pct[rows]
        axes.plot(self.series.dates[rows], shares, color=palette.ukraine_line, lw=1.4)
        days = (frames[-1].date - frames[0].date).days
        axes.set_xlim(frames[0].date, frames[-1].date + dt.timedelta(days=max(1, days // 40)))
        pad = max((shares.max() - shares.min()) * 0.15, 0.05)
        axes.set_ylim(shares.min() - pad, shares.max() + pad)
        axes.set_title(say("Share of Ukraine occupied, %", self.language), fontsize=CHART_PT + 1,
                       loc="left", color=palette.subtitle_text)  # fmt: skip
        locator = mdates.AutoDateLocator(maxticks=5)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(locator, **DATE_FORMATS[self.language])
        )
        number_axis(axes.yaxis, self.language)
        axes.tick_params(labelsize=CHART_PT, colors=palette.muted_text)
        axes.grid(True, color=palette.track, lw=0.5)
        self.marker = axes.axvline(frames[0].date, color=palette.highlight, lw=1.6)
        (self.dot,) = axes.plot([], [], "o", color=palette.highlight, markersize=5)


def _stepped(start: dt.date, step: Step, count: int) -> dt.date:
    if step == "day":
        return start + dt.timedelta(days=count)
    if step == "week":
        return start + dt.timedelta(weeks=count)
    month = start.month - 1 + count
    year, month = start.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _control_credit(series: HistorySeries, frames: list[AnimationFrame]) -> str:
    """DeepStateMap when the source or every shown file is its data, else the source's name."""
    labels = [series.labels[frame.row] for frame in frames]
    if credit_for(series.source) == "DeepStateMap" or all(
        credit_for(label) == "DeepStateMap" for label in labels
    ):
        return "DeepStateMap"
    return series.source


def _rendered(canvas: AnimationCanvas, frames, progress) -> Iterator[memoryview]:
    """Each frame's pixels in turn; ``progress.check()`` before each may cancel."""
    language = language_of(progress)
    for index, frame in enumerate(frames):
        progress.check()
        progress.report(index / len(frames), say("Frame {number} of {total}: {date}", language,
                        number=index + 1, total=len(frames),
                        date=format_date(frame.date, language)))  # fmt: skip
        yield canvas.draw(frame)


def _write_mp4(path: Path, images: Iterator[memoryview], size: tuple[int, int], fps: float):
    import imageio_ffmpeg  # loaded only for videos

    from geodata.exports.ffmpeg import ffmpeg_exe

    ffmpeg_exe()  # unpacked first where the installer packs it
    writer = imageio_ffmpeg.write_frames(
        str(path), size, fps=fps, codec="libx264", pix_fmt_in="rgba", pix_fmt_out="yuv420p",
        quality=None, macro_block_size=1, ffmpeg_log_level="error",
        output_params=["-crf", str(MP4_CRF), "-movflags", "+faststart"],
    )  # fmt: skip
    writer.send(None)  # start ffmpeg
    try:
        for image in images:
            writer.send(image)
    finally:
        writer.close()  # ffmpeg finishes the file (or what there is of it, on a cancel)


def _check_mp4(path: Path) -> None:
    """The file is whole: its top-level boxes (ftyp, moov, mdat) fill it exactly."""
    boxes, offset, length = set(), 0, path.stat().st_size
    with path.open("rb") as file:
        while offset + 8 <= length:
            file.seek(offset)
            header = file.read(16)
            size, kind = int.from_bytes(header[:4], "big"), header[4:8]
            if size == 1:  # a 64-bit size follows the type
                size = int.from_bytes(header[8:16], "big")
            if size < 8:
                break
            boxes.add(kind)
            offset += size
    if offset != length or not {b"ftyp", b"moov", b"mdat"} <= boxes:
        raise ValueError("ffmpeg did not finish the video")


def _write_gif(path: Path, images: Iterator[memoryview], fps: float) -> None:
    from PIL import Image  # loaded only for GIFs

    def rgb(pixels: memoryview) -> Image.Image:
        size = (pixels.shape[1], pixels.shape[0])
        return Image.frombuffer("RGBA", size, pixels, "raw", "RGBA", 0, 1).convert("RGB")

    first = rgb(next(images))
    palette = _gif_palette(first)
    frames = (rgb(pixels).quantize(palette=palette, dither=Image.Dither.NONE) for pixels in images)
    first.quantize(palette=palette, dither=Image.Dither.NONE).save(
        path, format="GIF", save_all=True, append_images=frames, duration=round(1000 / fps),
        loop=0, optimize=True,
    )  # fmt: skip


def _gif_palette(first):
    """One palette for every frame: an unchanged pixel keeps its index, so Pillow writes
    only what changed from one frame to the next. Adaptive (from the first frame), plus
    the marker's colour, which covers too few pixels there to earn a place of its own."""
    from PIL import Image

    marked = [round(255 * v) for v in to_rgb(current().highlight)]
    adaptive = first.quantize(colors=GIF_COLOURS - 1, method=Image.Quantize.MEDIANCUT)
    palette = Image.new("P", (1, 1))
    palette.putpalette(adaptive.getpalette()[: 3 * (GIF_COLOURS - 1)] + marked)
    return palette
