"""The app's language: Qt's translation system, English or Ukrainian.

User-visible strings go through ``QCoreApplication.translate`` (or are marked
with ``QT_TRANSLATE_NOOP`` where they live in tables); ``pyside6-lupdate``
collects them into ``resources/i18n/frontline-atlas_uk.ts``, translators fill
it in (Qt Linguist), and ``pyside6-lrelease`` compiles the ``.qm`` the app
loads — both run by ``tools/build_translations.py``. The language follows the
system's locale unless Preferences choose one.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QCollator, QLibraryInfo, QLocale, QTranslator

from geodata.language import format_date, format_number
from geodata.resources import resources_dir

#: Preferences' choices: value -> what the user reads (each in its own language).
UI_LANGUAGES = {"system": "Follow the system", "en": "English", "uk": "Українська"}
CATALOGUE = "frontline-atlas_{language}"
_locale_before: QLocale | None = None  # Qt's default locale before Ukrainian was installed


def ui_language(choice: str = "system") -> str:
    """``en`` or ``uk``: the choice, or for ``system`` the system locale's language."""
    if choice in ("en", "uk"):
        return choice
    return "uk" if QLocale.system().language() == QLocale.Language.Ukrainian else "en"


def install_translator(app, choice: str = "system") -> QTranslator | None:
    """Load the chosen language's catalogue into ``app``; None for English (the source)."""
    language = ui_language(choice)
    set_language(language)
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(CATALOGUE.format(language=language), str(resources_dir() / "i18n")):
        set_language("en")
        return None
    app.installTranslator(translator)
    # Spin boxes and date fields write numbers and dates as the language does (3,0 км).
    global _locale_before
    _locale_before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Ukrainian, QLocale.Country.Ukraine))
    # Qt's own words (dialog buttons, the dock's Float and Close, context menus).
    qt_words = QTranslator(translator)
    if qt_words.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_words)
    return translator


def remove_translator(app, translator: QTranslator | None) -> None:
    """Undo :func:`install_translator` (English again), for tests and a language change."""
    if translator is not None:
        for child in translator.findChildren(QTranslator):
            app.removeTranslator(child)
        app.removeTranslator(translator)
    global _locale_before
    if _locale_before is not None:
        QLocale.setDefault(_locale_before)
        _locale_before = None
    set_language("en")


# The language in use, set when the catalogue is installed: numbers, dates and
# place names follow it. English keeps ISO dates and 1,234.5 numbers.
_current = "en"


def current_language() -> str:
    """``en`` or ``uk``: the language the app speaks now."""
    return _current


def set_language(language: str) -> None:
    """Speak ``language`` (``en``/``uk``) in numbers, dates and place names from now on."""
    global _current
    _current = language if language in ("en", "uk") else "en"


def compare_text(a: str, b: str) -> int:
    """Below, at or above 0 as ``a`` comes before, with or after ``b`` in the alphabet in use.

    Ukrainian text in the Ukrainian alphabet's order, not by code points (which
    put the letters Ie, I and Yi before A, and Ghe with upturn after Ya); English
    by code points.
    """
    if _current == "uk":
        return _ukrainian_collator().compare(a, b)
    return (a > b) - (a < b)


@functools.cache
def _ukrainian_collator() -> QCollator:
    return QCollator(QLocale(QLocale.Language.Ukrainian))


def number(value: float, decimals: int = 1) -> str:
    """``value`` with thousands grouped, as the language writes it: 82,080.7 or 82 080,7.

    >>> set_language("uk"); text = number(82080.66); set_language("en")
    >>> text.replace("\\xa0", " "), number(82080.66), number(1234, 0)
    ('82 080,7', '82,080.7', '1,234')
    """
    return format_number(value, decimals, _current)


def signed(value: float, decimals: int = 1) -> str:
    """A change, its sign always written: +1,234.6, -0.1, +0.00 (Ukrainian: +1 234,6).

    A change that rounds to nothing reads as none, +0.0, as the command line
    writes it (it read -0.0, a loss of nothing):

    >>> signed(1234.56), signed(-0.06), signed(-0.04), signed(0.0, 2)
    ('+1,234.6', '-0.1', '+0.0', '+0.00')
    """
    value = round(float(value), decimals) + 0.0  # no -0.0
    return f"{value:+.{decimals}f}"[0] + number(abs(value), decimals)


def date_text(day) -> str:
    """A date as the language writes it: 2024-11-20 (ISO, in English) or 20.11.2024.

    >>> import datetime as dt
    >>> date_text(dt.date(2024, 11, 20))
    '2024-11-20'
    """
    return format_date(day, _current)


def date_field_format() -> str:
    """Qt's display format for date fields, as :func:`date_text` writes dates.

    >>> date_field_format()
    'yyyy-MM-dd'
    """
    return "dd.MM.yyyy" if _current == "uk" else "yyyy-MM-dd"


def typed_date(text: str) -> dt.date | None:
    """A date typed as either language writes it (2024-11-20 or 20.11.2024), or None.

    >>> typed_date("20.11.2024"), typed_date("2024-11-20"), typed_date("20/11")
    (datetime.date(2024, 11, 20), datetime.date(2024, 11, 20), None)
    """
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%d.%m.%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    return None


def place(english: str, ukrainian: str | None) -> str:
    """A place's name in the language in use (English when it has no Ukrainian name)."""
    return ukrainian if _current == "uk" and ukrainian else english
