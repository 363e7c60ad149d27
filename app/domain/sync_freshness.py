"""How long an outreach laptop may work without syncing with its branch.

A laptop set up for outreach (``loket package setup --home-branch 101``) counts the days since its last
sync: the last answer from its branch it imported (before the first one, since it was set up).
After ``warn_days`` it warns; after ``freeze_days`` it refuses new enrolments until it syncs, as
MOSIP's registration client freezes a machine whose packets have not reached the server. Payments,
cards and corrections of members already enrolled carry on: they are not new identities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.domain.issues import Issue
from app.domain.messages import msg

DEFAULT_WARN_DAYS = 3
DEFAULT_FREEZE_DAYS = 7
MAX_DAYS = 90


class SyncState(StrEnum):
    """How an outreach laptop stands against its sync limit: fine, warned, or refusing enrolments."""

    NOT_LAPTOP = "NOT_LAPTOP"  # a branch database: no limit
    FRESH = "FRESH"
    WARN = "WARN"
    FROZEN = "FROZEN"


@dataclass(frozen=True, slots=True)
class Freshness:
    """The laptop's standing today: days since its last sync and whether it warns or refuses enrolments."""

    state: SyncState
    home: str | None  # the branch code the laptop reports to
    since: dt.date | None  # the local date of the last sync (or of the set-up, before any)
    ever_synced: bool
    days: int  # days since ``since``
    warn_days: int
    freeze_days: int

    @property
    def days_left(self) -> int:
        """Days before new enrolments are refused (0 when they already are)."""
        return max(0, self.freeze_days - self.days)

    def issue(self) -> Issue | None:
        """The warning or the refusal to show, or None when all is well."""
        if self.state is SyncState.FROZEN:
            return frozen_issue(self)
        if self.state is SyncState.WARN:
            return warning_issue(self)
        return None


def _last(f: Freshness) -> str:
    if f.since is None:
        return "belum pernah"
    what = "sinkron terakhir" if f.ever_synced else "diatur sebagai laptop jemput bola"
    return f"{what} {f.since:%d-%m-%Y}"


def frozen_issue(f: Freshness) -> Issue:
    return Issue(
        "sinkron",
        "outreach.frozen",
        msg(
            "Laptop ini {days} hari belum sinkron dengan cabang {home} ({last}; batas {freeze_days} hari). Pendaftaran baru ditolak sampai paket dikirim ke cabang dan balasan cabang diimpor (halaman Jemput Bola atau 'loket package receive'). Pembayaran dan kartu peserta yang sudah terdaftar tetap bisa.",
            days=f.days,
            home=f.home,
            last=_last(f),
            freeze_days=f.freeze_days,
        ),
    )


def warning_issue(f: Freshness) -> Issue:
    return Issue(
        "sinkron",
        "outreach.sync_due",
        msg(
            "Laptop ini {days} hari belum sinkron dengan cabang {home} ({last}). Kirim paket ke cabang dan impor balasannya: {days_left} hari lagi pendaftaran baru ditolak.",
            days=f.days,
            home=f.home,
            last=_last(f),
            days_left=f.days_left,
        ),
    )


def freshness(
    *,
    home: str | None,
    since: dt.date | None,
    ever_synced: bool,
    today: dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
    freeze_days: int = DEFAULT_FREEZE_DAYS,
) -> Freshness:
    """Warn from ``warn_days`` days without a sync, refuse from ``freeze_days`` (calendar days in the
    branch's time zone; a clock set back before the last sync counts as 0 days)."""
    if home is None:
        return Freshness(SyncState.NOT_LAPTOP, None, since, ever_synced, 0, warn_days, freeze_days)
    days = max(0, (today - since).days) if since is not None else freeze_days
    if days >= freeze_days:
        state = SyncState.FROZEN
    elif days >= warn_days:
        state = SyncState.WARN
    else:
        state = SyncState.FRESH
    return Freshness(state, home, since, ever_synced, days, warn_days, freeze_days)


def limit_issues(warn_days: int, freeze_days: int) -> list[Issue]:
    """The supervisor's two limits: 1 ≤ warn < freeze ≤ MAX_DAYS."""
    out = []
    if not 1 <= warn_days <= MAX_DAYS - 1:
        out.append(
            Issue(
                "warn_days",
                "outreach.warn_days",
                msg("Peringatan setelah 1–{max_days} hari tanpa sinkron.", max_days=MAX_DAYS - 1),
            )
        )
    if not 2 <= freeze_days <= MAX_DAYS:
        out.append(
            Issue(
                "freeze_days",
                "outreach.freeze_days",
                msg("Pendaftaran ditolak setelah 2–{max_days} hari tanpa sinkron.", max_days=MAX_DAYS),
            )
        )
    if not out and freeze_days <= warn_days:
        out.append(
            Issue(
                "freeze_days",
                "outreach.freeze_before_warn",
                "Batas penolakan harus lebih lama dari batas peringatan.",
            )
        )
    return out
