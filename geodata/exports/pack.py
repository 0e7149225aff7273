"""The morning pack: several briefing pages in one PDF, from a template kept as TOML.

A template says which pages, in which order (overview, a sector, the change
since a date, the table, the chart), on which page preset, in which language,
with which banner, logo and author line. Saved once, it makes tomorrow's pack
one command (``frontline-atlas export SOURCE --pack --template T --out brief.pdf``)
or one click. Change and chart pages need a history; from a single file they
are left out, and the report says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from matplotlib.backends.backend_pdf import PdfPages

from geodata import __version__
from geodata.control import ControlLayer
from geodata.errors import BadInputError, GeodataError, NoMapYetError
from geodata.exports.atomic import write_atomically
from geodata.exports.briefing import BriefingOptions, briefing_figure
from geodata.exports.briefing_pages import change_extent, change_figure, chart_figure, table_figure
from geodata.exports.briefing_style import PAGES
from geodata.exports.briefing_text import LANGUAGES, long_date, word
from geodata.exports.extents import Extent, parse_extent
from geodata.exports.text import clean
from geodata.history.changes import gained_and_lost
from geodata.history.compute import NoProgress
from geodata.history.series import HistorySeries
from geodata.history.transfers import row_at_or_before
from geodata.importers import read_text_file
from geodata.language import language_of, say
from geodata.stats import ControlStats

#: The kinds of page a pack can hold, and what each needs.
PAGE_KINDS = {
    "overview": "the control map of all of Ukraine",
    "sector": "the control map of a sector (an oblast, a group or a box)",
    "change": "the change map since a date (needs a history)",
    "table": "the statistics table",
    "chart": "the timeline chart (needs a history)",
}
NEEDS_HISTORY = {"change", "chart"}


@dataclass(frozen=True)
class PackPage:
    """One page of a pack: its kind, and optionally its extent, title and subtitle."""

    kind: str
    extent: str | None = None  # parse_extent text; a sector's or a change's
    title: str | None = None
    subtitle: str | None = None


@dataclass(frozen=True)
class BriefingTemplate:
    """A pack's pages and looks; ``since_days`` before the date starts the change page."""

    pages: tuple[PackPage, ...] = tuple(PackPage(kind) for kind in PAGE_KINDS)
    page: str = "a4"
    language: str = "en"
    sector: str | None = None  # the sector page's extent when the page gives none
    since_days: int = 7
    chart_period: str = "weekly"
    banner: str | None = None
    banner_colour: str | None = None
    logo: str | None = None
    author: str | None = None
    statistics: bool = True

    def options(self, **changes) -> BriefingOptions:
        """The page options this template gives, with ``changes``."""
        options = BriefingOptions(
            page=self.page, language=self.language, banner=self.banner,  # type: ignore[arg-type]
            banner_colour=self.banner_colour, logo=Path(self.logo) if self.logo else None,
            author=self.author, statistics=self.statistics,
        )  # fmt: skip
        return dataclasses.replace(options, **changes)


@dataclass(frozen=True)
class PackSource:
    """What a pack is made from: the day's layer and statistics, and the history if any."""

    layer: ControlLayer
    stats: ControlStats
    series: HistorySeries | None = None
    row: int | None = None  # the day's row in the history
    store: object | None = None


@dataclass(frozen=True)
class PackReport:
    """What was written: the file, the page kinds in order, the pages left out and why."""

    path: Path
    pages: tuple[str, ...]
    left_out: tuple[str, ...] = field(default_factory=tuple)
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. the change page's start moved


