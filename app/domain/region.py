"""The region's replication in plain Indonesian: what state a branch's link to its Kanwil is in,
why, and what IT should do — decided from facts the database reports (no I/O here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.messages import msg


class LinkState(StrEnum):
    """The state a branch's replication link to its Kanwil is in, as IT is told it."""

    OK = "ok"
    LAGGING = "lagging"
    SYNCING = "syncing"
    STARTING = "starting"
    DISABLED = "disabled"
    UNREACHABLE = "unreachable"
    SLOT_MISSING = "slot_missing"
    SLOT_LOST = "slot_lost"
    NO_WORKER = "no_worker"
    FAILING = "failing"
    NOT_SUBSCRIBED = "not_subscribed"
    RESTORED = "restored"


STATE_LABELS = {
    LinkState.OK: "Lancar",
    LinkState.LAGGING: "Tertinggal",
    LinkState.SYNCING: "Salinan awal",
    LinkState.STARTING: "Memulai",
    LinkState.DISABLED: "Dinonaktifkan",
    LinkState.UNREACHABLE: "Terputus",
    LinkState.SLOT_MISSING: "Perlu sinkron ulang",
    LinkState.SLOT_LOST: "Perlu sinkron ulang",
    LinkState.NO_WORKER: "Tidak berjalan",
    LinkState.FAILING: "Gagal",
    LinkState.NOT_SUBSCRIBED: "Belum berlangganan",
    LinkState.RESTORED: "Dipulihkan dari cadangan lama",
}
# States only ``loket region repair`` (or IT at the server) can end.
NEEDS_REPAIR = frozenset(
    {
        LinkState.DISABLED,
        LinkState.SLOT_MISSING,
        LinkState.SLOT_LOST,
        LinkState.NOT_SUBSCRIBED,
        LinkState.FAILING,
        LinkState.RESTORED,
    }
)
LAG_EVENTS = 50  # more events than this not yet at the Kanwil: "lagging"
LAG_AGE = dt.timedelta(minutes=5)  # … or the newest one waiting longer than this


@dataclass(frozen=True, slots=True)
class RestoreFacts:
    """A branch whose audit chain no longer holds the head the Kanwil recorded: what the Kanwil saw
    and what the branch has now."""

    recorded_seq: int  # the Kanwil's record of the branch's chain (position)
    recorded_at: dt.datetime  # when the Kanwil received it
    branch_seq: int | None  # where the branch's chain ends now
    restored_at: dt.datetime | None = None  # the branch's ``db.restore`` event, if it has one
    restored_file: str | None = None
    members_at_kanwil: int | None = None  # the branch's member records the Kanwil holds
    members_at_branch: int | None = None  # … and the branch itself


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What the Kanwil and (when reachable) the branch server say about one branch's link."""

    code: str
    subscribed: bool
    enabled: bool = False
    worker_running: bool = False
    tables_syncing: int = 0
    apply_errors: int = 0
    sync_errors: int = 0
    workers_allowed: int = 4
    subscriptions_enabled: int = 1
    branch_reachable: bool | None = None  # None: not tried (no connection details here)
    slot_exists: bool | None = None
    slot_wal_status: str | None = None
    lag_bytes: int | None = None
    events_behind: int | None = None  # the branch's audit events not yet at the Kanwil
    kanwil_last_at: dt.datetime | None = None  # the branch's newest event at the Kanwil
    branch_last_at: dt.datetime | None = None  # … and at the branch itself
    branch_schema: str | None = None
    kanwil_schema: str | None = None
    restore: RestoreFacts | None = None  # the branch no longer holds what the Kanwil recorded
    timezone: str = "Asia/Jakarta"  # the branch's, for the dates said


@dataclass(frozen=True, slots=True)
class LinkHealth:
    """A branch link's state with its message, how far behind it is and the repair to run."""

    state: LinkState
    code: str  # stable message code, ``region.<state>``
    message: str
    events_behind: int | None
    repair: str | None  # what ``loket region repair`` would do, or None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def ok(self) -> bool:
        return self.state in (LinkState.OK, LinkState.SYNCING, LinkState.STARTING, LinkState.LAGGING)


