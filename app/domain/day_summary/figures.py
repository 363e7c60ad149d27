"""What a day adds up to: tallies, takings per officer and method, the reconciliation, the summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.cash import CashCount
from app.domain.day_summary.rows import (
    CHANNEL_SHORT,
    METHODS,
    PROGRAMME_LABELS,
    SEGMENT_LABELS,
    AuditHead,
    BatchRow,
    CardRow,
    CorrectionRow,
    EnrolmentRow,
    ImportRow,
    PaymentRow,
    VoidRow,
)
from app.domain.payment_methods import METHOD_LABELS
from app.domain.reference import (
    CHANNELS,
    FUNDING_LABELS,
    FUNDING_SOURCES,
    PROGRAMMES,
    SEGMENTS,
)


@dataclass(frozen=True, slots=True)
class Tally:
    """One line of a day summary count: a code, its label and how many."""

    code: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class MethodLine:
    """One payment method's takings for the day: received, voided and the net."""

    method: str
    label: str
    received_count: int
    received_amount: int
    voided_count: int
    voided_amount: int

    @property
    def net_count(self) -> int:
        return self.received_count - self.voided_count

    @property
    def net_amount(self) -> int:
        return self.received_amount - self.voided_amount


@dataclass(frozen=True, slots=True)
class OfficerTakings:
    """What one officer took in on the day, per method: payments received that day and not voided
    by its end (the cash is what should be in their drawer at the close)."""

    officer: str  # username
    amounts: tuple[tuple[str, int], ...]  # (method, amount) for every method, in METHODS order
    payments: int

    def amount(self, method: str) -> int:
        return dict(self.amounts).get(method, 0)

    @property
    def cash(self) -> int:
        return self.amount("cash")

    @property
    def total(self) -> int:
        return sum(a for _, a in self.amounts)


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Payments against receipts. Receipts are counted from what was printed (a collective
    receipt's total as issued), payments from the payment rows: two records of the same money."""

    individual_receipts: int
    individual_amount: int
    collective_receipts: int
    collective_amount: int  # as printed
    collective_voided: int
    payments_valid_amount: int  # sum of the day's payments not voided by the end of the day
    receipts_valid_amount: int  # receipts issued minus what was voided on them that day
    serial_ranges: tuple[str, ...]  # "TBI-101-2026-000012 s.d. 000034"
    serial_gaps: tuple[str, ...]  # receipt numbers missing inside the day's range

    @property
    def difference(self) -> int:
        return self.payments_valid_amount - self.receipts_valid_amount

    @property
    def ok(self) -> bool:
        return self.difference == 0 and not self.serial_gaps


@dataclass(frozen=True, slots=True)
class DayFigures:
    """Everything the day summary shows, computed; the renderer and the JSON read only this."""

    enrolments: tuple[EnrolmentRow, ...]
    by_segment: tuple[Tally, ...]
    by_occupation: tuple[Tally, ...]
    by_channel: tuple[Tally, ...]
    by_regency: tuple[Tally, ...]
    by_funding: tuple[Tally, ...]
    by_programme: tuple[Tally, ...]
    by_hour: tuple[int, ...]  # 24 local hours
    methods: tuple[MethodLine, ...]
    reconciliation: Reconciliation
    voids: tuple[VoidRow, ...]
    cards_issued: int
    cards_reprinted: int
    cards_spoiled: int
    spoiled_serials: tuple[str, ...]
    corrections: tuple[CorrectionRow, ...]
    imports: tuple[ImportRow, ...]
    takings: tuple[OfficerTakings, ...] = ()  # per officer, by username

    @property
    def enrolment_count(self) -> int:
        return len(self.enrolments)

    @property
    def received_count(self) -> int:
        return sum(m.received_count for m in self.methods)

    @property
    def received_amount(self) -> int:
        return sum(m.received_amount for m in self.methods)

    @property
    def voided_count(self) -> int:
        return sum(m.voided_count for m in self.methods)

    @property
    def voided_amount(self) -> int:
        return sum(m.voided_amount for m in self.methods)

    @property
    def net_amount(self) -> int:
        return self.received_amount - self.voided_amount

    @property
    def adjustments(self) -> tuple[VoidRow, ...]:
        """Voids recorded today of payments received on an earlier (possibly closed) day."""
        return tuple(v for v in self.voids if not v.same_day)

    @property
    def adjustments_amount(self) -> int:
        return sum(v.total for v in self.adjustments)

    @property
    def net_after_adjustments(self) -> int:
        return self.net_amount - self.adjustments_amount


def _tally(
    values: Iterable[str], labels: Mapping[str, str], order: Sequence[str] | None = None
) -> tuple[Tally, ...]:
    """Counts per code; with ``order`` every listed code appears (zeros too) in that order,
    otherwise the codes seen, most frequent first."""
    counts = Counter(values)
    if order is not None:
        extra = sorted(c for c in counts if c not in order)
        return tuple(Tally(c, labels.get(c, c), counts.get(c, 0)) for c in (*order, *extra))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Tally(c, labels.get(c, c), n) for c, n in ranked)


