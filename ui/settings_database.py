"""Settings: which database this counter uses (local SQLite or the branch's PostgreSQL)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from app.services import dbsettings
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.settings_base import SettingsTab, message
from ui.widgets import Banner, FieldRow, primary_button


class DatabaseTab(SettingsTab):
    """One tab of Pengaturan; it reports to the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(ui, banner)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        current = QLabel(
            translate("SettingsPage", "Sekarang: {database_label}").format(
                database_label=self.ui.opened.database_label
            )
        )
        current.setObjectName("databaseCurrent")
        current.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(current)
        self.db_local = QRadioButton(translate("SettingsPage", "Basis data lokal di komputer ini (SQLite)"))
        self.db_local.setObjectName("dbLocal")
        self.db_server = QRadioButton(
            translate("SettingsPage", "Server cabang (PostgreSQL), untuk beberapa loket bersama")
        )
        self.db_server.setObjectName("dbServer")
        self.db_url = QLineEdit(self._settings().database_url or "")
        self.db_url.setObjectName("dbUrl")
        self.db_url.setPlaceholderText(
            translate("SettingsPage", "postgresql+psycopg://loket@server-cabang/loket")
        )
        self.db_url.setAccessibleName(translate("SettingsPage", "Alamat server basis data"))
        (self.db_server if self._settings().database_url else self.db_local).setChecked(True)
        v.addWidget(self.db_local)
        v.addWidget(self.db_server)
        v.addWidget(FieldRow("url", translate("SettingsPage", "Alamat server"), self.db_url))
        self.db_result = QLabel()
        self.db_result.setObjectName("dbProbeResult")
        self.db_result.setWordWrap(True)
        self.db_result.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.db_result)
        row = QHBoxLayout()
        self.db_test = QPushButton(translate("SettingsPage", "Tes koneksi"))
        self.db_test.setObjectName("dbTest")
        self.db_save = primary_button(
            translate("SettingsPage", "Simpan (berlaku setelah dibuka ulang)"), "dbSave"
        )
        row.addWidget(self.db_test)
        row.addStretch(1)
        row.addWidget(self.db_save)
        v.addLayout(row)
        v.addStretch(1)
        self.db_test.clicked.connect(self._on_db_test)
        self.db_save.clicked.connect(self._on_db_save)

    def _describe_probe(self, probe: Any) -> str:
        if not probe.ok:
            return translate("SettingsPage", "Tidak dapat dipakai: ") + " ".join(
                display.message(i.message) for i in probe.issues
            )
        if not probe.exists or probe.schema is None:
            return translate(
                "SettingsPage", "Tersambung ke {label}. Basis data kosong: Loket akan menyiapkannya."
            ).format(label=probe.label)
        if probe.needs_upgrade:
            return translate(
                "SettingsPage",
                "Tersambung ke {label}. Skema lama ({schema}): dicadangkan lalu diperbarui saat dibuka.",
            ).format(label=probe.label, schema=probe.schema)
        return translate("SettingsPage", "Tersambung ke {label}. Skema terbaru ({schema}).").format(
            label=probe.label, schema=probe.schema
        )

    def _on_db_test(self) -> None:
        url = self.db_url.text().strip()
        if not url:
            self.db_result.setText(translate("SettingsPage", "Isi alamat server dulu."))
            return
        self.db_result.setText(translate("SettingsPage", "Menguji koneksi…"))
        self.ui.runner.run(
            lambda: dbsettings.probe_database(url),
            on_success=lambda p: self.db_result.setText(self._describe_probe(p)),
            on_error=lambda e: self.db_result.setText(message(e)),
        )

    def _on_db_save(self) -> None:
        url = self.db_url.text().strip() if self.db_server.isChecked() else None

        def done(probe: Any) -> None:
            target = probe.label if probe is not None else translate("SettingsPage", "basis data lokal")
            self._ok(
                translate(
                    "SettingsPage", "Disimpan: {target}. Tutup dan buka ulang Loket untuk berpindah."
                ).format(target=target)
            )

        self.ui.runner.run(
            lambda: dbsettings.save_database_url(self.paths, url), on_success=done, on_error=self._fail
        )
