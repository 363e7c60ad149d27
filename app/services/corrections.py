"""Corrections to a member's identity: an officer proposes with a reason, a supervisor approves
(re-entering the password) or rejects. Old values and reasons are kept; every step is audited
with before/after values. New values pass the same validator as the intake form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.db.models import Enrolment, Member, Officer
from app.db.search_models import MemberCorrection, MemberCorrectionChange
from app.domain.clock import business_date
from app.domain.intake import CONFIRMABLE, LABELS, validate_intake
from app.domain.issues import DomainError, Issue
from app.domain.member_merge import CORRECTABLE as CORRECTABLE  # the CLI offers them
from app.domain.messages import Message, msg
from app.domain.nik import clean_nik
from app.domain.people import normalise_name, normalise_phone
from app.domain.reasons import REASON_MAX, REASON_MIN, clean_reason, collapse
from app.domain.record_fields import parse_date
from app.domain.roles import Permission
from app.domain.states import CorrectionStatus, RecordStatus
from app.services.audit import AuditItem, append_event
from app.services.auth import authorize, reauthenticate
from app.services.branch_read import row_key, row_label
from app.services.context import ServiceContext
from app.services.day_lock import branch_timezone, ensure_day_open
from app.services.dto import Actor
from app.services.member_lookup import resolve_member
from app.services.records_dto import CorrectionChangeDTO, CorrectionDTO
from app.services.search_index import reindex_member

# Eligibility was judged at enrolment; a corrected birth date re-checks it only as a warning.
_ELIGIBILITY = frozenset({"tanggal_lahir.too_young", "tanggal_lahir.too_old", "program.age"})
_IDENTITY_FROM_NIK = frozenset({"nik", "tanggal_lahir", "jenis_kelamin"})
MIN_REASON = REASON_MIN
MAX_REASON = REASON_MAX


def _reason(raw: str, wanted: Message) -> str:
    """The collapsed reason, or ``wanted`` (the message naming the bounds) at the reason field."""
    why = clean_reason(raw)
    if why is None:
        raise DomainError(Issue("reason", "correction.reason", wanted))
    return why


def _stored(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _current(m: Member, field: str) -> str | None:
    return _stored(getattr(m, field))


def member_values(m: Member) -> dict[str, str | None]:
    """The member's correctable fields as a correction stores and compares them."""
    return {f: _current(m, f) for f in CORRECTABLE}


def _raw_record(m: Member, e: Enrolment | None) -> dict[str, Any]:
    """The member as an intake record, so corrections pass exactly the intake rules."""
    raw: dict[str, Any] = {f: _current(m, f) for f in CORRECTABLE}
    if e is not None:
        raw.update(
            pekerjaan=e.occupation_code,
            segmen=e.segment,
            npp=e.npp,
            penghasilan=e.income,
            program=e.programmes,
            bulan_bayar=e.months_at_enrolment,
            sumber_dana=e.funding_source,
            kanal=e.channel,
        )
    return raw


