"""What an officer may do with one member now, and why not: one decision from the officer's role, the
record's state and the business day, shown by every page and never re-derived by a widget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from app.domain.issues import Issue
from app.domain.roles import Permission, allowed
from app.domain.states import RecordStatus


class MemberAction(StrEnum):
    """Something an officer may want to do with a member on the record page."""

    PAY = "PAY"  # take a contribution payment
    SCHEDULE = "SCHEDULE"  # set the payment calendar (monthly, harvest …)
    ISSUE_CARD = "ISSUE_CARD"  # print the first card
    REPRINT_CARD = "REPRINT_CARD"  # ask for (or, a supervisor, print) a replacement card
    PRINT_RECEIPT = "PRINT_RECEIPT"  # the registration receipt
    CORRECT = "CORRECT"  # propose a correction of the record
    DEACTIVATE = "DEACTIVATE"  # deactivate or merge into another number (supervisor)
    VOID_PAYMENT = "VOID_PAYMENT"  # void a payment (supervisor)
    MOVE = "MOVE"  # move the member to another branch


# What each action needs from the role.
_PERMISSION = {
    MemberAction.PAY: Permission.PAY,
    MemberAction.SCHEDULE: Permission.PAY,
    MemberAction.ISSUE_CARD: Permission.PRINT,
    MemberAction.REPRINT_CARD: Permission.PRINT,
    MemberAction.PRINT_RECEIPT: Permission.PRINT,
    MemberAction.CORRECT: Permission.PROPOSE_CORRECTION,
    MemberAction.DEACTIVATE: Permission.APPROVE,
    MemberAction.VOID_PAYMENT: Permission.VOID,
    MemberAction.MOVE: Permission.MOVE_MEMBER,
}
# Actions that write a business-day record (refused once the day is closed).
_DAY_BOUND = frozenset({MemberAction.PAY, MemberAction.ISSUE_CARD, MemberAction.MOVE})
# Actions that need the member's enrolment (segment, programmes).
_NEEDS_ENROLMENT = frozenset(
    {MemberAction.PAY, MemberAction.SCHEDULE, MemberAction.ISSUE_CARD, MemberAction.PRINT_RECEIPT}
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Allowed, or refused with an :class:`Issue` (stable code, Indonesian reason for the officer)."""

    allowed: bool
    issue: Issue | None = None

    @property
    def code(self) -> str:
        return self.issue.code if self.issue is not None else ""

    @property
    def reason(self) -> str:
        return self.issue.message if self.issue is not None else ""


ALLOWED = Verdict(True)


def _refused(issue: Issue) -> Verdict:
    return Verdict(False, issue)


