"""Jemput Bola at the branch: import a laptop's package (Ctrl+I, its answer written beside it), the
conflicts waiting for a supervisor (Enter: merge field by field, or record a decision), and a fresh
answer for a laptop (Ctrl+E)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.roles import Permission, allowed
from app.services import packages
from app.services.packages import (
    ConflictDetailDTO,
    ConflictDTO,
    LaptopDTO,
    MergeResultDTO,
    PackageImportResult,
)
from ui.context import UiContext
from ui.dialogs.conflict_merge import ConflictMergeDialog
from ui.dialogs.member_base import MemberDialog, MemberReasonDialog
from ui.dialogs.package_password import PackagePasswordDialog
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import primary_button, record_table

KINDS = {
    "nik_both": QT_TRANSLATE_NOOP("BranchPackagesPanel", "NIK sudah terdaftar"),
    "number_taken": QT_TRANSLATE_NOOP("BranchPackagesPanel", "Nomor dipakai orang lain"),
    "changed_both": QT_TRANSLATE_NOOP("BranchPackagesPanel", "Diubah di dua tempat"),
    "likely_duplicate": QT_TRANSLATE_NOOP("BranchPackagesPanel", "Mirip peserta di sini"),
}


class BranchPackagesPanel(QWidget):
    """``ok``/``fail`` report to the page's banner; ``changed`` asks the page to reload."""

    def __init__(
        self,
        ui: UiContext,
        ok: Callable[[str], None],
        fail: Callable[[BaseException], None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__()
        self.ui, self._ok, self._fail, self._changed = ui, ok, fail, changed
        self.setObjectName("branchPackagesPanel")
        self.supervisor = allowed(ui.actor.role, Permission.APPROVE)
        self.dialog: MemberDialog | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.import_button = primary_button(
            translate("BranchPackagesPanel", "Impor paket laptop…  (Ctrl+I)"), "packageImport"
        )
        top.addWidget(self.import_button)
        top.addSpacing(24)
        top.addWidget(QLabel(translate("BranchPackagesPanel", "Balasan untuk laptop:")))
        self.laptop = QComboBox()
        self.laptop.setObjectName("replyLaptop")
        self.laptop.setAccessibleName(translate("BranchPackagesPanel", "Laptop jemput bola"))
        self.laptop.setMinimumContentsLength(24)
        top.addWidget(self.laptop)
        self.reply_button = QPushButton(translate("BranchPackagesPanel", "Buat balasan…  (Ctrl+E)"))
        self.reply_button.setObjectName("packageReply")
        top.addWidget(self.reply_button)
        top.addStretch(1)
        v.addLayout(top)
        self.caption = QLabel()
        self.caption.setObjectName("conflictsCaption")
        self.caption.setWordWrap(True)
        v.addWidget(self.caption)
        self.model: RowsModel[ConflictDTO] = RowsModel(
            [
                Column(translate("BranchPackagesPanel", "No."), lambda c: f"#{c.short}", right=True),
                Column(
                    translate("BranchPackagesPanel", "Jenis"),
                    lambda c: translate("BranchPackagesPanel", KINDS[c.kind]),
                ),
                Column(
                    translate("BranchPackagesPanel", "Nomor peserta"), lambda c: display.grouped(c.number)
                ),
                Column(translate("BranchPackagesPanel", "Nama"), lambda c: c.name),
                Column(translate("BranchPackagesPanel", "Laptop"), lambda c: c.source_code),
                Column(
                    translate("BranchPackagesPanel", "Keterangan"),
                    lambda c: c.message,
                    tooltip=lambda c: c.message,
                ),
            ],
            parent=self,
        )
        self.table = record_table(
            "conflictsTable", translate("BranchPackagesPanel", "Konflik paket"), self.model, 5
        )
        v.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.merge_button = QPushButton(translate("BranchPackagesPanel", "Putuskan…  (Enter)"))
        self.merge_button.setObjectName("conflictDecide")
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        v.addLayout(actions)
        for w in (self.import_button, self.laptop, self.reply_button, self.merge_button):
            w.setEnabled(self.supervisor)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.reply_button.clicked.connect(self._on_reply_clicked)
        self.merge_button.clicked.connect(self.decide_current)
        self.table.activated.connect(lambda _i: self.decide_current())
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+I"), self, self._on_import_clicked, context=within)
        QShortcut(QKeySequence("Ctrl+E"), self, self._on_reply_clicked, context=within)
        for a, b in (
            (self.import_button, self.laptop),
            (self.laptop, self.reply_button),
            (self.reply_button, self.table),
            (self.table, self.merge_button),
        ):
            QWidget.setTabOrder(a, b)

    def show_state(self, laptops: tuple[LaptopDTO, ...], conflicts: tuple[ConflictDTO, ...]) -> None:
        keep = self.laptop.currentData()
        self.laptop.clear()
        for lp in laptops:
            self.laptop.addItem(f"{lp.code} — {lp.name}", lp.code)
        if keep is not None and self.laptop.findData(keep) >= 0:
            self.laptop.setCurrentIndex(self.laptop.findData(keep))
        self.reply_button.setEnabled(self.supervisor and bool(laptops))
        self.model.set_rows(conflicts)
        if not self.supervisor:
            self.caption.setText(
                translate(
                    "BranchPackagesPanel", "Paket laptop diimpor dan konfliknya diputuskan oleh supervisor."
                )
            )
        elif conflicts:
            self.caption.setText(
                translate(
                    "BranchPackagesPanel", "{n} konflik menunggu keputusan. Pilih baris lalu Enter."
                ).format(n=len(conflicts))
            )
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.caption.setText(translate("BranchPackagesPanel", "Tidak ada konflik yang menunggu."))
        self.merge_button.setEnabled(self.supervisor and bool(conflicts))

    def current(self) -> ConflictDTO | None:
        return self.model.row_at(self.table.currentIndex().row())

    # ---- a laptop's package -------------------------------------------------------------------------
    def _on_import_clicked(self) -> None:
        if not self.import_button.isEnabled():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("BranchPackagesPanel", "Pilih paket laptop"),
            "",
            translate("BranchPackagesPanel", "Paket Loket (*.lpkg);;Semua berkas (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        answer = path.with_name(f"{path.stem}-balasan.lbal")
        self.dialog = PackagePasswordDialog(
            self.ui,
            title=translate("BranchPackagesPanel", "Impor paket laptop"),
            intro=translate(
                "BranchPackagesPanel",
                "{name}\nTanda tangan, asal dan isi paket diperiksa; semua digabung atau tidak sama sekali. "
                "Balasan untuk laptop disimpan di {answer}.",
            ).format(name=path.name, answer=answer),
            confirm_text=translate("BranchPackagesPanel", "Periksa dan gabungkan  (Enter)"),
            parent=self,
        )
        ctx, actor = self.ui.ctx, self.ui.actor

        def proven(password: str) -> None:
            self.ui.runner.run_with_dialog(
                self,
                translate("BranchPackagesPanel", "Menggabungkan paket…"),
                lambda progress, cancel: packages.import_package(
                    ctx, actor, path, password=password, progress=progress, cancel=cancel, reply_to=answer
                ),
                on_success=self._imported,
                on_error=self._fail,
            )

        self.dialog.succeeded.connect(proven)
        self.dialog.open()

    def _imported(self, r: PackageImportResult) -> None:
        if not shiboken6.isValid(self):
            return
        if r.already_imported:
            text = translate("BranchPackagesPanel", "Paket ini sudah pernah diimpor; tidak ada yang berubah.")
        else:
            text = translate(
                "BranchPackagesPanel",
                "Paket dari {source} digabung: {members} peserta baru, {payments} pembayaran, {corrections} koreksi, "
                "{deactivations} penonaktifan; {conflicts} konflik menunggu.",
            ).format(
                source=r.source,
                members=r.members_added,
                payments=r.payments_added,
                corrections=r.corrections_applied,
                deactivations=r.deactivations_applied,
                conflicts=len(r.conflicts),
            )
        if r.reply_path is not None:
            text += " " + translate("BranchPackagesPanel", "Balasan untuk laptop: {path}").format(
                path=r.reply_path
            )
        self._ok(text)
        self._changed()

    # ---- a fresh answer --------------------------------------------------------------------------------
    def _on_reply_clicked(self) -> None:
        code = self.laptop.currentData()
        if not self.reply_button.isEnabled() or code is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("BranchPackagesPanel", "Simpan balasan untuk laptop"),
            f"balasan-{code}.lbal",
            translate("BranchPackagesPanel", "Balasan cabang (*.lbal)"),
        )
        if path:
            self.reply_to(str(code), Path(path))

    def reply_to(self, code: str, path: Path) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor

        def done(info: packages.ReplyInfo) -> None:
            if shiboken6.isValid(self):
                self._ok(
                    translate(
                        "BranchPackagesPanel", "Balasan untuk laptop {laptop} disimpan: {path}."
                    ).format(laptop=info.laptop, path=info.path)
                )

        self.ui.runner.run(
            lambda: packages.make_reply(ctx, actor, laptop=code, path=path),
            on_success=done,
            on_error=self._fail,
        )

    # ---- deciding a conflict -----------------------------------------------------------------------------
    def decide_current(self) -> None:
        c = self.current()
        if c is None or not self.supervisor:
            return
        if c.kind == "changed_both":
            ctx, actor = self.ui.ctx, self.ui.actor
            self.ui.runner.run(
                lambda: packages.conflict_detail(ctx, actor, c.id or 0),
                on_success=self.open_merge,
                on_error=self._fail,
            )
            return
        ctx, actor = self.ui.ctx, self.ui.actor
        self.dialog = MemberReasonDialog(
            self.ui,
            object_name="conflictNoteDialog",
            title=translate("BranchPackagesPanel", "Catat keputusan konflik #{id}").format(id=c.short),
            intro=c.message,
            confirm_text=translate("BranchPackagesPanel", "Catat  (Enter)"),
            reason_label=translate("BranchPackagesPanel", "Keputusan (mis. orang sama; pakai nomor cabang)"),
            action=lambda note, _pw: packages.resolve_conflict(ctx, actor, c.id or 0, note),
            password=False,
            parent=self,
        )
        self.dialog.succeeded.connect(lambda _r: self._decided(c))
        self.dialog.open()

    def open_merge(self, detail: ConflictDetailDTO) -> None:
        if not shiboken6.isValid(self):
            return
        dialog = ConflictMergeDialog(self.ui, detail, self)
        self.dialog = dialog
        dialog.succeeded.connect(self._merged)
        dialog.open()

    def _merged(self, result: MergeResultDTO) -> None:
        taken = ", ".join(f"{f}: {side}" for f, side in sorted(result.taken.items()))
        self._ok(
            translate(
                "BranchPackagesPanel",
                "Konflik #{id} digabung per kolom ({taken}). Laptop menerimanya di balasan berikutnya.",
            ).format(id=result.conflict.short, taken=taken)
        )
        self.ui.bus.member_changed.emit(result.conflict.local_number)
        self._changed()

    def _decided(self, c: ConflictDTO) -> None:
        self._ok(translate("BranchPackagesPanel", "Keputusan konflik #{id} dicatat.").format(id=c.short))
        self._changed()

    def focus_first(self) -> None:
        (self.table if self.model.rowCount() else self.import_button).setFocus()
