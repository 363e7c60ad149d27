"""Sponsored batches: one sponsor (e.g. a regency government) pays the same months for many members."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.db.contribution_models import SponsorBatch
from app.db.models import Member
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month, period_label
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contribution_dto import SponsorBatchDTO
from app.services.contributions.charges import check_method, check_months, check_reference
from app.services.contributions.lookup import branch_of, ledger_of, member_by_key
from app.services.contributions.payments import (
    next_receipt,
    run_payment_write,
    write_payment,
)
from app.services.contributions.receipts import batch_dto, find_batch
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor

MAX_SPONSOR_MEMBERS = 5000


def write_sponsored_payment(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    name: str,
    wanted: Sequence[str],
    months: int,
    method: str,
    ref: str | None,
    start: Month | None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SponsorBatch:
    """The sponsor batch and its payments in the caller's transaction (no commit): used by
    ``pay_sponsored`` and by sponsored spreadsheet imports, which write members and payments at once."""
    branch = branch_of(session)
    now = ctx.clock()
    today = ensure_day_open(session, ctx, now)
    first = start or Month.of(today)
    chosen = tuple(first.plus(i) for i in range(months))
    members: list[Member] = []
    issues: list[Issue] = []
    for number in wanted:
        try:
            m = member_by_key(session, number)
        except DomainError as exc:
            issues.extend(Issue(number, i.code, i.message) for i in exc.issues)
            continue
        if m.record_status != RecordStatus.ACTIVE:
            issues.append(Issue(number, "member.inactive_record", "Data peserta tidak aktif."))
            continue
        ledger = ledger_of(session, m.id)
        clash = [mo for mo in chosen if ledger.paid("JKK", mo) is not None]
        if clash:
            issues.append(
                Issue(
                    number,
                    "payment.overlap",
                    msg("Iuran bulan {period_label} sudah dibayar.", period_label=period_label(clash)),
                )
            )
            continue
        members.append(m)
    if issues:
        raise DomainError(issues)
    batch_no = next_receipt(session, "TBS", branch.code, today.year)
    last = first.plus(months - 1)
    batch = SponsorBatch(
        receipt_no=batch_no,
        sponsor=name,
        method=method,
        reference=ref,
        months_count=months,
        first_month=first.as_int(),
        last_month=last.as_int(),
        member_count=len(members),
        total=0,
        received_at=now,
        business_date=today,
        officer_id=actor.id,
        counter=ctx.counter,
    )
    session.add(batch)
    session.flush()
    total = 0
    for i, m in enumerate(members, start=1):
        if cancel.cancelled:
            raise Cancelled()
        try:
            p = write_payment(
                session,
                ctx,
                actor,
                member=m,
                count=months,
                method=method,
                reference=ref,
                start=first,
                receipt_no=f"{batch_no}/{i:04d}",
                sponsor_batch_id=batch.id,
                sponsored=True,
            )
        except DomainError as exc:
            issues.extend(Issue(m.number, i.code, i.message) for i in exc.issues)
            continue
        total += p.total
        progress(i, len(members), m.number)
    if issues:
        raise DomainError(issues)
    batch.total = total
    session.flush()
    append_event(
        session,
        ctx,
        actor=actor,
        action="sponsor.pay",
        entity="sponsor_batch",
        entity_id=batch_no,
        details={"members": len(members), "months": months, "total": total, "method": method},
        at=now,
    )
    return batch


def pay_sponsored(
    ctx: ServiceContext,
    actor: Actor,
    *,
    sponsor: str,
    numbers: Sequence[str],
    months: int,
    method: str = "apbd",
    reference: str | None = None,
    start: Month | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> SponsorBatchDTO:
    """A sponsor (e.g. "Pemkab Ogan Ilir") pays the same months for a list of members.

    All or nothing: if any member cannot be paid (unknown number, months already paid), nothing is
    written and every problem is reported, each under the member's number. Budget-funded (APBD)
    payments get no PP 50/2025 discount. ``start`` defaults to this month.
    """
    authorize(ctx, actor, Permission.PAY)
    check_months(months)
    check_method(method)
    ref = check_reference(method, reference)
    name = " ".join(sponsor.split())
    if not 3 <= len(name) <= 100:
        raise DomainError(
            Issue("sponsor", "sponsor.name", "Nama pemberi dana 3–100 karakter, mis. Pemkab Ogan Ilir.")
        )
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        raise DomainError(Issue("nomor", "sponsor.empty", "Daftar nomor peserta kosong."))
    if len(wanted) > MAX_SPONSOR_MEMBERS:
        raise DomainError(
            Issue(
                "nomor",
                "sponsor.too_many",
                msg(
                    "Paling banyak {max_sponsor_members} peserta per tanda bukti.",
                    max_sponsor_members=MAX_SPONSOR_MEMBERS,
                ),
            )
        )

    def work(session: Session) -> SponsorBatchDTO:
        batch = write_sponsored_payment(
            session,
            ctx,
            actor,
            name=name,
            wanted=wanted,
            months=months,
            method=method,
            ref=ref,
            start=start,
            progress=progress,
            cancel=cancel,
        )
        return batch_dto(session, batch)

    return run_payment_write(ctx, work)


def get_sponsor_batch(ctx: ServiceContext, key: str | int) -> SponsorBatchDTO:
    """One sponsor batch payment by id or receipt number."""
    return ctx.read(lambda s: batch_dto(s, find_batch(s, key)))
