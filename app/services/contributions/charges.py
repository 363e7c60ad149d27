"""What a payment charges: the checks on its inputs, which months it may cover (from the member's
cover), and its price (per programme, with fines, credit, or a PMI's packages)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.billing import Bill, apply_credit, transition_credit
from app.domain.contributions import MAX_MONTHS
from app.domain.cover import MAX_AHEAD, CoverKind, CoverState, CoverStatus
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.months import Month, period_label
from app.domain.payment_methods import PAYMENT_METHODS, reference_required
from app.domain.pmi import check_timing, package_quote, plan
from app.domain.quote import Quote
from app.domain.terms import PmiTerms
from app.services.contributions.cover import MemberFacts
from app.services.contributions.lookup import payment_ids_by_month

# --- checks --------------------------------------------------------------------------------------


def check_months(months: int) -> None:
    """Refuse a number of months to pay that is not 1 to MAX_MONTHS."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise DomainError(
            Issue("bulan", "months.count", msg("Jumlah bulan harus 1–{max_months}.", max_months=MAX_MONTHS))
        )


def check_method(method: str) -> None:
    """Refuse a payment method Loket does not know."""
    if method not in PAYMENT_METHODS:
        raise DomainError(
            Issue("metode", "payment.method", "Cara bayar harus tunai (cash), transfer, apbd atau employer.")
        )


def check_reference(method: str, reference: str | None) -> str | None:
    """The payment's reference number, tidied; refused if the method needs one and none was given."""
    ref = " ".join((reference or "").split()) or None
    if reference_required(method) and ref is None:
        raise DomainError(
            Issue(
                "referensi",
                "payment.reference_required",
                "Nomor referensi wajib untuk pembayaran transfer, APBD atau pemberi kerja "
                "(nomor transfer, SP2D, atau surat pemberi kerja).",
            )
        )
    if ref is not None and len(ref) > 60:
        raise DomainError(
            Issue("referensi", "payment.reference_length", "Nomor referensi paling banyak 60 karakter.")
        )
    return ref


def check_request_key(key: str | None) -> str | None:
    """The caller's request key, tidied: a payment sent twice with it is recorded once."""
    text = (key or "").strip() or None
    if text is not None and (len(text) > 64 or not text.isprintable()):
        raise DomainError(
            Issue(
                "kunci",
                "payment.request_key",
                "Kunci permintaan paling banyak 64 karakter yang dapat dicetak.",
            )
        )
    return text


# --- which months ----------------------------------------------------------------------------------


def choose_months(state: CoverState, *, count: int | None, start: Month | None) -> tuple[Month, ...]:
    """The months a payment covers: ``count`` from ``start`` (or from the first month owed), or,
    with neither, the schedule's next run (everything owed up to now for a monthly payer)."""
    if count is None and start is None:
        if not state.next_months:
            raise DomainError(
                Issue("bulan", "months.count", "Sebutkan jumlah bulan yang dibayar (perpanjangan paket).")
            )
        return state.next_months
    if count is not None:
        check_months(count)
    first = start or state.payable_from
    n = count if count is not None else len(state.next_months) or 1
    return tuple(first.plus(i) for i in range(n))


def check_chosen(state: CoverState, months: tuple[Month, ...], *, arrears_first: bool = True) -> None:
    """Refuse months the cover does not allow: before the first month owed, skipping arrears (a
    sponsor paying the same months for many members may), or further ahead than a year."""
    first = months[0]
    current = Month.of(state.as_of)
    if first < state.payable_from:
        if state.status is CoverStatus.ENDED:
            raise DomainError(
                Issue(
                    "mulai",
                    "payment.ended",
                    msg(
                        "Kepesertaan sudah berakhir; tunggakan lama tidak ditagih. Daftar ulang dimulai dari {label}.",
                        label=state.payable_from.label(),
                    ),
                )
            )
        raise DomainError(
            Issue(
                "mulai",
                "payment.start_too_old",
                msg(
                    "Bulan {label} tidak dapat dibayar: pembayaran dimulai dari {label2}.",
                    label=first.label(),
                    label2=state.payable_from.label(),
                ),
            )
        )
    if arrears_first and state.arrears and first > state.payable_from:
        raise DomainError(
            Issue(
                "mulai",
                "payment.arrears_first",
                msg("Lunasi tunggakan lebih dulu: mulai dari {label}.", label=state.payable_from.label()),
            )
        )
    if months[-1] > current.plus(MAX_AHEAD):
        raise DomainError(
            Issue(
                "mulai",
                "payment.start_too_far",
                msg(
                    "Paling jauh {max_ahead} bulan ke depan ({label}).",
                    max_ahead=MAX_AHEAD,
                    label=current.plus(MAX_AHEAD).label(),
                ),
            )
        )


