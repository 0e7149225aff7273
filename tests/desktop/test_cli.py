"""The frontline-atlas command line: stats output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import geodata
from desktop.cli import main
from tests.geodata.importers.fixtures import write_control_file
from tests.helpers import REPO_ROOT, csv_header, csv_records


@pytest.fixture
def control_file(tmp_path):
    return write_control_file(tmp_path, "front_20241120", ".geojson")


def test_stats_json_has_the_documented_shape(control_file, capsys):
    assert main(["stats", str(control_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["date", "source", "regions", "groups", "metadata"]
    assert data["metadata"]["reconcile_km"] == 3.0
    assert data["date"] == "2024-11-20"
    assert data["source"] == "front_20241120.geojson"
    assert len(data["regions"]) == 27
    donetsk = next(r for r in data["regions"] if r["code"] == "UA-14")
    assert set(donetsk) == {
        "code", "name", "area_km2", "controlled_km2", "controlled_pct",
        "added_by_reconciliation_km2", "places_held", "places", "people_held", "people",
    }  # fmt: skip
    assert donetsk["name"] == "Donetsk" and donetsk["controlled_pct"] > 0
    assert 0 < donetsk["places_held"] < donetsk["places"] and donetsk["people"] > 1_000_000
    assert "estimate" in data["metadata"]["people"]


def test_stats_date_option_and_group_filter(control_file, capsys):
    assert main(["stats", str(control_file), "--date", "2025-02-01", "--format", "csv",
                 "--group", "annexed-2022"]) == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# ")
    lines = [line for line in lines if not line.startswith("#")]
    assert lines[0] == (
        "date,level,code,name,area_km2,controlled_km2,controlled_pct,added_by_reconciliation_km2"
    )
    assert len(lines) == 1 + 1 + 4
    assert all(line.startswith("2025-02-01,") for line in lines[1:])


def test_stats_table_is_the_default(control_file, capsys):
    assert main(["stats", str(control_file)]) == 0
    out = capsys.readouterr().out
    assert "Four regions annexed in 2022" in out and "Donetsk (UA-14)" in out


def test_reconcile_km_option(control_file, capsys):
    assert main(["stats", str(control_file), "--format", "json", "--reconcile-km", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["reconcile_km"] == 0.0
    for bad in ("-1", "4.5", "x"):  # from 4.5 km the Dnipro delta's front moved
        with pytest.raises(SystemExit) as exit_info:
            main(["stats", str(control_file), "--reconcile-km", bad])
        assert exit_info.value.code == 2
        assert "is not a tolerance in km from 0 to 4" in capsys.readouterr().err
    for command in ("scenario", "history", "export", "snapshot"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--reconcile-km" in capsys.readouterr().out


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
        # Neither a command nor a file: a usage error, never a window (that hangs with no display).
        (["frobnicate"], "'frobnicate' is neither a command"),
        (["stat", "{control}"], "'stat' is neither a command"),
        (["--self-test-dir", "{control}", "{missing}"], "cannot open '{missing}': no such file"),
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


def test_scenario_json_follows_stats_with_before_and_after(control_file, capsys):
    assert main(["scenario", "june-2024-demand", str(control_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"]["id"] == "june-2024-demand"
    assert data["date"] == "2024-11-20" and data["source"] == "front_20241120.geojson"
    for key in ("to_occupier_km2", "to_ukraine_km2", "contact_line_km_before",
                "contact_line_km_after", "places_changing_hands",
                "people_changing_hands"):  # fmt: skip
        assert key in data
    fields = {"controlled_km2_before", "controlled_km2_after", "delta_km2",
              "controlled_pct_before", "controlled_pct_after"}  # fmt: skip
    assert len(data["regions"]) == 27 and len(data["groups"]) == 3
    assert fields <= set(data["regions"][0]) and fields <= set(data["groups"][0])
    annexed = next(g for g in data["groups"] if g["id"] == "annexed-2022")
    assert annexed["controlled_pct_after"] == 100.0


@pytest.mark.parametrize("output", ["table", "csv"])
def test_scenario_table_and_csv(control_file, capsys, output):
    assert main(["scenario", "dmz-15km", str(control_file), "--format", output]) == 0
    out = capsys.readouterr().out
    if output == "table":
        assert "Demilitarized zone" in out
    else:
        assert out.startswith("# Control areas:") and csv_header(out).startswith("date,scenario")


def test_unknown_scenario_and_bad_scenario_file(control_file, tmp_path, capsys):
    assert main(["scenario", "june-2025", str(control_file)]) == 2
    assert "unknown proposal 'june-2025'; choose one of: freeze" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\ndescription = "y"\n[[operations]]\ntype = "cede"\n')
    assert main(["scenario", str(bad), str(control_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.toml: line 4: unknown operation type 'cede'" in err


def test_history_command_csv_and_json(tmp_path, capsys):
    from tests.geodata.history.test_history import growing_front

    folder = growing_front(tmp_path / "daily")
    assert main(["history", str(folder), "--from", "2024-11-21", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.out.splitlines() if not line.startswith("#")]
    assert len(lines) == 1 + 3 * 30 and lines[1].startswith("2024-11-21,group,annexed-2022")
    assert "notes.geojson: no date in the file name" in captured.err
    assert main(["history", str(folder), "--to", "2024-11-20", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["date"] for d in data["dates"]] == ["2024-11-20"]
    # No date in the range: said so, not a table of no dates headed "0.00 % occupied".
    said = {"--from": "--from 2027-01-01 is after the history's last map (2024-11-23)",
            "--to": "--to 2020-01-01 is before the history's first map (2024-11-20)"}  # fmt: skip
    for bounds in (["--from", "2027-01-01"], ["--to", "2020-01-01"]):
        for output in ("csv", "json"):
            assert main(["history", str(folder), *bounds, "--format", output]) == 2
            captured = capsys.readouterr()
            assert captured.out == "" and said[bounds[0]] in captured.err


def test_changes_and_rates_commands(tmp_path, capsys):
    from tests.geodata.history.test_places_and_pace import moving_front

    folder = str(moving_front(tmp_path / "front"))
    assert main(["changes", folder, "--from", "2024-11-20", "--to", "2024-12-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Places that changed hands, 2024-11-20 to 2024-12-31:")
    assert "Pokrovsk (Покровськ)" in out and "since 2024-12-05" in out and "estimate" in out
    # A date without a map takes the one before it, and says so.
    assert main(["changes", folder, "--from", "2024-11-20", "--to", "2024-12-30",
                 "--format", "json"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["to"] == "2024-12-05" and "using 2024-12-05" in captured.err
    assert data["places_taken"] >= 1 and data["places"][0]["population"] > 0
    assert main(["changes", folder, "--format", "csv", "--table", "areas"]) == 0
    assert "gained_km2,regained_km2" in csv_header(capsys.readouterr().out)
    assert main(["rates", folder, "--period", "week", "--format", "csv"]) == 0
    rows = csv_records(capsys.readouterr().out)
    assert {row["period"] for row in rows} >= {"2024-11-18", "2025-01-06"}
    assert main(["rates", folder, "--level", "unit", "--window", "30"]) == 0
    assert "Pace over the last 30 days" in capsys.readouterr().out
    # --from says which periods are shown, not where their figures start: December's
    # change is from November's end either way, and the CSV is rounded as shown.
    assert main(["rates", folder, "--format", "csv"]) == 0
    whole = {(r["period"], r["code"]): r for r in csv_records(capsys.readouterr().out)}
    assert main(["rates", folder, "--from", "2024-12-10", "--format", "csv"]) == 0
    shown = csv_records(capsys.readouterr().out)
    assert {r["period"] for r in shown} == {"2024-12", "2025-01"}
    assert all(row == whole[(row["period"], row["code"])] for row in shown)
    assert all(len(row["change_km2"].partition(".")[2]) <= 1 for row in shown)


def test_changes_and_rates_refuse_bad_dates_in_one_line(tmp_path, capsys):
    from tests.geodata.history.test_places_and_pace import moving_front

    folder = str(moving_front(tmp_path / "front"))
    assert main(["changes", folder, "--from", "2024-01-01"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "starts on 2024-11-20" in err
    # The date is at fault, not the folder: not "cannot read".
    assert err == (
        "frontline-atlas: front: no map on or before 2024-01-01; the history starts on 2024-11-20"
    )
    assert main(["changes", folder, "--from", "2025-01-10", "--to", "2024-11-20"]) == 2
    assert "after --to" in capsys.readouterr().err
    # Reversed dates are quoted as typed (not the dates they would fall back to).
    assert main(["changes", folder, "--from", "2026-01-01", "--to", "2025-01-01"]) == 2
    assert "--from 2026-01-01 is after --to 2025-01-01" in capsys.readouterr().err
    assert main(["rates", folder, "--from", "2030-01-01"]) == 2
    assert "--from 2030-01-01 is after the history's last map" in capsys.readouterr().err


def test_a_one_date_history_has_no_changes_and_no_pace(tmp_path, capsys):
    from tests.geodata.history.test_places_and_pace import moving_front

    folder = moving_front(tmp_path / "front")
    for path in sorted(folder.iterdir())[1:]:
        path.unlink()
    assert main(["changes", str(folder)]) == 0
    assert "none taken by the occupying side" in capsys.readouterr().out
    assert main(["rates", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len({p["period"] for p in data["periods"]}) == 1
    # One date gives no slope: no pace, said so, and no rate (not a rate of zero).
    assert {p["text"] for p in data["pace"]} <= {"no pace: one date in the last 90 days",
                                                 "all held"}  # fmt: skip
    assert all(p["rate_km2_per_day"] is None for p in data["pace"])


def test_update_command_against_a_local_server(tmp_path, capsys):
    from tests.geodata.history.test_online import Server

    server = Server()
    try:
        assert main(["update", "--url", server.url]) == 0
        assert "1 updates listed, 1 new stored" in capsys.readouterr().err
        assert main(["history", "deepstate", "--format", "csv"]) == 0
        rows = [r for r in capsys.readouterr().out.splitlines() if not r.startswith("#")]
        assert len(rows) == 1 + 30
        server.mode = "500"
        server_listing_only = main(["update", "--url", server.url])
        assert server_listing_only == 0  # nothing new to fetch
    finally:
        server.close()


def test_update_latest_stores_the_latest_map(tmp_path, capsys):
    from tests.geodata.history.test_mirror import LocalSources
    from tests.geodata.history.test_online import UPDATE_ID, synthetic_map

    latest = {"id": UPDATE_ID, "datetime": "2024-11-20T12:00:00.000Z", "map": synthetic_map()}
    with LocalSources({}, latest=latest) as sources:
        assert main(["update", "--latest", "--url", sources.deepstate_url]) == 0
        assert f"the latest map (update {UPDATE_ID}) stored" in capsys.readouterr().err
        assert main(["update", "--latest", "--url", sources.deepstate_url]) == 0
        assert "the latest map is already in the store" in capsys.readouterr().err
        assert sources.hits == ["/api/history/last", "/api/history/last"]
        sources.latest = [latest]
        assert main(["update", "--latest", "--url", sources.deepstate_url]) == 2
    error = capsys.readouterr().err  # no progress when piped: one line
    assert error.count("\n") == 1 and error.endswith(
        "/api/history/last: the latest map is a JSON list, not a JSON object\n"
    )
    from geodata.history.store import Store

    (update,) = Store().updates()
    assert update.id == UPDATE_ID and update.date.isoformat() == "2024-11-20"
    assert update.created_at == "2024-11-20T12:00:00.000Z"


def test_update_falls_back_to_the_mirror_and_says_so(tmp_path, capsys, monkeypatch):
    from tests.geodata.history.test_mirror import (
        LocalSources,
        files_of,
        mirror_dates,
        write_mirror_files,
    )

    files = files_of(write_mirror_files(tmp_path / "data"))
    with LocalSources(dict(list(files.items())[:3])) as sources:
        mirror = sources.mirror()
        for name in ("repository", "ref", "api_url", "raw_url"):
            monkeypatch.setenv(f"FRONTLINE_ATLAS_MIRROR_{name.upper()}", getattr(mirror, name))
        assert main(["update", "--url", sources.deepstate_url]) == 0
        err = capsys.readouterr().err
        assert "3 dated files listed by the mirror, 3 new stored" in err
        assert (f"frontline-atlas: note: DeepStateMap's history list refused (HTTP 401); "
                f"fetched from the mirror {mirror.label}\n") in err  # fmt: skip
        assert main(["update", "--mirror"]) == 0  # straight to the mirror: nothing new
        assert "3 dated files listed by the mirror, 0 new stored" in capsys.readouterr().err
        assert sources.hits.count("/api/history/public") == 1
        sources.files = {}  # the mirror holds nothing: one line, naming the fallback
        assert main(["update", "--url", sources.deepstate_url]) == 2
        error = capsys.readouterr().err  # no progress when piped: one line
    assert error.count("\n") == 1 and "holds no dated GeoJSON files" in error
    assert f"(the mirror {mirror.label} was asked because DeepStateMap's history list " in error
    assert main(["history", "deepstate", "--format", "json"]) == 0
    dates = [entry["date"] for entry in json.loads(capsys.readouterr().out)["dates"]]
    assert dates == [day.isoformat() for day in mirror_dates()[:3]]
    monkeypatch.setenv("FRONTLINE_ATLAS_MIRROR_REF", "../x")
    assert main(["update", "--mirror"]) == 2
    assert capsys.readouterr().err == (
        "frontline-atlas: mirror ref '../x' (from FRONTLINE_ATLAS_MIRROR_REF) is not a branch, "
        "tag or commit (letters, digits, -_./)\n"
    )


@pytest.mark.parametrize("extension", [".pdf", ".png", ".svg", ".html", ".xlsx", ".csv", ".json",
                                       ".geojson", ".gpkg"])  # fmt: skip
def test_export_writes_every_format(control_file, tmp_path, capsys, extension):
    out = tmp_path / f"brief{extension}"
    args = ["export", str(control_file), "--out", str(out), "--scenario", "nov-2024-offer"]
    assert main([*args, "--page", "letter", "--dpi", "72"]) == 0
    assert out.stat().st_size > 0 and f"wrote {out}" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["uk", "en"])
def test_an_interactive_map_speaks_the_language_asked_for(control_file, tmp_path, language):
    # --language once reached the briefing formats only: the .html spoke the app's.
    import re

    out = tmp_path / "map.html"
    args = ["export", str(control_file), "--out", str(out), "--scenario", "nov-2024-offer"]
    assert main([*args, "--language", language]) == 0
    found = re.search(r'id="atlas-data">(.*?)</script>', out.read_text("utf-8"), re.S)
    data = json.loads(found.group(1))
    name = data["initial"]["proposal"][1]["name"]
    assert data["language"] == language  # place names
    if language == "uk":
        assert data["locale"] == "uk-UA" and data["words"]["Legend"] == "Умовні позначення"
        assert name.startswith("Повідомлена пропозиція") and "Межі" in data["credits"]
    else:
        assert data["locale"] == "en-GB" and data["words"] == {} and name.startswith("Reported")


def test_export_runs_with_no_display(control_file, tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for extension in (".png", ".html"):
        out = tmp_path / f"brief{extension}"
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "export", str(control_file), "--out", str(out)],
            cwd=REPO_ROOT, capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert out.exists()


def test_export_refuses_an_unknown_extension(control_file, tmp_path, capsys):
    assert main(["export", str(control_file), "--out", str(tmp_path / "brief.docx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot export to brief.docx: unknown export format '.docx'" in err
    assert "choose one of: .pdf, .svg, .png, .xlsx, .csv, .json, .geojson, .gpkg, .html" in err


def test_export_a_sector_briefing_and_refuse_a_bad_extent(control_file, tmp_path, capsys):
    out = tmp_path / "donbas.png"
    assert main(["export", str(control_file), "--out", str(out), "--extent",
                 "36.5,47.6,38.8,49.2", "--dpi", "72"]) == 0  # fmt: skip
    assert out.stat().st_size > 10_000
    capsys.readouterr()
    for bad in ("36.5,47.6,38.8", "38.8,47.6,36.5,49.2", "10,47,11,48"):
        with pytest.raises(SystemExit) as stop:
            main(["export", str(control_file), "--out", str(out), "--extent", bad])
        assert stop.value.code == 2
        assert "--extent" in capsys.readouterr().err


def test_compare_two_sources(tmp_path, capsys):
    from tests.geodata.importers.fixtures import write_control_file

    a = write_control_file(tmp_path, "a_20241120", ".geojson")
    b = write_control_file(tmp_path, "b_20241125", ".kml")
    assert main(["compare", str(a), str(b)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("A: a_20241120.geojson (2024-11-20) vs B: b_20241125.kml")
    assert "5 days apart" in captured.err
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date_gap_days"] == 5 and all(abs(r["difference_km2"]) < 0.1 for r in data["rows"])
    assert main(["compare", str(a), str(tmp_path / "missing.kml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "missing.kml" in err


def _daily_folder(tmp_path):
    """Three DeepStateMap-named daily files: a box in Donetsk oblast growing east."""
    import shapely

    from tests.geodata.importers.fixtures import control_frame

    folder = tmp_path / "daily"
    folder.mkdir()
    for day, date in enumerate(("20250101", "20250108", "20250120")):
        frame = control_frame().iloc[:1].copy()
        frame.loc[0, "geometry"] = shapely.box(37.0, 47.5, 37.6 + 0.25 * day, 48.2)
        write_control_file(folder, f"deepstatemap_data_{date}", ".geojson", frame)
    return folder


def test_dates_beyond_the_history_or_in_a_gap_are_said_alike(tmp_path, capsys):
    folder = str(_daily_folder(tmp_path))  # maps of 2025-01-01, 2025-01-08 and 2025-01-20
    after = "--from 2025-02-01 is after the history's last map (2025-01-20)"
    for command in (["history"], ["changes"], ["rates"],
                    ["animate", "--out", str(tmp_path / "a.gif")]):  # fmt: skip
        assert main([command[0], folder, "--from", "2025-02-01", *command[1:]]) == 2
        assert after in capsys.readouterr().err
    # A range in a gap: the maps either side are named.
    assert main(["history", folder, "--from", "2025-01-10", "--to", "2025-01-15"]) == 2
    assert (
        "no map from 2025-01-10 to 2025-01-15: the maps nearest are of 2025-01-08 and "
        "2025-01-20" in capsys.readouterr().err
    )
    # A date after the last map: its map stands for it, and that is said; each note once.
    assert main(["changes", folder, "--from", "2025-01-10", "--to", "2025-03-01"]) == 0
    err = capsys.readouterr().err
    assert "no map for 2025-01-10; using 2025-01-08, the last date before it" in err
    assert "the history ends on 2025-01-20: its last map stands for 2025-03-01" in err
    assert main(["changes", folder, "--from", "2025-01-03", "--to", "2025-01-03"]) == 0
    assert capsys.readouterr().err.count("no map for 2025-01-03") == 1
    assert main(["rates", folder, "--to", "2025-03-01"]) == 0
    assert "the history ends on 2025-01-20: its rates and pace are as of then" in (
        capsys.readouterr().err
    )
    out = tmp_path / "a.gif"
    assert main(["animate", folder, "--to", "2025-03-01", "--step", "week", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "the history ends on 2025-01-20: so does the animation" in err
    assert "2025-01-01 … 2025-01-20" in err


def test_a_date_given_against_the_files_own_is_said(control_file, capsys):
    # The fixture is named front_20241120: labelled with another date, as asked, and said so.
    assert main(["stats", str(control_file), "--date", "2025-01-01"]) == 0
    captured = capsys.readouterr()
    assert "its name dates it 2024-11-20; it is labelled 2025-01-01, as asked" in captured.err
    assert "(2025-01-01)" in captured.out


def test_export_a_morning_pack_from_a_history_and_keep_its_template(tmp_path, capsys):
    from pypdf import PdfReader

    folder = _daily_folder(tmp_path)
    out, template = tmp_path / "brief.pdf", tmp_path / "brief.toml"
    args = ["export", str(folder), "--pack", "--out", str(out), "--date", "2025-01-20",
            "--since", "2025-01-05", "--author", "Cell",
            "--save-template", str(template)]  # fmt: skip
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "5 pages: overview, sector, change, table, chart" in err
    assert len(PdfReader(out).pages) == 5 and 'author = "Cell"' in template.read_text()
    # Tomorrow: the template alone makes the pack.
    again = tmp_path / "again.pdf"
    assert main(["export", str(folder), "--pack", "--template", str(template), "--out",
                 str(again)]) == 0  # fmt: skip
    assert PdfReader(again).metadata.author == "Cell"
    # A pack is a PDF; a file source leaves out the history's pages and says so.
    assert main(["export", str(folder), "--pack", "--out", str(tmp_path / "b.png")]) == 2
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    capsys.readouterr()
    assert main(["export", str(single), "--pack", "--out", str(tmp_path / "one.pdf")]) == 0
    assert capsys.readouterr().err.count("note: page left out") == 2


def test_animate_a_history_as_gif_and_mp4(tmp_path, capsys):
    folder = _daily_folder(tmp_path)
    for name in ("front.gif", "front.mp4"):
        out = tmp_path / name
        assert main(["animate", str(folder), "--from", "2025-01-01", "--to", "2025-01-20",
                     "--step", "week", "--size", "640x360", "--out", str(out)]) == 0  # fmt: skip
        assert out.stat().st_size > 1000
        # Weekly from 2025-01-01, and the last frame on --to itself: 01-01, 08, 15, 20.
        assert "4 frames, 2025-01-01 … 2025-01-20" in capsys.readouterr().err
    assert main(["animate", str(folder), "--out", str(tmp_path / "front.avi")]) == 2
    assert "unknown animation format '.avi'" in capsys.readouterr().err


def test_a_pack_takes_an_svg_logo(tmp_path, capsys):
    from pypdf import PdfReader

    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40">'
                    '<rect width="80" height="40" fill="blue"/></svg>')  # fmt: skip
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(single), "--pack", "--logo", str(logo), "--out", str(out)]) == 0
    page = PdfReader(out).pages[0]
    xobjects = page["/Resources"]["/XObject"]
    assert any(xobjects[name].get_object()["/Subtype"] == "/Image" for name in xobjects)  # logo


def test_a_logo_that_is_a_pipe_is_one_clear_message(tmp_path, capsys):
    """Named as what it is, not waited on: the export fails at once and writes nothing."""
    import os

    logo = tmp_path / "logo.png"
    os.mkfifo(logo)
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(single), "--logo", str(logo), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{logo}: it is not a regular file" in err and "Traceback" not in err
    assert not out.exists()


def test_a_wide_svg_wordmark_is_drawn_smaller_not_refused(tmp_path, capsys):
    """An SVG is drawn 600 pixels high; one twenty times as wide as high would be 7 million
    pixels, over a logo's limit: it is drawn smaller instead."""
    logo = tmp_path / "wordmark.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100">'
                    '<rect width="2000" height="100" fill="blue"/></svg>')  # fmt: skip
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(single), "--logo", str(logo), "--out", str(out)]) == 0, (
        capsys.readouterr().err
    )
    assert out.stat().st_size > 1000


