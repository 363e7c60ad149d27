"""Contributions: rate tables, cover and status, payments, voids, sponsored batches, schedules, receipts.

One module per job; this package's names are the use cases the GUI and the CLI call:

* **Live quote (intake page).** ``rate_book(ctx)`` once, then the pure
  ``app.domain.contributions.quote_record`` on every keystroke.
* **Cover.** ``member_cover(ctx, key)`` is the one answer to "is this worker protected, until when,
  what does he owe?"; ``cover_on_date`` answers it for any date (claims).
* **Payment options.** ``member_payment_options(ctx, key)`` (a member's next payment) and the pure
  ``enrolment_payment_options(book, quote)`` (the first one, at intake): what the payment dialogs show.
* **Payments.** ``pay`` (with no months: the schedule's next run), ``record_enrolment_payment``
  right after an enrolment, ``quote_for_member`` to preview, ``void_payment`` (supervisor).
* **Receipts.** ``receipt_pdf`` prints as paid; ``reprint_receipt_pdf`` prints an audited copy.
* **Sponsored batches.** ``pay_sponsored`` takes ``progress``/``cancel`` for the task runner.
"""

from app.services.contributions.cover import business_today, cover_on_date, member_cover
from app.services.contributions.options import enrolment_payment_options, member_payment_options
from app.services.contributions.payments import (
    get_payment,
    pay,
    payments_for_member,
    quote_for_member,
    quote_for_record,
    record_enrolment_payment,
    void_payment,
)
from app.services.contributions.rate_tables import load_rate_table, rate_book, rate_tables
from app.services.contributions.receipts import (
    payment_receipt_data,
    receipt_pdf,
    reprint_receipt_pdf,
    sponsor_receipt_data,
    sponsor_receipt_pdf,
)
from app.services.contributions.schedules import set_schedule
from app.services.contributions.sponsor import (
    MAX_SPONSOR_MEMBERS,
    get_sponsor_batch,
    pay_sponsored,
    write_sponsored_payment,
)

__all__ = [
    "MAX_SPONSOR_MEMBERS",
    "business_today",
    "cover_on_date",
    "enrolment_payment_options",
    "get_payment",
    "get_sponsor_batch",
    "load_rate_table",
    "member_cover",
    "member_payment_options",
    "pay",
    "pay_sponsored",
    "payment_receipt_data",
    "payments_for_member",
    "quote_for_member",
    "quote_for_record",
    "rate_book",
    "rate_tables",
    "receipt_pdf",
    "record_enrolment_payment",
    "reprint_receipt_pdf",
    "set_schedule",
    "sponsor_receipt_data",
    "sponsor_receipt_pdf",
    "void_payment",
    "write_sponsored_payment",
]
