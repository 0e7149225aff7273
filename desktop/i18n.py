"""The app's language: Qt's translation system, English or Ukrainian.

User-visible strings go through ``QCoreApplication.translate`` (or are marked
with ``QT_TRANSLATE_NOOP`` where they live in tables); ``pyside6-lupdate``
collects them into ``resources/i18n/frontline-atlas_uk.ts``, translators fill
it in (Qt Linguist), and ``pyside6-lrelease`` compiles the ``.qm`` the app
loads — both run by ``tools/build_translations.py``. The language follows the
system's locale unless Preferences choose one.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator

from geodata.resources import resources_dir

#: Preferences' choices: value -> what the user reads (each in its own language).
UI_LANGUAGES = {"system": "Follow the system", "en": "English", "uk": "Українська"}
CATALOGUE = "frontline-atlas_{language}"


def ui_language(choice: str = "system") -> str:
    """``en`` or ``uk``: the choice, or for ``system`` the system locale's language."""
    if choice in ("en", "uk"):
        return choice
    return "uk" if QLocale.system().language() == QLocale.Language.Ukrainian else "en"


def install_translator(app, choice: str = "system") -> QTranslator | None:
    """Load the chosen language's catalogue into ``app``; None for English (the source)."""
    language = ui_language(choice)
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(CATALOGUE.format(language=language), str(resources_dir() / "i18n")):
        return None
    app.installTranslator(translator)
    return translator
