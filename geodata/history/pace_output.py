"""``changes`` and ``rates`` as a table for people, CSV or JSON (the CLI's and exports' text)."""

from __future__ import annotations

import json

import pandas as pd

from geodata.exports.text import frame_csv, plain_value
from geodata.figures import is_negligible, round_km2
from geodata.history.rates import PACE_METHOD, PERIOD_COLUMNS
from geodata.history.transfers import (
    AREA_COLUMNS,
    DIRECTION_TEXT,
    PLACE_COLUMNS,
    TO_OCCUPIER,
    TO_UKRAINE,
    DateChanges,
)
from geodata.language import Language, format_date, format_number, say
from geodata.places import PEOPLE_NOTE

CHANGE_TABLES = ("places", "areas")
#: How many places of each direction the table for people lists (CSV and JSON list all).
LISTED_PLACES = 40


def _records(table: pd.DataFrame, km2_columns=()) -> list[dict]:
    records = []
    for row in table.to_dict("records"):
        record = {key: plain_value(value) for key, value in row.items()}
        for key in km2_columns:
            if record.get(key) is not None:
                record[key] = round_km2(record[key]) + 0.0
        records.append(record)
    return records


# -- changes between two dates -----------------------------------------------------------------


def changes_to_dict(changes: DateChanges) -> dict:
    """The documented JSON shape of ``changes``."""
    counts = changes.counts()
    people = changes.places.groupby("direction")["population"].sum()
    return {
        "source": changes.source,
        "from": changes.first.isoformat(),
        "to": changes.second.isoformat(),
        "places_taken": counts[TO_OCCUPIER],
        "places_regained": counts[TO_UKRAINE],
        "people_taken": int(people.get(TO_OCCUPIER, 0)),
        "people_regained": int(people.get(TO_UKRAINE, 0)),
        "places": _records(changes.places),
        "areas": _records(changes.areas, [c for c in AREA_COLUMNS if c.endswith("_km2")]),
        "metadata": {
            "method": changes.method,
            "people": PEOPLE_NOTE,
            "reconcile_km": changes.reconcile_km,
        },
    }