def test_a_large_logo_is_one_line_without_pillows_warning(tmp_path, capfd):
    """10,000 × 10,000 pixels: over Pillow's warning size, under its refusal; one line, and
    no warning of Pillow's (which the command line printed as two more lines)."""
    import warnings

    from PIL import Image

    logo = tmp_path / "large.png"
    Image.new("1", (10_000, 10_000)).save(logo, optimize=True)
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["export", str(single), "--logo", str(logo), "--out", str(tmp_path / "b.pdf")])
    assert code == 2
    assert not [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]
    err = [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "10000 × 10000 pixels" in err[0], err


def test_an_svg_logo_with_text_from_the_command_line(control_file, tmp_path):
    """An SVG's text needs Qt's fonts: the command line, with no display and no
    Qt application of its own, draws it rather than ending with SIGABRT."""
    import os

    from pypdf import PdfReader

    logo = tmp_path / "wordmark.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
                    '<text x="10" y="35" font-size="30">ATLAS</text></svg>')  # fmt: skip
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    out = tmp_path / "brief.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "export", str(control_file), "--logo", str(logo),
         "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "QFontDatabase" not in result.stderr
    xobjects = PdfReader(out).pages[0]["/Resources"]["/XObject"]
    assert any(xobjects[name].get_object()["/Subtype"] == "/Image" for name in xobjects)


