"""Settings: the branch (every counter) and this counter (name, idle lock, language, coverage targets)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.domain.clock import TIMEZONES
from app.domain.counter_name import MAX_LENGTH, clean_counter_name, validate_counter_name
from app.infra.settings import save_settings
from app.services import branch
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.settings_base import SettingsTab
from ui.widgets import Banner, FieldRow, primary_button

LANGUAGES = (
    ("id", "Bahasa Indonesia"),  # each language is named in itself, whatever the interface language
    ("en", "English"),
)


class BranchTab(SettingsTab):
    """One tab of Pengaturan; it reports to the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(ui, banner)
        self._build()

    def _on_targets(self) -> None:
        from ui.dialogs.eod_targets import EodTargetsDialog

        self.targets_dialog = EodTargetsDialog(self.ui, self)
        self.targets_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.targets_dialog.open()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        box = QGroupBox(translate("SettingsPage", "Kantor cabang (semua loket)"))
        g = QGridLayout(box)
        self.branch_code = QLineEdit(self.ui.branch.code)
        self.branch_code.setObjectName("branchCode")
        self.branch_code.setReadOnly(True)
        self.branch_name = QLineEdit(self.ui.branch.name)
        self.branch_name.setObjectName("branchName")
        self.branch_tz = QComboBox()
        self.branch_tz.setObjectName("branchTimezone")
        for tz, label in TIMEZONES.items():
            self.branch_tz.addItem(f"{label} ({tz})", tz)
        self.branch_tz.setCurrentIndex(max(self.branch_tz.findData(self.ui.branch.timezone), 0))
        g.addWidget(
            FieldRow(
                "code", translate("SettingsPage", "Kode cabang (awalan nomor, tetap)"), self.branch_code
            ),
            0,
            0,
        )
        g.addWidget(
            FieldRow(
                "name", translate("SettingsPage", "Nama kantor cabang"), self.branch_name, required=True
            ),
            0,
            1,
        )
        g.addWidget(FieldRow("timezone", translate("SettingsPage", "Zona waktu"), self.branch_tz), 0, 2)
        self.save_branch = primary_button(translate("SettingsPage", "Simpan data cabang"), "saveBranch")
        g.addWidget(self.save_branch, 1, 2)
        self.save_branch.clicked.connect(self._on_save_branch)
        v.addWidget(box)

        targets = QGroupBox(translate("SettingsPage", "Target cakupan"))
        t = QHBoxLayout(targets)
        targets_hint = QLabel(
            translate(
                "SettingsPage",
                "Jumlah pekerja, cakupan awal dan target per kabupaten/kota wilayah cabang; "
                "Dasbor (F7) menunjukkan kemajuannya.",
            )
        )
        targets_hint.setWordWrap(True)
        t.addWidget(targets_hint, 1)
        self.targets_button = QPushButton(translate("SettingsPage", "Atur target cakupan…"))
        self.targets_button.setObjectName("settingsTargets")
        self.targets_button.clicked.connect(self._on_targets)
        t.addWidget(self.targets_button)
        v.addWidget(targets)

        counter = QGroupBox(translate("SettingsPage", "Komputer loket ini"))
        h = QGridLayout(counter)
        s = self._settings()
        self.counter_name = QLineEdit(s.counter_name)
        self.counter_name.setObjectName("counterName")
        self.counter_name.setMaxLength(MAX_LENGTH)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(translate("SettingsPage", " menit"))
        self.idle_minutes.setValue(s.idle_lock_minutes)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(s.language), 0))
        self.counter_row = FieldRow(
            "counter",
            translate("SettingsPage", "Nama loket (dicetak di tanda terima, dicatat di jejak audit)"),
            self.counter_name,
        )
        h.addWidget(self.counter_row, 0, 0)
        h.addWidget(
            FieldRow("idle", translate("SettingsPage", "Kunci layar setelah tidak aktif"), self.idle_minutes),
            0,
            1,
        )
        h.addWidget(
            FieldRow(
                "language", translate("SettingsPage", "Bahasa (berlaku setelah dibuka ulang)"), self.language
            ),
            0,
            2,
        )
        self.save_counter = primary_button(
            translate("SettingsPage", "Simpan pengaturan loket"), "saveCounter"
        )
        h.addWidget(self.save_counter, 1, 2)
        self.save_counter.clicked.connect(self._on_save_counter)
        v.addWidget(counter)
        v.addStretch(1)

    def _on_save_branch(self) -> None:
        name, tz = self.branch_name.text(), self.branch_tz.currentData()
        self.ui.runner.run(
            lambda: branch.setup_branch(
                self.ui.ctx, code=self.ui.branch.code, name=name, timezone=tz, by=self.ui.actor
            ),
            on_success=lambda b: self._ok(
                translate("SettingsPage", "Data cabang {code} {name} disimpan.").format(
                    code=b.code, name=b.name
                )
            ),
            on_error=self._fail,
        )

    def _on_save_counter(self) -> None:
        problems = validate_counter_name(self.counter_name.text())
        self.counter_row.set_error(display.message(problems[0].message) if problems else None)
        if problems:
            self.counter_name.setFocus()
            return
        s = self._settings().with_(
            counter_name=clean_counter_name(self.counter_name.text()),
            idle_lock_minutes=self.idle_minutes.value(),
            language=self.language.currentData(),
        )
        save_settings(self.paths, s)
        window = self.window()
        idle = getattr(window, "idle", None)
        if idle is not None:
            idle.limit_s = s.idle_lock_minutes * 60
            idle.resume()
        self._ok(
            translate(
                "SettingsPage",
                "Pengaturan loket disimpan. Nama loket dan bahasa berlaku setelah Loket dibuka ulang.",
            )
        )
