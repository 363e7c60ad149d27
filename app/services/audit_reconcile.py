"""Business rows reconciled with the audit trail (part of ``loket audit verify``).

Every payment, void, sponsor batch, enrolment, card (printed, spoiled, revoked), correction,
account and closed day has the event its service wrote in the same transaction, with the same keys
and amounts; every such event still has its row. A quiet ``UPDATE payment SET total = …`` leaves
the chain intact but no longer agrees with the ``payment.record`` event: that is what this finds.

Rows that came in a package from an outreach laptop are checked against the laptop's imported
events; members created by ``demo seed`` (a training database) against the seed's number ranges;
rows removed with a member's personal data at the end of retention are excused by the purge, and
a redacted event must belong to a purged member. Receipt numbers are checked per series across
all days: every serial up to the series' counter is on a row (a receipt deleted at a day's edge
leaves no gap inside either day, but one in the series).

Big tables are compared as key-sorted streams merged in one pass (bytewise order on both sides),
so a million rows need no memory beyond the rows being compared.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Executable, exists, func, select, union_all
from sqlalchemy.orm import Session

from app.db.cards_models import Card
from app.db.contribution_models import Payment, ReceiptSequence, SponsorBatch
from app.db.day_models import DayLock, ImportedAuditEvent, PackageRecord
from app.db.ids import BLOCK, local_part
from app.db.models import AuditEvent, Enrolment, Member, Officer
from app.db.renumber import home_block
from app.db.search_models import MemberCorrection
from app.domain.day_summary import long_date
from app.domain.reconcile import Discrepancy, first_of, merge_streams, missing_serials, receipt_series, rupiah
from app.domain.states import CorrectionStatus, DayStatus, PaymentStatus

# An event's number as people read it: its position in the chain (stored in the branch's block).
_POSITION = AuditEvent.seq % BLOCK
MAX_PER_CODE = 20  # listed per kind of discrepancy; all are counted
_TOTAL = re.compile(r'"total":(-?\d+)')
_SEGMENT = re.compile(r'"segment":"([A-Z]+)"')
_PROGRAMMES = re.compile(r'"programmes":\[([^\]]*)\]')
_CORRECTION = re.compile(r'"correction_id":(\d+)')
_PDF = re.compile(r'"pdf_sha256":"([0-9a-f]{64})"')
_CLOSED_IDS = re.compile(r'"corrections_closed_ids":\[([0-9,]*)\]')
_NONE_CLOSED = re.compile(r'"corrections_closed":0[,}]')


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What comparing business rows with the audit trail found: rows checked and every discrepancy."""

    checked: Mapping[str, int]  # rows compared, per kind
    problems: tuple[Discrepancy, ...]  # the first MAX_PER_CODE of each code
    counts: Mapping[str, int] = field(default_factory=dict)  # every discrepancy, per code

    @property
    def ok(self) -> bool:
        return not self.counts

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class _Found:
    def __init__(self) -> None:
        self.items: list[Discrepancy] = []
        self.counts: Counter[str] = Counter()
        self.checked: Counter[str] = Counter()

    def add(self, code: str, key: str, message: str) -> None:
        self.counts[code] += 1
        if self.counts[code] <= MAX_PER_CODE:
            self.items.append(Discrepancy(code, key, message))


def _total(details: str | None) -> int | None:
    m = _TOTAL.search(details or "")
    return int(m.group(1)) if m else None


def _programmes(text: str) -> str:
    return ",".join(p.strip().strip('"') for p in text.split(",") if p.strip())


