"""Updates, proposals, exports, text, arguments and big inputs (kinds 3, 4, 5, 7, 8)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import files
import numpy as np
import server
from cases_files import reference, stats_json
from cases_store import Unavailable, mounted, not_moved_aside, row_counts, store_path
from lab import Case, Failure, Lab, refused, same_figures, succeeded

# -- updates (kinds 3 and 4) ----------------------------------------------------------------------


def _update(list_answer=None, map_answer=None, timeout=200, first_good=True):
    """Fetch a good update, then from a misbehaving server: a clear result, the store kept."""
    if list_answer is None and map_answer is not None:
        list_answer = _entry()  # a new update, whose map the server then sends as told

    def run(lab: Lab):
        if first_good:
            with server.Server() as good:
                succeeded(lab.cli("update", "--url", good.url))
            rows = row_counts(store_path(lab))
        with server.Server(list_answer, map_answer) as bad:
            result = lab.cli("update", "--url", bad.url, timeout=timeout)
        if result.code not in (0, 2):
            raise Failure("other", f"exit {result.code}: {result.err.strip()[:200]!r}")
        if result.code == 2:
            refused(result)
        if first_good:
            not_moved_aside(lab)
            after = row_counts(store_path(lab))
            if after["updates"] < rows["updates"]:
                raise Failure("lost", "updates fetched before were lost")
            history = succeeded(lab.cli("history", "deepstate", "--format", "json")).json()
            if not any(entry["date"] == "2024-11-20" for entry in history["dates"]):
                raise Failure("lost", "the update fetched before is no longer in the history")
            for entry in history["dates"]:
                shares = [row["controlled_pct"] for row in entry["regions"]]
                if max(shares) > 100 or min(shares) < 0:
                    raise Failure("wrong", f"{entry['date']}: a share outside 0 to 100 %")

    return run


def _mirror(tree_answer=None, file_answer=None, timeout=200):
    """DeepStateMap refuses its list, so the mirror is asked: a clear result, the store kept."""

    def run(lab: Lab):
        with server.Server() as good:
            succeeded(lab.cli("update", "--url", good.url))
        rows = row_counts(store_path(lab))
        with server.Server(server.refused, None, tree_answer, file_answer) as bad:
            result = lab.cli("update", "--url", bad.url, timeout=timeout,
                             env=lab.env | bad.mirror_env)  # fmt: skip
        if result.code == 2:
            refused(result, "the mirror")
        elif result.code != 0:
            raise Failure("other", f"exit {result.code}: {result.err.strip()[:200]!r}")
        elif "fetched from the mirror" not in result.err:
            raise Failure("other", f"the fallback to the mirror is not said: {result.err[-300:]!r}")
        not_moved_aside(lab)
        if row_counts(store_path(lab))["updates"] < rows["updates"]:
            raise Failure("lost", "updates fetched before were lost")
        history = succeeded(lab.cli("history", "deepstate", "--format", "json")).json()
        dates = {entry["date"] for entry in history["dates"]}
        if "2024-11-20" not in dates:
            raise Failure("lost", "the update fetched before is no longer in the history")
        if result.code == 0 and "2024-11-21" not in dates:
            raise Failure("lost", "the mirror's file was fetched but is not in the history")

    return run


def _entry(**changes) -> list:
    entry = dict(server.listing()[0])
    entry["id"] = 1732190400
    entry.update(changes)
    return [server.listing()[0], entry]


UPDATE_CASES = [
    Case(3, "update dated year 9999", _update(_entry(createdAt="9999-12-31T23:59:59Z"))),
    Case(3, "update dated year -1", _update(_entry(createdAt="-0001-01-01T00:00:00Z"))),
    Case(3, "update dated 2024-02-30", _update(_entry(createdAt="2024-02-30T00:00:00Z"))),
    Case(3, "update dated with a number", _update(_entry(createdAt=12345))),
    Case(3, "update with no date", _update(_entry(createdAt=None))),
    Case(3, "update with a negative id", _update(_entry(id=-5))),
    Case(3, "update with an id of 1e20", _update(_entry(id=10**20))),
    Case(3, "update with a text id", _update(_entry(id="../../etc/passwd"))),
    Case(3, "update id from year 9999", _update(_entry(id=253402300799))),
    Case(3, "update list that is an object", _update({"updates": []})),
    Case(3, "update list that is not JSON", _update(b"<html>maintenance</html>")),
    Case(3, "update list of numbers", _update([1, 2, 3])),
    Case(3, "update map that is not JSON", _update(map_answer=b"{]")),
    Case(
        3,
        "update map of bad geometry",
        _update(
            map_answer={
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Occupied"},
                        "geometry": {"type": "Polygon", "coordinates": [[["x", 1]]]},
                    }
                ],
            }
        ),
    ),
    Case(
        3,
        "update map far outside Ukraine",
        _update(
            map_answer={
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Окуповано /// Occupied", "fill": "#a52714"},
                        "geometry": files.box(-100, 10, -90, 20),
                    }
                ],
            }
        ),
    ),
    Case(4, "update list of 1 GB", _update(server.endless)),
    Case(4, "update map of 1 GB", _update(map_answer=server.endless)),
    Case(4, "update list a byte a second", _update(server.drip), big=True),
    Case(4, "update map that never answers", _update(map_answer=server.silent), big=True),
    Case(4, "update list redirected to file:", _update(server.redirect_to("file:///etc/passwd"))),
    Case(
        4,
        "update map redirected in a loop",
        _update(map_answer=server.redirect_to("/api/history/1/geojson")),
    ),
    Case(4, "update map shorter than it says", _update(map_answer=server.lying_length)),
    Case(
        4,
        "update list of 200,000 entries",
        _update([{"id": i, "createdAt": "x"} for i in range(200_000)]),
    ),
    Case(6, "update list refused: the mirror instead", _mirror()),
    Case(3, "update from a mirror listing that is a list", _mirror(tree_answer=[1, 2])),
    Case(3, "update from a mirror listing without files", _mirror(tree_answer={"tree": {}})),
    Case(3, "update from a mirror file that is HTML", _mirror(file_answer=b"<html>429</html>")),
    Case(
        3,
        "update from a mirror file of bad geometry",
        _mirror(file_answer={"type": "Polygon", "coordinates": [[["x", 1]]]}),
    ),
    Case(4, "update from a mirror listing of 1 GB", _mirror(tree_answer=server.endless)),
    Case(4, "update from a mirror file of 1 GB", _mirror(file_answer=server.endless)),
    Case(
        4,
        "update from a mirror file redirected to file:",
        _mirror(file_answer=server.redirect_to("file:///etc/passwd")),
    ),
    Case(
        4, "update from a mirror file a byte a second", _mirror(file_answer=server.drip), big=True
    ),
]


# -- proposals and exports (kinds 3 and 5) --------------------------------------------------------


def _broken_user_proposal(text: str):
    """A broken file in the user's proposal folder: named, skipped; built-ins keep working."""

    def run(lab: Lab):
        folder = lab.data / "scenarios"
        folder.mkdir(parents=True)
        (folder / "broken.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
        control = files.write(lab.path("areas.geojson"))
        succeeded(lab.cli("scenario", "freeze", control, "--format", "json"))
        succeeded(
            lab.cli("export", control, "--scenario", "june-2024-demand", "--out", lab.path("m.png"))
        )
        refused(lab.cli("scenario", "broken", control), "broken.toml")

    return run


def _full_disk_write(suffix: str):
    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        with mounted(lab, "size=64k") as target:
            from cases_store import fill

            fill(target)
            out = target / f"out{suffix}"
            result = lab.cli("export", control, "--out", out)
            if result.code == 0:
                raise Failure("wrong", "exit 0 on a full disk")
            refused(result, out.name)
            if out.exists() and out.stat().st_size:
                raise Failure("wrong", "a partial output was left behind")

    return run


def _stdout_full(*args):
    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        with open("/dev/full", "w") as full:
            result = lab.cli(*[control if a == "{control}" else a for a in args], stdout=full)
        if result.code == 0:
            raise Failure("wrong", "exit 0 although nothing could be written")

    return run


def _pdf_text(lab: Lab, pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        raise Unavailable("needs pdftotext (poppler-utils)")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def _title_kept(title: str, expected: str | None = None):
    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        out = lab.path("map.pdf")
        succeeded(lab.cli("export", control, "--title", title, "--out", out))
        text = " ".join(_pdf_text(lab, out).split())
        if (expected or title) not in text:
            raise Failure("wrong", f"title {title!r} not printed as written")

    return run


def _proposal_named(name: str, suffix: str):
    def run(lab: Lab):
        proposal = lab.path("named.toml")
        proposal.write_text(f"name = {json.dumps(name)}\ndescription = \"Costs $5bn to $10bn.\"\n"
                            '[[operations]]\ntype = "freeze"\n', encoding="utf-8")  # fmt: skip
        control = files.write(lab.path("areas.geojson"))
        out = lab.path(f"out{suffix}")
        succeeded(lab.cli("export", control, "--scenario", proposal, "--out", out))
        _check_output(lab, out, name)

    return run


def _file_named(stem: str, suffix: str):
    def run(lab: Lab):
        control = files.write(lab.path(f"{stem}.geojson"))
        out = lab.path(f"out{suffix}")
        if suffix == ".csv":
            result = succeeded(lab.cli("stats", control, "--format", "csv"))
            out.write_text(result.out)
        else:
            succeeded(lab.cli("export", control, "--out", out))
        _check_output(lab, out, stem)

    return run


def _check_output(lab: Lab, out: Path, text: str) -> None:
    if out.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(out)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        raise Failure("wrong", f"a live formula in {sheet.title}!{cell.coordinate}")
    elif out.suffix == ".csv":
        lines = [line for line in out.read_text().splitlines() if not line.startswith("#")]
        for row in csv.reader(io.StringIO("\n".join(lines))):
            for cell in row:
                if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _number(cell)):
                    raise Failure("wrong", f"CSV cell {cell[:40]!r} would run in a spreadsheet")
    elif out.suffix == ".pdf":
        printed = " ".join(_pdf_text(lab, out).split())
        if "$" in text and text not in printed:
            raise Failure("wrong", f"{text!r} not printed as written")
    elif out.suffix == ".html":
        page = out.read_text()
        if "<script>alert" in page or "<img src=x" in page:
            raise Failure("wrong", "markup from the data is live in the page")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _markup_in_names(suffix: str):
    def run(lab: Lab):
        names = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "x"]
        control = files.write(lab.path("names.geojson"), files.frame(names=names))
        out = lab.path(f"out{suffix}")
        succeeded(lab.cli("export", control, "--out", out))
        _check_output(lab, out, "")

    return run