# Why a role may not take an action (constant texts: the interface translates them).
_ROLE_REFUSALS = {
    MemberAction.PAY: Issue("", "auth.forbidden", "Peran Anda tidak mencakup penerimaan iuran."),
    MemberAction.SCHEDULE: Issue("", "auth.forbidden", "Peran Anda tidak mencakup pengaturan jadwal bayar."),
    MemberAction.ISSUE_CARD: Issue("", "auth.forbidden", "Peran Anda tidak mencakup pencetakan kartu."),
    MemberAction.REPRINT_CARD: Issue("", "auth.forbidden", "Peran Anda tidak mencakup pencetakan kartu."),
    MemberAction.PRINT_RECEIPT: Issue(
        "", "auth.forbidden", "Peran Anda tidak mencakup pencetakan tanda terima."
    ),
    MemberAction.CORRECT: Issue("", "auth.forbidden", "Peran Anda tidak mencakup pengajuan koreksi data."),
    MemberAction.DEACTIVATE: Issue(
        "", "auth.forbidden", "Hanya supervisor yang dapat menonaktifkan peserta."
    ),
    MemberAction.VOID_PAYMENT: Issue(
        "", "auth.forbidden", "Hanya supervisor yang dapat membatalkan pembayaran."
    ),
    MemberAction.MOVE: Issue("", "auth.forbidden", "Peran Anda tidak mencakup mutasi peserta."),
}
_MERGED = Issue("", "member.merged", "Nomor ini sudah digabung ke nomor lain: lakukan pada nomor tujuan.")
_INACTIVE = Issue("", "member.inactive", "Peserta ini tidak aktif.")
_NOT_ENROLLED = Issue("", "member.not_enrolled", "Peserta belum memiliki data kepesertaan (segmen, program).")
_CARD_IN_FORCE = Issue(
    "", "card.in_force", "Kartu peserta masih berlaku; untuk kartu hilang atau rusak pilih Cetak ulang."
)
_NO_CARD = Issue("", "card.none", "Peserta belum memiliki kartu yang berlaku; cetak kartu lebih dulu.")
_REPRINT_PENDING = Issue(
    "", "card.reprint_pending", "Permintaan cetak ulang masih menunggu persetujuan supervisor."
)
_DAY_CLOSED = Issue("", "day.closed", "Hari kerja ini sudah ditutup; minta supervisor membukanya kembali.")
_UNKNOWN = Issue("", "action.unknown", "Tindakan ini tidak tersedia.")


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """The state the decision depends on, as the service read it."""

    record_status: str
    merged_into: str | None = None
    enrolled: bool = True
    issued_card: str | None = None  # the serial of the card in force
    reprint_pending: bool = False
    day_closed: bool = False


@dataclass(frozen=True, slots=True)
class MemberActions:
    """The verdict for every :class:`MemberAction`."""

    verdicts: Mapping[MemberAction, Verdict] = field(default_factory=lambda: MappingProxyType({}))

    def may(self, action: MemberAction) -> bool:
        return self.of(action).allowed

    def of(self, action: MemberAction) -> Verdict:
        return self.verdicts.get(action, _refused(_UNKNOWN))

    def as_json(self) -> dict[str, Any]:
        return {
            str(a): {"allowed": v.allowed, **({"code": v.code, "reason": v.reason} if not v.allowed else {})}
            for a, v in self.verdicts.items()
        }


def _state_refusal(action: MemberAction, f: MemberFacts) -> Verdict | None:
    if action is MemberAction.VOID_PAYMENT:
        return None  # a payment stays voidable whatever became of the member since
    status = f.record_status
    if status == RecordStatus.MERGED:
        return _refused(_MERGED)
    if status != RecordStatus.ACTIVE and action is not MemberAction.CORRECT:
        return _refused(_INACTIVE)
    if action in _NEEDS_ENROLMENT and not f.enrolled:
        return _refused(_NOT_ENROLLED)
    if action is MemberAction.ISSUE_CARD and f.issued_card is not None:
        return _refused(_CARD_IN_FORCE)
    if action is MemberAction.REPRINT_CARD:
        if f.issued_card is None:
            return _refused(_NO_CARD)
        if f.reprint_pending:
            return _refused(_REPRINT_PENDING)
    return None


def member_actions(role: str, facts: MemberFacts) -> MemberActions:
    """Every action's verdict: the role first, then the record's state, then the business day."""
    verdicts: dict[MemberAction, Verdict] = {}
    for action in MemberAction:
        verdict: Verdict | None = None
        if not allowed(role, _PERMISSION[action]):
            verdict = _refused(_ROLE_REFUSALS[action])
        if verdict is None:
            verdict = _state_refusal(action, facts)
        if verdict is None and facts.day_closed and action in _DAY_BOUND:
            verdict = _refused(_DAY_CLOSED)
        verdicts[action] = verdict or ALLOWED
    return MemberActions(MappingProxyType(verdicts))


def offered(role: str, action: MemberAction) -> bool:
    """Whether ``role`` may ever take ``action`` (a page hides what a role can never do)."""
    return allowed(role, _PERMISSION[action])