def test_every_commands_help_reads_as_written(capsys):
    """argparse fills in a description only when it holds '%(prog)': a doubled '%%'
    written for it was printed as it stood ("100 %%")."""
    for command in ("stats", "scenario", "history", "changes", "rates", "compare", "update",
                    "export", "animate", "snapshot"):  # fmt: skip
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "%%" not in out and "%(" not in out, command


def test_a_pack_with_a_proposal_is_refused_not_ignored(tmp_path, capsys):
    """--scenario was dropped without a word by --pack."""
    single = write_control_file(tmp_path, "front_20241120", ".geojson")
    out = tmp_path / "pack.pdf"
    args = ["export", str(single), "--pack", "--scenario", "freeze", "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--scenario does not apply to --pack" in err
    assert not out.exists()


def test_csv_notes_hold_no_formula_and_no_open_quote(tmp_path, capsys):
    # A comma in a file's name began a new cell in the '#' lines: =HYPERLINK(…) and @SUM(1)
    # were formulas to a spreadsheet, and an unbalanced quote made the rest one cell.
    import csv
    import io

    name = 'a,=HYPERLINK("http:evil"),@SUM(1), "b,+1_20241120'
    hostile = write_control_file(tmp_path, name, ".geojson")
    other = write_control_file(tmp_path, "front_20241127", ".geojson")
    out = tmp_path / "x.csv"
    runs = [["stats", str(hostile), "--format", "csv"],
            ["scenario", "nov-2024-offer", str(hostile), "--format", "csv"],
            ["compare", str(hostile), str(other), "--format", "csv"],
            ["export", str(hostile), "--out", str(out)]]  # fmt: skip
    for args in runs:
        assert main(args) == 0, args
        text = out.read_text("utf-8") if args[0] == "export" else capsys.readouterr().out
        capsys.readouterr()
        rows = list(csv.reader(io.StringIO(text)))
        assert "HYPERLINK" in text
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c.lstrip(" ").startswith(("=", "+", "@", '"'))], args
        assert any(row[:2] == ["level", "code"] or "level" in row for row in rows), args
        assert rows[-1] and rows[-1][0][:1] != "#"  # the table came through whole


