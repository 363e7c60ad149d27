"""Rows a branch holds but did not write: a member's history received in a move (mutasi) keeps
the ids of the branch that wrote it, and stays that branch's record. Once a member has moved,
the history is frozen on both sides: each branch keeps a copy of the same rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.homes import home_branch
from app.db.ids import BLOCK, code_of, in_block
from app.db.models import Member
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.states import RecordStatus


def made_here(session: Session, row_id: int) -> bool:
    """Whether this database wrote the row (its id is in this branch's block)."""
    home = home_branch(session)
    return home is None or row_id < BLOCK or in_block(row_id, home.code)


def refuse_elsewhere(session: Session, row_id: int, label: str, member_id: int) -> None:
    """A payment is voided only where it was received, and only while that branch holds the member."""
    if not made_here(session, row_id):
        raise DomainError(
            Issue(
                "pembayaran",
                "payment.other_branch",
                msg(
                    "Pembayaran {label} diterima di cabang {code_of} sebelum peserta pindah ke cabang ini; riwayat itu tidak diubah di sini.",
                    label=label,
                    code_of=code_of(row_id),
                ),
            )
        )
    member = session.get(Member, member_id)
    if member is not None and member.record_status == RecordStatus.MOVED:
        raise DomainError(
            Issue(
                "pembayaran",
                "payment.member_moved",
                msg(
                    "Peserta pembayaran {label} sudah dimutasi ke cabang lain; riwayatnya tidak diubah lagi.",
                    label=label,
                ),
            )
        )
