"""Pengaturan (supervisor): branch, this counter, printers and card alignment, rate tables, backups, database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import TIMEZONES
from app.domain.counter_name import MAX_LENGTH, clean_counter_name, validate_counter_name
from app.domain.issues import DomainError
from app.domain.roles import Permission
from app.infra.settings import Settings, load_settings, save_settings
from app.services import backup, branch, contributions, dbsettings
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog, configure_printer, print_pdf
from ui.settings_holidays import HolidaysTab, UnconfirmedTab
from ui.settings_outreach import OutreachTab
from ui.theme import repolish
from ui.widgets import Banner, FieldRow, primary_button

LANGUAGES = (
    ("id", "Bahasa Indonesia"),  # each language is named in itself, whatever the interface language
    ("en", "English"),
)


def _message(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return "\n".join(display.message(i.message) for i in exc.issues)
    return display.message_of(exc) or str(exc) or type(exc).__name__


class SettingsPage(QWidget):
    nav_label = QT_TRANSLATE_NOOP("SettingsPage", "Pengaturan")
    shortcut = "F11"
    required_permission = Permission.SETTINGS

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.paths = ui.ctx.paths
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        title = QLabel(translate("SettingsPage", "Pengaturan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.banner = Banner("settingsBanner")
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._branch_tab(), translate("SettingsPage", "Cabang && loket ini"))
        self.tabs.addTab(self._printer_tab(), translate("SettingsPage", "Printer kartu"))
        self.tabs.addTab(self._rates_tab(), translate("SettingsPage", "Tabel iuran"))
        self.holidays_tab = HolidaysTab(ui, self._ok, self._fail)
        self.tabs.addTab(self.holidays_tab, translate("SettingsPage", "Hari libur"))
        self.unconfirmed_tab = UnconfirmedTab(ui, self._fail)
        self.tabs.addTab(self.unconfirmed_tab, translate("SettingsPage", "Belum terkonfirmasi"))
        self.outreach_tab = OutreachTab(ui, self._ok, self._fail)
        self.tabs.addTab(self.outreach_tab, translate("SettingsPage", "Jemput bola"))
        self.tabs.addTab(self._backup_tab(), translate("SettingsPage", "Cadangan"))
        self.tabs.addTab(self._database_tab(), translate("SettingsPage", "Basis data"))
        layout.addWidget(self.tabs, 1)

    def _on_targets(self) -> None:
        from ui.dialogs.eod_targets import EodTargetsDialog

        self.targets_dialog = EodTargetsDialog(self.ui, self)
        self.targets_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.targets_dialog.open()

    def _settings(self) -> Settings:
        return load_settings(self.paths)

    def _ok(self, text: str) -> None:
        self.banner.show_message("info", text)

    def _fail(self, exc: BaseException) -> None:
        self.banner.show_message("error", _message(exc))

    # ---- branch and this counter -----------------------------------------------------------------
    def _branch_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
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
        return tab

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

    # ---- card printer ---------------------------------------------------------------------------------
    def _printer_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        box = QGroupBox(translate("SettingsPage", "Printer kartu dan penjajaran"))
        g = QGridLayout(box)
        s = self._settings()
        self.printer = QComboBox()
        self.printer.setObjectName("cardPrinter")
        self.printer.addItem(translate("SettingsPage", "— tanyakan setiap mencetak —"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        if s.card_printer and self.printer.findData(s.card_printer) < 0:
            self.printer.addItem(
                translate("SettingsPage", "{card_printer} (tidak terpasang)").format(
                    card_printer=s.card_printer
                ),
                s.card_printer,
            )
        self.printer.setCurrentIndex(max(self.printer.findData(s.card_printer or ""), 0))
        self.offset_x = self._offset_spin("offsetX", s.card_offset_x_mm)
        self.offset_y = self._offset_spin("offsetY", s.card_offset_y_mm)
        g.addWidget(FieldRow("printer", translate("SettingsPage", "Printer kartu"), self.printer), 0, 0, 1, 2)
        g.addWidget(FieldRow("x", translate("SettingsPage", "Geser X (mm, + ke kanan)"), self.offset_x), 1, 0)
        g.addWidget(FieldRow("y", translate("SettingsPage", "Geser Y (mm, + ke bawah)"), self.offset_y), 1, 1)
        buttons = QHBoxLayout()
        self.test_page = QPushButton(translate("SettingsPage", "Pratinjau halaman uji penjajaran"))
        self.test_page.setObjectName("alignmentTest")
        self.save_printer = primary_button(translate("SettingsPage", "Simpan printer"), "savePrinter")
        buttons.addWidget(self.test_page)
        buttons.addStretch(1)
        buttons.addWidget(self.save_printer)
        g.addLayout(buttons, 2, 0, 1, 2)
        hint = QLabel(
            translate(
                "SettingsPage",
                "Cetak halaman uji pada kartu kosong. Bingkai hijau harus tepat 2 mm dari setiap tepi; "
                "bila bergeser, isi X/Y lalu cetak lagi.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        g.addWidget(hint, 3, 0, 1, 2)
        self.test_page.clicked.connect(self._on_test_page)
        self.save_printer.clicked.connect(self._on_save_printer)
        v.addWidget(box)
        v.addStretch(1)
        return tab

    def _offset_spin(self, name: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-10.0, 10.0)
        spin.setSingleStep(0.1)
        spin.setDecimals(1)
        spin.setSuffix(translate("SettingsPage", " mm"))
        spin.setValue(value)
        return spin

    def _on_save_printer(self) -> None:
        s = self._settings().with_(
            card_printer=self.printer.currentData() or None,
            card_offset_x_mm=round(self.offset_x.value(), 1),
            card_offset_y_mm=round(self.offset_y.value(), 1),
        )
        save_settings(self.paths, s)
        self._ok(translate("SettingsPage", "Printer kartu dan penjajaran disimpan."))

    def alignment_pdf(self) -> bytes:
        from app.pdf.alignment import render_alignment_page
        from app.services.cards import ensure_fonts

        ensure_fonts()
        return render_alignment_page(
            translate("SettingsPage", "Cabang {code} {name}").format(
                code=self.ui.branch.code, name=self.ui.branch.name
            )
        )

    def print_alignment(self, printer: QPrinter) -> int:
        pdf = self.alignment_pdf()
        configure_printer(printer, pdf)
        return print_pdf(printer, pdf, offset_mm=(self.offset_x.value(), self.offset_y.value()))

    def _on_test_page(self) -> None:
        self.ui.runner.run(self.alignment_pdf, on_success=self._show_test_page, on_error=self._fail)

    def _show_test_page(self, pdf: bytes) -> None:
        # The offsets on screen now (saved or not), so a supervisor can try a value before saving it.
        dialog = PdfPreviewDialog(
            self,
            translate("SettingsPage", "Halaman uji penjajaran kartu"),
            pdf,
            suggested_name="uji-penjajaran.pdf",
            printer_name=self.printer.currentData() or None,
            offset_mm=(self.offset_x.value(), self.offset_y.value()),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ---- rate tables ----------------------------------------------------------------------------------
    def _rates_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
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
        return tab

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
            self.banner.show_message(
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

    # ---- backups --------------------------------------------------------------------------------------
    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
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
        return tab

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
            self.banner.show_message("error", _message(exc))
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
            self.banner.show_message("warning", translate("SettingsPage", "Pilih dulu cadangan di daftar."))
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
            self.banner.show_message(
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

    # ---- database -------------------------------------------------------------------------------------
    def _database_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
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
        return tab

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
            on_error=lambda e: self.db_result.setText(_message(e)),
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

    def focus_first(self) -> None:
        self.tabs.setFocus()