class _Reader:
    """Streams from one session, ordered bytewise on both backends (PostgreSQL's own collation
    may sort ``TBI-…`` differently from Python).

    Only rows made in this database (ids in its block, ``app.db.ids``) answer to its chain: a
    member received from another branch (mutasi) brings history whose events are in the chain of
    the branch that wrote it; its arrival is this chain's ``member.move_in``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pg = session.get_bind().dialect.name == "postgresql"
        base = home_block(session.connection())
        self.lo, self.hi = base + 1, base + BLOCK - 1

    def ours(self, column: Any) -> ColumnElement[bool]:
        return column.between(self.lo, self.hi)  # type: ignore[no-any-return]

    def key(self, column: Any) -> Any:
        return column.collate("C") if self.pg else column

    def rows(self, stmt: Executable) -> Iterator[Any]:
        conn = self.session.connection().execution_options(stream_results=True, yield_per=5000)
        yield from conn.execute(stmt)

    def events(self, action: str, *extra: Any) -> Iterator[tuple[str, Any]]:
        """``(entity_id, (seq, details, member purged?, *extra))`` of one action, by entity id."""
        e = AuditEvent
        stmt = (
            select(e.entity_id, _POSITION, e.details, Member.purged_at.is_not(None), *extra)
            .outerjoin(Member, Member.id == e.member_id)
            .where(e.action == action, e.entity_id.is_not(None))
            .order_by(self.key(e.entity_id), e.seq)
        )
        for r in self.rows(stmt):
            yield str(r[0]), tuple(r[1:])


def _imported(entity: str, local_id: Any) -> ColumnElement[bool]:
    return exists().where(PackageRecord.entity == entity, PackageRecord.local_id == local_id)


def _imported_events(session: Session, actions: Iterable[str]) -> dict[tuple[str, str], str]:
    """The outreach laptops' own events, by (action, entity id) → details."""
    rows = session.execute(
        select(ImportedAuditEvent.action, ImportedAuditEvent.entity_id, ImportedAuditEvent.details).where(
            ImportedAuditEvent.action.in_(list(actions))
        )
    )
    return {(str(a), str(k)): str(d) for a, k, d in rows if k is not None}


def _demo_ranges(session: Session) -> list[tuple[str, str]]:
    out = []
    for (details,) in session.execute(select(AuditEvent.details).where(AuditEvent.action == "demo.seed")):
        try:
            data = json.loads(details)
            out.append((str(data["first"]), str(data["last"])))
        except (ValueError, KeyError, TypeError):
            continue  # a changed event: the chain reports it
    return out


def _members(r: _Reader, found: _Found) -> None:
    m, e = Member, Enrolment
    rows = r.rows(
        select(m.number, e.segment, e.programmes, m.purged_at.is_not(None), _imported("member", m.id))
        .outerjoin(e, e.member_id == m.id)
        .where(r.ours(m.id))
        .order_by(r.key(m.number), e.id)
    )
    members = ((str(x[0]), tuple(x[1:])) for x in rows)
    demo = _demo_ranges(r.session)
    imported = _imported_events(r.session, ["member.enrol"])
    for number, (rows_, events) in merge_streams(members, r.events("member.enrol")):
        if not rows_:
            seq, _d, purged = events[0][:3]
            if not purged:
                found.add(
                    "reconcile.enrol_event_without_member",
                    number,
                    f"Peristiwa pendaftaran #{seq} untuk peserta {number}, tetapi data peserta itu tidak ada.",
                )
            continue
        found.checked["member"] += 1
        segment, programmes, purged, from_package = rows_[0]
        if not events:
            if from_package and ("member.enrol", number) in imported:
                continue
            if any(first <= number <= last for first, last in demo):
                continue
            found.add(
                "reconcile.member_without_event",
                number,
                f"Peserta {number} ada di basis data tanpa peristiwa pendaftarannya di jejak audit.",
            )
            continue
        seq, details, _p = events[0][:3]
        if purged or segment is None:
            continue
        seg, prog = _SEGMENT.search(details), _PROGRAMMES.search(details)
        if (seg and seg.group(1) != segment) or (prog and _programmes(prog.group(1)) != programmes):
            found.add(
                "reconcile.enrolment_changed",
                number,
                f"Pendaftaran peserta {number} tercatat {segment} {programmes}, tetapi peristiwa #{seq} "
                f"mencatat {seg.group(1) if seg else '?'} {_programmes(prog.group(1)) if prog else '?'}.",
            )


