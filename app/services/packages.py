"""Outreach packages: an outreach laptop carries its records to the branch in a signed file.

The convention that keeps membership numbers apart: every outreach laptop is set up as its own
"branch" with its own 3-digit prefix (``loket branch setup --code 201 --name "Jemput Bola 1 KC
Palembang"``), so the numbers it gives out (201…) can never be the branch server's (101…).
Receipt numbers carry the same code (``TBI-201-2026-…``) and card serials carry the member's number,
so nothing collides either. Imported members keep their numbers.

A package (``.lpkg``) is a zip of JSON parts: members, heirs, enrolments, payments, the months they
cover, cards, the officers who did the work, and the audit events of the period, plus
``manifest.json`` (the SHA-256 and size of every part) and ``manifest.sig`` (Ed25519 over the
manifest with the laptop's card-signing key). The branch must already trust that key
(``loket keys import``); an unknown key, a bad signature, a changed, missing or extra part, or a
package from this branch's own prefix is refused, naming what is wrong, and nothing is merged. So
is a package that does not prove where it comes from, or carries what the counter would refuse
(``app.domain.package_rules``): a key of another branch than the one it names, numbers, receipts
or cards that are not that branch's, a member that fails the intake form's validation.

Merging is idempotent: the package id is recorded, so importing the same file again changes
nothing; members are matched by number and NIK, payments by receipt number, cards by serial,
audit events by (laptop code, seq, hash), so an overlapping later package adds only what is new.
A member whose NIK is already an active member here under another number is not merged: it is
kept as a conflict for a supervisor. The laptop's audit events are stored as imported events
(``imported_audit_event``), outside this database's hash chain, which they would break; the local
chain gets one ``package.import`` event carrying the package id and the manifest's hash, which
in turn covers every imported event.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.cards_models import Card
from app.db.contribution_models import Payment, PaymentMonth
from app.db.day_models import ImportedAuditEvent, ImportedPackage, PackageConflict, PackageRecord
from app.db.models import AuditEvent, Branch, Enrolment, Heir, Member, Officer
from app.domain.issues import DomainError, Issue
from app.domain.membership import parse_number
from app.domain.nik import mask_nik
from app.domain.package_rules import provenance_issues, record_issues
from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.domain.roles import Permission
from app.services.audit import append_event
from app.services.auth import authorize, reauthenticate
from app.services.card_keys import require_branch, signing_key, trusted_keys
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.day_lock import ensure_day_open
from app.services.dto import Actor
from app.services.search_index import facts_of, index_member

FORMAT = "loket-package"
VERSION = 1
PARTS = (
    "officers.json",
    "members.json",
    "heirs.json",
    "enrolments.json",
    "payments.json",
    "payment_months.json",
    "cards.json",
    "audit_events.json",
)
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_PART_BYTES = 512 * 1024 * 1024
MAX_DAYS = 366


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _programme_months(pm: dict[str, Any], detail: str) -> list[tuple[str, int]]:
    """(programme, amount) rows of one packaged payment month. Packages from before contributions
    were paid per programme carry one row per month: it is split by the payment's own quote."""
    if pm.get("programme"):
        return [(str(pm["programme"]), int(pm["amount"]))]
    quote = json.loads(detail)
    label = f"{int(pm['month']) // 100:04d}-{int(pm['month']) % 100:02d}"
    per: dict[str, int] = {str(code): 0 for code in quote.get("programmes", ()) if code != "JKP"}
    for line in quote.get("lines", ()):
        if line.get("month") == label and line.get("programme") in per:
            per[str(line["programme"])] += int(line["amount"])
    return sorted(per.items()) or [("JKK", int(pm["amount"]))]


