"""What a member's next payment may be (:class:`PaymentOptions`), read from his cover: the payment
dialogs render it, ``pay`` enforces the same rules (``charges``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.issues import DomainError
from app.domain.payment_options import PaymentOptions, enrolment_payment_options, payment_options
from app.services.context import ServiceContext
from app.services.contributions.cover import member_facts
from app.services.contributions.lookup import member_by_key, today_at

__all__ = ["enrolment_payment_options", "member_payment_options"]


def member_payment_options(ctx: ServiceContext, key: str) -> PaymentOptions:
    """The ways of paying and the months a payment for this member may cover, today."""

    def work(session: Session) -> PaymentOptions:
        member = member_by_key(session, key)
        try:
            facts = member_facts(session, ctx, member)
            return payment_options(facts.state(), funding=facts.quote_input.funding, today=facts.today)
        except DomainError:
            # No rate for this segment yet: the usual choices; ``pay`` says why it cannot price them.
            return payment_options(None, funding="MANDIRI", today=today_at(session, ctx))

    return ctx.read(work)
