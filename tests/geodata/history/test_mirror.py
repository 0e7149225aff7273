"""The mirror of daily files, and the fallback to it, against local servers that mimic GitHub.

Every server here listens on 127.0.0.1; nothing reaches the internet. The 30
dated files are written here from synthetic polygons (no ../shared data).
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import json
import os
import ssl
import subprocess
import sys
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.dates import KYIV
from geodata.errors import NetworkError, SettingError
from geodata.history.compute import compute_history
from geodata.history.deepstate_online import Client, fetch_updates
from geodata.history.fetched_updates import MAX_LIST_BYTES, MAX_MAP_BYTES
from geodata.history.mirror import SETTINGS, Mirror, fetch_mirror
from geodata.history.sources import folder_history, open_history
from geodata.history.store import Store
from tests.geodata.importers.fixtures import write_control_file
from tests.helpers import REPO_ROOT

REPOSITORY = "cyterat/deepstate-map-data"
REF = "0123456789abcdef0123456789abcdef01234567"  # a commit: the mirror pinned
FIRST_DATE = dt.date(2024, 11, 1)
MIB = 2**20
GIB = 2**30


def mirror_dates() -> list[dt.date]:
    """30 dates over 32 days: two days are missing, as in the real mirror."""
    days = [FIRST_DATE + dt.timedelta(days=n) for n in range(32)]
    return [day for day in days if day.day not in (10, 21)]


def write_mirror_files(folder: Path) -> Path:
    """The 30 daily files, as the mirror names them: one MultiPolygon each, growing east."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, day in enumerate(mirror_dates()):
        east = 38.0 + 0.02 * number
        held = shapely.MultiPolygon([
            shapely.segmentize(shapely.box(37.0, 47.5, east, 48.2), 0.05),
            shapely.box(38.8, 48.6, 39.6, 49.2),
        ])  # fmt: skip
        frame = gpd.GeoDataFrame(geometry=[held], crs="EPSG:4326")
        write_control_file(folder, f"deepstatemap_data_{day:%Y%m%d}", ".geojson", frame)
    return folder


@pytest.fixture(scope="module")
def daily(tmp_path_factory) -> Path:
    return write_mirror_files(tmp_path_factory.mktemp("mirror") / "data")


def github_tree(files: dict[str, bytes]) -> dict:
    """GitHub's recursive tree of a repository holding ``files``, with the usual extras."""
    entries = [
        {"path": "README.md", "mode": "100644", "type": "blob", "sha": "1" * 40, "size": 619},
        {"path": "data", "mode": "040000", "type": "tree", "sha": "2" * 40},
        {"path": "archive/deepstatemap_data_20240101.geojson", "mode": "100644",
         "type": "blob", "sha": "3" * 40, "size": 10},  # another folder: not the mirror's
    ]  # fmt: skip
    for path, body in files.items():
        entries.append({"path": path, "mode": "100644", "type": "blob", "sha": "4" * 40,
                        "size": len(body), "url": "http://127.0.0.1:9/blob"})  # fmt: skip
    return {"sha": "5" * 40, "url": "http://127.0.0.1:9/tree", "tree": entries, "truncated": False}


