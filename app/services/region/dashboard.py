"""The Kanwil dashboard: coverage per regency and per branch against the Kanwil's targets, this
month's enrolments by channel and segment, and the province's way toward its target.

Protected (terlindungi) means what it means at a branch: the status index says BPJS pays the
member's benefits today. The Kanwil keeps its own index (``member_cover``, never replicated),
filled from the replicated payments by the branch's code (``app.services.dashboard.
refresh_protection``, incremental: only members missing or due for a recheck; the replicated
writes forget their member's row by triggers, ``app.db.kanwil_cover``). Until it has answered for
every member, ``pending`` says how many are still being worked out: the window shows the
registered figures with "status perlindungan sedang dihitung" instead of a protected one, and
``lines()`` opens with that note (``loket region dashboard`` refreshes first).

Three reads, whatever the region's size: one scan of the Kanwil's tally (``app.db.kanwil_tally``:
one narrow row per active member, kept by triggers as the branches' rows arrive, with his home
regency, the branch holding him, whether he counts since his regency's baseline and his status
index answer), grouped by regency and branch; this month's enrolments by the index on their
business date (the branch that enrolled is the block of the enrolment's id); and the NIKs active
at two branches at once (kept beside the tally). Only when some member has no answer today, the
exact count of those pending. The tally stores what ``app.db.coverage_queries.held_by_regency``
works out (the definition the branch's own dashboard reads); a test compares the two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import kanwil_tally
from app.db.coverage_queries import Held, counted_from, enrolments_made, pending_on
from app.db.homes import home_branch
from app.db.region_models import RegionBranch, RegionTarget
from app.domain.clock import business_date
from app.domain.coverage import Coverage, format_bp
from app.domain.day_summary import CHANNEL_SHORT, Tally
from app.domain.issues import DomainError, Issue
from app.domain.reference import CHANNELS, SEGMENTS
from app.domain.region_coverage import AreaProgress
from app.domain.roles import Permission
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import REGION_NAME, settings_of


def _n(value: int) -> str:
    """1234567 → ``1.234.567`` (Indonesian grouping)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True, slots=True)
class RegencyLine:
    """One regency on the Kanwil dashboard: its branch, members and how many are protected."""

    code: str
    name: str
    branch_code: str | None  # the branch whose area it is
    coverage: Coverage
    members: int  # active members living there, every branch (terdaftar)
    protected: int = 0  # of them, protected today (terlindungi)


@dataclass(frozen=True, slots=True)
class BranchLine:
    """One branch on the Kanwil dashboard: its members, this month's enrolments and progress to target."""

    code: str
    name: str
    regencies: tuple[str, ...]
    members: int  # active members the branch holds (terdaftar)
    protected: int  # of them, protected today (terlindungi)
    month_enrolments: int
    by_channel: tuple[Tally, ...]
    progress: AreaProgress | None  # its regencies against their targets
    # the members it holds, per target regency of its area, registered since the baseline (what the
    # branch's own dashboard shows for those regencies)
    enrolled_since: tuple[Tally, ...] = ()
    protected_since: tuple[Tally, ...] = ()  # of them, protected today


