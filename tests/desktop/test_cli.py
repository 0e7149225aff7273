"""The frontline-atlas command line: stats output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import geodata
from desktop.cli import main
from tests.geodata.importers.fixtures import write_control_file
from tests.helpers import REPO_ROOT


@pytest.fixture
def control_file(tmp_path):
    return write_control_file(tmp_path, "front_20241120", ".geojson")


def test_stats_json_has_the_documented_shape(control_file, capsys):
    assert main(["stats", str(control_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["date", "source", "regions", "groups"]
    assert data["date"] == "2024-11-20"
    assert data["source"] == "front_20241120.geojson"
    assert len(data["regions"]) == 27
    donetsk = next(r for r in data["regions"] if r["code"] == "UA-14")
    assert set(donetsk) == {"code", "name", "area_km2", "controlled_km2", "controlled_pct"}
    assert donetsk["name"] == "Donetsk" and donetsk["controlled_pct"] > 0


def test_stats_date_option_and_group_filter(control_file, capsys):
    assert main(["stats", str(control_file), "--date", "2025-02-01", "--format", "csv",
                 "--group", "annexed-2022"]) == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "date,level,code,name,area_km2,controlled_km2,controlled_pct"
    assert len(lines) == 1 + 1 + 4
    assert all(line.startswith("2025-02-01,") for line in lines[1:])


def test_stats_table_is_the_default(control_file, capsys):
    assert main(["stats", str(control_file)]) == 0
    out = capsys.readouterr().out
    assert "Four regions annexed in 2022" in out and "Donetsk (UA-14)" in out


def test_import_notes_go_to_stderr(tmp_path, capsys):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[37, 47], [38, 48], [38, 47], [37, 48], [37, 47]]],
    }
    path = tmp_path / "bowtie.geojson"
    path.write_text(json.dumps(bowtie))
    assert main(["stats", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)
    assert "note:" in captured.err and "repaired 1 invalid polygon" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "{missing}"], "cannot read {missing}: no such file"),
        (["stats", "{empty}"], "cannot read {empty}: the file is empty"),
        (["stats", "{control}", "--group", "east"], "unknown group 'east'"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, control_file, capsys, args, message):
    paths = {"missing": tmp_path / "missing.geojson", "empty": tmp_path / "empty.kml",
             "control": control_file}  # fmt: skip
    paths["empty"].write_bytes(b"")
    args = [a.format(**paths) for a in args]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"frontline-atlas: {message.format(**paths)}")
    assert captured.err.count("\n") == 1


def test_installed_command_prints_no_traceback(tmp_path):
    bad = tmp_path / "truncated.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "stats", str(bad)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"frontline-atlas: cannot read {bad}: not valid JSON")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"frontline-atlas {geodata.__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "stats" in capsys.readouterr().out


def test_bad_date_is_a_usage_error(control_file, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", str(control_file), "--date", "20.11.2024"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
