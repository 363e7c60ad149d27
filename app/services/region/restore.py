"""A branch restored from an older backup, accepted by a Kanwil supervisor
(``loket region accept-restore``): the branch's link is made again and the Kanwil's copy of the
branch's rows brought to agreement with what the branch has now, without losing sight of what the
branch lost.

Which side wins: the branch. Its rows are its own (it is the only one that writes them; the
Kanwil holds a replica) and its audit chain is signed with a key only the branch has, so the
Kanwil cannot put lost events back into it; the branch's officers go on working from the restored
data, and what they do next must reach the Kanwil. So the Kanwil's copy of the branch becomes
the branch's data (removed and copied again, as ``region repair --resync`` does), and nothing the
Kanwil held is dropped silently: every row of the branch the Kanwil held that the branch no longer
has ("missing"), or holds in another version ("changed"), is kept as the Kanwil had it in
``region_restore_loss``, listed and exported by ``loket region restores`` at the Kanwil and at the
branch (both tables go down with the reference data), so the branch can enter again what is real
(a member who holds a card, a payment with a receipt). The branch's membership and receipt
serials are moved past every number the Kanwil saw, so none is given twice.

The Kanwil's record of the branch's audit head is re-based to the branch's head now (the guard's
one audited way down) in the same transaction as the acceptance's own event in the Kanwil's
trail (who, why, what was recorded before, what was lost). The branch writes its own event the
first time it sees the acceptance come down (``restore_note.record_accepted``: its chain is
signed with its own key, which the Kanwil does not hold), from its region status or the Wilayah
page.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import branch_restore as diff
from app.db import regional_heads as heads
from app.db import replication as rep
from app.db.engine import make_engine
from app.db.homes import home_branch
from app.db.ids import local_part
from app.db.region_facts import chain_tip, connect_conninfo, schema_revision, subscriptions
from app.db.region_models import RegionRestore, RegionRestoreLoss
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.kanwil import KANWIL_URL, admin_engine, settings_of
from app.services.region.repair import url_of
from app.services.region.setup import down_subscription, require_kanwil, up_subscription

MAX_REASON = 500
# What each table's rows are, said to a supervisor (the table's own name stays in JSON and CSV).
TABLE_LABELS = {
    "member": "peserta",
    "heir": "ahli waris",
    "enrolment": "pendaftaran",
    "contribution_schedule": "jadwal iuran",
    "payment": "pembayaran",
    "payment_month": "bulan dibayar",
    "card": "kartu",
    "card_reprint": "cetak ulang kartu",
    "member_correction": "koreksi",
    "member_correction_change": "isi koreksi",
    "member_deactivation": "penonaktifan",
    "member_transfer": "mutasi",
    "audit_event": "peristiwa audit",
    "officer": "petugas",
}


def _refuse(code: str, text: str) -> DomainError:
    return DomainError(Issue("cabang", code, text))


@dataclass(frozen=True, slots=True)
class RestoreDTO:
    """One accepted restore, as both sides list it."""

    id: str
    branch: str
    accepted_at: dt.datetime
    accepted_by: str
    reason: str
    recorded_seq: int
    rebased_seq: int
    restored_at: dt.datetime | None
    restored_file: str | None
    lost: dict[str, dict[str, int]]  # table → {"missing": n, "changed": n}
    lost_numbers: tuple[str, ...]
    reused_numbers: tuple[str, ...]
    actions: tuple[str, ...] = ()  # what the acceptance did, in Indonesian (only when just made)

    @property
    def lost_rows(self) -> int:
        return sum(sum(v.values()) for v in self.lost.values())

    def lines(self) -> list[str]:
        out = [
            f"Pemulihan cabang {self.branch} diterima {self.accepted_at:%d-%m-%Y %H:%M} UTC oleh "
            f"{self.accepted_by} ({self.id}). Alasan: {self.reason}",
            f"  Kanwil sebelumnya mencatat jejak audit cabang sampai #{self.recorded_seq}; dicatat ulang pada "
            f"#{self.rebased_seq} (kepala rantai cabang saat diterima).",
        ]
        if self.restored_at is not None:
            out.append(
                f"  Cabang dipulihkan {self.restored_at:%d-%m-%Y %H:%M} UTC"
                + (f" dari berkas {self.restored_file}." if self.restored_file else ".")
            )
        if not self.lost_rows:
            out.append("  Tidak ada data cabang di Kanwil yang hilang karena pemulihan ini.")
        else:
            parts = ", ".join(
                f"{TABLE_LABELS.get(t, t)} {v.get('missing', 0)} hilang"
                + (f"/{v['changed']} berubah" if v.get("changed") else "")
                for t, v in sorted(self.lost.items())
            )
            out.append(f"  Hilang karena pemulihan ({self.lost_rows} baris, disimpan di Kanwil): {parts}.")
        if self.lost_numbers:
            out.append(f"  Nomor peserta yang tidak ada lagi di cabang: {', '.join(self.lost_numbers)}.")
        if self.reused_numbers:
            out.append(
                "  PERHATIAN: nomor ini sudah diberikan lagi kepada peserta lain di cabang: "
                f"{', '.join(self.reused_numbers)}."
            )
        out += [f"  - {a}" for a in self.actions]
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "branch": self.branch,
            "accepted_at": self.accepted_at.isoformat(),
            "accepted_by": self.accepted_by,
            "reason": self.reason,
            "recorded_seq": self.recorded_seq,
            "rebased_seq": self.rebased_seq,
            "restored_at": self.restored_at.isoformat() if self.restored_at else None,
            "restored_file": self.restored_file,
            "lost": self.lost,
            "lost_rows": self.lost_rows,
            "lost_numbers": list(self.lost_numbers),
            "reused_numbers": list(self.reused_numbers),
            "actions": list(self.actions),
        }


@dataclass(frozen=True, slots=True)
class LossDTO:
    """One row lost by a restore, said without personal data (no NIK)."""

    restore_id: str
    table: str
    key: str
    change: str  # "missing" | "changed"
    summary: str


def _dto(r: RegionRestore, actions: Iterable[str] = ()) -> RestoreDTO:
    def listed(text: str) -> tuple[str, ...]:
        return tuple(x for x in text.split(",") if x)

    return RestoreDTO(
        r.ref,
        r.branch_code,
        r.accepted_at,
        r.accepted_by,
        r.reason,
        r.recorded_seq,
        r.rebased_seq,
        r.restored_at,
        r.restored_file,
        json.loads(r.lost or "{}"),
        listed(r.lost_numbers),
        listed(r.reused_numbers),
        tuple(actions),
    )


@dataclass
class _Found:
    lost: dict[str, dict[str, int]] = field(default_factory=dict)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # table, key, change, JSON
    members: dict[str, str] = field(default_factory=dict)  # number → NIK, of member rows lost or changed
    receipts: list[str] = field(default_factory=list)
    highest: dict[str, int] = field(default_factory=dict)  # table → the highest id the Kanwil held


def _compare(kanwil: sa.Connection, branch: sa.Connection, code: str, branch_id: int) -> _Found:
    """Every row of the branch the Kanwil holds that the branch lost or holds otherwise."""
    found = _Found()
    for part in diff.parts(kanwil, code, branch_id):
        theirs = diff.digests(kanwil, part, at_kanwil=True)
        ours = diff.digests(branch, part, at_kanwil=False)
        if part.numbered and theirs:
            found.highest[part.table] = max(int(k) for k in theirs)
        changes = {
            k: ("missing" if k not in ours else "changed") for k, d in theirs.items() if ours.get(k) != d
        }
        if not changes:
            continue
        counts = found.lost.setdefault(part.table, {})
        for change in changes.values():
            counts[change] = counts.get(change, 0) + 1
        for key, row in diff.kanwil_rows(kanwil, part, sorted(changes)):
            found.rows.append((part.table, key, changes[key], row))
            if part.table == "member":
                found.members[str(diff.field(row, "number"))] = str(diff.field(row, "nik"))
            if changes[key] == "missing" and part.table == "payment":
                found.receipts.append(str(diff.field(row, "receipt_no")))
    return found


def accept_restore(
    ctx: ServiceContext,
    actor: Actor,
    code: str,
    reason: str,
    *,
    branch_url: str | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> RestoreDTO:
    """Accept that branch ``code`` was restored to an older point (Kanwil supervisor): see the module."""
    authorize(ctx, actor, Permission.REGION)
    require_kanwil(ctx)
    reason = " ".join(reason.split())
    if not reason:
        raise _refuse(
            "region.restore_reason", "Tuliskan alasan menerima pemulihan cabang (untuk jejak audit)."
        )
    if len(reason) > MAX_REASON:
        raise _refuse("region.restore_reason", msg("Alasan paling panjang {n} huruf.", n=MAX_REASON))
    name = up_subscription(code)
    with ctx.engine.connect() as conn:
        sub = {s.name: s for s in subscriptions(conn, name)}.get(name)
        record = heads.recorded_head(conn, code)
        kanwil_schema = schema_revision(conn)
    target = branch_url or (url_of(sub.conninfo) if sub is not None and sub.conninfo else None)
    if target is None:
        raise _refuse(
            "region.branch_url_needed",
            msg(
                "Detail sambungan ke cabang {code} tidak tersimpan di Kanwil; sebutkan --branch-url URL_CABANG.",
                code=code,
            ),
        )
    branch = (
        make_engine(target, poolclass=sa.NullPool, connect_args={"connect_timeout": 5})
        if branch_url
        else connect_conninfo(sub.conninfo or "")  # type: ignore[union-attr]
    )
    try:
        return _accept(ctx, actor, code, reason, branch, target, record, kanwil_schema, progress, cancel)
    except sa.exc.OperationalError as exc:
        raise _refuse(
            "region.branch_unreachable",
            msg("Server cabang {code} tidak dapat dihubungi: pemulihan belum diterima.", code=code),
        ) from exc
    finally:
        branch.dispose()


def _accept(
    ctx: ServiceContext,
    actor: Actor,
    code: str,
    reason: str,
    branch: sa.Engine,
    branch_url: str,
    record: Any,
    kanwil_schema: str | None,
    progress: ProgressSink,
    cancel: CancelToken,
) -> RestoreDTO:
    name = up_subscription(code)
    progress(0, 5, "Memeriksa cabang…")
    with branch.connect() as b:
        with Session(bind=b) as bs:
            home = home_branch(bs)
            down_url = settings_of(bs).get(KANWIL_URL, "")
        facts = heads.restore_facts(b, code, record)
        if home is None or home.code != code:
            raise _refuse(
                "region.wrong_branch", msg("Basis data di alamat itu bukan cabang {code}.", code=code)
            )
        if facts is None or record is None:
            raise _refuse(
                "region.not_restored",
                msg(
                    "Cabang {code} masih memuat peristiwa audit yang dicatat Kanwil: tidak ada pemulihan yang perlu "
                    "diterima (lihat 'loket region status').",
                    code=code,
                ),
            )
        if schema_revision(b) != kanwil_schema:
            raise _refuse(
                "region.schema_differs",
                msg(
                    "Versi skema cabang {code} berbeda dengan Kanwil: perbarui Loket di keduanya dulu, lalu ulangi.",
                    code=code,
                ),
            )
        branch_id = home.id
    if cancel.cancelled:  # the last moment nothing has been changed yet
        raise Cancelled()
    actions: list[str] = []
    # 1. The link stops: nothing arrives while the two sides are compared. From here on the work
    #    goes to its end (a half-made link is worse than a few more seconds).
    admin = admin_engine(ctx.engine.url.render_as_string(hide_password=False))
    try:
        with admin.connect() as conn:
            rep.drop_subscription(conn, name, keep_slot=True)
        with branch.connect() as b, b.begin():
            rep.drop_slot(b, name)
        actions.append("langganan Kanwil atas data cabang dilepas")
        # 2. What the Kanwil holds that the branch lost.
        progress(1, 5, "Membandingkan data cabang di Kanwil dengan data di cabang…")
        with ctx.engine.connect() as k, branch.connect() as b:
            found = _compare(k, b, code, branch_id)
        # 3. The branch: its serials past every number the Kanwil saw; its publication made again.
        progress(2, 5, "Memperbaiki publikasi cabang…")
        with branch.connect() as b, b.begin():
            # A number is lost when the branch has no record of that person under it any more;
            # reused when the branch has since given it to someone else.
            held = diff.numbers_held(b, list(found.members))
            numbers = sorted(n for n, nik in found.members.items() if held.get(n) != nik)
            reused = sorted(n for n in numbers if n in held)
            actions += diff.advance_serials(b, code, branch_id, numbers, found.receipts)
            if diff.advance_ids(b, found.highest):
                actions.append(
                    "nomor baris (id) berikutnya di cabang dimulai sesudah yang pernah diterima Kanwil"
                )
            rep.ensure_up_publication(b, code)
            tip = chain_tip(b, code).last_seq
            assert tip is not None  # the restored chain has at least its restore event
            tip_hash = heads.event_hash(b, tip)
            assert tip_hash is not None
        actions.append("publikasi cabang disamakan dengan versi Loket ini")
        # 4. The Kanwil, in one transaction: the acceptance, its losses, the re-based record, the
        #    audit event, and the branch's rows removed for the copy.
        progress(3, 5, "Mencatat penerimaan dan menyalin ulang data cabang…")
        now = ctx.clock()
        restore_id = f"{code}-{now:%Y%m%dT%H%M%S}"
        row = RegionRestore(
            ref=restore_id,
            branch_code=code,
            accepted_at=now,
            accepted_by=actor.username,
            accepted_by_name=actor.full_name,
            reason=reason,
            recorded_seq=record.seq,
            recorded_hash=record.hash,
            rebased_seq=local_part(tip),
            rebased_hash=tip_hash,
            restored_at=facts.restored_at,
            restored_file=facts.restored_file,
            lost=json.dumps(found.lost, sort_keys=True),
            lost_numbers=",".join(numbers),
            reused_numbers=",".join(reused),
        )

        def write(session: Session) -> None:
            conn = session.connection()
            heads.rebase(conn, code, local_part(tip), tip_hash)
            session.add(row)
            session.flush()
            session.add_all(
                RegionRestoreLoss(restore_id=restore_id, table_name=t, row_key=k[:40], change=c, row=j)
                for t, k, c, j in found.rows
            )
            session.flush()
            append_event(
                session,
                ctx,
                actor=actor,
                action="region.restore_accepted",
                entity="region_branch",
                entity_id=code,
                details={
                    "restore": restore_id,
                    "reason": reason,
                    "recorded": [record.seq, record.hash],
                    "rebased": [local_part(tip), tip_hash],
                    "restored_at": facts.restored_at.isoformat() if facts.restored_at else None,
                    "lost": found.lost,
                    "lost_numbers": numbers,
                    "reused_numbers": reused,
                },
            )
            rep.remove_branch_rows(conn, rep.BranchRows(code, branch_id))

        ctx.write(write)
        with admin.connect() as conn:
            rep.create_subscription(conn, name, branch_url, rep.PUBLICATION_UP)
        actions.append("data cabang di Kanwil dihapus dan disalin ulang dari cabang")
    finally:
        admin.dispose()
    # 5. The branch's own subscription to the reference data, made again: its copy of the Kanwil's
    #    record comes down re-based, with this acceptance.
    progress(4, 5, "Menyambung ulang data rujukan ke cabang…")
    if down_url:
        down = down_subscription(code)
        with branch.connect() as b:
            auto = b.execution_options(isolation_level="AUTOCOMMIT")
            rep.drop_subscription(auto, down)
            rep.refill_down(auto)
            rep.create_subscription(auto, down, down_url, rep.PUBLICATION_DOWN)
        actions.append("langganan data rujukan di cabang dibuat lagi")
    progress(5, 5, "Selesai.")
    return _dto(row, actions)


# --- reading and exporting ---------------------------------------------------------------------------


def restores(ctx: ServiceContext, actor: Actor, *, code: str | None = None) -> list[RestoreDTO]:
    """Accepted restores, newest first (at the Kanwil, or at a branch: they come down)."""
    authorize(ctx, actor, Permission.REGION)

    def work(session: Session) -> list[RestoreDTO]:
        q = sa.select(RegionRestore).order_by(RegionRestore.accepted_at.desc())
        if code is not None:
            q = q.where(RegionRestore.branch_code == code)
        return [_dto(r) for r in session.execute(q).scalars()]

    return ctx.read(work)


def _summary(table: str, key: str, row: str) -> str:
    """A lost row in a line, without the NIK (exports show no NIK)."""
    get = diff.field

    def some(*names: str) -> str:
        return " ".join(str(get(row, n)) for n in names if get(row, n) not in (None, ""))

    if table == "member":
        return some("number", "nama", "record_status")
    if table == "payment":
        return some("receipt_no", "total", "business_date", "status")
    if table == "enrolment":
        return some("member_id", "segment", "channel", "business_date")
    if table == "payment_month":
        return some("payment_id", "programme", "month", "amount")
    if table == "card":
        return some("serial", "member_id", "status")
    if table == "audit_event":
        return f"#{local_part(int(key))} " + some("action", "entity", "occurred_at")
    if table == "officer":
        return some("username", "full_name", "role")
    return some("member_id", "business_date", "status") or key


def losses(ctx: ServiceContext, actor: Actor, restore_id: str) -> list[LossDTO]:
    """The rows restore ``restore_id`` lost, table by table."""
    authorize(ctx, actor, Permission.REGION)

    def work(session: Session) -> list[LossDTO]:
        rows = session.execute(
            sa.select(RegionRestoreLoss)
            .where(RegionRestoreLoss.restore_id == restore_id)
            .order_by(RegionRestoreLoss.table_name, RegionRestoreLoss.row_key)
        ).scalars()
        return [
            LossDTO(r.restore_id, r.table_name, r.row_key, r.change, _summary(r.table_name, r.row_key, r.row))
            for r in rows
        ]

    return ctx.read(work)


def export_losses(ctx: ServiceContext, actor: Actor, restore_id: str, dest: Path) -> int:
    """Write restore ``restore_id``'s lost rows to a CSV file (no NIK); → rows written. Audited."""
    found = losses(ctx, actor, restore_id)
    with dest.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["pemulihan", "tabel", "kunci", "perubahan", "ringkasan"])
        for loss in found:
            change = "hilang" if loss.change == "missing" else "berubah"
            out.writerow([loss.restore_id, loss.table, loss.key, change, loss.summary])
    ctx.write(
        lambda s: append_event(
            s,
            ctx,
            actor=actor,
            action="region.restore_losses_exported",
            entity="region_restore",
            entity_id=restore_id,
            details={"rows": len(found), "file": dest.name},
        )
    )
    return len(found)