def _self_test_dir_is_a_file(lab: Lab):
    target = lab.path("afile")
    target.write_text("x")
    refused(lab.cli("--self-test", "--self-test-dir", target, timeout=120), "afile")


def _make_pipe(lab: Lab, name: str) -> Path:
    import os

    path = lab.path(name)
    os.mkfifo(path)
    return path


def _make_png(lab: Lab, name: str, side: int) -> Path:
    from PIL import Image

    path = lab.path(name)
    Image.new("1", (side, side)).save(path, optimize=True)  # 20,000²: about 49 kB
    return path


def _picked(option: str, make, needle: str, pack: bool = False):
    """A logo or template that is no usable file: one line naming it, at once, nothing written."""

    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        out = lab.path("brief.pdf")
        extra = ["--pack"] if pack else []
        refused(lab.cli("export", control, "--out", out, *extra, option, make(lab)), needle)
        if out.exists():
            raise Failure("wrong", "an export was written despite the refusal")

    return run


def _long_names(lab: Lab):
    """A feature name of five million characters: the export is made, in reasonable time."""
    control = files.write(lab.path("long.geojson"), files.frame(names=["A" * 5_000_000, "x", "y"]))
    out = lab.path("long.pdf")
    succeeded(lab.cli("export", control, "--out", out, timeout=60))


