"""frontline-atlas snapshot: the app's page rendered offscreen to a PNG."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from desktop.map.snapshot import render_snapshot
from geodata.errors import ExportError
from tests.helpers import REPO_ROOT


def red_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int, step: int = 4) -> int:
    count = 0
    for y in range(y0, y1, step):
        for x in range(x0, x1, step):
            colour = image.pixelColor(x, y)
            if colour.red() > colour.green() + 60 and colour.red() > colour.blue() + 60:
                count += 1
    return count


def test_snapshot_of_the_2024_11_20_data_has_dark_red_in_the_south_east(
    snapshot_20241120, tmp_path
):
    out = tmp_path / "view.png"
    render_snapshot(snapshot_20241120, out, 1200, 800)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1200, 40) for y in range(0, 800, 40)}
    assert len(colours) > 5, "the snapshot is blank"
    south_east = red_pixels(image, 600, 400, 1200, 800)
    north_west = red_pixels(image, 0, 0, 600, 400)
    assert south_east > 300
    assert north_west < south_east / 10


def test_snapshot_without_data_shows_the_basemap(tmp_path):
    out = tmp_path / "basemap.png"
    render_snapshot(None, out, 800, 600)
    image = QImage(str(out))
    assert image.width() == 800
    assert red_pixels(image, 0, 0, 800, 600) < 20


def test_failed_snapshot_leaves_the_previous_file(tmp_path):
    out = tmp_path / "missing-folder" / "view.png"
    with pytest.raises(ExportError, match="does not exist"):
        render_snapshot(None, out, 400, 300)


def test_snapshot_command_runs_headless(tmp_path):
    from tests.geodata.importers.fixtures import write_control_file

    control = write_control_file(tmp_path, "front_20241120", ".geojson")
    out = tmp_path / "cli.png"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "snapshot", str(control), "--out", str(out),
         "--width", "640", "--height", "480"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().width() == 640
    assert "Traceback" not in result.stderr


def test_snapshot_in_ukrainian(tmp_path, qtbot):
    from desktop.map.view import MapView

    out = render_snapshot(None, tmp_path / "uk.png", 800, 500, language="uk")
    assert QImage(str(out)).width() == 800
    # The page the snapshot draws names the oblasts in Ukrainian.
    view = MapView(language="uk")
    with qtbot.waitSignal(view.page_ready, timeout=30000):
        view.show()
    from tests.desktop.helpers import run_js

    script = (
        "Array.prototype.map.call(document.querySelectorAll('.atlas-region-label span'), "
        "function (s) { return s.textContent; })"
    )
    labels = run_js(qtbot, view, script)
    assert any("ДОНЕЦЬК" in label.upper() for label in labels)
    view.deleteLater()
