"""Write a :class:`~geodata.scenarios.engine.ScenarioResult` as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from geodata.exports.text import comment_line, csv_value
from geodata.figures import is_negligible, round_km2, round_pct
from geodata.language import Language, format_number, say
from geodata.places import PEOPLE_NOTE
from geodata.scenarios.engine import DELTA_COLUMNS, ScenarioResult
from geodata.stats_output import OUTPUT_FORMATS, OutputFormat

CSV_COLUMNS = ["date", "scenario", "level", "code", "name", "area_km2", *DELTA_COLUMNS]


def format_scenario(result: ScenarioResult, output: OutputFormat = "table") -> str:
    """Render a proposal's result as ``table`` (for people), ``csv`` or ``json``.

    The JSON follows ``stats``: ``regions`` and ``groups`` carry ``area_km2`` and
    the before / after / delta fields; the summary fields sit at the top level.
    """
    if output == "json":
        return json.dumps(scenario_to_dict(result), ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        return _csv(result)
    if output == "table":
        return _table(result)
    raise ValueError(
        f"unknown output format {output!r}; choose one of: {', '.join(OUTPUT_FORMATS)}"
    )


def scenario_to_dict(result: ScenarioResult) -> dict:
    """The documented JSON shape; areas to 0.1 km², shares to 0.01, lengths to 0.1 km."""
    proposal = result.proposal
    return {
        "scenario": {
            "id": proposal.id,
            "name": proposal.name,
            "description": proposal.description,
            "sources": list(proposal.sources),
        },
        "date": result.before.date.isoformat() if result.before.date else None,
        "source": result.before.source,
        "regions": _records(result.regions, "code"),
        "groups": _records(result.groups, "id"),
        "to_occupier_km2": round_km2(result.to_occupier_km2),
        "to_ukraine_km2": round_km2(result.to_ukraine_km2),
        "contact_line_km_before": round(result.contact_line_km_before, 1),
        "contact_line_km_after": round(result.contact_line_km_after, 1),
        # Kept for scripts written against earlier versions: the map's cities among them.
        "cities_changing_hands": [
            {"name": row.name, "region": row.code, "to": row.to}
            for row in _map_cities(result.places_changing_hands).itertuples()
        ],
        "places_changing_hands": [
            {
                "geonameid": int(row.geonameid),
                "name": row.name,
                "name_uk": row.name_uk,
                "region": row.code,
                "population": int(row.population),
                "to": row.to,
            }
            for row in result.places_changing_hands.itertuples()
        ],
        "people_changing_hands": {
            "to_occupier": _people(result, "occupier"),
            "to_ukraine": _people(result, "ukraine"),
            "note": PEOPLE_NOTE,
        },
        "demilitarized_zones": [
            {
                "width_km": zone.width_km,
                "area_km2": round_km2(zone.area_km2),
                "occupier_side_km2": round_km2(zone.by_region["occupier_side_km2"].sum()),
                "ukraine_side_km2": round_km2(zone.by_region["ukraine_side_km2"].sum()),
                "regions": [
                    {
                        "code": row.code,
                        "name": row.name,
                        "occupier_side_km2": round_km2(row.occupier_side_km2),
                        "ukraine_side_km2": round_km2(row.ukraine_side_km2),
                    }
                    for row in zone.by_region.itertuples()
                    if row.area_km2 > 0
                ],
            }
            for zone in result.demilitarized_zones
        ],
        "metadata": result.before.method.to_dict(),
    }


def _map_cities(places: pd.DataFrame) -> pd.DataFrame:
    from geodata.cities import load_cities

    cities = places[places["geonameid"].isin(set(load_cities()["geonameid"]))]
    return cities.sort_values(["to", "name"])


def _people(result: ScenarioResult, side: str) -> int:
    places = result.places_changing_hands
    return int(places.loc[places["to"] == side, "population"].sum())


def _records(table: pd.DataFrame, key: str) -> list[dict]:
    records = []
    for row in table.to_dict("records"):
        record = {key: row[key], "name": row["name"], "area_km2": round_km2(row["area_km2"])}
        for column in DELTA_COLUMNS:
            rounded = round_pct if "pct" in column else round_km2
            record[column] = rounded(row[column]) + 0.0  # no -0.0
        records.append(record)
    return records


def _csv(result: ScenarioResult) -> str:
    data = scenario_to_dict(result)
    buffer = io.StringIO()
    buffer.write(result.before.method.csv_comments())
    for line in zone_lines(data):  # a zone's figures are no region's row: said up top
        buffer.write(comment_line(line))
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for level, key in (("group", "groups"), ("region", "regions")):
        for record in data[key]:
            code = record.get("id", record.get("code"))
            values = {k: csv_value(v) for k, v in record.items() if k not in ("id", "code")}
            writer.writerow(
                {"date": data["date"] or "", "scenario": csv_value(data["scenario"]["id"]),
                 "level": level, "code": csv_value(code), **values}
            )  # fmt: skip
    return buffer.getvalue()


def zone_lines(data: dict) -> list[str]:
    """Each demilitarized zone of :func:`scenario_to_dict`'s ``data`` in one line: its
    width, area and the area on each side (the CSV's and spreadsheet's summary).

    >>> (line,) = zone_lines({"demilitarized_zones": [{"width_km": 15, "area_km2": 26078.8,
    ...     "occupier_side_km2": 12592.9, "ukraine_side_km2": 13485.9}]})
    >>> line.split("; ")
    ['Demilitarized zone, 15 km each side: 26,078.8 km²', \
'12,592.9 km² on the occupied side, 13,485.9 km² on the Ukrainian side']
    """
    return [
        f"Demilitarized zone, {zone['width_km']:g} km each side: {zone['area_km2']:,.1f} km²; "
        f"{zone['occupier_side_km2']:,.1f} km² on the occupied side, "
        f"{zone['ukraine_side_km2']:,.1f} km² on the Ukrainian side"
        for zone in data["demilitarized_zones"]
    ]


def transfer_texts(
    result: ScenarioResult, decimals: int = 0, language: Language = "en"
) -> tuple[str, str]:
    """What passes to each side, as two phrases: the one wording of the CLI, panel and maps."""
    return (
        say("To the occupying side: {km2} km²", language,
            km2=format_number(result.to_occupier_km2, decimals, language)),
        say("returned to Ukraine: {km2} km²", language,
            km2=format_number(result.to_ukraine_km2, decimals, language)),
    )  # fmt: skip


def summary_lines(
    result: ScenarioResult, decimals: int = 0, language: Language = "en"
) -> list[str]:
    """A proposal's result in a few sentences: transfers, line of contact, cities, zones.

    The Proposals panel shows them (whole km²), ``scenario`` prints them (one decimal).
    """

    def number(value: float) -> str:
        return format_number(value, decimals, language)

    occupier, ukraine = transfer_texts(result, decimals, language)
    lines = [
        f"{occupier}; {ukraine}",
        say("Line of contact: {before} km before, {after} km after", language,
            before=number(result.contact_line_km_before),
            after=number(result.contact_line_km_after)),
    ]  # fmt: skip
    lines += place_lines(result, language=language)
    for zone in result.demilitarized_zones:
        lines.append(
            say("Demilitarized zone ({width} km each side): {km2} km², {occupied} km² on the "
                "occupied side, {ukrainian} km² on the Ukrainian side", language,
                width=f"{zone.width_km:g}", km2=number(zone.area_km2),
                occupied=number(zone.by_region["occupier_side_km2"].sum()),
                ukrainian=number(zone.by_region["ukraine_side_km2"].sum()))
        )  # fmt: skip
    return lines


#: How many places a summary names on each side (the largest); the JSON lists all.
NAMED_PLACES = 8


def place_lines(
    result: ScenarioResult, named: int = NAMED_PLACES, language: Language = "en"
) -> list[str]:
    """The settlements that change hands each way: how many, their people, the largest by name."""
    lines = []
    places = result.places_changing_hands
    for side, title in (
        ("occupier", "Places passing to the occupying side"),
        ("ukraine", "Places returned to Ukraine"),
    ):
        rows = places[places["to"] == side]
        if rows.empty:
            continue
        shown = rows.head(named)
        if language == "uk":
            names = ", ".join(uk or en for en, uk in zip(shown["name"], shown["name_uk"],
                                                          strict=True))  # fmt: skip
        else:
            names = ", ".join(shown["name"])
        more = (
            say(" and {n} more", language, n=format_number(len(rows) - named, 0, language))
            if len(rows) > named
            else ""
        )
        lines.append(say("{title}: {n}, about {people} people* ({names}{more})", language,
                         title=say(title, language), n=format_number(len(rows), 0, language),
                         people=format_number(int(rows["population"].sum()), 0, language),
                         names=names, more=more))  # fmt: skip
    if len(places):
        lines.append("* " + say(PEOPLE_NOTE, language))
    return lines


def _table(result: ScenarioResult) -> str:
    data = scenario_to_dict(result)
    proposal = result.proposal
    date = data["date"] or "date unknown"
    lines = [f"{proposal.name} — {data['source']} ({date})", ""]
    lines.append(
        f"{'':38} {'area km²':>10} {'occupied':>12} {'after':>12} {'change km²':>11} "
        f"{'before %':>9} {'after %':>8}"
    )
    for record in data["groups"]:
        lines.append(_line(record["name"], record))
    lines.append("")
    changed = [r for r in data["regions"] if not is_negligible(r["delta_km2"])]
    unchanged_held = [
        r for r in data["regions"] if r not in changed and r["controlled_km2_before"] > 0
    ]
    for record in sorted(changed, key=lambda r: -abs(r["delta_km2"])) + unchanged_held:
        lines.append(_line(f"{record['name']} ({record['code']})", record))
    lines += ["", *summary_lines(result, decimals=1)]
    for zone in data["demilitarized_zones"]:
        for region in sorted(
            zone["regions"], key=lambda r: -(r["occupier_side_km2"] + r["ukraine_side_km2"])
        ):
            lines.append(
                f"  {region['name']:20} {region['occupier_side_km2']:10,.1f} km² occupied side, "
                f"{region['ukraine_side_km2']:10,.1f} km² Ukrainian side"
            )
    return "\n".join(lines) + "\n"


def _line(label: str, record: dict) -> str:
    return (
        f"{label[:38]:38} {record['area_km2']:10,.1f} {record['controlled_km2_before']:12,.1f} "
        f"{record['controlled_km2_after']:12,.1f} {record['delta_km2']:+11,.1f} "
        f"{record['controlled_pct_before']:9.2f} {record['controlled_pct_after']:8.2f}"
    )
