"""Fetching DeepStateMap's updates into the store — only when the user asks.

DeepStateMap publishes a list of map updates, each one's map, and its latest map:

* ``GET {base}/public`` → ``[{"id": <epoch seconds>, "createdAt": "<ISO time>",
  "description": …, "descriptionEn": …}, …]``
* ``GET {base}/<id>/geojson`` → the FeatureCollection (bare, or as ``{"map": …}``);
* ``GET {base}/last`` → ``{"id", "datetime", "map": FeatureCollection}``.

Every request goes through :class:`~geodata.history.http_client.HttpClient`
(timeouts, a deadline, retries with back-off, size limits, http(s) only). When
the list is refused (HTTP 401 or 403), :func:`fetch_updates` fetches the daily
maps from the mirror instead (:mod:`geodata.history.mirror`) and says so. An
update whose date is impossible is skipped and named in the report. Each update
is stored in its own transaction: a failure or a cancel keeps what was fetched
before it and changes nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.dates import (
    FUTURE_MARGIN,
    date_from_iso_datetime,
    date_from_timestamp,
    latest_possible_date,
)
from geodata.errors import NetworkError
from geodata.history.compute import NoProgress
from geodata.history.fetched_updates import (
    EARLIEST_UPDATE_DATE,
    MAX_LIST_BYTES,
    MAX_MAP_BYTES,
    MAX_SKIPPED_NOTES,
    FetchReport,
    date_problem,
    map_json,
    store_fetched,
    territory_from_json,
)
from geodata.history.http_client import DEADLINE_S, HttpClient, json_kind, shown
from geodata.history.mirror import Mirror, fetch_mirror
from geodata.history.store import Store
from geodata.language import format_date, language_of, say

__all__ = [
    "DEADLINE_S",
    "EARLIEST_UPDATE_DATE",
    "FUTURE_MARGIN",
    "MAX_LIST_BYTES",
    "MAX_MAP_BYTES",
    "Client",
    "FetchReport",
    "fetch_latest",
    "fetch_updates",
]

DEFAULT_BASE_URL = "https://deepstatemap.live/api/history"
#: Set to another address (a mirror, a test server) to fetch from there.
BASE_URL_VARIABLE = "FRONTLINE_ATLAS_DEEPSTATE_URL"
#: The answers to the list of updates that send the run to the mirror: DeepStateMap
#: refusing it (it has asked for a login at times), not failing to give it.
MIRROR_FALLBACK_STATUSES = (401, 403)


@dataclass(frozen=True, kw_only=True)
class Client(HttpClient):
    """How to reach DeepStateMap: its base address and size limits, on top of the HTTP settings.

    ``timeout_s`` bounds each socket operation (connect, one read);
    ``deadline_s`` bounds a whole request, its retries and back-off included,
    against a server that sends a byte just often enough to beat the timeout.
    """

    base_url: str = ""
    max_list_bytes: int = MAX_LIST_BYTES
    max_map_bytes: int = MAX_MAP_BYTES

    _POSITIVE = ("timeout_s", "deadline_s", "max_list_bytes", "max_map_bytes")

    def url(self, path: str) -> str:
        """The full address of an endpoint below the base."""
        base = self.base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
        return f"{base.rstrip('/')}/{path}"

    def get_json(self, path: str, progress=None, max_bytes: int | None = None):
        """GET an endpoint below the base and parse it; raises :class:`NetworkError`.

        The answer may hold at most ``max_bytes`` (by default ``max_map_bytes``).
        """
        return self.fetch_json(self.url(path), max_bytes or self.max_map_bytes, progress)


def fetch_updates(
    store: Store,
    client: Client | None = None,
    boundaries: BoundarySet | None = None,
    progress=None,
    mirror: Mirror | None = None,
) -> FetchReport:
    """Fetch the updates the store lacks, oldest first, with each one's map and statistics.

    Entries of the list that cannot be used (no id, an impossible date) are
    skipped and named in :attr:`FetchReport.skipped`; a failed request raises
    :class:`NetworkError` and keeps the updates stored before it. When
    DeepStateMap refuses the list (HTTP 401 or 403), the dates the store lacks
    come from ``mirror`` (by default :class:`~geodata.history.mirror.Mirror`'s
    settings) and the report says so (``source="mirror"`` and a note).
    """
    client = client or Client()
    boundaries = boundaries or load_boundaries()
    progress = progress or NoProgress()
    language = language_of(progress)
    progress.report(None, say("Asking DeepStateMap for its list of updates…", language))
    try:
        listing = client.get_json("public", progress, client.max_list_bytes)
    except NetworkError as refused:
        if refused.status not in MIRROR_FALLBACK_STATUSES:
            raise
        return _from_mirror(store, client, mirror, boundaries, progress, refused.status)
    updates, skipped = _parse_listing(listing, client.url("public"))
    del listing
    have = {update.id for update in store.updates()}
    new = [u for u in updates if u["id"] not in have]
    stored = []
    for number, entry in enumerate(new, start=1):
        progress.report((number - 1) / len(new),
                        say("Fetching update {number} of {total} ({date})", language, number=number,
                            total=len(new), date=format_date(entry["date"], language)))  # fmt: skip
        url = client.url(f"{entry['id']}/geojson")
        # Passed on directly: the parsed map goes once it is text again.
        text = map_json(client.fetch_json(url, client.max_map_bytes, progress), url)
        territory = territory_from_json(text, f"deepstate-{entry['id']}.json", entry["date"], url)
        del text
        stored.append(store_fetched(store, boundaries, territory, _fields(entry), progress))
    message = say("New updates stored: {count}", language, count=len(stored))
    if skipped:
        message += "; " + say("{count} skipped, the first: {first}", language,
                              count=len(skipped), first=skipped[0])  # fmt: skip
    progress.report(1.0, message)
    return FetchReport(len(updates), tuple(stored), tuple(skipped))


def fetch_latest(
    store: Store,
    client: Client | None = None,
    boundaries: BoundarySet | None = None,
    progress=None,
) -> FetchReport:
    """Fetch DeepStateMap's latest map (``/last``) and store it as an update, if it is new.

    The map is stored as :func:`fetch_updates` stores an update (its id, its
    ``datetime`` as the time it was made); ``FetchReport.stored`` is empty when
    the store has it already. A document that is not such a map raises
    :class:`NetworkError` naming the address.
    """
    client = client or Client()
    boundaries = boundaries or load_boundaries()
    progress = progress or NoProgress()
    language = language_of(progress)
    progress.report(None, say("Asking DeepStateMap for its latest map…", language))
    url = client.url("last")
    document = client.fetch_json(url, client.max_map_bytes, progress)
    if not isinstance(document, dict):
        raise NetworkError(url, f"the latest map is {json_kind(document)}, not a JSON object")
    try:
        entry = _listed_update(document, latest_possible_date(), time_key="datetime")
    except _Unusable as problem:
        raise NetworkError(url, f"the latest map cannot be used: {problem.reason}") from None
    if entry["id"] in {update.id for update in store.updates()}:
        progress.report(1.0, say("The latest map is already in the store", language))
        return FetchReport(1, (), source="latest")
    text = map_json(document, url)
    del document  # one parsed copy in memory at a time, not two
    territory = territory_from_json(text, f"deepstate-{entry['id']}.json", entry["date"], url)
    del text
    entry["description"] = entry["description"] or "DeepStateMap's latest map"
    stored = store_fetched(store, boundaries, territory, _fields(entry), progress)
    progress.report(1.0, say("The latest map (update {update}) stored", language, update=stored))
    return FetchReport(1, (stored,), source="latest")


def _from_mirror(store, client, mirror, boundaries, progress, status: int) -> FetchReport:
    """The dates the store lacks from the mirror, after DeepStateMap refused its list."""
    mirror = mirror or Mirror()
    refused = f"DeepStateMap's history list refused (HTTP {status})"
    progress.report(None, say("DeepStateMap refused its history list (HTTP {status}); asking the "
                              "mirror {mirror}…", language_of(progress), status=status,
                              mirror=mirror.label))  # fmt: skip
    try:
        report = fetch_mirror(store, mirror, client, boundaries, progress)
    except NetworkError as error:
        reason = f"{error.reason} (the mirror {mirror.label} was asked because {refused})"
        raise NetworkError(error.url, reason, error.status) from None
    note = f"{refused}; fetched from the mirror {mirror.label}"
    return dataclasses.replace(report, notes=(note, *report.notes))


def _fields(entry: dict) -> tuple[int, str, dt.date, str]:
    return entry["id"], entry["created_at"], entry["date"], entry["description"]


def _parse_listing(listing, url: str) -> tuple[list[dict], list[str]]:
    if not isinstance(listing, list):
        raise NetworkError(url, f"the list of updates is {json_kind(listing)}, not a JSON list")
    latest = latest_possible_date()
    updates: dict[int, dict] = {}
    skipped: list[str] = []
    unusable = 0
    for number, item in enumerate(listing, start=1):
        try:
            entry = _listed_update(item, latest)
        except _Unusable as problem:
            unusable += 1
            if unusable <= MAX_SKIPPED_NOTES:
                update_id = item.get("id") if isinstance(item, dict) else None
                named = isinstance(update_id, int) and not isinstance(update_id, bool)
                where = f"update {update_id}" if named else f"entry {number} of the list"
                skipped.append(f"{where}: {problem.reason}")
            continue
        updates.setdefault(entry["id"], entry)  # a repeated id is the same update
    if unusable > MAX_SKIPPED_NOTES:
        skipped.append(f"and {unusable - MAX_SKIPPED_NOTES:,} more entries that cannot be used")
    if listing and not updates:
        raise NetworkError(
            url, f"none of its {len(listing):,} entries is a usable update; the first: {skipped[0]}"
        )
    return sorted(updates.values(), key=lambda u: u["id"]), skipped


def _listed_update(item, latest: dt.date, time_key: str = "createdAt") -> dict:
    """An entry of the list (or the latest map) as id, creation time, date and description."""
    if not isinstance(item, dict):
        raise _Unusable(f"it is {json_kind(item)}, not a JSON object")
    update_id = item.get("id")
    if update_id is None:
        raise _Unusable("it has no id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise _Unusable(f"its id {shown(update_id)} is not a whole number")
    try:
        id_date = date_from_timestamp(update_id)
    except ValueError:
        raise _Unusable("its id is not a time in seconds since 1970") from None
    _check_date(id_date, "its id", latest)
    created = item.get(time_key)
    # The date comes from createdAt when it is a time, as before; else from the id.
    created_date = date_from_iso_datetime(created) if isinstance(created, str) else None
    if created_date is not None:
        _check_date(created_date, f"{time_key} {shown(created)}", latest)
    texts = [item.get(key) for key in ("descriptionEn", "description")]
    return {
        "id": update_id,
        "created_at": created if created_date is not None else "",
        "date": created_date or id_date,
        "description": next((text for text in texts if isinstance(text, str) and text), ""),
    }


def _check_date(date: dt.date, source: str, latest: dt.date) -> None:
    problem = date_problem(date, source, latest)
    if problem:
        raise _Unusable(problem)


class _Unusable(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
