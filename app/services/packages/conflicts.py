"""The supervisor's decisions on what a package could not merge by itself.

- ``nik_both`` / ``number_taken``: a member not merged (the same NIK active here under another
  number, or the number here another person's). The supervisor records the decision with a note.
- ``likely_duplicate``: a new member merged who resembles an active member here by the counter's
  rule; the supervisor confirms two people (a note) or merges the records on the member page.
- ``changed_both``: a member changed on the laptop and here since the laptop's last sync. Shown side
  by side (``conflict_detail``) and merged field by field (``merge_conflict``): the fields taken
  from the laptop become one correction of this branch through the correction service's own rules,
  a deactivation taken from the laptop goes through the deactivation service, and the merge itself
  is audited with every choice. The laptop learns the result from the branch's next answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.day_models import ImportedPackage, PackageConflict
from app.db.homes import home_branch
from app.db.ids import BLOCK, block_of, local_part
from app.db.models import Member
from app.domain.issues import DomainError, Issue
from app.domain.member_merge import STATUS, STATUS_WORDS, FieldSides, Side, compare, decide
from app.domain.messages import msg
from app.domain.nik import mask_nik
from app.domain.reasons import REASON_MAX, REASON_MIN, clean_reason, collapse
from app.domain.roles import Permission
from app.domain.states import ConflictStatus
from app.services.audit import append_event, append_events
from app.services.auth import authorize, reauthenticate
from app.services.context import ServiceContext
from app.services.corrections import apply_decided_correction
from app.services.day_lock import ensure_day_open
from app.services.deactivation import close_member
from app.services.dto import Actor
from app.services.packages.dto import ConflictDetailDTO, ConflictDTO, LaptopChangeDTO, MergeResultDTO
from app.services.packages.format import when
from app.services.packages.state import branch_changes, describe_changes, member_state

MIN_NOTE, MAX_NOTE = REASON_MIN, REASON_MAX


def conflict_message(kind: str, number: str, local_number: str, source: str = "") -> str:
    """What a package conflict means and what the supervisor should do, in Indonesian."""
    if kind == "nik_both":
        return (
            f"NIK peserta {number} dari paket sudah terdaftar di sini sebagai {local_number}. "
            "Tidak digabung: supervisor memutuskan nomor mana yang dipakai."
        )
    if kind == "likely_duplicate":
        return (
            f"Peserta baru {number} dari paket mirip peserta {local_number} di sini (nama mirip, tanggal lahir "
            "dan kecamatan NIK sama). Sudah digabung karena laptop sudah mencetak kartunya; supervisor "
            "memeriksa: dua orang berbeda (tulis keputusan), atau gabungkan duplikat di halaman peserta."
        )
    if kind == "changed_both":
        laptop = f"laptop {source}" if source else "laptop"
        return (
            f"Peserta {number} diubah di {laptop} dan di cabang sejak sinkron terakhir laptop itu. "
            "Supervisor memilih per kolom: data laptop atau data cabang."
        )
    return f"Nomor {number} di sini milik NIK lain. Tidak digabung: periksa pengaturan kode laptop."


def conflict_dto(c: PackageConflict, source: str = "") -> ConflictDTO:
    """A stored package conflict as the supervisor's list shows it (NIK masked)."""
    data = json.loads(c.record)
    member = data.get("member", data) if c.kind == "changed_both" else data
    return ConflictDTO(
        c.id,
        c.kind,
        c.number,
        c.local_number,
        str(member.get("nama", "")),
        mask_nik(str(member.get("nik", ""))),
        conflict_message(c.kind, c.number, c.local_number, source),
        c.status,
        c.package_id,
        source,
    )


def _source(session: Session, c: PackageConflict) -> str:
    return str(
        session.execute(
            select(ImportedPackage.source_code).where(ImportedPackage.package_id == c.package_id)
        ).scalar_one_or_none()
        or ""
    )


def package_conflicts(
    ctx: ServiceContext, actor: Actor, *, include_resolved: bool = False
) -> tuple[ConflictDTO, ...]:
    """What packages could not merge by themselves, for a supervisor to decide."""
    authorize(ctx, actor, Permission.APPROVE)

    def work(session: Session) -> tuple[ConflictDTO, ...]:
        q = (
            select(PackageConflict, ImportedPackage.source_code)
            .join(ImportedPackage, ImportedPackage.package_id == PackageConflict.package_id)
            .order_by(PackageConflict.id)
        )
        if not include_resolved:
            q = q.where(PackageConflict.status == ConflictStatus.OPEN)
        return tuple(conflict_dto(c, str(src)) for c, src in session.execute(q))

    return ctx.read(work)