def render_pack(
    out: str | Path,
    source: PackSource,
    template: BriefingTemplate | None = None,
    since: dt.date | None = None,
    sector: str | None = None,
    progress=None,
) -> PackReport:
    """Write the template's pages as one PDF (PDF metadata: title, author, subject, creator).

    ``since`` (else ``template.since_days`` before the day) starts the change page;
    ``sector`` (else the template's, else where the changes are) is the sector page's.
    """
    import time

    started = time.perf_counter()
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ValueError(f"a pack is a PDF; {out.name} does not end in .pdf")
    template = template or BriefingTemplate()
    progress = progress or NoProgress()
    left_out = tuple(
        f"{page.kind}: {PAGE_KINDS[page.kind]}, and {source.layer.source} is a single file"
        for page in template.pages
        if page.kind in NEEDS_HISTORY and source.series is None
    )
    pages = [p for p in template.pages if not (p.kind in NEEDS_HISTORY and source.series is None)]
    first, notes, no_change = _first_row(source, since, template)
    if no_change:
        left_out += (no_change,)
        pages = [p for p in pages if p.kind != "change"]
    figures = []
    for number, page in enumerate(pages):
        progress.check()
        progress.report(number / len(pages), say("Drawing page {number} of {total}…",
                        language_of(progress), number=number + 1, total=len(pages)))  # fmt: skip
        figures.append(_figure(page, source, template, first, sector))
    progress.report(1.0, say("Writing the PDF…", language_of(progress)))
    date = long_date(source.layer.date, template.language)  # type: ignore[arg-type]
    metadata = {
        "Title": clean(figures[0].get_label() or f"Briefing, {date}", one_line=True),
        "Author": template.author or "",
        "Subject": f"{source.layer.credit}, {date}: " + ", ".join(p.kind for p in pages),
        "Creator": f"Frontline Atlas {__version__}",
    }

    def write(path: Path) -> None:
        with PdfPages(path, metadata=metadata) as pdf:
            for figure in figures:
                pdf.savefig(figure, facecolor="white")

    written = write_atomically(out, write)
    return PackReport(written, tuple(p.kind for p in pages), left_out,
                      time.perf_counter() - started, notes)  # fmt: skip


def _first_row(
    source: PackSource, since: dt.date | None, template: BriefingTemplate
) -> tuple[int | None, tuple[str, ...], str | None]:
    """The change page's first row, notes on it, and why the page is left out (or None).

    ``since`` given must come before the day shown (else one clear error), and a
    date with no map takes the last before it, said in a note. The default start
    (``template.since_days`` before the day) falls back to the history's first
    date when the history starts later; a history with nothing before the day
    has no change page.
    """
    if source.series is None or source.row is None:
        return None, (), None
    series, day = source.series, source.series.dates[source.row]
    if since is not None and since >= day:
        raise GeodataError(f"the change page's start, {since}, is not before the day shown, {day}")
    start = since or day - dt.timedelta(days=template.since_days)
    try:
        row = row_at_or_before(series, start)
    except NoMapYetError:
        if since is not None:
            raise
        if source.row == 0:
            return (
                None,
                (),
                f"change: {PAGE_KINDS['change']}, and {series.source} has no map before {day}",
            )
        first = series.dates[0]
        return 0, (f"the change page starts on {first}, the history's first date "
                   f"({template.since_days} days before the day is {start})",), None  # fmt: skip
    if series.dates[row] != start:
        return row, (f"no map for {start}; the change page starts on {series.dates[row]}, "
                     "the last date before it",), None  # fmt: skip
    return row, (), None


def _figure(page: PackPage, source: PackSource, template: BriefingTemplate, first, sector):
    texts = {"title": page.title, "subtitle": page.subtitle}
    if page.kind == "overview":
        return briefing_figure(source.layer, source.stats, None, template.options(**texts))
    if page.kind == "sector":
        given = page.extent or sector or template.sector
        extent = parse_extent(given) if given else _where_changes(source, first)
        name = extent.label(template.language)
        options = template.options(extent=extent.bounds, extent_name=name, **texts)
        return briefing_figure(source.layer, source.stats, None, options)
    if page.kind == "change":
        extent = parse_extent(page.extent) if page.extent else None
        options = template.options(extent=extent.bounds if extent else None, **texts)
        return change_figure(source.series, first, source.row, source.store, options)
    if page.kind == "table":
        return table_figure(source.stats, template.options(**texts))
    if page.kind == "chart":
        series = source.series.between(None, source.series.dates[source.row])
        return chart_figure(series, template.options(**texts), period=template.chart_period)
    raise ValueError(f"unknown page kind {page.kind!r}; choose from: {', '.join(PAGE_KINDS)}")


def _where_changes(source: PackSource, first) -> Extent:
    """The sector by default: where the front moved since the change page's start (else the
    four regions annexed in 2022)."""
    if source.series is None or first is None:
        return parse_extent("annexed-2022")
    gained, lost = gained_and_lost(
        source.series.territory(first, source.store), source.layer.controlled
    )
    bounds = change_extent(gained, lost)
    if bounds is None:
        return parse_extent("annexed-2022")
    since = source.series.dates[first]
    return Extent(word("where_moved", date=long_date(since)), bounds,
                  word("where_moved", "uk", date=long_date(since, "uk")))  # fmt: skip


# -- templates as TOML ---------------------------------------------------------------------------