def _payments(r: _Reader, found: _Found) -> set[str]:
    """Payments and voids against their events. → receipt numbers of purged members' payments
    (deleted with their data: not a gap in the series)."""
    p = Payment
    rows = r.rows(
        select(p.receipt_no, p.total, p.status, _imported("payment", p.id))
        .where(r.ours(p.id))
        .order_by(r.key(p.receipt_no))
    )
    payments = ((str(x[0]), tuple(x[1:])) for x in rows)
    imported = _imported_events(r.session, ["payment.record", "payment.void"])
    purged_receipts: set[str] = set()
    for receipt, (rows_, recorded, voided) in merge_streams(
        payments, r.events("payment.record"), r.events("payment.void")
    ):
        if not rows_:
            for seq, _d, purged in [*recorded, *voided]:
                if purged:
                    purged_receipts.add(receipt)
                else:
                    found.add(
                        "reconcile.event_without_payment",
                        receipt,
                        f"Peristiwa #{seq} mencatat pembayaran {receipt}, tetapi baris pembayarannya tidak ada.",
                    )
            continue
        found.checked["payment"] += 1
        total, status, from_package = rows_[0]
        if from_package:
            record_details = imported.get(("payment.record", receipt))
            void_details = imported.get(("payment.void", receipt))
            record = [(0, record_details, False)] if record_details is not None else []
            void = [(0, void_details, False)] if void_details is not None else []
            where = "paket laptop"
        else:
            record, void, where = recorded, voided, "jejak audit"
        event = first_of(record)
        if event is None:
            found.add(
                "reconcile.payment_without_event",
                receipt,
                f"Pembayaran {receipt} ({rupiah(total)}) tidak punya peristiwa pembayarannya di {where}.",
            )
        elif _total(event[1]) != total:
            found.add(
                "reconcile.payment_amount",
                receipt,
                f"Pembayaran {receipt} tercatat {rupiah(total)}, tetapi peristiwa "
                f"{'#' + str(event[0]) if event[0] else 'paket'} mencatat {rupiah(_total(event[1]))}: "
                "jumlahnya diubah tanpa peristiwa.",
            )
        if status == PaymentStatus.VOID and not void:
            found.add(
                "reconcile.void_without_event",
                receipt,
                f"Pembayaran {receipt} berstatus dibatalkan tanpa peristiwa pembatalannya.",
            )
        elif status != PaymentStatus.VOID and void:
            found.add(
                "reconcile.void_undone",
                receipt,
                f"Pembayaran {receipt} dibatalkan (peristiwa #{void[0][0]}), tetapi barisnya kembali berstatus "
                "dibayar.",
            )
    return purged_receipts


def _sponsor_batches(r: _Reader, found: _Found) -> None:
    session = r.session
    batches = dict(
        session.execute(
            select(SponsorBatch.receipt_no, SponsorBatch.total).where(r.ours(SponsorBatch.id))
        ).all()
    )
    events = {
        str(k): (int(seq), str(d))
        for k, seq, d in session.execute(
            select(AuditEvent.entity_id, _POSITION, AuditEvent.details).where(
                AuditEvent.action == "sponsor.pay"
            )
        )
    }
    for receipt, total in batches.items():
        found.checked["sponsor_batch"] += 1
        event = events.get(receipt)
        if event is None:
            found.add(
                "reconcile.payment_without_event",
                receipt,
                f"Tanda bukti kolektif {receipt} ({rupiah(total)}) tidak punya peristiwanya di jejak audit.",
            )
        elif _total(event[1]) != total:
            found.add(
                "reconcile.payment_amount",
                receipt,
                f"Tanda bukti kolektif {receipt} tercatat {rupiah(total)}, tetapi peristiwa #{event[0]} "
                f"mencatat {rupiah(_total(event[1]))}.",
            )
    for receipt, (seq, _d) in events.items():
        if receipt not in batches:
            found.add(
                "reconcile.event_without_payment",
                receipt,
                f"Peristiwa #{seq} mencatat tanda bukti kolektif {receipt}, tetapi barisnya tidak ada.",
            )


_CARD_EVENTS = {"spoiled": "card.spoil", "revoked": "card.revoke"}


def _cards(r: _Reader, found: _Found) -> None:
    c = Card
    rows = r.rows(
        select(c.serial, c.status, _imported("card", c.id)).where(r.ours(c.id)).order_by(r.key(c.serial))
    )
    cards = ((str(x[0]), tuple(x[1:])) for x in rows)
    imported = _imported_events(r.session, ["card.issue", *_CARD_EVENTS.values()])
    for serial, (rows_, issued, spoiled, revoked) in merge_streams(
        cards, r.events("card.issue"), r.events("card.spoil"), r.events("card.revoke")
    ):
        if not rows_:
            for seq, _d, purged in issued:
                if not purged:
                    found.add(
                        "reconcile.event_without_card",
                        serial,
                        f"Peristiwa #{seq} mencatat kartu seri {serial}, tetapi kartunya tidak ada.",
                    )
            continue
        found.checked["card"] += 1
        status, from_package = rows_[0]
        if from_package:
            have = {a for (a, k) in imported if k == serial}
            if "card.issue" not in have:
                found.add(
                    "reconcile.card_without_event",
                    serial,
                    f"Kartu seri {serial} dari paket tanpa peristiwa cetaknya di paket itu.",
                )
            continue
        if not issued:
            found.add(
                "reconcile.card_without_event",
                serial,
                f"Kartu seri {serial} ada tanpa peristiwa cetaknya di jejak audit.",
            )
        changes = {"spoiled": spoiled, "revoked": revoked}
        for state, events in changes.items():
            if status == state and not events:
                found.add(
                    "reconcile.card_status_without_event",
                    serial,
                    f"Kartu seri {serial} berstatus {state} tanpa peristiwa {_CARD_EVENTS[state]}.",
                )
            elif status != state and events:
                found.add(
                    "reconcile.card_status_undone",
                    serial,
                    f"Kartu seri {serial}: peristiwa #{events[0][0]} ({_CARD_EVENTS[state]}), tetapi statusnya "
                    f"sekarang {status}.",
                )


