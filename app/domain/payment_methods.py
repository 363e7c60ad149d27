"""The ways of paying a contribution, which need a reference, and what funding their money counts as."""

from __future__ import annotations

from app.domain.quote import PUBLIC_BUDGET

PAYMENT_METHODS = ("cash", "transfer", "apbd", "employer")
METHOD_LABELS = {
    "cash": "Tunai",
    "transfer": "Transfer bank",
    "apbd": "APBD (pemerintah daerah)",
    "employer": "Pemberi kerja",
}


def reference_required(method: str) -> bool:
    """Every way of paying but cash needs a reference (transfer number, SP2D, employer's letter)."""
    return method != "cash"


def takes_tender(method: str) -> bool:
    """Cash is counted at the counter: the amount received is typed and the change worked out."""
    return method == "cash"


def funding_paid_by(funding: str, method: str) -> str:
    """The funding a payment counts as: APBD money is APBD funding (PP 50/2025 gives it no discount)."""
    if method == "apbd" and funding not in PUBLIC_BUDGET:
        return "APBD"
    return funding


def discount_allowed(funding: str) -> bool:
    """Whether a temporary discount (PP 50/2025) may apply to money from ``funding`` at all."""
    return funding not in PUBLIC_BUDGET
