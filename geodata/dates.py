"""Dates of control snapshots: parsing, and finding them in file names and timestamps."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A map's date is the date in Kyiv when it was published: an update made at
# 23:30 UTC belongs to the next day there.
try:
    KYIV = ZoneInfo("Europe/Kyiv")
except ZoneInfoNotFoundError:  # tz databases older than 2022b know only the old spelling
    KYIV = ZoneInfo("Europe/Kiev")

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_EPOCH_SECONDS = re.compile(r"(?<!\d)(\d{10})(?!\d)")
# A date with the hour (and minutes, seconds) run on: 2024110612 is 6 November 2024 at noon,
# not Unix time 2024110612 (21 February 2034).
_COMPACT_DATE_TIME = re.compile(
    r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:[01]\d|2[0-3])(?:[0-5]\d(?:[0-5]\d)?)?(?!\d)"
)
#: How far past today (in Kyiv) a map's date may lie: clocks and time zones differ a little.
FUTURE_MARGIN = dt.timedelta(days=2)

# Plausible bounds for a control map; they keep a serial number such as
# "20991399" from being read as a date.
_EARLIEST = dt.date(2000, 1, 1)
_LATEST = dt.date(2100, 1, 1)


def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (or ``YYYYMMDD``); raise ``ValueError`` naming the text otherwise.

    >>> parse_date("2024-11-20")
    datetime.date(2024, 11, 20)
    >>> parse_date("20241120")
    datetime.date(2024, 11, 20)
    >>> parse_date("2999-01-01")
    Traceback (most recent call last):
    ValueError: '2999-01-01' is outside the years a map can have (2000 to 2099)
    """
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        match = pattern.fullmatch(text.strip())
        if match:
            found = _date_or_none(*match.groups())
            if found:
                return found
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                break  # 30 February: no date at all
            raise ValueError(f"{text!r} is outside the years a map can have "
                             f"({_EARLIEST.year} to {_LATEST.year - 1})")  # fmt: skip
    raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-20")


def date_from_filename(name: str) -> dt.date | None:
    """Find a date in a file name: ``YYYY-MM-DD``, ``YYYYMMDD`` or epoch seconds; else ``None``.

    >>> date_from_filename("deepstatemap_data_20241120.geojson")
    datetime.date(2024, 11, 20)
    >>> date_from_filename("front 2024-11-20 final.kml")
    datetime.date(2024, 11, 20)
    >>> date_from_filename("update-1732104000.json")
    datetime.date(2024, 11, 20)
    >>> date_from_filename("control.geojson") is None
    True

    A date with its hour run on is that date, not Unix time; a date after
    today is still found (the caller says it cannot be, :func:`future_date_note`):

    >>> date_from_filename("front_2024110612.geojson"), date_from_filename("m_202411061230.kml")
    (datetime.date(2024, 11, 6), datetime.date(2024, 11, 6))
    """
    for pattern in (_ISO_DATE, _COMPACT_DATE, _COMPACT_DATE_TIME):
        for match in pattern.finditer(name):
            found = _date_or_none(*match.groups())
            if found:
                return found
    for match in _EPOCH_SECONDS.finditer(name):
        try:
            found = date_from_timestamp(int(match.group(1)))
        except ValueError:
            continue
        if _EARLIEST <= found <= latest_possible_date():
            return found
    return None


def latest_possible_date() -> dt.date:
    """The last date a map may have: today in Kyiv plus :data:`FUTURE_MARGIN`."""
    return dt.datetime.now(KYIV).date() + FUTURE_MARGIN


def future_date_note(date: dt.date | None, where: str) -> str | None:
    """What to say of a date found in a file (``where``: "name", "metadata") that lies
    after today; None for a possible one.

    >>> future_date_note(dt.date(2099, 1, 1), "name")
    'its name dates it 2099-01-01, which is still to come: left undated'
    """
    if date is None or date <= latest_possible_date():
        return None
    return f"its {where} dates it {date}, which is still to come: left undated"


