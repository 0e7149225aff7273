"""The map page's words (legend, tooltips, credits) in the app's language.

The page (``resources/web/*.js``) writes its fixed texts in English and looks
each one up in the table :func:`page_words` gives it, so the catalogue that
translates the window translates the map too. Names that come from the core
(a category's label, an oblast's kind) are translated by :mod:`geodata.language`.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from desktop.i18n import CATALOGUE, current_language
from geodata.categories import CATEGORIES
from geodata.language import say
from geodata.resources import resources_dir

#: The page's own words, as atlas.js and settlements.js write them ({values} filled there).
WORDS = (
    QT_TRANSLATE_NOOP("MapPage", "Legend"),
    QT_TRANSLATE_NOOP("MapPage", "Show or hide the legend"),
    QT_TRANSLATE_NOOP("MapPage", "Annexation claims (2014, 2022)"),
    QT_TRANSLATE_NOOP("MapPage", "To the occupying side"),
    QT_TRANSLATE_NOOP("MapPage", "Returned to Ukraine"),
    QT_TRANSLATE_NOOP("MapPage", "Demilitarized zone"),
    QT_TRANSLATE_NOOP("MapPage", "Line of contact"),
    QT_TRANSLATE_NOOP("MapPage", "Gained by the occupying side"),
    QT_TRANSLATE_NOOP("MapPage", "Regained by Ukraine"),
    QT_TRANSLATE_NOOP("MapPage", "Oblast"),
    QT_TRANSLATE_NOOP("MapPage", "Selected"),
    QT_TRANSLATE_NOOP("MapPage", "City"),
    QT_TRANSLATE_NOOP("MapPage", "Settlement"),
    QT_TRANSLATE_NOOP("MapPage", "Settlement held by the occupying side"),
    QT_TRANSLATE_NOOP("MapPage", "River"),
    QT_TRANSLATE_NOOP("MapPage", "Lake or reservoir"),
    QT_TRANSLATE_NOOP("MapPage", "Kakhovka reservoir, drained since June 2023"),
    QT_TRANSLATE_NOOP("MapPage", "Area"),
    QT_TRANSLATE_NOOP("MapPage", "Occupied"),
    QT_TRANSLATE_NOOP("MapPage", "Occupied share"),
    QT_TRANSLATE_NOOP("MapPage", "of which reconciled"),
    QT_TRANSLATE_NOOP("MapPage", "Kind"),
    QT_TRANSLATE_NOOP("MapPage", "oblast"),
    QT_TRANSLATE_NOOP("MapPage", "city with special status"),
    QT_TRANSLATE_NOOP("MapPage", "autonomous republic"),
    QT_TRANSLATE_NOOP("MapPage", "{km2} km²"),
    QT_TRANSLATE_NOOP("MapPage", "{n} km"),
    QT_TRANSLATE_NOOP("MapPage", "{n} m"),
    QT_TRANSLATE_NOOP("MapPage", "{label} (not counted as occupied)"),
    QT_TRANSLATE_NOOP("MapPage", "Line of contact after, {km} km"),
    QT_TRANSLATE_NOOP("MapPage", "Demilitarized zone, {km} km each side"),
    QT_TRANSLATE_NOOP("MapPage", "{what} since {date}"),
    QT_TRANSLATE_NOOP("MapPage", "Control areas: {credit}"),
    QT_TRANSLATE_NOOP("MapPage", "population {n} (GeoNames est.)"),
    QT_TRANSLATE_NOOP("MapPage", "population not known"),
    QT_TRANSLATE_NOOP("MapPage", "held by the occupying side"),
    QT_TRANSLATE_NOOP("MapPage", "not held by the occupying side"),
    QT_TRANSLATE_NOOP("MapPage", "held by the occupying side on {date}"),
    QT_TRANSLATE_NOOP("MapPage", "not held by the occupying side on {date}"),
)
#: How the page writes numbers and dates, by the app's language.
LOCALES = {"en": "en-GB", "uk": "uk-UA"}


def page_words(language: str | None = None) -> dict[str, str]:
    """English -> ``language`` (the app's by default), for every word the page shows
    (empty in English)."""
    language = language or current_language()
    if language == "en":
        return {}
    if language == current_language():  # the catalogue the window speaks, installed
        words = {word: QCoreApplication.translate("MapPage", word) for word in WORDS}
    else:  # another one, for an export in another language
        catalogue = _catalogue(language)
        words = {word: catalogue.translate("MapPage", word) or word for word in WORDS}
    words.update({c.label: say(c.label, language) for c in CATEGORIES})
    return words


@functools.cache
def _catalogue(language: str) -> QTranslator:
    """The app's catalogue for ``language``, loaded (not installed: the window's stays)."""
    translator = QTranslator()
    translator.load(CATALOGUE.format(language=language), str(resources_dir() / "i18n"))
    return translator


def page_locale(language: str | None = None) -> str:
    """The BCP 47 locale the page formats numbers and dates with (``language``'s, the
    app's by default)."""
    return LOCALES.get(language or current_language(), "en-GB")
