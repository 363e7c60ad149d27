"""Cetak ulang kartu: a reason and a supervisor's approval at the counter — or a request approved later."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.cards import REPRINT_REASONS
from app.domain.issues import Issue
from app.domain.roles import Permission, allowed
from app.services import cards
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line, password_field
from ui.i18n import translate
from ui.models import display


@dataclass(frozen=True)
class Reprinted:
    """Approved at the counter: the new card, ready to print."""

    issued: cards.IssuedCard
    pdf: bytes


@dataclass(frozen=True)
class ReprintRequested:
    """No supervisor at hand: the request waits on the approvals page."""

    request: cards.ReprintRequestDTO


class MemberReprintDialog(MemberDialog):
    """``succeeded`` carries :class:`Reprinted` or :class:`ReprintRequested`."""

    def __init__(
        self, ui: UiContext, number: str, name: str, serial: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ui,
            object_name="memberReprintDialog",
            title=translate("MemberReprintDialog", "Cetak ulang kartu"),
            intro=(
                translate(
                    "MemberReprintDialog",
                    "{name} · {number}\nKartu seri {serial} akan dicabut dan tidak berlaku lagi; kartu baru mendapat seri baru.",
                ).format(name=name, number=display.grouped(number), serial=serial)
            ),
            confirm_text=translate("MemberReprintDialog", "Setujui && cetak  (Ctrl+Enter)"),
            parent=parent,
        )
        self.number = number
        self.reason = QComboBox()
        self.reason.setObjectName("reprintReason")
        for code, label in REPRINT_REASONS.items():
            self.reason.addItem(display.label(label), code)
        self.note = line("reprintNote", max_len=200)
        row = QHBoxLayout()
        row.addWidget(
            self.row(
                "reason", translate("MemberReprintDialog", "Alasan cetak ulang"), self.reason, required=True
            ),
            1,
        )
        row.addWidget(
            self.row(
                "note", translate("MemberReprintDialog", "Catatan (mis. nomor laporan kehilangan)"), self.note
            ),
            2,
        )
        self.body.addLayout(row)

        box = QGroupBox(translate("MemberReprintDialog", "Persetujuan supervisor di loket"))
        v = QVBoxLayout(box)
        self.approver = line("reprintApprover", max_len=40)
        if allowed(ui.actor.role, Permission.APPROVE):
            self.approver.setText(ui.actor.username)
        self.password = password_field("passwordField")
        pair = QHBoxLayout()
        pair.addWidget(
            self.row(
                "approver",
                translate("MemberReprintDialog", "Nama pengguna supervisor"),
                self.approver,
                required=True,
            ),
            1,
        )
        pair.addWidget(
            self.row(
                "password",
                translate("MemberReprintDialog", "Kata sandi supervisor"),
                self.password,
                required=True,
            ),
            1,
        )
        v.addLayout(pair)
        alone = QLabel(
            translate(
                "MemberReprintDialog",
                "Tidak ada supervisor di loket? Pilih «Ajukan saja»: permintaan menunggu di halaman "
                "Persetujuan, lalu kartu baru dicetak setelah disetujui.",
            )
        )
        alone.setObjectName("pageHint")
        alone.setWordWrap(True)
        v.addWidget(alone)
        self.body.addWidget(box)
        self.body.addStretch(1)

        self.request_button = QPushButton(translate("MemberReprintDialog", "Ajukan saja  (Alt+A)"))
        self.request_button.setObjectName("reprintRequest")
        self.request_button.setShortcut("Alt+A")
        self.buttons.insertWidget(1, self.request_button)
        self.request_button.clicked.connect(self.submit_request)
        self.password.returnPressed.connect(self.submit)
        self.setMinimumWidth(760)
        self.set_focus_order([self.reason, self.note, self.approver, self.password], (self.request_button,))

    def _reason(self) -> tuple[str, str | None]:
        return str(self.reason.currentData()), (self.note.text().strip() or None)

    def submit(self) -> None:
        problems = []
        if not self.approver.text().strip():
            problems.append(
                Issue(
                    "approver",
                    "approver.empty",
                    translate("MemberReprintDialog", "Isi nama pengguna supervisor."),
                )
            )
        if not self.password.text():
            problems.append(
                Issue(
                    "password",
                    "password.empty",
                    translate("MemberReprintDialog", "Supervisor memasukkan kata sandinya."),
                )
            )
        if problems:
            self.show_issues(problems)
            return
        reason, note = self._reason()
        ctx, actor, number = self.ui.ctx, self.ui.actor, self.number
        username, password = self.approver.text().strip().lower(), self.password.text()

        def work() -> Reprinted:
            issued = cards.reprint_card(
                ctx,
                actor,
                number,
                reason=reason,
                note=note,
                approver_username=username,
                approver_password=password,
            )
            return Reprinted(issued, cards.card_pdf(issued.face))

        self.run(work)

    def submit_request(self) -> None:
        reason, note = self._reason()
        ctx, actor, number = self.ui.ctx, self.ui.actor, self.number
        self.run(
            lambda: ReprintRequested(cards.request_reprint(ctx, actor, number, reason=reason, note=note))
        )

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self.request_button.setEnabled(True)

    def run(self, fn) -> None:  # type: ignore[no-untyped-def]
        self.request_button.setEnabled(False)
        super().run(fn)