def _pipe_at(name: str):
    return lambda lab: _make_pipe(lab, name)


def _png_at(name: str, side: int):
    return lambda lab: _make_png(lab, name, side)


def _dev_zero(lab: Lab) -> Path:
    return Path("/dev/zero")


PICKED_CASES = [
    Case(4, "logo that is a named pipe", _picked("--logo", _pipe_at("logo.png"), "logo.png")),
    Case(4, "logo that is /dev/zero", _picked("--logo", _dev_zero, "/dev/zero")),
    Case(
        4,
        "logo PNG of 20,000 × 20,000 pixels in 49 kB",
        _picked("--logo", _png_at("bomb.png", 20_000), "bomb.png"),
    ),
    Case(
        4,
        "logo PNG of 3,000 × 3,000 pixels",
        _picked("--logo", _png_at("big.png", 3000), "big.png"),
    ),
    Case(
        4,
        "template that is a named pipe",
        _picked("--template", _pipe_at("t.toml"), "t.toml", pack=True),
    ),
    Case(4, "template that is /dev/zero", _picked("--template", _dev_zero, "/dev/zero", pack=True)),
    Case(8, "a feature name of five million characters → PDF", _long_names),
]


TEXT_CASES = [
    Case(5, "title '$5bn to $10bn' in a PDF", _title_kept("Ceasefire costs $5bn to $10bn")),
    Case(5, "title with broken mathtext", _title_kept(r"$\frac{$ and $x^", r"$\frac{$ and $x^")),
    Case(
        5,
        "title with a backslash and braces",
        _title_kept(r"C:\temp {x} %d %s", r"C:\temp {x} %d %s"),
    ),
    *[
        Case(5, f"proposal named {n!r} → {s}", _proposal_named(n, s))
        for n in ('=WEBSERVICE("http://x")', "+1+1", "@SUM(A1)", "-2+3", "$5bn to $10bn")
        for s in (".xlsx", ".csv", ".pdf")
    ],
    *[
        Case(5, f"file named {n!r} → {s}", _file_named(n, s))
        for n in ("=cmd", "+x", "@x", "-x", "$x$")
        for s in (".xlsx", ".csv", ".pdf")
    ],
    Case(5, "markup in feature names → HTML", _markup_in_names(".html")),
    Case(5, "markup in feature names → XLSX", _markup_in_names(".xlsx")),
    Case(5, "markup in feature names → PNG", _markup_in_names(".png")),
]

