"""What changed hands between two dates of a history: settlements, km², places and people.

Method
------
* A settlement **changed hands** when it is held (:mod:`geodata.places`) on one
  date and not on the other; the status at the second date decides the
  direction. Its ``since`` date is the one from which it has been on its new
  side without a break: a place that changed hands back and forth in between
  counts from its last change (Toretsk, taken on 2024-10-16, back on the
  Ukrainian side on 2024-10-23 and taken again on 2024-11-07, is held since
  2024-11-07).
* **Gained** km² is territory held on the second date and not on the first
  (the occupying side's advance), **regained** the reverse (Ukraine's), both
  from the two dates' control geometry, measured per unit in the equal-area
  projection. **Slivers** is the change in what border and coast reconciliation
  adds; ``net_km2`` = ``gained_km2`` - ``regained_km2`` + ``slivers_km2`` is the
  change in the figures ``history`` prints, to within about 0.1 km² on map data
  (each date's edges are measured as projected chords between its own vertices).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geodata.errors import BadInputError, NoMapYetError
from geodata.gazetteer import load_gazetteer, settlement_rows
from geodata.groups import GROUPS
from geodata.history.changes import gained_and_lost
from geodata.history.series import HistorySeries
from geodata.places import PEOPLE_NOTE
from geodata.stats import controlled_area_by_region

#: Direction values in the places table.
TO_OCCUPIER, TO_UKRAINE = "to_occupier", "to_ukraine"
#: How each direction is worded for people.
DIRECTION_TEXT = {TO_OCCUPIER: "taken by the occupying side", TO_UKRAINE: "regained by Ukraine"}

PLACE_COLUMNS = ["geonameid", "name", "name_uk", "region_code", "region", "population",
                 "direction", "since", "lon", "lat"]  # fmt: skip
AREA_COLUMNS = ["level", "code", "name", "gained_km2", "regained_km2", "slivers_km2", "net_km2",
                "places_taken", "places_regained", "people_taken", "people_regained"]  # fmt: skip


@dataclass(frozen=True, eq=False)
class DateChanges:
    """What changed hands from ``first`` to ``second``.

    Attributes
    ----------
    places : pandas.DataFrame
        One row per settlement that changed hands (:data:`PLACE_COLUMNS`), the
        largest first within each direction (taken, then regained).
    areas : pandas.DataFrame
        Per unit, then per group (:data:`AREA_COLUMNS`).
    """

    source: str
    first: dt.date
    second: dt.date
    places: pd.DataFrame
    areas: pd.DataFrame
    reconcile_km: float

    def counts(self) -> dict[str, int]:
        """How many places changed hands each way."""
        directions = self.places["direction"]
        return {TO_OCCUPIER: int((directions == TO_OCCUPIER).sum()),
                TO_UKRAINE: int((directions == TO_UKRAINE).sum())}  # fmt: skip

    @property
    def method(self) -> str:
        """How the figures are made, in a few sentences (shown with every output)."""
        return (
            "Settlements: GeoNames places of 500 people or more (city districts left out), "
            "held when their point lies in "
            f"the held territory (border and coast reconciled at {self.reconcile_km:g} km). "
            "Gained and regained km² from the two dates' control geometry; slivers: the change "
            "in what reconciliation adds; net = gained - regained + slivers, the change in the "
            "figures history prints. Each figure is rounded on its own, so a total can differ "
            "by 0.1 km² from the sum of its rounded parts. " + PEOPLE_NOTE + "."
        )


def row_at_or_before(series: HistorySeries, date: dt.date) -> int:
    """The row of the last date on or before ``date``; :class:`NoMapYetError` if the
    history starts later (BadInputError if it has no dates)."""
    dates = np.array(series.dates, dtype="datetime64[D]")
    row = int(np.searchsorted(dates, np.datetime64(date, "D"), side="right")) - 1
    if row < 0:
        if not series.dates:
            raise BadInputError(series.source, "the history has no dates")
        raise NoMapYetError(series.source, date, series.dates[0])
    return row


def changes_between(series: HistorySeries, first: int, second: int, store=None) -> DateChanges:
    """Settlements and km² that changed hands from row ``first`` to row ``second``.

    ``store`` supplies the two dates' geometry when the history has it (else
    their files are read).
    """
    if series.held is None:
        raise BadInputError(series.source, "this history has no settlement statuses")
    boundaries = series.boundaries
    before, after = series.held[first], series.held[second]
    changed = np.flatnonzero((before != after) & settlement_rows())
    places = _places(series, changed, first, second)
    gained, lost = gained_and_lost(series.territory(first, store), series.territory(second, store))
    gained_km2 = controlled_area_by_region(gained, boundaries)["controlled_km2"].to_numpy()
    lost_km2 = controlled_area_by_region(lost, boundaries)["controlled_km2"].to_numpy()
    slivers = series.added_km2[second] - series.added_km2[first]
    net = series.controlled_km2[second] - series.controlled_km2[first]
    table = pd.DataFrame({
        "level": "unit", "code": list(boundaries.codes),
        "name": boundaries.units["name"].to_numpy(),
        "gained_km2": gained_km2, "regained_km2": lost_km2, "slivers_km2": slivers, "net_km2": net,
    })  # fmt: skip
    for column, direction, value in (
        ("places_taken", TO_OCCUPIER, None), ("places_regained", TO_UKRAINE, None),
        ("people_taken", TO_OCCUPIER, "population"), ("people_regained", TO_UKRAINE, "population"),
    ):  # fmt: skip
        rows = places[places["direction"] == direction]
        counted = (
            rows.groupby("region_code")[value].sum()
            if value
            else rows["region_code"].value_counts()
        )
        table[column] = table["code"].map(counted).fillna(0).astype(np.int64)
    return DateChanges(series.source, series.dates[first], series.dates[second], places,
                       with_groups(table), series.reconcile_km)  # fmt: skip


def with_groups(units: pd.DataFrame) -> pd.DataFrame:
    """A per-unit table (``level``, ``code``, ``name`` and numbers) with its group rows after it."""
    numbers = [c for c in units.columns if c not in ("level", "code", "name")]
    indexed = units.set_index("code")
    groups = [
        {"level": "group", "code": group.id, "name": group.name,
         **indexed.loc[list(group.codes), numbers].sum().to_dict()}
        for group in GROUPS
    ]  # fmt: skip
    table = pd.concat([units, pd.DataFrame(groups)], ignore_index=True)
    for column in numbers:
        if units[column].dtype.kind == "i":
            table[column] = table[column].astype(np.int64)
    return table


def _places(series: HistorySeries, changed: np.ndarray, first: int, second: int) -> pd.DataFrame:
    gazetteer = load_gazetteer()
    regions = dict(zip(series.boundaries.codes, series.boundaries.units["name"], strict=True))
    rows = gazetteer.iloc[changed]
    now_held = series.held[second, changed]
    # The first date of each place's last unbroken run on its new side (the second
    # date is always in it).
    later = series.held[first + 1 : second + 1, :][:, changed] == now_held
    if len(changed):
        days = len(later)
        last_other = days - 1 - (~later[::-1]).argmax(axis=0)  # the last date on the old side
        start = np.where((~later).any(axis=0), last_other + 1, 0)
        since = np.array(series.dates[first + 1 : second + 1], dtype=object)[start]
    else:
        since = np.array([], dtype=object)
    table = pd.DataFrame({
        "geonameid": rows["geonameid"].to_numpy(), "name": rows["name"].to_numpy(),
        "name_uk": rows["name_uk"].to_numpy(), "region_code": rows["region_code"].to_numpy(),
        "region": rows["region_code"].map(regions).to_numpy(),
        "population": rows["population"].to_numpy(),
        "direction": np.where(now_held, TO_OCCUPIER, TO_UKRAINE), "since": since,
        "lon": rows["lon"].to_numpy(), "lat": rows["lat"].to_numpy(),
    })  # fmt: skip
    order = table.sort_values(["direction", "population", "name"], ascending=[True, False, True])
    return order.reset_index(drop=True)[PLACE_COLUMNS]
