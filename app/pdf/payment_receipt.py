"""Receipts for contributions (tanda bukti penerimaan iuran): one payment, or one sponsor's batch, on
A5 or an 80 mm roll. DTOs in, PDF bytes out; fonts must be registered (:mod:`app.pdf.fonts`)."""

from __future__ import annotations

from app.pdf import fonts, receipt_a5, receipt_roll
from app.pdf.receipt_data import (
    SPONSOR_TITLE,
    TITLE,
    ReceiptData,
    ReceiptLine,
    SponsorMemberLine,
    SponsorReceiptData,
)

__all__ = [
    "SPONSOR_TITLE",
    "TITLE",
    "ReceiptData",
    "ReceiptLine",
    "SponsorMemberLine",
    "SponsorReceiptData",
    "render_payment_receipt",
    "render_sponsor_receipt",
]
PAPERS = ("A5", "80mm")


def _check(paper: str) -> None:
    fonts.require()
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")


def render_payment_receipt(data: ReceiptData, *, paper: str = "A5") -> bytes:
    """PDF bytes of one payment's receipt; ``paper`` is ``A5`` or ``80mm``."""
    _check(paper)
    return receipt_roll.render_payment(data) if paper == "80mm" else receipt_a5.render_payment(data)


def render_sponsor_receipt(data: SponsorReceiptData, *, paper: str = "A5") -> bytes:
    """PDF bytes of a sponsor's receipt with its member list; ``paper`` is ``A5`` or ``80mm``."""
    _check(paper)
    return receipt_roll.render_sponsor(data) if paper == "80mm" else receipt_a5.render_sponsor(data)
