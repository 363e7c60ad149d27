"""How DTO values read on screen: dates, money, statuses, errors — one wording for every page.

Dates and money follow the interface language (``ui.i18n``); texts the core produces in Indonesian are
looked up in the ``Issue`` (messages) and ``Label`` (code labels) contexts, which
``tools/i18n_domain.py`` fills from ``app/`` into ``ui/i18n_domain.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from babel.dates import format_date
from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.clock import local_time
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import Message
from app.domain.months import MONTH_NAMES, Month, period_label
from app.domain.states import RecordStatus
from ui import i18n
from ui.i18n import translate

RECORD_STATUS = {
    "ACTIVE": QT_TRANSLATE_NOOP("Display", "Aktif"),
    "DEACTIVATED": QT_TRANSLATE_NOOP("Display", "Nonaktif"),
    "MERGED": QT_TRANSLATE_NOOP("Display", "Digabung"),
}
DEACTIVATION_REASONS = {
    "MENINGGAL": QT_TRANSLATE_NOOP("Display", "meninggal dunia"),
    "LUAR_NEGERI": QT_TRANSLATE_NOOP("Display", "pindah ke luar negeri"),
    "DUPLIKAT": QT_TRANSLATE_NOOP("Display", "duplikat, digabung ke nomor lain"),
}
GENDER = {"L": QT_TRANSLATE_NOOP("Display", "Laki-laki"), "P": QT_TRANSLATE_NOOP("Display", "Perempuan")}


def grouped(number: str | None) -> str:
    """``101 0000 001 3`` for reading aloud; anything unparsable is shown as it is."""
    if not number:
        return ""
    parsed = parse_number(number)
    return parsed.grouped() if isinstance(parsed, MembershipNumber) else number


def date(d: dt.date | None) -> str:
    return i18n.date_short(d) if d else "—"


def long_date(d: dt.date | None) -> str:
    return i18n.date_long(d) if d else "—"


def when(instant: dt.datetime | None, timezone: str) -> str:
    """A stored UTC instant in the branch's local time."""
    return i18n.date_time(local_time(instant, timezone)) if instant else "—"


def month(m: Month) -> str:
    """``April 2026`` (month name in the interface language)."""
    if i18n.current_locale() == i18n.SOURCE_LANGUAGE:
        return m.label()
    return str(format_date(m.first_day(), format="MMMM y", locale=i18n.current_locale()))


def month_short(m: Month) -> str:
    """``Apr 2026`` / ``Agu 2026``."""
    if i18n.current_locale() == i18n.SOURCE_LANGUAGE:
        return m.short()
    return str(format_date(m.first_day(), format="MMM y", locale=i18n.current_locale()))


def month_name(number: int) -> str:
    """``Maret`` / ``March``: a calendar month without its year."""
    if i18n.current_locale() == i18n.SOURCE_LANGUAGE:
        return MONTH_NAMES[number - 1]
    return str(format_date(Month(2000, number).first_day(), format="LLLL", locale=i18n.current_locale()))


def schedule(code: str, fallback: str = "") -> str:
    """A CoverDTO's ``schedule`` (``MONTHLY`` / ``HARVEST:3,4,9,10``) in words."""
    if code == "MONTHLY":
        return translate("Display", "Bulanan")
    if code.startswith("HARVEST:"):
        try:
            numbers = sorted(int(n) for n in code.removeprefix("HARVEST:").split(",") if n.strip())
        except ValueError:
            return fallback or code
        names = ", ".join(month_short(Month(2000, n)).removesuffix(" 2000") for n in numbers if 1 <= n <= 12)
        return translate("Display", "Saat panen: {months}").format(months=names)
    return fallback or code


def period(months: Sequence[Month]) -> str:
    """``Apr 2026 – Jun 2026``; separate runs joined by commas, month names in the UI's language."""
    return period_label(list(months), short=month_short)


def figure(text: str) -> str:
    """A figure the core wrote the Indonesian way (``5,7%``, ``Rp6.800``) in the interface language."""
    if i18n.current_locale() == i18n.SOURCE_LANGUAGE:
        return text
    text = re.sub(r"Rp(\d{1,3}(?:\.\d{3})*)\b", lambda m: i18n.money(int(m[1].replace(".", ""))), text)
    return re.sub(r"(\d),(\d+)%", r"\1.\2%", text)


def rupiah(amount: int | None) -> str:
    return i18n.money(amount) if amount is not None else "—"


def number(n: int | None) -> str:
    return i18n.number(n) if n is not None else "—"


def gender(code: str) -> str:
    text = GENDER.get(code)
    return translate("Display", text) if text else code


def deactivation_reason(code: str | None) -> str:
    text = DEACTIVATION_REASONS.get(code or "")
    return translate("Display", text) if text else ""


def record_status(status: str, merged_into: str | None = None) -> str:
    if status == RecordStatus.MERGED and merged_into:
        return translate("Display", "Digabung → {number}").format(number=grouped(merged_into))
    text = RECORD_STATUS.get(status)
    return translate("Display", text) if text else status


COVER_STATUS = {
    "BELUM_AKTIF": QT_TRANSLATE_NOOP("Display", "Belum aktif"),
    "AKTIF": QT_TRANSLATE_NOOP("Display", "Aktif"),
    "BERAKHIR": QT_TRANSLATE_NOOP("Display", "Berakhir"),
}


def cover_status(status: str, arrears: int) -> str:
    """``Belum aktif`` / ``Aktif`` / ``Menunggak 2 bulan`` / ``Berakhir`` from a CoverDTO's fields."""
    if status == "MENUNGGAK":
        return translate("Display", "Menunggak {months}").format(months=months(arrears))
    text = COVER_STATUS.get(status)
    return translate("Display", text) if text else status


def months(n: int) -> str:
    """``1 bulan`` / ``3 bulan`` — English needs the singular apart."""
    return translate("Display", "1 bulan") if n == 1 else translate("Display", "{n} bulan").format(n=n)


def label(text: str) -> str:
    """A label the core keeps for a code (``FUNDING_LABELS``, ``ROLE_LABELS`` …) in the interface language."""
    return translate("Label", text)


def message(text: str) -> str:
    """A message of the core (an ``Issue``, a refused login) in the interface language.

    A message made with values (``app.domain.messages.Message``) is its template translated, with
    the same values filled in; a translation that names other values than the template is not
    used (the Indonesian text is shown instead of a broken sentence).
    """
    if isinstance(text, Message):
        try:
            return translate("Issue", text.template).format(**text.params)
        except (KeyError, IndexError, ValueError):
            return str(text)
    return translate("Issue", text)


def message_of(exc: BaseException) -> str | None:
    """The officer-facing ``message`` of an exception from the core (AuthError …), if it has one."""
    text = getattr(exc, "message", None)
    return message(text) if isinstance(text, str) and text else None


def error_issues(exc: BaseException) -> list[Issue]:
    """Findings to show at fields; anything else becomes one plain message."""
    if isinstance(exc, DomainError):
        return [Issue(i.field, i.code, message(i.message)) for i in exc.issues]
    return [Issue("", getattr(exc, "code", "error"), error_text(exc))]


def error_text(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return "\n".join(message(i.message) for i in exc.issues)
    text = getattr(exc, "message", None)  # AuthError, PermissionDeniedError
    if isinstance(text, str) and text:
        return message(text)
    # Database and other errors may quote personal data in their text: never show it raw.
    return translate(
        "Display", "Terjadi kesalahan; data tidak berubah. Coba lagi, atau hubungi TI cabang bila berulang."
    )
