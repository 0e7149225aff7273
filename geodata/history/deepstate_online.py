"""Fetching DeepStateMap's updates into the store — only when the user asks.

DeepStateMap publishes a list of map updates and, for each, its map:

* ``GET {base}/public`` → ``[{"id": <epoch seconds>, "createdAt": "<ISO time>",
  "description": …, "descriptionEn": …}, …]``
* ``GET {base}/<id>/geojson`` → the FeatureCollection (bare, or as ``{"map": …}``).

Each request has a timeout per socket operation and a deadline for the whole
request (its retries included), and is retried with exponential back-off on
timeouts, connection errors, server errors (5xx) and cut-off or garbled
answers. An answer is read in chunks up to a size limit (:data:`MAX_LIST_BYTES`,
:data:`MAX_MAP_BYTES`), redirects are followed only between http(s) addresses,
and an update whose date is impossible is skipped and named in the report.
Each update is stored in its own transaction: a failure or a cancel keeps what
was fetched before it and changes nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import orjson
import shapely

import geodata
from geodata.boundaries import BoundarySet, load_boundaries
from geodata.dates import KYIV, date_from_iso_datetime, date_from_timestamp
from geodata.errors import BadInputError, NetworkError
from geodata.history.compute import NoProgress
from geodata.history.store import Store, Update, content_hash
from geodata.importers import read_control_layer
from geodata.stats import controlled_area_by_region, figures_key

DEFAULT_BASE_URL = "https://deepstatemap.live/api/history"
#: Set to another address (a mirror, a test server) to fetch from there.
BASE_URL_VARIABLE = "FRONTLINE_ATLAS_DEEPSTATE_URL"

_MIB = 2**20
#: The most one map may hold: DeepStateMap's maps are 1 to 5 MB, so this leaves
#: room to grow. Parsed, a map takes some 17 times its size in memory: at this
#: limit about half a gigabyte, where 64 MiB would pass a gigabyte.
MAX_MAP_BYTES = 32 * _MIB
#: The most the list of updates may hold: a few MB at most today (some 2,000
#: updates with a Ukrainian and an English description each). Parsed, 8 MiB of
#: tiny entries can still take some 200 MB: this is not the place to go higher.
MAX_LIST_BYTES = 8 * _MIB
#: The time one request may take, retries included: a 5 MB map needs about
#: 45 kB/s to arrive in it, and 4 attempts that each time out after 20 s fit.
DEADLINE_S = 120.0
#: Updates dated before this or after today (in Kyiv) plus the margin are
#: impossible and skipped: the war's maps begin in 2014, and the margin allows
#: for the server's clock and time zone.
EARLIEST_UPDATE_DATE = dt.date(2014, 1, 1)
FUTURE_MARGIN = dt.timedelta(days=2)

_CHUNK_BYTES = 64 * 1024
# Notes beyond these many would only repeat; a hostile list could hold millions.
_MAX_SKIPPED_NOTES = 100
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class FetchReport:
    """What an update run did: the usable updates listed, the new ones stored, the ones skipped.

    ``listed`` counts the usable updates only; each of ``skipped`` (at most 100,
    then one line counting the rest) names an entry of the list and why it
    cannot be used, e.g. ``update 253402300799: its id is
    not a time in seconds since 1970`` or ``update 1732190400: its date
    9999-06-01 (from createdAt "9999-06-01T00:00:00Z") is not between
    2014-01-01 and 2024-11-22``.
    """

    listed: int
    stored: tuple[int, ...]
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Client:
    """How to reach DeepStateMap: base address, timeouts, retries, back-off and size limits.

    ``timeout_s`` bounds each socket operation (connect, one read);
    ``deadline_s`` bounds a whole request, its retries and back-off included,
    against a server that sends a byte just often enough to beat the timeout.
    """

    base_url: str = ""
    timeout_s: float = 20.0
    retries: int = 3
    backoff_s: float = 1.0
    deadline_s: float = DEADLINE_S
    max_list_bytes: int = MAX_LIST_BYTES
    max_map_bytes: int = MAX_MAP_BYTES

    def __post_init__(self) -> None:
        for name in ("timeout_s", "deadline_s", "max_list_bytes", "max_map_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
                raise ValueError(
                    f"Client {name} must be a positive number below 1e9, not {value!r}"
                )

    def url(self, path: str) -> str:
        """The full address of an endpoint below the base."""
        base = self.base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
        return f"{base.rstrip('/')}/{path}"

    def get_json(self, path: str, progress=None, max_bytes: int | None = None):
        """GET and parse JSON, retrying transient failures; raises :class:`NetworkError`.

        The answer may hold at most ``max_bytes`` (by default ``max_map_bytes``).
        """
        url = self.url(path)
        if urllib.parse.urlsplit(url).scheme.lower() not in _SCHEMES:
            raise NetworkError(url, "only http and https addresses can be fetched")
        progress = progress or NoProgress()
        limit = max_bytes or self.max_map_bytes
        end = time.monotonic() + self.deadline_s
        last, tries = "no answer", 0
        for attempt in range(self.retries + 1):
            progress.check()
            tries = attempt + 1
            try:
                return self._get_once(url, limit, end, progress)
            except _Permanent as failure:
                raise NetworkError(url, failure.reason) from None
            except _OutOfTime:
                raise NetworkError(
                    url,
                    f"no complete answer within {self.deadline_s:g} s, the time allowed for a "
                    "request; the server or the connection is too slow, try again later",
                ) from None
            except _Transient as failure:
                last = failure.reason
            pause = self.backoff_s * 2**attempt
            if attempt == self.retries or time.monotonic() + pause >= end:
                break
            self._sleep(pause, progress)
        raise NetworkError(url, f"{last} ({tries} attempt{'s' if tries > 1 else ''})")

    def _get_once(self, url: str, max_bytes: int, end: float, progress):
        if time.monotonic() >= end:
            raise _OutOfTime
        with _Watchdog(end) as watchdog:
            try:
                body = self._download(url, max_bytes, watchdog, progress)
            except _Transient:
                if watchdog.passed:  # the watchdog cut the connection: that is the failure
                    raise _OutOfTime from None
                raise
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise _Transient(f"the answer is not valid JSON ({error})") from None

    def _download(self, url: str, max_bytes: int, watchdog: _Watchdog, progress) -> bytearray:
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"frontline-atlas/{geodata.__version__}",
                "Accept": "application/json",
            },
        )
        try:
            with watchdog.opener().open(request, timeout=self.timeout_s) as response:
                return _read_capped(response, max_bytes, watchdog, progress)
        except urllib.error.HTTPError as error:
            if error.code >= 500 or error.code == 429:
                raise _Transient(f"the server answered HTTP {error.code}") from None
            raise _Permanent(f"the server answered HTTP {error.code} ({error.reason})") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | OSError) and "timed out" in str(reason):
                raise _Transient(f"timed out after {self.timeout_s:g} s") from None
            raise _Transient(f"no connection ({reason})") from None
        except TimeoutError:
            raise _Transient(f"timed out after {self.timeout_s:g} s") from None
        except http.client.IncompleteRead as error:
            raise _Transient(f"the answer was cut short ({len(error.partial)} bytes)") from None
        except (http.client.HTTPException, OSError) as error:
            raise _Transient(f"the connection failed ({error})") from None

    @staticmethod
    def _sleep(seconds: float, progress) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            progress.check()  # cancel stays quick during back-off
            time.sleep(min(0.1, max(0.0, end - time.monotonic())))


def fetch_updates(
    store: Store,
    client: Client | None = None,
    boundaries: BoundarySet | None = None,
    progress=None,
) -> FetchReport:
    """Fetch the updates the store lacks, oldest first, with each one's map and statistics.

    Entries of the list that cannot be used (no id, an impossible date) are
    skipped and named in :attr:`FetchReport.skipped`; a failed request raises
    :class:`NetworkError` and keeps the updates stored before it.
    """
    client = client or Client()
    boundaries = boundaries or load_boundaries()
    progress = progress or NoProgress()
    progress.report(None, "Asking DeepStateMap for its list of updates…")
    listing = client.get_json("public", progress, client.max_list_bytes)
    updates, skipped = _parse_listing(listing, client.url("public"))
    have = {update.id for update in store.updates()}
    new = [u for u in updates if u["id"] not in have]
    stored = []
    for number, entry in enumerate(new, start=1):
        progress.report(
            (number - 1) / len(new), f"Fetching update {number} of {len(new)} ({entry['date']})"
        )
        path = f"{entry['id']}/geojson"
        # Passed on directly: _territory lets go of it before the importer parses its copy.
        territory = _territory(
            client.get_json(path, progress, client.max_map_bytes), entry, client.url(path)
        )
        wkb = shapely.to_wkb(territory)
        km2 = controlled_area_by_region(territory, boundaries)["controlled_km2"].to_numpy()
        update = Update(
            entry["id"], entry["created_at"], entry["date"], entry["description"], content_hash(wkb)
        )
        progress.check()
        store.save_update(update, wkb, km2, figures_key(boundaries))
        stored.append(update.id)
    message = f"{len(stored)} new update{'s' if len(stored) != 1 else ''} stored"
    if skipped:
        message += f"; {len(skipped)} skipped, the first: {skipped[0]}"
    progress.report(1.0, message)
    return FetchReport(len(updates), tuple(stored), tuple(skipped))


def _parse_listing(listing, url: str) -> tuple[list[dict], list[str]]:
    if not isinstance(listing, list):
        raise NetworkError(url, f"the list of updates is {_json_kind(listing)}, not a JSON list")
    latest = dt.datetime.now(KYIV).date() + FUTURE_MARGIN
    updates: dict[int, dict] = {}
    skipped: list[str] = []
    unusable = 0
    for number, item in enumerate(listing, start=1):
        try:
            entry = _listed_update(item, latest)
        except _Unusable as problem:
            unusable += 1
            if unusable <= _MAX_SKIPPED_NOTES:
                update_id = item.get("id") if isinstance(item, dict) else None
                named = isinstance(update_id, int) and not isinstance(update_id, bool)
                where = f"update {update_id}" if named else f"entry {number} of the list"
                skipped.append(f"{where}: {problem.reason}")
            continue
        updates.setdefault(entry["id"], entry)  # a repeated id is the same update
    if unusable > _MAX_SKIPPED_NOTES:
        skipped.append(f"and {unusable - _MAX_SKIPPED_NOTES:,} more entries that cannot be used")
    if listing and not updates:
        raise NetworkError(
            url, f"none of its {len(listing):,} entries is a usable update; the first: {skipped[0]}"
        )
    return sorted(updates.values(), key=lambda u: u["id"]), skipped


def _listed_update(item, latest: dt.date) -> dict:
    if not isinstance(item, dict):
        raise _Unusable(f"it is {_json_kind(item)}, not a JSON object")
    update_id = item.get("id")
    if update_id is None:
        raise _Unusable("it has no id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise _Unusable(f"its id {_shown(update_id)} is not a whole number")
    try:
        id_date = date_from_timestamp(update_id)
    except ValueError:
        raise _Unusable("its id is not a time in seconds since 1970") from None
    _check_date(id_date, "its id", latest)
    created = item.get("createdAt")
    # The date comes from createdAt when it is a time, as before; else from the id.
    created_date = date_from_iso_datetime(created) if isinstance(created, str) else None
    if created_date is not None:
        _check_date(created_date, f"createdAt {_shown(created)}", latest)
    texts = [item.get(key) for key in ("descriptionEn", "description")]
    return {
        "id": update_id,
        "created_at": created if created_date is not None else "",
        "date": created_date or id_date,
        "description": next((text for text in texts if isinstance(text, str) and text), ""),
    }


def _check_date(date: dt.date, source: str, latest: dt.date) -> None:
    if not EARLIEST_UPDATE_DATE <= date <= latest:
        raise _Unusable(
            f"its date {date} (from {source}) is not between {EARLIEST_UPDATE_DATE} and {latest}"
        )


def _territory(document, entry: dict, url: str) -> shapely.Geometry:
    # The importers read files: hand them the answer as one, so an update is read
    # exactly as a saved DeepStateMap document would be.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"deepstate-{entry['id']}.json"
        try:
            text = orjson.dumps(document)
        except orjson.JSONEncodeError:  # read by orjson, so only its depth can be wrong
            raise NetworkError(url, "the map cannot be used: it is nested too deeply") from None
        del document  # one parsed copy in memory at a time, not two
        path.write_bytes(text)
        del text
        try:
            return read_control_layer(path, date=entry["date"]).controlled
        except BadInputError as error:
            raise NetworkError(url, f"the map cannot be used: {error.reason}") from None


def _read_capped(response, max_bytes: int, watchdog: _Watchdog, progress) -> bytearray:
    """The body in chunks, refused as soon as it is known to exceed ``max_bytes``."""
    limit = f"{max_bytes / _MIB:g} MiB" if max_bytes >= _MIB else f"{max_bytes:,} bytes"
    if response.length is not None and response.length > max_bytes:
        raise _Permanent(
            f"the answer is larger than the {limit} allowed "
            f"(the server announced {response.length:,} bytes); it was not read"
        )
    body = bytearray()
    while chunk := response.read1(_CHUNK_BYTES):
        if len(body) + len(chunk) > max_bytes:
            raise _Permanent(
                f"the answer is larger than the {limit} allowed; reading stopped there"
            )
        body += chunk
        progress.check()  # cancel stays quick while an answer arrives
        if watchdog.passed:
            raise _OutOfTime
    if watchdog.passed:  # the end of the answer may be the watchdog's cut
        raise _OutOfTime
    if response.length:  # the connection closed before the announced length
        raise _Transient(f"the answer was cut short ({len(body)} bytes)")
    return body


class _Watchdog:
    """Cuts the connections of one attempt once the request's deadline passes.

    The socket timeout bounds each operation; only this bounds their sum.
    """

    def __init__(self, end: float) -> None:
        self.end = end
        self.expired = False
        self._copies: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, end - time.monotonic()), self._expire)
        self._timer.daemon = True

    @property
    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        with self._lock:
            for copy in self._copies:
                copy.close()
            self._copies.clear()

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener for http(s) only (no file:, ftp: or data:) whose sockets this watches."""
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.UnknownHandler(),
            _WatchedHTTPHandler(self),
            _WatchedHTTPSHandler(self),
            urllib.request.HTTPDefaultErrorHandler(),
            _HttpOnlyRedirects(),
            urllib.request.HTTPErrorProcessor(),
        ):
            opener.add_handler(handler)
        return opener

    def connect(self, address, timeout: float, source_address=None) -> socket.socket:
        """Open a socket as http.client would, its connect also bounded by the deadline."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("timed out: the deadline has passed")
        sock = socket.create_connection(address, min(timeout, remaining), source_address)
        sock.settimeout(timeout)
        try:
            # A second descriptor of the same socket: shutting it down cuts the
            # connection whatever http.client and ssl do with the first one.
            copy = sock.dup()
        except OSError:
            sock.close()
            raise
        with self._lock:
            self._copies.append(copy)
            if self.expired:
                _cut(copy)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for copy in self._copies:
                _cut(copy)


class _Watched:
    """A urllib handler whose connections open their sockets through a watchdog."""

    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def do_open(self, http_class, req, **http_conn_args):
        def connection(host, **kwargs):
            made = http_class(host, **kwargs)
            # http.client opens its socket through this hook (https wraps it after).
            made._create_connection = self._watchdog.connect
            return made

        return super().do_open(connection, req, **http_conn_args)


class _WatchedHTTPHandler(_Watched, urllib.request.HTTPHandler):
    pass


class _WatchedHTTPSHandler(_Watched, urllib.request.HTTPSHandler):
    pass


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects between http(s) addresses only, and never from https to http."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location.strip())
            scheme = urllib.parse.urlsplit(target).scheme.lower()
            if scheme not in _SCHEMES or (scheme == "http" and req.type == "https"):
                fp.close()
                raise _Permanent(
                    f"the server redirected to {_shown(target)}, which is not followed: "
                    "only http and https addresses are, and never from https to http"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _cut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        sock.shutdown(socket.SHUT_RDWR)


def _json_kind(value) -> str:
    if isinstance(value, bool) or value is None:
        return f"JSON {orjson.dumps(value).decode()}"
    kinds = {dict: "a JSON object", list: "a JSON list", str: "a JSON string"}
    return next((kinds[kind] for kind in kinds if isinstance(value, kind)), "a JSON number")


def _shown(value) -> str:
    """A value from the server as short JSON text: it may be long, deep or hostile."""
    if isinstance(value, dict | list):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = orjson.dumps(value[:40] if isinstance(value, str) else value).decode()
    return text if len(text) <= 40 else f"{text[:39]}…"


class _Transient(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Permanent(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class _OutOfTime(Exception):
    """The request's deadline passed."""


class _Unusable(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