def overlap_error(months: list[Month], receipts: list[str]) -> DomainError:
    """The error for months already paid, naming the receipts that paid them."""
    which = f" (tanda bukti {', '.join(sorted(set(receipts)))})" if receipts else ""
    return DomainError(
        Issue(
            "bulan",
            "payment.overlap",
            msg(
                "Iuran bulan {period_label} sudah dibayar{which}. Pilih bulan lain, atau minta supervisor membatalkan pembayaran lama.",
                period_label=period_label(months) if months else "ini",
                which=which,
            ),
        )
    )


def refuse_paid(session: Session, facts: MemberFacts, months: tuple[Month, ...]) -> None:
    """A month already paid in full is refused first, naming the receipts that paid it."""
    paid = [m for m in months if all(facts.ledger.paid(p, m) is not None for p in facts.owed)]
    if paid:
        receipts = payment_ids_by_month(session, facts.member.id)
        raise overlap_error(paid, [receipts[(p, m)] for m in paid for p in facts.owed if (p, m) in receipts])


def price_for(session: Session, facts: MemberFacts, months: tuple[Month, ...], *, method: str) -> Bill:
    """The bill for these months (refused when one is already paid in full)."""
    refuse_paid(session, facts, months)
    return facts.price(months, paid_on=facts.today, method=method)


def pmi_terms_of(facts: MemberFacts) -> PmiTerms:
    """A PMI member's contract terms as the quote needs them; refused if the record lacks them."""
    e = facts.enrolment
    if e.pmi_contract_months is None or e.pmi_departure is None:
        raise DomainError(
            Issue(
                "kontrak_bulan",
                "pmi.terms_missing",
                "Data kontrak PMI (lama kontrak, bulan berangkat) belum diisi; koreksi data peserta lebih dulu.",
            )
        )
    return PmiTerms(e.pmi_contract_months, Month.from_int(e.pmi_departure), e.pmi_route or "P3MI", e.pmi_jht)


def payment_quote(
    session: Session,
    facts: MemberFacts,
    *,
    count: int | None,
    start: Month | None,
    method: str,
    enrolment_payment: bool = False,
    sponsored: bool = False,
) -> Quote:
    """What a payment charges now. A PMI's first payment is the packages (they name the months
    they protect); every other payment is months, priced per programme with fines where late."""
    state = facts.state()
    package = facts.rules.kind is CoverKind.PACKAGE
    if package and ((count is None and start is None) or enrolment_payment):
        table = facts.book.table_for(Month.of(facts.today))
        packages = table.segments[facts.enrolment.segment].pmi
        if packages is None:
            raise DomainError(Issue("segmen", "pmi.no_packages", "Tabel tarif tidak memuat paket PMI."))
        terms = pmi_terms_of(facts)
        check_timing(packages, terms, today=facts.today)
        paid = frozenset(facts.ledger.core_months())
        return package_quote(
            plan(packages, terms, today=facts.today), facts.quote_input, version=table.version, paid=paid
        )
    if enrolment_payment:
        months = choose_months(state, count=count, start=start or Month.of(facts.enrolment.business_date))
    else:
        months = choose_months(state, count=count, start=start)
        refuse_paid(session, facts, months)
        if package:
            check_extension(state, months)
        else:
            check_chosen(state, months, arrears_first=not sponsored)
    q = price_for(session, facts, months, method=method).quote
    if not q.lines:
        raise overlap_error(list(months), [])
    credit = transition_credit(
        facts.book, facts.quote_input.paid_by(method), facts.ledger, used=facts.credit_used
    )
    return apply_credit(q, credit)


def check_extension(state: CoverState, months: tuple[Month, ...]) -> None:
    """A package member pays months within or after the protection (JHT, or an extension), at most a
    year past its end."""
    first = state.period.start if state.period else Month.of(state.as_of)
    last = (state.paid_through or Month.of(state.as_of)).plus(MAX_AHEAD)
    if months[0] < first or months[-1] > last:
        raise DomainError(
            Issue(
                "mulai",
                "payment.package_months",
                msg(
                    "Bulan yang dapat dibayar: {label} sampai {label2}.",
                    label=first.label(),
                    label2=last.label(),
                ),
            )
        )
