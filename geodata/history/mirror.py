"""DeepStateMap's daily maps from a public mirror on GitHub: a folder of dated GeoJSON files.

The default mirror, ``cyterat/deepstate-map-data``, keeps one file a day,
``data/deepstatemap_data_YYYYMMDD.geojson``: DeepStateMap's occupied areas of
that morning as one MultiPolygon (the same files as a folder history). It is
read through two of GitHub's public addresses:

* ``GET {api}/repos/{owner}/{repo}/git/trees/{ref}?recursive=1`` →
  ``{"tree": [{"path", "type": "blob", "size"}, …], "truncated": …}``, the files;
* ``GET {raw}/{owner}/{repo}/{ref}/{path}`` → one file as it is.

Repository, folder and ref are settings (:class:`Mirror`, or the environment
variables in :data:`SETTINGS`); a commit SHA as the ref pins the mirror for
good. Each dated file becomes one stored update (its id is the date's noon in
Kyiv, its description ``mirror: <path>``), in its own transaction; dates the
store already has are not fetched again, so a run that was stopped resumes
where it stopped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.dates import KYIV, date_from_filename, latest_possible_date
from geodata.errors import NetworkError, SettingError
from geodata.history.compute import NoProgress
from geodata.history.fetched_updates import (
    MAX_LIST_BYTES,
    MAX_MAP_BYTES,
    MAX_SKIPPED_NOTES,
    FetchReport,
    date_problem,
    store_fetched,
    territory_from_file,
)
from geodata.history.http_client import HttpClient, json_kind, shown, size_text
from geodata.history.store import Store
from geodata.importers.formats import JSON_EXTENSIONS
from geodata.language import format_date, language_of, say

#: Each setting of the mirror: the environment variable that sets it, and its default.
SETTINGS: dict[str, tuple[str, str]] = {
    "repository": ("FRONTLINE_ATLAS_MIRROR_REPOSITORY", "cyterat/deepstate-map-data"),
    "folder": ("FRONTLINE_ATLAS_MIRROR_FOLDER", "data"),
    "ref": ("FRONTLINE_ATLAS_MIRROR_REF", "master"),
    "api_url": ("FRONTLINE_ATLAS_MIRROR_API_URL", "https://api.github.com"),
    "raw_url": ("FRONTLINE_ATLAS_MIRROR_RAW_URL", "https://raw.githubusercontent.com"),
}

# GitHub's own rules, kept strict: these end up in addresses.
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}")
_FOLDER_PART = re.compile(r"[A-Za-z0-9_. -]+")
# A mirrored file's name: plain characters only, as it is also the name of a local file.
_FILE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,200}")


@dataclass(frozen=True)
class Mirror:
    """Where the mirror is, and how much it may send.

    Each of ``repository`` (``owner/name``), ``folder`` (``""`` for the top),
    ``ref`` (a branch, tag or commit SHA), ``api_url`` and ``raw_url`` left as
    None comes from its environment variable, else its default (:data:`SETTINGS`).
    A value that cannot be right raises :class:`~geodata.errors.SettingError`.

    Examples
    --------
    >>> mirror = Mirror("cyterat/deepstate-map-data", "data", "0123abc", "http://127.0.0.1:9",
    ...                 "http://127.0.0.1:9/raw")
    >>> mirror.label
    'cyterat/deepstate-map-data@0123abc'
    >>> mirror.tree_url
    'http://127.0.0.1:9/repos/cyterat/deepstate-map-data/git/trees/0123abc?recursive=1'
    >>> mirror.file_url("data/deepstatemap_data_20241120.geojson")
    'http://127.0.0.1:9/raw/cyterat/deepstate-map-data/0123abc/data/deepstatemap_data_20241120.geojson'
    >>> Mirror(repository="../etc")
    Traceback (most recent call last):
    geodata.errors.SettingError: mirror repository '../etc' is not owner/name (letters, digits, -_.)
    """

    repository: str | None = None
    folder: str | None = None
    ref: str | None = None
    api_url: str | None = None
    raw_url: str | None = None
    max_tree_bytes: int = MAX_LIST_BYTES
    max_file_bytes: int = MAX_MAP_BYTES

    def __post_init__(self) -> None:
        for name, (variable, default) in SETTINGS.items():
            given = getattr(self, name)
            value = given if given is not None else os.environ.get(variable, default)
            if not isinstance(value, str):
                raise SettingError(f"mirror {name} must be text, not {value!r}")
            where = "" if given is not None else f" (from {variable})"
            object.__setattr__(self, name, _checked(name, value.strip(), where))
        for name in ("max_tree_bytes", "max_file_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**40:
                raise SettingError(f"mirror {name} must be a positive whole number, not {value!r}")

    @property
    def label(self) -> str:
        """``owner/name@ref``, as the user is told where the maps came from."""
        return f"{self.repository}@{self.ref}"

    @property
    def tree_url(self) -> str:
        """The address of the list of the repository's files at the ref."""
        ref = urllib.parse.quote(self.ref, safe="")
        return f"{self.api_url.rstrip('/')}/repos/{self.repository}/git/trees/{ref}?recursive=1"

    def file_url(self, path: str) -> str:
        """The address of one file of the repository at the ref, as it is."""
        ref, path = urllib.parse.quote(self.ref, safe="/"), urllib.parse.quote(path, safe="/")
        return f"{self.raw_url.rstrip('/')}/{self.repository}/{ref}/{path}"


