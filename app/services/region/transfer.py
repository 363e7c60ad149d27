"""A member moves between branches (mutasi): the origin sends, the destination accepts or rejects.

The number stays, and so do history and payments: the origin keeps its record of the member
(MOVED, pointing at the destination) and every row it wrote; the destination receives a copy of
them through the Kanwil and holds the member from then on. Replication hands the member over
(``app.db.replication``): the origin's change to MOVED reaches the Kanwil as a delete, the
destination's copy as an insert, so the Kanwil always holds one member. Both sides audit it.

Steps, each written by the branch that takes it (``member_transfer``):
REQUEST (origin: the member leaves, with identity, heirs and schedule), then ACCEPT or REJECT
(destination), and CANCEL (origin, after a rejection: the member is active there again).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.cards_models import CardReprint
from app.db.contribution_models import ContributionSchedule
from app.db.homes import home_branch
from app.db.models import Heir, Member
from app.db.region_models import MemberTransfer, RegionBranch
from app.db.region_queries import open_requests
from app.db.search_models import MemberCorrection
from app.domain.audit import canonical_json
from app.domain.issues import DomainError, Issue
from app.domain.roles import Permission
from app.domain.states import CorrectionStatus, RecordStatus, ReprintStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor
from app.services.kanwil import ROLE, KanwilUnreachableError, ask_kanwil, region_settings
from app.services.member_lookup import resolve_member
from app.services.region.transfer_copy import receive_member

MIN_REASON = 5
_IDENTITY = (
    "number", "nik", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "nama_ibu", "no_hp", "alamat",
    "kode_wilayah", "nik_district", "created_at", "created_by_id", "merged_into_id", "purged_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MoveDTO:
    """A request to move a member to another branch, and where it stands."""

    request_id: int
    number: str
    nama: str
    from_code: str
    to_code: str
    reason: str
    at: dt.datetime
    state: str  # REQUESTED | ACCEPTED | REJECTED | CANCELLED
    note: str | None = None

    @property
    def label(self) -> str:
        return {
            "REQUESTED": "menunggu cabang tujuan",
            "ACCEPTED": "diterima",
            "REJECTED": "ditolak cabang tujuan",
            "CANCELLED": "dibatalkan, peserta kembali aktif di cabang asal",
        }[self.state]

    def as_json(self) -> dict[str, Any]:
        return {
            "request": self.request_id,
            "number": self.number,
            "nama": self.nama,
            "from": self.from_code,
            "to": self.to_code,
            "reason": self.reason,
            "at": self.at.isoformat(),
            "state": self.state,
            "note": self.note,
        }


def _issue(code: str, message: str, field: str = "nomor") -> DomainError:
    return DomainError(Issue(field, code, message))


def _require_branch(ctx: ServiceContext) -> None:
    if ctx.engine.dialect.name != "postgresql" or region_settings(ctx).get(ROLE) != "branch":
        raise _issue(
            "move.not_in_region",
            "Mutasi antarcabang memerlukan cabang yang tersambung ke Kanwil (server PostgreSQL cabang, "
            "loket region add-branch).",
            "cabang",
        )


def _reason(reason: str) -> str:
    why = " ".join(reason.split())
    if not MIN_REASON <= len(why) <= 500:
        raise _issue("move.reason", "Alasan mutasi wajib diisi (5–500 karakter).", "alasan")
    return why


def _snapshot(session: Session, m: Member) -> str:
    heirs = session.execute(sa.select(Heir).where(Heir.member_id == m.id).order_by(Heir.position)).scalars()
    schedule = session.get(ContributionSchedule, m.id)
    data: dict[str, Any] = {k: getattr(m, k) for k in _IDENTITY}
    data["heirs"] = [{"position": h.position, "nama": h.nama, "hubungan": h.hubungan} for h in heirs]
    data["schedule"] = (
        {
            "schedule": schedule.schedule,
            "reason": schedule.reason,
            "updated_at": schedule.updated_at,
            "updated_by_id": schedule.updated_by_id,
        }
        if schedule is not None
        else None
    )
    return canonical_json(data)


def request_move(ctx: ServiceContext, actor: Actor, number: str, to_code: str, reason: str) -> MoveDTO:
    """The origin sends a member to branch ``to_code``: the member leaves at once (MOVED here; the
    Kanwil holds no active record until the destination accepts), audited."""
    authorize(ctx, actor, Permission.MOVE_MEMBER)
    _require_branch(ctx)
    why = _reason(reason)

    def work(session: Session) -> MoveDTO:
        home = home_branch(session)
        assert home is not None
        if to_code == home.code:
            raise _issue("move.same_branch", "Cabang tujuan sama dengan cabang ini.", "cabang")
        target = session.get(RegionBranch, to_code)
        if target is None:
            raise _issue(
                "move.unknown_branch", f"Cabang {to_code[:3]} tidak dikenal di wilayah ini.", "cabang"
            )
        m = resolve_member(session, number)
        if m.record_status != RecordStatus.ACTIVE or m.branch_id != home.id:
            raise _issue(
                "move.not_active", f"Peserta {m.number} tidak aktif di cabang ini; tidak dapat dimutasi."
            )
        pending = (
            session.execute(
                sa.select(sa.func.count(MemberCorrection.id)).where(
                    MemberCorrection.member_id == m.id, MemberCorrection.status == CorrectionStatus.PENDING
                )
            ).scalar_one()
            + session.execute(
                sa.select(sa.func.count(CardReprint.id)).where(
                    CardReprint.member_id == m.id, CardReprint.status == ReprintStatus.PENDING
                )
            ).scalar_one()
        )
        if pending:
            raise _issue(
                "move.pending",
                f"Peserta {m.number} masih punya koreksi data atau cetak ulang kartu yang menunggu persetujuan; "
                "selesaikan dulu sebelum mutasi.",
            )
        now = ctx.clock()
        day = ensure_day_open(session, ctx, now)
        t = MemberTransfer(
            kind="REQUEST", member_id=m.id, number=m.number, nik=m.nik, from_code=home.code, to_code=to_code,
            reason=why, snapshot=_snapshot(session, m), at=now, business_date=day, officer_id=actor.id,
        )  # fmt: skip
        session.add(t)
        m.record_status = "MOVED"
        # What travels with the member and is written afresh at the destination.
        session.execute(sa.delete(Heir).where(Heir.member_id == m.id))
        session.execute(sa.delete(ContributionSchedule).where(ContributionSchedule.member_id == m.id))
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="member.move_out",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={"to": to_code, "request": t.id, "reason": why},
            at=now,
        )
        return MoveDTO(t.id, m.number, m.nama, home.code, to_code, why, now, "REQUESTED")

    return ctx.write(work)


def _move_of(row: dict[str, Any]) -> MoveDTO:
    state = {"ACCEPT": "ACCEPTED", "REJECT": "REJECTED", "CANCEL": "CANCELLED"}.get(
        row["decision"] or "", "REQUESTED"
    )
    snapshot = json.loads(row["snapshot"] or "{}")
    at = row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=dt.UTC)
    return MoveDTO(
        int(row["id"]), str(row["number"]), str(snapshot.get("nama", "")), str(row["from_code"]),
        str(row["to_code"]), str(row["reason"]), at, state, row["note"],
    )  # fmt: skip


def _own_code(ctx: ServiceContext) -> str:
    def work(session: Session) -> str:
        home = home_branch(session)
        assert home is not None
        return home.code

    return ctx.read(work)


def moves(ctx: ServiceContext, actor: Actor) -> tuple[tuple[MoveDTO, ...], tuple[MoveDTO, ...]]:
    """(incoming, outgoing) moves of this branch, as the Kanwil knows them."""
    authorize(ctx, actor, Permission.MOVE_MEMBER)
    _require_branch(ctx)
    code = _own_code(ctx)

    def ask(conn: sa.Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return open_requests(conn, to_code=code), open_requests(conn, from_code=code)

    incoming, outgoing = ask_kanwil(ctx, ask)
    return tuple(_move_of(r) for r in incoming), tuple(_move_of(r) for r in outgoing)


def _request_at_kanwil(
    ctx: ServiceContext, number: str, *, to_code: str | None = None, from_code: str | None = None
) -> dict[str, Any]:
    try:
        rows = ask_kanwil(ctx, lambda conn: open_requests(conn, to_code=to_code, from_code=from_code))
    except KanwilUnreachableError as exc:
        raise _issue(
            "move.kanwil_unreachable", f"{exc.message} Mutasi memerlukan Kanwil; coba lagi nanti.", "kanwil"
        ) from exc
    found = [r for r in rows if r["number"] == number.strip()]
    if not found:
        raise _issue("move.no_request", f"Tidak ada permintaan mutasi untuk peserta {number[:11]} di Kanwil.")
    return found[0]


def accept_move(ctx: ServiceContext, supervisor: Actor, number: str) -> MoveDTO:
    """The destination takes the member, with a copy of its history from the Kanwil (supervisor)."""
    authorize(ctx, supervisor, Permission.APPROVE)
    _require_branch(ctx)
    code = _own_code(ctx)
    request = _request_at_kanwil(ctx, number, to_code=code)
    if request["decision"] is not None:
        raise _issue(
            "move.decided", f"Mutasi peserta {request['number']} sudah diputuskan ({request['decision']})."
        )
    receive_member(ctx, supervisor, request)
    return _move_of({**request, "decision": "ACCEPT"})


def reject_move(ctx: ServiceContext, supervisor: Actor, number: str, reason: str) -> MoveDTO:
    """The destination declines; the origin may then take the member back (supervisor)."""
    authorize(ctx, supervisor, Permission.APPROVE)
    _require_branch(ctx)
    why = _reason(reason)
    code = _own_code(ctx)
    request = _request_at_kanwil(ctx, number, to_code=code)
    if request["decision"] is not None:
        raise _issue(
            "move.decided", f"Mutasi peserta {request['number']} sudah diputuskan ({request['decision']})."
        )

    def work(session: Session) -> None:
        now = ctx.clock()
        day = ensure_day_open(session, ctx, now)
        session.add(
            MemberTransfer(
                kind="REJECT", request_id=request["id"], member_id=request["member_id"], number=request["number"],
                nik=request["nik"], from_code=request["from_code"], to_code=code, reason=why, at=now,
                business_date=day, officer_id=supervisor.id,
            )
        )  # fmt: skip
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.move_reject",
            entity="member",
            entity_id=request["number"],
            details={"from": request["from_code"], "request": request["id"], "reason": why},
            at=now,
        )

    ctx.write(work)
    return _move_of({**request, "decision": "REJECT", "note": why})


def cancel_move(ctx: ServiceContext, supervisor: Actor, number: str) -> MoveDTO:
    """The origin takes back a member the destination rejected: active here again (supervisor)."""
    authorize(ctx, supervisor, Permission.APPROVE)
    _require_branch(ctx)
    code = _own_code(ctx)
    request = _request_at_kanwil(ctx, number, from_code=code)
    if request["decision"] != "REJECT":
        raise _issue(
            "move.not_rejected",
            f"Mutasi peserta {request['number']} belum ditolak cabang {request['to_code']}: hanya mutasi yang "
            "ditolak yang dapat dibatalkan (cabang tujuan bisa menolaknya).",
        )

    def work(session: Session) -> None:
        m = session.get(Member, request["member_id"])
        if m is None or m.record_status != "MOVED":
            raise _issue(
                "move.not_moved", f"Peserta {request['number']} tidak sedang dimutasi dari cabang ini."
            )
        snapshot = json.loads(request["snapshot"])
        now = ctx.clock()
        day = ensure_day_open(session, ctx, now)
        m.record_status = "ACTIVE"
        for h in snapshot["heirs"]:
            session.add(Heir(member_id=m.id, position=h["position"], nama=h["nama"], hubungan=h["hubungan"]))
        schedule = snapshot.get("schedule")
        if schedule:
            session.add(
                ContributionSchedule(
                    member_id=m.id, schedule=schedule["schedule"], reason=schedule["reason"],
                    updated_at=dt.datetime.fromisoformat(schedule["updated_at"]), updated_by_id=schedule["updated_by_id"],
                )
            )  # fmt: skip
        session.add(
            MemberTransfer(
                kind="CANCEL", request_id=request["id"], member_id=m.id, number=m.number, nik=m.nik, from_code=code,
                to_code=request["to_code"], reason="ditolak cabang tujuan", at=now, business_date=day,
                officer_id=supervisor.id,
            )
        )  # fmt: skip
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.move_cancel",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={"to": request["to_code"], "request": request["id"]},
            at=now,
        )

    ctx.write(work)
    return _move_of({**request, "decision": "CANCEL"})
