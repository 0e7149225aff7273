"""The core's Ukrainian: every sentence it composes has its Ukrainian, with the same values."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest

from geodata import categories, compare, credits, method, places
from geodata.exports import timeline_plot
from geodata.exports.pack import PAGE_KINDS
from geodata.history import rates, transfers
from geodata.language import UKRAINIAN, format_number, say

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


def _said_literals() -> list[str]:
    """Every ``say("…")`` template written literally in geodata."""
    found = []
    for path in GEODATA.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say"
                    and node.args and isinstance(node.args[0], ast.Constant)):  # fmt: skip
                found.append(node.args[0].value)
    return found


#: The constants the core passes to say() by name.
CONSTANTS = [
    method.BOUNDARY_SOURCE, method.OFFICIAL_AREA_SOURCE, method.PROJECTION_TEXT,
    method.RECONCILIATION_LINE, method.RAW, categories.HISTORY_COUNTING, places.PEOPLE_NOTE,
    compare.METHOD,
    *(c.label for c in categories.CATEGORIES), *credits.DATA_CREDITS, *credits.DATA_CREDITS_LONG,
    *PAGE_KINDS.values(), "Places passing to the occupying side", "Places returned to Ukraine",
    rates.PACE_METHOD, *transfers.DIRECTION_TEXT.values(), "all held", "not at this pace",
    *(word for view in rates.CHANGE_VIEWS.values() for word in view),
    *(f"{what}, {unit}" for what in ("held", "Ukraine") for unit in ("%", "km²")),
    *(f"{label} (right scale)" for _key, label, _role in timeline_plot.LINES[:1]),
    *(label for _key, label, _role in timeline_plot.LINES[1:]),
]  # fmt: skip


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_sentence_has_its_ukrainian_with_the_same_values():
    templates = set(_said_literals()) | set(CONSTANTS)
    assert len(templates) > 40
    missing = sorted(t for t in templates if t not in UKRAINIAN)
    assert missing == []
    for english, ukrainian in UKRAINIAN.items():
        assert _fields(english) == _fields(ukrainian), english
        assert (ukrainian.strip() and ukrainian != english) or english.strip() == "and"


def _note():
    return method.method_note_for(
        dt.date(2024, 11, 20), "x.geojson", "DeepStateMap", 3.0, 854.2, 110278.3,
        categories="", category_keys=("occupied", "contested"),
    )  # fmt: skip


def test_the_method_note_in_ukrainian_gives_the_same_figures_in_ukrainian_words():
    note = _note()
    lines = note.lines("uk")
    assert [title for title, _ in lines][:2] == ["Зони контролю", "Що вважається окупованим"]
    text = "\n".join(f"{a} {b}" for a, b in lines)
    assert "110\xa0278,3 км²" in text and "18,41 %" in text and "854,2 км²" in text
    assert "Сіра зона: не зараховується" in text
    assert note.lines() == _note().lines()  # English by default, unchanged
    assert "110,278.3 km²" in note.text()
    assert "Площі: межі Natural Earth" in note.footnote("uk")


@pytest.mark.parametrize("value,decimals", [(0, 0), (999.95, 1), (1234567.891, 2), (-42.5, 1)])
def test_ukrainian_numbers_are_the_english_ones_rewritten(value, decimals):
    english = format_number(value, decimals)
    ukrainian = format_number(value, decimals, "uk")
    assert ukrainian == english.replace(",", "\xa0").replace(".", ",")
    assert float(ukrainian.replace("\xa0", "").replace(",", ".")) == float(english.replace(",", ""))


def test_say_leaves_english_alone_and_fills_values():
    assert say("Map: {who}", "en", who="x") == "Map: x"
    assert say("Map: {who}", "uk", who="x") == "Мапа: x"


class _Recording:
    """A progress reporter that keeps its messages, in the language it is given."""

    def __init__(self, language: str) -> None:
        self.language, self.messages = language, []

    def report(self, fraction, message: str = "") -> None:
        self.messages.append(message)

    def check(self) -> None:
        pass


def test_progress_messages_follow_the_reporters_language(tmp_path):
    """The app's status line shows the core's progress in the app's language."""
    import re

    from geodata.history.compute import compute_history
    from geodata.history.sources import folder_history
    from geodata.history.store import Store
    from tests.geodata.history.test_history import growing_front

    folder = growing_front(tmp_path / "maps", days=3)
    ukrainian, english = _Recording("uk"), _Recording("en")
    compute_history(folder_history(folder), Store(tmp_path / "uk.sqlite"), progress=ukrainian)
    compute_history(folder_history(folder), Store(tmp_path / "en.sqlite"), progress=english)
    words = {w for m in ukrainian.messages for w in re.findall(r"[A-Za-z]{2,}", m)}
    assert len(ukrainian.messages) >= 4 and words == set(), ukrainian.messages
    assert "Обчислено 3 з 3 мап" in ukrainian.messages
    assert "Computed 3 of 3 snapshots" in english.messages and "Done" in english.messages