MAX_TEMPLATE_BYTES = 2**20  # a template is a few hundred bytes of settings


def load_template(path: str | Path) -> BriefingTemplate:
    """Read a briefing template; a file that is not one gets one message naming it and why."""
    path = Path(path)
    text = read_text_file(path, MAX_TEMPLATE_BYTES, "a briefing template", allow_empty=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInputError(path, f"it is not a TOML briefing template ({error})") from None
    try:
        return template_from_dict(data)
    except (TypeError, ValueError) as error:
        raise BadInputError(path, str(error)) from None


def template_from_dict(data: dict) -> BriefingTemplate:
    """A template from parsed TOML; ``ValueError`` names the first key that is wrong."""
    known = {f.name for f in dataclasses.fields(BriefingTemplate)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; known: {', '.join(sorted(known))}")
    values = dict(data)
    pages = values.pop("pages", None)
    if pages is not None:
        if not isinstance(pages, list) or not pages:
            raise ValueError("'pages' must be a list of [[pages]] tables, at least one")
        values["pages"] = tuple(_page(entry) for entry in pages)
    for key in ("page", "language", "sector", "chart_period", "banner", "banner_colour", "logo",
                "author"):  # fmt: skip
        if key in values and not isinstance(values[key], str):
            raise ValueError(f"{key!r} must be text")
    if values.get("page", "a4") not in PAGES:
        raise ValueError(f"'page' must be one of: {', '.join(PAGES)}")
    if values.get("language", "en") not in LANGUAGES:
        raise ValueError(f"'language' must be one of: {', '.join(LANGUAGES)}")
    since = values.get("since_days", 7)
    if not isinstance(since, int) or isinstance(since, bool) or not 1 <= since <= 3650:
        raise ValueError("'since_days' must be a whole number of days from 1 to 3650")
    if not isinstance(values.get("statistics", True), bool):
        raise ValueError("'statistics' must be true or false")
    if values.get("sector"):
        parse_extent(values["sector"])
    from geodata.history.rates import CHANGE_VIEWS

    if values.get("chart_period", "weekly") not in CHANGE_VIEWS:
        raise ValueError(f"'chart_period' must be one of: {', '.join(CHANGE_VIEWS)}")
    if values.get("banner_colour"):
        check_colour(values["banner_colour"], "'banner_colour'")
    return BriefingTemplate(**values)


def check_colour(text: str, what: str = "the colour") -> str:
    """``text`` if it names a colour (a name such as ``darkred``, or ``#rrggbb``); else a
    ``ValueError`` saying so.

    >>> check_colour("rgb(1,2,3)", "'banner_colour'")
    Traceback (most recent call last):
    ValueError: 'banner_colour' 'rgb(1,2,3)' is not a colour (a name such as darkred, or #rrggbb)
    """
    from matplotlib.colors import is_color_like

    if not is_color_like(text):
        raise ValueError(f"{what} {text!r} is not a colour (a name such as darkred, or #rrggbb)")
    return text


def _page(entry) -> PackPage:
    if not isinstance(entry, dict) or "kind" not in entry:
        raise ValueError("each [[pages]] table needs a 'kind'")
    if entry["kind"] not in PAGE_KINDS:
        raise ValueError(f"page kind {entry['kind']!r}; choose from: {', '.join(PAGE_KINDS)}")
    extra = sorted(set(entry) - {"kind", "extent", "title", "subtitle"})
    if extra:
        raise ValueError(f"unknown page key {extra[0]!r}; known: kind, extent, title, subtitle")
    for key in ("extent", "title", "subtitle"):
        if key in entry and not isinstance(entry[key], str):
            raise ValueError(f"page {key!r} must be text")
    if entry.get("extent"):
        parse_extent(entry["extent"])
    return PackPage(**entry)


def template_to_dict(template: BriefingTemplate) -> dict:
    """A template as TOML-ready data (empty values left out)."""
    data = {k: v for k, v in dataclasses.asdict(template).items() if v not in (None, "")}
    data["pages"] = [
        {k: v for k, v in dataclasses.asdict(page).items() if v is not None}
        for page in template.pages
    ]
    return data


def save_template(path: str | Path, template: BriefingTemplate) -> Path:
    """Write a template as TOML, atomically (a previous file stays whole on failure)."""
    text = tomli_w.dumps(template_to_dict(template))
    return write_atomically(Path(path), lambda p: p.write_text(text, encoding="utf-8"))
