"""The Kanwil panel's second tab: coverage and enrolments of the whole region (``region.dashboard``):
the province against its target, then per regency and per branch. Who is protected is worked out in
the background the first time (the status index); until then those figures read "dihitung…"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.domain.coverage import format_bp
from app.domain.progress import CancelToken, ProgressSink
from app.services import dashboard as dash_service
from app.services.region import dashboard as region_dashboard
from app.services.region.dashboard import KanwilDashboardDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column
from ui.region_session import KanwilSession, check_cancel
from ui.widgets import rows_table


def _pct(bp: int) -> str:
    return display.figure(format_bp(bp))


class KanwilBoardTab(QWidget):
    """The Kanwil dashboard; ``shown`` after each load."""

    shown = Signal(object)  # KanwilDashboardDTO

    def __init__(
        self,
        ui: UiContext,
        session: Callable[[], KanwilSession | None],
        fail: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.ui, self._session, self._fail = ui, session, fail
        self.board: KanwilDashboardDTO | None = None
        self._protection_task: Any = None  # the status index being worked out in the background
        v = QVBoxLayout(self)
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
        self.regency_model, self.regency_table = rows_table(
            "kanwilRegencies",
            translate("KanwilPanel", "Cakupan per kabupaten/kota"),
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
            ],
            0,
        )
        v.addWidget(self.regency_table, 1)
        self.branch_model, self.branch_table = rows_table(
            "kanwilBranches",
            translate("KanwilPanel", "Peserta terdaftar, terlindungi dan pendaftaran per cabang"),
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
            ],
            4,  # per channel
        )
        v.addWidget(self.branch_table, 1)

    def stop(self) -> None:
        """The Kanwil is closed: stop working out who is protected."""
        if self._protection_task is not None:
            self._protection_task.cancel()
            self._protection_task = None

    def load_dashboard(self) -> None:
        s = self._session()
        if s is None:
            return

        def work(progress: ProgressSink, cancel: CancelToken) -> KanwilDashboardDTO:
            progress(0, 1, translate("KanwilPanel", "Menghitung cakupan dan pendaftaran seluruh wilayah…"))
            board = region_dashboard.kanwil_dashboard(s.opened.ctx, s.actor)
            check_cancel(cancel)
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
            if self._protection_task is None and self._session() is not None:
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
        self.shown.emit(board)

    # ---- who is protected: the Kanwil's status index, worked out in the background -------------------
    def _work_out_protection(self) -> None:
        s = self._session()
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
        if shiboken6.isValid(self) and self._session() is not None:
            self.load_dashboard()

    def _on_protection_stopped(self) -> None:
        self._protection_task = None
        if shiboken6.isValid(self):
            self.province_bar.setRange(0, 10_000)

    def _on_protection_failed(self, exc: BaseException) -> None:
        self._on_protection_stopped()
        if self._session() is not None:
            self._fail(exc)
