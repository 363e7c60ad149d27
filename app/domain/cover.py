"""Cover: who is protected, for which months, and what is owed — one function of the facts.

The facts are the contribution months paid per programme (with the day each was paid), the
segment's rules from the rate table (due dates per programme, the arrears limit, what happens
after it), the working-day calendar and the date asked about. Every page, paper, export, report
and the dashboard take their answer from ``cover_state``; nothing else decides a member's status.

The rules (domain-facts-2026-12 §2, §3, §4):

* Membership starts with the first full payment (PP 44/2015 art. 11): before it the member is
  ``BELUM_AKTIF``, however long ago the form was filled.
* Protection is the set of months paid for JKK and JKM (the two programmes every member has).
* A month is in arrears only once its due date has passed: BPU JKK/JKM by the 15th of the month
  itself, BPU JHT and all PU programmes by the 15th of the next month, moved to the next working
  day over weekends and holidays (the table's ``due`` rules and ``workdays``).
* BPU: up to ``grace_months`` (3) months in arrears is ``MENUNGGAK``; more than that in a row ends
  the membership (``BERAKHIR``) on the day after the due date of the fourth month. Paying again
  starts a new membership from the month paid; older months are not collected. No fine.
* PU: arrears are never written off and carry the late fine (``fines``); beyond three months the
  employer carries the benefits until it has settled.
* PMI and construction projects pay packages that cover named months; they have no monthly
  arrears, and their cover ends when the last paid month is over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.months import Month
from app.domain.schedule import MONTHLY, Schedule
from app.domain.workdays import WEEKENDS_ONLY, DueDate, WorkingCalendar, due_date

MAX_AHEAD = 12  # a payment may start at most a year ahead


class CoverStatus(StrEnum):
    """A member's protection on a given day, as the counter and dashboards name it."""

    NOT_ACTIVE = "BELUM_AKTIF"
    ACTIVE = "AKTIF"
    ARREARS = "MENUNGGAK"
    ENDED = "BERAKHIR"


STATUS_LABELS = {
    CoverStatus.NOT_ACTIVE: "Belum aktif",
    CoverStatus.ACTIVE: "Aktif",
    CoverStatus.ARREARS: "Menunggak",
    CoverStatus.ENDED: "Berakhir",
}


class CoverKind(StrEnum):
    """Whether every month is owed or one payment covers a stated period."""

    MONTHLY = "MONTHLY"  # BPU, PU, wage-based construction: every month is owed
    PACKAGE = "PACKAGE"  # PMI, construction projects: a payment covers a stated period


class AfterGrace(StrEnum):
    """What happens when arrears pass the limit: membership ends, or the employer stays liable."""

    END = "END"  # BPU: membership ends
    EMPLOYER = "EMPLOYER"  # PU: the employer carries benefits until settled; never written off


class Starts(StrEnum):
    """When a segment's months start to be owed: at the first payment or at registration."""

    FIRST_PAYMENT = "FIRST_PAYMENT"  # BPU (PP 44/2015 art. 11(4)–(5)), packages
    REGISTRATION = "REGISTRATION"  # PU: the employer owes every month from registration


class GraceBenefits(StrEnum):
    """Who pays benefits while a member is in arrears within the limit."""

    BPJS = "BPJS"  # PU: BPJS pays benefits while arrears are within the limit (PP 44/2015 art. 38)
    AFTER_SETTLEMENT = "AFTER_SETTLEMENT"  # BPU: cash benefits after the arrears are paid (art. 39)


@dataclass(frozen=True, slots=True)
class DueRule:
    """Due by ``day`` of the contribution month plus ``month_offset``; ``shift`` moves it to the next
    working day when that day is a holiday (PP 45/2015 art. 30 for JP has no such clause)."""

    day: int
    month_offset: int
    shift: bool = True

    def nominal(self, month: Month) -> dt.date:
        return month.plus(self.month_offset).day(self.day)

    def due(self, month: Month, calendar: WorkingCalendar) -> DueDate:
        nominal = self.nominal(month)
        if not self.shift:
            return DueDate(nominal, nominal, None)
        return due_date(nominal, calendar)


