"""A computed history: dates × units of controlled km², with per-date statistics and output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import BoundarySet
from geodata.control import ControlLayer, credit_for
from geodata.errors import BadInputError
from geodata.exports.text import csv_value
from geodata.figures import round_km2, round_pct, share_pct
from geodata.groups import GROUPS
from geodata.importers import read_control_layer
from geodata.language import Language, format_number, say
from geodata.places import PEOPLE_NOTE, places_by_unit
from geodata.stats import ADDED, ControlStats, controlled_area_by_group, region_table
from geodata.stats_output import CSV_COLUMNS


@dataclass(frozen=True, eq=False)
class HistorySeries:
    """Controlled km² per unit for each date of a history (rows follow ``dates``)."""

    source: str
    dates: tuple[dt.date, ...]
    keys: tuple[str, ...]  # content hash of each date's snapshot
    labels: tuple[str, ...]  # where each date came from (a file name)
    controlled_km2: np.ndarray  # shape (len(dates), 27), units in the boundary set's order
    boundaries: BoundarySet
    notes: tuple[str, ...] = ()
    paths: tuple[Path | None, ...] = ()  # the file of each date, where it came from one
    # What border and coast reconciliation added (included in controlled_km2), and its tolerance.
    added_km2: np.ndarray | None = None
    reconcile_km: float = 0.0
    # Why each file that could not be read was left out (its dates are not in the history).
    skipped: tuple[str, ...] = ()
    # Which gazetteer places are held on each date (dates × places), if known.
    held: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.added_km2 is None:
            object.__setattr__(self, "added_km2", np.zeros_like(self.controlled_km2))

    def __len__(self) -> int:
        return len(self.dates)

    def index_of(self, date: dt.date) -> int:
        """The row of a date; raises KeyError when the history has no snapshot that day."""
        try:
            return self.dates.index(date)
        except ValueError:
            raise KeyError(date) from None

    def between(self, start: dt.date | None = None, end: dt.date | None = None) -> HistorySeries:
        """The dates from ``start`` to ``end`` (both included, either open)."""
        keep = [
            i
            for i, d in enumerate(self.dates)
            if (start is None or d >= start) and (end is None or d <= end)
        ]
        return HistorySeries(
            self.source,
            tuple(self.dates[i] for i in keep),
            tuple(self.keys[i] for i in keep),
            tuple(self.labels[i] for i in keep),
            self.controlled_km2[keep],
            self.boundaries,
            self.notes,
            tuple(self.paths[i] for i in keep) if self.paths else (),
            self.added_km2[keep],
            self.reconcile_km,
            self.skipped,
            self.held[keep] if self.held is not None else None,
        )

    def territory(self, row: int, store=None) -> shapely.Geometry:
        """A date's controlled territory (WGS84): from the store when it has it, else its file."""
        if store is not None:
            wkb = store.geometry_wkb(self.keys[row])
            if wkb is not None:
                return shapely.from_wkb(wkb)
        path = self.paths[row] if self.paths else None
        if path is None:
            where = store.path if store is not None else Path(self.source)
            raise BadInputError(
                where, f"the map of {self.dates[row]} is neither in the store nor in a file"
            )
        return read_control_layer(path, date=self.dates[row]).controlled

    def layer_at(self, row: int, store=None, language: Language = "en") -> ControlLayer:
        """One date as a control layer: its territory, date and where it came from
        (its kind, "history of … dates", in ``language``)."""
        source = self.source if self.source.startswith("DeepStateMap") else self.labels[row]
        kind = say("history of {n} dates ({source})", language,
                   n=format_number(len(self), 0, language), source=self.source)  # fmt: skip
        return ControlLayer(self.territory(row, store), self.dates[row], source, kind)

    def stats_at(self, row: int) -> ControlStats:
        """One date's statistics, as :func:`geodata.stats.compute_stats` gives them."""
        regions = region_table(self.boundaries, self.controlled_km2[row], self.added_km2[row])
        return ControlStats(
            self.dates[row],
            self.labels[row],
            regions,
            controlled_area_by_group(regions),
            reconcile_km=self.reconcile_km,
            credit=credit_for(self.labels[row]),
            held=self.held[row] if self.held is not None else None,
        )

    def group_km2(self) -> pd.DataFrame:
        """Controlled km² of each group (columns) for each date (index)."""
        codes = self.boundaries.codes
        data = {
            group.id: self.controlled_km2[:, [codes.index(c) for c in group.codes]].sum(axis=1)
            for group in GROUPS
        }
        return pd.DataFrame(data, index=pd.Index(self.dates, name="date"))

    def group_pct(self) -> pd.DataFrame:
        """Occupied share (%) of each group (columns) for each date (index)."""
        km2, areas = self.group_km2(), self.group_area_km2()
        return pd.DataFrame(
            {key: share_pct(km2[key].to_numpy(), areas[key]) for key in km2}, index=km2.index
        )

    def unit_pct(self) -> np.ndarray:
        """Occupied share (%) of each unit (columns, in boundary order) for each date (rows)."""
        return share_pct(self.controlled_km2, self.boundaries.area_km2)

    def group_area_km2(self) -> dict[str, float]:
        """Each group's area in km²."""
        codes = self.boundaries.codes
        return {
            group.id: float(self.boundaries.area_km2[[codes.index(c) for c in group.codes]].sum())
            for group in GROUPS
        }

    def records(self) -> list[dict]:
        """Per date: ``{"date", "source", "regions": [...], "groups": [...]}`` as ``stats`` JSON."""
        codes = self.boundaries.codes
        names = self.boundaries.units["name"].tolist()
        areas = self.boundaries.area_km2
        groups = [(g, [codes.index(c) for c in g.codes]) for g in GROUPS]
        group_areas = [float(areas[rows].sum()) for _g, rows in groups]
        # Settlements and people held, per unit and date (one matrix product for all dates).
        held = places_by_unit(self.held, self.boundaries) if self.held is not None else None
        out = []
        for row, date in enumerate(self.dates):
            km2, added = self.controlled_km2[row], self.added_km2[row]
            regions = [
                _record("code", code, name, areas[i], km2[i], added[i])
                for i, (code, name) in enumerate(zip(codes, names, strict=True))
            ]
            group_records = [
                _record("id", g.id, g.name, area, km2[rows].sum(), added[rows].sum())
                for (g, rows), area in zip(groups, group_areas, strict=True)
            ]
            if held is not None:
                counts = held[row]
                for i, record in enumerate(regions):
                    record.update(_people(counts[:, [i]]))
                for (_g, rows), record in zip(groups, group_records, strict=True):
                    record.update(_people(counts[:, rows]))
            out.append({"date": date.isoformat(), "source": self.labels[row],
                        "regions": regions, "groups": group_records})  # fmt: skip
        return out

    @property
    def method(self):
        """The :class:`~geodata.method.MethodNote` of the history (figures of its last date)."""
        from geodata.categories import HISTORY_COUNTING
        from geodata.method import method_note_for

        if not self.dates:
            return method_note_for(
                None, self.source, self.source, self.reconcile_km, 0.0, 0.0,
                categories=HISTORY_COUNTING,
            )  # fmt: skip
        last = len(self.dates) - 1
        period = f"{self.dates[0].isoformat()} … {self.dates[-1].isoformat()}"
        return method_note_for(
            self.dates[last], self.source, credit_for(self.labels[last]), self.reconcile_km,
            float(self.added_km2[last].sum()), float(self.controlled_km2[last].sum()), period,
            categories=HISTORY_COUNTING,
        )  # fmt: skip

    def to_csv(self) -> str:
        """One row per date and group or unit, with the ``stats`` CSV columns, after ``#`` notes."""
        buffer = io.StringIO()
        buffer.write(self.method.csv_comments())
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for entry in self.records():
            for level, key, records in (
                ("group", "id", entry["groups"]),
                ("region", "code", entry["regions"]),
            ):
                for r in records:
                    writer.writerow((entry["date"], level, csv_value(r[key]),
                                     csv_value(r["name"]), r["area_km2"],
                                     r["controlled_km2"], r["controlled_pct"],
                                     r[ADDED]))  # fmt: skip
        return buffer.getvalue()

    def to_json(self) -> str:
        """``{"source", "dates": [{"date", "source", "regions", "groups"}, ...], "metadata"}``."""
        data = {"source": self.source, "dates": self.records(), "metadata": self.method.to_dict()}
        if self.held is not None:
            data["metadata"]["people"] = PEOPLE_NOTE
        return json.dumps(data, ensure_ascii=False) + "\n"


def _people(counts: np.ndarray) -> dict:
    """``places_held`` and ``people_held`` from a (2, units) slice of :func:`places_by_unit`."""
    places, people = counts.sum(axis=1)
    return {"places_held": int(places.round()), "people_held": int(people.round())}


def _record(key: str, value: str, name: str, area: float, km2: float, added: float) -> dict:
    return {
        key: value,
        "name": name,
        "area_km2": round_km2(area),
        "controlled_km2": round_km2(km2),
        "controlled_pct": round_pct(share_pct(km2, area)),
        ADDED: round_km2(added),
    }
