"""SQLAlchemy 2 typed models. Times are UTC; business dates are the branch's local dates."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    and_,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.db.ids import Id

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; pass an aware UTC time")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """The declarative base every table derives from: shared constraint names and column types."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Branch(Base):
    """The branch office this database serves (and, at the Kanwil, each branch of the region)."""

    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime]


class NumberSequence(Base):
    """The next membership serial per branch. Incremented inside the enrolling transaction,
    so a rollback gives the serial back and numbers stay gapless."""

    __tablename__ = "number_sequence"

    branch_id: Mapped[int] = mapped_column(Id, ForeignKey("branch.id"), primary_key=True)
    next_serial: Mapped[int] = mapped_column(BigInteger)


class Officer(Base):
    """A person who signs in at the counter (officer or supervisor), or one who stands for someone elsewhere."""

    __tablename__ = "officer"
    __table_args__ = (
        CheckConstraint("role IN ('officer', 'supervisor')", name="role"),
        # One account per username among those who can sign in. Accounts that stand for someone
        # elsewhere (an outreach laptop's officer, another branch's officer arriving with a
        # member's history or at the Kanwil) carry a hash starting with "!" and share names.
        Index(
            "uq_officer_username",
            "username",
            unique=True,
            sqlite_where=text("password_hash NOT LIKE '!%'"),
            postgresql_where=text("password_hash NOT LIKE '!%'"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    # The Kanwil receives officers without their password: its copies get "!" (no one signs in).
    password_hash: Mapped[str] = mapped_column(String(200), server_default="!")
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    last_login_at: Mapped[dt.datetime | None]

    @classmethod
    def account(cls, username: str) -> Any:
        """The clause naming the one account of ``username`` that can sign in here (copies of
        officers from elsewhere share the name and carry a "!" hash)."""
        return and_(cls.username == username, cls.password_hash.not_like("!%"))


class Member(Base):
    """A registered member's identity record: NIK, name, birth, address and membership number."""

    __tablename__ = "member"
    __table_args__ = (
        # One active membership per NIK in a branch; deactivated, merged and moved records may
        # share it. At the Kanwil two branches may hold the same NIK (enrolled while the Kanwil
        # was unreachable): replication must carry both, and the Kanwil lists them as a conflict.
        Index(
            "uq_member_active_nik",
            "nik",
            "branch_id",
            unique=True,
            sqlite_where=text("record_status = 'ACTIVE'"),
            postgresql_where=text("record_status = 'ACTIVE'"),
        ),
        Index("ix_member_birth_region", "tanggal_lahir", "nik_district"),
        CheckConstraint(
            "record_status IN ('ACTIVE', 'DEACTIVATED', 'MERGED', 'PURGED', 'MOVED')", name="record_status"
        ),
        CheckConstraint("jenis_kelamin IN ('L', 'P')", name="gender"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    number: Mapped[str] = mapped_column(String(11), unique=True)
    branch_id: Mapped[int] = mapped_column(Id, ForeignKey("branch.id"))
    nik: Mapped[str] = mapped_column(String(16), index=True)
    nama: Mapped[str] = mapped_column(String(100), index=True)
    tempat_lahir: Mapped[str] = mapped_column(String(60))
    tanggal_lahir: Mapped[dt.date] = mapped_column(Date)
    jenis_kelamin: Mapped[str] = mapped_column(String(1))
    nama_ibu: Mapped[str] = mapped_column(String(100))
    no_hp: Mapped[str | None] = mapped_column(String(16), index=True)
    alamat: Mapped[str] = mapped_column(String(250))
    kode_wilayah: Mapped[str | None] = mapped_column(String(13))
    nik_district: Mapped[str] = mapped_column(String(8))  # "32.76.01", where the NIK was issued
    record_status: Mapped[str] = mapped_column(String(12), default="ACTIVE")
    merged_into_id: Mapped[int | None] = mapped_column(Id, ForeignKey("member.id"))
    # Set when the retention period ended: the row stays as a tombstone (number, audit links) with
    # every personal field blanked.
    purged_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"))

    heirs: Mapped[list[Heir]] = relationship(
        back_populates="member", order_by="Heir.position", cascade="all, delete-orphan"
    )
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="member", order_by="Enrolment.id")


class Heir(Base):
    """One heir a member names to receive the benefit, in the order the member gave."""

    __tablename__ = "heir"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    nama: Mapped[str] = mapped_column(String(100))
    hubungan: Mapped[str] = mapped_column(String(12))

    member: Mapped[Member] = relationship(back_populates="heirs")


class Enrolment(Base):
    """One enrolment of a member in a segment with its programmes, income and funding."""

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(Id, ForeignKey("member.id"), index=True)
    segment: Mapped[str] = mapped_column(String(6))
    occupation_code: Mapped[str] = mapped_column(String(6))
    programmes: Mapped[str] = mapped_column(String(40))  # "JKK,JKM,JHT"
    income: Mapped[int] = mapped_column(BigInteger)  # rupiah per month
    funding_source: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(12))
    npp: Mapped[str | None] = mapped_column(String(30))
    risk_class: Mapped[int | None]  # PU: the company's JKK risk class 1–5 (None: the table's default)
    pmi_route: Mapped[str | None] = mapped_column(String(14))  # PMI: P3MI or PERSEORANGAN
    pmi_contract_months: Mapped[int | None]
    pmi_departure: Mapped[int | None]  # PMI: departure month, YYYYMM
    pmi_jht: Mapped[int | None] = mapped_column(BigInteger)  # PMI: the chosen JHT amount per month
    project_id: Mapped[int | None] = mapped_column(Id, ForeignKey("construction_project.id"), index=True)
    months_at_enrolment: Mapped[int]
    enrolled_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    officer_id: Mapped[int] = mapped_column(Id, ForeignKey("officer.id"), index=True)
    counter: Mapped[str] = mapped_column(String(64))
    mismatch_confirmed: Mapped[bool] = mapped_column(default=False)

    member: Mapped[Member] = relationship(back_populates="enrolments")


class AuditHead(Base):
    """Single row holding the chain's tip; updating it serialises appends on every database."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class AuditEvent(Base):
    """Append-only, hash-chained, keyed with a secret kept outside the database."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    occurred_at: Mapped[dt.datetime]
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    officer_id: Mapped[int | None] = mapped_column(Id, ForeignKey("officer.id"))
    actor: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    member_id: Mapped[int | None] = mapped_column(Id, ForeignKey("member.id"), index=True)
    details: Mapped[str] = mapped_column(Text)  # canonical JSON; the chain signs its SHA-256
    # Set only when the details were purged (retention): the digest the chain signed.
    details_digest: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Branch-wide settings shared by every counter on the same database."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
