"""Jemput Bola on the outreach laptop: its outbox (what has not yet reached the branch, counted and
listed), the package to carry there (Ctrl+E) and the branch's answer to bring back (Ctrl+I)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.roles import Permission, allowed
from app.services import packages
from app.services.packages import OutboxDTO, OutboxItem, PackageInfo, ReplyResult
from app.services.packages.outbox import KIND_LABELS
from ui.context import UiContext
from ui.dialogs.package_password import PackagePasswordDialog
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import primary_button, record_table


class OutboxPanel(QWidget):
    """``ok``/``fail`` report to the page's banner; ``changed`` after an answer was imported."""

    def __init__(
        self,
        ui: UiContext,
        ok: Callable[[str], None],
        fail: Callable[[BaseException], None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__()
        self.ui, self._ok, self._fail, self._changed = ui, ok, fail, changed
        self.setObjectName("outboxPanel")
        self.dialog: PackagePasswordDialog | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 4, 0, 0)
        self.counts = QLabel()
        self.counts.setObjectName("outboxCounts")
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-size: 12pt;")
        v.addWidget(self.counts)
        tz = ui.branch.timezone
        self.model: RowsModel[OutboxItem] = RowsModel(
            [
                Column(translate("OutboxPanel", "Jenis"), lambda i: display.label(KIND_LABELS[i.kind])),
                Column(translate("OutboxPanel", "Nomor peserta"), lambda i: display.grouped(i.number)),
                Column(translate("OutboxPanel", "Nama"), lambda i: i.name),
                Column(translate("OutboxPanel", "Keterangan"), lambda i: i.summary),
                Column(translate("OutboxPanel", "Waktu"), lambda i: display.when(i.at, tz)),
            ],
            parent=self,
        )
        self.table = record_table(
            "outboxTable", translate("OutboxPanel", "Belum sampai ke cabang"), self.model, 3
        )
        v.addWidget(self.table, 1)
        self.held = QLabel()
        self.held.setObjectName("outboxHeld")
        self.held.setWordWrap(True)
        self.held.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.held)
        buttons = QHBoxLayout()
        self.export_button = primary_button(
            translate("OutboxPanel", "Buat paket untuk cabang…  (Ctrl+E)"), "outboxExport"
        )
        self.receive_button = QPushButton(translate("OutboxPanel", "Impor balasan cabang…  (Ctrl+I)"))
        self.receive_button.setObjectName("outboxReceive")
        if not allowed(ui.actor.role, Permission.APPROVE):
            self.receive_button.setEnabled(False)
            self.receive_button.setToolTip(
                translate("OutboxPanel", "Balasan cabang diimpor oleh supervisor laptop ini.")
            )
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.receive_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.receive_button.clicked.connect(self._on_receive_clicked)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+E"), self, self._on_export_clicked, context=within)
        QShortcut(QKeySequence("Ctrl+I"), self, self._on_receive_clicked, context=within)
        QWidget.setTabOrder(self.table, self.export_button)
        QWidget.setTabOrder(self.export_button, self.receive_button)

    def show_outbox(self, box: OutboxDTO) -> None:
        parts = [
            translate("OutboxPanel", "{n} {what}").format(
                n=box.counts[k], what=display.label(KIND_LABELS[k]).lower()
            )
            for k in ("member", "payment", "card", "correction", "deactivation")
        ]
        if box.empty:
            head = translate("OutboxPanel", "Semua sudah sampai di cabang.")
        else:
            head = translate("OutboxPanel", "Belum sampai ke cabang: {total} rekaman").format(total=box.total)
        self.counts.setText(
            head
            + "\n"
            + " · ".join(parts)
            + translate("OutboxPanel", "  ({events} peristiwa audit)").format(events=box.events)
        )
        self.model.set_rows(box.items)
        self.held.setText(
            translate("OutboxPanel", "Menunggu keputusan supervisor cabang: {numbers}").format(
                numbers=", ".join(display.grouped(n) for n in box.held)
            )
            if box.held
            else ""
        )
        self.held.setVisible(bool(box.held))

    # ---- the package to the branch --------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        name = f"jemput-bola-{self.ui.branch.code}.lpkg"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("OutboxPanel", "Simpan paket untuk cabang"),
            name,
            translate("OutboxPanel", "Paket Loket (*.lpkg)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor

        def done(info: PackageInfo) -> None:
            if not shiboken6.isValid(self):
                return
            c = info.counts
            self._ok(
                translate(
                    "OutboxPanel",
                    "Paket disimpan: {path} — {members} peserta, {payments} pembayaran, {corrections} koreksi, "
                    "{deactivations} penonaktifan. Bawa ke cabang; kotak keluar kosong setelah balasannya diimpor.",
                ).format(
                    path=info.path,
                    members=c["members"],
                    payments=c["payments"],
                    corrections=c["corrections"],
                    deactivations=c["deactivations"],
                )
            )

        self.ui.runner.run_with_dialog(
            self,
            translate("OutboxPanel", "Membuat paket…"),
            lambda progress, cancel: packages.export_package(
                ctx, actor, path=path, progress=progress, cancel=cancel
            ),
            on_success=done,
            on_error=self._fail,
        )

    # ---- the branch's answer ----------------------------------------------------------------------
    def _on_receive_clicked(self) -> None:
        if not self.receive_button.isEnabled():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("OutboxPanel", "Pilih balasan cabang"),
            "",
            translate("OutboxPanel", "Balasan cabang (*.lbal);;Semua berkas (*)"),
        )
        if path:
            self.receive_from(Path(path))

    def receive_from(self, path: Path) -> None:
        self.dialog = PackagePasswordDialog(
            self.ui,
            title=translate("OutboxPanel", "Impor balasan cabang"),
            intro=translate(
                "OutboxPanel",
                "{name}\nBalasan cabang memberi tahu apa yang sudah sampai (kotak keluar dikosongkan) dan membawa perubahan "
                "cabang atas peserta laptop ini.",
            ).format(name=path.name),
            confirm_text=translate("OutboxPanel", "Impor  (Enter)"),
            parent=self,
        )
        ctx, actor = self.ui.ctx, self.ui.actor

        def proven(password: str) -> None:
            self.ui.runner.run(
                lambda: packages.receive_reply(ctx, actor, path, password=password),
                on_success=self._received,
                on_error=self._fail,
            )

        self.dialog.succeeded.connect(proven)
        self.dialog.open()

    def _received(self, result: ReplyResult) -> None:
        if not shiboken6.isValid(self):
            return
        if result.already_imported:
            self._ok(translate("OutboxPanel", "Balasan ini sudah pernah diimpor; tidak ada yang berubah."))
        else:
            self._ok(
                translate(
                    "OutboxPanel",
                    "Balasan cabang diimpor: {acknowledged} rekaman sudah sampai, {updated} peserta diperbarui cabang.",
                ).format(acknowledged=result.acknowledged, updated=result.members_updated)
            )
        self._changed()

    def focus_first(self) -> None:
        self.export_button.setFocus()
