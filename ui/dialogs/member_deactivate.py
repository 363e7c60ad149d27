"""Nonaktifkan peserta (supervisor): died, moved abroad, or a duplicate merged into the number that stays."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from app.domain.issues import Issue
from app.services import auth, deactivation
from app.services.dto import MemberDTO
from app.services.records_dto import DeactivationDTO
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line, password_field
from ui.i18n import translate
from ui.models import display

REASONS = (
    ("died", QT_TRANSLATE_NOOP("MemberDeactivateDialog", "Meninggal dunia")),
    ("abroad", QT_TRANSLATE_NOOP("MemberDeactivateDialog", "Pindah ke luar negeri")),
    ("merged", QT_TRANSLATE_NOOP("MemberDeactivateDialog", "Duplikat — gabungkan ke nomor peserta lain")),
)


class MemberDeactivateDialog(MemberDialog):
    """``succeeded`` carries the DeactivationDTO."""

    def __init__(self, ui: UiContext, member: MemberDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            object_name="memberDeactivateDialog",
            title=translate("MemberDeactivateDialog", "Nonaktifkan peserta"),
            intro=(
                translate(
                    "MemberDeactivateDialog",
                    "{nama} · {number}\nNomor ini tidak dapat dipakai untuk iuran atau kartu lagi. Tindakan ini tercatat di riwayat.",
                ).format(nama=member.nama, number=display.grouped(member.number))
            ),
            confirm_text=translate("MemberDeactivateDialog", "Nonaktifkan  (Ctrl+Enter)"),
            parent=parent,
        )
        self.confirm.setDefault(False)
        self.confirm.setAutoDefault(False)
        self.member = member
        box = QWidget()
        box.setObjectName("field_reason")
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 2, 0, 2)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        for code, label in REASONS:
            rb = QRadioButton(translate("MemberDeactivateDialog", label))
            rb.setObjectName(f"deactivate_{code}")
            self.group.addButton(rb)
            self.choices[code] = rb
            v.addWidget(rb)
        self.body.addWidget(
            self.row("reason", translate("MemberDeactivateDialog", "Alasan"), box, required=True)
        )
        self.into = line("deactivateInto", max_len=20)
        self.into.setEnabled(False)
        self.body.addWidget(
            self.row(
                "into",
                translate("MemberDeactivateDialog", "Nomor peserta tujuan (yang tetap dipakai)"),
                self.into,
                hint=translate("MemberDeactivateDialog", "11 digit, mis. 101 0000 002 6"),
            )
        )
        self.note = line("deactivateNote", max_len=500)
        self.body.addWidget(
            self.row(
                "note", translate("MemberDeactivateDialog", "Catatan (mis. nomor akta kematian)"), self.note
            )
        )
        self.password = password_field("passwordField")
        self.body.addWidget(
            self.row(
                "password",
                translate("MemberDeactivateDialog", "Kata sandi {username} (konfirmasi)").format(
                    username=ui.actor.username
                ),
                self.password,
                required=True,
            )
        )
        self.body.addStretch(1)
        self.group.buttonToggled.connect(self._on_reason_changed)
        self.setMinimumWidth(600)
        self.set_focus_order([*self.choices.values(), self.into, self.note, self.password])

    def reason(self) -> str | None:
        return next((code for code, rb in self.choices.items() if rb.isChecked()), None)

    def _on_reason_changed(self) -> None:
        merged = self.reason() == "merged"
        self.into.setEnabled(merged)
        if not merged:
            self.into.clear()
            self.rows["into"].set_error(None)

    def submit(self) -> None:
        reason = self.reason()
        problems = []
        if reason is None:
            problems.append(
                Issue("reason", "deactivate.reason", translate("MemberDeactivateDialog", "Pilih alasannya."))
            )
        if reason == "merged" and not self.into.text().strip():
            problems.append(
                Issue(
                    "into",
                    "deactivate.into",
                    translate("MemberDeactivateDialog", "Isi nomor peserta yang tetap dipakai."),
                )
            )
        if not self.password.text():
            problems.append(
                Issue(
                    "password",
                    "password.empty",
                    translate("MemberDeactivateDialog", "Masukkan kata sandi Anda."),
                )
            )
        if problems:
            self.show_issues(problems)
            return
        assert reason is not None
        ctx, actor, number = self.ui.ctx, self.ui.actor, self.member.number
        into = self.into.text().strip().replace(" ", "") or None
        note, password = self.note.text(), self.password.text()

        def work() -> DeactivationDTO:
            auth.reauthenticate(ctx, actor, password)  # closing a record is not undone lightly
            return deactivation.deactivate_member(ctx, actor, number, reason, into=into, note=note)

        self.run(work)