@dataclass(frozen=True, slots=True)
class CoverPolicy:
    """What a segment's rate table states about cover (besides its due dates)."""

    kind: CoverKind
    grace_months: int
    after_grace: AfterGrace
    grace_benefits: GraceBenefits
    source: str = ""
    unconfirmed: bool = False
    starts: Starts = Starts.FIRST_PAYMENT


@dataclass(frozen=True, slots=True)
class CoverRules:
    """A segment's rules, read from the rate table in force."""

    segment: str
    kind: CoverKind
    due: Mapping[str, DueRule]  # per programme that has a contribution
    grace_months: int = 3
    after_grace: AfterGrace = AfterGrace.END
    grace_benefits: GraceBenefits = GraceBenefits.AFTER_SETTLEMENT
    starts: Starts = Starts.FIRST_PAYMENT

    @classmethod
    def of(cls, segment: str, policy: CoverPolicy, due: Mapping[str, DueRule]) -> CoverRules:
        return cls(
            segment,
            policy.kind,
            dict(due),
            policy.grace_months,
            policy.after_grace,
            policy.grace_benefits,
            policy.starts,
        )

    def due_of(self, programme: str, month: Month, calendar: WorkingCalendar) -> DueDate:
        rule = self.due.get(programme) or self.due.get("JKK") or DueRule(15, 0)
        return rule.due(month, calendar)


@dataclass(frozen=True, slots=True)
class PaidMonth:
    """One programme's contribution month, paid: by which receipt and on which (business) day."""

    programme: str
    month: Month
    paid_on: dt.date
    receipt_no: str
    amount: int = 0
    method: str = "cash"  # how it was paid: APBD money is budget funding (no PP 50/2025 discount)


@dataclass(frozen=True, slots=True)
class Ledger:
    """Every live (not voided) paid programme-month of one member."""

    items: Mapping[str, Mapping[Month, PaidMonth]] = field(default_factory=dict)

    @classmethod
    def of(cls, paid: Iterable[PaidMonth]) -> Ledger:
        out: dict[str, dict[Month, PaidMonth]] = {}
        for p in paid:
            out.setdefault(p.programme, {})[p.month] = p
        return cls(out)

    def paid(self, programme: str, month: Month) -> PaidMonth | None:
        return self.items.get(programme, {}).get(month)

    def core_months(self) -> dict[Month, PaidMonth]:
        """Months paid for both JKK and JKM: the months the member is protected."""
        jkk = self.items.get("JKK", {})
        jkm = self.items.get("JKM", {})
        out: dict[Month, PaidMonth] = {}
        for m, p in jkk.items():
            q = jkm.get(m)
            if q is not None:
                out[m] = p if p.paid_on >= q.paid_on else q  # the later of the two payments
        return out


@dataclass(frozen=True, slots=True)
class Arrear:
    """A month owed: the programmes whose due date has passed unpaid, and the earliest due date."""

    month: Month
    due: DueDate
    programmes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Period:
    """One membership: from its first paid month until it ended (or on)."""

    start: Month
    started_on: dt.date  # the day its first payment was made (or the registration, for PU)
    ended_on: dt.date | None  # the day the membership ended (arrears beyond the limit)
    last_paid: Month | None  # None: nothing paid yet (a PU member owes from registration)


@dataclass(frozen=True, slots=True)
class CoverState:
    """A member's cover as of ``as_of`` (with every payment recorded so far)."""

    as_of: dt.date
    segment: str
    kind: CoverKind
    status: CoverStatus
    period: Period | None
    paid_through: Month | None  # the latest month protected in the current membership
    covered_today: bool
    arrears: tuple[Arrear, ...]
    stay_active_by: DueDate | None  # BPU: pay the oldest month owed by then, or membership ends
    beyond_grace: bool  # PU: more months owed than the limit (the employer carries benefits)
    payable_from: Month  # the earliest month a payment may cover
    next_months: tuple[Month, ...]  # what the next payment should cover (the schedule's run)
    next_due: DueDate | None
    schedule: Schedule
    grace_months: int

    @property
    def label(self) -> str:
        text = STATUS_LABELS[self.status]
        if self.status is CoverStatus.ARREARS:
            text += f" {len(self.arrears)} bulan"
        return text

    @property
    def protected_until(self) -> dt.date | None:
        """The last day of the last month paid: "dilindungi s.d. 31 Maret 2027"."""
        if self.paid_through is None:
            return None
        return self.paid_through.plus(1).first_day() - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CoverOnDate:
    """ "Was he protected on that day?" — with the reason, for claims."""

    day: dt.date
    covered: bool  # BPJS pays without conditions
    conditional: bool  # benefits after the arrears are settled, or the employer pays first
    paid: PaidMonth | None  # the payment that covers the month, when there is one
    state: CoverState  # the membership as it stood on that day


