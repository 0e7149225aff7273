"""The words on a briefing page, in English or Ukrainian: one table, and human dates.

Every fixed text the briefing pages draw (legend entries, panel headings, the
default title and subtitle) is looked up here by key, so a page is in one
language throughout. Text from data (file, proposal and place names) is not
translated; oblast, group and city names come in both languages from the
bundled data.
"""

from __future__ import annotations

import datetime as dt
import string

from geodata.language import LANGUAGES, MONTHS, Language, number_marks

# In a date ("20 листопада 2024") Ukrainian months take the genitive, not the names
# standing alone of geodata.language.MONTHS; English ones are the same.
_MONTHS = {
    "en": MONTHS["en"],
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
}  # fmt: skip

#: key -> (English, Ukrainian).
WORDS: dict[str, tuple[str, str]] = {
    "legend": ("Legend", "Умовні позначення"),
    "occupied_territory": ("Occupied territory", "Окупована територія"),
    "occupied": ("Occupied", "Окуповано"),
    "oblast": ("Oblast", "Область"),
    "city": ("City", "Місто"),
    "river": ("River", "Річка"),
    "lake": ("Lake or reservoir", "Озеро або водосховище"),
    "settlement": ("Settlement", "Населений пункт"),
    "settlement_held": ("Settlement held by the occupying side", "Населений пункт під окупацією"),
    "claims": ("Annexation claims (2014, 2022)", "Заявлена анексія (2014, 2022)"),
    "to_occupier": ("To the occupying side", "До окупанта"),
    "to_ukraine": ("Returned to Ukraine", "Повернуто Україні"),
    "dmz": (
        "Demilitarized zone, {km:g} km each side",
        "Демілітаризована зона, {km:g} км з кожного боку",
    ),
    "contact_line_after": (
        "Line of contact after, {km:,.0f} km",
        "Лінія зіткнення після, {km:,.0f} км",
    ),
    "gained": ("Taken by the occupying side", "Захоплено окупантом"),
    "regained": ("Regained by Ukraine", "Звільнено Україною"),
    "title_control": (
        "Occupied territory of Ukraine, {date}",
        "Окупована територія України, {date}",
    ),
    "title_change": ("Changes of control, {start} – {end}", "Зміни контролю, {start} – {end}"),
    "title_chart": (
        "Share of territory occupied, {start} – {end}",
        "Частка окупованої території, {start} – {end}",
    ),
    "title_table": ("Occupied area by oblast, {date}", "Окупована площа за областями, {date}"),
    "control_areas_of": ("Control areas of {date}", "Зони контролю на {date}"),
    "proposal": ("Proposal", "Пропозиція"),
    "most_affected": ("Most affected oblasts", "Найбільш уражені області"),
    "most_changed": ("Oblasts that changed most", "Області з найбільшими змінами"),
    "before_after": ("Occupied, % (before → after)", "Окуповано, % (до → після)"),
    "km2_pct": ("km²        %", "км²        %"),
    "gained_km2": ("Taken, km²", "Захоплено, км²"),
    "regained_km2": ("Regained, km²", "Звільнено, км²"),
    "net_km2": ("Net, km²", "Разом, км²"),
    "places_changed": ("Settlements that changed hands", "Населені пункти, що змінили власника"),
    "area_km2": ("Area, km²", "Площа, км²"),
    "occupied_km2": ("Occupied, km²", "Окуповано, км²"),
    "occupied_pct": ("Occupied, %", "Окуповано, %"),
    "name": ("Name", "Назва"),
    "made": ("Made {date}", "Створено {date}"),
    "km": ("{km} km", "{km} км"),
    "north": ("N", "Пн"),
    "not_counted": (
        "{label}, not counted as occupied",
        "{label}, не зараховується як окупована територія",
    ),
    "locator": ("Shown area", "Показана ділянка"),
    "date_unknown": ("date unknown", "дата невідома"),
    "data_of": ("data of {date}", "дані на {date}"),
    "box_extent": ("{w:g}–{e:g}° E, {s:g}–{n:g}° N", "{w:g}–{e:g}° сх. д., {s:g}–{n:g}° пн. ш."),
    "where_moved": ("where the front moved since {date}", "де рухався фронт з {date}"),
}


#: Group id -> (English, Ukrainian) short names, for tight panels.
SHORT_GROUP_NAMES = {
    "annexed-2022": ("Four regions annexed 2022", "Чотири області, анексовані 2022"),
    "crimea-2014": ("Crimea and Sevastopol", "Крим і Севастополь"),
    "ukraine": ("All of Ukraine", "Уся Україна"),
}


def short_group_name(group_id: str, language: Language = "en") -> str:
    """A group's short name in ``language`` (its id when unknown).

    >>> short_group_name("crimea-2014", "uk")
    'Крим і Севастополь'
    """
    names = SHORT_GROUP_NAMES.get(group_id)
    return group_id if names is None else names[1 if language == "uk" else 0]


def word(key: str, language: Language = "en", **values) -> str:
    """The text of ``key`` in ``language``, with ``values`` filled in: numbers with the
    language's marks (Ukrainian: 1 234,5, a space between thousands and a decimal comma).

    >>> word("occupied_territory", "uk")
    'Окупована територія'
    >>> word("contact_line_after", km=1234.4)
    'Line of contact after, 1,234 km'
    >>> word("contact_line_after", "uk", km=1234.4).replace("\\xa0", " ")
    'Лінія зіткнення після, 1 234 км'
    >>> word("dmz", "uk", km=2.5)
    'Демілітаризована зона, 2,5 км з кожного боку'
    """
    english, ukrainian = WORDS[key]
    text = ukrainian if language == "uk" else english
    return _Numbers(language).format(text, **values) if values else text


class _Numbers(string.Formatter):
    """Fills in numbers as ``language`` writes them (Python writes 1,234.5 whatever it is)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number_marks(text, self.language)
        return text


def long_date(date: dt.date | None, language: Language = "en") -> str:
    """A date as people write it: ``20 November 2024``, ``20 листопада 2024``.

    >>> long_date(dt.date(2024, 11, 20)), long_date(dt.date(2024, 11, 20), "uk")
    ('20 November 2024', '20 листопада 2024')
    """
    if date is None:
        return word("date_unknown", language)
    return f"{date.day} {_MONTHS[language][date.month - 1]} {date.year}"


def check_language(language: str) -> Language:
    """``language`` if the pages can be drawn in it, else ``ValueError`` naming the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return language  # type: ignore[return-value]
