"""The few error types the core raises.

Every error the core raises on purpose is a :class:`GeodataError`. Its message
names the file or value at fault and, where there is one, the fix. The CLI turns
it into one line and exit status 2; the GUI into one dialog. Nothing else in the
project catches broad exceptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class GeodataError(Exception):
    """Base class of every error the core raises on purpose.

    Errors cross process boundaries (a file read in a separate process) as
    they are: pickling keeps the class, the message and the fields.

    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(BadInputError("x.kml", "no polygons")))
    >>> type(error).__name__, str(error), error.reason
    ('BadInputError', 'cannot read x.kml: no polygons', 'no polygons')
    """

    def __reduce__(self):
        return _rebuilt, (type(self), str(self), dict(self.__dict__))


def _rebuilt(cls: type, message: str, fields: dict) -> GeodataError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(fields)
    return error


class BadInputError(GeodataError):
    """A file cannot be used: unreadable, not the expected format, or holds no usable data.

    >>> str(BadInputError("x.geojson", "the file is empty"))
    'cannot read x.geojson: the file is empty'
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot read {path}: {reason}")


class NoMapYetError(BadInputError):
    """A date before a history's first: no map shows it (the history itself is fine).

    >>> str(NoMapYetError("daily", "2020-01-01", "2024-07-08"))
    'daily: no map on or before 2020-01-01; the history starts on 2024-07-08'
    """

    def __init__(self, source: str | Path, date: object, first: object) -> None:
        self.path = Path(source)
        self.reason = f"no map on or before {date}; the history starts on {first}"
        GeodataError.__init__(self, f"{source}: {self.reason}")


class UnknownValueError(GeodataError, ValueError):
    """A name or identifier that is not one of the allowed values.

    >>> str(UnknownValueError("group", "east", ["annexed-2022", "ukraine"]))
    "unknown group 'east'; choose one of: annexed-2022, ukraine"
    """

    def __init__(self, kind: str, value: object, allowed: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(f"unknown {kind} {value!r}; choose one of: {', '.join(self.allowed)}")


class UnknownRegionError(UnknownValueError):
    """A region code or group id that the boundary set does not hold."""


class UnknownScenarioError(UnknownValueError):
    """A proposal (scenario) name that is neither built in nor saved by the user."""


class StoreError(GeodataError):
    """The local history store cannot be opened, read or written."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"history store {self.path}: {reason}")


class StoreBusyError(StoreError):
    """Another program holds the store locked for longer than the store waits; nothing changed.

    >>> str(StoreBusyError("store.sqlite", "another program holds it locked"))
    'history store store.sqlite: another program holds it locked'
    """


class StoreReadOnlyError(StoreError):
    """Nothing new can be written to the store (read-only file or folder, full disk).

    What the store already holds is kept and can still be read.
    """


class ExportError(GeodataError):
    """An export could not be written; any previous file at the target is untouched."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")


class NetworkError(GeodataError):
    """An online request failed (after its retries); nothing was changed because of it.

    ``status`` is the HTTP status the server answered, if it answered one.

    >>> str(NetworkError("https://example.invalid/x", "timed out after 20 s"))
    'cannot fetch https://example.invalid/x: timed out after 20 s'
    """

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"cannot fetch {url}: {reason}")


class SettingError(GeodataError, ValueError):
    """A setting (an argument or an environment variable) holds a value that cannot be used.

    >>> str(SettingError("mirror repository 'a b' is not owner/name"))
    "mirror repository 'a b' is not owner/name"
    """