@dataclass(frozen=True, slots=True)
class KanwilDashboardDTO:
    """Everything the Kanwil dashboard shows for a day: province, regencies, branches and tallies."""

    region: str
    today: dt.date
    month_start: dt.date
    province: AreaProgress
    regencies: tuple[RegencyLine, ...]
    branches: tuple[BranchLine, ...]
    by_channel: tuple[Tally, ...]
    by_segment: tuple[Tally, ...]
    duplicate_niks: int  # NIKs active at two branches (enrolled while the Kanwil was unreachable)
    pending: int = 0  # active members whose protection today is still being worked out

    def as_json(self) -> dict[str, Any]:
        def progress(p: AreaProgress | None) -> dict[str, Any] | None:
            if p is None:
                return None
            return {
                "workers": p.workers,
                "registered": p.registered,
                "covered": p.covered,
                "covered_pct": p.covered_bp / 100,
                "target": p.target_count,
                "progress_pct": p.progress_bp / 100,
                "remaining": p.remaining,
            }

        return {
            "region": self.region,
            "today": self.today.isoformat(),
            "month_start": self.month_start.isoformat(),
            "province": progress(self.province),
            "regencies": [
                {
                    "regency": r.code,
                    "name": r.name,
                    "branch": r.branch_code,
                    "members": r.members,
                    "protected": r.protected,
                    **(progress(AreaProgress.of([r.coverage])) or {}),
                }
                for r in self.regencies
            ],
            "branches": [
                {
                    "branch": b.code,
                    "name": b.name,
                    "regencies": list(b.regencies),
                    "members": b.members,
                    "protected": b.protected,
                    "month_enrolments": b.month_enrolments,
                    "by_channel": {t.code: t.count for t in b.by_channel},
                    "coverage": progress(b.progress),
                    "enrolled_since": {t.code: t.count for t in b.enrolled_since},
                    "protected_since": {t.code: t.count for t in b.protected_since},
                }
                for b in self.branches
            ],
            "by_channel": {t.code: t.count for t in self.by_channel},
            "by_segment": {t.code: t.count for t in self.by_segment},
            "duplicate_niks": self.duplicate_niks,
            "protection_pending": self.pending,
        }

    def lines(self) -> list[str]:
        p = self.province
        out = [f"{self.region} — {self.today:%d-%m-%Y}"]
        if self.pending:
            out.append(
                f"Status perlindungan sedang dihitung: {_n(self.pending)} peserta belum dihitung; angka "
                "terlindungi di bawah belum lengkap."
            )
        out += [
            f"Provinsi: {_n(p.covered)} dari {_n(p.workers)} pekerja terlindungi ({format_bp(p.covered_bp)}), "
            f"{_n(p.registered)} terdaftar; target {_n(p.target_count)}; {format_bp(p.progress_bp)} jalan dari "
            f"awal ke target, kurang {_n(p.remaining)}.",
            "Per kabupaten/kota:",
        ]
        for r in self.regencies:
            c = r.coverage
            out.append(
                f"  {r.code} {r.name} [{r.branch_code or '-'}]: {format_bp(c.covered_bp)} terlindungi dari target "
                f"{format_bp(c.target_bp)} (awal {format_bp(c.baseline_bp)}); sejak {c.baseline_date:%d-%m-%Y} "
                f"+{c.protected_since} terlindungi, +{c.enrolled_since} terdaftar"
            )
        out.append(f"Per cabang (pendaftaran sejak {self.month_start:%d-%m-%Y}):")
        for b in self.branches:
            cov = f", wilayah {format_bp(b.progress.covered_bp)} terlindungi" if b.progress else ""
            out.append(
                f"  {b.code} {b.name}: {b.protected} terlindungi dari {b.members} peserta terdaftar, "
                f"{b.month_enrolments} baru bulan ini{cov}"
            )
        out.append("Bulan ini per kanal: " + ", ".join(f"{t.label} {t.count}" for t in self.by_channel))
        out.append("Bulan ini per segmen: " + ", ".join(f"{t.label} {t.count}" for t in self.by_segment))
        if self.duplicate_niks:
            out.append(
                f"PERHATIAN: {self.duplicate_niks} NIK aktif di dua cabang sekaligus (periksa dan gabungkan)."
            )
        return out


def _since(session: Session) -> dict[str, dt.datetime]:
    """Each target regency's first instant counted (``counted_from`` of its baseline)."""
    home = home_branch(session)
    assert home is not None
    rows = session.execute(sa.select(RegionTarget.regency_code, RegionTarget.baseline_date))
    return {str(code): counted_from(day, home.timezone) for code, day in rows}


def ensure_kanwil(session: Session) -> None:
    """Refuse anything but the Kanwil's own database."""
    if session.get_bind().dialect.name != "postgresql" or settings_of(session).get("region.role") != "kanwil":
        raise DomainError(
            Issue(
                "db",
                "region.not_kanwil",
                "Dasbor Kanwil hanya ada di basis data Kanwil (loket region init).",
            )
        )


