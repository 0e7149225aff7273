"""Fetching DeepStateMap updates, against a local server that also misbehaves on purpose."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geodata.errors import NetworkError
from geodata.history.compute import compute_history
from geodata.history.deepstate_online import Client, fetch_latest, fetch_updates
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
                document = synthetic_map() if map_document is None else map_document
                if outer.mode == "truncated":
                    body = json.dumps(document).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.close()
                    return None
                if outer.mode == "malformed":
                    return self.send(200, b'{"type": "FeatureCollection", "features": [}')
                return self.send(200, json.dumps(document).encode())

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


def fetch_listing(listing, tmp_path):
    """Fetch from a local server that lists ``listing``; return the store and the report."""
    running = Server(listing=listing)
    try:
        store = Store(tmp_path / "store.sqlite")
        return store, fetch_updates(store, client(running))
    finally:
        running.close()


class Cancelled(Exception):
    """What :class:`CancelSoon` raises."""


class CancelSoon:
    """A progress that asks to cancel 0.3 s after it was made."""

    def __init__(self):
        self.start = time.monotonic()

    def report(self, fraction, message=""):
        pass

    def check(self):
        if time.monotonic() - self.start > 0.3:
            raise Cancelled


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


def epoch_of(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp())


def test_impossible_dates_are_skipped_named_and_never_stored(tmp_path):
    in_ten_days = epoch_of(dt.date.today() + dt.timedelta(days=10))
    listing = [
        *LISTING,
        {"id": -5, "createdAt": "1969-12-31T23:59:55Z"},  # negative epoch
        {"id": 253402300799},  # 9999-12-31T23:59:59Z: the next year in Kyiv
        {"id": epoch_of(dt.date(9999, 6, 1))},
        {"id": 2**64 - 1},  # beyond any calendar
        {"id": 10**30},  # read as a float: not a whole number
        {"id": 1e300},
        {"id": "1732190400"},  # a string, not a number
        {"id": in_ten_days},  # the future
        {"id": 1732190400, "createdAt": "9999-06-01T00:00:00Z"},
        {"id": 1732276800, "createdAt": "2013-12-31T12:00:00Z"},
        {"createdAt": "2024-11-20T12:00:00Z"},  # no id
        ["not", "an", "object"],
        {"id": True},
        {"id": json.loads("[" * 300 + "]" * 300)},  # deeper than orjson writes
    ]
    store, report = fetch_listing(listing, tmp_path)
    assert report.listed == 1 and report.stored == (UPDATE_ID,)
    assert [update.id for update in store.updates()] == [UPDATE_ID]
    skipped = "\n".join(report.skipped)
    assert len(report.skipped) == len(listing) - 1
    for named in (
        "update -5: its date 1970-01-01 (from its id) is not between 2014-01-01",
        "update 253402300799: its id is not a time in seconds since 1970",
        f"update {epoch_of(dt.date(9999, 6, 1))}: its date 9999-06-01 (from its id)",
        f"update {2**64 - 1}: its id is not a time",
        "entry 6 of the list: its id 1e+30 is not a whole number",
        "entry 7 of the list: its id 1e+300 is not a whole number",
        'entry 8 of the list: its id "1732190400" is not a whole number',
        f"update {in_ten_days}: its date {dt.date.today() + dt.timedelta(days=10)}",
        'update 1732190400: its date 9999-06-01 (from createdAt "9999-06-01T00:00:00Z")',
        "update 1732276800: its date 2013-12-31 (from createdAt",
        "entry 12 of the list: it has no id",
        "entry 13 of the list: it is a JSON list, not a JSON object",
        "entry 14 of the list: its id true is not a whole number",
        "entry 15 of the list: its id […] is not a whole number",
    ):
        assert named in skipped


def test_a_created_at_beyond_the_calendar_falls_back_to_the_id(tmp_path):
    listing = [{"id": UPDATE_ID, "createdAt": "9999-12-31T23:59:59Z"}]
    store, report = fetch_listing(listing, tmp_path)
    (update,) = store.updates()
    assert report.skipped == () and update.date == dt.date(2024, 11, 20)
    assert update.created_at == ""  # not stored: it is no time


@pytest.mark.parametrize(
    ("listing", "message"),
    [
        ({"updates": LISTING}, "/public: the list of updates is a JSON object, not a JSON list"),
        ("[]", "/public: the list of updates is a JSON string, not a JSON list"),
        (None, "/public: the list of updates is JSON null, not a JSON list"),
        (1e308, "/public: the list of updates is a JSON number, not a JSON list"),
        ([[UPDATE_ID]], "none of its 1 entries is a usable update; the first: entry 1"),
        ([{"id": str(UPDATE_ID)}], r'the first: entry 1 of the list: its id "1732104000" is not'),
    ],
)
def test_a_wrong_list_gives_one_clear_error(tmp_path, listing, message):
    running = Server(listing=listing)
    try:
        with pytest.raises(NetworkError, match=message):
            fetch_updates(Store(tmp_path / "store.sqlite"), client(running))
    finally:
        running.close()


def polygon_map(coordinates, **extra) -> dict:
    occupied = {"name": "Окуповано /// Occupied /// occupied"}
    feature = {"type": "Feature", "properties": occupied,
               "geometry": {"type": "Polygon", "coordinates": coordinates}}  # fmt: skip
    return {"type": "FeatureCollection", "features": [feature], **extra}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([1, 2], "a JSON list is not GeoJSON"),
        ("FeatureCollection", "not GeoJSON"),
        ({"map": [1]}, "a JSON list is not GeoJSON"),
        ({"type": "FeatureCollection", "features": "none"}, "no 'features' list"),
        ({"type": "FeatureCollection", "features": [1, "a", None]}, "no polygons"),
        (polygon_map("abc"), "no polygons"),
        (polygon_map([[["37", "47"], ["38", "47"], ["38", "48"], ["37", "47"]]]), "no polygons"),
        (polygon_map([[[1e300, 47], [38, 1e308], [38, 48], [1e300, 47]]]), "not longitude"),
        (polygon_map([[[2**64 - 1, 47], [38, 47], [38, 48], [2**64 - 1, 47]]]), "not longitude"),
        (polygon_map(json.loads("[" * 300 + "]" * 300)), "nested too deeply"),
    ],
)
def test_a_wrong_map_gives_one_clear_error(tmp_path, document, message):
    running = Server(map_document=document)
    try:
        store = Store(tmp_path / "store.sqlite")
        with pytest.raises(NetworkError, match=message) as caught:
            fetch_updates(store, client(running))
    finally:
        running.close()
    assert f"/{UPDATE_ID}/geojson: the map cannot be used" in str(caught.value)
    assert store.updates() == []


def test_a_map_with_an_impossible_date_of_its_own_is_dated_by_the_list(tmp_path):
    document = {"map": synthetic_map(), "id": 2**64 - 1, "datetime": "9999-12-31T23:59:59Z"}
    running = Server(map_document=document)
    try:
        store = Store(tmp_path / "store.sqlite")
        assert fetch_updates(store, client(running)).stored == (UPDATE_ID,)
    finally:
        running.close()
    assert store.updates()[0].date == dt.date(2024, 11, 20)


# -- the latest map (/last) --------------------------------------------------------------------


def test_the_latest_map_is_stored_once_as_an_update(tmp_path):
    document = {"id": UPDATE_ID, "datetime": "2024-11-20T12:00:00.000Z", "map": synthetic_map()}
    running = Server(map_document=document)
    try:
        store = Store(tmp_path / "store.sqlite")
        report = fetch_latest(store, client(running))
        again = fetch_latest(store, client(running))
    finally:
        running.close()
    assert report.source == "latest" and report.stored == (UPDATE_ID,) and again.stored == ()
    assert report.summary() == f"the latest map (update {UPDATE_ID}) stored"
    (update,) = store.updates()
    assert update.date == dt.date(2024, 11, 20) and update.created_at == document["datetime"]
    series = compute_history(open_history("deepstate", store), store)
    assert series.controlled_km2[0, series.boundaries.row_of("UA-09")] > 3000


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([synthetic_map()], "the latest map is a JSON list, not a JSON object"),
        (synthetic_map(), "the latest map cannot be used: it has no id"),
        ({"id": "1732104000", "map": synthetic_map()}, 'its id "1732104000" is not a whole'),
        ({"id": UPDATE_ID, "datetime": "9999-01-01T00:00:00Z", "map": synthetic_map()},
         r'its date 9999-01-01 \(from datetime "9999-01-01T00:00:00Z"\) is not between'),
        ({"id": UPDATE_ID, "map": [1]}, "the map cannot be used: a JSON list is not GeoJSON"),
    ],
)  # fmt: skip
def test_a_wrong_latest_map_gives_one_clear_error(tmp_path, document, message):
    running = Server(map_document=document)
    try:
        store = Store(tmp_path / "store.sqlite")
        with pytest.raises(NetworkError, match=message) as caught:
            fetch_latest(store, client(running))
    finally:
        running.close()
    assert str(caught.value).startswith(f"cannot fetch {running.url}/last: ")
    assert store.updates() == []