def _validate(
    session: Session,
    ctx: ServiceContext,
    m: Member,
    changes: Mapping[str, Any],
    *,
    confirm_mismatch: bool,
) -> tuple[dict[str, str | None], list[Issue]]:
    """→ (normalised new values of the changed fields, warnings). Raises on errors."""
    errors: list[Issue] = []
    for f in changes:
        if f not in CORRECTABLE:
            errors.append(
                Issue(
                    str(f)[:40],
                    "correction.field",
                    msg(
                        "Kolom '{f}' tidak dapat dikoreksi. Pilih: {correctable}.",
                        f=str(f)[:40],
                        correctable=", ".join(CORRECTABLE),
                    ),
                )
            )
    if not changes:
        errors.append(Issue("changes", "correction.empty", "Sebutkan minimal satu kolom yang dikoreksi."))
    if errors:
        raise DomainError(errors)
    enrolment = session.execute(
        select(Enrolment).where(Enrolment.member_id == m.id).order_by(Enrolment.id.desc()).limit(1)
    ).scalar_one_or_none()
    raw = _raw_record(m, enrolment)
    raw.update({f: (None if v is None else str(v)) for f, v in changes.items()})
    today = business_date(ctx.clock(), branch_timezone(session, ctx))
    result = validate_intake(
        raw, today=today, regions=ctx.regions, reference=ctx.reference, confirm_mismatch=confirm_mismatch
    )
    identity = bool(_IDENTITY_FROM_NIK & set(changes))
    warnings = [w for w in result.warnings if w.field in changes or (identity and w.code in CONFIRMABLE)]
    for issue in result.errors:
        if issue.code in _ELIGIBILITY:
            warnings.append(issue)
        elif issue.field in changes or (identity and issue.code in CONFIRMABLE):
            errors.append(issue)
    if errors:
        raise DomainError(errors)
    # The record does not depend on the confirmation: only a record refused for what is not
    # corrected here (an eligibility rule, another field) needs the second, confirmed pass.
    rec = result.record
    if rec is None:
        rec = validate_intake(
            raw, today=today, regions=ctx.regions, reference=ctx.reference, confirm_mismatch=True
        ).record
    new: dict[str, str | None] = {}
    for f in changes:
        value = _stored(getattr(rec, f)) if rec is not None else _normalise(ctx, f, changes[f])
        if value == _current(m, f):
            errors.append(
                Issue(
                    f,
                    "correction.same",
                    msg("{labels} baru sama dengan data sekarang.", labels=LABELS.get(f, f)),
                )
            )
        new[f] = value
    if "nik" in new and new["nik"] is not None:
        holder = session.execute(
            select(Member.number).where(
                Member.nik == new["nik"], Member.record_status == RecordStatus.ACTIVE, Member.id != m.id
            )
        ).scalar_one_or_none()
        if holder is not None:
            errors.append(
                Issue(
                    "nik",
                    "nik.duplicate",
                    msg(
                        "NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {holder}.", holder=holder
                    ),
                )
            )
    if errors:
        raise DomainError(errors)
    return new, warnings


def _normalise(ctx: ServiceContext, field: str, value: Any) -> str | None:
    """A validated value in its stored form, when other (unchanged) fields stop the full record."""
    text = " ".join(str(value or "").split())
    if not text:
        return None
    if field == "nik":
        return clean_nik(text)
    if field in ("nama", "nama_ibu"):
        return normalise_name(text)
    if field == "tanggal_lahir":
        return _stored(parse_date(text))
    if field == "jenis_kelamin":
        g = text.upper()
        return {"LAKI-LAKI": "L", "PEREMPUAN": "P", "M": "L", "F": "P"}.get(g, g)
    if field == "no_hp":
        return normalise_phone(field, text)[0]
    if field == "kode_wilayah":
        village = ctx.regions.village(text)
        return village.code if village else None
    return text.upper()


def _dto(session: Session, c: MemberCorrection, warnings: tuple[Issue, ...] = ()) -> CorrectionDTO:
    member = session.execute(select(Member.number, Member.nama).where(Member.id == c.member_id)).one()
    ids = {c.proposed_by_id, c.decided_by_id} - {None}
    names = dict(session.execute(select(Officer.id, Officer.username).where(Officer.id.in_(ids))).all())
    return CorrectionDTO(
        id=c.id,
        ref=row_label(session, c.id),
        member_id=c.member_id,
        member_number=member.number,
        member_nama=member.nama,
        status=c.status,
        reason=c.reason,
        changes=tuple(
            CorrectionChangeDTO(ch.field, LABELS.get(ch.field, ch.field), ch.old_value, ch.new_value)
            for ch in c.changes
        ),
        proposed_by=names.get(c.proposed_by_id, "?"),
        proposed_at=c.proposed_at,
        decided_by=names.get(c.decided_by_id) if c.decided_by_id else None,
        decided_at=c.decided_at,
        decision_note=c.decision_note,
        warnings=warnings,
    )


def _changes_detail(c: MemberCorrection) -> dict[str, dict[str, str | None]]:
    return {ch.field: {"old": ch.old_value, "new": ch.new_value} for ch in c.changes}


