"""The regional check at intake: a NIK active at another branch of the region is found before the
member is saved, by asking the Kanwil briefly. When the Kanwil cannot be asked, the officer is
told the regional check did not run; the branch's own checks still apply.

Every door calls it through the enrolment and import services (the intake page, ``loket enrol``,
the spreadsheet import), so none can skip it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.db.region_queries import ElsewhereRow, active_elsewhere
from app.domain.issues import Issue
from app.domain.messages import msg
from app.services.context import CacheKey, ServiceContext
from app.services.kanwil import KANWIL_URL, ROLE, KanwilUnreachableError, ask_kanwil, region_settings

SETTINGS_MAX_AGE_S = 30.0
LAST_CHECK: CacheKey[LastCheck] = CacheKey("region.last_check")
SETTINGS: CacheKey[tuple[float, dict[str, str]]] = CacheKey("region.settings")


class RegionalCheck(StrEnum):
    """Whether the region-wide NIK check could be asked, so the counter knows how sure the answer is."""

    CHECKED = "checked"
    UNREACHABLE = "unreachable"  # a region branch whose Kanwil did not answer in time
    NOT_IN_REGION = "none"  # a branch on its own (or a laptop): nothing to ask


@dataclass(frozen=True, slots=True)
class RegionalResult:
    """The answer of the region-wide NIK check: whether it ran, and the NIKs active elsewhere."""

    state: RegionalCheck
    found: dict[str, ElsewhereRow] = field(default_factory=dict)

    def issue(self, nik: str) -> Issue | None:
        """The refusal for ``nik`` when it is active (or moving) elsewhere in the region."""
        row = self.found.get(nik)
        if row is None:
            return None
        if row.moving_to is not None:
            return Issue(
                "nik",
                "nik.region_moving",
                msg(
                    "NIK ini milik peserta {number} yang sedang dimutasi dari cabang {branch_code} {branch_name} ke cabang {moving_to}. Jangan daftarkan lagi: cabang tujuan menerima mutasinya.",
                    number=row.number,
                    branch_code=row.branch_code,
                    branch_name=row.branch_name,
                    moving_to=row.moving_to,
                ),
            )
        return Issue(
            "nik",
            "nik.region_duplicate",
            msg(
                "NIK ini sudah terdaftar sebagai peserta aktif di cabang {branch_code} {branch_name} dengan nomor {number}. Jangan daftarkan lagi: minta cabang itu memutasikan peserta ke cabang ini (mutasi).",
                branch_code=row.branch_code,
                branch_name=row.branch_name,
                number=row.number,
            ),
        )

    @property
    def skipped(self) -> Issue | None:
        if self.state is not RegionalCheck.UNREACHABLE:
            return None
        return SKIPPED


SKIPPED = Issue(
    "nik",
    "region.check_skipped",
    "Pemeriksaan NIK di cabang lain se-wilayah TIDAK berjalan: server Kanwil tidak dapat dihubungi. "
    "Pemeriksaan di cabang ini tetap berlaku.",
)


@dataclass(frozen=True, slots=True)
class LastCheck:
    """The last time this process asked the Kanwil about a NIK at intake, and whether it answered."""

    at: dt.datetime
    state: RegionalCheck


def last_check(ctx: ServiceContext) -> LastCheck | None:
    """The last regional check of this counter since Loket started (None: none yet)."""
    return ctx.cache.get(LAST_CHECK)


def _settings(ctx: ServiceContext) -> dict[str, str]:
    now = time.monotonic()
    hit = ctx.cache.get(SETTINGS)
    if hit is not None and now - hit[0] < SETTINGS_MAX_AGE_S:
        return hit[1]
    settings = region_settings(ctx)
    ctx.cache.put(SETTINGS, (now, settings))
    return settings


def regional_lookup(ctx: ServiceContext, niks: Sequence[str], own_code: str) -> RegionalResult:
    """Ask the Kanwil about ``niks`` (one query, read-only, short timeout)."""
    settings = _settings(ctx)
    if settings.get(ROLE) != "branch" or not settings.get(KANWIL_URL):
        return RegionalResult(RegionalCheck.NOT_IN_REGION)
    wanted = sorted(set(niks))
    if not wanted:
        return RegionalResult(RegionalCheck.CHECKED)
    try:
        rows = ask_kanwil(ctx, lambda conn: active_elsewhere(conn, wanted, own_code), settings[KANWIL_URL])
    except KanwilUnreachableError:
        ctx.cache.put(LAST_CHECK, LastCheck(ctx.clock(), RegionalCheck.UNREACHABLE))
        return RegionalResult(RegionalCheck.UNREACHABLE)
    ctx.cache.put(LAST_CHECK, LastCheck(ctx.clock(), RegionalCheck.CHECKED))
    found: dict[str, ElsewhereRow] = {}
    for row in rows:
        found.setdefault(row.nik, row)
    return RegionalResult(RegionalCheck.CHECKED, found)
