"""Tutup Hari (supervisor): the day's figures, the summary PDF, closing with the password and
reopening with a reason."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import business_date, local_time
from app.domain.day_summary import DaySummary
from app.domain.issues import DomainError
from app.domain.roles import Permission
from app.domain.states import DayStatus
from app.services import day as day_service
from app.services.day import DayStatusDTO
from app.services.day_flow import DayCloseFlow, DayPanel, Missing, officer_lines
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.pages.day_parts import DayCloseBox, DayFiguresPanel, DayReopenBox, OfficerTable, caption
from ui.printing import PdfPreviewDialog
from ui.theme import repolish
from ui.widgets import REFRESH_KEY, Banner, FieldRow


class DayClosePage(QWidget):
    """Tutup Hari: the day's figures and PDF, closing with the cash counted, reopening with a reason."""

    nav_label = QT_TRANSLATE_NOOP("DayClosePage", "Tutup Hari")
    shortcut = "F10"
    help_shortcuts = (
        (REFRESH_KEY, QT_TRANSLATE_NOOP("DayClosePage", "tampilkan angka tanggal itu lagi")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("DayClosePage", "pratinjau ringkasan PDF")),
        ("Ctrl+Enter", QT_TRANSLATE_NOOP("DayClosePage", "tutup hari")),
    )
    required_permission = Permission.CLOSE_DAY

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.summary: DaySummary | None = None
        self.flow = DayCloseFlow()  # which panel, what is in progress, what is missing (Qt-free)
        self.loads = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        title = QLabel(translate("DayClosePage", "Tutup Hari"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "DayClosePage",
                "Periksa angka hari ini, pratinjau ringkasan PDF, lalu tutup hari dengan kata sandi Anda. "
                "Hari yang sudah ditutup terkunci: perubahan berikutnya dicatat pada hari kerja berikutnya.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.banner = Banner("dayCloseBanner")
        layout.addWidget(self.banner)

        top = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setObjectName("dayDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        today = business_date(ui.ctx.clock(), ui.branch.timezone)
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setAccessibleName(translate("DayClosePage", "Tanggal"))
        date_row = FieldRow("tanggal", translate("DayClosePage", "Tanggal"), self.date)
        top.addWidget(date_row)
        self.show_button = QPushButton(translate("DayClosePage", "Tampilkan  (Ctrl+U)"))
        self.show_button.setObjectName("dayShow")
        self.show_button.clicked.connect(self.load)
        top.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.preview_button = QPushButton(translate("DayClosePage", "Pratinjau PDF  (Ctrl+P)"))
        self.preview_button.setObjectName("dayPreview")
        self.preview_button.clicked.connect(self.preview)
        top.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        self.state = QLabel("")
        self.state.setObjectName("dayState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.state, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 7)
        self.figures = DayFiguresPanel()
        self.values = self.figures.values
        left.addWidget(self.figures)
        left.addWidget(caption(translate("DayClosePage", "Per petugas: pendaftaran dan penerimaan")))
        self.officers = OfficerTable()
        left.addWidget(self.officers)
        left.addStretch(1)

        right = QVBoxLayout()
        body.addLayout(right, 4)
        self.close_box = DayCloseBox()
        self.cash_form, self.password = self.close_box.cash_form, self.close_box.password
        self.close_row, self.close_button = self.close_box.close_row, self.close_box.close_button
        self.close_button.clicked.connect(self.close_day)
        self.password.returnPressed.connect(self.close_day)
        right.addWidget(self.close_box)
        self.reopen_box = DayReopenBox()
        box = self.reopen_box
        self.reason, self.reason_row = box.reason, box.reason_row
        self.reopen_password, self.reopen_row = box.reopen_password, box.reopen_row
        self.reopen_button, self.archive_button = box.reopen_button, box.archive_button
        self.reopen_button.clicked.connect(self.reopen_day)
        self.reopen_password.returnPressed.connect(self.reopen_day)
        self.archive_button.clicked.connect(self.show_archive)
        right.addWidget(self.reopen_box)
        self.archive_note = QLabel("")
        self.archive_note.setObjectName("dayArchiveNote")
        self.archive_note.setTextFormat(Qt.TextFormat.PlainText)
        self.archive_note.setWordWrap(True)
        self.archive_note.setProperty("role", "caption")
        right.addWidget(self.archive_note)
        right.addStretch(1)
        self.reopen_box.setVisible(False)

        QShortcut(QKeySequence(REFRESH_KEY), self, self.load)  # F5 is Verifikasi
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.close_day)
        self.date.dateChanged.connect(lambda _d: self.load())
        self._loaded_once = False

    def focus_first(self) -> None:
        editors = self.cash_form.editors()
        (editors[0] if editors else self.password).setFocus()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.load()

    def selected_date(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def _error(self, exc: BaseException, fallback: str) -> str:
        if isinstance(exc, DomainError):
            return display.message(exc.issues[0].message)
        return display.message_of(exc) or fallback

    # ---- loading ------------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()

        def work() -> tuple[DaySummary, DayStatusDTO]:
            return (
                day_service.day_summary(ctx, actor, day, verify_chain=False),
                day_service.day_status(ctx, day),
            )

        self.show_button.setEnabled(False)
        self.ui.runner.run(work, on_success=self._on_loaded, on_error=self._on_load_failed)

    def _on_loaded(self, result: tuple[DaySummary, DayStatusDTO]) -> None:
        self.show_button.setEnabled(True)
        self.summary, self.flow.status = result
        self.loads += 1
        s, f = self.summary, self.summary.figures
        self.figures.show_summary(s)
        self.officers.show_lines(officer_lines(s))
        self.cash_form.show_takings(f.takings)
        chain = [self.officers, *self.cash_form.editors(), self.password, self.close_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self._show_status()

    def _show_status(self) -> None:
        st = self.flow.status
        assert st is not None
        day_text = i18n.date_full(st.business_date)
        current = st.current
        if st.closed and current is not None:
            at = local_time(current.closed_at, self.ui.branch.timezone).strftime("%H.%M")
            self.state.setText(
                translate("DayClosePage", "{day_text}: DITUTUP oleh {closed_by} pukul {at}").format(
                    day_text=day_text, closed_by=current.closed_by, at=at
                )
            )
            self.state.setProperty("role", "stateClosed")
            repolish(self.state)
            self.archive_note.setText(
                translate("DayClosePage", "PDF arsip SHA-256: {pdf_sha256}").format(
                    pdf_sha256=current.pdf_sha256
                )
            )
        else:
            reopened = [h for h in st.history if h.status == DayStatus.REOPENED]
            suffix = (
                translate("DayClosePage", " (dibuka kembali oleh {reopened_by})").format(
                    reopened_by=reopened[-1].reopened_by
                )
                if reopened
                else ""
            )
            self.state.setText(
                translate("DayClosePage", "{day_text}: belum ditutup{suffix}").format(
                    day_text=day_text, suffix=suffix
                )
            )
            self.state.setProperty("role", "stateOpen")
            repolish(self.state)
            self.archive_note.setText("")
        self.close_box.setVisible(self.flow.panel is DayPanel.CLOSE)
        self.reopen_box.setVisible(self.flow.panel is DayPanel.REOPEN)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.banner.show_message(
            "error", self._error(exc, translate("DayClosePage", "Ringkasan hari belum dapat dimuat."))
        )

    # ---- PDF ----------------------------------------------------------------------------------------
    def preview(self) -> None:
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()

        def work(progress: Any, cancel: Any) -> bytes:
            progress(0, 1, translate("DayClosePage", "Menyusun ringkasan dan memeriksa rantai audit…"))
            _summary, pdf = day_service.day_report(ctx, actor, day)
            return pdf

        self.ui.runner.run_with_dialog(
            self,
            translate("DayClosePage", "Ringkasan harian"),
            work,
            on_success=lambda pdf: self._open_preview(
                pdf,
                translate("DayClosePage", "Ringkasan harian {date}").format(date=day.isoformat()),
            ),
            on_error=lambda exc: self.banner.show_message(
                "error", self._error(exc, translate("DayClosePage", "PDF belum dapat dibuat."))
            ),
        )

    def _open_preview(self, pdf: bytes, title: str) -> None:
        self.preview_dialog = PdfPreviewDialog(
            self,
            title,
            pdf,
            suggested_name=f"ringkasan-{self.ui.branch.code}-{self.selected_date().isoformat()}.pdf",
        )
        self.preview_dialog.open()

    def show_archive(self) -> None:
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()
        self.ui.runner.run(
            lambda: day_service.archived_pdf(ctx, actor, day)[1],
            on_success=lambda pdf: self._open_preview(
                pdf,
                translate("DayClosePage", "Arsip penutupan {date}").format(date=day.isoformat()),
            ),
            on_error=lambda exc: self.banner.show_message(
                "error", self._error(exc, translate("DayClosePage", "Arsip tidak dapat dibuka."))
            ),
        )

    # ---- close / reopen -----------------------------------------------------------------------------
    def close_day(self) -> None:
        if not self.isVisible() or not self.flow.can_close:
            return
        self.close_row.set_error(None)
        self.banner.clear()
        password = self.password.text()
        if self.flow.close_missing(password) is Missing.PASSWORD:
            self.close_row.set_error(
                translate("DayClosePage", "Masukkan kata sandi Anda untuk menutup hari.")
            )
            return
        counted, reasons, bad = self.cash_form.values()
        if bad:
            self.cash_form.show_issues(bad)
            return
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()

        def work(progress: Any, cancel: Any) -> DayStatusDTO:
            progress(
                0,
                1,
                translate("DayClosePage", "Menyusun ringkasan, memeriksa rantai audit dan mengarsipkan PDF…"),
            )
            return day_service.close_day(
                ctx, actor, day, password=password, cash_counted=counted, cash_reasons=reasons
            )

        def done(status: DayStatusDTO) -> None:
            self.flow.closing = False
            self.close_button.setEnabled(True)
            self.password.clear()
            self.cash_form.clear()
            self.banner.show_message(
                "info",
                translate("DayClosePage", "Hari {day} sudah ditutup dan PDF-nya diarsipkan.").format(
                    day=i18n.date_full(day)
                ),
            )
            self.load()
            self.ui.bus.day_changed.emit()

        def failed(exc: BaseException) -> None:
            self.flow.closing = False
            self.close_button.setEnabled(True)
            message = self._error(exc, translate("DayClosePage", "Hari belum ditutup. Coba lagi."))
            if isinstance(exc, DomainError):
                loose = self.cash_form.show_issues(exc.issues)  # each officer's count at its field
                if loose:
                    self.banner.show_message("error", display.message(loose[0].message))
                else:
                    self.banner.show_message(
                        "error", translate("DayClosePage", "Periksa uang tunai per petugas.")
                    )
            else:
                self.close_row.set_error(message)

        self.flow.closing = True
        self.close_button.setEnabled(False)
        self.ui.runner.run_with_dialog(
            self, translate("DayClosePage", "Menutup hari"), work, on_success=done, on_error=failed
        )

    def reopen_day(self) -> None:
        if not self.flow.can_reopen:
            return
        for row in (self.reason_row, self.reopen_row):
            row.set_error(None)
        self.banner.clear()
        reason, password = self.reason.text(), self.reopen_password.text()
        missing = self.flow.reopen_missing(reason, password)
        if missing is Missing.REASON:
            self.reason_row.set_error(
                translate("DayClosePage", "Tulis alasan membuka kembali hari (minimal 5 karakter).")
            )
            return
        if missing is Missing.PASSWORD:
            self.reopen_row.set_error(translate("DayClosePage", "Masukkan kata sandi Anda."))
            return
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()

        def done(_status: DayStatusDTO) -> None:
            self.flow.reopening = False
            self.reopen_button.setEnabled(True)
            self.reason.clear()
            self.reopen_password.clear()
            self.banner.show_message(
                "info",
                translate("DayClosePage", "Hari {day} dibuka kembali.").format(day=i18n.date_full(day)),
            )
            self.load()
            self.ui.bus.day_changed.emit()

        def failed(exc: BaseException) -> None:
            self.flow.reopening = False
            self.reopen_button.setEnabled(True)
            if isinstance(exc, DomainError):
                self.reason_row.set_error(display.message(exc.issues[0].message))
            else:
                self.reopen_row.set_error(self._error(exc, translate("DayClosePage", "Kata sandi salah.")))

        self.flow.reopening = True
        self.reopen_button.setEnabled(False)
        self.ui.runner.run(
            lambda: day_service.reopen_day(ctx, actor, day, password=password, reason=reason),
            on_success=done,
            on_error=failed,
        )
