"""What every online source does with what it fetched: the limits, the map read, the update stored.

DeepStateMap's list of updates, its latest map and the mirror of daily files
(:mod:`~geodata.history.deepstate_online`, :mod:`~geodata.history.mirror`) all
end here: a map is read exactly as a saved file would be (the importers read
files), measured, and stored as one update in its own transaction, so a failure
or a cancel keeps what was fetched before it. :class:`FetchReport` says what a
run did, whichever source it used.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import orjson
import shapely

from geodata.boundaries import BoundarySet
from geodata.errors import BadInputError, NetworkError
from geodata.history.store import Store, Update, content_hash
from geodata.importers import read_control_layer
from geodata.stats import controlled_area_by_region, figures_key

_MIB = 2**20
#: The most one map (or one mirrored file) may hold: DeepStateMap's maps are 1 to
#: 5 MB, so this leaves room to grow. Parsed, a map takes some 17 times its size
#: in memory: at this limit about half a gigabyte, where 64 MiB would pass a gigabyte.
MAX_MAP_BYTES = 32 * _MIB
#: The most a list (DeepStateMap's updates, the mirror's files) may hold: a few MB
#: at most today (some 2,000 updates with a Ukrainian and an English description
#: each; some 800 files). Parsed, 8 MiB of tiny entries can still take some 200 MB:
#: this is not the place to go higher.
MAX_LIST_BYTES = 8 * _MIB
#: Updates dated before this or after today (in Kyiv) plus the margin are
#: impossible and skipped: the war's maps begin in 2014, and the margin allows
#: for the server's clock and time zone.
EARLIEST_UPDATE_DATE = dt.date(2014, 1, 1)
#: Notes on skipped entries beyond these many would only repeat; a hostile list could hold millions.
MAX_SKIPPED_NOTES = 100

#: Where a run's updates came from: DeepStateMap's list, its latest map, or the mirror.
FetchSource = Literal["deepstatemap", "latest", "mirror"]


@dataclass(frozen=True)
class FetchReport:
    """What an update run did: the usable entries listed, the new ones stored, the ones skipped.

    ``listed`` counts the usable entries only (updates, or the mirror's dated
    files); each of ``skipped`` (at most 100, then one line counting the rest)
    names an entry and why it cannot be used, e.g. ``update 1732190400: its date
    9999-06-01 (from createdAt "9999-06-01T00:00:00Z") is not between
    2014-01-01 and 2024-11-22``. ``source`` says where the updates came from and
    ``notes`` what the user should know about it (a fallback to the mirror).

    Examples
    --------
    >>> FetchReport(3, (1732104000,)).summary()
    '3 updates listed, 1 new stored'
    >>> FetchReport(30, (), ("data/x.geojson: no date",), source="mirror").summary()
    '30 dated files listed by the mirror, 0 new stored, 1 skipped'
    """

    listed: int
    stored: tuple[int, ...]
    skipped: tuple[str, ...] = ()
    source: FetchSource = "deepstatemap"
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the user: what was listed, stored and skipped."""
        if self.source == "latest":
            text = (f"the latest map (update {self.stored[0]}) stored" if self.stored
                    else "the latest map is already in the store")  # fmt: skip
        else:
            mirror = self.source == "mirror"
            what = "dated files listed by the mirror" if mirror else "updates listed"
            text = f"{self.listed} {what}, {len(self.stored)} new stored"
        return text + (f", {len(self.skipped)} skipped" if self.skipped else "")


def date_problem(date: dt.date, source: str, latest: dt.date) -> str | None:
    """Why an update's date is impossible, or None when it is possible.

    >>> date_problem(dt.date(2013, 5, 1), "its id", dt.date(2024, 11, 22))
    'its date 2013-05-01 (from its id) is not between 2014-01-01 and 2024-11-22'
    """
    if EARLIEST_UPDATE_DATE <= date <= latest:
        return None
    return f"its date {date} (from {source}) is not between {EARLIEST_UPDATE_DATE} and {latest}"


def map_json(document, url: str) -> bytes:
    """A parsed map as JSON text again, to be read as a file; the parsed copy can then go."""
    try:
        return orjson.dumps(document)
    except orjson.JSONEncodeError:  # read by orjson, so only its depth can be wrong
        raise NetworkError(url, "the map cannot be used: it is nested too deeply") from None


def territory_from_json(text: bytes, name: str, date: dt.date, url: str) -> shapely.Geometry:
    """The occupied territory of a map given as JSON text, read as the file ``name`` would be."""
    with tempfile.TemporaryDirectory(prefix="frontline-atlas-") as folder:
        path = Path(folder) / name
        path.write_bytes(text)
        del text  # the caller's copy may go too; the importer reads the file
        return territory_from_file(path, date, url)


def territory_from_file(path: Path, date: dt.date, url: str) -> shapely.Geometry:
    """The occupied territory of a fetched file; a file that cannot be used names ``url``."""
    try:
        return read_control_layer(path, date=date).controlled
    except BadInputError as error:
        raise NetworkError(url, f"the map cannot be used: {error.reason}") from None


def store_fetched(
    store: Store,
    boundaries: BoundarySet,
    territory: shapely.Geometry,
    update: tuple[int, str, dt.date, str],
    progress,
) -> int:
    """Measure a fetched map and store it as the update ``(id, created_at, date, description)``.

    One transaction: the update, its snapshot and its figures are stored
    together or not at all. A cancel is seen just before it; returns the id.
    """
    update_id, created_at, date, description = update
    wkb = shapely.to_wkb(territory)
    km2 = controlled_area_by_region(territory, boundaries)["controlled_km2"].to_numpy()
    stored = Update(update_id, created_at, date, description, content_hash(wkb))
    progress.check()
    store.save_update(stored, wkb, km2, figures_key(boundaries))
    return update_id