def kanwil_dashboard(ctx: ServiceContext, actor: Actor) -> KanwilDashboardDTO:
    """Every figure of the Kanwil dashboard in one read (supervisor). Protection is the status
    index's answer as it stands: ``app.services.dashboard.refresh_protection`` first, or read
    ``pending``."""
    authorize(ctx, actor, Permission.REGION)

    def baselines(session: Session) -> bool:
        """Whether the tally counts from the targets' baselines as they stand now."""
        ensure_kanwil(session)
        return kanwil_tally.baselines_match(session.connection(), _since(session))

    def rebase(session: Session) -> None:
        kanwil_tally.sync_baselines(session.connection(), _since(session))

    def work(session: Session) -> KanwilDashboardDTO:
        home = home_branch(session)
        assert home is not None
        today = business_date(ctx.clock(), home.timezone)
        month_start = today.replace(day=1)
        targets = list(session.execute(sa.select(RegionTarget).order_by(RegionTarget.regency_code)).scalars())
        branches = list(session.execute(sa.select(RegionBranch).order_by(RegionBranch.code)).scalars())
        area = {r: b.code for b in branches for r in b.regencies.split(",") if r}
        conn = session.connection()
        members = kanwil_tally.held_by_regency(conn, today)
        month = enrolments_made(session, month_start, today)
        duplicates = kanwil_tally.duplicate_niks(conn)
        board = _assemble(
            settings_of(session).get(REGION_NAME, home.name), today, month_start, targets, branches, area, members,
            month, duplicates,
        )  # fmt: skip
        # Every active member answered: none pending (no second pass over a million members);
        # else the exact count (members with an enrolment, the only ones the index answers for).
        unanswered = sum(h.members - h.answered for h in members)
        return replace(board, pending=pending_on(session, today) if unanswered else 0)

    if not ctx.read(baselines):
        ctx.write(rebase)  # a target's baseline changed since the tally was marked: once
    return ctx.read(work)


def _assemble(
    region: str,
    today: dt.date,
    month_start: dt.date,
    targets: list[RegionTarget],
    branches: list[RegionBranch],
    area: dict[str, str],
    members: list[Held],
    month: list[tuple[str, str, str, str, int]],
    duplicates: int,
) -> KanwilDashboardDTO:
    living: dict[str, int] = {}
    living_protected: dict[str, int] = {}
    since: dict[str, int] = {}
    since_protected: dict[str, int] = {}
    held: dict[str, int] = {}
    held_protected: dict[str, int] = {}
    own_since: dict[tuple[str, str], int] = {}  # (branch, regency) → counted since the baseline
    own_protected: dict[tuple[str, str], int] = {}  # … of them protected today
    for regency, holder, n, protected, after, after_protected, _answered in members:
        living[regency] = living.get(regency, 0) + n
        living_protected[regency] = living_protected.get(regency, 0) + protected
        since[regency] = since.get(regency, 0) + after
        since_protected[regency] = since_protected.get(regency, 0) + after_protected
        held[holder] = held.get(holder, 0) + n
        held_protected[holder] = held_protected.get(holder, 0) + protected
        own_since[holder, regency] = own_since.get((holder, regency), 0) + after
        own_protected[holder, regency] = own_protected.get((holder, regency), 0) + after_protected
    lines = tuple(
        RegencyLine(
            t.regency_code,
            t.regency_name,
            area.get(t.regency_code),
            Coverage(
                t.workers,
                t.baseline_bp,
                t.target_bp,
                t.baseline_date,
                since.get(t.regency_code, 0),
                since_protected.get(t.regency_code, 0),
            ),
            living.get(t.regency_code, 0),
            living_protected.get(t.regency_code, 0),
        )
        for t in targets
    )
    channels: dict[tuple[str, str], int] = {}
    segments: dict[str, int] = {}
    for code, channel, segment, _occupation, n in month:
        key = (code, channel)
        channels[key] = channels.get(key, 0) + n
        segments[segment] = segments.get(segment, 0) + n
    by_branch = []
    for b in branches:
        area_of = set(b.regencies.split(","))
        mine = [r.coverage for r in lines if r.branch_code == b.code]
        counted = [
            t for t in targets if t.regency_code in area_of and own_since.get((b.code, t.regency_code))
        ]
        by_branch.append(
            BranchLine(
                b.code,
                b.name,
                tuple(r for r in b.regencies.split(",") if r),
                held.get(b.code, 0),
                held_protected.get(b.code, 0),
                sum(n for (c, _ch), n in channels.items() if c == b.code),
                tuple(Tally(ch, CHANNEL_SHORT.get(ch, ch), channels.get((b.code, ch), 0)) for ch in CHANNELS),
                AreaProgress.of(mine) if mine else None,
                tuple(
                    Tally(t.regency_code, t.regency_name, own_since[b.code, t.regency_code]) for t in counted
                ),
                tuple(
                    Tally(t.regency_code, t.regency_name, own_protected.get((b.code, t.regency_code), 0))
                    for t in counted
                ),
            )
        )
    return KanwilDashboardDTO(
        region,
        today,
        month_start,
        AreaProgress.of([r.coverage for r in lines]),
        lines,
        tuple(by_branch),
        tuple(
            Tally(ch, CHANNEL_SHORT.get(ch, ch), sum(n for (_c, c2), n in channels.items() if c2 == ch))
            for ch in CHANNELS
        ),
        tuple(Tally(s, s, segments.get(s, 0)) for s in SEGMENTS),
        duplicates,
    )