def test_names_that_are_not_utf8_are_text_not_a_traceback(tmp_path, capsys):
    # Cyrillic cp1251 names unzipped on Linux: the bytes are not UTF-8, Python holds them as
    # lone surrogates, and JSON, GeoPackage, HTML and the store's SQLite refused them.
    import os

    plain = tmp_path / "plain"
    plain.mkdir()
    folder = tmp_path / os.fsdecode(b"\xea\xe0\xf0\xf2\xe8")  # "карти" in cp1251
    folder.mkdir()
    for day in ("20241120", "20241127"):
        made = write_control_file(plain, f"front_{day}", ".geojson")
        name = os.fsdecode(b"\xea\xe0\xf0\xf2\xe0_" + day.encode())  # "карта_…"
        os.rename(made, folder / f"{name}.geojson")
    assert main(["history", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "\ufffd" * 5
    assert main(["history", str(folder), "--format", "csv"]) == 0  # again, from the store
    capsys.readouterr()
    one = next(folder.iterdir())
    for extension in (".json", ".geojson", ".gpkg", ".html", ".csv"):
        out = tmp_path / f"o{extension}"
        assert main(["export", str(one), "--out", str(out)]) == 0, extension
        assert out.stat().st_size > 0
    assert "\ufffd" in (tmp_path / "o.json").read_text("utf-8")


def test_control_codes_in_a_name_never_reach_the_terminal(tmp_path, capsys):
    bad = tmp_path / "front\x1b]0;pwned\x07\x1b[2J_20241120.geojson"
    bad.write_text("not json")
    assert main(["stats", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "front]0;pwned[2J_20241120" in err


def test_ctrl_c_is_one_line_not_a_traceback(control_file, capsys, monkeypatch):
    import desktop.cli as cli

    def interrupted(_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_stats", interrupted)  # the parser is built per call
    assert main(["stats", str(control_file)]) == 130
    assert capsys.readouterr().err == "frontline-atlas: interrupted\n"


def test_an_export_never_writes_over_its_own_input(control_file, tmp_path, capsys):
    # --save-template control.geojson replaced the control file with TOML before reading it.
    before = control_file.read_bytes()
    template = tmp_path / "t.toml"
    refusals = [
        (["--out", str(tmp_path / "x.pdf"), "--save-template", str(control_file)],
         "a template is a .toml file"),
        (["--out", str(control_file)], f"--out {control_file} is the file exported"),
        (["--out", str(tmp_path / "x.pdf"), "--save-template", str(tmp_path / "x.pdf")],
         "a template is a .toml file"),
    ]  # fmt: skip
    for options, said in refusals:
        assert main(["export", str(control_file), *options]) == 2
        assert said in capsys.readouterr().err
    assert control_file.read_bytes() == before
    # A template is kept once its export is made, not before (a failed export keeps none).
    assert main(["export", str(tmp_path / "missing.geojson"), "--out", str(tmp_path / "y.pdf"),
                 "--save-template", str(template)]) == 2  # fmt: skip
    assert not template.exists()
    capsys.readouterr()
    assert main(["export", str(control_file), "--out", str(tmp_path / "y.pdf"),
                 "--save-template", str(template), "--dpi", "72"]) == 0  # fmt: skip
    assert template.exists()
    # A template updated in place is read first and written after the export.
    assert main(["export", str(control_file), "--out", str(tmp_path / "z.pdf"), "--dpi", "72",
                 "--template", str(template), "--banner", "SECRET",
                 "--save-template", str(template)]) == 0  # fmt: skip
    assert 'banner = "SECRET"' in template.read_text()
    assert main(["export", str(control_file), "--out", str(tmp_path / "z.pdf"),
                 "--logo", str(tmp_path / "z.pdf")]) == 2  # fmt: skip
    assert f"--out {tmp_path / 'z.pdf'} is --logo" in capsys.readouterr().err


def test_a_bad_colour_or_chart_in_options_or_templates_is_one_line(control_file, tmp_path, capsys):
    # Both once ended in a ValueError traceback, while drawing.
    out = str(tmp_path / "x.pdf")
    with pytest.raises(SystemExit) as stopped:
        main(["export", str(control_file), "--out", out, "--banner", "S", "--banner-colour", "#zz"])
    assert stopped.value.code == 2 and "'#zz' is not a colour" in capsys.readouterr().err
    for line, said in (
        ('chart_period = "hourly"', "'chart_period' must be one of: daily"),
        ('banner_colour = "rgb(1,2,3)"', "'banner_colour' 'rgb(1,2,3)' is not a"),
    ):
        template = tmp_path / "t.toml"
        template.write_text(line + "\n")
        assert main(["export", str(control_file), "--out", out, "--template", str(template)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and said in err


def test_a_history_is_computed_when_no_store_can_be_had(tmp_path, capsys, monkeypatch):
    # The README promises figures computed and not kept: once no store could be made at all
    # (its folder a file, a read-only disk) or read (a newer version's tables), the command
    # stopped (exit 2, or "no such column: hash").
    import sqlite3

    from geodata.history.store import default_store_path

    folder = str(_daily_folder(tmp_path))
    assert main(["history", folder, "--format", "csv"]) == 0
    expected = capsys.readouterr().out
    store = default_store_path()
    with sqlite3.connect(store) as connection:  # a newer version renamed a column
        connection.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
        connection.execute("ALTER TABLE snapshots RENAME COLUMN hash TO content")
    assert main(["history", folder, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == expected
    assert "not kept" in captured.err and "newer version" in captured.err
    data_home = tmp_path / "data-is-a-file"
    data_home.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    assert main(["history", folder, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == expected and "the figures computed now are not kept" in captured.err


def test_killing_a_history_leaves_no_worker_behind(tmp_path):
    # Its forked workers (about 100 MB each) slept on under init, for good.
    import os
    import signal
    import time

    from tests.helpers import DAILY, require_shared

    require_shared(DAILY)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.Popen([sys.executable, "-m", "desktop.cli", "history", str(DAILY)],
                           cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip

    def children() -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(run.pid)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    deadline = time.monotonic() + 30
    while not children() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children()
    if not workers:
        pytest.skip("the history finished before its workers could be seen")
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(running, workers))
