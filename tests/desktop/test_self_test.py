"""``frontline-atlas --self-test`` and finding bundled control data."""

from __future__ import annotations

from desktop.cli import main
from geodata.resources import DATA_VARIABLE, newest_bundled_file
from tests.geodata.importers.fixtures import write_control_file


def test_self_test_passes_and_writes_its_files(tmp_path, capsys):
    assert main(["--self-test", "--self-test-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "no bundled data" in out and "passed" in out
    assert (tmp_path / "self-test-map.png").exists() and (
        tmp_path / "self-test-briefing.pdf"
    ).exists()


def test_bundled_data_is_found_newest_first(tmp_path, monkeypatch, capsys):
    for stem in ("front_20241120", "front_20250301", "notes"):
        write_control_file(tmp_path, stem, ".geojson")
    monkeypatch.setenv(DATA_VARIABLE, str(tmp_path))
    assert newest_bundled_file().name == "front_20250301.geojson"
    assert main(["--self-test", "--self-test-dir", str(tmp_path / "out")]) == 0
    assert "using front_20250301.geojson" in capsys.readouterr().out


def test_a_failing_step_is_one_line_and_status_1(tmp_path, monkeypatch, capsys):
    def broken():
        raise FileNotFoundError("the bundled resources folder is missing")

    monkeypatch.setattr("geodata.boundaries.load_boundaries", broken)
    assert main(["--self-test", "--self-test-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and "FAILED at boundaries" in err
        and "resources folder is missing" in err
    )