def propose_correction(
    ctx: ServiceContext,
    actor: Actor,
    member_key: int | str,
    changes: Mapping[str, Any],
    reason: str,
    *,
    confirm_mismatch: bool = False,
) -> CorrectionDTO:
    """Record a proposal; nothing about the member changes until a supervisor approves."""
    authorize(ctx, actor, Permission.PROPOSE_CORRECTION)
    reason = _reason(
        reason,
        msg(
            "Alasan koreksi wajib diisi ({min_reason}–{max_reason} karakter).",
            min_reason=MIN_REASON,
            max_reason=MAX_REASON,
        ),
    )

    def work(session: Session) -> CorrectionDTO:
        m = resolve_member(session, member_key)
        if m.record_status == RecordStatus.MERGED:
            raise DomainError(
                Issue(
                    "member", "correction.merged", "Data ini sudah digabung; koreksi data peserta tujuannya."
                )
            )
        pending = session.execute(
            select(MemberCorrectionChange.field)
            .join(MemberCorrection)
            .where(MemberCorrection.member_id == m.id, MemberCorrection.status == CorrectionStatus.PENDING)
        ).scalars()
        overlap = sorted(set(pending) & set(changes))
        if overlap:
            raise DomainError(
                Issue(
                    overlap[0],
                    "correction.pending",
                    msg(
                        "Sudah ada koreksi {overlap} yang menunggu persetujuan untuk peserta ini.",
                        overlap=", ".join(overlap),
                    ),
                )
            )
        new, warnings = _validate(session, ctx, m, changes, confirm_mismatch=confirm_mismatch)
        c = MemberCorrection(
            member_id=m.id,
            status=CorrectionStatus.PENDING,
            reason=reason,
            confirm_mismatch=confirm_mismatch,
            proposed_by_id=actor.id,
            proposed_at=ctx.clock(),
            changes=[
                MemberCorrectionChange(field=f, old_value=_current(m, f), new_value=v) for f, v in new.items()
            ],
        )
        session.add(c)
        session.flush()
        append_event(
            session,
            ctx,
            actor=actor,
            action="member.correction.propose",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={"correction_id": c.id, "reason": reason, "changes": _changes_detail(c)},
        )
        return _dto(session, c, tuple(warnings))

    return ctx.write(work)


def _load(session: Session, correction_id: int | str) -> MemberCorrection:
    """The pending correction a person named (``3``, ``#201-3`` or its stored key)."""
    key = row_key(session, correction_id, field="correction", code="correction.not_found", what="Koreksi")
    c = session.execute(
        select(MemberCorrection)
        .where(MemberCorrection.id == key)
        .options(selectinload(MemberCorrection.changes))
    ).scalar_one_or_none()
    label = row_label(session, key)
    if c is None:
        raise DomainError(
            Issue("correction", "correction.not_found", msg("Koreksi {label} tidak ada.", label=label))
        )
    if c.status != CorrectionStatus.PENDING:
        raise DomainError(
            Issue(
                "correction",
                "correction.decided",
                msg("Koreksi {label} sudah {status}.", label=label, status=c.status.lower()),
            )
        )
    return c


def approve_correction(
    ctx: ServiceContext, supervisor: Actor, correction_id: int | str, password: str
) -> CorrectionDTO:
    """Apply a proposal. The supervisor re-enters the password; nobody approves their own."""
    authorize(ctx, supervisor, Permission.APPROVE)
    reauthenticate(ctx, supervisor, password)

    def work(session: Session) -> CorrectionDTO:
        ensure_day_open(session, ctx)  # an approval is dated today; refused when today is closed
        c = _load(session, correction_id)
        if c.proposed_by_id == supervisor.id:
            raise DomainError(
                Issue(
                    "correction",
                    "correction.four_eyes",
                    "Koreksi harus disetujui supervisor lain, bukan yang mengajukannya.",
                )
            )
        m = resolve_member(session, c.member_id)
        stale = [ch.field for ch in c.changes if _current(m, ch.field) != ch.old_value]
        if stale:
            raise DomainError(
                Issue(
                    stale[0],
                    "correction.stale",
                    "Data peserta sudah berubah sejak koreksi diajukan; tolak lalu ajukan ulang.",
                )
            )
        wanted = {ch.field: ch.new_value for ch in c.changes}
        new, _ = _validate(session, ctx, m, wanted, confirm_mismatch=c.confirm_mismatch)
        _apply(session, m, new)
        c.status = "APPROVED"
        c.decided_by_id = supervisor.id
        c.decided_at = ctx.clock()
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.correction.approve",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={
                "correction_id": c.id,
                "reason": c.reason,
                "proposed_by": c.proposed_by_id,
                "changes": _changes_detail(c),
            },
        )
        return _dto(session, c)

    try:
        return ctx.write(work)
    except IntegrityError as exc:
        # Another counter gave an active member this NIK between our check and our write.
        raise DomainError(
            Issue("nik", "nik.duplicate", "NIK baru sudah dipakai peserta aktif lain.")
        ) from exc


