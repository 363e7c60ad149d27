"""The outreach list: members of a village or district whose harvest payment falls in a month, with
the amount, so the branch can plan a "Masuk Desa" day; printable (PDF) and exportable (XLSX)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.contribution_models import ContributionSchedule
from app.db.homes import home_branch
from app.db.models import Member
from app.domain.cover import CoverStatus
from app.domain.issues import DomainError, Issue
from app.domain.months import Month
from app.domain.nik import mask_nik
from app.domain.outreach import OutreachList, OutreachRow
from app.domain.roles import Permission
from app.domain.states import RecordStatus
from app.infra.paths import resources_dir
from app.services.audit import append_event
from app.services.auth import authorize
from app.services.context import ServiceContext
from app.services.contributions.bulk import bulk_facts
from app.services.contributions.lookup import today_at
from app.services.dto import Actor

STATUS_NOTES = {
    CoverStatus.NOT_ACTIVE: "belum aktif: iuran pertama",
    CoverStatus.ACTIVE: "aktif",
    CoverStatus.ARREARS: "menunggak",
    CoverStatus.ENDED: "berakhir: daftar ulang",
}


def _region_filter(code: str) -> tuple[str, str]:
    digits = code.replace(".", "").strip()
    if not digits.isdigit() or len(digits) not in (2, 4, 6, 10):
        raise DomainError(
            Issue(
                "wilayah",
                "outreach.region",
                "Kode wilayah harus kode Kemendagri provinsi, kabupaten/kota, kecamatan atau desa, "
                "mis. 16.10 atau 16.10.01.",
            )
        )
    dotted = ".".join(
        [digits[:2], digits[2:4], digits[4:6], digits[6:]][: {2: 1, 4: 2, 6: 3, 10: 4}[len(digits)]]
    )
    return digits, dotted


def outreach_due(
    ctx: ServiceContext, actor: Actor, *, month: Month, region: str | None = None
) -> OutreachList:
    """Members on a harvest schedule whose next payment falls due in ``month`` (or earlier and is
    still unpaid), in ``region`` (a Kemendagri province/regency/district/village code)."""
    authorize(ctx, actor, Permission.SEARCH)
    filt = _region_filter(region) if region else None

    def work(session: Session) -> OutreachList:
        query = (
            select(Member)
            .join(ContributionSchedule, ContributionSchedule.member_id == Member.id)
            .where(
                Member.record_status == RecordStatus.ACTIVE, ContributionSchedule.schedule.like("HARVEST:%")
            )
        )
        if filt is not None:
            digits, dotted = filt
            # The village code when the member has one, else the district the NIK was issued in.
            by_village = Member.kode_wilayah.like(dotted + "%")
            if len(digits) <= 6:
                by_nik = Member.kode_wilayah.is_(None) & Member.nik.like(digits + "%")
                query = query.where(or_(by_village, by_nik))
            else:
                query = query.where(by_village)
        members = session.execute(query.order_by(Member.kode_wilayah, Member.nama)).scalars().all()
        first = month.first_day()
        last = month.plus(1).first_day() - dt.timedelta(days=1)
        rows: list[OutreachRow] = []
        for facts in bulk_facts(session, ctx, members):
            state = facts.state(max(facts.today, first))
            if not state.next_months or state.next_due is None or state.next_due.actual > last:
                continue
            due = max(state.next_due.actual, first)
            b = facts.price(state.next_months, paid_on=due)
            m = facts.member
            occupation = ctx.reference.occupations.by_code(facts.enrolment.occupation_code)
            village = ctx.regions.village(m.kode_wilayah) if m.kode_wilayah else None
            rows.append(
                OutreachRow(
                    number=m.number,
                    name=m.nama,
                    nik_masked=mask_nik(m.nik),
                    village_code=m.kode_wilayah,
                    village=village.name.title() if village is not None else "-",
                    address=m.alamat,
                    occupation=occupation.name if occupation else facts.enrolment.occupation_code,
                    schedule=facts.schedule.label(),
                    status=state.status.value,
                    status_note=STATUS_NOTES[state.status],
                    months=b.months,
                    due_date=state.next_due.actual,
                    amount=b.total,
                )
            )
        branch = home_branch(session)
        assert branch is not None
        region_name = ""
        if filt is not None:
            region_name = ctx.regions.name(filt[1]) or filt[1]
        append_event(
            session,
            ctx,
            actor=actor,
            action="outreach.list",
            entity="outreach",
            entity_id=str(month),
            details={"region": filt[1] if filt else None, "members": len(rows)},
        )
        return OutreachList(
            month=month,
            region=filt[1] if filt else None,
            region_name=region_name,
            branch=f"{branch.name} ({branch.code})",
            made_on=today_at(session, ctx),
            rows=tuple(rows),
        )

    return ctx.write(work)


def outreach_pdf(data: OutreachList) -> bytes:
    """The outreach collection list as a PDF to print and take into the field."""
    from app.pdf import fonts
    from app.pdf.outreach_list import render_outreach_list

    fonts.register(resources_dir() / "fonts")
    return render_outreach_list(data)


def outreach_xlsx(data: OutreachList, dest: Path) -> Path:
    """The outreach collection list as a spreadsheet."""
    from app.infra.xlsx_out import write_table

    header = [
        "Nomor peserta",
        "Nama",
        "NIK",
        "Kode wilayah",
        "Desa/kelurahan",
        "Alamat",
        "Pekerjaan",
        "Jadwal",
        "Status",
        "Bulan dibayar",
        "Jatuh tempo",
        "Jumlah (Rp)",
    ]
    rows = [
        [
            r.number,
            r.name,
            r.nik_masked,
            r.village_code or "",
            r.village,
            r.address,
            r.occupation,
            r.schedule,
            r.status_note,
            r.period,
            r.due_date,
            r.amount,
        ]
        for r in data.rows
    ]
    title = f"Daftar bayar saat panen {data.month.label()}" + (
        f" — {data.region_name}" if data.region_name else ""
    )
    return write_table(dest, title=title, header=header, rows=rows, sheet="Bayar panen")