WRITE_CASES = [
    *[
        Case(3, f"export {s} to a full disk", _full_disk_write(s))
        for s in (".png", ".pdf", ".svg", ".gpkg", ".geojson", ".xlsx", ".csv", ".html")
    ],
    Case(3, "stats to /dev/full", _stdout_full("stats", "{control}")),
    Case(3, "stats JSON to /dev/full", _stdout_full("stats", "{control}", "--format", "json")),
    Case(3, "scenario to /dev/full", _stdout_full("scenario", "freeze", "{control}")),
    Case(3, "--self-test-dir pointing at a file", _self_test_dir_is_a_file),
    Case(
        3, "a deeply nested user proposal", _broken_user_proposal("a = " + "[" * 5000 + "]" * 5000)
    ),
    Case(
        3,
        "a user proposal of nested tables",
        _broken_user_proposal("\n".join("[" + ".".join(["t"] * n) + "]" for n in range(1, 400))),
    ),
    Case(3, "a user proposal that is not UTF-8", _broken_user_proposal('name = "\udcff"')),
    Case(
        3,
        "a user proposal with an unknown operation",
        _broken_user_proposal('name = "x"\ndescription = "y"\n[[operations]]\ntype = "thaw"\n'),
    ),
    Case(3, "an empty user proposal", _broken_user_proposal("")),
]


# -- arguments (kind 7) ---------------------------------------------------------------------------


def _usage(*args, needle: str = ""):
    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        argv = [control if a == "{control}" else lab.path(a[1:]) if a.startswith("@") else a
                for a in args]  # fmt: skip
        lab.path("folder").mkdir()
        result = lab.cli(*argv, timeout=30)
        refused(result, *([needle] if needle else []))

    return run


