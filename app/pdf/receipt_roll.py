"""Receipts for contributions on an 80 mm thermal roll: one payment, or a sponsor's batch."""

from __future__ import annotations

from reportlab.lib.units import mm

from app.domain.money import format_rupiah
from app.domain.terbilang import terbilang
from app.pdf import fonts
from app.pdf.receipt_data import SPONSOR_TITLE, TITLE, ReceiptData, SponsorReceiptData
from app.pdf.roll import Roll

BOLD = fonts.CONDENSED_BOLD


def _head(roll: Roll, title: str, branch: str, receipt_no: str, issued_at: str, officer: str) -> None:
    roll.header(title, branch)
    roll.pair("No.", receipt_no, font=BOLD)
    roll.pair("Tanggal", issued_at)
    roll.pair("Petugas", officer)
    roll.rule()


def _tail(roll: Roll, total: int) -> None:
    """The total in figures and words."""
    roll.rule(dashed=False)
    roll.pair("TOTAL", format_rupiah(total), font=BOLD, size=11)
    roll.text(f"Terbilang: {terbilang(total)}", size=7)


def _foot(roll: Roll, counter: str, receipt_no: str) -> None:
    """The counter, then the receipt's QR."""
    roll.gap(1.5 * mm)
    roll.pair("Loket", counter, size=7)
    roll.qr(receipt_no, 22 * mm, "Simpan tanda bukti ini. Terima kasih.")


def render_payment(r: ReceiptData) -> bytes:
    """One payment's receipt on the roll."""
    roll = Roll()
    _head(roll, TITLE, r.branch, r.receipt_no, r.issued_at, r.officer)
    if r.copy:
        roll.text(r.copy, font=BOLD, align="c")
    roll.pair("Peserta", r.member_number, font=BOLD)
    roll.text(r.member_name, font=BOLD)
    roll.pair("NIK", r.nik_masked)
    roll.pair("Segmen", f"{r.segment} · {r.programmes}")
    roll.pair("Periode", r.period)
    roll.pair("Jumlah bulan", str(r.months_count))
    if r.cover:
        roll.text(r.cover, size=7.5)
    if r.schedule != "Bulanan":
        roll.text(r.schedule, size=7.5)
    roll.pair("Cara bayar", r.method)
    if r.reference:
        roll.pair("Referensi", r.reference)
    if r.sponsor:
        roll.text(f"Dibayar oleh {r.sponsor}", size=7.5)
    roll.rule()
    for ln in r.lines:
        rate = f" × {ln.rate}" if ln.rate != "-" else " (tanpa iuran tambahan)"
        roll.pair(f"{ln.programme}  {ln.months} bln{rate}", format_rupiah(ln.gross), font=BOLD)
        roll.text(ln.label, size=7, indent=4 * mm)
        if ln.base is None:
            roll.text("dasar beragam per bulan", size=7, indent=4 * mm)
        elif ln.base:
            roll.text(f"dasar {format_rupiah(ln.base)}", size=7, indent=4 * mm)
        if ln.discount:
            roll.pair("potongan", f"-{format_rupiah(ln.discount)}", size=7.5, indent=4 * mm)
        roll.gap(1 * mm)
    roll.rule()
    roll.pair("Jumlah iuran", format_rupiah(r.gross_total))
    if r.discount_total:
        roll.pair("Potongan iuran", f"-{format_rupiah(r.discount_total)}")
    if r.fine_total:
        roll.pair("Denda keterlambatan", format_rupiah(r.fine_total))
    if r.credit:
        roll.pair("Kredit kelebihan bayar", f"-{format_rupiah(r.credit)}")
    _tail(roll, r.total)
    for label, amount in r.after_total:
        roll.pair(label, format_rupiah(amount))
    for note in r.all_notes():
        roll.text(f"• {note}", size=6.6)
    if r.void:
        roll.rule(dashed=False)
        roll.text(r.void, font=BOLD)
        roll.stamp("DIBATALKAN")
    _foot(roll, r.counter, r.receipt_no)
    return roll.render(f"{TITLE} {r.receipt_no}", TITLE.title())


def render_sponsor(r: SponsorReceiptData) -> bytes:
    """A sponsor's receipt with every member it paid for, on the roll."""
    roll = Roll()
    _head(roll, SPONSOR_TITLE, r.branch, r.receipt_no, r.issued_at, r.officer)
    roll.text("Diterima dari", size=7.5)
    roll.text(r.sponsor, font=BOLD, size=9)
    roll.pair("Cara bayar", r.method)
    if r.reference:
        roll.pair("Referensi", r.reference)
    roll.pair("Periode", r.period)
    roll.pair("Jumlah bulan", str(r.months_count))
    roll.pair("Jumlah peserta", str(r.paid_members()))
    roll.rule()
    for i, line in enumerate(r.members, start=1):
        amount = "BATAL" if line.voided else format_rupiah(line.total)
        roll.pair(f"{i}. {line.number}", amount, font=BOLD, size=7.5)
        roll.text(f"{line.name} · {line.nik_masked}", size=7, indent=4 * mm)
    _tail(roll, r.total)
    _foot(roll, r.counter, r.receipt_no)
    return roll.render(f"{SPONSOR_TITLE} {r.receipt_no}", SPONSOR_TITLE.title())