def _overdue(rules: CoverRules, programme: str, month: Month, calendar: WorkingCalendar, on: dt.date) -> bool:
    return rules.due_of(programme, month, calendar).actual < on


def _end_of(
    rules: CoverRules,
    core: Mapping[Month, PaidMonth],
    start: Month,
    calendar: WorkingCalendar,
    on: dt.date,
    horizon: Month,
) -> dt.date | None:
    """The day a membership that began at ``start`` ended, if it has by ``on``: the day after the
    due date of a month that made more than ``grace_months`` months in a row overdue, none of them
    paid by that day (a month paid later does not undo the end)."""
    if rules.kind is not CoverKind.MONTHLY or rules.after_grace is not AfterGrace.END:
        return None
    grace = rules.grace_months
    m = start.plus(grace + 1)
    while m <= horizon:
        end = rules.due_of("JKK", m, calendar).actual + dt.timedelta(days=1)
        if end > on:
            return None
        run = [m.plus(-i) for i in range(grace + 1)]
        if all(x not in core or core[x].paid_on >= end for x in run):
            return end
        m = m.plus(1)
    return None


def _periods(
    rules: CoverRules, core: Mapping[Month, PaidMonth], calendar: WorkingCalendar, on: dt.date
) -> list[Period]:
    """Split the paid months into memberships. For segments where arrears end the membership, more
    than ``grace_months`` months in a row overdue and unpaid ends one, and a payment made after that
    starts another. A package's cover ends when its last month is over. A membership exists on
    ``on`` only if a payment of it was made by then: never backdated."""
    if not core:
        return []
    current = Month.of(on)
    horizon = max(max(core), current)
    periods: list[Period] = []
    pending = sorted(core)
    while pending:
        start = pending[0]
        if rules.kind is CoverKind.PACKAGE:
            members = [start]
            while members[-1].plus(1) in core:
                members.append(members[-1].plus(1))
            after = members[-1].plus(1)
            ended_on = after.first_day() if after <= current else None
            rest = [x for x in pending if x > members[-1]]
        else:
            ended_on = _end_of(rules, core, start, calendar, on, horizon)
            members = [x for x in pending if ended_on is None or core[x].paid_on < ended_on]
            rest = [x for x in pending if x not in members]
        started_on = min(core[x].paid_on for x in members)
        if started_on <= on:
            periods.append(Period(start, started_on, ended_on, max(members)))
        pending = rest
    return periods


