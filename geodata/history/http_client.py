"""The one HTTP client of the online sources: bounded in time, in size and in where it goes.

Every request of :mod:`geodata.history.deepstate_online` and
:mod:`geodata.history.mirror` goes through :class:`HttpClient`:

* a timeout for each socket operation (connect, one read) and a deadline for
  the whole request, its retries and back-off included, enforced by a watchdog
  that cuts the connection (a server sending a byte just often enough to beat
  the timeout is stopped too);
* retries with exponential back-off on timeouts, connection errors, server
  errors (5xx, 429) and cut-off or garbled answers; other HTTP errors are final;
* the answer is read in chunks and refused as soon as it would pass a size
  limit (a length announced above it is refused before reading): memory, or
  disk for :meth:`HttpClient.fetch_to_file`, never holds more than the limit;
* only http and https addresses, redirects included, and never https to http;
* ``progress.check()`` between chunks and during back-off, so cancel is quick.

A failure raises :class:`~geodata.errors.NetworkError` naming the address; its
``status`` is the HTTP status when the server gave one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

import geodata
from geodata.errors import NetworkError

#: The time one request may take, retries included: a 5 MB map needs about
#: 45 kB/s to arrive in it, and 4 attempts that each time out after 20 s fit.
DEADLINE_S = 120.0

_MIB = 2**20
_CHUNK_BYTES = 64 * 1024
_SCHEMES = ("http", "https")


@dataclass(frozen=True, kw_only=True)
class HttpClient:
    """Timeouts, retries, back-off and the deadline of every request.

    ``timeout_s`` bounds each socket operation (connect, one read);
    ``deadline_s`` bounds a whole request, its retries and back-off included.

    Examples
    --------
    >>> HttpClient(timeout_s=0)
    Traceback (most recent call last):
    ValueError: HttpClient timeout_s must be a positive number below 1e9, not 0
    """

    timeout_s: float = 20.0
    retries: int = 3
    backoff_s: float = 1.0
    deadline_s: float = DEADLINE_S

    #: Settings that must be positive numbers (subclasses add their size limits).
    _POSITIVE = ("timeout_s", "deadline_s")

    def __post_init__(self) -> None:
        for name in self._POSITIVE:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
                raise ValueError(
                    f"{type(self).__name__} {name} must be a positive number below 1e9, "
                    f"not {value!r}"
                )

    def fetch_json(self, url: str, max_bytes: int, progress=None):
        """GET ``url`` and parse it as JSON; at most ``max_bytes``, held in memory.

        An answer that is not valid JSON counts as garbled in transit and is
        retried like a cut connection.
        """

        def attempt(watchdog: _Watchdog, progress):
            body = bytearray()
            self._download(url, max_bytes, watchdog, progress, body.extend, "application/json")
            try:
                return orjson.loads(body)
            except orjson.JSONDecodeError as error:
                raise _Transient(f"the answer is not valid JSON ({error})") from None

        return self._with_retries(url, attempt, progress)

    def fetch_to_file(self, url: str, path: Path, max_bytes: int, progress=None) -> int:
        """GET ``url`` into the file ``path`` (made anew for each attempt); the bytes written.

        The answer streams to disk in chunks: memory holds one chunk, the file
        at most ``max_bytes``.
        """

        def attempt(watchdog: _Watchdog, progress):
            with open(path, "wb") as file:
                return self._download(url, max_bytes, watchdog, progress, file.write, "*/*")

        return self._with_retries(url, attempt, progress)

    # -- one request, its attempts -----------------------------------------------------------

    def _with_retries(self, url: str, attempt: Callable, progress):
        if urllib.parse.urlsplit(url).scheme.lower() not in _SCHEMES:
            raise NetworkError(url, "only http and https addresses can be fetched")
        progress = progress or _NoProgress()
        end = time.monotonic() + self.deadline_s
        last, status, tries = "no answer", None, 0
        for number in range(self.retries + 1):
            progress.check()
            tries = number + 1
            try:
                return self._attempt(attempt, end, progress)
            except _Permanent as failure:
                raise NetworkError(url, failure.reason, status=failure.status) from None
            except _OutOfTime:
                raise NetworkError(
                    url,
                    f"no complete answer within {self.deadline_s:g} s, the time allowed for a "
                    "request; the server or the connection is too slow, try again later",
                ) from None
            except _Transient as failure:
                last, status = failure.reason, failure.status
            pause = self.backoff_s * 2**number
            if number == self.retries or time.monotonic() + pause >= end:
                break
            _sleep(pause, progress)
        raise NetworkError(url, f"{last} ({tries} attempt{'s' if tries > 1 else ''})", status)

    @staticmethod
    def _attempt(attempt: Callable, end: float, progress):
        if time.monotonic() >= end:
            raise _OutOfTime
        with _Watchdog(end) as watchdog:
            try:
                return attempt(watchdog, progress)
            except _Transient:
                if watchdog.passed:  # the watchdog cut the connection: that is the failure
                    raise _OutOfTime from None
                raise

    def _download(self, url: str, max_bytes: int, watchdog, progress, write, accept: str) -> int:
        request = urllib.request.Request(
            url, headers={"User-Agent": f"frontline-atlas/{geodata.__version__}", "Accept": accept}
        )
        try:
            with watchdog.opener().open(request, timeout=self.timeout_s) as response:
                return _read_capped(response, max_bytes, watchdog, progress, write)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code >= 500 or error.code == 429:
                raise _Transient(f"the server answered HTTP {error.code}", error.code) from None
            if 300 <= error.code < 400:  # urllib gives up on a loop or a long chain of redirects
                raise _Permanent(
                    f"the server redirected in a loop or too many times (HTTP {error.code})",
                    error.code,
                ) from None
            # The reason phrase is the server's text: one short line of it.
            phrase = " ".join(str(error.reason).split())[:80]
            reason = f"the server answered HTTP {error.code} ({phrase})"
            raise _Permanent(reason + _rate_limit_note(error.headers), error.code) from None
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


def size_text(size_bytes: int) -> str:
    """A size limit for people.

    >>> size_text(32 * 2**20), size_text(100)
    ('32 MiB', '100 bytes')
    """
    return f"{size_bytes / _MIB:g} MiB" if size_bytes >= _MIB else f"{size_bytes:,} bytes"


def json_kind(value) -> str:
    """What a parsed JSON value is, for a message.

    >>> json_kind([]), json_kind(None), json_kind(1.5)
    ('a JSON list', 'JSON null', 'a JSON number')
    """
    if isinstance(value, bool) or value is None:
        return f"JSON {orjson.dumps(value).decode()}"
    kinds = {dict: "a JSON object", list: "a JSON list", str: "a JSON string"}
    return next((kinds[kind] for kind in kinds if isinstance(value, kind)), "a JSON number")


def shown(value) -> str:
    """A value from a server as short JSON text: it may be long, deep or hostile.

    >>> shown("x" * 100)[:5], shown({"a": 1}), shown(12)
    ('"xxxx', '{…}', '12')
    """
    if isinstance(value, dict | list):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = orjson.dumps(value[:40] if isinstance(value, str) else value).decode()
    return text if len(text) <= 40 else f"{text[:39]}…"


def _read_capped(response, max_bytes: int, watchdog: _Watchdog, progress, write) -> int:
    """Pass the body to ``write`` in chunks, refused as soon as it would exceed ``max_bytes``."""
    if response.length is not None and response.length > max_bytes:
        raise _Permanent(
            f"the answer is larger than the {size_text(max_bytes)} allowed "
            f"(the server announced {response.length:,} bytes); it was not read"
        )
    received = 0
    while chunk := response.read1(_CHUNK_BYTES):
        if received + len(chunk) > max_bytes:
            raise _Permanent(
                f"the answer is larger than the {size_text(max_bytes)} allowed; "
                "reading stopped there"
            )
        write(chunk)
        received += len(chunk)
        progress.check()  # cancel stays quick while an answer arrives
        if watchdog.passed:
            raise _OutOfTime
    if watchdog.passed:  # the end of the answer may be the watchdog's cut
        raise _OutOfTime
    if response.length:  # the connection closed before the announced length
        raise _Transient(f"the answer was cut short ({received} bytes)")
    return received


def _rate_limit_note(headers) -> str:
    """What a server's rate-limit headers (GitHub's, for one) say about a refusal."""
    if headers is None or headers.get("X-RateLimit-Remaining") != "0":
        return ""
    note = "; its limit of requests for this address is used up"
    with contextlib.suppress(TypeError, ValueError, OverflowError, OSError):
        reset = dt.datetime.fromtimestamp(int(headers.get("X-RateLimit-Reset")), dt.UTC)
        note += f", try again after {reset:%H:%M} UTC"
    return note


def _sleep(seconds: float, progress) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        progress.check()  # cancel stays quick during back-off
        time.sleep(min(0.1, max(0.0, end - time.monotonic())))


class _NoProgress:
    def report(self, fraction, message: str = "") -> None:
        pass

    def check(self) -> None:
        pass


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
                    f"the server redirected to {shown(target)}, which is not followed: "
                    "only http and https addresses are, and never from https to http"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _cut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        sock.shutdown(socket.SHUT_RDWR)


class _Transient(Exception):
    """Worth another attempt: a timeout, a cut connection, a server error."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        self.reason = reason
        self.status = status


class _Permanent(Exception):
    """Final: another attempt would get the same (a refusal, too large, a redirect away)."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        self.reason = reason
        self.status = status


class _OutOfTime(Exception):
    """The request's deadline passed."""
