"""Card life: issue, preview, spoil, reprint with a supervisor's approval, A4 sheets, verification
(a package, one job per module: ``dto``, ``issue``, ``reprints``, ``sheets``, ``verify``).

Every printed card has a serial (``<number>-<k>``, the k-th card of that member) and a row in
``card``. A member has at most one *issued* card; a reprint revokes it, a print failure marks it
spoiled, and a scanned QR whose serial is revoked or spoiled is refused.
"""

from __future__ import annotations

from app.services.cards.dto import (
    PREVIEW_QR,
    RECORD_STATUS_LABELS,
    CardDTO,
    CardVerification,
    IssuedCard,
    MemberStanding,
    ReprintRequestDTO,
    SheetResult,
    SkippedMember,
)
from app.services.cards.issue import (
    card_pdf,
    ensure_fonts,
    issue_card,
    member_cards,
    preview_card,
    spoil_card,
)
from app.services.cards.reprints import (
    approve_reprint,
    pending_reprints,
    reject_reprint,
    reprint_card,
    request_reprint,
)
from app.services.cards.sheets import print_card_sheet
from app.services.cards.verify import regional_revocation_message, verify_card_text

__all__ = [
    "PREVIEW_QR",
    "RECORD_STATUS_LABELS",
    "CardDTO",
    "CardVerification",
    "IssuedCard",
    "MemberStanding",
    "ReprintRequestDTO",
    "SheetResult",
    "SkippedMember",
    "approve_reprint",
    "card_pdf",
    "ensure_fonts",
    "issue_card",
    "member_cards",
    "pending_reprints",
    "preview_card",
    "print_card_sheet",
    "regional_revocation_message",
    "reject_reprint",
    "reprint_card",
    "request_reprint",
    "spoil_card",
    "verify_card_text",
]
