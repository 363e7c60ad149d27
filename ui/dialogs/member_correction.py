"""Ajukan koreksi: the officer edits identity fields and gives a reason; a supervisor approves later."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from app.domain.issues import Issue
from app.services import corrections
from app.services.dto import MemberDTO
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line
from ui.i18n import translate
from ui.models import display

# (service field, label, max length), in the order a KTP is read.
FIELDS = (
    ("nik", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "NIK (16 digit)"), 24),
    ("nama", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Nama lengkap (sesuai KTP)"), 100),
    ("tempat_lahir", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Tempat lahir"), 60),
    ("tanggal_lahir", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Tanggal lahir (HH-BB-TTTT)"), 10),
    ("nama_ibu", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Nama ibu kandung"), 100),
    ("no_hp", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Nomor HP"), 20),
    ("alamat", QT_TRANSLATE_NOOP("MemberCorrectionDialog", "Alamat (jalan, RT/RW)"), 250),
)


class MemberCorrectionDialog(MemberDialog):
    """Only the fields the officer changed are proposed; ``succeeded`` carries the CorrectionDTO."""

    def __init__(self, ui: UiContext, member: MemberDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            object_name="memberCorrectionDialog",
            title=translate("MemberCorrectionDialog", "Ajukan koreksi data"),
            intro=(
                translate(
                    "MemberCorrectionDialog",
                    "{nama} · {number}\nUbah kolom yang salah sesuai KTP/KK, lalu tulis alasannya. Data berubah setelah disetujui supervisor; data lama tetap tercatat di riwayat.",
                ).format(nama=member.nama, number=display.grouped(member.number))
            ),
            confirm_text=translate("MemberCorrectionDialog", "Ajukan koreksi  (Ctrl+Enter)"),
            parent=parent,
        )
        self.confirm.setDefault(False)  # Enter moves between fields here; Ctrl+Enter proposes
        self.confirm.setAutoDefault(False)
        self.member = member
        self.original: dict[str, str] = {
            "nik": member.nik,
            "nama": member.nama,
            "tempat_lahir": member.tempat_lahir,
            "tanggal_lahir": member.tanggal_lahir.strftime(
                "%d-%m-%Y"
            ),  # the input format, not the display one
            "nama_ibu": member.nama_ibu,
            "no_hp": member.no_hp or "",
            "alamat": member.alamat,
            "jenis_kelamin": member.jenis_kelamin,
        }
        self.editors: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for i, (key, label, max_len) in enumerate(FIELDS):
            e = line(f"correct_{key}", max_len=max_len)
            e.setText(self.original[key])
            e.returnPressed.connect(self.focusNextChild)
            self.editors[key] = e
            grid.addWidget(self.row(key, translate("MemberCorrectionDialog", label), e), i // 2, i % 2)
        self.gender = QComboBox()
        self.gender.setObjectName("correct_jenis_kelamin")
        self.gender.addItem(translate("MemberCorrectionDialog", "L — Laki-laki"), "L")
        self.gender.addItem(translate("MemberCorrectionDialog", "P — Perempuan"), "P")
        self.gender.setCurrentIndex(max(self.gender.findData(member.jenis_kelamin), 0))
        grid.addWidget(
            self.row("jenis_kelamin", translate("MemberCorrectionDialog", "Jenis kelamin"), self.gender),
            len(FIELDS) // 2,
            1,
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.reason = line("correctionReason", max_len=500)
        self.body.addWidget(
            self.row(
                "reason",
                translate("MemberCorrectionDialog", "Alasan koreksi (dokumen yang dilihat)"),
                self.reason,
                required=True,
            )
        )
        self.confirm_mismatch = QCheckBox(
            translate(
                "MemberCorrectionDialog",
                "Sudah dicek dengan KTP: tanggal lahir/jenis kelamin memang berbeda dengan NIK",
            )
        )
        self.confirm_mismatch.setObjectName("correctionConfirmMismatch")
        self.confirm_mismatch.setVisible(False)
        self.body.addWidget(self.confirm_mismatch)
        self.body.addStretch(1)
        self.setMinimumWidth(780)
        self.set_focus_order([*self.editors.values(), self.gender, self.reason, self.confirm_mismatch])

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, e in self.editors.items():
            text = " ".join(e.text().split())
            if text != " ".join(self.original[key].split()):
                # The service reads dates as DD/MM/YYYY or YYYY-MM-DD, like the intake form.
                out[key] = text.replace("-", "/") if key == "tanggal_lahir" else text
        if self.gender.currentData() != self.original["jenis_kelamin"]:
            out["jenis_kelamin"] = self.gender.currentData()
        return out

    def submit(self) -> None:
        changes = self.changes()
        reason = " ".join(self.reason.text().split())
        problems = []
        if not changes:
            problems.append(
                Issue(
                    "",
                    "correction.empty",
                    translate("MemberCorrectionDialog", "Belum ada kolom yang diubah."),
                )
            )
        if len(reason) < corrections.MIN_REASON:
            problems.append(
                Issue(
                    "reason",
                    "correction.reason",
                    translate("MemberCorrectionDialog", "Tulis alasan koreksi (minimal 5 karakter)."),
                )
            )
        if problems:
            self.show_issues(problems)
            return
        ctx, actor, number = self.ui.ctx, self.ui.actor, self.member.number
        confirm = self.confirm_mismatch.isChecked()
        self.run(
            lambda: corrections.propose_correction(
                ctx, actor, number, changes, reason, confirm_mismatch=confirm
            )
        )

    def show_issues(self, issues: list[Issue]) -> None:
        if any("mismatch" in i.code for i in issues):
            self.confirm_mismatch.setVisible(True)
        super().show_issues(issues)