# What the name index is made of (``search_index.postings_for``): only these re-index a member.
_INDEXED = frozenset({"nama", "tanggal_lahir", "nik", "kode_wilayah"})


def _set(m: Member, new: Mapping[str, str | None]) -> str:
    """Set validated values (and the NIK's district) on ``m``; → the name it was indexed under."""
    indexed_name = m.nama
    for f, v in new.items():
        setattr(m, f, dt.date.fromisoformat(v) if f == "tanggal_lahir" and v else v)
    if "nik" in new and m.nik:
        m.nik_district = f"{m.nik[0:2]}.{m.nik[2:4]}.{m.nik[4:6]}"
    return indexed_name


def _reindex(session: Session, m: Member, new: Mapping[str, str | None], indexed_name: str) -> None:
    if m.record_status != RecordStatus.MERGED and _INDEXED & set(new):
        reindex_member(session, m, indexed_name=indexed_name)


def _apply(session: Session, m: Member, new: Mapping[str, str | None]) -> None:
    """Write validated values (and what follows from them: the NIK's district, the name index)."""
    indexed_name = _set(m, new)
    session.flush()
    _reindex(session, m, new, indexed_name)


@dataclass
class DecidedCorrection:
    """A correction decided elsewhere, validated and set on the member, not yet flushed
    (``decide_correction``); ``finish`` after the caller's flush re-indexes and gives its events."""

    correction: MemberCorrection
    member: Member
    new: dict[str, str | None]
    indexed_name: str
    origin: Mapping[str, Any]

    def finish(self, session: Session) -> tuple[AuditItem, AuditItem]:
        c, m = self.correction, self.member
        _reindex(session, m, self.new, self.indexed_name)
        detail = _changes_detail(c)
        base = {"correction_id": c.id, "reason": c.reason}
        return (
            AuditItem(
                "member.correction.propose",
                "member",
                m.number,
                m.id,
                {**base, "changes": detail, **self.origin},
            ),
            AuditItem(
                "member.correction.approve",
                "member",
                m.number,
                m.id,
                {**base, "proposed_by": c.proposed_by_id, "changes": detail, **self.origin},
            ),
        )


def decide_correction(
    session: Session,
    ctx: ServiceContext,
    m: Member,
    changes: Mapping[str, Any],
    *,
    reason: str,
    proposed_by_id: int,
    decided_by_id: int,
    confirm_mismatch: bool = False,
    origin: Mapping[str, Any],
) -> DecidedCorrection:
    """A correction decided elsewhere (an outreach laptop's approved correction, its branch's
    answer, a supervisor's field-by-field merge): its values pass exactly the rules of a proposal
    here (``_validate``), it is kept approved with the old values and reason, and the member takes
    the new ones. Nothing is flushed: many can be decided in one go (``DecidedCorrection.finish``)."""
    new, _warnings = _validate(session, ctx, m, changes, confirm_mismatch=confirm_mismatch)
    now = ctx.clock()
    c = MemberCorrection(
        member_id=m.id,
        status=CorrectionStatus.APPROVED,
        reason=collapse(reason)[:MAX_REASON] or "Koreksi dari paket jemput bola",
        confirm_mismatch=confirm_mismatch,
        proposed_by_id=proposed_by_id,
        proposed_at=now,
        decided_by_id=decided_by_id,
        decided_at=now,
        changes=[
            MemberCorrectionChange(field=f, old_value=_current(m, f), new_value=v) for f, v in new.items()
        ],
    )
    indexed_name = _set(m, new)
    session.add(c)
    return DecidedCorrection(c, m, new, indexed_name, dict(origin))


