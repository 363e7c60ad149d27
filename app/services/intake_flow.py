"""The intake counter without Qt: which step a walk-in's enrolment is at, what the officer may do now,
which errors a field shows yet, where Enter goes next, and what the summary line says.

The Pendaftaran page keeps one :class:`IntakeFlow`, tells it what happened (typed, saved, paid …) and
renders what it answers; the record's rules themselves are ``app.domain.intake``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.issues import Issue


class IntakeStep(StrEnum):
    """Where the intake page is in enrolling one worker: form, compare, saving, pay, print."""

    FORM = "FORM"  # typing the worker's data
    COMPARE = "COMPARE"  # likely duplicates beside the form, instead of it
    SAVING = "SAVING"  # the enrolment is being written
    PAY = "PAY"  # saved; the months chosen on the form are not paid yet
    PRINT = "PRINT"  # saved and paid (or nothing due): card and receipts


class Summary(StrEnum):
    """The line under the banner: what stands between the officer and Ctrl+S."""

    NONE = "NONE"
    READY = "READY"  # complete: Ctrl+S saves
    LIKELY = "LIKELY"  # complete, but like a member already enrolled: a supervisor must agree
    DUPLICATE = "DUPLICATE"  # the NIK is enrolled already: nothing can be saved
    FIX = "FIX"  # some fields still need filling or correcting


class Show(StrEnum):
    """What a field row of the intake form shows under its input: nothing, an error or a warning."""

    NOTHING = "NOTHING"
    ERROR = "ERROR"
    WARNING = "WARNING"


# Warnings that stay off the field rows (said elsewhere: a region code missing from today's data).
_QUIET_WARNINGS = frozenset({"nik.region_unknown"})


@dataclass
class IntakeFlow:
    """One enrolment at the counter, from the first keystroke to the printed card."""

    day_closed: bool = False  # today closed by a supervisor: nothing can be saved
    frozen: bool = False  # an outreach laptop too long without a sync
    attempted: bool = False  # Ctrl+S pressed once: every error shows
    touched: set[str] = field(default_factory=set)  # fields the officer has left
    autofilled: dict[str, str] = field(default_factory=dict)  # field -> value filled from the NIK
    duplicate: str | None = None  # the number already enrolled with this NIK
    likely: int = 0  # likely duplicates found for the name, birth date and NIK district
    comparing: bool = False
    saving: bool = False
    saved: str | None = None  # the new member's number
    payment_due: bool = False

    # ---- where we are -------------------------------------------------------------------------
    @property
    def step(self) -> IntakeStep:
        if self.saving:
            return IntakeStep.SAVING
        if self.saved is not None:
            return IntakeStep.PAY if self.payment_due else IntakeStep.PRINT
        return IntakeStep.COMPARE if self.comparing else IntakeStep.FORM

    @property
    def editing(self) -> bool:
        """The form takes input (until the worker is saved)."""
        return self.saved is None

    @property
    def can_save(self) -> bool:
        """Save is open unless saving, saved, the day closed or the laptop frozen (each said on screen)."""
        return not self.saving and self.saved is None and not self.day_closed and not self.frozen

    @property
    def save_visible(self) -> bool:
        """The comparison has its own button (with the supervisor's approval); after saving there is none."""
        return self.saved is None and not self.comparing

    @property
    def print_primary(self) -> bool:
        """Printing is the next thing to do once nothing is left to pay."""
        return self.saved is not None and not self.payment_due

    @property
    def can_compare(self) -> bool:
        return self.likely > 0 and self.saved is None

    # ---- what happened ------------------------------------------------------------------------
    def nik_edited(self) -> None:
        self.duplicate = None

    def left(self, key: str) -> None:
        self.touched.add(key)

    def start_save(self) -> bool:
        """Ctrl+S: every error shows from now on; False when saving is not open."""
        if not self.can_save:
            return False
        self.attempted = True
        return True

    def saving_started(self) -> None:
        self.saving = True

    def save_failed(self) -> None:
        self.saving = False

    def saved_as(self, number: str, *, payment_due: bool) -> None:
        self.saving = False
        self.saved = number
        self.payment_due = payment_due
        self.comparing = False
        self.likely = 0

    def paid(self) -> None:
        self.payment_due = False

    def compare(self) -> bool:
        if not self.can_compare:
            return False
        self.comparing = True
        return True

    def back_to_form(self) -> bool:
        was = self.comparing
        self.comparing = False
        return was

    def reset(self) -> bool:
        """The next worker; refused while saving (the page also waits for a print in progress)."""
        if self.saving:
            return False
        self.attempted = self.comparing = self.payment_due = False
        self.touched.clear()
        self.autofilled.clear()
        self.duplicate = self.saved = None
        self.likely = 0
        return True

    # ---- what a field shows -------------------------------------------------------------------
    def field_shows(self, key: str, errors: Sequence[Issue], warnings: Sequence[Issue]) -> tuple[Show, str]:
        """A field's first error once the officer has left it (or tried to save); otherwise its first
        warning; nothing while it is still untouched."""
        error = next((i for i in errors if i.field == key), None)
        if error is not None and (self.attempted or key in self.touched):
            return Show.ERROR, error.message
        warning = next((i for i in warnings if i.field == key and i.code not in _QUIET_WARNINGS), None)
        if warning is not None:
            return Show.WARNING, warning.message
        return Show.NOTHING, ""

    def needs_mismatch_confirmation(self, issues: Iterable[Issue]) -> bool:
        """A NIK that disagrees with the birth date or gender typed: the officer confirms with the KTP."""
        return any(i.code.startswith("nik.") and "mismatch" in i.code for i in issues)

    def summary(self, errors: Sequence[Issue], ok: bool) -> tuple[Summary, int]:
        """The summary line and, for :attr:`Summary.FIX`, how many fields still need work."""
        if self.saved is not None:
            return Summary.NONE, 0
        if ok and self.duplicate is None and not self.saving:
            return (Summary.LIKELY if self.likely else Summary.READY), 0
        if self.duplicate:
            return Summary.DUPLICATE, 0
        n = len({i.field for i in errors})
        return (Summary.FIX, n) if n else (Summary.NONE, 0)

    def next_field(self, chain: Sequence[str], current: str, enabled: Iterable[str]) -> str | None:
        """Enter on ``current``: the next enabled field in ``chain`` not filled from the NIK."""
        if current:
            self.touched.add(current)
        open_ = set(enabled)
        if current not in chain:
            return None
        for key in chain[chain.index(current) + 1 :]:
            if key in open_ and key not in self.autofilled:
                return key
        return None