_DECISIONS = {"APPROVED": "member.correction.approve", "REJECTED": "member.correction.reject"}


def _corrections(r: _Reader, found: _Found) -> None:
    session = r.session
    # Events name corrections by their id as it was then: before migration 0016 moved the rows
    # into the branch's block. Both sides are compared by position within the block.
    rows = [
        (local_part(int(cid)), status, number)
        for cid, status, number in session.execute(
            select(MemberCorrection.id, MemberCorrection.status, Member.number)
            .join(Member, Member.id == MemberCorrection.member_id)
            .where(r.ours(MemberCorrection.id))
        )
    ]
    events: dict[str, dict[int, tuple[int, str]]] = {}
    closed_ids: set[int] = set()  # closed with their member (deactivation, merge)
    closed_members: set[str] = set()  # older deactivation events give only a count
    for action, seq, entity_id, details in session.execute(
        select(AuditEvent.action, _POSITION, AuditEvent.entity_id, AuditEvent.details).where(
            AuditEvent.action.in_(["member.correction.propose", "member.deactivate", *_DECISIONS.values()])
        )
    ):
        if action == "member.deactivate":
            ids = _CLOSED_IDS.search(details)
            if ids:
                closed_ids.update(local_part(int(x)) for x in re.findall(r"\d+", ids.group(1)))
            elif not _NONE_CLOSED.search(details):
                closed_members.add(str(entity_id))
            continue
        m = _CORRECTION.search(details)
        if m:
            events.setdefault(str(action), {})[local_part(int(m.group(1)))] = (int(seq), str(entity_id))
    known = {int(cid) for cid, _s, _n in rows}
    for cid, status, number in rows:
        found.checked["correction"] += 1
        proposed = events.get("member.correction.propose", {}).get(int(cid))
        if proposed is None or proposed[1] != number:
            found.add(
                "reconcile.correction_without_event",
                str(cid),
                f"Koreksi #{cid} untuk peserta {number} tanpa peristiwa pengajuannya di jejak audit.",
            )
        decision = _DECISIONS.get(str(status))
        closed_with_member = status == CorrectionStatus.REJECTED and (
            int(cid) in closed_ids or number in closed_members
        )
        if decision is not None and int(cid) not in events.get(decision, {}) and not closed_with_member:
            found.add(
                "reconcile.correction_without_event",
                str(cid),
                f"Koreksi #{cid} berstatus {status} tanpa peristiwa keputusannya.",
            )
    for action, by_id in events.items():
        for cid, (seq, number) in by_id.items():
            if cid not in known:
                found.add(
                    "reconcile.event_without_correction",
                    str(cid),
                    f"Peristiwa #{seq} ({action}) untuk koreksi #{cid} peserta {number}, tetapi koreksinya tidak ada.",
                )