def apply_decided_correction(
    session: Session,
    ctx: ServiceContext,
    m: Member,
    changes: Mapping[str, Any],
    *,
    reason: str,
    proposed_by_id: int,
    decided_by_id: int,
    confirm_mismatch: bool = False,
    origin: Mapping[str, Any],
) -> tuple[MemberCorrection, tuple[AuditItem, AuditItem]]:
    """``decide_correction`` for one, flushed at once: → the correction and its two events (proposal
    and approval, ``origin`` in their details) for the caller to append with its actor."""
    decided = decide_correction(
        session,
        ctx,
        m,
        changes,
        reason=reason,
        proposed_by_id=proposed_by_id,
        decided_by_id=decided_by_id,
        confirm_mismatch=confirm_mismatch,
        origin=origin,
    )
    session.flush()
    return decided.correction, decided.finish(session)


def reject_correction(
    ctx: ServiceContext, supervisor: Actor, correction_id: int | str, note: str
) -> CorrectionDTO:
    """A supervisor refuses a proposed correction, with a reason; it is audited."""
    authorize(ctx, supervisor, Permission.APPROVE)
    note = _reason(
        note,
        msg(
            "Alasan penolakan wajib diisi ({min_reason}–{max_reason} karakter).",
            min_reason=MIN_REASON,
            max_reason=MAX_REASON,
        ),
    )

    def work(session: Session) -> CorrectionDTO:
        c = _load(session, correction_id)
        m = resolve_member(session, c.member_id)
        c.status = "REJECTED"
        c.decided_by_id = supervisor.id
        c.decided_at = ctx.clock()
        c.decision_note = note
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="member.correction.reject",
            entity="member",
            entity_id=m.number,
            member_id=m.id,
            details={"correction_id": c.id, "note": note, "changes": _changes_detail(c)},
        )
        return _dto(session, c)

    return ctx.write(work)


def close_pending(
    session: Session, ctx: ServiceContext, supervisor: Actor, member_id: int, note: str
) -> list[int]:
    """Reject what is still pending for a member being closed (merged or deactivated). → their ids,
    for the closing event (the trail names every correction it closed)."""
    pending = session.execute(
        select(MemberCorrection).where(
            MemberCorrection.member_id == member_id, MemberCorrection.status == CorrectionStatus.PENDING
        )
    ).scalars()
    ids: list[int] = []
    for c in pending:
        c.status = "REJECTED"
        c.decided_by_id = supervisor.id
        c.decided_at = ctx.clock()
        c.decision_note = note
        ids.append(c.id)
    session.flush()
    return ids


def pending_for_member(session: Session, member_id: int) -> tuple[CorrectionDTO, ...]:
    """A member's corrections still waiting for a supervisor, for his record page."""
    rows = session.execute(
        select(MemberCorrection)
        .where(MemberCorrection.member_id == member_id, MemberCorrection.status == CorrectionStatus.PENDING)
        .options(selectinload(MemberCorrection.changes))
        .order_by(MemberCorrection.id)
    ).scalars()
    return tuple(_dto(session, c) for c in rows)


def list_corrections(
    ctx: ServiceContext,
    actor: Actor,
    *,
    status: str | None = "PENDING",
    member_key: int | str | None = None,
    limit: int = 200,
) -> tuple[CorrectionDTO, ...]:
    """The supervisor's queue (pending, oldest first) or any status, newest first."""
    authorize(ctx, actor, Permission.VIEW_RECORD)

    def work(session: Session) -> tuple[CorrectionDTO, ...]:
        stmt = select(MemberCorrection).options(selectinload(MemberCorrection.changes))
        if status is not None:
            stmt = stmt.where(MemberCorrection.status == status)
        if member_key is not None:
            stmt = stmt.where(MemberCorrection.member_id == resolve_member(session, member_key).id)
        order = MemberCorrection.id if status == CorrectionStatus.PENDING else MemberCorrection.id.desc()
        rows = session.execute(stmt.order_by(order).limit(max(1, min(limit, 1000)))).scalars()
        return tuple(_dto(session, c) for c in rows)

    return ctx.read(work)
