"""F1: every keyboard shortcut, global and per page, in one table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate

GLOBAL_SHORTCUTS: list[tuple[str, str]] = [
    ("F1", QT_TRANSLATE_NOOP("HelpDialog", "Bantuan: daftar pintasan ini")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("HelpDialog", "Kunci layar sekarang (perlu kata sandi untuk membuka)")),
    (
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP(
            "HelpDialog",
            "Ganti petugas: keluar akun tanpa menutup Loket (formulir belum disimpan ditanyakan)",
        ),
    ),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("HelpDialog", "Tutup Loket")),
    ("Alt+L", QT_TRANSLATE_NOOP("HelpDialog", "Buka menu Loket")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("HelpDialog", "Kolom berikutnya / sebelumnya")),
    (
        "Enter",
        QT_TRANSLATE_NOOP("HelpDialog", "Di formulir pendaftaran: kolom berikutnya; di tombol: jalankan"),
    ),
    ("Esc", QT_TRANSLATE_NOOP("HelpDialog", "Tutup jendela pratinjau atau dialog")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("HelpDialog", "Di dialog: jalankan tombol utama")),
    ("Ctrl+P / Ctrl+S", QT_TRANSLATE_NOOP("HelpDialog", "Di pratinjau PDF: cetak / simpan PDF")),
    ("Ctrl+O / Ctrl+V", QT_TRANSLATE_NOOP("HelpDialog", "Di Baca KTP: buka berkas gambar / tempel gambar")),
]


class HelpDialog(QDialog):
    """``pages``: the page classes of the window (their ``shortcut`` and ``help_shortcuts``)."""

    def __init__(self, parent: QWidget, pages: list[Any]) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(translate("HelpDialog", "Bantuan — pintasan keyboard"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        title = QLabel(translate("HelpDialog", "Pintasan keyboard"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "HelpDialog",
                "Semua pekerjaan di loket bisa dilakukan dengan keyboard saja. Pemindai QR/barcode USB "
                "bekerja seperti keyboard di kotak pencarian dan di Verifikasi Kartu.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        rows: list[tuple[str, str]] = []
        for page in pages:
            key = str(getattr(page, "shortcut", "") or "")
            label = translate(page.__name__, str(getattr(page, "nav_label", page.__name__)))
            if key:
                rows.append((key, translate("HelpDialog", "Buka halaman {label}").format(label=label)))
        rows.extend((key, translate("HelpDialog", what)) for key, what in GLOBAL_SHORTCUTS)
        for page in pages:
            label = translate(page.__name__, str(getattr(page, "nav_label", "")))
            for key, what in getattr(page, "help_shortcuts", ()):
                rows.append((key, f"{label}: {translate(page.__name__, what)}"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("helpTable")
        self.table.setHorizontalHeaderLabels(
            [translate("HelpDialog", "Tombol"), translate("HelpDialog", "Fungsi")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        for i, (key, what) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(key))
            self.table.setItem(i, 1, QTableWidgetItem(what))
        layout.addWidget(self.table, 1)
        close = QPushButton(translate("HelpDialog", "Tutup  (Esc)"))
        close.setObjectName("helpClose")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
