"""The destination's half of a move: the member's identity from the request, and a copy of every
row of its history from the Kanwil, written in one transaction with the ACCEPT step and audited.

History rows keep the ids the origin gave them (they stay the origin's record and are never
published from here); the officers they name arrive as accounts nobody can sign in with
(``budi.101``); heirs and the payment schedule are written afresh, as this branch's own.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.db.contribution_models import ContributionSchedule
from app.db.homes import home_branch
from app.db.ids import code_of
from app.db.models import Base, Heir, Member
from app.db.region_models import MemberTransfer
from app.db.region_queries import HISTORY, history_rows, rows_by_id
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.states import RecordStatus
from app.services.audit import append_event
from app.services.context import ServiceContext
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor
from app.services.kanwil import ask_kanwil
from app.services.search_index import index_member

_OFFICER_COLUMNS = {
    "enrolment": ("officer_id",),
    "payment": ("officer_id", "voided_by_id"),
    "card": ("issued_by_id", "approved_by_id", "status_by_id"),
    "card_reprint": ("requested_by_id", "decided_by_id"),
    "member_correction": ("proposed_by_id", "decided_by_id"),
    "sponsor_batch": ("officer_id",),
    "construction_project": ("officer_id",),
}


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _when(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _officer_ids(rows: dict[str, list[dict[str, Any]]], extra: set[int]) -> set[int]:
    ids = set(extra)
    for table, columns in _OFFICER_COLUMNS.items():
        for row in rows.get(table, []):
            ids.update(int(row[c]) for c in columns if row.get(c) is not None)
    return ids


def _fetch(
    ctx: ServiceContext, request: dict[str, Any], snapshot: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    member_id = int(request["member_id"])

    def ask(conn: sa.Connection) -> dict[str, list[dict[str, Any]]]:
        rows = history_rows(conn, member_id)
        rows["sponsor_batch"] = rows_by_id(
            conn,
            "sponsor_batch",
            {int(p["sponsor_batch_id"]) for p in rows["payment"] if p["sponsor_batch_id"]},
        )
        rows["construction_project"] = rows_by_id(
            conn, "construction_project", {int(e["project_id"]) for e in rows["enrolment"] if e["project_id"]}
        )
        named = {int(request["officer_id"]) if "officer_id" in request else 0, int(snapshot["created_by_id"])}
        if snapshot.get("schedule"):
            named.add(int(snapshot["schedule"]["updated_by_id"]))
        rows["officer"] = rows_by_id(conn, "officer", _officer_ids(rows, named) - {0})
        rows["member_transfer"] = rows_by_id(conn, "member_transfer", {int(request["id"])})
        return rows

    return ask_kanwil(ctx, ask)


def _copy(session: Session, table: str, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    t = Base.metadata.tables[table]
    result = session.connection().execute(
        insert(t).values(rows).on_conflict_do_nothing(index_elements=["id"])
    )
    return int(result.rowcount or 0)


def _shadow_officers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Accounts standing for the origin's officers here: named after their branch, no password."""
    return [
        {
            "id": o["id"],
            "username": f"{str(o['username'])[:35]}.{code_of(int(o['id']))}",
            "full_name": f"{str(o['full_name'])[:80]} (cabang {code_of(int(o['id']))})",
            "role": o["role"],
            "password_hash": "!",
            "active": False,
            "failed_logins": 0,
            "locked_until": None,
            "created_at": o["created_at"],
            "last_login_at": None,
        }
        for o in rows
    ]