ARGUMENT_CASES = [
    Case(7, "an unknown command", _usage("frobnicate", needle="frobnicate")),
    Case(7, "a misspelt command", _usage("stat", "{control}", needle="stat")),
    Case(
        7,
        "--from after --to",
        _usage("history", "@folder", "--from", "2024-12-01", "--to", "2024-11-01"),
    ),
    Case(7, "--from 2024-02-30", _usage("history", "@folder", "--from", "2024-02-30")),
    Case(7, "--date 2024-13-01", _usage("stats", "{control}", "--date", "2024-13-01")),
    Case(7, "--date yesterday", _usage("stats", "{control}", "--date", "yesterday")),
    *[
        Case(7, f"--reconcile-km {v}", _usage("stats", "{control}", "--reconcile-km", v))
        for v in ("-1", "nan", "inf", "11", "abc", "1e999")
    ],
    *[
        Case(7, f"--dpi {v}", _usage("export", "{control}", "--out", "@x.png", "--dpi", v))
        for v in ("0", "-5", "100000", "nan")
    ],
    *[
        Case(
            7,
            f"snapshot --width {v}",
            _usage("snapshot", "{control}", "--out", "@x.png", "--width", v),
        )
        for v in ("0", "-1", "100000")
    ],
    Case(7, "--format xml", _usage("stats", "{control}", "--format", "xml")),
    Case(7, "--page a0", _usage("export", "{control}", "--out", "@x.pdf", "--page", "a0")),
    Case(7, "--group nowhere", _usage("stats", "{control}", "--group", "nowhere")),
    Case(7, "a missing file", _usage("stats", "@missing.geojson", needle="missing.geojson")),
    Case(7, "a folder for a file", _usage("stats", "@folder", needle="folder")),
    Case(7, "export without --out", _usage("export", "{control}")),
    Case(7, "export to x.txt", _usage("export", "{control}", "--out", "@x.txt", needle="x.txt")),
    Case(7, "export into a missing folder", _usage("export", "{control}", "--out", "@no/x.png")),
    Case(7, "an unknown proposal", _usage("scenario", "nowhere", "{control}", needle="nowhere")),
    Case(7, "history of a missing source", _usage("history", "@nowhere", needle="nowhere")),
    Case(7, "history of an empty folder", _usage("history", "@folder", needle="folder")),
    Case(7, "update with a file: URL", _usage("update", "--url", "file:///etc/passwd")),
    Case(7, "update with an ftp URL", _usage("update", "--url", "ftp://127.0.0.1/x")),
]


# -- valid outputs (kind 6) -----------------------------------------------------------------------


def _output_named(name: str, magic: bytes, command: str = "export"):
    def run(lab: Lab):
        control = files.write(lab.path("areas.geojson"))
        out = lab.path(name)
        succeeded(lab.cli(command, control, "--out", out, timeout=120))
        if not out.read_bytes().startswith(magic):
            raise Failure("wrong", f"{name} does not hold what its extension says")

    return run


OUTPUT_CASES = [
    Case(6, "snapshot --out x.jpg", _output_named("x.jpg", b"\xff\xd8", "snapshot")),
    Case(6, "snapshot --out x.JPEG", _output_named("x.JPEG", b"\xff\xd8", "snapshot")),
    Case(6, "snapshot --out x.png", _output_named("x.png", b"\x89PNG", "snapshot")),
    Case(
        7,
        "export --out x.jpg (briefing maps are PNG, PDF or SVG)",
        _usage("export", "{control}", "--out", "@x.jpg", needle="x.jpg"),
    ),
    Case(6, "export --out x.PDF", _output_named("x.PDF", b"%PDF")),
    *[
        Case(6, f"a 254-character output name {s}", _output_named("n" * (254 - len(s)) + s, m))
        for s, m in ((".png", b"\x89PNG"), (".pdf", b"%PDF"), (".xlsx", b"PK"), (".geojson", b"{"))
    ],
]


# -- big inputs (kind 8) --------------------------------------------------------------------------

BIG_DIR = Path("/tmp/atlas-hostile-big")