class LocalSources:
    """DeepStateMap's API and GitHub's API and raw files, mimicked by one local server.

    * ``/api/history/public`` answers ``list_status`` (401: the list refused);
    * ``/api/history/last`` answers ``latest``;
    * ``/github/repos/{repository}/git/trees/{ref}`` lists ``files``;
    * ``/raw/{repository}/{ref}/{path}`` sends a file of ``files``.

    ``answers`` maps a request path (without its query) to ``answer(handler, sources)``
    instead; ``hits`` lists the path of every request, ``requests`` them with their queries.
    """

    def __init__(self, files: dict[str, bytes], list_status: int = 401, latest=None):
        self.files, self.list_status, self.latest = files, list_status, latest
        self.answers: dict[str, object] = {}
        self.hits: list[str] = []
        self.requests: list[str] = []  # with their queries
        self.sent = 0
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append(self.path)
                outer.hits.append(self.path.split("?")[0])
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    outer.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.deepstate_url = f"{self.origin}/api/history"
        self.tree_path = f"/github/repos/{REPOSITORY}/git/trees/{REF}"

    def mirror(self, **changes) -> Mirror:
        settings = {"repository": REPOSITORY, "folder": "data", "ref": REF,
                    "api_url": f"{self.origin}/github",
                    "raw_url": f"{self.origin}/raw"}  # fmt: skip
        return Mirror(**(settings | changes))

    def raw_path(self, path: str) -> str:
        return f"/raw/{REPOSITORY}/{REF}/{path}"

    def raw_hits(self) -> collections.Counter:
        return collections.Counter(hit for hit in self.hits if hit.startswith("/raw/"))

    def answer(self, handler) -> None:
        path = handler.path.split("?")[0]
        if path in self.answers:
            return self.answers[path](handler, self)
        if path == "/api/history/public":
            return self.send(handler, self.list_status, b'{"message": "Unauthorized"}')
        if path == "/api/history/last" and self.latest is not None:
            return self.send(handler, 200, json.dumps(self.latest).encode())
        if path == self.tree_path:
            return self.send(handler, 200, json.dumps(github_tree(self.files)).encode())
        prefix = f"/raw/{REPOSITORY}/{REF}/"
        if path.startswith(prefix) and path[len(prefix) :] in self.files:
            return self.send(handler, 200, self.files[path[len(prefix) :]])
        return self.send(handler, 404, b"404: Not Found")

    def send(self, handler, status: int, body: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        self.sent += len(body)

    def __enter__(self) -> LocalSources:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def files_of(folder: Path) -> dict[str, bytes]:
    return {f"data/{path.name}": path.read_bytes() for path in sorted(folder.iterdir())}


def quick(**changes) -> Client:
    return Client(**({"timeout_s": 3.0, "retries": 1, "backoff_s": 0.01} | changes))


def deepstate_client(sources: LocalSources, **changes) -> Client:
    return quick(base_url=sources.deepstate_url, **changes)


class Cancelled(Exception):
    """What :class:`CancelAtFile` raises."""


class CancelAtFile:
    """A progress that cancels as the mirror's file ``number`` is about to be fetched."""

    def __init__(self, number: int):
        self.number, self.cancelled = number, False

    def report(self, fraction, message=""):
        if message.startswith(f"Fetching file {self.number} of"):
            self.cancelled = True

    def check(self):
        if self.cancelled:
            raise Cancelled


# -- the fallback: the history from the mirror ---------------------------------------------------


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_list_falls_back_to_the_mirror_and_the_figures_equal_the_folders(
    daily, tmp_path, status
):
    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files_of(daily), list_status=status) as sources:
        report = fetch_updates(store, deepstate_client(sources), mirror=sources.mirror())
        assert sources.hits[0] == "/api/history/public"
        assert sources.requests[1] == f"{sources.tree_path}?recursive=1"
        assert all(count == 1 for count in sources.raw_hits().values())
        assert len(sources.raw_hits()) == 30
    assert report.source == "mirror" and report.listed == 30 and len(report.stored) == 30
    assert report.notes[0] == (
        f"DeepStateMap's history list refused (HTTP {status}); fetched from the mirror "
        f"{REPOSITORY}@{REF}"
    )
    assert report.skipped == ()
    updates = store.updates()
    assert [u.date for u in updates] == mirror_dates()
    assert updates[0].description == "mirror: data/deepstatemap_data_20241101.geojson"
    # The id is the date's noon in Kyiv (UTC+2 in November).
    assert updates[0].id == int(dt.datetime(2024, 11, 1, 10, tzinfo=dt.UTC).timestamp())

    mirrored = compute_history(open_history("deepstate", store), store)
    folder = compute_history(folder_history(daily), Store(tmp_path / "folder.sqlite"))
    assert mirrored.dates == folder.dates and len(mirrored) == 30
    assert np.array_equal(mirrored.controlled_km2, folder.controlled_km2)
    assert np.array_equal(mirrored.added_km2, folder.added_km2)
    assert np.array_equal(mirrored.held, folder.held)
    donetsk = folder.boundaries.row_of("UA-14")
    assert (np.diff(folder.controlled_km2[:, donetsk]) > 0).all()  # the files do differ


