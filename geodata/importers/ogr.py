"""Read KML, KMZ, Shapefile (plain or zipped), GeoPackage and FlatGeobuf through GDAL (pyogrio).

Every layer of the file is read (a KML folder, a GeoPackage table), each is
converted to WGS84, and the features are pooled.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from geodata.control import OWN_EXPORT_NOTE, own_export_control
from geodata.errors import BadInputError
from geodata.importers.assemble import SourceFeatures
from geodata.importers.deepstate import looks_like_deepstate
from geodata.importers.formats import MAX_FILE_BYTES, MAX_TEXT_FILE_BYTES, SUPPORTED_FORMATS

# Characters GDAL reads as syntax in a file name.
_GDAL_SYNTAX = "!;{}"

# What a zip archive may hold; a shapefile is the usual case.
_READABLE_IN_ZIP = (".shp", ".gpkg", ".fgb", ".kml", ".geojson", ".json")


def read_with_ogr(path: Path, kind: str | None = None) -> SourceFeatures:
    """Read every vector layer of a file GDAL can open into :class:`SourceFeatures`.

    Parameters
    ----------
    path : Path
        The file; a zip archive is searched for shapefiles and other vector files.
    kind : str, optional
        The format as an extension (``.kml``, ``.zip`` …) when the file's own
        extension does not say; by default the file's extension.
    """
    with gdal_readable(path) as readable:
        return _read_with_ogr(readable, path, kind or path.suffix.lower())


@contextmanager
def gdal_readable(path: Path) -> Iterator[Path]:
    """``path``, or a link to it (and its shapefile sidecars) with a name GDAL reads as a name.

    GDAL gives ``!``, ``;``, ``{`` and ``}`` meanings of its own in file names
    (virtual file systems, open options), so ``a!b.kml`` would not be found.

    >>> with gdal_readable(Path("/data/plain_name.kml")) as readable:
    ...     readable
    PosixPath('/data/plain_name.kml')
    """
    if not any(mark in str(path) for mark in _GDAL_SYNTAX):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="frontline-atlas-") as folder:
        siblings = [p for p in path.parent.iterdir() if p.stem == path.stem and p.is_file()]
        for sibling in siblings or [path]:
            link = Path(folder) / f"data{sibling.suffix}"
            try:
                link.symlink_to(sibling.resolve())
            except OSError:  # no symbolic links here (Windows without the right): copy
                shutil.copyfile(sibling, link)
        yield Path(folder) / f"data{path.suffix}"


def _read_with_ogr(path: Path, original: Path, kind: str) -> SourceFeatures:
    """:func:`read_with_ogr` on a path GDAL can open; messages name ``original``."""
    if kind == ".zip" or kind == ".kmz":
        # Read every document inside: GDAL's KMZ driver reads only the first KML.
        datasets = _datasets_in_zip(path, original)
        format_name = "KMZ" if kind == ".kmz" else _zip_format_name(datasets)
    else:
        datasets = [str(path)]
        format_name = SUPPORTED_FORMATS.get(kind, "GDAL vector")

    geometries, properties, notes = [], [], []
    for dataset in datasets:
        with (
            warnings.catch_warnings(record=True) as gdal_warnings,
            _openable(dataset, path) as usable,
        ):
            warnings.simplefilter("always", RuntimeWarning)
            # A member copied out of an archive is named as the member, not as the copy.
            named = str(PurePosixPath(dataset).name) if usable != dataset else None
            layers = _layer_names(usable, original, named)
            if own_export_control(layers):
                layers = ["control"]
                notes.append(OWN_EXPORT_NOTE)
            frames = [(layer, _read_layer(usable, layer, original, named)) for layer in layers]
        notes.extend(_useful_warnings(gdal_warnings))
        for layer, frame in frames:
            if frame is None or len(frame) == 0:
                continue
            if frame.crs is not None:
                if not frame.crs.equals("EPSG:4326", ignore_axis_order=True):
                    notes.append(f"converted layer {layer!r} from {frame.crs.name} to WGS84")
                frame = frame.to_crs("EPSG:4326")
            geometries.extend(frame.geometry.to_numpy())
            columns = [c for c in frame.columns if c != frame.geometry.name]
            properties.extend(frame[columns].to_dict("records"))
    if not geometries:
        raise BadInputError(original, "it holds no features")
    return SourceFeatures(
        geometries=geometries,
        properties=properties,
        # Layers that named a CRS are WGS84 by now; any that did not are
        # checked for being longitude/latitude when the layer is assembled.
        crs=None,
        format_name=format_name,
        deepstate_styled=any(looks_like_deepstate(p) for p in properties),
        notes=notes,
    )


def _datasets_in_zip(path: Path, original: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.filename.endswith("/")]
    except zipfile.BadZipFile:
        raise BadInputError(original, "not a valid zip archive") from None
    except OSError as error:
        raise BadInputError(original, error.strerror or str(error)) from None
    names = [_name_for_gdal(member) for member in members]
    readable = [
        n
        for n in names
        if PurePosixPath(n).suffix.lower() in _READABLE_IN_ZIP
        and not PurePosixPath(n).name.startswith(".")
        and "__MACOSX" not in n
    ]
    _check_unpacked_sizes(members, original)
    if not readable:
        listing = ", ".join(names[:8]) + (" …" if len(names) > 8 else "") if names else "nothing"
        raise BadInputError(
            original,
            f"the KMZ archive holds no KML document; it holds {listing}"
            if original.suffix.lower() == ".kmz"
            else f"the zip archive holds no shapefile (.shp) or other map data; it holds {listing}",
        )
    # The braces let GDAL open archives whatever their extension.
    return [f"/vsizip/{{{path}}}/{name}" for name in readable]


def _check_unpacked_sizes(members: list[zipfile.ZipInfo], original: Path) -> None:
    """Refuse an archive whose members would unpack past the limits of a file on its own."""
    total = 0
    for member in members:
        text = PurePosixPath(member.filename).suffix.lower() in (".kml", ".geojson", ".json")
        limit = MAX_TEXT_FILE_BYTES if text else MAX_FILE_BYTES
        total += member.file_size
        if member.file_size > limit or total > MAX_FILE_BYTES:
            raise BadInputError(
                original, f"it unpacks to more than {(limit if text else MAX_FILE_BYTES) // 2**20} "
                f"MB ({member.filename} alone is {member.file_size // 2**20} MB)"
            )  # fmt: skip


def _name_for_gdal(info: zipfile.ZipInfo) -> str:
    """A member's name as GDAL finds it.

    Without the archive's UTF-8 flag Python decodes a name as CP437, but GDAL
    takes its bytes as UTF-8, which is what most tools (and KMZ writers) put
    there: Київ.kml would otherwise be looked for as ╨Ü╨╕╤ù╨▓.kml and not found.

    >>> info = zipfile.ZipInfo("Київ.kml".encode().decode("cp437"))
    >>> _name_for_gdal(info)
    'Київ.kml'
    """
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_format_name(datasets: list[str]) -> str:
    suffixes = {PurePosixPath(d).suffix.lower() for d in datasets}
    if suffixes == {".shp"}:
        return "Shapefile (zipped)"
    return "zip archive"


@contextmanager
def _openable(dataset: str, archive: Path) -> Iterator[str]:
    """``dataset``, or for a one-file member of an archive GDAL cannot find, a copy of it.

    GDAL's own KMZ writer escapes a layer's non-ASCII name in the member's name
    (``layers/0xD00x9A….kml``), which GDAL's reader then does not find.
    """
    prefix = f"/vsizip/{{{archive}}}/"
    member = dataset[len(prefix) :] if dataset.startswith(prefix) else None
    if member is None or PurePosixPath(member).suffix.lower() == ".shp":
        yield dataset
        return
    try:
        pyogrio.list_layers(dataset)
    except (DataSourceError, DataLayerError):
        pass
    else:
        yield dataset
        return
    with tempfile.TemporaryDirectory(prefix="frontline-atlas-") as folder:
        copy = Path(folder) / f"member{PurePosixPath(member).suffix.lower()}"
        try:
            with (
                zipfile.ZipFile(archive) as opened,
                opened.open(member) as source,
                open(copy, "wb") as out,
            ):
                _copy_at_most(source, out, MAX_TEXT_FILE_BYTES, archive)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError) as error:
            raise BadInputError(archive, f"{member} inside it is damaged ({error})") from None
        except (NotImplementedError, RuntimeError) as error:
            # Flags Python's zip reader refuses: encrypted, or compressed patched data.
            raise BadInputError(
                archive, f"{member} inside it cannot be unpacked ({error})"
            ) from None
        yield str(copy)


def _copy_at_most(source, out, limit: int, archive: Path) -> None:
    copied = 0
    while block := source.read(2**20):
        copied += len(block)
        if copied > limit:
            raise BadInputError(archive, f"a document inside unpacks to more than "
                                         f"{limit // 2**20} MB")  # fmt: skip
        out.write(block)


def _layer_names(dataset: str, path: Path, named: str | None = None) -> list[str]:
    try:
        layers = pyogrio.list_layers(dataset)
    except (DataSourceError, DataLayerError, UnicodeDecodeError) as error:
        raise BadInputError(path, _gdal_reason(error, dataset, named)) from None
    return [str(name) for name, geometry_type in layers if geometry_type is not None]


def _read_layer(dataset: str, layer: str, path: Path, named: str | None = None):
    try:
        frame = pyogrio.read_dataframe(dataset, layer=layer)
    except (DataSourceError, DataLayerError, UnicodeDecodeError, ValueError) as error:
        raise BadInputError(path, _gdal_reason(error, dataset, named)) from None
    except shapely.errors.GEOSException as error:
        # GDAL passed on a geometry GEOS cannot build (an unclosed ring in a damaged file).
        reason = str(error).split(": ", 1)[-1]
        raise BadInputError(path, f"a geometry in layer {layer!r} is damaged ({reason})") from None
    if "geometry" not in frame:
        return None
    frame = frame[~shapely.is_missing(frame.geometry.to_numpy())]
    return frame


def _useful_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    # GDAL talks about things the user cannot act on (a GeoPackage with another
    # extension); keep what concerns the data, such as failed text conversion.
    keep = ("convert", "encoding", "utf-8", "corrupt", "truncat")
    messages = dict.fromkeys(
        str(w.message) for w in caught if any(k in str(w.message).lower() for k in keep)
    )
    return [f"GDAL: {m}" for m in list(messages)[:3]]


def _gdal_reason(error: Exception, dataset: str = "", named: str | None = None) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if named and dataset:  # a temporary copy's path means nothing to the user
        text = text.replace(dataset, f"{named} inside it")
    # GDAL's messages repeat the path, which the user already sees once.
    return f"GDAL could not read it ({text})"