def fetch_mirror(
    store: Store,
    mirror: Mirror | None = None,
    client: HttpClient | None = None,
    boundaries: BoundarySet | None = None,
    progress=None,
) -> FetchReport:
    """Fetch the mirror's dated files whose dates the store lacks, oldest first.

    Files that cannot be used (an impossible date, larger than allowed, two of
    one date) are skipped and named in :attr:`FetchReport.skipped`; a failed
    request raises :class:`~geodata.errors.NetworkError` naming its address and
    keeps the files stored before it.
    """
    mirror = mirror or Mirror()
    client = client or HttpClient()
    boundaries = boundaries or load_boundaries()
    progress = progress or NoProgress()
    language = language_of(progress)
    progress.report(None, say("Asking the mirror {mirror} for its list of files…", language,
                              mirror=mirror.label))  # fmt: skip
    tree = client.fetch_json(mirror.tree_url, mirror.max_tree_bytes, progress)
    files, skipped, notes = _dated_files(tree, mirror)
    have = {update.date for update in store.updates()}
    new = [file for file in files if file.date not in have]
    stored = []
    with tempfile.TemporaryDirectory(prefix="frontline-atlas-mirror-") as folder:
        for number, file in enumerate(new, start=1):
            progress.report(
                (number - 1) / len(new),
                say("Fetching file {number} of {total} from the mirror ({date})", language,
                    number=number, total=len(new), date=format_date(file.date, language)),
            )  # fmt: skip
            url = mirror.file_url(file.path)
            # A name of its own: the mirror's, however plain, may be special elsewhere (CON.json).
            local = Path(folder) / f"mirror-{file.date:%Y%m%d}{PurePosixPath(file.name).suffix}"
            client.fetch_to_file(url, local, mirror.max_file_bytes, progress)
            territory = territory_from_file(local, file.date, url)
            local.unlink()
            noon = dt.datetime.combine(file.date, dt.time(12), KYIV)
            update = (int(noon.timestamp()), "", file.date, f"mirror: {file.path}")
            stored.append(store_fetched(store, boundaries, territory, update, progress))
    progress.report(1.0, say("New updates stored from the mirror: {count}", language,
                             count=len(stored)))  # fmt: skip
    return FetchReport(len(files), tuple(stored), tuple(skipped), "mirror", tuple(notes))


@dataclass(frozen=True)
class _DatedFile:
    path: str
    name: str
    date: dt.date