@pytest.mark.parametrize("status", [404, 500])
def test_other_failures_of_the_list_do_not_go_to_the_mirror(tmp_path, status):
    with LocalSources({}, list_status=status) as sources:
        with pytest.raises(NetworkError, match=f"/api/history/public: .*HTTP {status}"):
            fetch_updates(Store(tmp_path / "s.sqlite"), deepstate_client(sources),
                          mirror=sources.mirror())  # fmt: skip
        assert not any(hit.startswith(("/github", "/raw")) for hit in sources.hits)


def test_the_mirror_settings_come_from_the_environment(daily, tmp_path, monkeypatch):
    with LocalSources(files_of(daily)) as sources:
        for name, value in (("repository", REPOSITORY), ("ref", REF), ("folder", "data/"),
                            ("api_url", f"{sources.origin}/github"),
                            ("raw_url", f"{sources.origin}/raw")):  # fmt: skip
            monkeypatch.setenv(SETTINGS[name][0], value)
        report = fetch_updates(Store(tmp_path / "s.sqlite"), deepstate_client(sources))
    assert len(report.stored) == 30 and report.notes[0].endswith(f"@{REF}")
    monkeypatch.setenv(SETTINGS["ref"][0], "master; rm -rf /")
    with pytest.raises(SettingError, match=r"'master; rm -rf /' \(from FRONTLINE_ATLAS_MIRROR_REF"):
        Mirror()
    monkeypatch.delenv(SETTINGS["ref"][0])
    assert Mirror().ref == "master" and Mirror(folder="").folder == ""


def test_files_the_store_has_are_not_fetched_again(daily, tmp_path):
    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files_of(daily)) as sources:
        first = fetch_mirror(store, sources.mirror(), quick())
        again = fetch_mirror(store, sources.mirror(), quick())
        assert sum(sources.raw_hits().values()) == 30
    assert len(first.stored) == 30 and again.stored == () and again.listed == 30


# -- resuming --------------------------------------------------------------------------------------


def test_a_fetch_cancelled_midway_resumes_without_fetching_again(daily, tmp_path):
    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files_of(daily)) as sources:
        with pytest.raises(Cancelled):
            fetch_updates(store, deepstate_client(sources), mirror=sources.mirror(),
                          progress=CancelAtFile(13))  # fmt: skip
        assert len(store.updates()) == 12 and len(sources.raw_hits()) == 12
        report = fetch_updates(store, deepstate_client(sources), mirror=sources.mirror())
        hits = sources.raw_hits()
    assert len(report.stored) == 18
    assert len(hits) == 30 and set(hits.values()) == {1}  # nothing fetched twice
    assert [u.date for u in store.updates()] == mirror_dates()