def _by_number(session: Session, given: int) -> PackageConflict | None:
    """The conflict a supervisor names: its short number (``#1``, the id within this branch's block)
    or its full id (``#101000000000001``)."""
    if given <= 0:
        return None
    if given >= BLOCK:
        return session.get(PackageConflict, given)
    home = home_branch(session)
    wanted = {given} | ({block_of(home.code) + given} if home is not None else set())
    found = list(session.execute(select(PackageConflict).where(PackageConflict.id.in_(wanted))).scalars())
    return found[0] if len(found) == 1 else None


def _load(session: Session, conflict_id: int, *, kind: str | None = None) -> PackageConflict:
    c = _by_number(session, conflict_id)
    shown = local_part(conflict_id)
    if c is None or c.status != ConflictStatus.OPEN:
        raise DomainError(
            Issue(
                "konflik", "package.conflict_not_open", msg("Konflik #{number} tidak terbuka.", number=shown)
            )
        )
    if kind is not None and c.kind != kind:
        raise DomainError(
            Issue(
                "konflik",
                "package.conflict_kind",
                msg(
                    "Konflik #{number} bukan perubahan di dua tempat; catat keputusannya dengan catatan saja.",
                    number=shown,
                ),
            )
        )
    return c


def find_conflict(ctx: ServiceContext, supervisor: Actor, number: int) -> ConflictDTO:
    """The open conflict a supervisor named by its short or its full number."""
    authorize(ctx, supervisor, Permission.APPROVE)

    def work(session: Session) -> ConflictDTO:
        c = _load(session, number)
        return conflict_dto(c, _source(session, c))

    return ctx.read(work)


def _sides(
    session: Session, c: PackageConflict
) -> tuple[Member, dict[str, Any], tuple[FieldSides, ...], list[str]]:
    """The member here, the stored record, the differing fields, and the branch's own changes."""
    data = json.loads(c.record)
    m = session.execute(select(Member).where(Member.number == c.local_number)).scalar_one()
    laptop_changed: set[str] = set()
    for ch in data.get("changes", []):
        if ch.get("kind") == "deactivation":
            laptop_changed.add(STATUS)
        else:
            laptop_changed.update(ch.get("changes", {}))
    ours = branch_changes(session, [m.id], int(data.get("seen") or 0)).get(m.id, [])
    branch_changed = {f for ch in ours for f in ch.fields}
    fields = compare(
        data["laptop_state"],
        member_state(session, m),
        laptop_changed=laptop_changed,
        branch_changed=branch_changed,
    )
    return m, data, fields, [ch.summary for ch in ours]


def conflict_detail(ctx: ServiceContext, supervisor: Actor, conflict_id: int) -> ConflictDetailDTO:
    """A ``changed_both`` conflict side by side (supervisor): only the fields that differ."""
    authorize(ctx, supervisor, Permission.APPROVE)

    def work(session: Session) -> ConflictDetailDTO:
        c = _load(session, conflict_id, kind="changed_both")
        _m, data, fields, branch_words = _sides(session, c)
        source = _source(session, c)
        changes = []
        officers = {int(o["id"]): str(o["username"]) for o in data.get("officers", [])}
        for ch in data.get("changes", []):
            if ch.get("kind") == "deactivation":
                summary = f"nonaktif: {STATUS_WORDS.get(str(ch.get('reason')), ch.get('reason'))}"
                reason, by, at = str(ch.get("note") or ""), ch.get("by"), ch.get("at")
            else:
                summary = describe_changes(ch.get("changes", {}))
                reason, by, at = str(ch.get("reason") or ""), ch.get("decided_by"), ch.get("decided_at")
            changes.append(
                LaptopChangeDTO(
                    str(ch.get("kind")),
                    int(ch.get("ref", 0)),
                    summary,
                    reason,
                    officers.get(int(by), f"petugas {by}") if isinstance(by, int) else "",
                    when(str(at)) if at else None,
                )
            )
        return ConflictDetailDTO(conflict_dto(c, source), fields, tuple(changes), tuple(branch_words), source)

    return ctx.read(work)


