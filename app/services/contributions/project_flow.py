"""The construction-project desk without Qt: which step a project is at, what the officer may do
now, where the cursor goes next, and the form's typed text read into the services' arguments.

The Proyek Konstruksi page renders a :class:`DeskView` and calls the services; every rule it shows
(rights, reference numbers, contract value, check digits) is the core's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.issues import Issue
from app.domain.membership import MembershipNumber, parse_number
from app.domain.messages import msg
from app.domain.payment_methods import reference_required
from app.domain.projects import ProjectStatus, check_contract_value
from app.domain.record_fields import parse_int
from app.services.contributions.projects import MAX_WORKERS, ProjectDTO, ProjectRights

VALUE_FIELD = "nilai_kontrak"
WORKER_FIELD = "pekerja"
_MAX_VALUE_DIGITS = 16  # beyond the core's ceiling (Rp1.000 triliun) either way: no reformatting


class ProjectStep(StrEnum):
    """Where a construction project stands on the desk: new, listing workers, paying, printing."""

    NEW = "NEW"  # no project chosen: the form registers one
    LIST_WORKERS = "LIST_WORKERS"  # registered, nobody listed under it yet
    PAY = "PAY"  # workers listed, the contribution not yet paid
    PRINT = "PRINT"  # paid: the receipt; workers listed later are covered at once


class Action(StrEnum):
    """What the officer can do on the project desk; each has a permission and a next step."""

    REGISTER = "REGISTER"
    ADD_WORKERS = "ADD_WORKERS"
    PAY = "PAY"
    PRINT = "PRINT"


class Focus(StrEnum):
    """Where the cursor goes after an action: the officer types on without reaching for the mouse."""

    FORM = "FORM"
    WORKER = "WORKER"
    METHOD = "METHOD"
    PRINT = "PRINT"


STEP_LABELS = {
    ProjectStep.NEW: "Isi data proyek baru; iurannya dihitung saat nilai kontrak diketik. Daftarkan dengan Ctrl+S.",
    ProjectStep.LIST_WORKERS: "Langkah berikutnya: daftarkan pekerja JAKON proyek ini dengan nomor pesertanya.",
    ProjectStep.PAY: "Langkah berikutnya: terima pembayaran iuran proyek (Ctrl+B). Pekerja masih dapat ditambah.",
    ProjectStep.PRINT: "Iuran sudah dibayar: cetak tanda bukti (Ctrl+P). Pekerja yang ditambahkan kemudian "
    "langsung dilindungi untuk masa proyek.",
}
# Why an action is not offered to this officer at all (the role); other steps are explained above.
REFUSAL_LABELS = {
    Action.REGISTER: "Peran Anda tidak mencakup pendaftaran proyek.",
    Action.ADD_WORKERS: "Peran Anda tidak mencakup pendaftaran pekerja proyek.",
    Action.PAY: "Peran Anda tidak mencakup penerimaan iuran.",
}
_AFTER = {
    Action.REGISTER: Focus.WORKER,
    Action.ADD_WORKERS: Focus.WORKER,
    Action.PAY: Focus.PRINT,
    Action.PRINT: Focus.PRINT,
}
_AFTER_FAILING = {
    Action.REGISTER: Focus.FORM,
    Action.ADD_WORKERS: Focus.WORKER,
    Action.PAY: Focus.METHOD,
    Action.PRINT: Focus.PRINT,
}


def step_of(project: ProjectDTO | None) -> ProjectStep:
    """The desk step a project is at (NEW when none is chosen)."""
    if project is None:
        return ProjectStep.NEW
    if project.status == ProjectStatus.PAID:
        return ProjectStep.PRINT
    return ProjectStep.PAY if project.workers else ProjectStep.LIST_WORKERS


@dataclass(frozen=True, slots=True)
class DeskView:
    """What the page shows enabled now, and the next step in words (``STEP_LABELS``)."""

    step: ProjectStep
    open: frozenset[Action]  # possible at this step and this officer's to do: its fields take input
    enabled: frozenset[Action]  # the same, unless a call is under way: its button runs it
    refused: Mapping[Action, str]  # not this officer's to do, with the reason (REFUSAL_LABELS)
    reference_enabled: bool
    reference_required: bool
    busy: bool

    def can(self, action: Action) -> bool:
        return action in self.enabled

    @property
    def hint(self) -> str:
        return STEP_LABELS[self.step]

    @property
    def next_action(self) -> Action:
        """The action the page marks as the one to do next."""
        return {
            ProjectStep.NEW: Action.REGISTER,
            ProjectStep.LIST_WORKERS: Action.ADD_WORKERS,
            ProjectStep.PAY: Action.PAY,
            ProjectStep.PRINT: Action.PRINT,
        }[self.step]


@dataclass
class ProjectDesk:
    """One officer's desk: the chosen project, the chosen way of paying, and the call under way."""

    rights: ProjectRights
    method: str = "cash"
    project: ProjectDTO | None = None
    busy: Action | None = None
    _allowed: dict[Action, bool] = field(init=False)

    def __post_init__(self) -> None:
        self._allowed = {
            Action.REGISTER: self.rights.register,
            Action.ADD_WORKERS: self.rights.add_workers,
            Action.PAY: self.rights.pay,
            Action.PRINT: True,  # a paid project's receipt reprints for whoever sees it
        }

    @property
    def step(self) -> ProjectStep:
        return step_of(self.project)

    def select(self, project: ProjectDTO | None) -> None:
        self.project = project

    def set_method(self, method: str) -> None:
        self.method = method

    def view(self) -> DeskView:
        p = self.project
        possible = {
            Action.REGISTER: p is None,  # the form is on screen only while no project is chosen
            Action.ADD_WORKERS: p is not None,
            Action.PAY: p is not None and p.status == ProjectStatus.REGISTERED and bool(p.workers),
            Action.PRINT: p is not None and p.status == ProjectStatus.PAID,
        }
        open_ = frozenset(a for a, ok in possible.items() if ok and self._allowed[a])
        refused = {a: REFUSAL_LABELS[a] for a, ok in self._allowed.items() if not ok}
        needs_reference = reference_required(self.method)
        return DeskView(
            step=self.step,
            open=open_,
            enabled=open_ if self.busy is None else frozenset(),
            refused=refused,
            reference_enabled=Action.PAY in open_ and needs_reference,
            reference_required=needs_reference,
            busy=self.busy is not None,
        )

    def begin(self, action: Action) -> bool:
        """Start ``action`` if it is possible now (one call at a time); False: the page does nothing."""
        if not self.view().can(action):
            return False
        self.busy = action
        return True

    def succeeded(self, project: ProjectDTO | None = None) -> Focus:
        """The call came back: a project it returns is the one shown from now on (a new one after
        registering; the same one, updated, otherwise)."""
        action = self.busy or Action.PRINT
        self.busy = None
        if project is not None and (
            action is Action.REGISTER or self.project is None or self.project.code == project.code
        ):
            self.project = project
        return _AFTER[action]

    def failed(self) -> Focus:
        action = self.busy or Action.PRINT
        self.busy = None
        return _AFTER_FAILING[action]


