"""Read control-area files of every supported format into a :class:`~geodata.ControlLayer`."""

from __future__ import annotations

import datetime as dt
import stat
import zipfile
from pathlib import Path

from geodata.categories import DEFAULT_COUNTING, Counting
from geodata.control import ControlLayer
from geodata.errors import BadInputError
from geodata.importers.assemble import SourceFeatures, assemble_layer, dates_of_maps
from geodata.importers.formats import (
    JSON_EXTENSIONS,
    MAX_FILE_BYTES,
    MAX_TEXT_FILE_BYTES,
    SUPPORTED_FORMATS,
)
from geodata.importers.geojson import read_bytes, read_geojson
from geodata.importers.ogr import read_with_ogr

# First bytes of each binary format, for files with an unfamiliar extension.
_MAGIC = {
    b"PK\x03\x04": ".zip",
    b"SQLite format 3\x00": ".gpkg",
    b"fgb\x03": ".fgb",
}


def read_control_layer(
    path: str | Path, date: dt.date | None = None, counting: Counting = DEFAULT_COUNTING
) -> ControlLayer:
    """Read a control-area file of any supported format.

    Parameters
    ----------
    path : str or Path
        GeoJSON, DeepStateMap API JSON, KML, KMZ, Shapefile (``.shp`` or zipped),
        GeoPackage or FlatGeobuf.
    date : datetime.date, optional
        The date the layer shows. Without it the date comes from the file's
        metadata (DeepStateMap ``datetime``/``id``), else from the file name
        (``YYYYMMDD``, ``YYYY-MM-DD``, epoch seconds), else it is unknown.
    counting : Counting, optional
        Which categories count as occupied (:mod:`geodata.categories`); by
        default contested land does not.

    Returns
    -------
    ControlLayer
        In WGS84, 2-D and valid; ``layer.report`` says what was skipped or repaired.

    Raises
    ------
    BadInputError
        The file cannot be used; the message names it and says why.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> ring = [[37, 47], [38, 47], [38, 48], [37, 48], [37, 47]]
    >>> square = {"type": "Polygon", "coordinates": [ring]}
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "front-2024-11-20.geojson").write_text(json.dumps(square))
    88
    >>> layer = read_control_layer(folder / "front-2024-11-20.geojson")
    >>> layer.date, layer.source_format, layer.report.date_origin
    (datetime.date(2024, 11, 20), 'GeoJSON', 'file name')
    """
    path = Path(path)
    return assemble_layer(read_source(path), path, date, counting)


def read_source(path: Path, content: bytes | None = None) -> SourceFeatures:
    """The features a control-area file holds, as read, before cleaning.

    The first half of :func:`read_control_layer`: :func:`assemble_layer` makes
    the layer from it. A history reads each file this way first, so that a map
    whose features are those of the day before (:func:`same_source`) is not
    cleaned and measured again.

    ``content`` is the file's bytes when the caller has read them already
    (:func:`read_file`; a history hashes what it reads): a JSON file is then
    parsed from them rather than read again.
    """
    kind = check_control_file(path) if content is None else _kind_of(path)
    if kind in JSON_EXTENSIONS:
        return read_geojson(path, content)
    return read_with_ogr(path, kind)


def holds_several_dates(path: Path) -> bool:
    """Whether a control file holds the maps of several dates (a one-file history),
    rather than one map (:func:`~geodata.importers.assemble.one_date`)."""
    return dates_of_maps(read_source(path)) is not None


def read_file(path: Path) -> bytes | None:
    """The bytes of a JSON control-area file, checked as :func:`read_source` checks it first.

    A regular, non-empty file within its format's size limit; anything else is a
    :class:`~geodata.errors.BadInputError` naming the file, raised before a
    pipe or a device is opened. For the formats GDAL reads from the path itself
    (GeoPackage, Shapefile, KML …) the same checks are made and None is returned:
    their bytes would only be read twice.
    """
    if check_control_file(path) not in JSON_EXTENSIONS:
        return None
    return read_bytes(path)


def check_control_file(path: Path) -> str:
    """The format of a control-area file that may be read (as an extension, ``.gpkg``).

    A regular, non-empty file within its format's size limit; anything else is a
    :class:`~geodata.errors.BadInputError` naming the file, raised before it is opened.
    """
    size = check_readable_file(path)
    kind = _kind_of(path)
    limit = MAX_TEXT_FILE_BYTES if kind in {*JSON_EXTENSIONS, ".kml"} else MAX_FILE_BYTES
    if size > limit:
        raise BadInputError(
            path, f"it is too big to read ({_size(size)}; the limit for this format is "
            f"{_size(limit)})"
        )  # fmt: skip
    return kind


def read_text_file(path: Path, limit: int, what: str, allow_empty: bool = False) -> str:
    """A small UTF-8 text file's text (a proposal, a template), checked before it is opened.

    A pipe or a device is refused unopened (:func:`check_readable_file`), a file
    over ``limit`` bytes unread; ``what`` names the kind of file in the message.
    An empty file is an error unless ``allow_empty`` (a template of defaults).

    >>> read_text_file(Path("/dev/zero"), 2**20, "a template")
    Traceback (most recent call last):
    ...
    geodata.errors.BadInputError: cannot read /dev/zero: it is not a regular file (a device, \
a pipe or a socket)
    """
    size = check_readable_file(path, allow_empty)
    if size > limit:
        raise BadInputError(
            path, f"it is too big for {what} ({_size(size)}; at most {_size(limit)})"
        )  # fmt: skip
    try:
        return read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise BadInputError(path, "the file is not UTF-8 text") from None


def check_readable_file(path: Path, allow_empty: bool = False) -> int:
    """Make sure ``path`` is an existing, non-empty regular file; return its size in bytes.

    A pipe, a device (``/dev/zero``) or a socket is refused without being
    opened: reading one could block for ever or never end.

    >>> check_readable_file(Path("/dev/null"))
    Traceback (most recent call last):
    ...
    geodata.errors.BadInputError: cannot read /dev/null: it is not a regular file (a device, \
a pipe or a socket)
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise BadInputError(path, "no such file") from None
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None
    if stat.S_ISDIR(status.st_mode):
        raise BadInputError(path, "it is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise BadInputError(path, "it is not a regular file (a device, a pipe or a socket)")
    if status.st_size == 0 and not allow_empty:
        raise BadInputError(path, "the file is empty")
    return status.st_size


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_FORMATS:
        return suffix
    if path.is_dir():
        raise BadInputError(path, "it is a folder, not a file")
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except FileNotFoundError:
        raise BadInputError(path, "no such file") from None
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return _zip_kind(path) if kind == ".zip" else kind
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return ".json"
    if stripped.startswith(b"<") and b"kml" in head.lower():
        return ".kml"
    readable = ", ".join(f"{name} ({ext})" for ext, name in SUPPORTED_FORMATS.items())
    raise BadInputError(
        path, f"unsupported file type {suffix or '(no extension)'!r}; readable: {readable}"
    )


def _zip_kind(path: Path) -> str:
    """A zip archive is a KMZ when it holds a KML document, else an archive of other files."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return ".zip"  # read_with_ogr reports the problem
    return (
        ".kmz"
        if any(n.lower().endswith(".kml") for n in names)
        and not any(n.lower().endswith(".shp") for n in names)
        else ".zip"
    )
