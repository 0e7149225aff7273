"""Two sources for (about) the same date, side by side: where they agree and where they differ.

An analyst's first question about a figure is how sure it is. Comparing the
control layer of one source (A: DeepStateMap, say) with another's (B: an export
of the ISW/CTP map, a colleague's KML) for the same or the nearest date gives:

* the territory held in both, only in A and only in B (WGS84, for the map);
* per oblast and group, the occupied km² and % in each, as ``stats`` gives them
  (each reconciled the same way), and B - A — so a difference here is exactly the
  difference of the two files' ``stats`` figures;
* the km² held only in A and only in B (the raw geometry: the two numbers need
  not net to B - A, which includes each source's reconciled slivers);
* the settlements of the gazetteer held in one and not in the other.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import BoundarySet, load_boundaries
from geodata.control import ControlLayer
from geodata.exports.text import frame_csv, plain_value
from geodata.figures import is_negligible, round_km2, round_pct
from geodata.gazetteer import load_gazetteer, settlement_rows
from geodata.history.changes import gained_and_lost
from geodata.history.transfers import with_groups
from geodata.language import Language, say, short_number
from geodata.places import PEOPLE_NOTE
from geodata.reconcile import DEFAULT_TOLERANCE_KM
from geodata.stats import ControlStats, compute_stats, controlled_area_by_region

TABLE_COLUMNS = ["level", "code", "name", "area_km2", "a_km2", "a_pct", "b_km2", "b_pct",
                 "difference_km2", "difference_points", "only_a_km2", "only_b_km2"]  # fmt: skip
#: How a comparison is made (:meth:`Comparison.method_in`; the people note follows it).
METHOD = (
    "Occupied km² and % as stats gives them for each source (border and coast reconciled at "
    "{km} km in both); difference = B - A. Only in A / only in B: the raw geometry of one less "
    "the other's. Settlements: GeoNames places held in one source and not in the other."
)
PLACE_COLUMNS = ["geonameid", "name", "name_uk", "region_code", "region", "population",
                 "held_in"]  # fmt: skip


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two control layers compared (A first, B second)."""

    a: ControlLayer
    b: ControlLayer
    stats_a: ControlStats
    stats_b: ControlStats
    both: shapely.Geometry
    only_a: shapely.Geometry
    only_b: shapely.Geometry
    table: pd.DataFrame  # TABLE_COLUMNS, units then groups
    places: pd.DataFrame  # PLACE_COLUMNS: settlements held in one source only

    @property
    def date_gap_days(self) -> int | None:
        """Days between the two layers' dates (B - A), or None when either is unknown."""
        if self.a.date is None or self.b.date is None:
            return None
        return (self.b.date - self.a.date).days

    @property
    def method(self) -> str:
        """How the comparison is made, in a few sentences (English: :meth:`method_in`)."""
        return self.method_in("en")

    def method_in(self, language: Language | str) -> str:
        """How the comparison is made, in ``language`` (``en`` or ``uk``)."""
        km = short_number(self.stats_a.reconcile_km, language)
        return say(METHOD, language, km=km) + " " + say(PEOPLE_NOTE, language) + "."


def compare_layers(
    a: ControlLayer,
    b: ControlLayer,
    reconcile_km: float = DEFAULT_TOLERANCE_KM,
    boundaries: BoundarySet | None = None,
) -> Comparison:
    """Compare two control layers (see the module's description)."""
    boundaries = boundaries or load_boundaries()
    stats_a = compute_stats(a, boundaries, reconcile_km)
    stats_b = compute_stats(b, boundaries, reconcile_km)
    only_b, only_a = gained_and_lost(a.controlled, b.controlled)
    both = shapely.intersection(a.controlled, b.controlled)
    ra, rb = stats_a.regions, stats_b.regions
    units = pd.DataFrame({
        "level": "unit", "code": ra["code"].to_numpy(), "name": ra["name"].to_numpy(),
        "area_km2": ra["area_km2"].to_numpy(),
        "a_km2": ra["controlled_km2"].to_numpy(), "b_km2": rb["controlled_km2"].to_numpy(),
        "only_a_km2": _km2(only_a, boundaries), "only_b_km2": _km2(only_b, boundaries),
    })  # fmt: skip
    table = with_groups(units)
    # Every share as stats gives it (one formula, geodata.figures.share_pct).
    table["a_pct"], table["b_pct"] = np.nan, np.nan
    groups_a = stats_a.groups.set_index("id")["controlled_pct"]
    groups_b = stats_b.groups.set_index("id")["controlled_pct"]
    is_group = table["level"] == "group"
    table.loc[is_group, "a_pct"] = table.loc[is_group, "code"].map(groups_a).to_numpy()
    table.loc[is_group, "b_pct"] = table.loc[is_group, "code"].map(groups_b).to_numpy()
    unit_pct_a = ra.set_index("code")["controlled_pct"]
    unit_pct_b = rb.set_index("code")["controlled_pct"]
    table.loc[~is_group, "a_pct"] = table.loc[~is_group, "code"].map(unit_pct_a).to_numpy()
    table.loc[~is_group, "b_pct"] = table.loc[~is_group, "code"].map(unit_pct_b).to_numpy()
    table["difference_km2"] = table["b_km2"] - table["a_km2"]
    table["difference_points"] = table["b_pct"] - table["a_pct"]
    return Comparison(a, b, stats_a, stats_b, both, only_a, only_b, table[TABLE_COLUMNS],
                      _places(stats_a, stats_b, boundaries))  # fmt: skip