def _ago(at: dt.datetime | None, now: dt.datetime) -> str:
    if at is None:
        return "belum ada"
    seconds = max(0, int((now - at).total_seconds()))
    if seconds < 60:
        return f"{seconds} detik lalu"
    if seconds < 3600:
        return f"{seconds // 60} menit lalu"
    if seconds < 86400:
        return f"{seconds // 3600} jam lalu"
    return f"{seconds // 86400} hari lalu"


def _health(state: LinkState, message: str, behind: int | None, repair: str | None = None) -> LinkHealth:
    return LinkHealth(state, f"region.{state.value}", message, behind, repair)


def diagnose(f: LinkFacts, now: dt.datetime) -> LinkHealth:
    """The one state that matters most for branch ``f.code``, said so IT knows what to do."""
    behind = f.events_behind
    cmd = f"loket region repair --branch {f.code}"
    if not f.subscribed:
        return _health(
            LinkState.NOT_SUBSCRIBED,
            f"Kanwil tidak berlangganan data cabang {f.code} (langganan terhapus). Jalankan '{cmd}' untuk "
            "membuatnya lagi.",
            behind,
            "buat langganan lagi dan salin ulang data cabang",
        )
    if not f.enabled:
        return _health(
            LinkState.DISABLED,
            f"Langganan data cabang {f.code} dinonaktifkan; perubahan cabang menunggu di server cabang. "
            f"Aktifkan lagi dengan '{cmd}'.",
            behind,
            "aktifkan langganan",
        )
    if f.branch_reachable is False:
        return _health(
            LinkState.UNREACHABLE,
            f"Server cabang {f.code} tidak dapat dihubungi dari Kanwil (jaringan putus atau server mati). "
            "Data di cabang aman dan akan menyusul sendiri begitu tersambung lagi; periksa jaringan dan "
            f"server cabang. Perubahan terakhir yang sampai: {_ago(f.kanwil_last_at, now)}.",
            behind,
        )
    if f.restore is not None:
        return restored(f.code, f.restore, f.timezone, behind)
    if f.slot_exists is False:
        return _health(
            LinkState.SLOT_MISSING,
            f"Slot replikasi di server cabang {f.code} hilang (server dipasang ulang atau dipulihkan dari "
            f"cadangan?). Data cabang harus disalin ulang ke Kanwil: '{cmd} --resync'.",
            behind,
            "salin ulang data cabang",
        )
    if f.slot_wal_status == "lost":
        return _health(
            LinkState.SLOT_LOST,
            f"Cabang {f.code} terlalu lama terputus: server cabang sudah membuang catatan perubahan yang "
            f"belum diterima Kanwil. Data cabang harus disalin ulang ke Kanwil: '{cmd} --resync'.",
            behind,
            "salin ulang data cabang",
        )
    if f.branch_schema and f.kanwil_schema and f.branch_schema != f.kanwil_schema:
        newer = "cabang" if f.branch_schema > f.kanwil_schema else "Kanwil"
        return _health(
            LinkState.FAILING,
            f"Versi skema cabang {f.code} ({f.branch_schema}) berbeda dengan Kanwil ({f.kanwil_schema}); "
            f"{newer} lebih baru. Perbarui Loket di Kanwil lebih dulu, lalu di cabang, lalu '{cmd}'.",
            behind,
            "samakan daftar tabel langganan",
        )
    if not f.worker_running:
        if f.subscriptions_enabled > f.workers_allowed - 1:
            return _health(
                LinkState.NO_WORKER,
                f"Kanwil kehabisan pekerja replikasi: {f.subscriptions_enabled} cabang berlangganan, "
                f"max_logical_replication_workers = {f.workers_allowed}. Naikkan ke sedikitnya "
                f"{f.subscriptions_enabled + 2} (dan max_worker_processes) di postgresql.conf Kanwil, lalu "
                "mulai ulang server Kanwil.",
                behind,
            )
        if f.apply_errors or f.sync_errors:
            return _health(
                LinkState.FAILING,
                f"Perubahan dari cabang {f.code} gagal diterapkan di Kanwil berulang kali "
                f"({f.apply_errors + f.sync_errors} kali): biasanya data yang bentrok atau versi Loket yang "
                f"berbeda. Lihat log server Kanwil; bila perlu salin ulang: '{cmd} --resync'.",
                behind,
                "salin ulang data cabang",
            )
        return _health(
            LinkState.STARTING,
            f"Pekerja replikasi untuk cabang {f.code} sedang dimulai.",
            behind,
        )
    failing = f.apply_errors + f.sync_errors
    if failing and ((f.events_behind or 0) > 0 or f.tables_syncing):
        return _health(
            LinkState.FAILING,
            f"Perubahan dari cabang {f.code} gagal diterapkan di Kanwil ({failing} kali sejak diperbaiki "
            "terakhir) dan Kanwil tertinggal: biasanya data yang bentrok atau versi Loket yang berbeda. "
            f"Lihat log server Kanwil; bila perlu salin ulang: '{cmd} --resync'.",
            behind,
            "salin ulang data cabang",
        )
    if f.tables_syncing:
        return _health(
            LinkState.SYNCING,
            f"Salinan awal data cabang {f.code} masih berjalan ({f.tables_syncing} tabel).",
            behind,
        )
    waiting = behind or 0
    stale = waiting > 0 and f.branch_last_at is not None and now - f.branch_last_at > LAG_AGE
    if waiting > LAG_EVENTS or stale:
        return _health(
            LinkState.LAGGING,
            f"Kanwil tertinggal {behind} peristiwa dari cabang {f.code}; perubahan terakhir yang sampai: "
            f"{_ago(f.kanwil_last_at, now)}.",
            behind,
        )
    return _health(
        LinkState.OK,
        f"Tersambung; perubahan terakhir dari cabang {f.code}: {_ago(f.kanwil_last_at, now)}.",
        behind,
    )