def _dated_files(tree, mirror: Mirror) -> tuple[list[_DatedFile], list[str], list[str]]:
    """The mirror's dated files in its folder (one a date), what was skipped, and notes."""
    url = mirror.tree_url
    if not isinstance(tree, dict):
        raise NetworkError(url, f"the mirror's list of files is {json_kind(tree)}, "
                           "not a JSON object")  # fmt: skip
    entries = tree.get("tree")
    if not isinstance(entries, list):
        raise NetworkError(url, f'the mirror\'s list of files has {json_kind(entries)} as its '
                           '"tree", not a JSON list')  # fmt: skip
    folder = PurePosixPath(mirror.folder) if mirror.folder else PurePosixPath()
    latest = latest_possible_date()
    by_date: dict[dt.date, _DatedFile] = {}
    problems: list[str] = []
    candidates = [
        entry
        for entry in entries  # not folders, submodules or whatever else a listing may hold
        if isinstance(entry, dict) and entry.get("type") == "blob"
        if isinstance(entry.get("path"), str) and PurePosixPath(entry["path"]).parent == folder
    ]
    # Sorted by name, as a folder is: of two files of one date the later name is used.
    for entry in sorted(candidates, key=lambda entry: entry["path"]):
        path = entry["path"]
        name = PurePosixPath(path).name
        if PurePosixPath(name).suffix.lower() not in JSON_EXTENSIONS:
            continue
        if not _FILE_NAME.fullmatch(name):
            problems.append(f"{shown(path)}: an unusual file name, not fetched")
            continue
        date, size = date_from_filename(name), entry.get("size")
        if date is None:
            problems.append(f"{path}: no date in the file name")
        elif problem := date_problem(date, "its name", latest):
            problems.append(f"{path}: {problem}")
        elif isinstance(size, int) and size > mirror.max_file_bytes:
            problems.append(f"{path}: {size:,} bytes, more than the "
                            f"{size_text(mirror.max_file_bytes)} allowed")  # fmt: skip
        else:
            if date in by_date:  # as in a folder: the later name is used
                problems.append(f"{by_date[date].path}: same date as {path}, which is used")
            by_date[date] = _DatedFile(path, name, date)
    skipped = problems[:MAX_SKIPPED_NOTES]
    if len(problems) > MAX_SKIPPED_NOTES:
        skipped.append(f"and {len(problems) - MAX_SKIPPED_NOTES:,} more files that cannot be used")
    if not by_date:
        first = f"; the first skipped: {problems[0]}" if problems else ""
        raise NetworkError(
            url,
            "the mirror holds no dated GeoJSON files (names like "
            f"deepstatemap_data_20241120.geojson) in {_where(mirror)}{first}",
        )
    notes = []
    if tree.get("truncated") is True:
        notes.append(f"GitHub cut the mirror's list of files short; only the {len(by_date):,} "
                     "dated files it names were looked at")  # fmt: skip
    ordered = sorted(by_date.items())
    return [file for _date, file in ordered], skipped, notes


def _where(mirror: Mirror) -> str:
    folder = f"the folder {mirror.folder}/" if mirror.folder else "the top folder"
    return f"{folder} of {mirror.label}"


def _checked(name: str, value: str, where: str) -> str:
    """A mirror setting, checked: these end up in addresses."""
    if name == "repository" and not (
        _REPOSITORY.fullmatch(value) and not {".", ".."} & set(value.split("/"))
    ):
        raise SettingError(
            f"mirror repository {value!r}{where} is not owner/name (letters, digits, -_.)"
        )
    if name == "ref" and not _is_ref(value):
        raise SettingError(
            f"mirror ref {value!r}{where} is not a branch, tag or commit (letters, digits, -_./)"
        )
    if name == "folder":
        value = value.strip("/")
        parts = value.split("/") if value else []
        if not all(_FOLDER_PART.fullmatch(part) and part not in (".", "..") for part in parts):
            raise SettingError(
                f"mirror folder {value!r}{where} is not a folder of the repository "
                "(names of letters, digits, -_. and spaces)"
            )
    if name.endswith("_url") and not value:
        raise SettingError(f"mirror {name} is empty{where}")
    return value


def _is_ref(value: str) -> bool:
    return (
        bool(_REF.fullmatch(value))
        and ".." not in value
        and "//" not in value
        and not (value.endswith(("/", ".lock")))
    )