def _km2(geometry, boundaries: BoundarySet) -> np.ndarray:
    return controlled_area_by_region(geometry, boundaries)["controlled_km2"].to_numpy()


def _places(stats_a: ControlStats, stats_b: ControlStats, boundaries: BoundarySet) -> pd.DataFrame:
    if stats_a.held is None or stats_b.held is None:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    differ = np.flatnonzero((stats_a.held != stats_b.held) & settlement_rows())
    places = load_gazetteer().iloc[differ]
    regions = dict(zip(boundaries.codes, boundaries.units["name"], strict=True))
    table = pd.DataFrame({
        "geonameid": places["geonameid"].to_numpy(), "name": places["name"].to_numpy(),
        "name_uk": places["name_uk"].to_numpy(), "region_code": places["region_code"].to_numpy(),
        "region": places["region_code"].map(regions).to_numpy(),
        "population": places["population"].to_numpy(),
        "held_in": np.where(stats_a.held[differ], "A", "B"),
    })  # fmt: skip
    return table.sort_values(["population", "name"], ascending=[False, True]).reset_index(drop=True)


# -- output ----------------------------------------------------------------------------------


def comparison_to_dict(comparison: Comparison) -> dict:
    """The documented JSON shape of ``compare``."""

    def rounded(record: dict) -> dict:
        out = {}
        for key, value in record.items():
            value = plain_value(value)
            if isinstance(value, float):
                value = round_pct(value) if key.endswith(("pct", "points")) else round_km2(value)
                value += 0.0
            out[key] = value
        return out

    def side(layer: ControlLayer) -> dict:
        return {"source": layer.source, "date": layer.date.isoformat() if layer.date else None}

    return {
        "a": side(comparison.a),
        "b": side(comparison.b),
        "date_gap_days": comparison.date_gap_days,
        "rows": [rounded(r) for r in comparison.table.to_dict("records")],
        "places": [rounded(r) for r in comparison.places.to_dict("records")],
        "metadata": {"method": comparison.method, "reconcile_km": comparison.stats_a.reconcile_km},
    }


def format_comparison(comparison: Comparison, output: str = "table") -> str:
    """``compare`` as ``table`` (for people), ``csv`` (the per-oblast rows) or ``json``."""
    if output == "json":
        return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        return frame_csv(comparison.table, [_headline(comparison), comparison.method])
    if output == "table":
        return _table(comparison)
    raise ValueError(f"unknown output format {output!r}; choose one of: table, csv, json")


def _headline(comparison: Comparison) -> str:
    gap = comparison.date_gap_days
    when = "" if gap is None else (" (same date)" if gap == 0 else f" ({gap:+d} days)")
    return (f"A: {comparison.a.source} ({_date(comparison.a.date)}) vs B: {comparison.b.source} "
            f"({_date(comparison.b.date)}){when}")  # fmt: skip


def _date(date: dt.date | None) -> str:
    return date.isoformat() if date else "date unknown"


def _table(comparison: Comparison) -> str:
    lines = [_headline(comparison), ""]
    lines.append(f"{'Region':<40}{'A km²':>11}{'A %':>8}{'B km²':>11}{'B %':>8}"
                 f"{'B-A km²':>10}{'only A':>9}{'only B':>9}")  # fmt: skip
    for row in comparison.table.itertuples():
        quiet = all(map(is_negligible, (row.a_km2, row.b_km2, row.only_a_km2, row.only_b_km2)))
        if row.level == "unit" and quiet:
            continue
        name = row.name if row.level == "unit" else f"[{row.name}]"
        lines.append(f"{name[:39]:<40}{row.a_km2:>11,.1f}{row.a_pct:>8.2f}{row.b_km2:>11,.1f}"
                     f"{row.b_pct:>8.2f}{row.difference_km2 + 0.0:>+10,.1f}{row.only_a_km2:>9,.1f}"
                     f"{row.only_b_km2:>9,.1f}")  # fmt: skip
    places = comparison.places
    lines += ["", f"Settlements held in one source only: {len(places):,}"]
    for row in places.head(30).itertuples():
        lines.append(
            f"  {row.name:<30} {row.region:<22} {row.population:>9,}  held in {row.held_in}"
        )
    if len(places) > 30:
        lines.append(f"  … and {len(places) - 30:,} more (all of them: --format json)")
    lines += ["", comparison.method, ""]
    return "\n".join(lines)