def many_squares() -> Path:
    """200,000 small squares over Donetsk oblast (55 MB of GeoJSON), made once."""
    path = BIG_DIR / "many.geojson"
    if not path.exists():
        BIG_DIR.mkdir(exist_ok=True)
        rng = np.random.default_rng(7)
        corners = np.column_stack(
            [rng.uniform(36.5, 38.5, 200_000), rng.uniform(47.0, 48.8, 200_000)]
        )
        features = ",".join(
            '{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[['
            f"{x:.5f},{y:.5f}],[{x + 0.003:.5f},{y:.5f}],[{x + 0.003:.5f},{y + 0.003:.5f}],"
            f"[{x:.5f},{y + 0.003:.5f}],[{x:.5f},{y:.5f}]]]}}}}"
            for x, y in corners
        )
        path.write_text('{"type":"FeatureCollection","features":[' + features + "]}")
    return path


def five_million_vertices() -> Path:
    """One star-shaped polygon of 5,000,000 vertices over Donetsk oblast (190 MB), made once."""
    path = BIG_DIR / "huge.geojson"
    if not path.exists():
        BIG_DIR.mkdir(exist_ok=True)
        angles = np.linspace(0, 2 * np.pi, 5_000_000, endpoint=False)
        radius = 0.6 + 0.05 * np.sin(angles * 997)
        x, y = 37.8 + radius * np.cos(angles), 48.0 + 0.7 * radius * np.sin(angles)
        points = ",".join(f"[{a:.6f},{b:.6f}]" for a, b in zip(x, y, strict=True))
        path.write_text(
            '{"type":"Polygon","coordinates":[[' + points + f",[{x[0]:.6f},{y[0]:.6f}]]]}}"
        )
    return path


def _big(make, *command, timeout=600):
    def run(lab: Lab):
        source = make()
        out = lab.path("out.png")
        argv = [source if a == "{big}" else out if a == "{out}" else a for a in command]
        result = succeeded(lab.cli(*argv, timeout=timeout))
        if "--format" in command:
            shares = result.shares()
            if not 0 < shares["UA-14"] <= 100 or max(shares.values()) > 100:
                raise Failure("wrong", f"Donetsk {shares['UA-14']} %")

    return run


def _big_equals_small(lab: Lab):
    """Many parts are measured as their union: the same file cut into parts, same figures."""
    parts = []
    for area in files.AREAS:
        west, south, east, north = area.bounds
        for x in np.linspace(west, east, 31)[:-1]:
            for y in np.linspace(south, north, 31)[:-1]:
                dx, dy = (east - west) / 30, (north - south) / 30
                parts.append(files.box(x, y, x + dx, y + dy))
    cut = files.geojson(lab.path("cut.geojson"), parts)
    same_figures(stats_json(lab, cut), reference(), within=0.02)


BIG_CASES = [
    Case(
        8,
        "200,000 polygons: stats",
        _big(many_squares, "stats", "{big}", "--format", "json"),
        big=True,
    ),
    Case(
        8,
        "200,000 polygons: 15 km zone",
        _big(many_squares, "scenario", "dmz-15km", "{big}"),
        big=True,
    ),
    Case(
        8,
        "200,000 polygons: snapshot",
        _big(many_squares, "snapshot", "{big}", "--out", "{out}"),
        big=True,
    ),
    Case(
        8,
        "200,000 polygons: briefing map",
        _big(many_squares, "export", "{big}", "--out", "{out}"),
        big=True,
    ),
    Case(
        8,
        "5 M vertices: stats",
        _big(five_million_vertices, "stats", "{big}", "--format", "json"),
        big=True,
    ),
    Case(
        8,
        "5 M vertices: snapshot",
        _big(five_million_vertices, "snapshot", "{big}", "--out", "{out}"),
        big=True,
    ),
    Case(
        8,
        "5 M vertices: 15 km zone",
        _big(five_million_vertices, "scenario", "dmz-15km", "{big}"),
        big=True,
    ),
    Case(8, "2,700 parts equal their union", _big_equals_small),
]

CASES = (
    UPDATE_CASES
    + PICKED_CASES
    + TEXT_CASES
    + WRITE_CASES
    + ARGUMENT_CASES
    + OUTPUT_CASES
    + BIG_CASES
)
