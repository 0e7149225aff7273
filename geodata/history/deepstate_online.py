"""Fetching DeepStateMap's updates into the store — only when the user asks.

DeepStateMap publishes a list of map updates and, for each, its map:

* ``GET {base}/public`` → ``[{"id": <epoch seconds>, "createdAt": "<ISO time>",
  "description": …, "descriptionEn": …}, …]``
* ``GET {base}/<id>/geojson`` → the FeatureCollection (bare, or as ``{"map": …}``).

Each request has a timeout and is retried with exponential back-off on
timeouts, connection errors, server errors (5xx) and cut-off or garbled
answers. Each update is stored in its own transaction: a failure or a cancel
keeps what was fetched before it and changes nothing else.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import orjson
import shapely

import geodata
from geodata.boundaries import BoundarySet, load_boundaries
from geodata.dates import date_from_iso_datetime, date_from_timestamp
from geodata.errors import BadInputError, NetworkError
from geodata.history.compute import NoProgress
from geodata.history.store import Store, Update, content_hash
from geodata.importers import read_control_layer
from geodata.stats import controlled_area_by_region

DEFAULT_BASE_URL = "https://deepstatemap.live/api/history"
#: Set to another address (a mirror, a test server) to fetch from there.
BASE_URL_VARIABLE = "FRONTLINE_ATLAS_DEEPSTATE_URL"
CREDIT = "Control areas: DeepStateMap"


@dataclass(frozen=True)
class FetchReport:
    """What an update run did: the updates listed, the new ones stored."""

    listed: int
    stored: tuple[int, ...]


@dataclass(frozen=True)
class Client:
    """How to reach DeepStateMap: base address, timeout per request, retries and back-off."""

    base_url: str = ""
    timeout_s: float = 20.0
    retries: int = 3
    backoff_s: float = 1.0

    def url(self, path: str) -> str:
        """The full address of an endpoint below the base."""
        base = self.base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
        return f"{base.rstrip('/')}/{path}"

    def get_json(self, path: str, progress=None):
        """GET and parse JSON, retrying transient failures; raises :class:`NetworkError`."""
        url = self.url(path)
        progress = progress or NoProgress()
        last = "no answer"
        for attempt in range(self.retries + 1):
            progress.check()
            try:
                return self._get_once(url)
            except _Permanent as failure:
                raise NetworkError(url, failure.reason) from None
            except _Transient as failure:
                last = failure.reason
            if attempt < self.retries:
                self._sleep(self.backoff_s * 2**attempt, progress)
        tries = self.retries + 1
        raise NetworkError(url, f"{last} ({tries} attempt{'s' if tries > 1 else ''})")

    def _get_once(self, url: str):
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"frontline-atlas/{geodata.__version__}",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                body = response.read()
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
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise _Transient(f"the answer is not valid JSON ({error})") from None

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
    """Fetch the updates the store lacks, oldest first, with each one's map and statistics."""
    client = client or Client()
    boundaries = boundaries or load_boundaries()
    progress = progress or NoProgress()
    progress.report(None, "Asking DeepStateMap for its list of updates…")
    listing = client.get_json("public", progress)
    updates = _parse_listing(listing, client.url("public"))
    have = {update.id for update in store.updates()}
    new = [u for u in updates if u["id"] not in have]
    stored = []
    for number, entry in enumerate(new, start=1):
        progress.report(
            (number - 1) / len(new), f"Fetching update {number} of {len(new)} ({entry['date']})"
        )
        document = client.get_json(f"{entry['id']}/geojson", progress)
        territory = _territory(document, entry, client.url(f"{entry['id']}/geojson"))
        wkb = shapely.to_wkb(territory)
        km2 = controlled_area_by_region(territory, boundaries)["controlled_km2"].to_numpy()
        update = Update(
            entry["id"], entry["created_at"], entry["date"], entry["description"], content_hash(wkb)
        )
        progress.check()
        store.save_update(update, wkb, km2, boundaries.version)
        stored.append(update.id)
    progress.report(1.0, f"{len(stored)} new update{'s' if len(stored) != 1 else ''} stored")
    return FetchReport(len(updates), tuple(stored))


def _parse_listing(listing, url: str) -> list[dict]:
    if not isinstance(listing, list):
        raise NetworkError(url, "the list of updates is not a JSON list")
    updates = []
    for item in listing:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), int)
            or isinstance(item.get("id"), bool)
        ):
            continue
        created = item.get("createdAt") if isinstance(item.get("createdAt"), str) else ""
        date = date_from_iso_datetime(created) if created else None
        date = date or date_from_timestamp(item["id"])
        text = item.get("descriptionEn") or item.get("description") or ""
        updates.append({"id": item["id"], "created_at": created, "date": date,
                        "description": text if isinstance(text, str) else ""})  # fmt: skip
    if listing and not updates:
        raise NetworkError(url, "the list of updates holds no update with an id")
    return sorted(updates, key=lambda u: u["id"])


def _territory(document, entry: dict, url: str) -> shapely.Geometry:
    # The importers read files: hand them the answer as one, so an update is read
    # exactly as a saved DeepStateMap document would be.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"deepstate-{entry['id']}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        try:
            return read_control_layer(path, date=entry["date"]).controlled
        except BadInputError as error:
            raise NetworkError(url, f"the map cannot be used: {error.reason}") from None


class _Transient(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Permanent(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
