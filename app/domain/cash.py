"""Cash at the counter: the amount received and the change, and the cash counted at the day's close.

Pure: amounts are integer rupiah. The payment screens, the services and the day close use these
rules; the screens only show their decisions.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.money import format_rupiah
from app.domain.payment_methods import takes_tender

MAX_AMOUNT = 10_000_000_000  # Rp10 miliar: far above any counter payment; a typo of extra zeros stops here
MIN_REASON = 5
MAX_REASON = 200
_AMOUNT = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,-|,00)?$", re.IGNORECASE)


def parse_rupiah(text: str) -> int | None:
    """``50.000``, ``50000``, ``Rp50.000``, ``Rp 50.000,-`` → 50000; anything else → None."""
    m = _AMOUNT.match(text.strip())
    if m is None:
        return None
    value = int(re.sub(r"[.\s]", "", m.group(1)))
    return value if value <= MAX_AMOUNT else None


def received_issues(total: int, text: str) -> list[Issue]:
    """What is wrong with ``text`` as the cash received for ``total`` (empty when it is enough)."""
    if not text.strip():
        return [Issue("uang_diterima", "cash.received_required", "Isi uang yang diterima dari peserta.")]
    received = parse_rupiah(text)
    if received is None:
        return [
            Issue(
                "uang_diterima",
                "cash.received_invalid",
                "Uang diterima ditulis dalam rupiah, mis. 50000 atau 50.000.",
            )
        ]
    if received < total:
        return [
            Issue(
                "uang_diterima",
                "cash.received_short",
                msg(
                    "Uang diterima kurang {format_rupiah} dari jumlah yang dibayar {format_rupiah2}.",
                    format_rupiah=format_rupiah(total - received),
                    format_rupiah2=format_rupiah(total),
                ),
            )
        ]
    return []


def check_received(method: str, total: int, received: int | None) -> None:
    """The rule the payment services enforce: an amount received is cash's, and covers the total."""
    if received is None:
        return
    if not takes_tender(method):
        raise DomainError(
            Issue(
                "uang_diterima",
                "cash.received_not_cash",
                "Uang diterima hanya dicatat untuk pembayaran tunai.",
            )
        )
    if received < 0 or received > MAX_AMOUNT:
        raise DomainError(
            Issue("uang_diterima", "cash.received_invalid", "Jumlah uang diterima tidak masuk akal.")
        )
    if received < total:
        raise DomainError(
            Issue(
                "uang_diterima",
                "cash.received_short",
                msg(
                    "Uang diterima kurang {format_rupiah} dari jumlah yang dibayar {format_rupiah2}.",
                    format_rupiah=format_rupiah(total - received),
                    format_rupiah2=format_rupiah(total),
                ),
            )
        )


class PayStep(enum.Enum):
    """Where taking a payment stands: nothing is recorded before the officer confirms what is shown."""

    ENTER = "enter"  # choosing method, months, typing the amount received
    CONFIRM = "confirm"  # the total, the amount received and the change on screen: confirm or go back
    RECORDING = "recording"  # the service call is on its way
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Tender:
    """What the officer is about to record: the total, how, and for cash what was handed over."""

    total: int
    method: str
    received: int | None = None

    @property
    def change(self) -> int:
        return (self.received or 0) - self.total if self.received is not None else 0


class PaymentFlow:
    """The steps of taking one payment, the same on every payment screen (no Qt here).

    ``review`` moves from ENTER to CONFIRM when what is typed is enough (returns the issues
    otherwise); ``confirm`` from CONFIRM to RECORDING; ``back`` returns to ENTER; ``recorded`` and
    ``failed`` end the call. A single key never records: ENTER→CONFIRM→RECORDING takes two.
    """

    def __init__(self) -> None:
        self.step = PayStep.ENTER
        self.tender: Tender | None = None

    def review(self, total: int | None, method: str, received_text: str) -> list[Issue]:
        if self.step is not PayStep.ENTER:
            return []
        if total is None:
            return [Issue("", "cash.no_total", "Jumlah yang dibayar belum dihitung.")]
        if takes_tender(method):
            issues = received_issues(total, received_text)
            if issues:
                return issues
            self.tender = Tender(total, method, parse_rupiah(received_text))
        else:
            self.tender = Tender(total, method)
        self.step = PayStep.CONFIRM
        return []

    def back(self) -> None:
        if self.step is PayStep.CONFIRM:
            self.step = PayStep.ENTER
            self.tender = None

    def confirm(self) -> Tender | None:
        """The tender to record, once; None unless the officer is looking at the confirmation."""
        if self.step is not PayStep.CONFIRM or self.tender is None:
            return None
        self.step = PayStep.RECORDING
        return self.tender

    def recorded(self) -> None:
        self.step = PayStep.DONE

    def failed(self) -> None:
        if self.step is PayStep.RECORDING:
            self.step = PayStep.CONFIRM


# --- the day's close: cash counted per officer ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CashCount:
    """The cash one officer handed in at the close, against what the day's payments say."""

    officer: str  # username
    expected: int
    counted: int
    reason: str = ""

    @property
    def difference(self) -> int:
        return self.counted - self.expected


def check_cash_counts(
    expected: Mapping[str, int], counted: Mapping[str, int], reasons: Mapping[str, str]
) -> tuple[list[CashCount], list[Issue]]:
    """Every officer who took cash today is counted; a difference has a reason. Issues name the officer."""
    issues: list[Issue] = []
    counts: list[CashCount] = []
    for officer in sorted(set(expected) | set(counted)):
        should = expected.get(officer, 0)
        if officer not in counted:
            if should:
                issues.append(
                    Issue(
                        f"kas.{officer}",
                        "cash.count_missing",
                        msg(
                            "Hitung uang tunai petugas {officer} (menurut pembayaran {format_rupiah}).",
                            officer=officer,
                            format_rupiah=format_rupiah(should),
                        ),
                    )
                )
            continue
        got = counted[officer]
        if got < 0 or got > MAX_AMOUNT:
            issues.append(
                Issue(
                    f"kas.{officer}",
                    "cash.count_invalid",
                    msg("Jumlah uang petugas {officer} tidak masuk akal.", officer=officer),
                )
            )
            continue
        why = " ".join(reasons.get(officer, "").split())
        if got != should and len(why) < MIN_REASON:
            issues.append(
                Issue(
                    f"alasan.{officer}",
                    "cash.reason_required",
                    msg(
                        "Uang petugas {officer} selisih {format_rupiah}: tulis alasannya (minimal {min_reason} karakter).",
                        officer=officer,
                        format_rupiah=format_rupiah(got - should),
                        min_reason=MIN_REASON,
                    ),
                )
            )
            continue
        if len(why) > MAX_REASON:
            issues.append(
                Issue(
                    f"alasan.{officer}",
                    "cash.reason_length",
                    msg("Alasan paling banyak {max_reason} karakter.", max_reason=MAX_REASON),
                )
            )
            continue
        counts.append(CashCount(officer, should, got, why))
    return counts, issues