def merge_conflict(
    ctx: ServiceContext,
    supervisor: Actor,
    conflict_id: int,
    choices: Mapping[str, str],
    *,
    password: str,
    note: str = "",
) -> MergeResultDTO:
    """Merge a ``changed_both`` conflict field by field (``choices``: field -> ``laptop``/``cabang``;
    a field changed on one side only may be left to that side). Supervisor, password again."""
    authorize(ctx, supervisor, Permission.APPROVE)
    reauthenticate(ctx, supervisor, password)
    why = collapse(note)[:MAX_NOTE]

    def work(session: Session) -> MergeResultDTO:
        ensure_day_open(session, ctx)  # the merge is dated today, like any correction's approval
        c = _load(session, conflict_id, kind="changed_both")
        m, data, fields, _ = _sides(session, c)
        taken, issues = decide(fields, choices)
        if issues:
            raise DomainError(issues)
        source = _source(session, c)
        origin = {"conflict_id": c.id, "source": source}
        laptop = data["laptop_state"]
        wanted = {f: laptop.get(f) for f, side in taken.items() if side is Side.LAPTOP and f != STATUS}
        correction_id = None
        if wanted:
            mismatch = any(bool(ch.get("confirm_mismatch")) for ch in data.get("changes", []))
            label = f"laptop {source}" if source else "laptop"
            correction, events = apply_decided_correction(
                session,
                ctx,
                m,
                wanted,
                reason=f"Penggabungan konflik #{local_part(c.id)}: {', '.join(sorted(wanted))} dari {label}"
                + (f" — {why}" if why else ""),
                proposed_by_id=supervisor.id,
                decided_by_id=supervisor.id,
                confirm_mismatch=mismatch,
                origin=origin,
            )
            append_events(session, ctx, actor=supervisor, events=list(events))
            correction_id = correction.id
        deactivated = taken.get(STATUS) is Side.LAPTOP
        if deactivated:
            closing = next(ch for ch in reversed(data["changes"]) if ch.get("kind") == "deactivation")
            target = None
            if closing.get("into"):
                target = session.execute(
                    select(Member).where(Member.number == str(closing["into"]))
                ).scalar_one_or_none()
            close_member(
                session,
                ctx,
                supervisor,
                m,
                str(closing["reason"]),
                note=f"Penggabungan konflik #{local_part(c.id)}: {closing.get('note') or ''}".strip(),
                target=target,
                origin=origin,
            )
        summary = ", ".join(f"{f}={side.value}" for f, side in sorted(taken.items())) or "tidak ada beda"
        c.status, c.resolved_at, c.resolved_by_id = "RESOLVED", ctx.clock(), supervisor.id
        c.note = (f"Digabung per kolom: {summary}" + (f". {why}" if why else ""))[:MAX_NOTE]
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="package.conflict_merge",
            entity="package_conflict",
            entity_id=str(c.id),
            member_id=m.id,
            details={
                "number": c.number,
                "source": source,
                "taken": {f: side.value for f, side in sorted(taken.items())},
                "correction_id": correction_id,
                "deactivated": deactivated,
                "note": why,
            },
        )
        return MergeResultDTO(
            conflict_dto(c, source), {f: s.value for f, s in taken.items()}, correction_id, deactivated
        )

    return ctx.write(work)


def resolve_conflict(ctx: ServiceContext, supervisor: Actor, conflict_id: int, note: str) -> ConflictDTO:
    """Record a decision on a member not merged (e.g. "sama orang, pakai nomor cabang; kartu laptop
    ditarik"), audited. A ``changed_both`` conflict is merged field by field instead."""
    authorize(ctx, supervisor, Permission.APPROVE)
    why = clean_reason(note, lo=MIN_NOTE, hi=MAX_NOTE)
    if why is None:
        raise DomainError(Issue("catatan", "package.conflict_note", "Tulis keputusan (5–500 karakter)."))

    def work(session: Session) -> ConflictDTO:
        c = _load(session, conflict_id)
        if c.kind == "changed_both":
            raise DomainError(
                Issue(
                    "konflik",
                    "package.conflict_merge_needed",
                    msg(
                        "Konflik #{number} digabung per kolom: pilih data laptop atau cabang untuk tiap kolom yang berbeda (loket package resolve ID --take KOLOM=laptop|cabang, atau halaman Jemput Bola).",
                        number=local_part(conflict_id),
                    ),
                )
            )
        c.status, c.resolved_at, c.resolved_by_id, c.note = "RESOLVED", ctx.clock(), supervisor.id, why
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="package.conflict_resolve",
            entity="package_conflict",
            entity_id=str(c.id),
            details={"number": c.number, "local_number": c.local_number, "note": why},
        )
        return conflict_dto(c, _source(session, c))

    return ctx.write(work)
