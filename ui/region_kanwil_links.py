"""The Kanwil panel's first tab: every branch's link (lag, last change, state and what to do, as
``region.status`` decides it), and the Kanwil supervisor's actions on it — add a branch, repair one —
each behind its password dialog, then run with progress off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.progress import CancelToken, ProgressSink
from app.services.region import repair, setup, status
from app.services.region.repair import RepairDTO
from app.services.region.setup import BranchLinkDTO
from app.services.region.status import LinkDTO, RegionStatusDTO
from ui import region_restore
from ui.context import UiContext
from ui.dialogs.region_branch import AddBranchDialog, RepairBranchDialog
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column
from ui.region_session import TZ, KanwilSession, check_cancel
from ui.widgets import rows_table


class KanwilLinksTab(QWidget):
    """The branches' links, the one selected explained below them, and Perbarui / Tambah / Perbaiki."""

    def __init__(
        self,
        ui: UiContext,
        session: Callable[[], KanwilSession | None],
        show: Callable[[str, str], None],
        fail: Callable[[BaseException], None],
        on_status: Callable[[RegionStatusDTO], None],
    ) -> None:
        super().__init__()
        self.ui, self.session, self.show_message, self.fail = ui, session, show, fail
        self.on_status = on_status  # the panel shows a fresh status (here and above the tabs)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 8, 8, 8)
        self.model, self.table = rows_table(
            "regionLinks",
            translate("KanwilPanel", "Cabang-cabang Kanwil dan keadaan replikasinya"),
            [
                Column(translate("KanwilPanel", "Cabang"), lambda k: f"{k.code} {k.name}"),
                Column(translate("KanwilPanel", "Keadaan"), lambda k: display.message(k.label)),
                Column(
                    translate("KanwilPanel", "Tertinggal"),
                    lambda k: (
                        "—"
                        if k.events_behind is None
                        else translate("KanwilPanel", "{n} peristiwa").format(
                            n=display.number(k.events_behind)
                        )
                    ),
                    right=True,
                ),
                Column(
                    translate("KanwilPanel", "Perubahan terakhir"),
                    lambda k: display.when(k.last_change_at, self._tz()),
                ),
                Column(
                    translate("KanwilPanel", "Penjelasan"),
                    lambda k: display.message(k.message),
                    tooltip=lambda k: display.message(k.message) + (f"\n\n{k.repair}" if k.repair else ""),
                ),
            ],
            4,
        )
        v.addWidget(self.table, 1)
        self.explain = QLabel()
        self.explain.setObjectName("regionExplain")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.explain.setMinimumHeight(
            self.explain.fontMetrics().lineSpacing() * 5 + 4
        )  # never under the table (a restored branch's explanation takes four lines)
        v.addWidget(self.explain)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(translate("KanwilPanel", "Perbarui  (Ctrl+U)"))
        self.refresh_button.setObjectName("regionRefresh")
        self.add_button = QPushButton(translate("KanwilPanel", "Tambah cabang…"))
        self.add_button.setObjectName("regionAddBranch")
        self.repair_button = QPushButton(translate("KanwilPanel", "Perbaiki cabang terpilih…"))
        self.repair_button.setObjectName("regionRepair")
        self.restore_button = QPushButton(translate("KanwilPanel", "Terima pemulihan cabang…"))
        self.restore_button.setObjectName("regionAcceptRestore")  # ui.region_restore
        self.restore_button.setEnabled(False)
        for b in (self.refresh_button, self.add_button, self.repair_button, self.restore_button):
            b.setAccessibleName(b.text().split("  (")[0])
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.add_button.clicked.connect(self.add_branch)
        self.repair_button.clicked.connect(self.repair_selected)
        self.restore_button.clicked.connect(lambda: region_restore.accept_selected(self))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.activated.connect(lambda _i: self.repair_selected())

    def _tz(self) -> str:
        s = self.session()
        return s.timezone if s else TZ

    def show_links(self, links: tuple[LinkDTO, ...]) -> None:
        """The links of a fresh status, the first one selected and explained."""
        self.model.set_rows(links)
        if links:
            self.table.selectRow(0)
        self._show_selected()
        if not links:
            self.explain.setText(
                translate(
                    "KanwilPanel", "Belum ada cabang. Tambahkan cabang pertama dengan 'Tambah cabang…'."
                )
            )

    def _show_selected(self) -> None:
        link = self.model.row_at(self.table.currentIndex().row())
        self.restore_button.setEnabled(link is not None and link.state == region_restore.RESTORED)
        if link is None:
            self.explain.setText("")
            return
        behind = (
            ""
            if link.lag_bytes is None
            else translate("KanwilPanel", " Belum terkirim dari server cabang: {kb} kB.").format(
                kb=display.number(link.lag_bytes // 1024)
            )
        )
        todo = translate("KanwilPanel", "\nPerbaikan: {what}").format(what=link.repair) if link.repair else ""
        self.explain.setText(
            f"{link.code} {link.name} — {display.message(link.label)}: {display.message(link.message)}"
            f" [{link.message_code}]{behind}{todo}"
        )

    # ---- actions (the Kanwil supervisor's password, then the work with progress) --------------------
    def add_branch(self) -> None:
        s = self.session()
        if s is None:
            return
        dialog = AddBranchDialog(self.ui, s.opened.ctx, s.actor, parent=self)
        dialog.succeeded.connect(self._run_add)
        dialog.open()

    def _run_add(self, form: Any) -> None:
        s = self.session()
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> tuple[BranchLinkDTO, RegionStatusDTO]:
            progress(
                0, 2, translate("KanwilPanel", "Menyambungkan cabang: publikasi, langganan, data rujukan…")
            )
            check_cancel(cancel)
            link = setup.add_branch(s.opened.ctx, s.actor, form.branch_url, regencies=form.regencies)
            progress(1, 2, translate("KanwilPanel", "Membaca keadaan semua cabang…"))
            return link, status.region_status(s.opened.ctx, s.actor)

        def done(result: tuple[BranchLinkDTO, RegionStatusDTO]) -> None:
            link, st = result
            self.on_status(st)
            self.show_message(
                "info",
                translate(
                    "KanwilPanel",
                    "Cabang {code} {name} tersambung: {members} peserta sedang disalin ke Kanwil; data rujukan "
                    "Kanwil dikirim ke cabang.",
                ).format(code=link.code, name=link.name, members=display.number(link.members)),
            )

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Menambah cabang"), work, on_success=done, on_error=self.fail
        )

    def repair_selected(self) -> None:
        s = self.session()
        link = self.model.row_at(self.table.currentIndex().row())
        if s is None:
            return
        if link is None:
            self.show_message(
                "warning", translate("KanwilPanel", "Pilih dulu cabang yang akan diperbaiki di daftar.")
            )
            return
        dialog = RepairBranchDialog(self.ui, s.opened.ctx, s.actor, link, parent=self)
        dialog.succeeded.connect(self._run_repair)
        dialog.open()

    def _run_repair(self, form: Any) -> None:
        s = self.session()
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> tuple[RepairDTO, RegionStatusDTO]:
            progress(
                0, 2, translate("KanwilPanel", "Memperbaiki sambungan cabang {code}…").format(code=form.code)
            )
            check_cancel(cancel)
            r = repair.repair(
                s.opened.ctx, s.actor, form.code, resync=form.resync, branch_url=form.branch_url
            )
            progress(1, 2, translate("KanwilPanel", "Membaca keadaan semua cabang…"))
            return r, status.region_status(s.opened.ctx, s.actor)

        def done(result: tuple[RepairDTO, RegionStatusDTO]) -> None:
            r, st = result
            self.on_status(st)
            steps = "; ".join(r.actions) or translate("KanwilPanel", "tidak ada yang perlu diubah")
            text = translate("KanwilPanel", "Cabang {code}: sebelum {before}, sesudah {after} — {steps}.").format(
                code=r.code, before=display.message(r.before.label), after=display.message(r.after.label),
                steps=steps,
            )  # fmt: skip
            if r.after.needs_repair:
                self.show_message("error", text + " " + display.message(r.after.message))
            else:
                self.show_message("info", text)

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Memperbaiki cabang"), work, on_success=done, on_error=self.fail
        )
