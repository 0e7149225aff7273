"""``frontline-atlas --self-test``: check that an installation works, offline, step by step.

It loads the boundaries and any bundled control data, computes statistics,
renders the map offscreen to a PNG (the app's own page, so QtWebEngine, Leaflet
and the bridge are exercised) and writes a briefing PDF. Each step prints one
line; the first failure ends the test with status 1 and its reason.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geodata.errors import ExportError
from geodata.exports.atomic import os_reason

PROG = "frontline-atlas"


def run_self_test(out_dir: Path | None = None) -> int:
    """Run the checks; write the PNG and PDF into ``out_dir`` (a temporary folder by default)."""
    out_dir = (
        Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="frontline-atlas-self-test-"))
    )
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(out_dir, "it is a file; the self-test needs a folder to write into")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(out_dir, os_reason(error)) from None
    state: dict = {}
    steps: list[tuple[str, Callable[[], str]]] = [
        ("boundaries", lambda: _boundaries(state)),
        ("control data", lambda: _control_data(state, out_dir)),
        ("statistics", lambda: _statistics(state)),
        ("map (offscreen)", lambda: _map(state, out_dir)),
        ("briefing PDF", lambda: _briefing(state, out_dir)),
    ]
    started = time.perf_counter()
    for name, step in steps:
        begin = time.perf_counter()
        try:
            detail = step()
        # The self-test's job is to turn any failure into one line and status 1.
        except Exception as error:  # noqa: BLE001
            print(
                f"{PROG} self-test: FAILED at {name}: {type(error).__name__}: {error}",
                file=sys.stderr,
            )
            return 1
        print(
            f"{PROG} self-test: {name}: ok ({time.perf_counter() - begin:.2f} s) {detail}",
            flush=True,
        )
    print(f"{PROG} self-test: passed in {time.perf_counter() - started:.1f} s; files in {out_dir}")
    return 0


def _boundaries(state: dict) -> str:
    from geodata.boundaries import load_boundaries

    boundaries = load_boundaries()
    if len(boundaries.units) != 27:
        raise RuntimeError(f"expected 27 units, found {len(boundaries.units)}")
    state["boundaries"] = boundaries
    return f"27 units, {boundaries.area_km2.sum():,.0f} km²"


def _control_data(state: dict, out_dir: Path) -> str:
    from geodata.importers import read_control_layer
    from geodata.resources import bundled_data_dir, newest_bundled_file

    path = newest_bundled_file()
    if path is not None:
        note = f"bundled data in {bundled_data_dir()}; using {path.name}"
    else:
        path = _sample_file(state["boundaries"], out_dir)
        note = "no bundled data; using a built-in sample (Luhansk oblast held)"
    state["layer"] = read_control_layer(path)
    state["path"] = path
    return note


def _statistics(state: dict) -> str:
    from geodata.stats import compute_stats

    stats = compute_stats(state["layer"], state["boundaries"])
    state["stats"] = stats
    annexed = stats.groups.set_index("id").loc["annexed-2022", "controlled_pct"]
    return f"four annexed regions {annexed:.2f} % held"


def _map(state: dict, out_dir: Path) -> str:
    from PySide6.QtGui import QImage

    from desktop.map.snapshot import render_snapshot

    out = render_snapshot(state["path"], out_dir / "self-test-map.png", 1200, 800)
    image = QImage(str(out))
    reds = sum(
        1 for x in range(0, image.width(), 6) for y in range(0, image.height(), 6)
        if (c := image.pixelColor(x, y)).red() > c.green() + 60 and c.red() > c.blue() + 60
    )  # fmt: skip
    colours = len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), 25)
            for y in range(0, image.height(), 25)
        }
    )
    if colours < 5 or reds < 10:
        raise RuntimeError(f"the map image looks empty ({colours} colours, {reds} red samples)")
    return f"{out} ({image.width()} × {image.height()}, {reds} control-area samples)"


def _briefing(state: dict, out_dir: Path) -> str:
    from geodata.exports.briefing import render_briefing

    out = render_briefing(out_dir / "self-test-briefing.pdf", state["layer"], state["stats"])
    if out.stat().st_size < 10_000:
        raise RuntimeError(f"the PDF is suspiciously small ({out.stat().st_size} bytes)")
    return str(out)


def _sample_file(boundaries, out_dir: Path) -> Path:
    import json

    import shapely

    luhansk = boundaries.units.geometry[boundaries.row_of("UA-09")]
    path = out_dir / "self-test-sample_20241120.geojson"
    feature = {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(luhansk)}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return path
