"""The ``frontline-atlas`` command: the desktop app, plus headless subcommands.

``frontline-atlas [FILE ...]`` opens the app (with control files, if given);
``frontline-atlas stats FILE`` and the other subcommands run without a window.
Qt is imported only by the commands that need it, so ``stats`` starts fast and
runs on machines with no display.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import geodata
from geodata.dates import parse_date
from geodata.errors import GeodataError
from geodata.exports.atomic import os_reason
from geodata.exports.briefing_style import PAGES as PAGE_PRESETS

PROG = "frontline-atlas"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input or usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in _SUBCOMMANDS or argv[0] in ("-h", "--help")):
        # The commands' parser lists groups, proposals and formats from their tables:
        # built only for a command, so that the app's start does not load them.
        args = _parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        _notes_to_stderr()
    else:
        # Neither a command nor a file to open: a typo, not a reason to start a window.
        first = next((a for a in argv if not a.startswith("-")), None)
        if first is not None and first == argv[0] and not Path(first).exists():
            commands = ", ".join(sorted(_SUBCOMMANDS))
            print(f"{PROG}: {first!r} is neither a command ({commands}) nor an "
                  f"existing file; see `{PROG} --help`", file=sys.stderr)  # fmt: skip
            return 2
        args = _app_parser().parse_args(argv)
        if args.file is not None and not args.file.exists():
            print(f"{PROG}: cannot open {str(args.file)!r}: no such file", file=sys.stderr)
            return 2
        handler = _run_app
    terminal = sys.stderr
    if handler is not _run_app:  # a file's name is text: no control code reaches the terminal
        sys.stderr = _PlainText(terminal)
    try:
        return handler(args)
    except GeodataError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: what a history computed is kept in its store
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except OSError as error:  # the output cannot be written (a full disk: > /dev/full)
        print(f"{PROG}: cannot write the output: {os_reason(error)}", file=sys.stderr)
        return 2
    finally:
        sys.stderr = terminal


class _PlainText:
    """A text stream that writes no control character but line breaks and tabs (a file
    named with an escape sequence could otherwise clear the screen or retitle the window)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from geodata.exports.text import terminal_text

        return self._stream.write(terminal_text(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _stats(args: argparse.Namespace) -> int:
    from geodata.stats import compute_stats
    from geodata.stats_output import format_stats

    layer = _read_layer(args)
    text = format_stats(
        compute_stats(layer, reconcile_km=args.reconcile_km), args.format, args.group
    )
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _scenario(args: argparse.Namespace) -> int:
    from geodata.scenarios.engine import run_proposal
    from geodata.scenarios.output import format_scenario
    from geodata.scenarios.proposals import find_proposal

    proposal = find_proposal(args.proposal)
    layer = _read_layer(args)
    result = run_proposal(proposal, layer, reconcile_km=args.reconcile_km)
    sys.stdout.write(format_scenario(result, args.format))
    sys.stdout.flush()
    return 0


def _history(args: argparse.Namespace) -> int:
    _dates_in_order(args)
    series, _store = _open_series(args)
    shown = series.between(args.start, args.end)
    if not len(shown):  # not a table of no dates that reads as 0 % occupied
        raise GeodataError(_no_dates(series, args.start, args.end))
    series = shown
    sys.stdout.write(series.to_json() if args.format == "json" else series.to_csv())
    sys.stdout.flush()
    return 0


def _dates_in_order(args: argparse.Namespace) -> None:
    """--from and --to as typed (not the dates they fall back to) must be in order."""
    if args.start and args.end and args.start > args.end:
        raise GeodataError(f"--from {args.start} is after --to {args.end}")


def _no_dates(series, start, end) -> str:
    """Why no map of ``series`` lies from ``start`` to ``end`` (the options as given)."""
    first, last = series.dates[0], series.dates[-1]
    if start and start > last:
        return f"--from {start} is after the history's last map ({last})"
    if end and end < first:
        return f"--to {end} is before the history's first map ({first})"
    before = max(d for d in series.dates if d < start)
    after = min(d for d in series.dates if d > end)
    return f"no map from {start} to {end}: the maps nearest are of {before} and {after}"


def _fallback_note(series, asked, row: int) -> str | None:
    """What to say when the map taken for the date ``asked`` is of another date."""
    used = series.dates[row]
    if used == asked:
        return None
    if row == len(series) - 1:
        return f"the history ends on {used}: its last map stands for {asked}"
    return f"no map for {asked}; using {used}, the last date before it"


def _open_series(args: argparse.Namespace):
    """A history computed (or found in the store), with its store; notes on stderr."""
    from geodata.errors import StoreError
    from geodata.history.compute import compute_history
    from geodata.history.sources import open_history
    from geodata.history.store import Store

    # A store moved aside and rebuilt is said by the store's own log line.
    try:
        store = Store()
    except StoreError as error:  # none can be made or read: computed, and not kept
        print(f"{PROG}: note: the figures computed now are not kept: {error}", file=sys.stderr)
        store = None
    series = compute_history(
        open_history(args.source, store), store, reconcile_km=args.reconcile_km
    )
    for note in series.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    if not len(series):
        raise GeodataError(f"{args.source}: the history has no dates")
    return series, store


def _changes(args: argparse.Namespace) -> int:
    from geodata.history.pace_output import format_changes
    from geodata.history.transfers import changes_between, row_at_or_before

    _dates_in_order(args)
    series, store = _open_series(args)
    if args.start and args.start > series.dates[-1]:  # no map in the period at all
        raise GeodataError(_no_dates(series, args.start, args.end))
    first = row_at_or_before(series, args.start) if args.start else 0
    second = row_at_or_before(series, args.end) if args.end else len(series) - 1
    notes = (_fallback_note(series, asked, row) for asked, row in
             ((args.start, first), (args.end, second)) if asked)  # fmt: skip
    for note in dict.fromkeys(n for n in notes if n):  # each once (--from and --to alike)
        print(f"{PROG}: note: {note}", file=sys.stderr)
    changes = changes_between(series, first, second, store)
    sys.stdout.write(format_changes(changes, args.format, args.table))
    sys.stdout.flush()
    return 0


def _rates(args: argparse.Namespace) -> int:
    from geodata.history.pace_output import format_rates
    from geodata.history.rates import pace, period_gains

    _dates_in_order(args)
    series, _store = _open_series(args)
    # Every figure from the whole history up to --to (a period's change from the period
    # before, a 30-day rate from 30 days before, even before --from); --from only says
    # which periods are shown.
    if not len(series.between(args.start, args.end)):
        raise GeodataError(_no_dates(series, args.start, args.end))
    if args.end and args.end > series.dates[-1]:
        print(f"{PROG}: note: the history ends on {series.dates[-1]}: its rates and pace are "
              "as of then", file=sys.stderr)  # fmt: skip
    series = series.between(None, args.end)
    gains = period_gains(series, args.period)
    if args.start:
        gains = gains[gains["end"] >= args.start].reset_index(drop=True)
    text = format_rates(series.source, args.period, gains, pace(series, args.window),
                        args.window, args.format, args.level)  # fmt: skip
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _compare(args: argparse.Namespace) -> int:
    from geodata.compare import compare_layers, format_comparison
    from geodata.importers import read_control_layer

    layers = []
    for path, date in ((args.a, args.date_a), (args.b, args.date_b)):
        layer = read_control_layer(path, date=date, counting=_counting(args))
        for message in layer.report.messages():
            print(f"{PROG}: note: {path}: {message}", file=sys.stderr)
        layers.append(layer)
    comparison = compare_layers(*layers, reconcile_km=args.reconcile_km)
    gap = comparison.date_gap_days
    if gap:
        print(f"{PROG}: note: the two sources are {abs(gap)} days apart", file=sys.stderr)
    sys.stdout.write(format_comparison(comparison, args.format))
    sys.stdout.flush()
    return 0


def _update(args: argparse.Namespace) -> int:
    from geodata.history.deepstate_online import Client, fetch_latest, fetch_updates
    from geodata.history.mirror import fetch_mirror
    from geodata.history.store import Store

    if args.mirror and args.url:
        raise GeodataError("--url is DeepStateMap's address; the mirror's are set with the "
                           "FRONTLINE_ATLAS_MIRROR_* variables (see `update --help`)")  # fmt: skip
    store = Store()
    client, progress = Client(base_url=args.url or ""), _LineProgress()
    try:
        if args.latest:
            report = fetch_latest(store, client, progress=progress)
        elif args.mirror:
            report = fetch_mirror(store, client=client, progress=progress)
        else:
            report = fetch_updates(store, client, progress=progress)
    except BaseException:
        progress.end(keep=False)  # the error gets a line of its own, and only one
        raise
    progress.end(keep=True)
    print(f"{report.summary()} (history store {store.path})", file=sys.stderr)
    for note in report.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    for line in report.skipped:
        print(f"{PROG}: note: skipped {line}", file=sys.stderr)
    return 0


class _LineProgress:
    """Progress on one line of stderr (for ``update``), rewritten in place on a terminal.

    Piped or redirected, stderr gets no progress: only the result, or the error
    on one line.
    """

    def __init__(self) -> None:
        self._terminal = sys.stderr.isatty()
        self._shown = 0  # the length of the line shown, if one is

    def report(self, fraction, message: str = "") -> None:
        if not self._terminal:
            return
        percent = "" if fraction is None else f"{fraction * 100:3.0f} % "
        line = f"{PROG}: {percent}{message}".ljust(max(78, self._shown))
        print(f"\r{line}", end="", file=sys.stderr, flush=True)
        self._shown = len(line)

    def check(self) -> None:
        """Ctrl+C ends the command; nothing to check."""

    def end(self, keep: bool) -> None:
        """End the progress line: ``keep`` it (the last step stays shown), or clear it."""
        if self._shown:
            ending = "\n" if keep else f"\r{' ' * self._shown}\r"
            print(ending, end="", file=sys.stderr, flush=True)
        self._shown = 0


def _export(args: argparse.Namespace) -> int:
    from desktop.exports.export import export, export_format
    from desktop.exports.logo import with_png_logo
    from geodata.exports.pack import load_template
    from geodata.scenarios.engine import run_proposal
    from geodata.scenarios.proposals import find_proposal
    from geodata.stats import compute_stats

    if args.pack:
        if args.out.suffix.lower() != ".pdf":
            raise GeodataError(f"a pack is a PDF: --out {args.out} does not end in .pdf")
        if args.scenario:  # not silently dropped
            raise GeodataError(
                "--scenario does not apply to --pack, whose pages show the control areas; "
                "export the proposal as a briefing map instead"
            )
    else:
        export_format(args.out)  # an unknown extension is said before any work
    _nothing_overwritten(args)
    given = _template(args, load_template(args.template) if args.template else None)
    template = with_png_logo(given)  # saved as given (below); drawn as a PNG
    source = _export_source(args)
    if args.pack:
        from geodata.exports.pack import render_pack

        report = render_pack(args.out, source, template, since=args.since,
                             sector=args.extent)  # fmt: skip
        for reason in report.left_out:
            print(f"{PROG}: note: page left out: {reason}", file=sys.stderr)
        for note in report.notes:
            print(f"{PROG}: note: {note}", file=sys.stderr)
        print(f"{PROG}: wrote {report.path} ({len(report.pages)} pages: "
              f"{', '.join(report.pages)}; {report.seconds:.1f} s)", file=sys.stderr)  # fmt: skip
        _save_template(args, given)
        return 0
    proposal = find_proposal(args.scenario) if args.scenario else None
    layer = source.layer
    km = args.reconcile_km
    result = run_proposal(proposal, layer, reconcile_km=km) if proposal else None
    stats = compute_stats(layer, reconcile_km=km) if source.series is None else source.stats
    extent = parse_extent_arg(args.extent)
    options = template.options(
        title=args.title, subtitle=args.subtitle, dpi=args.dpi, extent=extent.bounds,
        extent_name=extent.label(template.language) if extent.bounds else None,
    )  # fmt: skip
    out = export(args.out, layer, stats, result, options)
    print(f"{PROG}: wrote {out}", file=sys.stderr)
    _save_template(args, given)
    return 0


def _save_template(args: argparse.Namespace, template) -> None:
    """Keep the template, once the export it was given for is made."""
    from geodata.exports.pack import save_template

    if args.save_template:
        print(f"{PROG}: wrote {save_template(args.save_template, template)}", file=sys.stderr)


def _nothing_overwritten(args: argparse.Namespace) -> None:
    """Refuse an output that is one of the export's own inputs, or a template that is not one.

    ``--save-template control.geojson`` once replaced the control file with TOML
    before reading it, and ``--out`` naming the source replaced it with the export.
    """
    if args.save_template and Path(args.save_template).suffix.lower() != ".toml":
        raise GeodataError(f"--save-template {args.save_template}: a template is a .toml file")
    inputs = {"the file exported": args.file, "--template": args.template, "--logo": args.logo}
    outputs = {"--out": args.out, "--save-template": args.save_template}
    for option, out in outputs.items():
        if out is None:
            continue
        for what, given in inputs.items():
            if option == "--save-template" and what == "--template":
                continue  # a template updated in place: read first, written after the export
            if given is not None and str(given) != "deepstate" and _same_file(out, given):
                raise GeodataError(f"{option} {out} is {what}: choose another name")
    if args.save_template and _same_file(args.out, args.save_template):
        raise GeodataError("--out and --save-template name the same file")


def _same_file(a, b) -> bool:
    """Whether two paths name one file (an existing one, or the same path)."""
    try:
        return Path(a).resolve() == Path(b).resolve() or (
            Path(a).exists() and Path(b).exists() and os.path.samefile(a, b)
        )
    except OSError:
        return False


def parse_extent_arg(text: str | None):
    """``--extent`` as an :class:`~geodata.exports.extents.Extent` (one message if wrong)."""
    from geodata.exports.extents import parse_extent

    try:
        return parse_extent(text)
    except ValueError as error:
        raise GeodataError(f"--extent: {error}") from None


def _template(args: argparse.Namespace, loaded):
    """The briefing template: a loaded one (or the default) with the options given here."""
    import dataclasses

    from geodata.exports.pack import BriefingTemplate

    template = loaded or BriefingTemplate()
    given = {"page": args.page, "language": args.language, "banner": args.banner,
             "banner_colour": args.banner_colour, "author": args.author,
             "logo": str(args.logo) if args.logo else None}  # fmt: skip
    changes = {key: value for key, value in given.items() if value is not None}
    if args.extent:
        parse_extent_arg(args.extent)
        changes["sector"] = args.extent
    return dataclasses.replace(template, **changes)


def _export_source(args: argparse.Namespace):
    """What an export is made from: a control file, or a day of a history (folder,
    multi-date file or ``deepstate``), with the history for a pack's change and chart."""
    from geodata.exports.pack import PackSource
    from geodata.importers import holds_several_dates
    from geodata.importers.assemble import SeveralDatesError
    from geodata.stats import compute_stats

    path = args.file
    # A file of several dates' maps is a history. A pack's change and chart pages need
    # it even when --date picks one of its maps; else the file is read once, below.
    if str(path) == "deepstate" or Path(path).is_dir():
        return _history_day(args)
    if args.pack and holds_several_dates(Path(path)):
        return _history_day(args)
    try:
        layer = _read_layer(args)
    except SeveralDatesError:  # no --date: its last map, as of a folder
        return _history_day(args)
    return PackSource(layer, compute_stats(layer, reconcile_km=args.reconcile_km))


def _history_day(args: argparse.Namespace):
    """The export's source from a history: the day of --date (else the last), with the history."""
    from geodata.exports.pack import PackSource
    from geodata.history.transfers import row_at_or_before

    args.source = str(args.file)
    series, store = _open_series(args)
    row = row_at_or_before(series, args.date) if args.date else len(series) - 1
    note = _fallback_note(series, args.date, row) if args.date else None
    if note:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    return PackSource(series.layer_at(row, store), series.stats_at(row), series, row, store)


def _animate(args: argparse.Namespace) -> int:
    from geodata.exports.animation import ANIMATION_FORMATS, render_animation

    if args.out.suffix.lower() not in ANIMATION_FORMATS:
        raise GeodataError(
            f"cannot write {args.out.name}: unknown animation format {args.out.suffix.lower()!r}; "
            f"choose one of: {', '.join(ANIMATION_FORMATS)}"
        )
    _dates_in_order(args)
    series, store = _open_series(args)
    last = series.dates[-1]
    if args.start and args.start > last:
        raise GeodataError(_no_dates(series, args.start, args.end))
    start = args.start or series.dates[0]
    end = args.end or last
    if end > last:  # frames after the last map would show it under later dates
        print(f"{PROG}: note: the history ends on {last}: so does the animation",
              file=sys.stderr)  # fmt: skip
        end = last
    progress = _LineProgress()
    try:
        report = render_animation(args.out, series, store, start, end, args.step,
                                  chart=args.chart, size=args.size, fps=args.fps,
                                  progress=progress, language=args.language)  # fmt: skip
    except BaseException:
        progress.end(keep=False)
        raise
    progress.end(keep=False)
    frames = f"{report.frames} frame{'s' if report.frames != 1 else ''}"
    print(f"{PROG}: wrote {report.path} ({frames}, {report.first_date} … "
          f"{report.last_date}; {report.seconds:.1f} s, {report.bytes / 2**20:.1f} MB)",
          file=sys.stderr)  # fmt: skip
    return 0


def _extent_text(text: str) -> str:
    """An argparse type: an extent :func:`geodata.exports.extents.parse_extent` reads."""
    from geodata.exports.extents import parse_extent

    try:
        parse_extent(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _frame_size(text: str) -> tuple[int, int]:
    """An argparse type: WIDTHxHEIGHT in pixels (even, for video)."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (320 <= width <= 3840 and 240 <= height <= 2160):
        raise argparse.ArgumentTypeError(f"{text!r}: from 320x240 to 3840x2160")
    return width - width % 2, height - height % 2


def _colour(text: str) -> str:
    """An argparse type: a colour matplotlib draws (a name or #rrggbb)."""
    from geodata.exports.pack import check_colour

    try:
        return check_colour(text, "")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).strip()) from None


def _frames_per_second(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.2 <= value <= 60:
        raise argparse.ArgumentTypeError(f"{text!r}: from 0.2 to 60 frames a second")
    return value


def _read_layer(args: argparse.Namespace):
    """The control file of a command, with what the import skipped or repaired as notes."""
    from geodata.importers import read_control_layer

    layer = read_control_layer(args.file, date=args.date, counting=_counting(args))
    for message in layer.report.messages():
        print(f"{PROG}: note: {args.file}: {message}", file=sys.stderr)
    return layer


def _whole_number(low: int, high: int, what: str):
    """An argparse type: a whole number from ``low`` to ``high`` (``what`` names the unit)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} from {low} to {high}")
        return value

    return parse


def _tolerance_km(text: str) -> float:
    """An argparse type: a reconciliation tolerance in km (0 to the largest allowed)."""
    from geodata.reconcile import check_tolerance

    try:
        return check_tolerance(text)
    except ValueError:
        from geodata.reconcile import MAX_TOLERANCE_KM

        raise argparse.ArgumentTypeError(
            f"{text!r} is not a tolerance in km from 0 to {MAX_TOLERANCE_KM:g}"
        ) from None


def _add_history_source(
    parser: argparse.ArgumentParser,
    start_help: str = "first date (YYYY-MM-DD)",
    end_help: str = "last date (YYYY-MM-DD)",
) -> None:
    """SOURCE, --from and --to: what every command over a history takes."""
    parser.add_argument("source", metavar="SOURCE", help="a folder, a file, or `deepstate`")
    parser.add_argument("--from", dest="start", type=_date, help=start_help)
    parser.add_argument("--to", dest="end", type=_date, help=end_help)


def _add_reconcile_km(parser: argparse.ArgumentParser) -> None:
    """The --reconcile-km option of every command that yields figures."""
    parser.add_argument(
        "--reconcile-km",
        type=_tolerance_km,
        default=3.0,
        metavar="KM",
        help="border and coast reconciliation: not-held slivers narrower than KM between "
        "occupied land and Ukraine's border or coast count as occupied (default 3; 0 for the "
        "raw intersection)",
    )


def _add_counting(parser: argparse.ArgumentParser) -> None:
    """The --count-contested option of every command that reads one control file."""
    parser.add_argument(
        "--count-contested",
        action="store_true",
        help="count contested (grey zone) areas as occupied where the source marks them "
        "(DeepStateMap); by default they are measured apart and not counted",
    )


def _counting(args: argparse.Namespace):
    from geodata.categories import Counting

    return Counting(contested=getattr(args, "count_contested", False))


_dpi = _whole_number(36, 1200, "a resolution in dpi")
_pixels = _whole_number(100, 8000, "a size in pixels")


def _snapshot(args: argparse.Namespace) -> int:
    from desktop.map.snapshot import render_snapshot

    if args.scenario and args.file is None:
        raise GeodataError("--scenario needs a control FILE to apply the proposal to")
    out = render_snapshot(
        args.file, args.out, args.width, args.height, date=args.date, scenario=args.scenario,
        reconcile_km=args.reconcile_km,
        counting=_counting(args), language=args.language,
    )  # fmt: skip
    print(f"{PROG}: wrote {out} ({args.width} x {args.height} px)", file=sys.stderr)
    return 0


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes (tests and callers replace it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _notes_to_stderr() -> None:
    """The core's warnings (a store waited for, rows computed again) as notes on stderr."""
    core = logging.getLogger("geodata")
    if not core.handlers:
        handler = _CurrentStderr()
        handler.setFormatter(logging.Formatter(f"{PROG}: note: %(message)s"))
        core.addHandler(handler)
        core.propagate = False


def _run_app(args: argparse.Namespace) -> int:
    if args.self_test:
        from desktop.self_test import run_self_test

        return run_self_test(args.self_test_dir)
    from desktop.app import run_app

    return run_app(args.file)


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


_SUBCOMMANDS = {
    "stats",
    "scenario",
    "history",
    "changes",
    "rates",
    "compare",
    "update",
    "export",
    "animate",
    "snapshot",
}


def _parser() -> argparse.ArgumentParser:
    # Choices and lists in the help come from their tables (groups, proposals, formats).
    from desktop.exports.export import extensions
    from geodata.groups import GROUPS
    from geodata.history.mirror import SETTINGS as MIRROR_SETTINGS
    from geodata.history.pace_output import CHANGE_TABLES
    from geodata.history.rates import DEFAULT_PACE_DAYS, PERIODS
    from geodata.scenarios.proposals import builtin_ids
    from geodata.stats_output import OUTPUT_FORMATS

    groups = ", ".join(group.id for group in GROUPS)

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Frontline Atlas: control areas in Ukraine, per oblast and per region group.",
        epilog=f"Run `{PROG}` with no command (or with a control file) to open the desktop app; "
        f"`{PROG} --self-test [--self-test-dir DIR]` checks the installation offline (data, "
        "statistics, map, PDF) and exits 0 when it works; `--version` prints the version.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {geodata.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    stats = commands.add_parser(
        "stats",
        help="occupied area and share per oblast and group, from one control file",
        description="Occupied area (km²) and share (%) of each of Ukraine's 27 first-level "
        f"units and of the groups {groups} (ukraine: all of Ukraine), with "
        "the km² the border and coast reconciliation added. CSV starts with '#' lines on the "
        "method; JSON carries it as `metadata`.",
    )
    stats.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="GeoJSON, DeepStateMap JSON, KML, KMZ, Shapefile (.shp/.zip), GeoPackage, FlatGeobuf",
    )
    stats.add_argument("--date", type=_date, help="the date the file shows (YYYY-MM-DD)")
    stats.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="table",
        help="output (default: table)",
    )
    stats.add_argument(
        "--group",
        metavar="ID",
        help=f"only this group and its members: {groups}",
    )
    _add_reconcile_km(stats)
    _add_counting(stats)
    stats.set_defaults(handler=_stats)

    scenario = commands.add_parser(
        "scenario",
        help="what a proposal would change, per oblast and group, on one control file",
        description=f"Apply a proposal (built in: {', '.join(builtin_ids())}; "
        "or one you saved, or a .toml file) to a control file and report "
        "occupied area before and after, what passes to each side, the line of contact "
        "and the cities that change hands.",
    )
    scenario.add_argument("proposal", metavar="NAME_OR_FILE", help="a proposal id or .toml file")
    scenario.add_argument("file", type=Path, metavar="CONTROL_FILE", help="a control-area file")
    scenario.add_argument("--date", type=_date, help="the date the file shows (YYYY-MM-DD)")
    scenario.add_argument(
        "--format", choices=OUTPUT_FORMATS, default="table", help="output (table)"
    )
    _add_reconcile_km(scenario)
    _add_counting(scenario)
    scenario.set_defaults(handler=_scenario)

    history = commands.add_parser(
        "history",
        help="occupied area per oblast and group for every date of a history",
        description="Statistics for each date of a history: a folder of dated control files "
        "(names with YYYYMMDD or YYYY-MM-DD), one file with a date column, or `deepstate` (the "
        "updates fetched with `update`). Results are kept in the local store, so a history "
        "reopens at once.",
    )
    _add_history_source(history)
    history.add_argument("--format", choices=("csv", "json"), default="csv", help="output (csv)")
    _add_reconcile_km(history)
    history.set_defaults(handler=_history)

    changes = commands.add_parser(
        "changes",
        help="settlements and km² that changed hands between two dates of a history",
        description="The settlements (GeoNames places of 500 people or more) that changed hands "
        "between two dates, with their population and the first date on the new side; per "
        "oblast and group, km² gained and regained and places counted. A date without a map "
        "takes the last one before it. People are an estimate from pre-war GeoNames figures.",
    )
    _add_history_source(
        changes, "first date (default: the first)", "second date (default: the last)"
    )
    changes.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output (table)")
    changes.add_argument(
        "--table",
        choices=CHANGE_TABLES,
        default="places",
        help="with --format csv: the places (default) or the per-oblast areas",
    )
    _add_reconcile_km(changes)
    changes.set_defaults(handler=_changes)

    rates = commands.add_parser(
        "rates",
        help="gains per week or month, and the pace of advance, per oblast and group",
        description="Change in held km² per period (the difference of period-end figures), "
        "with settlements taken and regained; and, per oblast and group, the rate over the "
        "last days and at that rate how long until 100 %.",
    )
    _add_history_source(
        rates,
        start_help="first period shown, the one holding this date (YYYY-MM-DD); its figures "
        "are those of the whole history (from the period before)",
        end_help="last date (YYYY-MM-DD): the last period ends and the pace is taken there",
    )
    rates.add_argument("--period", choices=PERIODS, default="month", help="period (month)")
    rates.add_argument("--window", type=_whole_number(1, 3650, "a number of days"),
                       default=DEFAULT_PACE_DAYS, metavar="DAYS",
                       help=f"days the pace is measured over ({DEFAULT_PACE_DAYS})")  # fmt: skip
    rates.add_argument("--level", choices=("group", "unit"), default="group",
                       help="with --format table: groups (default) or oblasts")  # fmt: skip
    rates.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output (table)")
    _add_reconcile_km(rates)
    rates.set_defaults(handler=_rates)

    compare = commands.add_parser(
        "compare",
        help="two sources side by side: occupied in both, only in A, only in B, per oblast",
        description="Compare two control-area files (two sources for the same or a near date: "
        "DeepStateMap, an export of the ISW/CTP map, a colleague's KML): per oblast and group "
        "the occupied km² and % in each (as `stats` gives them) and B - A, the km² held only "
        "in A and only in B, and the settlements held in one and not the other.",
    )
    compare.add_argument("a", type=Path, metavar="A", help="the first control-area file")
    compare.add_argument("b", type=Path, metavar="B", help="the second control-area file")
    compare.add_argument("--date-a", type=_date, help="the date file A shows (YYYY-MM-DD)")
    compare.add_argument("--date-b", type=_date, help="the date file B shows (YYYY-MM-DD)")
    compare.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output (table)")
    _add_reconcile_km(compare)
    _add_counting(compare)
    compare.set_defaults(handler=_compare)

    update = commands.add_parser(
        "update",
        help="fetch new DeepStateMap updates into the local store (needs the internet)",
        description="Fetch the list of DeepStateMap's map updates and every update the local "
        "store lacks, with its statistics. The only command that goes online. If DeepStateMap "
        f"refuses its list (HTTP 401 or 403), the daily maps come from the mirror "
        f"{MIRROR_SETTINGS['repository'][1]} on GitHub instead, and a note says so.",
        epilog="The mirror is set with environment variables: "
        + "; ".join(
            f"{variable} ({name}, default {default})"
            for name, (variable, default) in MIRROR_SETTINGS.items()
        )
        + ". A commit SHA as the ref pins the mirror for good.",
    )
    update.add_argument("--url", help="fetch from this address instead of DeepStateMap's")
    source = update.add_mutually_exclusive_group()
    source.add_argument(
        "--latest", action="store_true", help="only DeepStateMap's latest map (its /last address)"
    )
    source.add_argument(
        "--mirror", action="store_true", help="the daily maps from the mirror, not DeepStateMap's"
    )
    update.set_defaults(handler=_update)

    export = commands.add_parser(
        "export",
        help="briefing map, data or interactive map from a control file (no display needed)",
        description="Write one export; the format follows the extension: "
        f"{extensions('briefing')} (a briefing map with title, legend, scale, credits and "
        f"statistics), or data: {extensions('data')} (statistics or a proposal's results, "
        "the control layer and a proposal's areas, the interactive map in one offline file).",
    )
    export.add_argument(
        "file", type=Path, metavar="SOURCE",
        help="a control-area file, or a history: a folder of dated files or 'deepstate' "
        "(the store's DeepStateMap updates)",
    )  # fmt: skip
    export.add_argument("--out", type=Path, required=True, help="the file to write")
    export.add_argument("--scenario", metavar="NAME_OR_FILE", help="apply this proposal")
    export.add_argument("--title", help="the briefing map's title")
    export.add_argument(
        "--subtitle", help="the subtitle (default: the source and the date, e.g. "
        "'DeepStateMap, 20 November 2024')",
    )  # fmt: skip
    export.add_argument("--page", choices=tuple(PAGE_PRESETS), help="page (default a4, landscape)")
    export.add_argument("--dpi", type=_dpi, help="PNG resolution (200; slide 144)")
    export.add_argument(
        "--extent",
        type=_extent_text,
        metavar="EXTENT",
        help="what the map shows: 'ukraine' (default), an oblast (UA-14, Donetsk), a group "
        "(annexed-2022, crimea-2014) or W,S,E,N in degrees (36.5,47.6,38.8,49.2 for Donbas); "
        "a sector adds its settlements, finer water and a locator inset. With --pack: the "
        "sector page's (default: where the front moved since --since)",
    )
    export.add_argument("--language", choices=("en", "uk"), help="the page's language (en)")
    export.add_argument("--banner", help="a classification or handling banner, top and bottom")
    export.add_argument("--banner-colour", type=_colour,
                        help="the banner's colour (a name or #rrggbb)")  # fmt: skip
    export.add_argument("--logo", type=Path, help="a logo, PNG or SVG, at the top right")
    export.add_argument("--author", help="an author or organisation line")
    export.add_argument(
        "--pack", action="store_true",
        help="a morning pack: one PDF of overview, sector, change since --since, table and "
        "chart (change and chart need a history as SOURCE)",
    )  # fmt: skip
    export.add_argument(
        "--since", type=_date, help="the change page's start (default: 7 days before the day)"
    )
    export.add_argument("--template", type=Path, help="a briefing template (TOML) to start from")
    export.add_argument(
        "--save-template", type=Path, metavar="FILE",
        help="save the template these options make, for tomorrow's pack",
    )  # fmt: skip
    export.add_argument(
        "--date", type=_date,
        help="the date the file shows; for a history, the day to brief (default its last)",
    )  # fmt: skip
    _add_reconcile_km(export)
    _add_counting(export)
    export.set_defaults(handler=_export)

    animate = commands.add_parser(
        "animate",
        help="the front over time as an MP4 video or an animated GIF",
        description="Draw the occupied territory of each step between two dates (the latest "
        "map at or before each frame's date) with a date stamp, a legend and optionally a "
        "chart, and write an MP4 (H.264) or a GIF. Works offline and without a display.",
    )
    animate.add_argument("--out", type=Path, required=True, help="front.mp4 or front.gif")
    _add_history_source(animate, "the first frame's date (default: the history's first)",
                      "the last frame's date (default: the history's last)")  # fmt: skip
    animate.add_argument("--step", choices=("day", "week", "month"), default="week",
                         help="time between frames (week)")  # fmt: skip
    animate.add_argument("--chart", action="store_true", help="add a chart of the share held")
    animate.add_argument("--size", type=_frame_size, default=(1280, 720),
                         help="WIDTHxHEIGHT in pixels (1280x720)")  # fmt: skip
    animate.add_argument("--fps", type=_frames_per_second, default=4.0,
                         help="frames a second (4)")  # fmt: skip
    animate.add_argument("--language", choices=("en", "uk"), default="en",
                         help="the frames' words, numbers, dates and names (en)")  # fmt: skip
    _add_reconcile_km(animate)
    animate.set_defaults(handler=_animate)

    snapshot = commands.add_parser(
        "snapshot",
        help="render the app's map offscreen to a PNG",
        description="Render the map exactly as the app shows it, offscreen, and save a PNG. "
        "Works without a display.",
    )
    snapshot.add_argument("file", type=Path, nargs="?", metavar="FILE", help="a control file")
    snapshot.add_argument("--out", type=Path, required=True, help="the PNG to write")
    snapshot.add_argument("--width", type=_pixels, default=1600, help="width in pixels (1600)")
    snapshot.add_argument("--height", type=_pixels, default=1000, help="height in pixels (1000)")
    snapshot.add_argument("--date", type=_date, help="the date the file shows (YYYY-MM-DD)")
    snapshot.add_argument(
        "--scenario", metavar="NAME_OR_FILE", help="draw this proposal over the control layer"
    )
    snapshot.add_argument(
        "--language", choices=("en", "uk"), default="en", help="place names on the map (en)"
    )
    _add_reconcile_km(snapshot)
    _add_counting(snapshot)
    snapshot.set_defaults(handler=_snapshot)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Open the Frontline Atlas desktop app. Commands: "
        + ", ".join(sorted(_SUBCOMMANDS))
        + f" (see `{PROG} COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {geodata.__version__}")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a control file to open")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation (offline): data, statistics, map, PDF; exit 0 if it works",
    )
    parser.add_argument(
        "--self-test-dir", type=Path, metavar="DIR", help="where the self-test writes its files"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