def test_a_killed_update_resumes_without_fetching_again(daily, tmp_path):
    """``kill -9`` of ``frontline-atlas update`` while it waits for the 6th file."""
    files = files_of(daily)
    sixth = sorted(files)[5]
    release = threading.Event()

    def held_back(handler, sources):
        release.wait(60)
        sources.send(handler, 200, files[sixth])

    with LocalSources(files) as sources:
        sources.answers[sources.raw_path(sixth)] = held_back
        mirror = sources.mirror()
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        env.update({SETTINGS["repository"][0]: REPOSITORY, SETTINGS["ref"][0]: REF,
                    SETTINGS["api_url"][0]: mirror.api_url,
                    SETTINGS["raw_url"][0]: mirror.raw_url})  # fmt: skip
        command = [sys.executable, "-m", "desktop.cli", "update", "--url", sources.deepstate_url]
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while sources.raw_path(sixth) not in sources.hits:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "the update never asked for the 6th file"
                time.sleep(0.05)
            process.kill()
            process.wait(30)
        finally:
            if process.poll() is None:
                process.kill()
            process.stderr.close()
            release.set()
        store = Store()  # the command's own store (the test's private data folder)
        assert len(store.updates()) == 5
        report = fetch_updates(store, deepstate_client(sources), mirror=mirror)
        hits = sources.raw_hits()
    assert len(report.stored) == 25
    assert hits[sources.raw_path(sixth)] == 2  # asked by the killed run, then by this one
    assert [path for path, count in hits.items() if count > 1] == [sources.raw_path(sixth)]
    assert len(store.updates()) == 30


# -- hostile mirrors -------------------------------------------------------------------------------

MEMORY_PROBE = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    from geodata.errors import NetworkError
    from geodata.history.http_client import HttpClient
    from geodata.history.mirror import Mirror, fetch_mirror
    from geodata.history.store import Store

    def high_water_kib():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    settings = json.loads(sys.argv[1])
    before = high_water_kib()
    try:
        fetch_mirror(Store(Path(settings.pop("store"))), Mirror(**settings),
                     HttpClient(timeout_s=10, retries=2, backoff_s=0.01))
        error = None
    except NetworkError as failure:
        error = str(failure)
    print(json.dumps({"error": error, "before_kib": before, "peak_kib": high_water_kib()}))
""")


def endless_tree(handler, sources):
    """A gigabyte of a GitHub tree listing, made as it goes: never held, no length announced."""
    handler.send_response(200)
    handler.end_headers()
    handler.wfile.write(b'{"truncated": false, "tree": [')
    entry = b'{"path": "data/deepstatemap_data_20241120.geojson", "type": "blob", "size": 1},'
    block = entry * (64 * 1024 // len(entry))
    while sources.sent < GIB and not sources.stop.is_set():
        handler.wfile.write(block)
        sources.sent += len(block)


def endless_file(handler, sources):
    """A gigabyte of GeoJSON coordinates, made as it goes: never held, no length announced."""
    handler.send_response(200)
    handler.end_headers()
    handler.wfile.write(b'{"type": "Polygon", "coordinates": [[')
    block = b"[37.5, 48.1], " * 4096
    while sources.sent < GIB and not sources.stop.is_set():
        handler.wfile.write(block)
        sources.sent += len(block)


@pytest.mark.parametrize(
    ("which", "answer", "limit", "limit_text"),
    [("tree", endless_tree, MAX_LIST_BYTES, "8 MiB"),
     ("file", endless_file, MAX_MAP_BYTES, "32 MiB")],
)  # fmt: skip
def test_a_gigabyte_answer_is_refused_at_the_limit_in_bounded_memory(
    daily, tmp_path, which, answer, limit, limit_text
):
    """Measured in a process of its own: its high-water mark of resident memory (VmHWM)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    files = files_of(daily)
    with LocalSources(files) as sources:
        target = sources.tree_path if which == "tree" else sources.raw_path(sorted(files)[0])
        sources.answers[target] = answer
        mirror = sources.mirror()
        settings = {"store": str(tmp_path / "store.sqlite"), "repository": REPOSITORY,
                    "folder": "data", "ref": REF, "api_url": mirror.api_url,
                    "raw_url": mirror.raw_url}  # fmt: skip
        env = dict(os.environ, TMPDIR=str(scratch), PYTHONDONTWRITEBYTECODE="1")
        done = subprocess.run([sys.executable, "-c", MEMORY_PROBE, json.dumps(settings)],
                              cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                              timeout=180)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert sources.hits.count(target) == 1  # too large is final: no retry
        sent = sources.sent
    measured = json.loads(done.stdout)
    url = mirror.tree_url if which == "tree" else mirror.file_url(sorted(files)[0])
    assert measured["error"] == (
        f"cannot fetch {url}: the answer is larger than the {limit_text} allowed; "
        "reading stopped there"
    )
    assert sent < limit + 64 * MIB  # the client stopped reading at the limit, not at 1 GB
    peak_mib = measured["peak_kib"] / 1024
    print(f"\n{which}: VmHWM {measured['before_kib'] / 1024:.0f} MiB after imports, "
          f"{peak_mib:.0f} MiB at the end; the server sent {sent / MIB:.0f} MiB")  # fmt: skip
    assert peak_mib < 300
    assert list(scratch.iterdir()) == []  # nothing left on disk either