def _when(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    t = dt.datetime.fromisoformat(value)
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t


def _refused(code: str, message: str) -> DomainError:
    return DomainError(Issue("paket", code, message))


# --- export ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackageInfo:
    path: Path
    package_id: str
    source_code: str
    source_name: str
    key_id: str
    period_from: dt.date
    period_to: dt.date
    created_at: dt.datetime
    counts: Mapping[str, int]
    manifest_sha256: str


def _collect(session: Session, start: dt.date, end: dt.date) -> dict[str, list[dict[str, Any]]]:
    imported_members = select(PackageRecord.local_id).where(PackageRecord.entity == "member")
    member_ids = select(Enrolment.member_id).where(
        Enrolment.business_date >= start, Enrolment.business_date <= end
    )
    members = (
        session.execute(
            select(Member)
            .where(Member.id.in_(member_ids), Member.id.not_in(imported_members))
            .order_by(Member.number)
        )
        .scalars()
        .all()
    )
    ids = [m.id for m in members]
    number_of = {m.id: m.number for m in members}
    officer_ids: set[int] = set()

    def officer(oid: int | None) -> int | None:
        if oid is not None:
            officer_ids.add(oid)
        return oid

    parts: dict[str, list[dict[str, Any]]] = {name: [] for name in PARTS}
    for m in members:
        parts["members.json"].append(
            {
                "number": m.number,
                "nik": m.nik,
                "nama": m.nama,
                "tempat_lahir": m.tempat_lahir,
                "tanggal_lahir": m.tanggal_lahir.isoformat(),
                "jenis_kelamin": m.jenis_kelamin,
                "nama_ibu": m.nama_ibu,
                "no_hp": m.no_hp,
                "alamat": m.alamat,
                "kode_wilayah": m.kode_wilayah,
                "nik_district": m.nik_district,
                "record_status": m.record_status,
                "created_at": _iso(m.created_at),
                "created_by": officer(m.created_by_id),
            }
        )
    if ids:
        for h in session.execute(select(Heir).where(Heir.member_id.in_(ids)).order_by(Heir.id)).scalars():
            parts["heirs.json"].append(
                {
                    "member": number_of[h.member_id],
                    "position": h.position,
                    "nama": h.nama,
                    "hubungan": h.hubungan,
                }
            )
        for e in session.execute(
            select(Enrolment).where(Enrolment.member_id.in_(ids)).order_by(Enrolment.id)
        ).scalars():
            parts["enrolments.json"].append(
                {
                    "ref": e.id,
                    "member": number_of[e.member_id],
                    "segment": e.segment,
                    "occupation_code": e.occupation_code,
                    "programmes": e.programmes,
                    "income": e.income,
                    "funding_source": e.funding_source,
                    "channel": e.channel,
                    "npp": e.npp,
                    "months_at_enrolment": e.months_at_enrolment,
                    "enrolled_at": _iso(e.enrolled_at),
                    "business_date": e.business_date.isoformat(),
                    "officer": officer(e.officer_id),
                    "counter": e.counter,
                    "mismatch_confirmed": e.mismatch_confirmed,
                }
            )
        payment_ids: list[int] = []
        for p in session.execute(
            select(Payment).where(Payment.member_id.in_(ids)).order_by(Payment.id)
        ).scalars():
            payment_ids.append(p.id)
            parts["payments.json"].append(
                {
                    "ref": p.id,
                    "receipt_no": p.receipt_no,
                    "member": number_of[p.member_id],
                    "enrolment": p.enrolment_id,
                    "method": p.method,
                    "reference": p.reference,
                    "schedule": p.schedule,
                    "first_month": p.first_month,
                    "last_month": p.last_month,
                    "months_count": p.months_count,
                    "gross_total": p.gross_total,
                    "discount_total": p.discount_total,
                    "fine_total": p.fine_total,
                    "credit_total": p.credit_total,
                    "total": p.total,
                    "detail": p.detail,
                    "received_at": _iso(p.received_at),
                    "business_date": p.business_date.isoformat(),
                    "officer": officer(p.officer_id),
                    "counter": p.counter,
                    "status": p.status,
                    "voided_at": _iso(p.voided_at),
                    "voided_by": officer(p.voided_by_id),
                    "void_reason": p.void_reason,
                }
            )
        if payment_ids:
            for pm in session.execute(
                select(PaymentMonth).where(PaymentMonth.payment_id.in_(payment_ids)).order_by(PaymentMonth.id)
            ).scalars():
                parts["payment_months.json"].append(
                    {
                        "payment": pm.payment_id,
                        "programme": pm.programme,
                        "month": pm.month,
                        "amount": pm.amount,
                        "voided": pm.voided,
                    }
                )
        for c in session.execute(select(Card).where(Card.member_id.in_(ids)).order_by(Card.id)).scalars():
            parts["cards.json"].append(
                {
                    "serial": c.serial,
                    "member": number_of[c.member_id],
                    "seq": c.seq,
                    "key_id": c.key_id,
                    "issued_at": _iso(c.issued_at),
                    "business_date": c.business_date.isoformat(),
                    "issued_by": officer(c.issued_by_id),
                    "counter": c.counter,
                    "approved_by": officer(c.approved_by_id),
                    "status": c.status,
                    "status_reason": c.status_reason,
                    "status_note": c.status_note,
                    "status_at": _iso(c.status_at),
                    "status_by": officer(c.status_by_id),
                }
            )
    numbers = {row[0]: row[1] for row in session.execute(select(Member.id, Member.number))} if ids else {}
    for ev in session.execute(
        select(AuditEvent)
        .where(AuditEvent.business_date >= start, AuditEvent.business_date <= end)
        .order_by(AuditEvent.seq)
    ).scalars():
        parts["audit_events.json"].append(
            {
                "seq": ev.seq,
                "occurred_at": _iso(ev.occurred_at),
                "business_date": ev.business_date.isoformat(),
                "actor": ev.actor,
                "counter": ev.counter,
                "action": ev.action,
                "entity": ev.entity,
                "entity_id": ev.entity_id,
                "member": numbers.get(ev.member_id) if ev.member_id is not None else None,
                "details": ev.details,
                "prev_hash": ev.prev_hash,
                "hash": ev.hash,
            }
        )
    if officer_ids:
        for o in session.execute(
            select(Officer).where(Officer.id.in_(officer_ids)).order_by(Officer.id)
        ).scalars():
            parts["officers.json"].append({"id": o.id, "username": o.username, "full_name": o.full_name})
    return parts


def export_package(
    ctx: ServiceContext,
    actor: Actor,
    *,
    start: dt.date,
    end: dt.date,
    path: Path,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> PackageInfo:
    """Write the members enrolled here from ``start`` to ``end`` (with their heirs, enrolments,
    payments, covered months and cards) and the period's audit events into a signed package."""
    authorize(ctx, actor, Permission.EXPORT)
    if end < start or (end - start).days + 1 > MAX_DAYS:
        raise _refused("package.range", f"Periode paket 1–{MAX_DAYS} hari, tanggal akhir tidak sebelum awal.")
    branch = require_branch(ctx)
    key = signing_key(ctx, branch, actor=actor)
    progress(0, 3, "Mengumpulkan data…")
    parts = ctx.read(lambda s: _collect(s, start, end))
    if cancel.cancelled:
        raise Cancelled()
    now = ctx.clock()
    package_id = uuid.uuid4().hex
    blobs = {name: _json_bytes(rows) for name, rows in parts.items()}
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "package_id": package_id,
        "created_at": now.isoformat(),
        "source": {"code": branch.code, "name": branch.name, "counter": ctx.counter},
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "exported_by": actor.username,
        "key_id": key.key_id,
        "parts": {
            name: {"sha256": hashlib.sha256(b).hexdigest(), "bytes": len(b), "rows": len(parts[name])}
            for name, b in blobs.items()
        },
    }
    manifest_bytes = _json_bytes(manifest)
    signature = base64.b64encode(key.sign(manifest_bytes))
    progress(1, 3, "Menulis paket…")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest_bytes)
            zf.writestr(SIGNATURE, signature)
            for name, b in blobs.items():
                zf.writestr(name, b)
        if cancel.cancelled:
            raise Cancelled()
        counts = {name.removesuffix(".json"): len(rows) for name, rows in parts.items()}
        ctx.write(
            lambda s: append_event(
                s,
                ctx,
                actor=actor,
                action="package.export",
                entity="package",
                entity_id=package_id,
                details={
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
                    "counts": counts,
                },
            )
        )
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    progress(3, 3, "Selesai")
    return PackageInfo(
        path,
        package_id,
        branch.code,
        branch.name,
        key.key_id,
        start,
        end,
        now,
        counts,
        hashlib.sha256(manifest_bytes).hexdigest(),
    )


