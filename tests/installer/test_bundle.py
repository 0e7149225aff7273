"""The packaged app: build the Linux bundle, then run its self-test with the network cut."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from tests.helpers import REPO_ROOT

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"
    ),
]


def no_network_prefix() -> list[str]:
    """``unshare -n`` (a network namespace with no interfaces), or skip saying why."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed: cannot cut the network")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot create a network namespace here ({probe.stderr.strip()}); needs root")
    return [unshare, "-n"]


# The bundle is about 0.7 GB and PyInstaller's work files as much again.
NEEDED_BYTES = 2_500_000_000


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    no_network_prefix()  # skips at once, before a minute of building, if the network can't be cut
    folder = tmp_path_factory.mktemp("installer")
    free = shutil.disk_usage(folder).free
    if free < NEEDED_BYTES:
        pytest.skip(
            f"building the bundle needs about 2.5 GB free in {folder}; {free / 1e9:.1f} GB is"
        )
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "installer" / "build.py"), "--dist", str(folder / "dist"),
         "--work", str(folder / "work"), "--no-deb", "--no-archive"],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    yield folder / "dist" / "frontline-atlas"
    shutil.rmtree(folder, ignore_errors=True)  # 1.4 GB: do not leave it behind


def self_test(bundle, out, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                          "FRONTLINE_ATLAS_DATA")}  # fmt: skip
    env.update(extra_env or {})
    command = [*no_network_prefix(), str(bundle / "frontline-atlas"), "--self-test",
               "--self-test-dir", str(out)]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def red_samples(png) -> int:
    image = QImage(str(png))
    return sum(
        1 for x in range(0, image.width(), 6) for y in range(0, image.height(), 6)
        if (c := image.pixelColor(x, y)).red() > c.green() + 60 and c.red() > c.blue() + 60
    )  # fmt: skip


def test_self_test_passes_offline_without_data(bundle, tmp_path):
    result = self_test(bundle, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no bundled data" in result.stdout and "passed" in result.stdout
    assert red_samples(tmp_path / "self-test-map.png") > 100
    assert (tmp_path / "self-test-briefing.pdf").stat().st_size > 10_000


def test_self_test_uses_bundled_data_offline(bundle, tmp_path):
    sys.path.insert(0, str(REPO_ROOT / "installer"))
    from build import add_data

    source = tmp_path / "source"
    source.mkdir()
    square = [[[37.0, 47.5], [38.5, 47.5], [38.5, 48.5], [37.0, 48.5], [37.0, 47.5]]]
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": square},
    }
    (source / "front_20250101.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]})
    )
    assert add_data(bundle, source) == 1
    try:
        result = self_test(bundle, tmp_path / "out")
    finally:
        shutil.rmtree(bundle / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "using front_20250101.geojson" in result.stdout
    assert red_samples(tmp_path / "out" / "self-test-map.png") > 20


def test_the_bundle_writes_an_mp4_offline_and_speaks_ukrainian(bundle, tmp_path, snapshot_20241120):
    """The packed ffmpeg is unpacked on first use (into the user's cache), with no network;
    Qt's own Ukrainian words are in the bundle."""
    history = tmp_path / "history"
    history.mkdir()
    for day in ("20241120", "20241127"):
        shutil.copy2(snapshot_20241120, history / f"deepstatemap_data_{day}.geojson")
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    env.pop("IMAGEIO_FFMPEG_EXE", None)
    command = [*no_network_prefix(), str(bundle / "frontline-atlas"), "animate", str(history),
               "--step", "day", "--out", str(tmp_path / "front.mp4")]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "front.mp4").stat().st_size > 10_000
    assert list((cache / "frontline-atlas" / "ffmpeg").glob("ffmpeg-*"))
    packed = list((bundle / "_internal" / "imageio_ffmpeg" / "binaries").glob("ffmpeg-*"))
    assert packed and all(p.suffix == ".xz" for p in packed)
    assert (bundle / "_internal/PySide6/Qt/translations/qtbase_uk.qm").exists()


def test_the_bundle_leaves_out_what_the_app_never_loads(bundle):
    """No dependency's tests, and no Python binding of a Qt module the app never imports
    (their Qt libraries stay: QtWebEngineWidgets links them)."""
    internal = bundle / "_internal"
    assert not [p for p in internal.rglob("*") if p.is_dir() and p.name in ("tests", "testing")]
    bindings = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.abi3.so")}
    assert bindings.isdisjoint({"QtOpenGL", "QtQuick", "QtQml", "QtQuickWidgets", "QtDBus"})
    assert {"QtCore", "QtGui", "QtWidgets", "QtWebEngineWidgets", "QtSvg"} <= bindings
    assert not list(internal.glob("pillow.libs/libavif*"))