def test_an_announced_length_over_the_limit_is_refused_without_reading(daily, tmp_path):
    files = files_of(daily)
    path = sorted(files)[0]

    def announces(handler, sources):
        handler.send_response(200)
        handler.send_header("Content-Length", str(GIB))
        handler.end_headers()
        sources.stop.wait(5)

    with LocalSources(files) as sources:
        sources.answers[sources.raw_path(path)] = announces
        start = time.monotonic()
        with pytest.raises(NetworkError, match="announced 1,073,741,824 bytes"):
            fetch_mirror(Store(tmp_path / "s.sqlite"), sources.mirror(), quick())
        assert time.monotonic() - start < 2


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/data/x.geojson"])
@pytest.mark.parametrize("which", ["tree", "file"])
def test_a_redirect_to_another_scheme_is_refused(daily, tmp_path, target, which):
    files = files_of(daily)

    def redirect(handler, sources):
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files) as sources:
        path = sources.tree_path if which == "tree" else sources.raw_path(sorted(files)[0])
        sources.answers[path] = redirect
        mirror = sources.mirror()
        with pytest.raises(NetworkError) as caught:
            fetch_mirror(store, mirror, quick())
        assert sources.hits.count(path) == 1
    url = mirror.tree_url if which == "tree" else mirror.file_url(sorted(files)[0])
    assert str(caught.value) == (
        f'cannot fetch {url}: the server redirected to "{target}", which is not followed: '
        "only http and https addresses are, and never from https to http"
    )
    assert store.updates() == []


def test_a_slow_answer_hits_the_deadline(daily, tmp_path):
    files = files_of(daily)
    third = sorted(files)[2]

    def trickle(handler, sources):
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        while not sources.stop.wait(0.2):  # a byte every 0.2 s beats any 3 s timeout
            handler.wfile.write(b" ")
            handler.wfile.flush()

    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files) as sources:
        sources.answers[sources.raw_path(third)] = trickle
        start = time.monotonic()
        with pytest.raises(NetworkError, match=r"no complete answer within 1\.5 s") as caught:
            fetch_mirror(store, sources.mirror(), quick(deadline_s=1.5))
        elapsed = time.monotonic() - start
    assert f"{third}: no complete answer" in str(caught.value)
    assert elapsed < 8
    assert len(store.updates()) == 2  # the files before it are kept


