"""The Kanwil's side of the Wilayah page: every branch's link (lag, last change, state and what to
do, as ``region.status`` decides it) with its actions — add a branch, repair one — and the Kanwil
dashboard (``region.dashboard``). Everything runs on the Kanwil's database, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Opened
from app.domain.coverage import format_bp
from app.domain.progress import Cancelled, CancelToken, ProgressSink
from app.services import dashboard as dash_service
from app.services.dto import Actor
from app.services.region import dashboard as region_dashboard
from app.services.region import repair, setup, status
from app.services.region.dashboard import BranchLine, KanwilDashboardDTO, RegencyLine
from app.services.region.repair import RepairDTO
from app.services.region.setup import BranchLinkDTO
from app.services.region.status import LinkDTO, RegionStatusDTO
from ui import region_restore
from ui.context import UiContext
from ui.dialogs.region_branch import AddBranchDialog, RepairBranchDialog
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import record_table

TZ = "Asia/Jakarta"


@dataclass(frozen=True)
class KanwilSession:
    """The Kanwil's database and the Kanwil supervisor proven on it. ``own``: the window's own database
    (not closed by the page)."""

    opened: Opened
    actor: Actor
    timezone: str
    own: bool = False

    def close(self) -> None:
        if not self.own:
            self.opened.ctx.engine.dispose()


def _check(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise Cancelled()


def _pct(bp: int) -> str:
    return display.figure(format_bp(bp))


class KanwilPanel(QWidget):
    """Shown once a Kanwil is open: ``status_shown`` / ``dashboard_shown`` after each load (tests)."""

    status_shown = Signal(object)  # RegionStatusDTO
    dashboard_shown = Signal(object)  # KanwilDashboardDTO

    def __init__(
        self, ui: UiContext, show: Callable[[str, str], None], fail: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.setObjectName("kanwilPanel")
        self.ui, self._show, self._fail = ui, show, fail
        self.session: KanwilSession | None = None
        self.links: tuple[LinkDTO, ...] = ()
        self.board: KanwilDashboardDTO | None = None
        self._protection_task: Any = None  # the status index being worked out in the background
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(6)
        self.where = QLabel()
        self.where.setObjectName("kanwilWhere")
        self.where.setProperty("role", "fieldLabel")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        v.addWidget(self.where)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("kanwilTabs")
        v.addWidget(self.tabs, 1)
        self.tabs.addTab(self._status_tab(), translate("KanwilPanel", "Keadaan cabang"))
        self.tabs.addTab(self._dashboard_tab(), translate("KanwilPanel", "Dasbor Kanwil"))
        self.tabs.currentChanged.connect(self._on_tabs_changed)

    # ---- the branches' links -----------------------------------------------------------------------
    def _status_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(8, 8, 8, 8)
        self.model: RowsModel[LinkDTO] = RowsModel(
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
            muted=lambda k: False,
        )
        self.table = record_table(
            "regionLinks",
            translate("KanwilPanel", "Cabang-cabang Kanwil dan keadaan replikasinya"),
            self.model,
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
        self.refresh_button.clicked.connect(self.load_status)
        self.add_button.clicked.connect(self.add_branch)
        self.repair_button.clicked.connect(self.repair_selected)
        self.restore_button.clicked.connect(lambda: region_restore.accept_selected(self))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.activated.connect(lambda _i: self.repair_selected())
        return w

    def _tz(self) -> str:
        return self.session.timezone if self.session else TZ

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

    def open_session(self, session: KanwilSession, first: RegionStatusDTO | None = None) -> None:
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self.board = None
        if first is not None:
            self._on_status(first)
        else:
            self.load_status()

    def close_session(self) -> None:
        if self._protection_task is not None:
            self._protection_task.cancel()
            self._protection_task = None
        if self.session is not None:
            self.session.close()
        self.session = None

    def load_status(self) -> None:
        s = self.session
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> RegionStatusDTO:
            progress(0, 1, translate("KanwilPanel", "Menanyai Kanwil dan server tiap cabang…"))
            found = status.region_status(s.opened.ctx, s.actor)
            _check(cancel)
            return found

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Keadaan replikasi wilayah"), work, on_success=self._on_status,
            on_error=self._fail,
        )  # fmt: skip

    def _on_status(self, st: RegionStatusDTO) -> None:
        if not shiboken6.isValid(self):
            return
        tz = self.session.timezone if self.session else TZ
        self.links = st.links
        self.where.setText(
            translate("KanwilPanel", "{where} — diperiksa {at}").format(
                where=st.where, at=display.when(st.checked_at, tz)
            )
        )
        self.model.set_rows(st.links)
        if st.links:
            self.table.selectRow(0)
        self._show_selected()
        if not st.links:
            self.explain.setText(
                translate(
                    "KanwilPanel", "Belum ada cabang. Tambahkan cabang pertama dengan 'Tambah cabang…'."
                )
            )
        self.status_shown.emit(st)

    # ---- actions (the Kanwil supervisor's password, then the work with progress) --------------------
    def add_branch(self) -> None:
        s = self.session
        if s is None:
            return
        dialog = AddBranchDialog(self.ui, s.opened.ctx, s.actor, parent=self)
        dialog.succeeded.connect(self._run_add)
        dialog.open()

    def _run_add(self, form: Any) -> None:
        s = self.session
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> tuple[BranchLinkDTO, RegionStatusDTO]:
            progress(
                0, 2, translate("KanwilPanel", "Menyambungkan cabang: publikasi, langganan, data rujukan…")
            )
            _check(cancel)
            link = setup.add_branch(s.opened.ctx, s.actor, form.branch_url, regencies=form.regencies)
            progress(1, 2, translate("KanwilPanel", "Membaca keadaan semua cabang…"))
            return link, status.region_status(s.opened.ctx, s.actor)

        def done(result: tuple[BranchLinkDTO, RegionStatusDTO]) -> None:
            link, st = result
            self._on_status(st)
            self._show(
                "info",
                translate(
                    "KanwilPanel",
                    "Cabang {code} {name} tersambung: {members} peserta sedang disalin ke Kanwil; data rujukan "
                    "Kanwil dikirim ke cabang.",
                ).format(code=link.code, name=link.name, members=display.number(link.members)),
            )

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Menambah cabang"), work, on_success=done, on_error=self._fail
        )

    def repair_selected(self) -> None:
        s = self.session
        link = self.model.row_at(self.table.currentIndex().row())
        if s is None:
            return
        if link is None:
            self._show(
                "warning", translate("KanwilPanel", "Pilih dulu cabang yang akan diperbaiki di daftar.")
            )
            return
        dialog = RepairBranchDialog(self.ui, s.opened.ctx, s.actor, link, parent=self)
        dialog.succeeded.connect(self._run_repair)
        dialog.open()

    def _run_repair(self, form: Any) -> None:
        s = self.session
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> tuple[RepairDTO, RegionStatusDTO]:
            progress(
                0, 2, translate("KanwilPanel", "Memperbaiki sambungan cabang {code}…").format(code=form.code)
            )
            _check(cancel)
            r = repair.repair(
                s.opened.ctx, s.actor, form.code, resync=form.resync, branch_url=form.branch_url
            )
            progress(1, 2, translate("KanwilPanel", "Membaca keadaan semua cabang…"))
            return r, status.region_status(s.opened.ctx, s.actor)

        def done(result: tuple[RepairDTO, RegionStatusDTO]) -> None:
            r, st = result
            self._on_status(st)
            steps = "; ".join(r.actions) or translate("KanwilPanel", "tidak ada yang perlu diubah")
            text = translate("KanwilPanel", "Cabang {code}: sebelum {before}, sesudah {after} — {steps}.").format(
                code=r.code, before=display.message(r.before.label), after=display.message(r.after.label),
                steps=steps,
            )  # fmt: skip
            if r.after.needs_repair:
                self._show("error", text + " " + display.message(r.after.message))
            else:
                self._show("info", text)

        self.ui.runner.run_with_dialog(
            self, translate("KanwilPanel", "Memperbaiki cabang"), work, on_success=done, on_error=self._fail
        )

    # ---- the Kanwil dashboard ----------------------------------------------------------------------
    def _dashboard_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(8, 8, 8, 8)
        v.setSpacing(6)
        top = QHBoxLayout()
        self.province = QLabel(translate("KanwilPanel", "Dasbor belum dibaca."))
        self.province.setObjectName("kanwilProvince")
        self.province.setWordWrap(True)
        self.province.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.province, 1)
        self.province_bar = QProgressBar()
        self.province_bar.setObjectName("kanwilProvinceProgress")
        self.province_bar.setAccessibleName(translate("KanwilPanel", "Kemajuan provinsi ke target"))
        self.province_bar.setRange(0, 10_000)
        self.province_bar.setMinimumWidth(260)
        top.addWidget(self.province_bar)
        self.dashboard_button = QPushButton(translate("KanwilPanel", "Baca dasbor"))
        self.dashboard_button.setObjectName("kanwilDashboardLoad")
        self.dashboard_button.setAccessibleName(translate("KanwilPanel", "Baca dasbor Kanwil"))
        self.dashboard_button.clicked.connect(self.load_dashboard)
        top.addWidget(self.dashboard_button)
        v.addLayout(top)
        self.month = QLabel()
        self.month.setObjectName("kanwilMonth")
        self.month.setWordWrap(True)
        self.month.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.month)
        self.regency_model: RowsModel[RegencyLine] = RowsModel(
            [
                Column(translate("KanwilPanel", "Kabupaten/kota"), lambda r: f"{r.code} {r.name}"),
                Column(translate("KanwilPanel", "Cabang"), lambda r: r.branch_code or "—"),
                Column(
                    translate("KanwilPanel", "Pekerja"),
                    lambda r: display.number(r.coverage.workers),
                    right=True,
                ),
                Column(
                    translate("KanwilPanel", "Terdaftar"), lambda r: display.number(r.members), right=True
                ),
                Column(
                    translate("KanwilPanel", "Terlindungi"),
                    lambda r: self._protected_text(display.number(r.protected)),
                    right=True,
                ),
                Column(translate("KanwilPanel", "Awal"), lambda r: _pct(r.coverage.baseline_bp), right=True),
                Column(
                    translate("KanwilPanel", "Terlindungi kini"),
                    lambda r: self._protected_text(_pct(r.coverage.covered_bp)),
                    right=True,
                ),
                Column(translate("KanwilPanel", "Target"), lambda r: _pct(r.coverage.target_bp), right=True),
                Column(
                    translate("KanwilPanel", "Kemajuan"),
                    lambda r: self._protected_text(_pct(r.coverage.progress_bp)),
                    right=True,
                ),
            ]
        )
        self.regency_table = record_table(
            "kanwilRegencies", translate("KanwilPanel", "Cakupan per kabupaten/kota"), self.regency_model, 0
        )
        v.addWidget(self.regency_table, 1)
        self.branch_model: RowsModel[BranchLine] = RowsModel(
            [
                Column(translate("KanwilPanel", "Cabang"), lambda b: f"{b.code} {b.name}"),
                Column(
                    translate("KanwilPanel", "Terdaftar"), lambda b: display.number(b.members), right=True
                ),
                Column(
                    translate("KanwilPanel", "Terlindungi"),
                    lambda b: self._protected_text(display.number(b.protected)),
                    right=True,
                ),
                Column(
                    translate("KanwilPanel", "Baru bulan ini"),
                    lambda b: display.number(b.month_enrolments),
                    right=True,
                ),
                Column(
                    translate("KanwilPanel", "Per kanal"),
                    lambda b: ", ".join(f"{t.label} {t.count}" for t in b.by_channel if t.count) or "—",
                ),
                Column(
                    translate("KanwilPanel", "Terlindungi di wilayahnya"),
                    lambda b: (
                        "—"
                        if b.progress is None
                        else self._protected_text(
                            translate("KanwilPanel", "{now} (target {target})").format(
                                now=_pct(b.progress.covered_bp), target=_pct(b.progress.target_bp)
                            )
                        )
                    ),
                    right=True,
                ),
            ]
        )
        self.branch_table = record_table(
            "kanwilBranches",
            translate("KanwilPanel", "Peserta terdaftar, terlindungi dan pendaftaran per cabang"),
            self.branch_model,
            4,  # per channel
        )
        v.addWidget(self.branch_table, 1)
        return w

    def _on_tabs_changed(self, index: int) -> None:
        if index == 1 and self.board is None and self.session is not None:
            self.load_dashboard()

    def load_dashboard(self) -> None:
        s = self.session
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> KanwilDashboardDTO:
            progress(0, 1, translate("KanwilPanel", "Menghitung cakupan dan pendaftaran seluruh wilayah…"))
            board = region_dashboard.kanwil_dashboard(s.opened.ctx, s.actor)
            _check(cancel)
            return board

        self.ui.runner.run_with_dialog(
            self,
            translate("KanwilPanel", "Dasbor Kanwil"),
            work,
            on_success=self._on_dashboard,
            on_error=self._fail,
        )

    def _protected_text(self, text: str) -> str:
        """A protected figure, or "dihitung…" while the status index is still being worked out."""
        if self.board is not None and self.board.pending:
            return translate("KanwilPanel", "dihitung…")
        return text

    def _on_dashboard(self, board: KanwilDashboardDTO) -> None:
        if not shiboken6.isValid(self):
            return
        self.board = board
        p = board.province
        if board.pending:
            # Not yet known who is protected: the registered figures only, and why.
            self.province.setText(
                translate(
                    "KanwilPanel",
                    "{region}, {today}: status perlindungan sedang dihitung ({pending} peserta belum "
                    "dihitung). Terdaftar {registered} dari {workers} pekerja; target {target} terlindungi.",
                ).format(
                    region=board.region,
                    today=display.date(board.today),
                    pending=display.number(board.pending),
                    registered=display.number(p.registered),
                    workers=display.number(p.workers),
                    target=display.number(p.target_count),
                )
            )
            if self._protection_task is None and self.session is not None:
                self._work_out_protection()
        else:
            self.province.setText(
                translate(
                    "KanwilPanel",
                    "{region}, {today}: {covered} dari {workers} pekerja terlindungi ({pct}), {registered} "
                    "terdaftar; target {target} terlindungi, kurang {remaining}.",
                ).format(
                    region=board.region,
                    today=display.date(board.today),
                    covered=display.number(p.covered),
                    workers=display.number(p.workers),
                    pct=_pct(p.covered_bp),
                    registered=display.number(p.registered),
                    target=display.number(p.target_count),
                    remaining=display.number(p.remaining),
                )
            )
        self.province_bar.setValue(0 if board.pending else p.progress_bp)
        self.province_bar.setFormat(
            translate("KanwilPanel", "dihitung…")
            if board.pending
            else translate("KanwilPanel", "{pct} dari awal ke target").format(pct=_pct(p.progress_bp))
        )
        month = translate(
            "KanwilPanel", "Pendaftaran sejak {start} per kanal: {channels}. Per segmen: {segments}."
        ).format(
            start=display.date(board.month_start),
            channels=", ".join(f"{t.label} {t.count}" for t in board.by_channel),
            segments=", ".join(f"{t.label} {t.count}" for t in board.by_segment),
        )
        if board.duplicate_niks:
            month += " " + translate(
                "KanwilPanel", "PERHATIAN: {n} NIK aktif di dua cabang sekaligus (periksa dan gabungkan)."
            ).format(n=display.number(board.duplicate_niks))
        self.month.setText(month)
        self.month.setProperty("role", "warning" if board.duplicate_niks else "")
        self.regency_model.set_rows(board.regencies)
        self.branch_model.set_rows(board.branches)
        self.dashboard_shown.emit(board)

    # ---- who is protected: the Kanwil's status index, worked out in the background -------------------
    def _work_out_protection(self) -> None:
        s = self.session
        assert s is not None
        task = self.ui.runner.run(
            lambda progress, cancel: dash_service.refresh_protection(
                s.opened.ctx, s.actor, progress=progress, cancel=cancel
            ),
            on_success=self._on_protection_done,
            on_error=self._on_protection_failed,
            with_progress=True,
        )
        task.progressed.connect(self._on_protection_progress)
        task.cancelled.connect(self._on_protection_stopped)
        self._protection_task = task

    def _on_protection_progress(self, done: int, total: int, _message: str) -> None:
        if not shiboken6.isValid(self) or self.board is None:
            return
        self.province_bar.setRange(0, max(total, 1))
        self.province_bar.setValue(done)
        self.province_bar.setFormat(
            translate("KanwilPanel", "status perlindungan: {done} dari {total}").format(
                done=display.number(done), total=display.number(total)
            )
        )

    def _on_protection_done(self, _count: int) -> None:
        self._on_protection_stopped()
        if shiboken6.isValid(self) and self.session is not None:
            self.load_dashboard()

    def _on_protection_stopped(self) -> None:
        self._protection_task = None
        if shiboken6.isValid(self):
            self.province_bar.setRange(0, 10_000)

    def _on_protection_failed(self, exc: BaseException) -> None:
        self._on_protection_stopped()
        if self.session is not None:
            self._fail(exc)


HELP = (
    ("Ctrl+U", QT_TRANSLATE_NOOP("RegionPage", "perbarui keadaan cabang ini / semua cabang Kanwil")),
    ("Enter", QT_TRANSLATE_NOOP("RegionPage", "di daftar cabang Kanwil: perbaiki cabang yang dipilih")),
)
