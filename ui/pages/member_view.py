"""What the Data Peserta page shows, read in one worker call: the audited record (with what the officer
may do now), the cover, payments, cards and the options for the next payment."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.issues import DomainError
from app.domain.member_actions import MemberActions
from app.domain.payment_options import PaymentOptions
from app.domain.states import CardStatus
from app.services import cards, contributions, records
from app.services.contribution_dto import CoverDTO, PaymentDTO
from app.services.dto import MemberDTO
from app.services.records_dto import MemberRecordDTO
from ui.context import UiContext


@dataclass(frozen=True)
class MemberView:
    """Everything the page shows, read in one worker call."""

    record: MemberRecordDTO
    status: CoverDTO | None
    payments: tuple[PaymentDTO, ...]
    cards: tuple[cards.CardDTO, ...]
    reprints: tuple[cards.ReprintRequestDTO, ...]
    payment_options: PaymentOptions | None = None  # None without an enrolment (nothing to pay)

    @property
    def member(self) -> MemberDTO:
        return self.record.member

    @property
    def actions(self) -> MemberActions:
        return self.record.actions

    @property
    def issued_card(self) -> cards.CardDTO | None:
        return next((c for c in reversed(self.cards) if c.status == CardStatus.ISSUED), None)


def load_member_view(ui: UiContext, key: str, *, via: str) -> MemberView:
    """Runs in a worker thread. Opening the record audits the view (``member.view``)."""
    record = records.open_member_record(ui.ctx, ui.actor, key, via=via)
    number = record.member.number
    status: CoverDTO | None = None
    options: PaymentOptions | None = None
    if record.member.enrolments:
        try:
            status = contributions.member_cover(ui.ctx, number)
        except DomainError:
            status = None  # no rate for this segment yet: the rest of the record still shows
        options = contributions.member_payment_options(ui.ctx, number)
    payments = contributions.payments_for_member(ui.ctx, number)
    member_cards = tuple(cards.member_cards(ui.ctx, number))
    reprints = tuple(r for r in cards.pending_reprints(ui.ctx) if r.number == number)
    return MemberView(record, status, payments, member_cards, reprints, options)
