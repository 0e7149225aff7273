"""Write a :class:`~geodata.stats.ControlStats` as a table for people, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from geodata.categories import label_of
from geodata.exports.text import csv_value
from geodata.groups import get_group
from geodata.stats import ADDED, ControlStats

OutputFormat = Literal["table", "csv", "json"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("table", "csv", "json")

#: Column headers for people (tables, spreadsheets) for the fields of the JSON and CSV.
COLUMN_LABELS = {
    "date": "Date", "level": "Level", "id": "Group", "code": "Code", "name": "Name",
    "area_km2": "Area km²", "controlled_km2": "Occupied km²", "controlled_pct": "Occupied %",
    ADDED: "Added by reconciliation km²",
    "controlled_km2_before": "Occupied km² before", "controlled_km2_after": "Occupied km² after",
    "delta_km2": "Change km²", "controlled_pct_before": "Occupied % before",
    "controlled_pct_after": "Occupied % after", "delta_pct_points": "Change, points",
    "places_held": "Settlements held", "places": "Settlements",
    "people_held": "People held (GeoNames est.)", "people": "People (GeoNames est.)",
    "occupier_side_km2": "Zone on the occupied side km²",
    "ukraine_side_km2": "Zone on the Ukrainian side km²",
}  # fmt: skip

CSV_COLUMNS = [
    "date", "level", "code", "name", "area_km2", "controlled_km2", "controlled_pct", ADDED,
]  # fmt: skip


def format_stats(
    stats: ControlStats, output: OutputFormat = "table", group: str | None = None
) -> str:
    """Render statistics as ``table``, ``csv`` or ``json``, optionally limited to one group.

    Parameters
    ----------
    stats : ControlStats
        From :func:`geodata.stats.compute_stats`.
    output : {"table", "csv", "json"}
        A table for people, or CSV / JSON for machines.
    group : str, optional
        A group id (``annexed-2022``, ``crimea-2014``, ``ukraine``): show that group
        and its members only.

    The table ends with a short note on the method; JSON carries it whole as
    ``metadata``, CSV as ``#`` comment lines before the header.

    Raises
    ------
    ValueError
        For an unknown ``output``; :class:`~geodata.errors.UnknownRegionError`
        for an unknown group.
    """
    if group is not None:
        stats = only_group(stats, group)
    if output == "json":
        return json.dumps(stats.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        return _csv(stats)
    if output == "table":
        return _table(stats)
    raise ValueError(
        f"unknown output format {output!r}; choose one of: {', '.join(OUTPUT_FORMATS)}"
    )


def only_group(stats: ControlStats, group_id: str) -> ControlStats:
    """The same statistics limited to one group and its member units.

    >>> from geodata.boundaries import load_boundaries
    >>> from geodata.control import ControlLayer
    >>> from geodata.stats import compute_stats
    >>> b = load_boundaries()
    >>> stats = compute_stats(ControlLayer(b.units.geometry[0], None, "x", "GeoJSON"), b)
    >>> only_group(stats, "crimea-2014").regions["code"].tolist()
    ['UA-40', 'UA-43']
    """
    group = get_group(group_id)
    return stats.only(group.codes, [group.id])


def stats_csv_rows(stats: ControlStats) -> list[dict]:
    """One row per group, then per unit, with the :data:`CSV_COLUMNS` fields, rounded as in JSON."""
    data = stats.to_dict()
    rows = []
    for level, key, records in (
        ("group", "id", data["groups"]),
        ("region", "code", data["regions"]),
    ):
        for record in records:
            rows.append(
                {
                    "date": data["date"] or "",
                    "level": level,
                    "code": csv_value(record[key]),
                    "name": csv_value(record["name"]),
                    "area_km2": record["area_km2"],
                    "controlled_km2": record["controlled_km2"],
                    "controlled_pct": record["controlled_pct"],
                    ADDED: record[ADDED],
                }
            )
    return rows


def _csv(stats: ControlStats) -> str:
    buffer = io.StringIO()
    buffer.write(stats.method.csv_comments())
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(stats_csv_rows(stats))
    return buffer.getvalue()


def _table(stats: ControlStats) -> str:
    date = stats.date.isoformat() if stats.date else "date unknown"
    lines = [f"Occupied area — {stats.source} ({date})", ""]
    header = (
        f"{'':40} {'area km²':>11} {'occupied km²':>13} {'occupied %':>11} {'reconciled km²':>15}"
    )
    lines.append(header)
    for row in stats.groups.to_dict("records"):
        lines.append(_table_line(row["name"], row))
    lines.append("")
    regions = stats.regions.sort_values(["controlled_pct", "name"], ascending=[False, True])
    for row in regions.to_dict("records"):
        lines.append(_table_line(f"{row['name']} ({row['code']})", row))
    lines += _category_lines(stats)
    lines += ["", *_method_footer(stats)]
    return "\n".join(lines) + "\n"


def _category_lines(stats: ControlStats) -> list[str]:
    """The table's section per category the source distinguishes (raw km², groups only)."""
    if stats.categories is None or stats.categories.empty:
        return []
    lines = ["", "By category (raw intersection, no reconciliation)", ""]
    lines.append(f"{'':40} {'km²':>11} {'% of area':>11}")
    groups = stats.categories[stats.categories["level"] == "group"]
    for key, rows in groups.groupby("category", sort=False):
        counted = "counted" if stats.counting.counts(key) else "not counted"
        lines.append(f"{label_of(key)} — {counted} as occupied")
        for row in rows.to_dict("records"):
            lines.append(f"  {row['name'][:38]:38} {row['km2']:11,.1f} {row['pct']:11.2f}")
    return lines


def _table_line(label: str, row: dict) -> str:
    bar = "█" * round(row["controlled_pct"] / 10)
    return (
        f"{label[:40]:40} {row['area_km2']:11,.1f} {row['controlled_km2']:13,.1f} "
        f"{row['controlled_pct']:11.2f} {row.get(ADDED, 0.0):+15,.1f}  {bar}"
    )


def _method_footer(stats: ControlStats) -> list[str]:
    note = stats.method
    if note.reconcile_km:
        reconciled = (
            f"Border and coast reconciliation at {note.reconcile_km:g} km counts "
            f"{note.added_by_reconciliation_km2:,.1f} km² of slivers in all of Ukraine as "
            "occupied (column 'reconciled km²'; --reconcile-km 0 for the raw intersection)."
        )
    else:
        reconciled = "Raw intersection: no border and coast reconciliation (--reconcile-km 0)."
    return [
        reconciled,
        f"Areas: Natural Earth 1:10m boundaries, equal-area projection; all of Ukraine "
        f"{note.ukraine_area_km2:,.0f} km² ({note.occupied_pct:.2f} % occupied; "
        f"{note.occupied_pct_of_official_area:.2f} % of the official {note.official_area_km2:,.0f}"
        " km²).",
    ]
