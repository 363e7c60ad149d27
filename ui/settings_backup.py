"""Settings: where backups go, the backups made, backing up now and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from app.infra.settings import save_settings
from app.services import backup
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.settings_base import SettingsTab, message
from ui.theme import repolish
from ui.widgets import Banner, FieldRow, primary_button


class BackupTab(SettingsTab):
    """One tab of Pengaturan; it reports to the page's banner."""

    def __init__(self, ui: UiContext, banner: Banner) -> None:
        super().__init__(ui, banner)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        folder_row = QHBoxLayout()
        self.backup_dir = QLineEdit(str(backup.backup_folder(self.ui.ctx)))
        self.backup_dir.setObjectName("backupDir")
        choose = QPushButton(translate("SettingsPage", "Pilih folder…"))
        choose.setObjectName("backupChoose")
        save_dir = QPushButton(translate("SettingsPage", "Simpan folder"))
        save_dir.setObjectName("backupSaveDir")
        folder_row.addWidget(
            FieldRow(
                "backup_dir",
                translate("SettingsPage", "Folder cadangan (bukan folder sinkronisasi awan)"),
                self.backup_dir,
            ),
            1,
        )
        folder_row.addWidget(choose, 0, Qt.AlignmentFlag.AlignBottom)
        folder_row.addWidget(save_dir, 0, Qt.AlignmentFlag.AlignBottom)
        v.addLayout(folder_row)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("lastBackup")
        self.last_backup.setTextFormat(Qt.TextFormat.PlainText)
        self.last_backup.setWordWrap(True)
        v.addWidget(self.last_backup)
        self.backups = QListWidget()
        self.backups.setObjectName("backupList")
        v.addWidget(
            QLabel(translate("SettingsPage", "Cadangan yang ada (otomatis tiap hari, 14 terakhir disimpan):"))
        )
        v.addWidget(self.backups, 1)
        row = QHBoxLayout()
        self.backup_button = primary_button(translate("SettingsPage", "Cadangkan sekarang"), "backupNow")
        self.restore_button = QPushButton(translate("SettingsPage", "Pulihkan cadangan terpilih…"))
        self.restore_button.setObjectName("restoreBackup")
        row.addWidget(self.backup_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        v.addLayout(row)
        choose.clicked.connect(self._on_choose_backup_dir)
        save_dir.clicked.connect(self._on_save_backup_dir)
        self.backup_button.clicked.connect(self._on_backup_now)
        self.restore_button.clicked.connect(self._on_restore)
        self.refresh_backups()

    def refresh_backups(self) -> None:
        def fill(items: Any) -> None:
            self.backups.clear()
            self._show_last_backup(items)
            for info in items:
                when = i18n.date_time(info.modified_at.astimezone())
                self.backups.addItem(
                    translate("SettingsPage", "{when}  {kind:<11} {value:6.1f} MiB  {name}").format(
                        when=when, kind=info.kind, value=info.size_bytes / 2**20, name=info.path.name
                    )
                )
                self.backups.item(self.backups.count() - 1).setData(Qt.ItemDataRole.UserRole, str(info.path))

        self.ui.runner.run(lambda: backup.list_backups(self.ui.ctx), on_success=fill, on_error=self._fail)

    def _show_last_backup(self, items: Any) -> None:
        """The newest backup (the list is newest first), or that there is none yet, in plain words."""
        if not items:
            self.last_backup.setText(
                translate(
                    "SettingsPage",
                    "Belum ada cadangan di folder ini. Cadangan otomatis dibuat saat petugas pertama masuk tiap hari.",
                )
            )
            self.last_backup.setProperty("role", "warning")
        else:
            newest = items[0]
            self.last_backup.setText(
                translate("SettingsPage", "Cadangan terakhir: {when} ({name})").format(
                    when=i18n.date_time(newest.modified_at.astimezone()), name=newest.path.name
                )
            )
            self.last_backup.setProperty("role", "derived")
        repolish(self.last_backup)

    def _on_choose_backup_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, translate("SettingsPage", "Folder cadangan"), self.backup_dir.text()
        )
        if path:
            self.backup_dir.setText(path)

    def _on_save_backup_dir(self) -> None:
        from app.infra.storage import UnsafeStorageError, check_sqlite_location

        folder = Path(self.backup_dir.text().strip()).expanduser()
        try:
            check_sqlite_location(folder / "cek.sqlite3")
        except UnsafeStorageError as exc:
            self.banner.showmessage("error", message(exc))
            return
        save_settings(self.paths, self._settings().with_(backup_dir=str(folder)))
        self._ok(
            translate(
                "SettingsPage", "Folder cadangan: {folder}. Berlaku setelah Loket dibuka ulang."
            ).format(folder=folder)
        )

    def _on_backup_now(self) -> None:
        def done(info: Any) -> None:
            self._ok(translate("SettingsPage", "Cadangan dibuat: {path}").format(path=info.path))
            self.refresh_backups()

        self.ui.runner.run_with_dialog(
            self,
            translate("SettingsPage", "Mencadangkan basis data…"),
            lambda progress, cancel: backup.backup_now(
                self.ui.ctx, self.ui.actor, progress=progress, cancel=cancel
            ),
            on_success=done,
            on_error=self._fail,
        )

    def _on_restore(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            self.banner.showmessage("warning", translate("SettingsPage", "Pilih dulu cadangan di daftar."))
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))

        def done(result: Any) -> None:
            kept = (
                translate("SettingsPage", " Basis data sebelumnya disimpan di {replaced_kept_at}.").format(
                    replaced_kept_at=result.replaced_kept_at
                )
                if result.replaced_kept_at
                else ""
            )
            self.banner.showmessage(
                "warning",
                translate(
                    "SettingsPage", "Dipulihkan dari {name}.{kept} Tutup dan buka ulang Loket sekarang."
                ).format(name=result.restored_from.name, kept=kept),
            )

        self.ui.runner.run_with_dialog(
            self,
            translate("SettingsPage", "Memulihkan cadangan…"),
            lambda progress, cancel: backup.restore_backup(
                self.ui.ctx, self.ui.actor, path, progress=progress, cancel=cancel
            ),
            on_success=done,
            on_error=self._fail,
        )
