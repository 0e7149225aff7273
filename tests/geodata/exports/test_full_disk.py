"""Every export format on a disk that is really full: one clear message, nothing left behind.

GDAL's writers can report success when the disk fills while they flush, and a
zip writer left open fails again when collected; only a real full disk shows it.
The disk is a tiny tmpfs in a private mount namespace (no root needed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.exports.export import EXPORT_FORMATS
from tests.geodata.importers.fixtures import write_control_file

REPO = Path(__file__).resolve().parents[3]

EXPORT_ALL = """
import contextlib, io, json, os, sys
from desktop.cli import main
control, folder, formats = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
for name, block in (("filler", b"\\0" * 4096), ("filler-small", b"\\0")):
    with open(os.path.join(folder, name), "wb", buffering=0) as handle, \\
            contextlib.suppress(OSError):
        while True:
            handle.write(block)
results = {}
for suffix in formats:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["export", control, "--out", os.path.join(folder, "out" + suffix)])
    results[suffix] = [code, err.getvalue()]
results["left"] = sorted(os.listdir(folder))
print(json.dumps(results))
"""


def test_every_export_on_a_full_disk_fails_cleanly(tmp_path):
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs Linux and util-linux unshare to make a private tmpfs")
    control = write_control_file(tmp_path, "areas", ".geojson")
    disk = tmp_path / "disk"
    disk.mkdir()
    shell = f'mount -t tmpfs -o size=64k tmpfs "{disk}" || exit 77; exec "$@"'
    done = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", shell, "sh",
         sys.executable, "-c", EXPORT_ALL, str(control), str(disk), ",".join(EXPORT_FORMATS)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    if done.returncode == 77:
        pytest.skip(f"this machine cannot mount a private tmpfs: {done.stderr.strip()[-200:]}")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results.pop("left") == ["filler", "filler-small"]
    for suffix, (code, message) in results.items():
        assert code == 2, (suffix, message)
        assert f"out{suffix}: the disk is full" in message, (suffix, message)
