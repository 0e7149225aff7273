"""Text from data stays text: in matplotlib drawings and in spreadsheet cells.

File names, proposal names and descriptions, place names and credits are data.
matplotlib reads ``$…$`` in any text as mathtext (``"$5bn to $10bn"`` loses its
dollars and spaces; ``"$\\foo$"`` raises); a spreadsheet reads a cell that
begins with ``=``, ``+``, ``-`` or ``@`` as a formula (``=WEBSERVICE(…)`` can
send the sheet's data away). Every piece of text from data that goes into a
briefing map passes through :func:`plain`, every cell of an XLSX file through
:func:`xlsx_append`, and every field of a CSV file should pass through
:func:`csv_value`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geodata.figures import KM2_DECIMALS, PCT_DECIMALS

#: A spreadsheet cell that begins with one of these is read as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters no font draws and XML 1.0 cannot hold (C0 controls but tab, newline
# and carriage return; DEL and the C1 controls), and lone surrogates, which is
# how Python decodes the bytes of a file name that is not valid UTF-8.
# Control characters, and the bidirectional embeddings, overrides and isolates that would
# make text from data read backwards ("RTL" shown as "LTR") or hide where it ends.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def plain(text: object, *, one_line: bool = False) -> str:
    r"""Text from data as matplotlib draws it literally, whatever it holds.

    Dollar signs are escaped (``\$``), so matplotlib never reads mathtext; this
    works for every text artist, legend labels and annotations included, where
    ``parse_math=False`` cannot be passed. Control characters are dropped,
    undecodable characters of a file name become U+FFFD (``�``), and with
    ``one_line`` every run of white space (line breaks too) becomes one space.

    Parameters
    ----------
    text : object
        Any value; ``None`` is the empty string, anything else its ``str()``.
    one_line : bool
        For titles and credits, whose place on the page has room for one line.

    Examples
    --------
    >>> plain("Ceasefire costs $5bn to $10bn")
    'Ceasefire costs \\$5bn to \\$10bn'
    >>> plain("Two\r\nlines\tand a bell\x07", one_line=True)
    'Two lines and a bell'
    >>> from matplotlib.cbook import is_math_text
    >>> is_math_text("$\\alpha$ {x}"), is_math_text(plain("$\\alpha$ {x}"))
    (True, False)
    """
    return clean(text, one_line=one_line).replace("$", r"\$")


def clean(text: object, *, one_line: bool = False) -> str:
    r""":func:`plain` without the escaping: the text as it will read (to measure it, say).

    >>> clean("a\udcffb.geojson\x00") == "a\ufffdb.geojson"
    True
    """
    text = "" if text is None else str(text)
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    return " ".join(text.split()) if one_line else text


def terminal_text(text: str) -> str:
    r"""Text for a terminal: no control character but tab, line feed and carriage return.

    >>> terminal_text("a\x1b]0;title\x07b\r")
    'a]0;titleb\r'
    """
    return _CONTROL.sub("", text)


def shown(name: str) -> str:
    r"""A file's or folder's name as the app writes it: one line, no control characters, and
    any bytes that are not UTF-8 as U+FFFD (JSON, GeoPackage and HTML cannot hold them).

    >>> shown("map\udcff_20240709\x1b[2J.geojson") == "map\ufffd_20240709[2J.geojson"
    True
    """
    return clean(name, one_line=True)


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet would read this value as a formula if it were typed in.

    >>> looks_like_formula("=1+1"), looks_like_formula("-5 km"), looks_like_formula(-5.0)
    (True, True, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value: object) -> object:
    """A CSV field that a spreadsheet opening the file shows as text, not as a formula.

    Strings that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    get a leading ``'``, as OWASP advises and as spreadsheets themselves do
    when they export such text; numbers and other strings are unchanged.

    >>> csv_value("=WEBSERVICE(A1)"), csv_value("Kyiv"), csv_value(-5.2)
    ("'=WEBSERVICE(A1)", 'Kyiv', -5.2)
    """
    return "'" + value if looks_like_formula(value) else value


def comment_line(text: object) -> str:
    """A ``#`` note line to head a CSV file: one line, nothing in it a spreadsheet takes
    for a formula or for the start of a quoted cell.

    Text from data (a file's name) may hold commas, which a spreadsheet reads as
    the start of a new cell, and quotes, which would make the rest of the file
    one cell: each piece after a comma that would begin such a cell gets a
    leading ``'`` (:func:`csv_value`). The line still begins with ``#``, so
    ``pandas.read_csv(..., comment="#")`` skips it.

    >>> print(comment_line('Areas: a,=HYPERLINK("x"), "b.geojson, 2024-11-20'), end="")
    # Areas: a,'=HYPERLINK("x"), '"b.geojson, 2024-11-20
    """
    first, *rest = clean(text, one_line=True).split(",")
    pieces = [first]
    for piece in rest:
        body = piece.lstrip(" ")
        if body.startswith('"') or looks_like_formula(body):
            piece = piece[: len(piece) - len(body)] + "'" + body
        pieces.append(piece)
    return "# " + ",".join(pieces) + "\n"


def xlsx_append(sheet, values: Iterable[object]) -> list:
    """Append a row to an openpyxl sheet; every string is stored as text, never a formula.

    openpyxl turns a string that begins with ``=`` into a formula and ``#N/A``
    into an error value. Here every string cell is given the string type
    explicitly, so the file holds it as text (no ``<f>`` element) and shows it
    unchanged; a cell that would read as a formula if typed in is also marked
    ``quotePrefix``, as Excel marks text typed after an apostrophe, so editing
    it in a spreadsheet keeps it text. Characters a worksheet cannot hold
    (control characters) are dropped instead of failing the export. Numbers
    stay numbers.

    >>> import openpyxl
    >>> sheet = openpyxl.Workbook().active
    >>> [(c.value, c.data_type) for c in xlsx_append(sheet, ["=1+1", 2.5, "#N/A"])]
    [('=1+1', 's'), (2.5, 'n'), ('#N/A', 's')]
    """
    from openpyxl.cell.cell import Cell  # openpyxl loads only for spreadsheets

    cells = []
    for value in values:
        if isinstance(value, str):
            value = _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if looks_like_formula(value):
                cell.quotePrefix = True
        cells.append(cell)
    sheet.append(cells)
    return cells


def plain_value(value):
    """A table value as JSON, CSV and spreadsheets take it.

    Python numbers instead of numpy ones, ISO text for dates, None for missing
    values (None or NaN).
    """
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def table_value(column: object, value):
    """A table's value as CSV and spreadsheets get it (:func:`plain_value`), rounded as
    the app shows it, by the column's name: ``…_km2`` to 0.1, ``…_pct``,
    ``…_points`` and ``…_per_day`` to 0.01, counts of ``places_…`` and ``people_…``
    whole; -0.0 is 0.0. Round-off such as -2.8e-14 km² is then 0.0.

    >>> table_value("net_km2", -2.842170943040401e-14), table_value("a_pct", 18.414)
    (0.0, 18.41)
    >>> table_value("places_taken", 17.0), table_value("lon", 37.123456)
    (17, 37.123456)
    """
    value = plain_value(value)
    if not isinstance(value, float):
        return value
    name = str(column)
    if name.endswith(("_pct", "_points", "_per_day")):
        return round(value, PCT_DECIMALS) + 0.0
    if name.endswith("_km2"):
        return round(value, KM2_DECIMALS) + 0.0
    if name.startswith(("places_", "people_")) and value.is_integer():
        return int(value)
    return value


def frame_csv(table, notes=()) -> str:
    """A table (pandas DataFrame) as CSV text: ``#`` note lines, a header, neutralised
    cells, figures rounded as shown (:func:`table_value`)."""
    import csv
    import io

    buffer = io.StringIO()
    for note in notes:
        buffer.write(comment_line(note))
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(column) for column in table.columns])
    for row in table.itertuples(index=False):
        values = (table_value(c, value) for c, value in zip(table.columns, row, strict=True))
        writer.writerow(["" if value is None else csv_value(value) for value in values])
    return buffer.getvalue()
