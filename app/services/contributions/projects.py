"""Construction projects: registered with their contract value, charged by marginal brackets, and
covering the workers listed under them for the project's months."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.contribution_models import ConstructionProject, Payment, PaymentMonth, SponsorBatch
from app.db.models import Enrolment, Member
from app.domain.contributions import jakon_contract_charge, jakon_contract_contribution
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month
from app.domain.nik import mask_nik
from app.domain.projects import ContractCharge, ProjectStatus, check_contract_value, check_project
from app.domain.quote import Quote, QuoteInput, QuoteLine
from app.domain.roles import Permission, allowed
from app.domain.schedule import MONTHLY
from app.domain.states import PaymentStatus, RecordStatus
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.contributions.charges import check_method, check_reference
from app.services.contributions.lookup import (
    branch_of,
    calendar_of,
    enrolment_of,
    ledger_of,
    member_by_key,
    rate_book_of,
    today_at,
)
from app.services.contributions.payments import next_receipt
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor

MAX_WORKERS = 5000
# What each use case demands: the functions below authorize exactly these, and ``project_rights``
# tells a page the same answer before it offers the action.
REGISTER_PERMISSION = Permission.ENROL
WORKERS_PERMISSION = Permission.ENROL
PAY_PERMISSION = Permission.PAY


@dataclass(frozen=True, slots=True)
class ProjectRights:
    """What this officer may do with construction projects, for the page to enable its buttons."""

    register: bool
    add_workers: bool
    pay: bool


def project_rights(actor: Actor) -> ProjectRights:
    """What this officer may do with projects, from the table ``authorize`` reads."""
    return ProjectRights(
        register=allowed(actor.role, REGISTER_PERMISSION),
        add_workers=allowed(actor.role, WORKERS_PERMISSION),
        pay=allowed(actor.role, PAY_PERMISSION),
    )


@dataclass(frozen=True, slots=True)
class ProjectWorkerDTO:
    """One worker listed under a construction project."""

    number: str
    name: str
    nik_masked: str


@dataclass(frozen=True, slots=True)
class ProjectDTO:
    """A construction project with its contract, price, payment and workers."""

    code: str
    name: str
    owner: str
    contractor: str
    npp: str | None
    contract_value: int
    spk_date: dt.date
    months: tuple[Month, ...]
    status: str  # ProjectStatus
    jkk: int  # what the contract value costs (charged when paid)
    jkm: int
    receipt_no: str | None
    workers: tuple[ProjectWorkerDTO, ...]
    warnings: tuple[Issue, ...] = ()

    @property
    def total(self) -> int:
        return self.jkk + self.jkm

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "owner": self.owner,
            "contractor": self.contractor,
            "npp": self.npp,
            "contract_value": self.contract_value,
            "spk_date": self.spk_date.isoformat(),
            "months": [str(self.months[0]), str(self.months[-1])],
            "status": self.status,
            "jkk": self.jkk,
            "jkm": self.jkm,
            "total": self.total,
            "receipt_no": self.receipt_no,
            "workers": [{"number": w.number, "name": w.name, "nik": w.nik_masked} for w in self.workers],
            "warnings": [i.as_dict() for i in self.warnings],
        }


def _find(session: Session, code: str) -> ConstructionProject:
    p = session.execute(
        select(ConstructionProject).where(ConstructionProject.code == code.strip().upper())
    ).scalar_one_or_none()
    if p is None:
        raise DomainError(
            Issue(
                "proyek", "project.not_found", msg("Proyek '{code}' tidak ditemukan.", code=code.strip()[:24])
            )
        )
    return p


def _dto(session: Session, p: ConstructionProject, warnings: Sequence[Issue] = ()) -> ProjectDTO:
    rows = session.execute(
        select(Member.number, Member.nama, Member.nik)
        .join(Enrolment, Enrolment.member_id == Member.id)
        .where(Enrolment.project_id == p.id)
        .order_by(Member.number)
    ).all()
    first, last = Month.from_int(p.first_month), Month.from_int(p.last_month)
    return ProjectDTO(
        code=p.code,
        name=p.name,
        owner=p.owner,
        contractor=p.contractor,
        npp=p.npp,
        contract_value=p.contract_value,
        spk_date=p.spk_date,
        months=tuple(first.plus(i) for i in range(last.index - first.index + 1)),
        status=p.status,
        jkk=p.jkk,
        jkm=p.jkm,
        receipt_no=p.receipt_no,
        workers=tuple(ProjectWorkerDTO(n, nama, mask_nik(nik)) for n, nama, nik in rows),
        warnings=tuple(warnings),
    )


def register_project(
    ctx: ServiceContext,
    actor: Actor,
    *,
    name: str,
    owner: str,
    contractor: str,
    npp: str | None,
    contract_value: int,
    spk_date: dt.date,
    first: Month,
    last: Month,
) -> ProjectDTO:
    """Register a project with its contract value (before VAT) and its months; audited."""
    authorize(ctx, actor, REGISTER_PERMISSION)

    def work(session: Session) -> ProjectDTO:
        now = ctx.clock()
        today = ensure_day_open(session, ctx, now)
        terms, errors, warnings = check_project(
            name=name,
            owner=owner,
            contractor=contractor,
            npp=npp,
            contract_value=contract_value,
            spk_date=spk_date,
            first=first,
            last=last,
            today=today,
            calendar=calendar_of(session),
        )
        if terms is None:
            raise DomainError(errors)
        cost = jakon_contract_contribution(rate_book_of(session), terms.first, terms.contract_value)
        branch = branch_of(session)
        p = ConstructionProject(
            code=next_receipt(session, "PRJ", branch.code, today.year),
            name=terms.name,
            owner=terms.owner,
            contractor=terms.contractor,
            npp=terms.npp,
            contract_value=terms.contract_value,
            spk_date=terms.spk_date,
            first_month=terms.first.as_int(),
            last_month=terms.last.as_int(),
            status=ProjectStatus.REGISTERED.value,
            registered_at=now,
            business_date=today,
            officer_id=actor.id,
            jkk=cost.get("JKK", 0),
            jkm=cost.get("JKM", 0),
        )
        session.add(p)
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="project.register",
            entity="project",
            entity_id=p.code,
            details={
                "value": terms.contract_value,
                "jkk": p.jkk,
                "jkm": p.jkm,
                "from": str(terms.first),
                "to": str(terms.last),
            },
        )
        return _dto(session, p, warnings)

    return ctx.write(work)


def _split(amount: int, parts: int) -> list[int]:
    """Whole rupiah in ``parts`` shares that add up exactly (the remainder on the first)."""
    if parts <= 0:
        return []
    share, rest = divmod(amount, parts)
    return [share + (rest if i == 0 else 0) for i in range(parts)]


def _cover_worker(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    p: ConstructionProject,
    member: Member,
    n: int,
    *,
    batch_id: int | None,
    jkk: int = 0,
    jkm: int = 0,
) -> None:
    """The project's months for one worker. The project's money is shared out over the workers
    listed when it is paid (so the day's takings and receipts add up); a worker listed later is
    covered at no charge, the contract value having paid for every worker."""
    today = today_at(session, ctx)
    first, last = Month.from_int(p.first_month), Month.from_int(p.last_month)
    ledger = ledger_of(session, member.id)
    every = [first.plus(i) for i in range(last.index - first.index + 1)]
    months = [m for m in every if ledger.paid("JKK", m) is None]
    if not months:
        return
    label = f"Proyek {p.code}"
    lines: list[QuoteLine] = []
    for code, share in (("JKK", jkk), ("JKM", jkm)):
        for m, part in zip(months, _split(share, len(months)), strict=True):
            lines.append(
                QuoteLine(
                    m,
                    code,
                    label,
                    p.contract_value,
                    "bertingkat",
                    part,
                    0,
                    part,
                    0,
                    part,
                    None,
                    None,
                    "proyek",
                )
            )
    total = jkk + jkm
    e = enrolment_of(session, member)
    q = Quote(
        QuoteInput("JAKON", e.income, ("JKK", "JKM")),
        MONTHLY,
        tuple(months),
        tuple(lines),
        total,
        0,
        total,
        (),
        ("proyek",),
    )
    payment = Payment(
        receipt_no=f"{p.receipt_no}/{n:04d}",
        member_id=member.id,
        enrolment_id=None,
        sponsor_batch_id=batch_id,
        method=p.method or "employer",
        reference=p.reference,
        schedule=MONTHLY.encode(),
        first_month=months[0].as_int(),
        last_month=months[-1].as_int(),
        months_count=len(months),
        gross_total=total,
        discount_total=0,
        total=total,
        detail=json.dumps(
            q.as_json() | {"project": p.code}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ),
        received_at=ctx.clock(),
        business_date=today,
        officer_id=actor.id,
        counter=ctx.counter,
        status=PaymentStatus.PAID,
    )
    session.add(payment)
    session.flush()
    amounts = {(ln.programme, ln.month): ln.amount for ln in lines}
    session.add_all(
        PaymentMonth(
            payment_id=payment.id,
            member_id=member.id,
            programme=code,
            month=m.as_int(),
            amount=amounts[(code, m)],
            voided=False,
        )
        for m in months
        for code in ("JKK", "JKM")
    )
    status_index.forget(session, (member.id,))


def add_workers(ctx: ServiceContext, actor: Actor, code: str, numbers: Sequence[str]) -> ProjectDTO:
    """List construction workers (segment JAKON) under a project; all or nothing, every problem named.
    When the project is paid, they are covered for its months at once."""
    authorize(ctx, actor, WORKERS_PERMISSION)
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        raise DomainError(Issue("nomor", "project.no_workers", "Daftar nomor pekerja kosong."))
    if len(wanted) > MAX_WORKERS:
        raise DomainError(
            Issue(
                "nomor",
                "project.too_many",
                msg("Paling banyak {max_workers} pekerja sekaligus.", max_workers=MAX_WORKERS),
            )
        )

    def work(session: Session) -> ProjectDTO:
        ensure_day_open(session, ctx, ctx.clock())
        p = _find(session, code)
        issues: list[Issue] = []
        members: list[tuple[Member, Enrolment]] = []
        for number in wanted:
            try:
                m = member_by_key(session, number)
            except DomainError as exc:
                issues.extend(Issue(number, i.code, i.message) for i in exc.issues)
                continue
            e = enrolment_of(session, m)
            if m.record_status != RecordStatus.ACTIVE:
                issues.append(Issue(number, "member.inactive_record", "Data peserta tidak aktif."))
            elif e.segment != "JAKON":
                issues.append(
                    Issue(number, "project.segment", "Hanya pekerja segmen Jasa Konstruksi (JAKON).")
                )
            elif e.project_id is not None and e.project_id != p.id:
                issues.append(Issue(number, "project.other", "Pekerja ini sudah terdaftar di proyek lain."))
            else:
                members.append((m, e))
        if issues:
            raise DomainError(issues)
        start = session.execute(select(Enrolment.id).where(Enrolment.project_id == p.id)).all()
        for i, (m, e) in enumerate(members, start=len(start) + 1):
            if e.project_id == p.id:
                continue
            e.project_id = p.id
            if p.status == ProjectStatus.PAID.value:
                _cover_worker(session, ctx, actor, p, m, i, batch_id=None)
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="project.workers",
            entity="project",
            entity_id=p.code,
            details={"added": [m.number for m, _ in members]},
        )
        return _dto(session, p)

    return ctx.write(work)


def pay_project(
    ctx: ServiceContext, actor: Actor, code: str, *, method: str, reference: str | None
) -> ProjectDTO:
    """The project's JKK and JKM on its contract value: one receipt (TBK), and every listed worker
    covered for the project's months."""
    authorize(ctx, actor, PAY_PERMISSION)
    check_method(method)
    ref = check_reference(method, reference)

    def work(session: Session) -> ProjectDTO:
        now = ctx.clock()
        today = ensure_day_open(session, ctx, now)
        p = _find(session, code)
        if p.status == ProjectStatus.PAID.value:
            raise DomainError(
                Issue(
                    "proyek",
                    "project.paid",
                    msg(
                        "Iuran proyek {code} sudah dibayar ({receipt_no}).",
                        code=p.code,
                        receipt_no=p.receipt_no,
                    ),
                )
            )
        workers = (
            session.execute(
                select(Member)
                .join(Enrolment, Enrolment.member_id == Member.id)
                .where(Enrolment.project_id == p.id)
                .order_by(Member.number)
            )
            .scalars()
            .all()
        )
        if not workers:
            raise DomainError(
                Issue(
                    "proyek",
                    "project.no_workers",
                    "Daftarkan pekerja proyek lebih dulu (loket project workers).",
                )
            )
        branch = branch_of(session)
        p.receipt_no = next_receipt(session, "TBK", branch.code, today.year)
        p.method, p.reference, p.paid_at, p.status = method, ref, now, ProjectStatus.PAID.value
        batch = SponsorBatch(
            receipt_no=p.receipt_no,
            sponsor=p.contractor[:100],
            method=method,
            reference=ref,
            months_count=p.last_month // 100 * 12
            + p.last_month % 100
            - (p.first_month // 100 * 12 + p.first_month % 100)
            + 1,
            first_month=p.first_month,
            last_month=p.last_month,
            member_count=len(workers),
            total=p.jkk + p.jkm,
            received_at=now,
            business_date=today,
            officer_id=actor.id,
            counter=ctx.counter,
        )
        session.add(batch)
        session.flush()
        shares = zip(_split(p.jkk, len(workers)), _split(p.jkm, len(workers)), strict=True)
        for i, (m, (jkk, jkm)) in enumerate(zip(workers, shares, strict=True), start=1):
            _cover_worker(session, ctx, actor, p, m, i, batch_id=batch.id, jkk=jkk, jkm=jkm)
        append_event(
            session,
            ctx,
            actor=actor,
            action="project.pay",
            entity="project",
            entity_id=p.code,
            details={
                "receipt": p.receipt_no,
                "total": p.jkk + p.jkm,
                "method": method,
                "workers": len(workers),
            },
            at=now,
        )
        return _dto(session, p)

    return ctx.write(work)


def quote_project(ctx: ServiceContext, *, contract_value: int, first: Month) -> ContractCharge:
    """What ``register_project`` charges for this value from this month, bracket by bracket;
    nothing is written (the form shows it while the value is typed)."""
    issue = check_contract_value(contract_value)
    if issue is not None:
        raise DomainError(issue)
    return ctx.read(lambda s: jakon_contract_charge(rate_book_of(s), first, contract_value))


def get_project(ctx: ServiceContext, code: str) -> ProjectDTO:
    """One construction project by its code."""
    return ctx.read(lambda s: _dto(s, _find(s, code)))


def list_projects(ctx: ServiceContext) -> tuple[ProjectDTO, ...]:
    """Every construction project, newest first."""

    def work(session: Session) -> tuple[ProjectDTO, ...]:
        rows = session.execute(select(ConstructionProject).order_by(ConstructionProject.id.desc())).scalars()
        return tuple(_dto(session, p) for p in rows)

    return ctx.read(work)


def project_receipt_pdf(ctx: ServiceContext, code: str, *, paper: str = "A5") -> bytes:
    """The project's receipt: JKK and JKM on the contract value, the contractor as payer."""
    from app.domain.clock import TIMEZONES, local_time
    from app.domain.money import format_rupiah
    from app.domain.months import period_label
    from app.domain.payment_methods import METHOD_LABELS
    from app.pdf.page import receipt_time
    from app.pdf.payment_receipt import ReceiptData, ReceiptLine, render_payment_receipt
    from app.services.contributions.receipts import ensure_fonts

    def work(session: Session) -> tuple[ConstructionProject, str, str, str, str]:
        p = _find(session, code)
        if p.status != ProjectStatus.PAID.value or p.paid_at is None:
            raise DomainError(
                Issue("proyek", "project.unpaid", msg("Iuran proyek {code} belum dibayar.", code=p.code))
            )
        branch = branch_of(session)
        from app.db.models import Officer

        officer = session.get(Officer, p.officer_id)
        assert officer is not None
        session.expunge(p)  # its loaded values are read after the session closes
        return p, f"{branch.name} ({branch.code})", branch.timezone, officer.full_name, officer.username

    p, branch, tz, full_name, username = ctx.read(work)
    assert p.paid_at is not None and p.receipt_no is not None
    first, last = Month.from_int(p.first_month), Month.from_int(p.last_month)
    months = tuple(first.plus(i) for i in range(last.index - first.index + 1))
    local = local_time(p.paid_at, tz)
    value = format_rupiah(p.contract_value)
    # The value rides in the line's caption (a nine-digit base and the word "bertingkat" do not fit
    # the receipt's columns); the rate column says the tariff is by layers of the value.
    lines = tuple(
        ReceiptLine(
            code,
            f"Nilai kontrak {value}",
            0,
            "jenjang",
            len(months),
            amount,
            0,
            amount,
        )
        for code, amount in (("JKK", p.jkk), ("JKM", p.jkm))
    )
    data = ReceiptData(
        receipt_no=p.receipt_no,
        branch=branch,
        issued_at=receipt_time(local, TIMEZONES.get(tz, "")),
        officer=f"{full_name} ({username})",
        counter=ctx.counter,
        member_number=p.code,
        member_name=p.name,
        nik_masked="-",
        segment="JAKON (proyek)",
        programmes="JKK, JKM",
        period=period_label(months),
        months_count=len(months),
        schedule="Sekali untuk masa proyek",
        method=METHOD_LABELS.get(p.method or "", p.method or "-"),
        reference=p.reference,
        lines=lines,
        gross_total=p.jkk + p.jkm,
        discount_total=0,
        total=p.jkk + p.jkm,
        notes=(
            f"Proyek {p.name}; pemilik {p.owner}; nilai kontrak sebelum PPN {value}; SPK {p.spk_date:%d-%m-%Y}. "
            "Melindungi pekerja yang terdaftar pada proyek ini.",
        ),
        sponsor=p.contractor,
        cover=f"Dilindungi {first.short()} – {last.short()}",
    )
    ensure_fonts()
    return render_payment_receipt(data, paper=paper)