@pytest.mark.parametrize(
    ("which", "body", "reason"),
    [
        ("tree", {"tree": {"data": []}}, 'has a JSON object as its "tree", not a JSON list'),
        ("tree", {"message": "Not Found"}, 'has JSON null as its "tree", not a JSON list'),
        ("tree", [{"path": "data/x_20241120.geojson"}], "files is a JSON list, not a JSON object"),
        ("tree", {"tree": [{"path": "data/README.md", "type": "blob"}]},
         "holds no dated GeoJSON files"),
        ("tree", {"tree": [{"path": "data/deepstatemap_data_20991231.geojson", "type": "blob"}]},
         r"the first skipped: data/deepstatemap_data_20991231.geojson: its date 2099-12-31"),
        ("file", b"<html>rate limited</html>", "the map cannot be used: not valid JSON"),
        ("file", {"message": "Not Found"}, "the map cannot be used: not GeoJSON"),
        ("file", {"type": "FeatureCollection", "features": "none"}, "no 'features' list"),
        ("file", b"", "the map cannot be used: the file is empty"),
    ],
)  # fmt: skip
def test_a_wrong_shape_gives_one_clear_error_naming_the_address(
    daily, tmp_path, which, body, reason
):
    files = files_of(daily)
    first = sorted(files)[0]
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files) as sources:
        target = sources.tree_path if which == "tree" else sources.raw_path(first)
        sources.answers[target] = lambda handler, s: s.send(handler, 200, data)
        mirror = sources.mirror()
        with pytest.raises(NetworkError, match=reason) as caught:
            fetch_mirror(store, mirror, quick())
    url = mirror.tree_url if which == "tree" else mirror.file_url(first)
    assert str(caught.value).startswith(f"cannot fetch {url}: ")
    assert "\n" not in str(caught.value)
    assert store.updates() == []


def test_a_listing_with_odd_entries_keeps_the_usable_files_and_names_the_rest(daily, tmp_path):
    files = files_of(daily)
    # Two files of one date: as in a folder, the later name is used.
    files["data/deepstatemap_data_20241101.json"] = files.pop(
        "data/deepstatemap_data_20241101.geojson"
    )
    tree = github_tree(files)
    tree["tree"] = [
        {"path": "data/deepstatemap_data_20241101.geojson", "type": "blob", "size": 5},
        *tree["tree"],
        {"path": "data/deepstatemap_data_20130101.geojson", "type": "blob", "size": 5},
        {"path": "data/deepstatemap_data_latest.geojson", "type": "blob", "size": 5},
        {"path": "data/deepstatemap_data_20241110.geojson", "type": "blob", "size": 2**40},
        {"path": "data/..\\..\\deepstatemap_data_20241121.geojson", "type": "blob"},
        {"path": ["data/x"], "type": "blob"},
        "not an entry",
    ]
    tree["truncated"] = True
    store = Store(tmp_path / "store.sqlite")
    with LocalSources(files) as sources:
        sources.answers[sources.tree_path] = lambda handler, s: s.send(
            handler, 200, json.dumps(tree).encode()
        )
        report = fetch_mirror(store, sources.mirror(), quick())
        asked = set(sources.raw_hits())
    assert report.listed == 30 and len(report.stored) == 30 and len(asked) == 30
    odd = report.skipped[0]
    assert odd.startswith('"data/..\\\\..') and odd.endswith(": an unusual file name, not fetched")
    assert report.skipped[1:] == (
        "data/deepstatemap_data_20130101.geojson: its date 2013-01-01 (from its name) is not "
        f"between 2014-01-01 and {dt.datetime.now(KYIV).date() + dt.timedelta(days=2)}",
        "data/deepstatemap_data_20241101.geojson: same date as "
        "data/deepstatemap_data_20241101.json, which is used",
        "data/deepstatemap_data_20241110.geojson: 1,099,511,627,776 bytes, more than the "
        "32 MiB allowed",
        "data/deepstatemap_data_latest.geojson: no date in the file name",
    )
    assert sources.raw_path("data/deepstatemap_data_20241101.json") in asked
    assert "GitHub cut the mirror's list of files short" in report.notes[0]


@pytest.mark.parametrize(
    "changes",
    [{"repository": "cyterat"}, {"repository": "a/b/c"}, {"repository": "../x"},
     {"ref": "../main"}, {"ref": "a b"}, {"ref": ""}, {"folder": "../etc"}, {"folder": "a\\b"},
     {"api_url": ""}, {"max_file_bytes": 0}, {"max_tree_bytes": True}, {"ref": 5}],
)  # fmt: skip
def test_a_mirror_setting_that_cannot_be_right_is_refused(changes):
    with pytest.raises(SettingError, match="mirror"):
        Mirror(**changes)