# ---- the form's text --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueRead:
    """The contract value read from the form: the amount, or why it is refused."""

    value: int | None
    issue: Issue | None


def read_value(text: str) -> ValueRead:
    """The contract value as typed (``180.000.000``, ``Rp180.000.000``, ``180000000``), checked by
    the same rule registration applies."""
    if not text.strip():
        return ValueRead(
            None, Issue(VALUE_FIELD, "project.value_empty", "Isi nilai kontrak sebelum PPN, dalam rupiah.")
        )
    value = parse_int(text)
    if value is None:
        return ValueRead(
            None,
            Issue(
                VALUE_FIELD,
                "project.value_text",
                "Nilai kontrak hanya angka rupiah dengan titik ribuan, misalnya 180.000.000.",
            ),
        )
    issue = check_contract_value(value)
    return ValueRead(None if issue else value, issue)


def regroup(text: str, cursor: int) -> tuple[str, int]:
    """Thousands dots put back while typing (``1800000`` → ``1.800.000``), the cursor kept after
    the same digit. Text that is not a plain amount is left as typed, for its error to name."""
    body = text.strip()
    prefix = "Rp" if body[:2].upper() == "RP" else ""
    raw = body[len(prefix) :].strip().replace(".", "")
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > _MAX_VALUE_DIGITS:
        return text, cursor
    digits = raw.lstrip("0") or "0"
    grouped = prefix + f"{int(digits):,}".replace(",", ".")
    dropped = len(raw) - len(digits)  # leading zeros, all before any cursor past them
    before = sum(ch.isdigit() for ch in text[:cursor]) - dropped
    if before <= 0:
        return grouped, len(prefix)
    seen = 0
    for i, ch in enumerate(grouped):
        if ch.isdigit():
            seen += 1
            if seen == before:
                return grouped, i + 1
    return grouped, len(grouped)


def read_worker_numbers(text: str) -> tuple[tuple[str, ...], tuple[Issue, ...]]:
    """Membership numbers separated by commas, semicolons or lines (a number may be typed in its
    groups, ``101 0000 001 3``), each checked by its check digit. An issue's field is the number
    as typed, as the service names its own findings."""
    tokens = [t.strip() for t in re.split(r"[,;\n\r\t]+", text) if t.strip()]
    if not tokens:
        return (), (Issue(WORKER_FIELD, "project.no_workers", "Ketik nomor peserta pekerja JAKON."),)
    if len(tokens) > MAX_WORKERS:
        return (), (
            Issue(
                WORKER_FIELD,
                "project.too_many",
                msg("Paling banyak {max_workers} pekerja sekaligus.", max_workers=MAX_WORKERS),
            ),
        )
    numbers: list[str] = []
    issues: list[Issue] = []
    for token in tokens:
        parsed = parse_number(token)
        if isinstance(parsed, MembershipNumber):
            numbers.append(parsed.value)
        else:
            issues.append(Issue(token[:24], parsed.code, parsed.message))
    return tuple(dict.fromkeys(numbers)), tuple(issues)
