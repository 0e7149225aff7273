"""The update client against servers that send too much, too slowly, or point elsewhere.

Every server here is local (127.0.0.1) and misbehaves on purpose; each test ends in seconds.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import ssl
import subprocess
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geodata.errors import NetworkError
from geodata.history.deepstate_online import MAX_LIST_BYTES, MAX_MAP_BYTES, Client, fetch_updates
from geodata.history.store import Store
from tests.geodata.history.test_online import (
    LISTING,
    UPDATE_ID,
    Cancelled,
    CancelSoon,
    synthetic_map,
)

MIB = 2**20
GIB = 2**30
LIST_PATH = "/api/history/public"
MAP_PATH = f"/api/history/{UPDATE_ID}/geojson"


class Scripted:
    """A local HTTP server; ``answers`` maps a path to ``answer(handler, server)``.

    Other paths get the usual list or map. ``sent`` counts the body bytes the
    server managed to send; leaving the ``with`` block also ends any answer still trickling.
    """

    def __init__(self, answers):
        self.sent = 0
        self.hits: list[str] = []
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.hits.append(self.path)
                answer = answers.get(self.path, usual)
                # The client hanging up is what these tests want.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    answer(self, outer)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.origin}/api/history"

    def write(self, handler, data: bytes) -> None:
        handler.wfile.write(data)
        self.sent += len(data)

    def use_https(self, certificate, monkeypatch) -> None:
        """Serve https with this (certificate, key), which the client is made to trust."""
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(*certificate)
        self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.url = self.url.replace("http://", "https://")
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))

    def __enter__(self) -> Scripted:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def usual(handler, server):
    document = LISTING if handler.path.endswith("/public") else synthetic_map()
    body = json.dumps(document).encode()
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    server.write(handler, body)


def endless(handler, server):
    """A gigabyte of JSON whitespace with no announced length, as fast as the client reads."""
    handler.send_response(200)
    handler.end_headers()
    chunk = b" " * (64 * 1024)
    while server.sent < GIB and not server.stop.is_set():
        server.write(handler, chunk)


def announces_a_gigabyte(handler, server):
    """Announce a gigabyte, then send nothing: a client that reads would wait for its timeout."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(GIB))
    handler.end_headers()
    server.stop.wait(5)


def trickled_headers(handler, server):
    """A status line, then a header one byte per second, never ending."""
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
    while not server.stop.wait(1.0):
        handler.wfile.write(b"x")


def trickled_body(handler, server, interval_s=1.0):
    """Headers at once, then the body one byte per ``interval_s``, never complete."""
    handler.send_response(200)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    server.write(handler, b"[")
    while not server.stop.wait(interval_s):
        server.write(handler, b" ")


def redirect_to(target):
    def answer(handler, server):
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def quick_client(server, **changes) -> Client:
    settings = {"timeout_s": 3.0, "retries": 2, "backoff_s": 0.01} | changes
    return Client(base_url=server.url, **settings)


# -- size limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "limit", "limit_text"),
    [(LIST_PATH, MAX_LIST_BYTES, "8 MiB"), (MAP_PATH, MAX_MAP_BYTES, "32 MiB")],
)
def test_an_endless_answer_is_refused_at_the_limit_in_bounded_memory(
    tmp_path, path, limit, limit_text
):
    store = Store(tmp_path / "store.sqlite")
    with Scripted({path: endless}) as server:
        tracemalloc.start()
        start = time.monotonic()
        try:
            with pytest.raises(NetworkError) as caught:
                fetch_updates(store, quick_client(server))
            elapsed = time.monotonic() - start
            _, peak_bytes = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert server.hits.count(path) == 1  # too large is final: no retry
    assert str(caught.value) == (
        f"cannot fetch {server.origin}{path}: the answer is larger than the {limit_text} "
        "allowed; reading stopped there"
    )
    # Socket buffers hold a few MB more than the client read; far from the gigabyte.
    assert limit < server.sent < limit + 32 * MIB
    assert peak_bytes < limit + 40 * MIB  # the body read so far, and little else
    assert elapsed < 10
    assert store.updates() == []


def test_an_announced_length_over_the_limit_is_refused_without_reading(tmp_path):
    with Scripted({MAP_PATH: announces_a_gigabyte}) as server:
        start = time.monotonic()
        with pytest.raises(NetworkError, match="larger than the 32 MiB allowed") as caught:
            fetch_updates(Store(tmp_path / "store.sqlite"), quick_client(server))
        assert time.monotonic() - start < 2  # well before the 3 s timeout of a read
        assert server.hits.count(MAP_PATH) == 1
    assert f"{MAP_PATH}: " in str(caught.value)
    assert "(the server announced 1,073,741,824 bytes); it was not read" in str(caught.value)


def test_limits_can_be_set_on_the_client(tmp_path):
    with Scripted({}) as server:
        with pytest.raises(NetworkError, match=r"/public: .* larger than the 100 bytes allowed"):
            fetch_updates(Store(tmp_path / "s.sqlite"), quick_client(server, max_list_bytes=100))
        with pytest.raises(NetworkError, match=r"/geojson: .* larger than the 100 bytes allowed"):
            fetch_updates(Store(tmp_path / "s.sqlite"), quick_client(server, max_map_bytes=100))


