"""Where a history comes from: a folder of dated files, one file with a date column, or the store.

Every source becomes a list of :class:`Snapshot`, one per date, sorted by date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from geodata.dates import (
    DATE_COLUMNS,
    date_from_filename,
    feature_date,
    future_date_note,
    is_missing,
)
from geodata.dates import date_column as _date_column
from geodata.errors import BadInputError
from geodata.exports.text import shown
from geodata.history.store import Store, content_hash
from geodata.importers import SUPPORTED_FORMATS, check_control_file
from geodata.importers.assemble import SourceFeatures, assemble_layer
from geodata.importers.ogr import gdal_readable

DEEPSTATE_STORE = "deepstate"


@dataclass(frozen=True)
class Snapshot:
    """One date of a history: a file to read, or a geometry to load (and its content key)."""

    date: dt.date
    label: str
    path: Path | None = None
    load: Callable[[], shapely.Geometry] | None = field(default=None, compare=False)
    key: str | None = None  # content hash, when known without reading a file


@dataclass(frozen=True)
class HistorySource:
    """A history's name, its snapshots (sorted by date) and notes on what was skipped."""

    name: str
    snapshots: tuple[Snapshot, ...]
    notes: tuple[str, ...] = ()


def open_history(
    source: str | Path, store: Store | None = None, date_column: str | None = None
) -> HistorySource:
    """A folder of dated snapshots, a file with a date column, or ``deepstate`` (stored updates).

    Raises :class:`~geodata.errors.BadInputError` naming the source and the problem.
    """
    if str(source) == DEEPSTATE_STORE:
        return store_history(store or Store())
    path = Path(source)
    if path.is_dir():
        return folder_history(path)
    if path.is_file():
        return multi_date_file_history(path, date_column)
    raise BadInputError(path, "no such file or folder")


def folder_history(folder: Path) -> HistorySource:
    """Every readable file in ``folder`` whose name carries a date (``YYYYMMDD``, ``YYYY-MM-DD``).

    Files without a date in the name are skipped and listed in the notes; of two
    files with the same date the later name (sorted) is used.
    """
    by_date: dict[dt.date, Path] = {}
    notes = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_FORMATS:
            continue
        date = date_from_filename(path.name)
        if not path.is_file():  # a folder, a pipe, a device, a broken link or a loop of links
            if date is not None and not path.is_dir():
                notes.append(f"{shown(path.name)}: not a file that can be read; skipped")
            continue
        if date is None:
            notes.append(f"{shown(path.name)}: no date in the file name; skipped")
            continue
        if future_date_note(date, "name"):
            notes.append(f"{shown(path.name)}: its name dates it {date}, still to come; skipped")
            continue
        if date in by_date:
            notes.append(
                f"{shown(by_date[date].name)} and {shown(path.name)} have the same date; "
                f"using {shown(path.name)}"
            )
        by_date[date] = path
    if not by_date:
        raise BadInputError(
            folder, "no dated control files in it (names like name_20241120.geojson)"
        )
    snapshots = tuple(
        Snapshot(date, shown(path.name), path=path) for date, path in sorted(by_date.items())
    )
    return HistorySource(shown(folder.name), snapshots, tuple(notes))


def multi_date_file_history(path: Path, date_column: str | None = None) -> HistorySource:
    """One file whose features carry a date: each date's polygons, joined, are its territory.

    Each date goes through the same checks as a single control file
    (:func:`geodata.importers.assemble.assemble_layer`): coordinates that are
    not longitude/latitude, swapped axes, points and lines. A date that fails
    them is left out and named in the notes; features without a date are
    skipped and counted.
    """
    check_control_file(path)  # as a single control file: regular, within the size limit
    try:
        with gdal_readable(path) as readable:
            frame = pyogrio.read_dataframe(readable)
    except (DataSourceError, DataLayerError, ValueError) as error:
        raise BadInputError(
            path, f"cannot read it as geodata ({str(error).splitlines()[0]})"
        ) from None
    column = date_column or _date_column(frame.columns, lambda c: frame[c].notna().any())
    if column is None or column not in frame.columns:
        wanted = date_column or " / ".join(DATE_COLUMNS)
        raise BadInputError(path, f"no date column ({wanted}); a one-file history needs one")
    values = frame[column].tolist()
    dates = [feature_date(value) for value in values]
    undated = [v for v, d in zip(values, dates, strict=True) if d is None]
    bad = next((v for v in undated if not is_missing(v)), None)
    if bad is not None:
        raise BadInputError(path, f"the {column!r} column holds {bad!r}, which is not a date")
    notes = []
    if undated:
        count = len(undated)
        notes.append(f"{count} feature{'s' if count > 1 else ''} without a date skipped")
    geometries = frame.geometry.to_numpy()
    properties = frame.drop(columns=[frame.geometry.name]).to_dict("records")
    snapshots, failures = [], []
    rows_of: dict = {}  # each date's rows, in one pass (years of dates, many features)
    for row, date in enumerate(dates):
        if date is not None:
            rows_of.setdefault(date, []).append(row)
    for date in sorted(rows_of):
        if future_date_note(date, "date column"):
            failures.append(f"left out: {date}: a date still to come")
            continue
        rows = rows_of[date]
        found = SourceFeatures(
            geometries=list(geometries[rows]),
            properties=[properties[i] for i in rows],
            crs=frame.crs,
            format_name=f"one-file history ({path.suffix.lstrip('.') or 'GDAL'})",
        )
        try:
            layer = assemble_layer(found, path, date)
        except BadInputError as error:
            failures.append(f"left out: {date}: {error.reason}")
            continue
        notes.extend(note for note in layer.report.messages() if note not in notes)
        key = content_hash(shapely.to_wkb(layer.controlled))
        snapshots.append(
            # Labelled by the file alone, as a folder's maps are: the date is said beside it.
            Snapshot(date, shown(path.name), load=lambda t=layer.controlled: t, key=key)
        )
    if not snapshots:
        reason = failures[0].split(": ", 2)[-1] if failures else "it holds no dated features"
        raise BadInputError(path, reason)
    return HistorySource(shown(path.name), tuple(snapshots), tuple(notes + failures))


def store_history(store: Store) -> HistorySource:
    """The DeepStateMap updates fetched into the store; the last update of each day counts."""
    by_date = {}
    for update in store.updates():
        by_date[update.date] = update
    if not by_date:
        raise BadInputError(store.path, "no DeepStateMap updates in the store yet; "
                            "run `frontline-atlas update` first")  # fmt: skip
    snapshots = tuple(
        Snapshot(
            date,
            f"DeepStateMap update {u.id}",
            load=lambda h=u.hash: _from_store(store, h),
            key=u.hash,
        )
        for date, u in sorted(by_date.items())
    )
    return HistorySource("DeepStateMap (stored updates)", snapshots)


def _from_store(store: Store, key: str) -> shapely.Geometry:
    wkb = store.geometry_wkb(key)
    if wkb is None:
        raise BadInputError(store.path, f"the snapshot {key} is missing from the store")
    return shapely.from_wkb(wkb)
