"""Whose status the cover model of December 2026 changed, and why (the report after migration 0010)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.contribution_models import CoverStatusBefore
from app.db.models import Member
from app.domain.cover_text import change_reason, status_changed
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions.bulk import bulk_facts
from app.services.dto import Actor


@dataclass(frozen=True, slots=True)
class CoverChange:
    """One member whose status the December 2026 cover model changed, with the reason."""

    number: str
    name: str
    old_status: str  # AKTIF | MENUNGGAK | NONAKTIF (the old model)
    old_arrears: int
    new_status: str  # BELUM_AKTIF | AKTIF | MENUNGGAK | BERAKHIR
    new_headline: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "name": self.name,
            "old_status": self.old_status,
            "old_arrears": self.old_arrears,
            "new_status": self.new_status,
            "new_headline": self.new_headline,
            "reason": self.reason,
        }


def cover_changes(ctx: ServiceContext, actor: Actor) -> tuple[CoverChange, ...]:
    """Members whose status today differs from the status the old model showed at the upgrade."""
    authorize(ctx, actor, Permission.EXPORT)

    def work(session: Session) -> tuple[CoverChange, ...]:
        from app.domain.cover_text import headline

        before = {row.member_id: row for row in session.execute(select(CoverStatusBefore)).scalars()}
        if not before:
            return ()
        members = (
            session.execute(
                select(Member)
                .where(Member.id.in_(list(before)), Member.record_status == RecordStatus.ACTIVE)
                .order_by(Member.number)
            )
            .scalars()
            .all()
        )
        out: list[CoverChange] = []
        for facts in bulk_facts(session, ctx, members):
            old = before[facts.member.id]
            state = facts.state()
            if status_changed(old.status, old.arrears, state):
                out.append(
                    CoverChange(
                        facts.member.number,
                        facts.member.nama,
                        old.status,
                        old.arrears,
                        state.status.value,
                        headline(state),
                        change_reason(old.status, old.arrears, state),
                    )
                )
        return tuple(out)

    return ctx.read(work)


def cover_changes_xlsx(changes: tuple[CoverChange, ...], dest: Path) -> Path:
    """Write the list of changed statuses as a spreadsheet for the supervisor to review."""
    from app.infra.xlsx_out import write_table

    rows = [
        [
            c.number,
            c.name,
            c.old_status + (f" {c.old_arrears} bln" if c.old_arrears else ""),
            c.new_status,
            c.new_headline,
            c.reason,
        ]
        for c in changes
    ]
    header = ["Nomor peserta", "Nama", "Status lama", "Status baru", "Keterangan", "Alasan perubahan"]
    return write_table(
        dest,
        title="Status peserta yang berubah (model perlindungan Desember 2026)",
        header=header,
        rows=rows,
        sheet="Perubahan status",
    )