def _when(at: dt.datetime, timezone: str) -> str:
    return at.astimezone(ZoneInfo(timezone)).strftime("%d-%m-%Y %H:%M")


def restored(code: str, r: RestoreFacts, timezone: str, behind: int | None = None) -> LinkHealth:
    """Branch ``code`` was restored to an older point (or its audit tail was cut): what the Kanwil
    saw, what the branch has now, and the supervisor's way out."""
    if r.restored_at is not None:
        what = msg(
            "Cabang {code} dipulihkan dari cadangan lama ({at}{file}):",
            code=code,
            at=_when(r.restored_at, timezone),
            file=f", {r.restored_file}" if r.restored_file else "",
        )
    else:
        what = msg(
            "Cabang {code} tampaknya dipulihkan dari cadangan lama (atau ekor jejak auditnya dipotong):",
            code=code,
        )
    if r.branch_seq is None:
        now = msg("cabang kini tanpa peristiwa")
    elif r.branch_seq >= r.recorded_seq:
        now = msg("cabang kini berakhir di #{seq} dan tidak lagi memuat peristiwa itu", seq=r.branch_seq)
    else:
        now = msg("cabang kini berakhir di #{seq}", seq=r.branch_seq)
    saw = msg(
        "Kanwil sudah menerima jejak auditnya sampai #{seq} ({at}), {now}",
        seq=r.recorded_seq,
        at=_when(r.recorded_at, timezone),
        now=now,
    )
    members = ""
    if r.members_at_kanwil is not None and r.members_at_branch is not None:
        members = msg(
            "; Kanwil memegang {kanwil} data peserta cabang ini, cabang kini {branch}",
            kanwil=r.members_at_kanwil,
            branch=r.members_at_branch,
        )
    todo = msg(
        ". Perubahan cabang tertahan sampai supervisor Kanwil menerima pemulihan: 'loket region accept-restore "
        "--branch {code} --supervisor USERNAME --reason ...' (yang hilang disimpan dan dapat diekspor).",
        code=code,
    )
    return _health(LinkState.RESTORED, what + " " + saw + members + todo, behind, "terima pemulihan cabang")
