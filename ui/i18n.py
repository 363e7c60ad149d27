"""Translation and locale formatting: Indonesian is the source language, English is shipped.

Every text a user can read goes through ``translate("Context", "Indonesian text")`` with literal
arguments so ``pyside6-lupdate`` extracts it into ``resources/i18n/loket_<lang>.ts``. Money, numbers and
dates go through the Babel helpers here, so every page follows the language chosen in the settings.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SOURCE_LANGUAGE = "id"
LANGUAGES = ("id", "en")

_language = SOURCE_LANGUAGE
_installed: list[QTranslator] = []  # kept alive here: Qt does not own installed translators


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language; ``context`` and ``text`` must be literals for lupdate."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> str:
    from app.infra.paths import resources_dir

    return str(resources_dir() / "i18n")


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Load Loket's (and Qt's own) translations for ``language``; False when none could be loaded.

    Indonesian is the language the source is written in, so it needs no Loket translator. Installing
    again replaces what was installed before (the tests switch languages in one process).
    """
    global _language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = language if language in LANGUAGES else SOURCE_LANGUAGE
    _language = language
    QLocale.setDefault(QLocale(language))
    qt = QTranslator(app)
    # Qt's own dialogs (buttons, file and print dialogs): Qt's translation, or ours where Qt ships none
    # (Indonesian: resources/i18n/qtbase_id.ts).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir) or qt.load(f"qtbase_{language}", str(translations_dir())):
        app.installTranslator(qt)
        _installed.append(qt)
    if language == SOURCE_LANGUAGE:
        return True
    ours = QTranslator(app)
    if not ours.load(f"loket_{language}", translations_dir()):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def current_locale() -> str:
    """The Babel locale of the interface: ``"id"`` or ``"en"``."""
    return _language


# ---- formatting ---------------------------------------------------------------------------------
def number(n: int) -> str:
    """``1.234`` in Indonesian, ``1,234`` in English."""
    return str(format_decimal(n, locale=_language))


def decimal(x: float, places: int = 1) -> str:
    """``1,5`` in Indonesian, ``1.5`` in English, with ``places`` digits after the separator."""
    return str(format_decimal(x, format="#,##0." + "0" * places, locale=_language))


def money(amount: int) -> str:
    """Integer rupiah: ``Rp16.800`` in Indonesian, ``Rp16,800`` in English (the rupiah has no cents)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{number(abs(amount))}"


def date_long(d: dt.date) -> str:
    """``23 November 2026`` (month names in the interface language)."""
    return str(format_date(d, format="d MMMM y", locale=_language))


def date_full(d: dt.date) -> str:
    """``Senin, 23 November 2026`` / ``Monday, 23 November 2026``."""
    return str(format_date(d, format="EEEE, d MMMM y", locale=_language))


def date_short(d: dt.date) -> str:
    """``23-11-2026`` in Indonesian; ``23 Nov 2026`` in English (never ambiguous about day and month)."""
    if _language == SOURCE_LANGUAGE:
        return d.strftime("%d-%m-%Y")
    return str(format_date(d, format="d MMM y", locale=_language))


def date_time(instant: dt.datetime, *, seconds: bool = False) -> str:
    """A local date and time: ``23-11-2026 14:05`` / ``23 Nov 2026 14:05``."""
    clock = instant.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{date_short(instant.date())} {clock}"