# --- reading and verifying -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifiedPackage:
    info: PackageInfo
    parts: dict[str, list[dict[str, Any]]]


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise _refused(
            "package.unreadable", f"Berkas {path.name} bukan paket Loket yang utuh ({exc})."
        ) from exc
    with zf:
        out: dict[str, bytes] = {}
        for info in zf.infolist():
            name = info.filename
            if name not in (MANIFEST, SIGNATURE, *PARTS):
                raise _refused(
                    "package.part_extra", f"Paket memuat bagian yang tidak dikenal: {name[:60]!r}."
                )
            if name in out:
                raise _refused("package.part_duplicate", f"Bagian {name} muncul dua kali di paket.")
            if info.file_size > MAX_PART_BYTES:
                raise _refused("package.too_large", f"Bagian {name} terlalu besar.")
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_PART_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise _refused("package.part_changed", f"Bagian {name} rusak: {exc}.") from exc
            if len(data) > MAX_PART_BYTES:
                raise _refused("package.too_large", f"Bagian {name} terlalu besar.")
            out[name] = data
    return out


def verify_package(ctx: ServiceContext, path: Path) -> VerifiedPackage:
    """Check signature and hashes without merging anything; ``DomainError`` says what is wrong."""
    files = _read_zip(path)
    if MANIFEST not in files:
        raise _refused("package.manifest_missing", "Paket tidak memuat manifest.json.")
    if SIGNATURE not in files:
        raise _refused("package.signature_missing", "Paket tidak memuat tanda tangan (manifest.sig).")
    manifest_bytes = files[MANIFEST]
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        key_id = str(manifest["key_id"])
        source = manifest["source"]
        code, name = str(source["code"]), str(source["name"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise _refused("package.manifest", "manifest.json rusak atau bukan manifest paket Loket.") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise _refused("package.format", "Format atau versi paket tidak dikenal oleh Loket ini.")
    record = trusted_keys(ctx).get(key_id)
    if record is None:
        raise _refused(
            "package.unknown_key",
            f"Paket ditandatangani kunci {key_id[:16]} dari {code} {name[:60]} yang belum dipercaya di sini. "
            "Impor dulu kunci publik laptop itu: 'loket keys import FILE' (supervisor).",
        )
    try:
        signature = base64.b64decode(files[SIGNATURE], validate=True)
        Ed25519PublicKey.from_public_bytes(record.public_key).verify(signature, manifest_bytes)
    except (ValueError, InvalidSignature) as exc:
        raise _refused(
            "package.signature",
            "Tanda tangan paket tidak cocok: manifest diubah atau paket tidak ditandatangani kunci itu.",
        ) from exc
    try:
        created = _when(str(manifest["created_at"]))
        start = dt.date.fromisoformat(manifest["period"]["from"])
        end = dt.date.fromisoformat(manifest["period"]["to"])
        listed = dict(manifest["parts"])
        package_id = str(manifest["package_id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _refused("package.manifest", "manifest.json tidak lengkap.") from exc
    assert created is not None
    if record.retired_at is not None and created > record.retired_at:
        raise _refused("package.key_retired", f"Kunci {key_id} sudah dipensiunkan sebelum paket dibuat.")
    if len(package_id) != 32 or not all(ch in "0123456789abcdef" for ch in package_id):
        raise _refused("package.manifest", "ID paket tidak sah.")
    if set(listed) != set(PARTS):
        raise _refused("package.manifest", "Daftar bagian di manifest tidak sesuai format paket.")
    for part in PARTS:
        if part not in files:
            raise _refused(
                "package.part_missing", f"Bagian {part} tercantum di manifest tetapi tidak ada di paket."
            )
        digest = hashlib.sha256(files[part]).hexdigest()
        if digest != listed[part].get("sha256") or len(files[part]) != listed[part].get("bytes"):
            raise _refused(
                "package.part_changed",
                f"Isi bagian {part} berubah sejak paket ditandatangani (hash tidak cocok).",
            )
    parts: dict[str, list[dict[str, Any]]] = {}
    for part in PARTS:
        try:
            rows = json.loads(files[part].decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _refused("package.part_changed", f"Bagian {part} bukan JSON yang sah.") from exc
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _refused("package.part_changed", f"Bagian {part} tidak berbentuk daftar rekaman.")
        parts[part] = rows
    for m in parts["members.json"]:
        parsed = parse_number(str(m.get("number", "")))
        if isinstance(parsed, Issue):
            raise _refused("package.number", f"Nomor peserta {str(m.get('number'))[:20]} di paket tidak sah.")
    # Where it comes from (key and numbers), then what it carries (the intake form's own rules):
    # one problem refuses the whole package, every problem is listed.
    problems = provenance_issues(code, name, key_id, record.branch_code, record.branch_name, parts)
    if not problems:
        problems = record_issues(parts, regions=ctx.regions, reference=ctx.reference)
    if problems:
        raise DomainError(problems)
    counts = {p.removesuffix(".json"): len(parts[p]) for p in PARTS}
    info = PackageInfo(
        path,
        package_id,
        code,
        name,
        key_id,
        start,
        end,
        created,
        counts,
        hashlib.sha256(manifest_bytes).hexdigest(),
    )
    return VerifiedPackage(info, parts)


def check_package(ctx: ServiceContext, supervisor: Actor, path: Path) -> VerifiedPackage:
    """``loket import-package --check``: everything the import checks, nothing merged (supervisor)."""
    authorize(ctx, supervisor, Permission.APPROVE)
    return verify_package(ctx, path)


# --- import ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictDTO:
    id: int | None
    kind: str  # nik_both | number_taken
    number: str
    local_number: str
    name: str
    nik_masked: str
    message: str
    status: str = "OPEN"
    package_id: str = ""


@dataclass(frozen=True, slots=True)
class PackageImportResult:
    package_id: str
    source: str
    already_imported: bool
    members_added: int = 0
    members_existing: int = 0
    payments_added: int = 0
    payments_amount: int = 0
    cards_added: int = 0
    events_added: int = 0
    conflicts: tuple[ConflictDTO, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "source": self.source,
            "already_imported": self.already_imported,
            "members_added": self.members_added,
            "members_existing": self.members_existing,
            "payments_added": self.payments_added,
            "payments_amount": self.payments_amount,
            "cards_added": self.cards_added,
            "events_added": self.events_added,
            "conflicts": [
                {"kind": c.kind, "number": c.number, "local_number": c.local_number, "message": c.message}
                for c in self.conflicts
            ],
            "warnings": list(self.warnings),
        }


def _conflict_message(kind: str, number: str, local_number: str) -> str:
    if kind == "nik_both":
        return (
            f"NIK peserta {number} dari paket sudah terdaftar di sini sebagai {local_number}. "
            "Tidak digabung: supervisor memutuskan nomor mana yang dipakai."
        )
    return f"Nomor {number} di sini milik NIK lain. Tidak digabung: periksa pengaturan kode laptop."


class _Merge:
    """One package merged inside one transaction."""

    def __init__(self, session: Session, ctx: ServiceContext, pkg: VerifiedPackage, by: Actor) -> None:
        self.s, self.ctx, self.pkg, self.by = session, ctx, pkg, by
        self.code = pkg.info.source_code
        self.branch_id = int(session.execute(select(Branch.id).limit(1)).scalar_one())
        self.officers: dict[int, int] = {}
        self.members: dict[str, int] = {}  # package number -> local id (merged or already here)
        self.enrolments: dict[int, int] = {}
        self.payments: dict[int, int] = {}
        self.records: list[tuple[str, int]] = []
        self.conflicts: list[tuple[str, dict[str, Any], str]] = []
        self.warnings: list[str] = []
        self.added = {"members": 0, "existing": 0, "payments": 0, "amount": 0, "cards": 0, "events": 0}

    def officer(self, ref: Any) -> int:
        """The local account standing for a laptop officer (made inactive, without a password)."""
        if ref is None:
            return self.by.id
        local = self.officers.get(int(ref))
        if local is not None:
            return local
        known = {int(o["id"]): o for o in self.pkg.parts["officers.json"]}
        o = known.get(int(ref))
        username = f"{str(o['username'])[:35]}.{self.code}" if o else f"petugas{int(ref)}.{self.code}"
        row = self.s.execute(select(Officer.id).where(Officer.username == username)).scalar_one_or_none()
        if row is None:
            officer = Officer(
                username=username,
                full_name=(str(o["full_name"])[:80] if o else username) + f" (laptop {self.code})",
                role="officer",
                password_hash="!imported",  # noqa: S106 - not an argon2 hash: no one can log in with it
                active=False,
                failed_logins=0,
                created_at=self.ctx.clock(),
            )
            self.s.add(officer)
            self.s.flush()
            row = officer.id
        self.officers[int(ref)] = int(row)
        return int(row)

    def run(self, cancel: CancelToken, progress: ProgressSink) -> None:
        parts = self.pkg.parts
        heirs: dict[str, list[dict[str, Any]]] = {}
        for h in parts["heirs.json"]:
            heirs.setdefault(str(h["member"]), []).append(h)
        total = len(parts["members.json"])
        for i, m in enumerate(parts["members.json"], start=1):
            if cancel.cancelled:
                raise Cancelled()
            self.member(m, heirs.get(str(m["number"]), []))
            if i % 200 == 0:
                progress(i, total, f"{i} peserta")
        for e in parts["enrolments.json"]:
            self.enrolment(e)
        months: dict[int, list[dict[str, Any]]] = {}
        for pm in parts["payment_months.json"]:
            months.setdefault(int(pm["payment"]), []).append(pm)
        for p in parts["payments.json"]:
            self.payment(p, months.get(int(p["ref"]), []))
        for c in parts["cards.json"]:
            self.card(c)
        self.events(parts["audit_events.json"])

    def member(self, m: dict[str, Any], heirs: list[dict[str, Any]]) -> None:
        number, nik = str(m["number"]), str(m["nik"])
        local = self.s.execute(select(Member.id, Member.nik).where(Member.number == number)).first()
        if local is not None:
            if local[1] == nik:
                self.members[number] = int(local[0])
                self.added["existing"] += 1
            else:
                self.conflicts.append(("number_taken", {**m, "heirs": heirs}, number))
            return
        if str(m.get("record_status")) == "ACTIVE":
            other = self.s.execute(
                select(Member.number).where(Member.nik == nik, Member.record_status == "ACTIVE")
            ).scalar_one_or_none()
            if other is not None:
                self.conflicts.append(("nik_both", {**m, "heirs": heirs}, str(other)))
                return
        member = Member(
            number=number,
            branch_id=self.branch_id,
            nik=nik,
            nama=str(m["nama"]),
            tempat_lahir=str(m["tempat_lahir"]),
            tanggal_lahir=dt.date.fromisoformat(m["tanggal_lahir"]),
            jenis_kelamin=str(m["jenis_kelamin"]),
            nama_ibu=str(m["nama_ibu"]),
            no_hp=m.get("no_hp"),
            alamat=str(m["alamat"]),
            kode_wilayah=m.get("kode_wilayah"),
            nik_district=str(m["nik_district"]),
            record_status=str(m["record_status"])
            if m["record_status"] in ("ACTIVE", "DEACTIVATED")
            else "ACTIVE",
            created_at=_when(m["created_at"]),
            created_by_id=self.officer(m.get("created_by")),
        )
        self.s.add(member)
        self.s.flush()
        self.s.add_all(
            Heir(
                member_id=member.id,
                position=int(h["position"]),
                nama=str(h["nama"]),
                hubungan=str(h["hubungan"]),
            )
            for h in heirs
        )
        index_member(self.s, facts_of(member))
        self.members[number] = member.id
        self.records.append(("member", member.id))
        self.added["members"] += 1

    def enrolment(self, e: dict[str, Any]) -> None:
        member_id = self.members.get(str(e["member"]))
        if member_id is None:
            return
        existing = self.s.execute(
            select(Enrolment.id).where(
                Enrolment.member_id == member_id, Enrolment.enrolled_at == _when(e["enrolled_at"])
            )
        ).scalar_one_or_none()
        if existing is not None:
            self.enrolments[int(e["ref"])] = int(existing)
            return
        row = Enrolment(
            member_id=member_id,
            segment=str(e["segment"]),
            occupation_code=str(e["occupation_code"]),
            programmes=str(e["programmes"]),
            income=int(e["income"]),
            funding_source=str(e["funding_source"]),
            channel=str(e["channel"]),
            npp=e.get("npp"),
            months_at_enrolment=int(e["months_at_enrolment"]),
            enrolled_at=_when(e["enrolled_at"]),
            business_date=dt.date.fromisoformat(e["business_date"]),
            officer_id=self.officer(e.get("officer")),
            counter=str(e["counter"])[:64],
            mismatch_confirmed=bool(e.get("mismatch_confirmed")),
        )
        self.s.add(row)
        self.s.flush()
        self.enrolments[int(e["ref"])] = row.id
        self.records.append(("enrolment", row.id))

    def payment(self, p: dict[str, Any], months: list[dict[str, Any]]) -> None:
        member_id = self.members.get(str(p["member"]))
        if member_id is None:
            return
        receipt = str(p["receipt_no"])
        if (
            self.s.execute(select(Payment.id).where(Payment.receipt_no == receipt)).scalar_one_or_none()
            is not None
        ):
            return
        try:
            with self.s.begin_nested():
                row = Payment(
                    receipt_no=receipt,
                    member_id=member_id,
                    enrolment_id=self.enrolments.get(int(p["enrolment"])) if p.get("enrolment") else None,
                    sponsor_batch_id=None,
                    method=str(p["method"]),
                    reference=p.get("reference"),
                    schedule=str(p["schedule"]),
                    first_month=int(p["first_month"]),
                    last_month=int(p["last_month"]),
                    months_count=int(p["months_count"]),
                    gross_total=int(p["gross_total"]),
                    discount_total=int(p["discount_total"]),
                    fine_total=int(p.get("fine_total", 0)),
                    credit_total=int(p.get("credit_total", 0)),
                    total=int(p["total"]),
                    detail=str(p["detail"]),
                    received_at=_when(p["received_at"]),
                    business_date=dt.date.fromisoformat(p["business_date"]),
                    officer_id=self.officer(p.get("officer")),
                    counter=str(p["counter"])[:64],
                    status=str(p["status"]),
                    voided_at=_when(p.get("voided_at")),
                    voided_by_id=self.officer(p["voided_by"]) if p.get("voided_by") is not None else None,
                    void_reason=p.get("void_reason"),
                )
                self.s.add(row)
                self.s.flush()
                self.s.add_all(
                    PaymentMonth(
                        payment_id=row.id,
                        member_id=member_id,
                        programme=code,
                        month=int(pm["month"]),
                        amount=amount,
                        voided=bool(pm["voided"]),
                    )
                    for pm in months
                    for code, amount in _programme_months(pm, str(p["detail"]))
                )
                status_index.forget(self.s, (member_id,))
                self.s.flush()
        except IntegrityError:
            self.warnings.append(
                f"Pembayaran {receipt} tidak digabung: bulan yang sama sudah dibayar di sini untuk peserta {p['member']}."
            )
            return
        self.payments[int(p["ref"])] = row.id
        self.records.append(("payment", row.id))
        self.added["payments"] += 1
        if row.status != "VOID":
            self.added["amount"] += row.total

    def card(self, c: dict[str, Any]) -> None:
        member_id = self.members.get(str(c["member"]))
        if member_id is None:
            return
        serial = str(c["serial"])
        if self.s.execute(select(Card.id).where(Card.serial == serial)).scalar_one_or_none() is not None:
            return
        row = Card(
            serial=serial,
            member_id=member_id,
            seq=int(c["seq"]),
            key_id=str(c["key_id"]),
            issued_at=_when(c["issued_at"]),
            business_date=dt.date.fromisoformat(c["business_date"]),
            issued_by_id=self.officer(c.get("issued_by")),
            counter=str(c["counter"])[:64],
            approved_by_id=self.officer(c["approved_by"]) if c.get("approved_by") is not None else None,
            status=str(c["status"]),
            status_reason=c.get("status_reason"),
            status_note=c.get("status_note"),
            status_at=_when(c.get("status_at")),
            status_by_id=self.officer(c["status_by"]) if c.get("status_by") is not None else None,
        )
        self.s.add(row)
        self.s.flush()
        self.records.append(("card", row.id))
        self.added["cards"] += 1

    def events(self, rows: Iterable[dict[str, Any]]) -> None:
        rows = sorted(rows, key=lambda r: int(r["seq"]))
        for before, after in itertools.pairwise(rows):
            if int(after["seq"]) == int(before["seq"]) + 1 and after["prev_hash"] != before["hash"]:
                raise _refused(
                    "package.audit_chain",
                    f"Peristiwa audit #{after['seq']} di paket tidak tersambung ke #{before['seq']}.",
                )
        known = set(
            self.s.execute(
                select(ImportedAuditEvent.source_seq, ImportedAuditEvent.hash).where(
                    ImportedAuditEvent.source_code == self.code
                )
            ).all()
        )
        for r in rows:
            if (int(r["seq"]), str(r["hash"])) in known:
                continue
            self.s.add(
                ImportedAuditEvent(
                    package_id=self.pkg.info.package_id,
                    source_code=self.code,
                    source_seq=int(r["seq"]),
                    occurred_at=_when(r["occurred_at"]),
                    business_date=dt.date.fromisoformat(r["business_date"]),
                    actor=str(r["actor"])[:40],
                    counter=str(r["counter"])[:64],
                    action=str(r["action"])[:40],
                    entity=str(r["entity"])[:30],
                    entity_id=r.get("entity_id"),
                    member_number=r.get("member"),
                    details=str(r["details"]),
                    prev_hash=str(r["prev_hash"]),
                    hash=str(r["hash"]),
                )
            )
            self.added["events"] += 1


def _conflict_dto(c: PackageConflict) -> ConflictDTO:
    data = json.loads(c.record)
    return ConflictDTO(
        c.id,
        c.kind,
        c.number,
        c.local_number,
        str(data.get("nama", "")),
        mask_nik(str(data.get("nik", ""))),
        _conflict_message(c.kind, c.number, c.local_number),
        c.status,
        c.package_id,
    )


def import_package(
    ctx: ServiceContext,
    supervisor: Actor,
    path: Path,
    *,
    password: str,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
) -> PackageImportResult:
    """Verify and merge a package (supervisor, password re-entered). All or nothing; a package
    already imported changes nothing."""
    authorize(ctx, supervisor, Permission.APPROVE)
    reauthenticate(ctx, supervisor, password)
    pkg = verify_package(ctx, path)
    info = pkg.info
    source = f"{info.source_code} {info.source_name}"
    branch = require_branch(ctx)
    if info.source_code == branch.code:
        raise _refused(
            "package.same_branch",
            f"Paket berasal dari kode {info.source_code}, sama dengan cabang ini. Setiap laptop jemput bola "
            "harus diatur dengan kode 3 digit sendiri (loket branch setup --code …) agar nomor peserta tidak bentrok.",
        )

    def already(session: Session) -> bool:
        return session.get(ImportedPackage, info.package_id) is not None

    if ctx.read(already):
        return PackageImportResult(info.package_id, source, already_imported=True)

    def work(session: Session) -> PackageImportResult:
        day = ensure_day_open(session, ctx)
        if already(session):
            return PackageImportResult(info.package_id, source, already_imported=True)
        merge = _Merge(session, ctx, pkg, supervisor)
        session.add(
            ImportedPackage(
                package_id=info.package_id,
                manifest_sha256=info.manifest_sha256,
                source_code=info.source_code,
                source_name=info.source_name[:100],
                key_id=info.key_id,
                period_from=info.period_from,
                period_to=info.period_to,
                created_at=info.created_at,
                imported_at=ctx.clock(),
                business_date=day,
                imported_by_id=supervisor.id,
                members=0,
                payments=0,
                payments_amount=0,
                cards=0,
                events=0,
                conflicts=0,
            )
        )
        session.flush()
        merge.run(cancel, progress)
        session.add_all(
            PackageRecord(package_id=info.package_id, entity=e, local_id=i) for e, i in merge.records
        )
        conflicts: list[PackageConflict] = []
        for kind, record, local_number in merge.conflicts:
            c = PackageConflict(
                package_id=info.package_id,
                kind=kind,
                number=str(record["number"]),
                local_number=local_number,
                record=json.dumps(record, ensure_ascii=False, sort_keys=True),
                status="OPEN",
                created_at=ctx.clock(),
            )
            session.add(c)
            conflicts.append(c)
        row = session.get(ImportedPackage, info.package_id)
        assert row is not None
        a = merge.added
        row.members, row.payments, row.payments_amount = a["members"], a["payments"], a["amount"]
        row.cards, row.events, row.conflicts = a["cards"], a["events"], len(conflicts)
        session.flush()
        append_event(
            session,
            ctx,
            actor=supervisor,
            action="package.import",
            entity="package",
            entity_id=info.package_id,
            details={
                "source": info.source_code,
                "key_id": info.key_id,
                "manifest_sha256": info.manifest_sha256,
                "period": [info.period_from.isoformat(), info.period_to.isoformat()],
                "added": a,
                "conflicts": [c.number for c in conflicts],
            },
        )
        return PackageImportResult(
            info.package_id,
            source,
            already_imported=False,
            members_added=a["members"],
            members_existing=a["existing"],
            payments_added=a["payments"],
            payments_amount=a["amount"],
            cards_added=a["cards"],
            events_added=a["events"],
            conflicts=tuple(_conflict_dto(c) for c in conflicts),
            warnings=tuple(merge.warnings),
        )

    return ctx.write(work)


def package_conflicts(
    ctx: ServiceContext, actor: Actor, *, include_resolved: bool = False
) -> tuple[ConflictDTO, ...]:
    """Members from packages that were not merged, for a supervisor to decide."""
    authorize(ctx, actor, Permission.APPROVE)

    def work(session: Session) -> tuple[ConflictDTO, ...]:
        q = select(PackageConflict).order_by(PackageConflict.id)
        if not include_resolved:
            q = q.where(PackageConflict.status == "OPEN")
        return tuple(_conflict_dto(c) for c in session.execute(q).scalars())

    return ctx.read(work)


def resolve_conflict(ctx: ServiceContext, supervisor: Actor, conflict_id: int, note: str) -> ConflictDTO:
    """Mark a conflict decided (e.g. "sama orang, pakai nomor cabang; kartu laptop ditarik"), audited."""
    authorize(ctx, supervisor, Permission.APPROVE)
    why = " ".join(note.split())
    if not 5 <= len(why) <= 500:
        raise DomainError(Issue("catatan", "package.conflict_note", "Tulis keputusan (5–500 karakter)."))

    def work(session: Session) -> ConflictDTO:
        c = session.get(PackageConflict, conflict_id)
        if c is None or c.status != "OPEN":
            raise DomainError(
                Issue("konflik", "package.conflict_not_open", f"Konflik #{conflict_id} tidak terbuka.")
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
        return _conflict_dto(c)

    return ctx.write(work)


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest as it is in the file (unverified), for showing what a package claims to be."""
    with zipfile.ZipFile(path) as zf, zf.open(MANIFEST) as fh:
        return dict(json.load(io.TextIOWrapper(fh, encoding="utf-8")))