def _member(session: Session, member_id: int, branch_id: int, snapshot: dict[str, Any]) -> bool:
    """The member, held here from now on; → whether it is new here (not a member that left before)."""
    values = {
        "number": snapshot["number"],
        "branch_id": branch_id,
        "nik": snapshot["nik"],
        "nama": snapshot["nama"],
        "tempat_lahir": snapshot["tempat_lahir"],
        "tanggal_lahir": _date(snapshot["tanggal_lahir"]),
        "jenis_kelamin": snapshot["jenis_kelamin"],
        "nama_ibu": snapshot["nama_ibu"],
        "no_hp": snapshot["no_hp"],
        "alamat": snapshot["alamat"],
        "kode_wilayah": snapshot["kode_wilayah"],
        "nik_district": snapshot["nik_district"],
        "record_status": "ACTIVE",
        "merged_into_id": None,
        "purged_at": None,
        "created_at": _when(snapshot["created_at"]),
        "created_by_id": int(snapshot["created_by_id"]),
    }
    m = session.get(Member, member_id)
    if m is None:
        session.execute(sa.insert(Member), [{"id": member_id, **values}])
        return True
    if m.record_status != "MOVED":
        raise DomainError(
            Issue(
                "nomor",
                "move.already_here",
                msg("Peserta {number} sudah aktif di cabang ini.", number=m.number),
            )
        )
    for key, value in values.items():
        setattr(m, key, value)
    return False


def receive_member(ctx: ServiceContext, supervisor: Actor, request: dict[str, Any]) -> dict[str, int]:
    """Write the member and its history here, with the ACCEPT step; → rows copied per table."""
    snapshot = json.loads(request["snapshot"])
    rows = _fetch(ctx, request, snapshot)
    member_id = int(request["member_id"])

    def work(session: Session) -> dict[str, int]:
        home = home_branch(session)
        assert home is not None
        taken = session.execute(
            sa.select(Member.number).where(
                Member.nik == snapshot["nik"],
                Member.record_status == RecordStatus.ACTIVE,
                Member.id != member_id,
            )
        ).scalar()
        if taken is not None:
            raise DomainError(
                Issue(
                    "nik",
                    "move.nik_taken",
                    msg(
                        "NIK peserta ini sudah aktif di cabang ini dengan nomor {taken}: gabungkan dulu (nonaktifkan salah satunya) sebelum menerima mutasi.",
                        taken=taken,
                    ),
                )
            )
        now = ctx.clock()
        day = ensure_day_open(session, ctx, now)
        copied = {"officer": _copy(session, "officer", _shadow_officers(rows["officer"]))}
        for table in ("sponsor_batch", "construction_project"):
            copied[table] = _copy(session, table, rows[table])
        new_here = _member(session, member_id, home.id, snapshot)
        for h in snapshot["heirs"]:
            session.add(
                Heir(member_id=member_id, position=h["position"], nama=h["nama"], hubungan=h["hubungan"])
            )
        schedule = snapshot.get("schedule")
        if schedule:
            session.merge(
                ContributionSchedule(
                    member_id=member_id, schedule=schedule["schedule"], reason=schedule["reason"],
                    updated_at=_when(schedule["updated_at"]), updated_by_id=int(schedule["updated_by_id"]),
                )
            )  # fmt: skip
        session.flush()
        for table, _where in HISTORY:
            copied[table] = _copy(session, table, rows[table])
        _copy(session, "member_transfer", rows["member_transfer"])
        session.add(
            MemberTransfer(
                kind="ACCEPT", request_id=request["id"], member_id=member_id, number=snapshot["number"],
                nik=snapshot["nik"], from_code=request["from_code"], to_code=home.code, reason="diterima",
                at=now, business_date=day, officer_id=supervisor.id,
            )
        )  # fmt: skip
        session.flush()
        if new_here:
            index_member(
                session,
                (member_id, snapshot["nama"], _date(snapshot["tanggal_lahir"]), snapshot["nik_district"],
                 snapshot["kode_wilayah"], "ACTIVE"),
            )  # fmt: skip
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.move_in",
            entity="member",
            entity_id=snapshot["number"],
            member_id=member_id,
            details={"from": request["from_code"], "request": request["id"], "rows": copied},
            at=now,
        )
        return copied

    return ctx.write(work)