def _as_utc(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _officers(session: Session, found: _Found) -> None:
    officers = session.execute(select(Officer.username, Officer.password_hash, Officer.last_login_at)).all()
    added = {
        str(k): int(seq)
        for k, seq in session.execute(
            select(AuditEvent.entity_id, _POSITION).where(
                AuditEvent.action.in_(["officer.add", "officer.bootstrap"])
            )
        )
    }
    logins = {
        str(k): _as_utc(t)
        for k, t in session.execute(
            select(AuditEvent.entity_id, func.max(AuditEvent.occurred_at))
            .where(AuditEvent.action == "login.ok")
            .group_by(AuditEvent.entity_id)
        )
    }
    names = set()
    for username, password_hash, last_login in officers:
        names.add(str(username))
        if password_hash.startswith("!"):  # an outreach laptop's or another branch's officer: no sign-in
            continue
        found.checked["officer"] += 1
        if username not in added:
            found.add(
                "reconcile.officer_without_event",
                str(username),
                f"Akun {username} ada tanpa peristiwa pembuatannya di jejak audit.",
            )
        seen = logins.get(str(username))
        last = _as_utc(last_login)
        if last is not None and (seen is None or last > seen):
            found.add(
                "reconcile.login_without_event",
                str(username),
                f"Akun {username} terakhir masuk {last:%Y-%m-%d %H:%M} UTC, tetapi peristiwa masuk itu tidak ada "
                "di jejak audit (ekor jejak dipotong?).",
            )
    for username, seq in added.items():
        if username not in names:
            found.add(
                "reconcile.event_without_officer",
                username,
                f"Peristiwa #{seq} membuat akun {username}, tetapi akunnya tidak ada.",
            )


def _closed_days(session: Session, found: _Found) -> None:
    locks = session.execute(select(DayLock.business_date, DayLock.status, DayLock.pdf_sha256)).all()
    closes: dict[str, set[str]] = {}
    reopens: Counter[str] = Counter()
    for action, entity_id, details in session.execute(
        select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.details).where(
            AuditEvent.action.in_(["day.close", "day.reopen"])
        )
    ):
        m = _PDF.search(details)
        if action == "day.close" and m:
            closes.setdefault(str(entity_id), set()).add(m.group(1))
        elif action == "day.reopen":
            reopens[str(entity_id)] += 1
    reopened: Counter[str] = Counter()
    for day, status, digest in locks:
        found.checked["day"] += 1
        key = day.isoformat() if isinstance(day, dt.date) else str(day)
        if digest not in closes.get(key, set()):
            found.add(
                "reconcile.day_without_event",
                key,
                f"Penutupan hari {long_date(dt.date.fromisoformat(key))} tanpa peristiwa penutupannya (hash PDF "
                "arsip tidak cocok dengan peristiwa mana pun).",
            )
        if status == DayStatus.REOPENED:
            reopened[key] += 1
    for key, n in reopened.items():
        if reopens[key] < n:
            found.add(
                "reconcile.day_without_event",
                key,
                f"Hari {long_date(dt.date.fromisoformat(key))} dibuka kembali tanpa peristiwa pembukaannya.",
            )


def _receipt_gaps(r: _Reader, found: _Found, purged_receipts: set[str]) -> None:
    counters = dict(r.session.execute(select(ReceiptSequence.key, ReceiptSequence.next_serial)).all())
    if not counters:
        return
    receipts = union_all(
        select(Payment.receipt_no.label("no")), select(SponsorBatch.receipt_no.label("no"))
    ).subquery()
    parsed = (
        receipt_series(str(no)) for (no,) in r.rows(select(receipts.c.no).order_by(r.key(receipts.c.no)))
    )
    ours = (p for p in parsed if p is not None and p[0] in counters)
    seen: set[str] = set()
    gaps: list[tuple[str, Iterator[int]]] = []
    for series, group in itertools.groupby(ours, key=lambda p: p[0]):
        seen.add(series)
        gaps.append((series, iter(list(missing_serials((n for _s, n in group), int(counters[series]) - 1)))))
    gaps += [(s, iter(range(1, int(n)))) for s, n in counters.items() if s not in seen]
    for series, missing in sorted(gaps, key=lambda g: g[0]):
        found.checked["receipt_series"] += 1
        issued = int(counters[series]) - 1
        for serial in missing:
            receipt = f"{series}-{serial:06d}"
            if receipt in purged_receipts:
                continue
            found.add(
                "reconcile.receipt_gap",
                receipt,
                f"Tanda bukti {receipt} hilang: nomor seri {series} sudah sampai {issued}, tetapi tidak ada "
                "baris dengan nomor ini.",
            )


def _redactions(session: Session, found: _Found) -> None:
    rows = session.execute(
        select(_POSITION, AuditEvent.entity_id)
        .outerjoin(Member, Member.id == AuditEvent.member_id)
        .where(AuditEvent.details_digest.is_not(None), Member.purged_at.is_(None))
    )
    for seq, entity_id in rows:
        found.add(
            "reconcile.redaction_without_purge",
            str(seq),
            f"Isi peristiwa #{seq} ({entity_id or '-'}) disamarkan, padahal datanya tidak pernah dihapus karena "
            "masa retensi berakhir.",
        )


def reconcile(session: Session) -> Reconciliation:
    """Every check above, inside the caller's (read) transaction."""
    r = _Reader(session)
    found = _Found()
    _officers(session, found)
    _members(r, found)
    purged_receipts = _payments(r, found)
    _sponsor_batches(r, found)
    _receipt_gaps(r, found, purged_receipts)
    _cards(r, found)
    _corrections(r, found)
    _closed_days(session, found)
    _redactions(session, found)
    return Reconciliation(dict(found.checked), tuple(found.items), dict(found.counts))
