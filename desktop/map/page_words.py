"""The map page's words (legend, tooltips, credits) in the app's language.

The page (``resources/web/*.js``) writes its fixed texts in English and looks
each one up in the table :func:`page_words` gives it, so the catalogue that
translates the window translates the map too. Names that come from the core
(a category's label, an oblast's kind) are translated by :mod:`geodata.language`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.i18n import current_language
from geodata.categories import CATEGORIES
from geodata.language import say

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


def page_words() -> dict[str, str]:
    """English -> the app's language, for every word the page shows (empty in English)."""
    language = current_language()
    if language == "en":
        return {}
    words = {word: QCoreApplication.translate("MapPage", word) for word in WORDS}
    words.update({c.label: say(c.label, language) for c in CATEGORIES})
    return words


def page_locale() -> str:
    """The BCP 47 locale the page formats numbers and dates with."""
    return LOCALES.get(current_language(), "en-GB")
