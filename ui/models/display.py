"""How DTO values read on screen: dates, statuses, errors — one wording for every page."""

from __future__ import annotations

import datetime as dt

from app.domain.clock import local_time
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.money import format_rupiah

RECORD_STATUS = {"ACTIVE": "Aktif", "DEACTIVATED": "Nonaktif", "MERGED": "Digabung"}
DEACTIVATION_REASONS = {
    "MENINGGAL": "meninggal dunia",
    "LUAR_NEGERI": "pindah ke luar negeri",
    "DUPLIKAT": "duplikat, digabung ke nomor lain",
}
GENDER = {"L": "Laki-laki", "P": "Perempuan"}


def grouped(number: str | None) -> str:
    """``101 0000 001 3`` for reading aloud; anything unparsable is shown as it is."""
    if not number:
        return ""
    parsed = parse_number(number)
    return parsed.grouped() if isinstance(parsed, MembershipNumber) else number


def date(d: dt.date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "—"


def when(instant: dt.datetime | None, timezone: str) -> str:
    """A stored UTC instant in the branch's local time."""
    return local_time(instant, timezone).strftime("%d-%m-%Y %H:%M") if instant else "—"


def rupiah(amount: int | None) -> str:
    return format_rupiah(amount) if amount is not None else "—"


def record_status(status: str, merged_into: str | None = None) -> str:
    if status == "MERGED" and merged_into:
        return f"Digabung → {grouped(merged_into)}"
    return RECORD_STATUS.get(status, status)


def error_issues(exc: BaseException) -> list[Issue]:
    """Findings to show at fields; anything else becomes one plain Indonesian message."""
    if isinstance(exc, DomainError):
        return list(exc.issues)
    return [Issue("", getattr(exc, "code", "error"), error_text(exc))]


def error_text(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return "\n".join(i.message for i in exc.issues)
    message = getattr(exc, "message", None)  # AuthError, PermissionDeniedError
    if isinstance(message, str) and message:
        return message
    # Database and other errors may quote personal data in their text: never show it raw.
    return "Terjadi kesalahan; data tidak berubah. Coba lagi, atau hubungi TI cabang bila berulang."
