"""Merging a package's records at the branch, inside the import's one transaction.

Members are matched by number (and NIK), payments by receipt number, cards by serial, audit events
by (laptop code, seq, hash), so an overlapping later package adds only what is new. A member
already here from the same laptop stays as it is here: what the laptop changed on it travels as
corrections (``changes``), never as an overwrite. A member whose NIK is already an active member
here under another number is not merged: it is kept, with its rows, as a conflict for a supervisor.
A new member that the likely-duplicate rule (``app/domain/duplicates``, the counter's own) calls
like an active member here is merged (the laptop enrolled him and gave him a card) and listed as a
``likely_duplicate`` conflict with the same candidates the counter would show, for the supervisor
to confirm two people or merge the records on the member page.
The laptop's audit events are stored as imported events, outside this database's hash chain.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.cards_models import Card
from app.db.contribution_models import Payment, PaymentMonth
from app.db.day_models import ImportedAuditEvent, ImportedPackage, PackageRecord
from app.db.models import Branch, Enrolment, Heir, Member, Officer
from app.domain.duplicates import Person
from app.domain.messages import msg
from app.domain.progress import Cancelled, CancelToken, ProgressSink
from app.domain.states import PaymentStatus, RecordStatus
from app.services.context import ServiceContext
from app.services.contributions import status_index
from app.services.dto import Actor
from app.services.duplicates import likely_duplicates_many
from app.services.packages.dto import VerifiedPackage
from app.services.packages.format import programme_months, refused, when
from app.services.search_index import facts_of, index_member

CHUNK = 2000
LIKELY_DUPLICATE = "likely_duplicate"


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


class RecordMerge:
    """One package's records merged inside one transaction."""

    def __init__(self, session: Session, ctx: ServiceContext, pkg: VerifiedPackage, by: Actor) -> None:
        self.s, self.ctx, self.pkg, self.by = session, ctx, pkg, by
        self.code = pkg.info.source_code
        self.branch_id = int(session.execute(select(Branch.id).limit(1)).scalar_one())
        self.officers: dict[int, int] = {}
        self.known_officers = {int(o["id"]): o for o in pkg.parts["officers.json"]}
        self.members: dict[str, int] = {}  # package number -> local id (merged or already here)
        self.inserted: set[str] = set()  # numbers first merged by this package
        self.enrolments: dict[int, int] = {}
        self.payments: dict[int, int] = {}
        self.records: list[tuple[str, int]] = []
        self.conflicts: list[tuple[str, dict[str, Any], str]] = []
        self.warnings: list[str] = []
        self.alike: dict[str, list[str]] = {}  # package number -> numbers here it resembles, best first
        self.added = {"members": 0, "existing": 0, "payments": 0, "amount": 0, "cards": 0, "events": 0}

    def officer(self, ref: Any) -> int:
        """The local account standing for a laptop officer (made inactive, without a password)."""
        if ref is None:
            return self.by.id
        local = self.officers.get(int(ref))
        if local is not None:
            return local
        o = self.known_officers.get(int(ref))
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

    # ---- what is already here, read in chunks ----------------------------------------------------
    def _local_members(self, numbers: Sequence[str]) -> dict[str, tuple[int, str, bool]]:
        """number -> (id, NIK, came from a package of this laptop)."""
        out: dict[str, tuple[int, str, bool]] = {}
        from_source = (
            select(PackageRecord.local_id)
            .join(ImportedPackage, ImportedPackage.package_id == PackageRecord.package_id)
            .where(PackageRecord.entity == "member", ImportedPackage.source_code == self.code)
        )
        for chunk in _chunks(numbers):
            for mid, number, nik, ours in self.s.execute(
                select(Member.id, Member.number, Member.nik, Member.id.in_(from_source)).where(
                    Member.number.in_(chunk)
                )
            ):
                out[str(number)] = (int(mid), str(nik), bool(ours))
        return out

    def _active_niks(self, niks: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(niks):
            out.update(
                (str(n), str(num))
                for n, num in self.s.execute(
                    select(Member.nik, Member.number).where(
                        Member.nik.in_(chunk), Member.record_status == RecordStatus.ACTIVE
                    )
                )
            )
        return out

    def _likely_duplicates(self, members: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
        """The counter's likely-duplicate rule over the package's new active members, in one batch
        query: package number -> the numbers of the members here it resembles."""
        people = [
            (
                str(m["number"]),
                Person(
                    nik=str(m["nik"]),
                    nama=str(m["nama"]),
                    tanggal_lahir=dt.date.fromisoformat(str(m["tanggal_lahir"])),
                    nik_district=str(m["nik_district"]),
                    jenis_kelamin=m.get("jenis_kelamin"),
                    nama_ibu=m.get("nama_ibu"),
                    tempat_lahir=m.get("tempat_lahir"),
                    alamat=m.get("alamat"),
                    no_hp=m.get("no_hp"),
                ),
            )
            for m in members
        ]
        found = likely_duplicates_many(self.s, self.ctx, [p for _, p in people])
        return {
            number: [c.number for c in cands]
            for (number, _), cands in zip(people, found, strict=True)
            if cands
        }

    def _existing(self, column: Any, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(keys):
            out.update(str(k) for k in self.s.execute(select(column).where(column.in_(chunk))).scalars())
        return out

    # ---- the merge ------------------------------------------------------------------------------
    def run(self, cancel: CancelToken, progress: ProgressSink) -> None:
        parts = self.pkg.parts
        by_member: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name in ("heirs.json", "enrolments.json", "payments.json", "cards.json"):
            for row in parts[name]:
                by_member.setdefault(str(row["member"]), {}).setdefault(name, []).append(row)
        months: dict[int, list[dict[str, Any]]] = {}
        for pm in parts["payment_months.json"]:
            months.setdefault(int(pm["payment"]), []).append(pm)
        members = parts["members.json"]
        local = self._local_members([str(m["number"]) for m in members])
        active = self._active_niks([str(m["nik"]) for m in members if str(m["number"]) not in local])
        self.alike = self._likely_duplicates(
            [
                m
                for m in members
                if str(m["number"]) not in local
                and str(m["nik"]) not in active
                and str(m.get("record_status")) == RecordStatus.ACTIVE
            ]
        )
        total = len(members)
        for i, m in enumerate(members, start=1):
            if cancel.cancelled:
                raise Cancelled()
            rows = by_member.get(str(m["number"]), {})
            self.member(m, rows, months, local, active)
            if i % 500 == 0:
                progress(i, total, f"{i} peserta")
        enrolled = self._enrolled_here()
        for e in parts["enrolments.json"]:
            self.enrolment(e, enrolled)
        receipts = self._existing(Payment.receipt_no, [str(p["receipt_no"]) for p in parts["payments.json"]])
        for p in parts["payments.json"]:
            self.payment(p, months.get(int(p["ref"]), []), receipts)
        serials = self._existing(Card.serial, [str(c["serial"]) for c in parts["cards.json"]])
        for c in parts["cards.json"]:
            self.card(c, serials)
        self.events(parts["audit_events.json"])

    def member(
        self,
        m: dict[str, Any],
        rows: dict[str, list[dict[str, Any]]],
        months: dict[int, list[dict[str, Any]]],
        local: dict[str, tuple[int, str, bool]],
        active: dict[str, str],
    ) -> None:
        number, nik = str(m["number"]), str(m["nik"])
        heirs = rows.get("heirs.json", [])
        here = local.get(number)
        if here is not None:
            mid, here_nik, ours = here
            if (
                here_nik == nik or ours
            ):  # the same member (a NIK corrected on one side travels as a correction)
                self.members[number] = mid
                self.added["existing"] += 1
            else:
                self.conflicts.append(("number_taken", self._kept(m, rows, months), number))
            return
        if str(m.get("record_status")) == RecordStatus.ACTIVE:
            other = active.get(nik)
            if other is not None:
                self.conflicts.append(("nik_both", self._kept(m, rows, months), other))
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
            if m["record_status"] in (RecordStatus.ACTIVE, RecordStatus.DEACTIVATED)
            else "ACTIVE",
            created_at=when(m["created_at"]),
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
        self.inserted.add(number)
        self.records.append(("member", member.id))
        self.added["members"] += 1
        alike = self.alike.get(number)
        if alike:
            self.conflicts.append((LIKELY_DUPLICATE, {**m, "heirs": heirs, "candidates": alike}, alike[0]))

    @staticmethod
    def _kept(
        m: dict[str, Any], rows: dict[str, list[dict[str, Any]]], months: dict[int, list[dict[str, Any]]]
    ) -> dict[str, Any]:
        """A member not merged, kept whole: its rows stay with it for the supervisor's decision."""
        payments = rows.get("payments.json", [])
        return {
            **m,
            "heirs": rows.get("heirs.json", []),
            "enrolments": rows.get("enrolments.json", []),
            "payments": payments,
            "payment_months": [pm for p in payments for pm in months.get(int(p["ref"]), [])],
            "cards": rows.get("cards.json", []),
        }

    def _enrolled_here(self) -> dict[tuple[int, dt.datetime], int]:
        existing = [mid for n, mid in self.members.items() if n not in self.inserted]
        out: dict[tuple[int, dt.datetime], int] = {}
        for i in range(0, len(existing), CHUNK):
            for eid, mid, at in self.s.execute(
                select(Enrolment.id, Enrolment.member_id, Enrolment.enrolled_at).where(
                    Enrolment.member_id.in_(existing[i : i + CHUNK])
                )
            ):
                out[(int(mid), at)] = int(eid)
        return out

    def enrolment(self, e: dict[str, Any], enrolled: dict[tuple[int, dt.datetime], int]) -> None:
        member_id = self.members.get(str(e["member"]))
        if member_id is None:
            return
        at = when(e["enrolled_at"])
        assert at is not None
        existing = enrolled.get((member_id, at))
        if existing is not None:
            self.enrolments[int(e["ref"])] = existing
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
            enrolled_at=at,
            business_date=dt.date.fromisoformat(e["business_date"]),
            officer_id=self.officer(e.get("officer")),
            counter=str(e["counter"])[:64],
            mismatch_confirmed=bool(e.get("mismatch_confirmed")),
        )
        self.s.add(row)
        self.s.flush()
        self.enrolments[int(e["ref"])] = row.id
        self.records.append(("enrolment", row.id))

    def payment(self, p: dict[str, Any], months: list[dict[str, Any]], receipts: set[str]) -> None:
        member_id = self.members.get(str(p["member"]))
        receipt = str(p["receipt_no"])
        if member_id is None or receipt in receipts:
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
                    received_at=when(p["received_at"]),
                    business_date=dt.date.fromisoformat(p["business_date"]),
                    officer_id=self.officer(p.get("officer")),
                    counter=str(p["counter"])[:64],
                    status=str(p["status"]),
                    voided_at=when(p.get("voided_at")),
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
                    for code, amount in programme_months(pm, str(p["detail"]))
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
        if row.status != PaymentStatus.VOID:
            self.added["amount"] += row.total

    def card(self, c: dict[str, Any], serials: set[str]) -> None:
        member_id = self.members.get(str(c["member"]))
        serial = str(c["serial"])
        if member_id is None or serial in serials:
            return
        row = Card(
            serial=serial,
            member_id=member_id,
            seq=int(c["seq"]),
            key_id=str(c["key_id"]),
            issued_at=when(c["issued_at"]),
            business_date=dt.date.fromisoformat(c["business_date"]),
            issued_by_id=self.officer(c.get("issued_by")),
            counter=str(c["counter"])[:64],
            approved_by_id=self.officer(c["approved_by"]) if c.get("approved_by") is not None else None,
            status=str(c["status"]),
            status_reason=c.get("status_reason"),
            status_note=c.get("status_note"),
            status_at=when(c.get("status_at")),
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
                raise refused(
                    "package.audit_chain",
                    msg(
                        "Peristiwa audit #{seq} di paket tidak tersambung ke #{seq2}.",
                        seq=after["seq"],
                        seq2=before["seq"],
                    ),
                )
        if not rows:
            return
        known = set(
            self.s.execute(
                select(ImportedAuditEvent.source_seq, ImportedAuditEvent.hash).where(
                    ImportedAuditEvent.source_code == self.code,
                    ImportedAuditEvent.source_seq >= int(rows[0]["seq"]),
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
                    occurred_at=when(r["occurred_at"]),
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
