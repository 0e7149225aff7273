"""A local update server that answers as told: a good map, odd dates, too much, too slowly."""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPDATE_ID = 1732104000  # 2024-11-20


def listing(entries=None) -> list:
    """The list of updates: one good entry unless ``entries`` says otherwise."""
    if entries is not None:
        return entries
    return [{"id": UPDATE_ID, "createdAt": "2024-11-20T12:00:00.000Z", "status": True,
             "description": "…", "descriptionEn": "Map updated."}]  # fmt: skip


def good_map() -> dict:
    """A DeepStateMap-style map: one occupied square in Luhansk oblast."""
    square = [[[38.8, 48.6, 0], [39.6, 48.6, 0], [39.6, 49.2, 0], [38.8, 49.2, 0], [38.8, 48.6, 0]]]
    occupied = {"name": "Окуповано /// Occupied /// occupied", "fill": "#a52714"}
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": occupied,
         "geometry": {"type": "Polygon", "coordinates": square}}]}  # fmt: skip


MIRROR_FILE = "data/deepstatemap_data_20241121.geojson"


def mirror_tree() -> dict:
    """GitHub's listing of the mirror: one dated file."""
    return {"tree": [{"path": MIRROR_FILE, "type": "blob", "size": 300}], "truncated": False}


def mirror_file() -> dict:
    """A mirrored daily file: one plain polygon in Luhansk oblast, no properties."""
    square = [[[38.8, 48.6], [39.7, 48.6], [39.7, 49.2], [38.8, 49.2], [38.8, 48.6]]]
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
            "geometry": {"type": "Polygon", "coordinates": square}}]}  # fmt: skip


def refused(handler, stop) -> None:
    """HTTP 401, as DeepStateMap answers its list when it wants a login."""
    handler.send_response(401)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


class Server:
    """Serve ``list_answer`` at ``/api/history/public`` and ``map_answer`` at every map address.

    Each answer is bytes, a JSON-able object, or a callable ``answer(handler, stop)``.
    The mirror is here too: ``tree_answer`` at GitHub's listing (``/github/…/git/trees/…``)
    and ``file_answer`` at every raw file (``/raw/…``); :attr:`mirror_env` points the app at it.
    """

    def __init__(self, list_answer=None, map_answer=None, tree_answer=None,
                 file_answer=None) -> None:  # fmt: skip
        self.stop = threading.Event()
        answers = {"list": listing() if list_answer is None else list_answer,
                   "map": good_map() if map_answer is None else map_answer,
                   "tree": mirror_tree() if tree_answer is None else tree_answer,
                   "file": mirror_file() if file_answer is None else file_answer}  # fmt: skip
        stop = self.stop

        def kind(path: str) -> str:
            if path.startswith("/github/"):
                return "tree"
            if path.startswith("/raw/"):
                return "file"
            return "list" if path.endswith("/public") else "map"

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                answer = answers[kind(self.path.split("?")[0])]
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    if callable(answer):
                        return answer(self, stop)
                    body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{origin}/api/history"
        self.mirror_env = {"FRONTLINE_ATLAS_MIRROR_API_URL": f"{origin}/github",
                           "FRONTLINE_ATLAS_MIRROR_RAW_URL": f"{origin}/raw"}  # fmt: skip

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def endless(handler, stop) -> None:
    """An answer that never ends: zeros as fast as the client takes them (a 1 GB answer)."""
    handler.send_response(200)
    handler.end_headers()
    block = b"[" + b"0," * 32767
    sent = 0
    while not stop.is_set() and sent < 2**30:
        handler.wfile.write(block)
        sent += len(block)


def drip(handler, stop) -> None:
    """One byte a second, forever: beats every socket timeout."""
    handler.send_response(200)
    handler.end_headers()
    while not stop.is_set():
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(1)


def silent(handler, stop) -> None:
    """Accept, then say nothing at all."""
    stop.wait(300)


def redirect_to(location: str):
    """Redirect elsewhere (another scheme, a loop)."""

    def answer(handler, stop):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.end_headers()

    return answer


def lying_length(handler, stop) -> None:
    """Promise 10 MB, send 10 bytes, hang up."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(10 * 2**20))
    handler.end_headers()
    handler.wfile.write(b'{"type": "')
    handler.wfile.flush()
    handler.connection.close()
