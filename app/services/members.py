"""Reading member records back as DTOs.

``member_dto`` builds the full record (NIK, mother's name, heirs) inside a service's session; the
only door to it is the audited view ``records.open_member_record``. Everything else here answers
with a narrow DTO (who holds a NIK, how many enrolments).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from app.db.models import Branch, Enrolment, Member, Officer
from app.domain.nik import clean_nik
from app.domain.states import RecordStatus
from app.services.context import ServiceContext
from app.services.dto import EnrolmentDTO, HeirDTO, MemberDTO, NikHolderDTO


def member_dto(session: Session, ctx: ServiceContext, m: Member) -> MemberDTO:
    """A member as plain values for the detail page: identity, heirs, enrolments and who made them."""
    officer_ids = sorted({e.officer_id for e in m.enrolments})
    officers = {
        oid: name
        for oid, name in session.execute(
            select(Officer.id, Officer.username).where(Officer.id.in_(officer_ids))
        ).all()
    }
    branch_code = session.execute(select(Branch.code).where(Branch.id == m.branch_id)).scalar_one()
    merged_into = None
    if m.merged_into_id is not None:
        merged_into = session.execute(select(Member.number).where(Member.id == m.merged_into_id)).scalar_one()
    village = ctx.regions.village(m.kode_wilayah) if m.kode_wilayah else None
    district = ctx.regions.name(m.nik_district)
    regency = ctx.regions.name(m.nik_district[:5])
    province = ctx.regions.province_name(m.nik_district[:2])
    nik_region = ", ".join(p for p in (district, regency, province) if p) or m.nik_district
    occupations = ctx.reference.occupations
    return MemberDTO(
        id=m.id,
        number=m.number,
        nik=m.nik,
        nama=m.nama,
        tempat_lahir=m.tempat_lahir,
        tanggal_lahir=m.tanggal_lahir,
        jenis_kelamin=m.jenis_kelamin,
        nama_ibu=m.nama_ibu,
        no_hp=m.no_hp,
        alamat=m.alamat,
        kode_wilayah=m.kode_wilayah,
        wilayah=village.path if village else None,
        nik_region=nik_region,
        record_status=m.record_status,
        merged_into=merged_into,
        created_at=m.created_at,
        branch_code=branch_code,
        heirs=tuple(HeirDTO(h.nama, h.hubungan) for h in m.heirs),
        enrolments=tuple(
            EnrolmentDTO(
                id=e.id,
                segment=e.segment,
                occupation_code=e.occupation_code,
                occupation_name=(
                    o.name if (o := occupations.by_code(e.occupation_code)) else e.occupation_code
                ),
                programmes=tuple(p for p in e.programmes.split(",") if p),
                income=e.income,
                funding_source=e.funding_source,
                channel=e.channel,
                npp=e.npp,
                months_at_enrolment=e.months_at_enrolment,
                enrolled_at=e.enrolled_at,
                business_date=e.business_date,
                officer=officers.get(e.officer_id, "?"),
                counter=e.counter,
                risk_class=e.risk_class,
                pmi_route=e.pmi_route,
                pmi_contract_months=e.pmi_contract_months,
                pmi_departure=f"{e.pmi_departure // 100:04d}-{e.pmi_departure % 100:02d}"
                if e.pmi_departure
                else None,
                pmi_jht=e.pmi_jht,
            )
            for e in m.enrolments
        ),
    )


def _holds_nik(nik: str) -> ColumnElement[bool]:
    """The one rule: a NIK is taken while an ACTIVE record holds it (enrolment refuses a second)."""
    return and_(Member.nik == nik, Member.record_status == RecordStatus.ACTIVE)


def active_member_number_for_nik(session: Session, nik: str) -> str | None:
    """The number of the active member who holds this NIK, or None."""
    return session.execute(select(Member.number).where(_holds_nik(nik))).scalar_one_or_none()


def nik_holder(ctx: ServiceContext, nik: str) -> NikHolderDTO | None:
    """The active member who already holds this NIK (the counter says so before anything is typed
    further), or None: a narrow answer, not the member's whole record."""
    digits = clean_nik(nik)
    if len(digits) != 16 or not digits.isdigit():
        return None

    def work(session: Session) -> NikHolderDTO | None:
        row = session.execute(
            select(Member.number, Member.nama, Member.created_at).where(_holds_nik(digits)).limit(1)
        ).first()
        return NikHolderDTO(row.number, row.nama, row.created_at) if row else None

    return ctx.read(work)


def enrolments_total(ctx: ServiceContext) -> int:
    """How many enrolments the database holds (the import page shows it unchanged after a cancel)."""
    return ctx.read(enrolment_count)


def enrolment_count(session: Session) -> int:
    """How many enrolments this database holds (every state)."""
    from sqlalchemy import func

    return session.execute(select(func.count(Enrolment.id))).scalar_one()