def _receipt_serial(receipt_no: str) -> tuple[str, int] | None:
    """``TBI-101-2026-000012`` → (``TBI-101-2026``, 12); collective members (``…/0001``) → None."""
    if "/" in receipt_no:
        return None
    head, _, tail = receipt_no.rpartition("-")
    if not head or not tail.isdigit():
        return None
    return head, int(tail)


def serial_ranges(receipt_nos: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The day's receipt number ranges per series and the numbers missing inside them.

    Receipt numbers are gapless per series and year; a gap inside the day's range means a receipt
    that was taken but is not among the day's payments (for example deleted from the database).
    """
    series: dict[str, list[int]] = {}
    for no in receipt_nos:
        parsed = _receipt_serial(no)
        if parsed is not None:
            series.setdefault(parsed[0], []).append(parsed[1])
    ranges: list[str] = []
    gaps: list[str] = []
    for head in sorted(series):
        nums = sorted(set(series[head]))
        first, last = nums[0], nums[-1]
        width = 6
        ranges.append(
            f"{head}-{first:0{width}d}"
            if first == last
            else f"{head}-{first:0{width}d} s.d. {last:0{width}d}"
        )
        present = set(nums)
        gaps.extend(f"{head}-{n:0{width}d}" for n in range(first, last + 1) if n not in present)
    return tuple(ranges), tuple(gaps)


def summarise_day(
    *,
    enrolments: Sequence[EnrolmentRow],
    payments: Sequence[PaymentRow],
    batches: Sequence[BatchRow],
    voids: Sequence[VoidRow],
    cards: Sequence[CardRow],
    corrections: Sequence[CorrectionRow],
    imports: Sequence[ImportRow] = (),
    occupation_labels: Mapping[str, str] | None = None,
    regency_labels: Mapping[str, str] | None = None,
) -> DayFigures:
    """Count and reconcile one day's rows."""
    ordered = tuple(sorted(enrolments, key=lambda e: (e.local_time, e.number)))
    occ_labels = dict(occupation_labels or {})
    reg_labels = dict(regency_labels or {})
    for e in ordered:
        occ_labels.setdefault(e.occupation_code, e.occupation_name)
        reg_labels.setdefault(e.regency_code, e.regency_name)
    hours = [0] * 24
    for e in ordered:
        hours[e.local_time.hour] += 1

    methods: list[MethodLine] = []
    for method in (*METHODS, *sorted({p.method for p in payments} - set(METHODS))):
        mine = [p for p in payments if p.method == method]
        gone = [p for p in mine if p.voided]
        methods.append(
            MethodLine(
                method,
                METHOD_LABELS.get(method, method),
                len(mine),
                sum(p.total for p in mine),
                len(gone),
                sum(p.total for p in gone),
            )
        )

    method_order = [m.method for m in methods]
    takings: list[OfficerTakings] = []
    for officer in sorted({p.officer for p in payments}):
        kept = [p for p in payments if p.officer == officer and not p.voided]
        amounts = tuple((m, sum(p.total for p in kept if p.method == m)) for m in method_order)
        takings.append(OfficerTakings(officer, amounts, len(kept)))

    individual = [p for p in payments if p.batch_receipt_no is None]
    ranges, gaps = serial_ranges([p.receipt_no for p in individual] + [b.receipt_no for b in batches])
    collective_amount = sum(b.printed_total for b in batches)
    collective_voided = sum(b.voided_total for b in batches)
    receipts_valid = sum(p.total for p in individual if not p.voided) + collective_amount - collective_voided
    reconciliation = Reconciliation(
        individual_receipts=len(individual),
        individual_amount=sum(p.total for p in individual),
        collective_receipts=len(batches),
        collective_amount=collective_amount,
        collective_voided=collective_voided,
        payments_valid_amount=sum(p.total for p in payments if not p.voided),
        receipts_valid_amount=receipts_valid,
        serial_ranges=ranges,
        serial_gaps=gaps,
    )
    return DayFigures(
        enrolments=ordered,
        by_segment=_tally((e.segment for e in ordered), SEGMENT_LABELS, SEGMENTS),
        by_occupation=_tally((e.occupation_code for e in ordered), occ_labels),
        by_channel=_tally((e.channel for e in ordered), CHANNEL_SHORT, CHANNELS),
        by_regency=_tally((e.regency_code for e in ordered), reg_labels),
        by_funding=_tally((e.funding for e in ordered), FUNDING_LABELS, FUNDING_SOURCES),
        by_programme=_tally((p for e in ordered for p in e.programmes), PROGRAMME_LABELS, PROGRAMMES),
        by_hour=tuple(hours),
        methods=tuple(methods),
        reconciliation=reconciliation,
        voids=tuple(sorted(voids, key=lambda v: (v.voided_time, v.receipt_no))),
        cards_issued=sum(1 for c in cards if not c.reprint),
        cards_reprinted=sum(1 for c in cards if c.reprint),
        cards_spoiled=sum(1 for c in cards if c.spoiled),
        spoiled_serials=tuple(sorted(c.serial for c in cards if c.spoiled)),
        corrections=tuple(sorted(corrections, key=lambda c: (c.local_time, c.number))),
        imports=tuple(imports),
        takings=tuple(takings),
    )


def hour_span(by_hour: Sequence[int], *, opening: int = 7, closing: int = 17) -> range:
    """The hours a chart shows: office hours, widened to any hour that had enrolments."""
    busy = [h for h, n in enumerate(by_hour) if n]
    start = min([opening, *busy])
    end = max([closing, *busy])
    return range(start, end + 1)


def top_with_rest(tallies: Sequence[Tally], n: int, rest_label: str = "Lainnya") -> tuple[Tally, ...]:
    """The ``n - 1`` largest and one line for the rest (when there are more than ``n``)."""
    if len(tallies) <= n:
        return tuple(tallies)
    head = tuple(tallies[: n - 1])
    return (*head, Tally("*", rest_label, sum(t.count for t in tallies[n - 1 :])))


def regency_of(kode_wilayah: str | None, nik_district: str) -> str:
    """The regency ("16.10") a member lives in: from the home village code, else the NIK's."""
    if kode_wilayah:
        digits = kode_wilayah.replace(".", "")
        if len(digits) >= 4:
            return f"{digits[:2]}.{digits[2:4]}"
    digits = nik_district.replace(".", "")
    return f"{digits[:2]}.{digits[2:4]}"


def tallies_json(tallies: Sequence[Tally]) -> list[dict[str, Any]]:
    return [{"code": t.code, "label": t.label, "count": t.count} for t in tallies]


@dataclass(frozen=True, slots=True)
class ClosedInfo:
    """When the business day was closed and by whom, for the summary's header."""

    closed_at: dt.datetime  # local
    closed_by: str
    closed_by_name: str


@dataclass(frozen=True, slots=True)
class DaySummary:
    """The day summary of the branch (``officer`` None) or of one officer: what the PDF prints
    and ``loket report day --json`` writes."""

    branch_code: str
    branch_name: str
    timezone: str
    tz_label: str  # WIB / WITA / WIT
    business_date: dt.date
    officer: str | None
    officer_name: str | None
    generated_at: dt.datetime  # local
    figures: DayFigures
    audit: AuditHead
    closed: ClosedInfo | None = None
    cash_counts: tuple[CashCount, ...] = ()  # recorded by the supervisor at the close

    def as_json(self) -> dict[str, Any]:
        f = self.figures
        r = f.reconciliation
        return {
            "branch": {"code": self.branch_code, "name": self.branch_name, "timezone": self.timezone},
            "date": self.business_date.isoformat(),
            "officer": self.officer,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "status": "closed" if self.closed else "open",
            "closed_by": self.closed.closed_by if self.closed else None,
            "enrolments": {
                "total": f.enrolment_count,
                "by_segment": tallies_json(f.by_segment),
                "by_occupation": tallies_json(f.by_occupation),
                "by_channel": tallies_json(f.by_channel),
                "by_regency": tallies_json(f.by_regency),
                "by_funding": tallies_json(f.by_funding),
                "by_programme": tallies_json(f.by_programme),
                "by_hour": {f"{h:02d}": n for h, n in enumerate(f.by_hour) if n},
                "list": [
                    {
                        "time": e.local_time.strftime("%H:%M"),
                        "number": e.number,
                        "name": e.name,
                        "nik": e.nik_masked,
                        "segment": e.segment,
                        "occupation": e.occupation_code,
                        "channel": e.channel,
                        "regency": e.regency_code,
                        "officer": e.officer,
                    }
                    for e in f.enrolments
                ],
            },
            "contributions": {
                "received": {"count": f.received_count, "amount": f.received_amount},
                "voided": {"count": f.voided_count, "amount": f.voided_amount},
                "net": {"count": f.received_count - f.voided_count, "amount": f.net_amount},
                "by_method": [
                    {
                        "method": m.method,
                        "label": m.label,
                        "received_count": m.received_count,
                        "received_amount": m.received_amount,
                        "voided_count": m.voided_count,
                        "voided_amount": m.voided_amount,
                        "net_count": m.net_count,
                        "net_amount": m.net_amount,
                    }
                    for m in f.methods
                ],
                "by_officer": [
                    {
                        "officer": t.officer,
                        "payments": t.payments,
                        "by_method": dict(t.amounts),
                        "total": t.total,
                    }
                    for t in f.takings
                ],
                "cash_counted": [
                    {
                        "officer": c.officer,
                        "expected": c.expected,
                        "counted": c.counted,
                        "difference": c.difference,
                        "reason": c.reason,
                    }
                    for c in self.cash_counts
                ],
                "adjustments": {"count": len(f.adjustments), "amount": f.adjustments_amount},
                "net_after_adjustments": f.net_after_adjustments,
                "voids": [
                    {
                        "receipt_no": v.receipt_no,
                        "method": v.method,
                        "amount": v.total,
                        "paid_on": v.paid_on.isoformat(),
                        "voided_by": v.voided_by,
                        "reason": v.reason,
                        "same_day": v.same_day,
                    }
                    for v in f.voids
                ],
                "receipts": {
                    "individual": {"count": r.individual_receipts, "amount": r.individual_amount},
                    "collective": {
                        "count": r.collective_receipts,
                        "amount": r.collective_amount,
                        "voided": r.collective_voided,
                    },
                    "payments_valid_amount": r.payments_valid_amount,
                    "receipts_valid_amount": r.receipts_valid_amount,
                    "difference": r.difference,
                    "reconciled": r.ok,
                    "ranges": list(r.serial_ranges),
                    "gaps": list(r.serial_gaps),
                },
            },
            "cards": {
                "issued": f.cards_issued,
                "reprinted": f.cards_reprinted,
                "spoiled": f.cards_spoiled,
                "spoiled_serials": list(f.spoiled_serials),
            },
            "corrections": {
                "approved": len(f.corrections),
                "list": [
                    {
                        "number": c.number,
                        "fields": list(c.fields),
                        "proposed_by": c.proposed_by,
                        "approved_by": c.approved_by,
                    }
                    for c in f.corrections
                ],
            },
            "imports": [
                {
                    "package_id": i.package_id,
                    "source": i.source,
                    "members": i.members,
                    "payments": i.payments,
                    "payments_amount": i.payments_amount,
                    "cards": i.cards,
                    "conflicts": i.conflicts,
                }
                for i in f.imports
            ],
            "audit": {
                "last_seq": self.audit.seq,
                "number": self.audit.number,
                "last_hash": self.audit.hash,
                "events": self.audit.events,
                "chain_ok": self.audit.chain_ok,
                "message": self.audit.chain_message,
            },
        }