def cover_state(
    rules: CoverRules,
    ledger: Ledger,
    *,
    programmes: Iterable[str],
    on: dt.date,
    calendar: WorkingCalendar = WEEKENDS_ONLY,
    schedule: Schedule = MONTHLY,
    registered: dt.date | None = None,
) -> CoverState:
    """The member's cover on ``on`` (the branch's business date, or any date asked about).

    ``programmes`` are the enrolled programmes that carry a contribution (JKP does not)."""
    current = Month.of(on)
    owed_programmes = tuple(p for p in programmes if p in rules.due)
    core = ledger.core_months()
    if rules.starts is Starts.REGISTRATION and registered is not None and rules.kind is CoverKind.MONTHLY:
        # One membership from registration (the employer owes every month; arrears never end it).
        first = min([Month.of(registered), *core])
        paid_since = [m for m in core if m >= first]
        periods = (
            [Period(first, registered, None, max(paid_since) if paid_since else None)]
            if registered <= on
            else []
        )
    else:
        periods = _periods(rules, core, calendar, on)
    period = periods[-1] if periods else None

    def build(
        status: CoverStatus,
        *,
        arrears: tuple[Arrear, ...] = (),
        payable_from: Month,
        stay: DueDate | None = None,
        beyond: bool = False,
    ) -> CoverState:
        if rules.kind is CoverKind.PACKAGE:
            nxt: tuple[Month, ...] = ()
        elif arrears and schedule.monthly:
            # Bring the member up to date: every month owed, and this month too when it falls due
            # within it (BPU JKK/JKM); a PU month is paid after it, so only the overdue ones.
            last = arrears[-1].month
            if rules.due_of("JKK", current, calendar).nominal.month == current.month:
                last = max(last, current)
            count = min(last.index - payable_from.index + 1, MAX_AHEAD)
            nxt = tuple(payable_from.plus(i) for i in range(max(count, 1)))
        elif arrears:
            nxt = schedule.run_from(payable_from)
        else:
            nxt = (payable_from,) if schedule.monthly else schedule.run_from(payable_from)
        return CoverState(
            as_of=on,
            segment=rules.segment,
            kind=rules.kind,
            status=status,
            period=period,
            paid_through=period.last_paid if period else None,
            covered_today=period is not None and current in core and current >= period.start,
            arrears=arrears,
            stay_active_by=stay,
            beyond_grace=beyond,
            payable_from=payable_from,
            next_months=nxt,
            next_due=rules.due_of("JKK", nxt[0], calendar) if nxt else None,
            schedule=schedule,
            grace_months=rules.grace_months,
        )

    if period is None:
        return build(CoverStatus.NOT_ACTIVE, payable_from=current)
    if period.ended_on is not None and period.ended_on <= on:
        return build(CoverStatus.ENDED, payable_from=current)
    if rules.kind is CoverKind.PACKAGE:
        assert period.last_paid is not None  # a package period is made of paid months
        return build(CoverStatus.ACTIVE, payable_from=period.last_paid.plus(1))

    arrears: list[Arrear] = []
    first_unpaid: Month | None = None
    m = period.start
    last = max(current, period.last_paid) if period.last_paid is not None else current
    while m <= last:
        missing = [p for p in owed_programmes if ledger.paid(p, m) is None]
        if missing and first_unpaid is None:
            first_unpaid = m
        overdue = [p for p in missing if _overdue(rules, p, m, calendar, on)]
        if overdue:
            due = min((rules.due_of(p, m, calendar) for p in overdue), key=lambda d: d.actual)
            arrears.append(Arrear(m, due, tuple(overdue)))
        m = m.plus(1)
    if first_unpaid is None:  # everything paid up to here: the next month after the last paid
        first_unpaid = period.last_paid.plus(1) if period.last_paid is not None else period.start
    if not arrears:
        return build(CoverStatus.ACTIVE, payable_from=first_unpaid)
    if rules.after_grace is AfterGrace.END:
        stay = rules.due_of("JKK", arrears[0].month.plus(rules.grace_months), calendar)
        return build(CoverStatus.ARREARS, arrears=tuple(arrears), payable_from=first_unpaid, stay=stay)
    beyond = len(arrears) > rules.grace_months
    return build(CoverStatus.ARREARS, arrears=tuple(arrears), payable_from=first_unpaid, beyond=beyond)


def cover_on(
    rules: CoverRules,
    ledger: Ledger,
    *,
    programmes: Iterable[str],
    day: dt.date,
    calendar: WorkingCalendar = WEEKENDS_ONLY,
    schedule: Schedule = MONTHLY,
    registered: dt.date | None = None,
) -> CoverOnDate:
    """Protection on ``day`` with every payment recorded so far: a month paid late still counts
    (benefits are paid once arrears are settled), but a membership is never backdated."""
    state = cover_state(
        rules,
        ledger,
        programmes=programmes,
        on=day,
        calendar=calendar,
        schedule=schedule,
        registered=registered,
    )
    month = Month.of(day)
    core = ledger.core_months()
    paid = core.get(month)
    if state.status in (CoverStatus.NOT_ACTIVE, CoverStatus.ENDED) or state.period is None:
        return CoverOnDate(day, False, False, None, state)
    if paid is not None and month >= state.period.start:
        return CoverOnDate(day, True, False, paid, state)
    if rules.kind is CoverKind.PACKAGE:
        return CoverOnDate(day, False, False, None, state)
    within = len(state.arrears) <= state.grace_months
    if rules.grace_benefits is GraceBenefits.BPJS:
        return CoverOnDate(day, within, not within, None, state)
    return CoverOnDate(day, False, True, None, state)
