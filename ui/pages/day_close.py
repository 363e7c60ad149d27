"""Tutup Hari (supervisor): the day's figures, the summary PDF, closing with the password and
reopening with a reason."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
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
from ui import i18n
from ui.cash_count import CashCountForm
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog
from ui.theme import repolish
from ui.widgets import REFRESH_KEY, Banner, FieldRow, primary_button

OFFICER_COLUMNS = (
    QT_TRANSLATE_NOOP("DayClosePage", "Petugas"),
    QT_TRANSLATE_NOOP("DayClosePage", "Daftar"),
    QT_TRANSLATE_NOOP("DayClosePage", "Tunai"),
    QT_TRANSLATE_NOOP("DayClosePage", "Non-tunai"),
    QT_TRANSLATE_NOOP("DayClosePage", "Jumlah"),
    QT_TRANSLATE_NOOP("DayClosePage", "Dihitung"),
    QT_TRANSLATE_NOOP("DayClosePage", "Selisih"),
)


def _value(name: str) -> QLabel:
    label = QLabel("–")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", "figure")
    return label


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "caption")
    return label


class DayClosePage(QWidget):
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
        self.status: DayStatusDTO | None = None
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
        figures = QFrame()
        figures.setObjectName("dayFigures")
        figures.setProperty("card", True)
        grid = QGridLayout(figures)
        grid.setContentsMargins(14, 10, 14, 10)
        self.values: dict[str, QLabel] = {}
        items = [
            ("enrolments", translate("DayClosePage", "Pendaftaran")),
            ("received", translate("DayClosePage", "Iuran diterima")),
            ("voided", translate("DayClosePage", "Dibatalkan")),
            ("net", translate("DayClosePage", "Bersih")),
            ("reconciled", translate("DayClosePage", "Cocok dengan tanda bukti")),
            ("cards", translate("DayClosePage", "Kartu baru / ulang / rusak")),
            ("corrections", translate("DayClosePage", "Koreksi disetujui")),
            ("adjustments", translate("DayClosePage", "Penyesuaian hari sebelumnya")),
            ("audit", translate("DayClosePage", "Peristiwa audit terakhir hari ini")),
        ]
        for i, (key, text) in enumerate(items):
            cell = QVBoxLayout()
            cell.addWidget(_caption(text))
            self.values[key] = _value(f"day_{key}")
            cell.addWidget(self.values[key])
            grid.addLayout(cell, i // 3, i % 3)
        left.addWidget(figures)
        left.addWidget(_caption(translate("DayClosePage", "Per petugas: pendaftaran dan penerimaan")))
        self.officers = QTableWidget(0, len(OFFICER_COLUMNS))
        self.officers.setObjectName("dayOfficers")
        self.officers.setAccessibleName(translate("DayClosePage", "Pendaftaran dan penerimaan per petugas"))
        self.officers.setHorizontalHeaderLabels([translate("DayClosePage", c) for c in OFFICER_COLUMNS])
        self.officers.verticalHeader().setVisible(False)
        self.officers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officers.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside it)
        # Money columns as wide as their figures (with air on both sides); the officer's name takes the rest.
        header = self.officers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.officers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns fit
        self.officers.setMaximumHeight(220)
        left.addWidget(self.officers)
        left.addStretch(1)

        right = QVBoxLayout()
        body.addLayout(right, 4)
        self.close_box = QGroupBox(translate("DayClosePage", "Tutup hari"))
        v = QVBoxLayout(self.close_box)
        v.addWidget(_caption(translate("DayClosePage", "Uang tunai yang diserahkan tiap petugas")))
        self.cash_form = CashCountForm()
        v.addWidget(self.cash_form)
        self.password = QLineEdit()
        self.password.setObjectName("closePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.close_row = FieldRow(
            "password", translate("DayClosePage", "Kata sandi Anda"), self.password, required=True
        )
        v.addWidget(self.close_row)
        self.close_button = primary_button(
            translate("DayClosePage", "Tutup hari  (Ctrl+Enter)"), "dayCloseButton"
        )
        self.close_button.clicked.connect(self.close_day)
        self.password.returnPressed.connect(self.close_day)
        v.addWidget(self.close_button)
        right.addWidget(self.close_box)

        self.reopen_box = QGroupBox(translate("DayClosePage", "Buka kembali hari"))
        v = QVBoxLayout(self.reopen_box)
        self.reason = QLineEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setMaxLength(500)
        self.reason_row = FieldRow(
            "alasan", translate("DayClosePage", "Alasan (dicatat di jejak audit)"), self.reason, required=True
        )
        v.addWidget(self.reason_row)
        self.reopen_password = QLineEdit()
        self.reopen_password.setObjectName("reopenPassword")
        self.reopen_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reopen_row = FieldRow(
            "reopen_password",
            translate("DayClosePage", "Kata sandi Anda"),
            self.reopen_password,
            required=True,
        )
        v.addWidget(self.reopen_row)
        self.reopen_button = QPushButton(translate("DayClosePage", "Buka kembali"))
        self.reopen_button.setObjectName("dayReopenButton")
        self.reopen_button.clicked.connect(self.reopen_day)
        self.reopen_password.returnPressed.connect(self.reopen_day)
        v.addWidget(self.reopen_button)
        self.archive_button = QPushButton(translate("DayClosePage", "Lihat PDF arsip"))
        self.archive_button.setObjectName("dayArchive")
        self.archive_button.clicked.connect(self.show_archive)
        v.addWidget(self.archive_button)
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
        self.summary, self.status = result
        self.loads += 1
        s, f = self.summary, self.summary.figures
        v = self.values
        v["enrolments"].setText(i18n.number(f.enrolment_count))
        v["received"].setText(f"{i18n.money(f.received_amount)} ({f.received_count})")
        v["voided"].setText(f"{i18n.money(f.voided_amount)} ({f.voided_count})")
        v["net"].setText(i18n.money(f.net_amount))
        ok = f.reconciliation.ok
        v["reconciled"].setText(
            translate("DayClosePage", "Cocok")
            if ok
            else translate("DayClosePage", "TIDAK cocok ({difference})").format(
                difference=i18n.money(f.reconciliation.difference)
            )
        )
        v["reconciled"].setProperty("role", "figure" if ok else "figureBad")
        repolish(v["reconciled"])
        v["cards"].setText(f"{f.cards_issued} / {f.cards_reprinted} / {f.cards_spoiled}")
        v["corrections"].setText(i18n.number(len(f.corrections)))
        v["adjustments"].setText(
            f"{i18n.money(-f.adjustments_amount)} ({len(f.adjustments)})" if f.adjustments else "–"
        )
        v["audit"].setText(f"#{s.audit.number}  {s.audit.hash[:12]}…" if s.audit.hash else "–")
        self._show_officers(s)
        self.cash_form.show_takings(f.takings)
        chain = [self.officers, *self.cash_form.editors(), self.password, self.close_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self._show_status()

    def _show_officers(self, s: DaySummary) -> None:
        """Enrolments and takings by method per officer; at a closed day the cash counted too."""
        f = s.figures
        per: dict[str, int] = {}
        for e in f.enrolments:
            per[e.officer] = per.get(e.officer, 0) + 1
        takings = {t.officer: t for t in f.takings}
        counts = {c.officer: c for c in s.cash_counts}
        who_all = sorted(set(per) | set(takings), key=lambda w: (-per.get(w, 0), w))
        self.officers.setRowCount(len(who_all))
        for row, who in enumerate(who_all):
            t = takings.get(who)
            c = counts.get(who)
            cells = [
                who,
                i18n.number(per.get(who, 0)),
                i18n.money(t.cash) if t else "–",
                i18n.money(t.total - t.cash) if t else "–",
                i18n.money(t.total) if t else "–",
                i18n.money(c.counted) if c else "–",
                i18n.money(c.difference) if c else "–",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 6 and c is not None and c.reason:
                    item.setToolTip(c.reason)  # the supervisor's reason; printed in full on the summary
                self.officers.setItem(row, col, item)

    def _show_status(self) -> None:
        st = self.status
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
        self.close_box.setVisible(not st.closed)
        self.reopen_box.setVisible(st.closed)

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
        if not self.close_box.isVisible() or not self.close_button.isEnabled():
            return
        self.close_row.set_error(None)
        self.banner.clear()
        password = self.password.text()
        if not password:
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

        self.close_button.setEnabled(False)
        self.ui.runner.run_with_dialog(
            self, translate("DayClosePage", "Menutup hari"), work, on_success=done, on_error=failed
        )

    def reopen_day(self) -> None:
        for row in (self.reason_row, self.reopen_row):
            row.set_error(None)
        self.banner.clear()
        reason, password = self.reason.text(), self.reopen_password.text()
        if len(" ".join(reason.split())) < day_service.MIN_REASON:
            self.reason_row.set_error(
                translate("DayClosePage", "Tulis alasan membuka kembali hari (minimal 5 karakter).")
            )
            return
        if not password:
            self.reopen_row.set_error(translate("DayClosePage", "Masukkan kata sandi Anda."))
            return
        ctx, actor, day = self.ui.ctx, self.ui.actor, self.selected_date()

        def done(_status: DayStatusDTO) -> None:
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
            self.reopen_button.setEnabled(True)
            if isinstance(exc, DomainError):
                self.reason_row.set_error(display.message(exc.issues[0].message))
            else:
                self.reopen_row.set_error(self._error(exc, translate("DayClosePage", "Kata sandi salah.")))

        self.reopen_button.setEnabled(False)
        self.ui.runner.run(
            lambda: day_service.reopen_day(ctx, actor, day, password=password, reason=reason),
            on_success=done,
            on_error=failed,
        )
