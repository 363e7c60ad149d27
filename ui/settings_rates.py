"""Settings: the contribution rate tables in force, and loading a new signed table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from app.services import contributions
from ui.context import UiContext
from ui.i18n import translate
from ui.settings_base import SettingsTab
from ui.widgets import Banner, primary_button


class RatesTab(SettingsTab):
    """One tab of Pengaturan; it reports to the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(ui, banner)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        self.rates = QListWidget()
        self.rates.setObjectName("rateTables")
        v.addWidget(
            QLabel(translate("SettingsPage", "Tabel iuran yang berlaku, urut menurut tanggal mulai:"))
        )
        v.addWidget(self.rates, 1)
        row = QHBoxLayout()
        self.rate_file = QLineEdit()
        self.rate_file.setObjectName("rateFile")
        self.rate_file.setPlaceholderText(translate("SettingsPage", "berkas JSON tabel iuran"))
        browse = QPushButton(translate("SettingsPage", "Pilih berkas…"))
        browse.setObjectName("rateBrowse")
        self.rate_password = QLineEdit()
        self.rate_password.setObjectName("ratePassword")
        self.rate_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.rate_password.setPlaceholderText(translate("SettingsPage", "kata sandi Anda"))
        self.rate_password.setAccessibleName(translate("SettingsPage", "Kata sandi supervisor"))
        self.load_rates = primary_button(translate("SettingsPage", "Muat tabel baru"), "loadRates")
        row.addWidget(self.rate_file, 2)
        row.addWidget(browse)
        row.addWidget(self.rate_password, 1)
        row.addWidget(self.load_rates)
        v.addLayout(row)
        browse.clicked.connect(self._on_browse_rates)
        self.load_rates.clicked.connect(self._on_load_rates)
        self.refresh_rates()

    def refresh_rates(self) -> None:
        def fill(tables: Any) -> None:
            self.rates.clear()
            for t in tables:
                flag = (
                    translate("SettingsPage", " — {unconfirmed} angka belum terkonfirmasi").format(
                        unconfirmed=len(t.unconfirmed)
                    )
                    if t.unconfirmed
                    else ""
                )
                who = (
                    translate("SettingsPage", ", dimuat {loaded_by}").format(loaded_by=t.loaded_by)
                    if t.loaded_by
                    else ""
                )
                self.rates.addItem(
                    translate(
                        "SettingsPage", "{effective_from}  {title} (versi {version}, {origin}{who}){flag}"
                    ).format(
                        effective_from=t.effective_from,
                        title=t.title,
                        version=t.version,
                        origin=t.origin,
                        who=who,
                        flag=flag,
                    )
                )

        self.ui.runner.run(
            lambda: contributions.rate_tables(self.ui.ctx), on_success=fill, on_error=self._fail
        )

    def _on_browse_rates(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("SettingsPage", "Tabel iuran"), "", translate("SettingsPage", "JSON (*.json)")
        )
        if path:
            self.rate_file.setText(path)

    def _on_load_rates(self) -> None:
        path, password = Path(self.rate_file.text().strip()), self.rate_password.text()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.banner.showmessage(
                "error", translate("SettingsPage", "Berkas tabel tidak dapat dibaca: {exc}").format(exc=exc)
            )
            return
        self.rate_password.clear()

        def done(info: Any) -> None:
            self._ok(
                translate("SettingsPage", "Tabel {version} dimuat; berlaku mulai {effective_from}.").format(
                    version=info.version, effective_from=info.effective_from
                )
            )
            self.refresh_rates()

        self.ui.runner.run(
            lambda: contributions.load_rate_table(self.ui.ctx, self.ui.actor, text, password=password),
            on_success=done,
            on_error=self._fail,
        )