def format_changes(changes: DateChanges, output: str = "table", table: str = "places") -> str:
    """``changes`` as ``table`` (for people), ``csv`` (``table``: places or areas) or ``json``."""
    if output == "json":
        return json.dumps(changes_to_dict(changes), ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        comments = [f"{changes.source}: {changes.first} to {changes.second}", changes.method]
        if table == "areas":
            return frame_csv(changes.areas[AREA_COLUMNS], comments)
        return frame_csv(changes.places[PLACE_COLUMNS], comments)
    if output == "table":
        return _changes_table(changes)
    raise ValueError(f"unknown output format {output!r}; choose one of: table, csv, json")


def _km(value: float) -> str:
    """km² to 0.1, never "-0.0"."""
    return f"{round(float(value), 1) + 0.0:,.1f}"


def change_headline(changes: DateChanges, language: Language = "en") -> str:
    """One line: how many places changed hands each way, and their people."""
    places = changes.places
    parts = []
    for direction in (TO_OCCUPIER, TO_UKRAINE):
        rows = places[places["direction"] == direction]
        what = say(DIRECTION_TEXT[direction], language)
        if rows.empty:
            parts.append(say("none {what}", language, what=what))
        else:
            people = int(rows["population"].sum())
            parts.append(say("{n} {what} (about {people} people*)", language, what=what,
                             n=format_number(len(rows), 0, language),
                             people=format_number(people, 0, language)))  # fmt: skip
    return say("Places that changed hands, {first} to {second}: {parts}", language,
               first=format_date(changes.first, language),
               second=format_date(changes.second, language), parts="; ".join(parts))  # fmt: skip


def _changes_table(changes: DateChanges) -> str:
    lines = [change_headline(changes), ""]
    for direction in (TO_OCCUPIER, TO_UKRAINE):
        rows = changes.places[changes.places["direction"] == direction]
        if rows.empty:
            continue
        title = DIRECTION_TEXT[direction]
        lines.append(f"{title[0].upper()}{title[1:]} (largest first):")
        for row in rows.head(LISTED_PLACES).itertuples():
            name = f"{row.name} ({row.name_uk})" if row.name_uk else row.name
            people = f"{row.population:,}" if row.population else "unknown"
            lines.append(f"  {name:<42} {row.region:<24} {people:>10}  since {row.since}")
        if len(rows) > LISTED_PLACES:
            lines.append(f"  … and {len(rows) - LISTED_PLACES:,} more (all of them: --format csv)")
        lines.append("")
    header = (f"{'Region':<44}{'gained km²':>12}{'regained':>10}{'slivers':>9}{'net km²':>10}"
              f"{'taken':>7}{'regained':>9}{'people taken':>14}")  # fmt: skip
    lines += [header]
    for row in changes.areas.itertuples():
        areas = (row.gained_km2, row.regained_km2, row.net_km2)
        changed = row.places_taken or row.places_regained or not all(map(is_negligible, areas))
        if row.level == "unit" and not changed:
            continue
        name = row.name if row.level == "unit" else f"[{row.name}]"
        lines.append(f"{name[:43]:<44}{_km(row.gained_km2):>12}{_km(row.regained_km2):>10}"
                     f"{_km(row.slivers_km2):>9}{_km(row.net_km2):>10}{row.places_taken:>7,}"
                     f"{row.places_regained:>9,}{row.people_taken:>14,}")  # fmt: skip
    lines += ["", changes.method, ""]
    return "\n".join(lines)


# -- gains per period and pace -----------------------------------------------------------------


def rates_to_dict(source: str, period: str, gains: pd.DataFrame, pace: pd.DataFrame,
                  window_days: int) -> dict:  # fmt: skip
    """The documented JSON shape of ``rates``."""
    km2 = ["held_km2", "change_km2", "area_km2", "remaining_km2"]
    return {
        "source": source,
        "period": period,
        "periods": _records(gains, km2),
        "pace": _records(pace.drop(columns=["text"]).assign(text=pace["text"]), km2),
        "metadata": {"method": PACE_METHOD.format(days=window_days), "people": PEOPLE_NOTE},
    }


def format_rates(source: str, period: str, gains: pd.DataFrame, pace: pd.DataFrame,
                 window_days: int, output: str = "table", level: str = "group") -> str:  # fmt: skip
    """``rates`` as ``table`` (groups, or ``level``), ``csv`` (the periods) or ``json``."""
    if output == "json":
        data = rates_to_dict(source, period, gains, pace, window_days)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        comments = [f"{source}: gains per {period}", PACE_METHOD.format(days=window_days)]
        return frame_csv(gains[PERIOD_COLUMNS], comments)
    if output == "table":
        return _rates_table(period, gains, pace, window_days, level)
    raise ValueError(f"unknown output format {output!r}; choose one of: table, csv, json")


def _rates_table(period: str, gains: pd.DataFrame, pace: pd.DataFrame, window_days: int,
                 level: str) -> str:  # fmt: skip
    shown = gains[gains["level"] == level]
    codes = list(dict.fromkeys(shown["code"]))
    names = dict(zip(shown["code"], shown["name"], strict=False))
    # Columns as wide as the longest name (a group's is up to 36 characters), at least 24.
    width = max([24, *(len(names[c]) + 2 for c in codes)])
    lines = [f"Change in held km² per {period} (places taken / regained in brackets)"]
    lines.append(f"{period.capitalize():<12}" + "".join(f"{names[c]:>{width}}" for c in codes))
    for label, rows in shown.groupby("period", sort=False):
        cells = []
        for code in codes:
            row = rows[rows["code"] == code].iloc[0]
            if pd.isna(row["last_date"]):
                cells.append(f"{'no data':>{width}}")
            elif pd.isna(row["change_km2"]):  # a first period of one date: no change
                cells.append(f"{'—':>{width}}")
            else:
                text = (f"{round_km2(row['change_km2']) + 0.0:+,.1f} "
                        f"({int(row['places_taken'])}/{int(row['places_regained'])})")  # fmt: skip
                cells.append(f"{text:>{width}}")
        lines.append(f"{label:<12}" + "".join(cells))
    lines += ["", f"Pace over the last {window_days} day{'s' if window_days != 1 else ''}:"]
    for row in pace[pace["level"] == level].itertuples():
        # Rounded before the sign is written: -0.001 is +0.00, not -0.00.
        value = row.rate_km2_per_day
        rate = "—" if pd.isna(value) else f"{round(value, 2) + 0.0:+.2f}"
        lines.append(f"  {row.name[:40]:<42}{row.held_pct:>7.2f} %  {rate:>8} "
                     f"km²/day  {row.text}")  # fmt: skip
    lines += ["", PACE_METHOD.format(days=window_days), ""]
    return "\n".join(lines)