# -- the deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [trickled_headers, trickled_body])
def test_a_trickling_server_is_cut_off_at_the_deadline(tmp_path, answer):
    store = Store(tmp_path / "store.sqlite")
    with Scripted({LIST_PATH: answer}) as server:
        start = time.monotonic()
        with pytest.raises(NetworkError) as caught:
            # A byte a second beats a 3 s timeout for ever; only the deadline ends it.
            fetch_updates(store, quick_client(server, deadline_s=1.5))
        elapsed = time.monotonic() - start
        assert server.hits == [LIST_PATH]  # the deadline covers retries too
    assert str(caught.value) == (
        f"cannot fetch {server.url}/public: no complete answer within 1.5 s, the time allowed "
        "for a request; the server or the connection is too slow, try again later"
    )
    assert 1.4 < elapsed < 3
    assert store.updates() == []


def test_the_deadline_also_bounds_retries_and_back_off(tmp_path):
    def fails(handler, server):
        handler.send_response(503)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with Scripted({MAP_PATH: fails}) as server:
        slow_retries = quick_client(server, retries=10, backoff_s=0.5, deadline_s=1.0)
        start = time.monotonic()
        with pytest.raises(NetworkError, match=r"HTTP 503 \(2 attempts\)"):
            fetch_updates(Store(tmp_path / "store.sqlite"), slow_retries)
        assert time.monotonic() - start < 1.5  # no back-off that would end past the deadline


def test_cancel_stays_quick_while_an_answer_trickles(tmp_path):
    def quick_trickle(handler, server):
        trickled_body(handler, server, interval_s=0.05)

    with Scripted({MAP_PATH: quick_trickle}) as server:
        start = time.monotonic()
        with pytest.raises(Cancelled):
            fetch_updates(
                Store(tmp_path / "store.sqlite"), quick_client(server), progress=CancelSoon()
            )
        assert time.monotonic() - start < 1
        assert server.hits.count(MAP_PATH) == 1


# -- redirects and addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "FILE:///etc/passwd", "ftp://127.0.0.1/public", "data:,[]"],
)
def test_a_redirect_away_from_http_is_refused(tmp_path, target):
    with Scripted({LIST_PATH: redirect_to(target)}) as server:
        with pytest.raises(NetworkError) as caught:
            fetch_updates(Store(tmp_path / "store.sqlite"), quick_client(server))
        assert server.hits == [LIST_PATH]
    assert str(caught.value) == (
        f'cannot fetch {server.url}/public: the server redirected to "{target}", which is not '
        "followed: only http and https addresses are, and never from https to http"
    )


def test_a_redirect_loop_gives_one_line(tmp_path):
    with Scripted({LIST_PATH: redirect_to(LIST_PATH)}) as server:
        with pytest.raises(NetworkError) as caught:
            fetch_updates(Store(tmp_path / "store.sqlite"), quick_client(server))
        assert len(server.hits) < 12  # urllib's own limit, once: no retry
    assert str(caught.value) == (
        f"cannot fetch {server.url}/public: the server redirected in a loop or too many times "
        "(HTTP 302)"
    )


def test_a_redirect_within_http_is_followed(tmp_path):
    with Scripted({LIST_PATH: redirect_to("/mirror/public")}) as server:
        report = fetch_updates(Store(tmp_path / "store.sqlite"), quick_client(server))
        assert server.hits[:2] == [LIST_PATH, "/mirror/public"]
    assert report.stored == (UPDATE_ID,)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (certificate file, key file)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate for the local https server")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def test_over_https_the_deadline_and_the_redirect_rules_hold(certificate, monkeypatch):
    answers = {LIST_PATH: trickled_body, MAP_PATH: redirect_to("http://127.0.0.1:9/x")}
    with Scripted(answers) as server:
        server.use_https(certificate, monkeypatch)
        https = quick_client(server, deadline_s=1.5)
        assert https.get_json("other")["type"] == "FeatureCollection"  # an ordinary answer
        start = time.monotonic()
        with pytest.raises(NetworkError, match=r"no complete answer within 1\.5 s"):
            https.get_json("public")
        assert time.monotonic() - start < 3
        with pytest.raises(
            NetworkError, match=r'redirected to "http://127.0.0.1:9/x", which is not'
        ):
            https.get_json(f"{UPDATE_ID}/geojson")


def test_only_http_addresses_are_fetched(tmp_path):
    with pytest.raises(NetworkError, match="file:///etc/public: only http and https addresses"):
        fetch_updates(Store(tmp_path / "store.sqlite"), Client(base_url="file:///etc"))


@pytest.mark.parametrize("setting", ["deadline_s", "timeout_s", "max_map_bytes", "max_list_bytes"])
@pytest.mark.parametrize("value", [0, -1.0, float("nan"), float("inf"), "10", True])
def test_a_client_setting_must_be_positive(setting, value):
    with pytest.raises(ValueError, match=f"Client {setting} must be a positive number below 1e9"):
        Client(**{setting: value})
