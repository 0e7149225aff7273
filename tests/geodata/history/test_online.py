"""Fetching DeepStateMap updates, against a local server that also misbehaves on purpose."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geodata.errors import NetworkError
from geodata.history.compute import compute_history
from geodata.history.deepstate_online import Client, fetch_updates
from geodata.history.sources import open_history
from geodata.history.store import Store
from tests.helpers import API_SAMPLE

UPDATE_ID = 1732104000
LISTING = [{"id": UPDATE_ID, "createdAt": "2024-11-20T12:00:00.000Z", "status": True,
            "description": "…", "descriptionEn": "Map updated."}]  # fmt: skip


def synthetic_map() -> dict:
    """A DeepStateMap-style map: one occupied polygon in Luhansk oblast, one liberated area."""
    square = [[[38.8, 48.6, 0], [39.6, 48.6, 0], [39.6, 49.2, 0], [38.8, 49.2, 0], [38.8, 48.6, 0]]]
    other = [[[36.0, 49.5, 0], [36.5, 49.5, 0], [36.5, 49.9, 0], [36.0, 49.5, 0]]]
    occupied = {"name": "Окуповано /// Occupied /// occupied", "fill": "#a52714"}
    liberated = {"name": "Звільнено /// Liberated /// liberated", "fill": "#0f9d58"}
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": occupied,
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": liberated,
         "geometry": {"type": "Polygon", "coordinates": other}},
    ]}  # fmt: skip


class Server:
    """A local HTTP server; ``mode`` picks how it answers the map request."""

    def __init__(self, listing=LISTING, map_document=None):
        self.mode = "ok"
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.hits += 1
                if self.path.endswith("/public"):
                    return self.send(200, json.dumps(listing).encode())
                if outer.mode == "500":
                    return self.send(500, b"oops")
                if outer.mode == "slow":
                    time.sleep(1.5)
                if outer.mode == "truncated":
                    body = json.dumps(map_document or synthetic_map()).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.close()
                    return None
                if outer.mode == "malformed":
                    return self.send(200, b'{"type": "FeatureCollection", "features": [}')
                return self.send(200, json.dumps(map_document or synthetic_map()).encode())

            def send(self, code, body):
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/history"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


def client(server) -> Client:
    return Client(base_url=server.url, timeout_s=0.5, retries=1, backoff_s=0.01)


def test_fetches_new_updates_once(server, tmp_path):
    store = Store(tmp_path / "store.sqlite")
    report = fetch_updates(store, client(server))
    assert report.listed == 1 and report.stored == (UPDATE_ID,)
    (update,) = store.updates()
    assert update.date.isoformat() == "2024-11-20" and update.description == "Map updated."
    series = compute_history(open_history("deepstate", store), store)
    luhansk = series.boundaries.row_of("UA-09")
    kharkiv = series.boundaries.row_of("UA-63")
    assert series.controlled_km2[0, luhansk] > 3000 and series.controlled_km2[0, kharkiv] == 0
    hits = server.hits
    assert fetch_updates(store, client(server)).stored == ()
    assert server.hits == hits + 1  # only the list: nothing new to fetch


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("500", r"HTTP 500 \(2 attempts\)"),
        ("slow", "timed out after 0.5 s"),
        ("truncated", "cut short|not valid JSON"),
        ("malformed", "not valid JSON"),
    ],
)
def test_failures_are_clear_and_change_nothing(server, tmp_path, mode, message):
    store = Store(tmp_path / "store.sqlite")
    server.mode = mode
    start = time.monotonic()
    with pytest.raises(NetworkError, match=message) as caught:
        fetch_updates(store, client(server))
    assert f"/{UPDATE_ID}/geojson" in str(caught.value)
    assert time.monotonic() - start < 6  # no hang
    assert store.updates() == []


def test_cancel_stops_during_back_off(server, tmp_path):
    server.mode = "500"

    class Cancelled(Exception):
        pass

    class CancelSoon:
        def __init__(self):
            self.start = time.monotonic()

        def report(self, fraction, message=""):
            pass

        def check(self):
            if time.monotonic() - self.start > 0.3:
                raise Cancelled

    slow_retries = Client(base_url=server.url, timeout_s=0.5, retries=5, backoff_s=2.0)
    start = time.monotonic()
    with pytest.raises(Cancelled):
        fetch_updates(Store(tmp_path / "store.sqlite"), slow_retries, progress=CancelSoon())
    assert time.monotonic() - start < 2


def test_the_api_sample_files(tmp_path):
    last = API_SAMPLE / "history-last-20241120.json"
    if not last.exists():
        pytest.skip(
            f"real control data not available: {last} is absent (it lives outside the repo)"
        )
    listing = json.loads((API_SAMPLE / "history-public.json").read_text())
    running = Server(listing=listing, map_document=json.loads(last.read_text()))
    try:
        store = Store(tmp_path / "store.sqlite")
        fetch_updates(store, client(running))
        series = compute_history(open_history("deepstate", store), store)
        groups = series.stats_at(0).groups.set_index("id")["controlled_pct"]
        assert groups["annexed-2022"] == pytest.approx(77.3, abs=0.3)  # reconciled (raw 76.8)
    finally:
        running.close()
