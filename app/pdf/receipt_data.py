"""What a receipt for contributions (tanda bukti penerimaan iuran) prints: one payment, or one
sponsor's batch. Already formatted by the service (time zone, labels); amounts in integer rupiah;
the NIK arrives masked, so nothing here can print it whole."""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "TANDA BUKTI PENERIMAAN IURAN"
SPONSOR_TITLE = "TANDA BUKTI PENERIMAAN IURAN KOLEKTIF"


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One programme's contributions over the period paid."""

    programme: str
    label: str
    base: int | None  # None: the base differs between months (e.g. a new JP cap)
    rate: str
    months: int
    gross: int
    discount: int
    amount: int


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything one payment's receipt prints, as text ready for the page."""

    receipt_no: str
    branch: str
    issued_at: str  # local date and time with zone: "23-11-2026 10:00 WIB"
    officer: str
    counter: str
    member_number: str
    member_name: str
    nik_masked: str
    segment: str
    programmes: str
    period: str
    months_count: int
    schedule: str
    method: str
    reference: str | None
    lines: tuple[ReceiptLine, ...]
    gross_total: int
    discount_total: int
    total: int
    discount_labels: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    void: str | None = None  # "DIBATALKAN … oleh …: alasan"
    sponsor: str | None = None
    fine_total: int = 0  # PU late fine collected with the arrears
    fine_note: str | None = None  # "Denda keterlambatan 2% per bulan: Jan 2027 (2 bulan), …"
    credit: int = 0  # an earlier overpayment set against this payment (PP 50/2025 art. 6)
    cover: str | None = None  # the member's protection after this payment: "Dilindungi s.d. …"
    copy: str | None = None  # "SALINAN, dicetak ulang 07-12-2026 10:00" on a reprint
    # Labelled amounts printed under the total, in order, e.g. (("Diterima", 100_000),
    # ("Kembali", 6_400)) for cash: a service fills them, the A5 page and the roll print them.
    after_total: tuple[tuple[str, int], ...] = ()

    def all_notes(self) -> list[str]:
        """Discounts, the fine and the quote's notes, in the order they print."""
        return (
            [f"{label}." for label in self.discount_labels]
            + ([self.fine_note] if self.fine_note else [])
            + list(self.notes)
        )


@dataclass(frozen=True, slots=True)
class SponsorMemberLine:
    """One member paid for in a sponsor's batch."""

    number: str
    name: str
    nik_masked: str
    receipt_no: str
    total: int
    voided: bool = False


@dataclass(frozen=True, slots=True)
class SponsorReceiptData:
    """A sponsor's receipt with the members it paid for."""

    receipt_no: str
    branch: str
    issued_at: str
    officer: str
    counter: str
    sponsor: str
    method: str
    reference: str | None
    period: str
    months_count: int
    members: tuple[SponsorMemberLine, ...]
    total: int

    def paid_members(self) -> int:
        """Members whose payment stands (not voided)."""
        return sum(1 for m in self.members if not m.voided)
