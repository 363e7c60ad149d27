"""The registration receipt (tanda terima pendaftaran) for a member's latest enrolment."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.ids import code_of, local_part
from app.db.models import AuditEvent, Member, Officer
from app.domain.clock import TIMEZONES, local_time
from app.domain.issues import DomainError, Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.nik import mask_nik
from app.domain.reference import CHANNEL_LABELS, FUNDING_LABELS, PROGRAMMES
from app.domain.roles import Permission
from app.infra.card_copy import load_card_copy
from app.pdf.registration_receipt import ProgrammeLine, RegistrationReceipt, render_registration_receipt
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.card_keys import require_branch
from app.services.cards import ensure_fonts
from app.services.context import ServiceContext
from app.services.dto import Actor


def receipt_id_for(branch_code: str, enrolment_id: int) -> str:
    """Stable per enrolment, so a reprint carries the same id: ``TTP-101-0000042``. The branch and
    the number are those of the block the enrolment's id was made in (``app.db.ids``), so a member
    who moved keeps the receipt id his first branch printed."""
    made_at = code_of(enrolment_id)
    return f"TTP-{branch_code if made_at == '000' else made_at}-{local_part(enrolment_id):07d}"


def registration_receipt(ctx: ServiceContext, actor: Actor, number: str) -> RegistrationReceipt:
    """The receipt for the member's latest enrolment; each print is audited and later prints are
    marked as copies."""
    authorize(ctx, actor, Permission.PRINT)
    parsed = parse_number(number)
    if not isinstance(parsed, MembershipNumber):
        raise DomainError(parsed)
    branch = require_branch(ctx)
    copy = load_card_copy()
    labels = {code: p.label for code, p in copy.programmes.items()}

    def work(session: Session) -> RegistrationReceipt:
        m = session.execute(
            select(Member).where(Member.number == parsed.value).options(selectinload(Member.enrolments))
        ).scalar_one_or_none()
        if m is None or not m.enrolments:
            raise DomainError(
                Issue(
                    "nomor",
                    "member.not_found",
                    msg("Peserta dengan nomor {value} tidak ditemukan.", value=parsed.value),
                )
            )
        e = m.enrolments[-1]
        receipt_id = receipt_id_for(branch.code, e.id)
        printed = session.execute(
            select(func.count(AuditEvent.seq)).where(
                AuditEvent.action == "receipt.print", AuditEvent.entity_id == receipt_id
            )
        ).scalar_one()
        officer = session.get(Officer, e.officer_id)
        rule = ctx.reference.eligibility.segments.get(e.segment)
        occupation = ctx.reference.occupations.by_code(e.occupation_code)
        append_event(
            session,
            ctx,
            actor=actor,
            action="receipt.print",
            entity="enrolment",
            entity_id=receipt_id,
            member_id=m.id,
            details={"copy": printed + 1},
        )
        chosen = set(e.programmes.split(","))
        return RegistrationReceipt(
            receipt_id=receipt_id,
            branch_code=branch.code,
            branch_name=branch.name,
            enrolled_at=local_time(e.enrolled_at, branch.timezone),
            timezone_label=TIMEZONES.get(branch.timezone, branch.timezone),
            number=m.number,
            number_grouped=MembershipNumber(m.number).grouped(),
            name=m.nama,
            nik_masked=mask_nik(m.nik),
            birth_place=m.tempat_lahir,
            birth_date=m.tanggal_lahir,
            segment=e.segment,
            segment_label=rule.label.split(" (")[0] if rule else e.segment,
            occupation=occupation.name if occupation else e.occupation_code,
            programmes=tuple(ProgrammeLine(p, labels.get(p, p)) for p in PROGRAMMES if p in chosen),
            months_paid=e.months_at_enrolment,
            funding=FUNDING_LABELS.get(e.funding_source, e.funding_source),
            channel=CHANNEL_LABELS.get(e.channel, e.channel),
            officer_name=officer.full_name if officer else "?",
            counter=e.counter,
            note=copy.receipt_note,
            copy_number=printed + 1,
        )

    result: RegistrationReceipt = ctx.write(work)
    return result


def receipt_pdf(receipt: RegistrationReceipt, layout: str = "a5") -> bytes:
    """``layout`` ``"a5"`` or ``"thermal"`` (80 mm)."""
    ensure_fonts()
    return render_registration_receipt(receipt, layout)