def date_from_timestamp(epoch_seconds: float) -> dt.date:
    """The date in Kyiv at this Unix time; ``ValueError`` if it lies beyond the calendar.

    >>> date_from_timestamp(1732104000)
    datetime.date(2024, 11, 20)
    >>> date_from_timestamp(10**20)
    Traceback (most recent call last):
    ValueError: 100000000000000000000 seconds since 1970 is not a time in the calendar
    """
    try:
        return dt.datetime.fromtimestamp(epoch_seconds, tz=KYIV).date()
    except (OverflowError, OSError, ValueError):  # which one depends on the value and platform
        raise ValueError(
            f"{epoch_seconds!r} seconds since 1970 is not a time in the calendar"
        ) from None


def date_from_iso_datetime(text: str) -> dt.date | None:
    """The date in Kyiv of an ISO 8601 time (``2024-11-20T12:00:00.000Z``); ``None`` if unparsable.

    A time whose date in Kyiv lies beyond the calendar (year 9999 or year 1) is
    unparsable too.

    >>> date_from_iso_datetime("2024-11-20T23:30:00Z")
    datetime.date(2024, 11, 21)
    >>> date_from_iso_datetime("9999-12-31T23:59:59Z") is None
    True
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    try:
        return moment.astimezone(KYIV).date()
    except OverflowError:
        return None


def _date_or_none(year: str, month: str, day: str) -> dt.date | None:
    try:
        found = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if _EARLIEST <= found < _LATEST else None


#: Column names taken as the date of each feature (a file holding the maps of several
#: dates, "a one-file history"), in this order of preference, any case.
DATE_COLUMNS = ("date", "datetime", "day", "timestamp", "time")


def date_column(names, filled=None) -> str | None:
    """The date column among ``names``: of :data:`DATE_COLUMNS`, in that order of
    preference and in any case, the first that ``filled(name)`` says holds a value
    (a KML's empty ``timestamp`` beside its ``date``).

    >>> date_column(["name", "time", "Date"])
    'Date'
    >>> date_column(["timestamp", "date"], filled=lambda name: name == "timestamp")
    'timestamp'
    >>> date_column(["name", "fill"]) is None
    True
    """
    by_lower: dict[str, str] = {}
    for name in names:
        if isinstance(name, str):
            by_lower.setdefault(name.lower(), name)
    for wanted in DATE_COLUMNS:
        name = by_lower.get(wanted)
        if name is not None and (filled is None or filled(name)):
            return name
    return None


def feature_date(value) -> dt.date | None:
    """A feature's date from its date column's value (a date, a datetime, pandas'
    Timestamp or ``YYYY-MM-DD…`` text); None for a missing value or anything else.

    A time with its zone gives the date in Kyiv, as a map's date always is:

    >>> import pandas as pd
    >>> feature_date("2024-11-20T10:00:00Z"), feature_date(None), feature_date(pd.NaT)
    (datetime.date(2024, 11, 20), None, None)
    >>> feature_date("2024-11-20T23:30:00Z"), feature_date(pd.Timestamp("2024-11-20T23:30Z"))
    (datetime.date(2024, 11, 21), datetime.date(2024, 11, 21))
    """
    if is_missing(value):  # first: pandas' NaT is a datetime too
        return None
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.astimezone(KYIV).date() if value.tzinfo is not None else value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # numpy's and others' datetimes
        try:
            return value.date()
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(KYIV).date()
        try:
            return parse_date(value[:10])
        except ValueError:
            return None
    return None


def is_missing(value) -> bool:
    """None, NaN or NaT: a missing value, as GDAL and pandas give them.

    >>> is_missing(None), is_missing(float("nan")), is_missing("")
    (True, True, False)
    """
    if value is None:
        return True
    import pandas as pd  # loaded by then in practice; not at this module's import

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
