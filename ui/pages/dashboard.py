"""Dasbor: today, this week and this month; enrolments by channel and occupation; coverage against
the target per regency; and the officer's own summary of the day as a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import TIMEZONES, local_time
from app.domain.coverage import format_bp
from app.domain.day_summary import Tally, top_with_rest
from app.domain.issues import DomainError
from app.domain.roles import Permission, allowed
from app.services import dashboard as dash_service
from app.services import day as day_service
from app.services.dashboard import DashboardDTO, PeriodFigures
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.printing import PdfPreviewDialog
from ui.status_strip import StatusStrip
from ui.tasks import Task
from ui.widgets import REFRESH_KEY, Banner, primary_button

GREEN = QColor("#13704a")
CHART_CHANNELS = {
    "LOKET": QT_TRANSLATE_NOOP("DashboardPage", "Loket"),
    "DESA": QT_TRANSLATE_NOOP("DashboardPage", "Desa"),
    "PASAR": QT_TRANSLATE_NOOP("DashboardPage", "Pasar"),
    "UKM": "UKM",
    "ECOMMERCE": QT_TRANSLATE_NOOP("DashboardPage", "E-com"),
    "EVENT": QT_TRANSLATE_NOOP("DashboardPage", "Event"),
}
REFRESH_MS = 60_000


def data_pending(data: DashboardDTO | None) -> int:
    return data.statuses.pending if data is not None else 0


def _plain(text: str, name: str, role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


class _PeriodCard(QFrame):
    """One period's headline figures."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.setObjectName(f"period_{key}")
        self.setProperty("card", True)
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 10)
        v.setSpacing(2)
        head = _plain(title, f"{key}Title", "caption")
        self.range = _plain("", f"{key}Range", "caption")
        self.enrolments = _plain("–", f"{key}Enrolments", "bigFigure")
        self.money = _plain("", f"{key}Money", "note")
        top = QHBoxLayout()
        top.addWidget(head)
        top.addStretch(1)
        top.addWidget(self.range)
        v.addLayout(top)
        v.addWidget(self.enrolments)
        v.addWidget(self.money)

    def show_figures(self, p: PeriodFigures) -> None:
        self.enrolments.setText(
            (
                translate("_PeriodCard", "1 pendaftaran")
                if p.enrolments == 1
                else translate("_PeriodCard", "{enrolments} pendaftaran")
            ).format(enrolments=i18n.number(p.enrolments))
        )
        self.money.setText(
            (
                translate("_PeriodCard", "Iuran {amount} · 1 tanda bukti")
                if p.payments == 1
                else translate("_PeriodCard", "Iuran {amount} · {payments} tanda bukti")
            ).format(amount=i18n.money(p.amount), payments=i18n.number(p.payments))
        )
        if p.start == p.end:
            self.range.setText(display.long_date(p.start))
        else:
            self.range.setText(f"{p.start.day}–{display.long_date(p.end)}")


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    font = QFont("DejaVu Sans", 10)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(6)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(210)
    return chart, view


def _fill_bars(chart: QChart, tallies: list[Tally], *, horizontal: bool) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    bars = QBarSet(translate("DashboardPage", "Pendaftaran"))
    bars.setColor(GREEN)
    bars.setLabelColor(QColor("#1d2b24"))
    for t in tallies:
        bars.append(t.count)
    series: QBarSeries | QHorizontalBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([display.label(t.label) for t in tallies] or ["–"])
    values = QValueAxis()
    top = max([t.count for t in tallies] + [1])
    step = max(1, -(-int(top * 1.2) // 4))  # four equal whole-number steps with room for the labels
    values.setRange(0, step * 4)
    values.setLabelFormat("%d")
    values.setTickCount(5)
    small = QFont("DejaVu Sans", 8)
    categories.setLabelsFont(small)
    values.setLabelsFont(small)
    if horizontal:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)


class DashboardPage(QWidget):
    """Dasbor: the branch's figures and coverage; the officer's own day as a PDF."""

    nav_label = QT_TRANSLATE_NOOP("DashboardPage", "Dasbor")
    shortcut = "F7"
    help_shortcuts = (
        ("Ctrl+U", QT_TRANSLATE_NOOP("DashboardPage", "perbarui angka")),
        ("Ctrl+R", QT_TRANSLATE_NOOP("DashboardPage", "ringkasan saya hari ini")),
    )

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.data: DashboardDTO | None = None
        self._busy = False
        self._stale = True
        self.is_supervisor = allowed(ui.actor.role, Permission.CLOSE_DAY)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)

        head = QHBoxLayout()
        title = QLabel(translate("DashboardPage", "Dasbor"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.updated = _plain("", "dashboardUpdated")
        self.updated.setObjectName("pageHint")
        head.addWidget(self.updated)
        head.addStretch(1)
        self.refresh_button = QPushButton(translate("DashboardPage", "Perbarui  (Ctrl+U)"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        head.addWidget(self.refresh_button)
        if self.is_supervisor:
            self.targets_button = QPushButton(translate("DashboardPage", "Atur target…"))
            self.targets_button.setObjectName("dashboardTargets")
            self.targets_button.clicked.connect(self._on_targets_clicked)
            head.addWidget(self.targets_button)
        self.outreach_button = QPushButton(translate("DashboardPage", "Daftar bayar panen…"))
        self.outreach_button.setObjectName("dashboardOutreach")
        self.outreach_button.clicked.connect(self._on_outreach_clicked)
        head.addWidget(self.outreach_button)
        self.mine_button = primary_button(
            translate("DashboardPage", "Ringkasan saya hari ini  (Ctrl+R)"), "dashboardMySummary"
        )
        self.mine_button.clicked.connect(self.my_summary)
        head.addWidget(self.mine_button)
        layout.addLayout(head)

        self.banner = Banner("dashboardBanner")
        layout.addWidget(self.banner)

        cards = QHBoxLayout()
        self.cards = {
            k: _PeriodCard(k, display.label(dash_service.PERIOD_LABELS[k])) for k in dash_service.PERIODS
        }
        for card in self.cards.values():
            cards.addWidget(card, 1)
        layout.addLayout(cards)
        self.statuses = StatusStrip()
        self.statuses.cancel_requested.connect(self._cancel_statuses)
        layout.addWidget(self.statuses)
        self._status_task: Task | None = None

        charts_head = QHBoxLayout()
        charts_head.addWidget(
            _plain(
                translate("DashboardPage", "Pendaftaran per kanal dan pekerjaan:"),
                "chartsLabel",
                "fieldLabel",
            )
        )
        self.period_box = QComboBox()
        self.period_box.setObjectName("dashboardPeriod")
        self.period_box.setAccessibleName(translate("DashboardPage", "Periode grafik"))
        for k in dash_service.PERIODS:
            self.period_box.addItem(display.label(dash_service.PERIOD_LABELS[k]), k)
        self.period_box.setCurrentIndex(2)
        self.period_box.currentIndexChanged.connect(self._show_charts)
        charts_head.addWidget(self.period_box)
        charts_head.addStretch(1)
        layout.addLayout(charts_head)
        charts = QHBoxLayout()
        self.channel_chart, channel_view = _chart(translate("DashboardPage", "Per kanal"))
        channel_view.setObjectName("channelChart")
        self.occupation_chart, occupation_view = _chart(
            translate("DashboardPage", "Per pekerjaan (terbanyak)")
        )
        occupation_view.setObjectName("occupationChart")
        charts.addWidget(channel_view, 1)
        charts.addWidget(occupation_view, 1)
        layout.addLayout(charts, 1)

        layout.addWidget(
            _plain(
                translate("DashboardPage", "Cakupan terhadap target per kabupaten/kota"),
                "coverageLabel",
                "fieldLabel",
            )
        )
        self.coverage = QTableWidget(0, 8)
        self.coverage.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.coverage.setObjectName("coverageTable")
        self.coverage.setAccessibleName(
            translate("DashboardPage", "Cakupan terhadap target per kabupaten/kota")
        )
        self.coverage.setHorizontalHeaderLabels(
            [
                translate("DashboardPage", "Kabupaten/kota"),
                translate("DashboardPage", "Pekerja"),
                translate("DashboardPage", "Awal"),
                translate("DashboardPage", "Terlindungi kini"),
                translate("DashboardPage", "Target"),
                translate("DashboardPage", "Kurang"),
                translate("DashboardPage", "Sejak awal"),
                translate("DashboardPage", "Kemajuan ke target"),
            ]
        )
        self.coverage.verticalHeader().setVisible(False)
        self.coverage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.coverage.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.coverage.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.coverage.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.coverage.setMaximumHeight(150)
        layout.addWidget(self.coverage)
        self.coverage_hint = _plain(
            translate("DashboardPage", "Belum ada target cakupan. ")
            + (
                translate("DashboardPage", "Tekan 'Atur target…' untuk menambah kabupaten/kota.")
                if self.is_supervisor
                else translate("DashboardPage", "Supervisor menetapkannya.")
            ),
            "coverageHint",
        )
        self.coverage_hint.setObjectName("pageHint")
        layout.addWidget(self.coverage_hint)

        QShortcut(QKeySequence(REFRESH_KEY), self, self.refresh)  # F5 is Verifikasi
        QShortcut(QKeySequence("Ctrl+R"), self, self.my_summary)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()
        ui.bus.enrolled.connect(self._on_bus_enrolled)
        ui.bus.member_changed.connect(self._on_bus_enrolled)

    def focus_first(self) -> None:
        self.mine_button.setFocus()

    # ---- refreshing off the GUI thread ---------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_bus_enrolled(self, _payload: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self._busy:
            self._stale = True
            return
        self._busy = True
        self._stale = False
        ctx, actor = self.ui.ctx, self.ui.actor
        self.ui.runner.run(
            lambda: dash_service.dashboard(ctx, actor), on_success=self._on_loaded, on_error=self._on_failed
        )

    def _branch_time(self) -> str:
        """Now on the branch's clock (WIB/WITA/WIT), not the computer's zone."""
        tz = self.ui.branch.timezone
        return f"{local_time(self.ui.ctx.clock(), tz):%H.%M} {TIMEZONES.get(tz, '')}".strip()

    def _on_loaded(self, data: DashboardDTO) -> None:
        self._busy = False
        self.data = data
        self.banner.clear()
        for key, card in self.cards.items():
            card.show_figures(data.period(key))
        self._show_charts()
        self._show_coverage()
        self.statuses.show_counts(data.statuses)
        if data.statuses.pending and self._status_task is None:
            self._work_out_statuses()
        self.updated.setText(translate("DashboardPage", "diperbarui {time}").format(time=self._branch_time()))
        if self._stale:
            self.refresh()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        message = (
            display.message(exc.issues[0].message)
            if isinstance(exc, DomainError)
            else display.message_of(exc)
        )
        self.banner.show_message(
            "error", message or translate("DashboardPage", "Dasbor belum dapat dimuat. Coba perbarui (F5).")
        )

    def _show_charts(self) -> None:
        if self.data is None:
            return
        p = self.data.period(str(self.period_box.currentData()))
        channels = [
            Tally(
                t.code,
                translate("DashboardPage", CHART_CHANNELS[t.code]) if t.code in CHART_CHANNELS else t.label,
                t.count,
            )
            for t in p.by_channel
        ]
        _fill_bars(self.channel_chart, channels, horizontal=False)
        occupations = list(reversed(top_with_rest(p.by_occupation, 6)))
        _fill_bars(self.occupation_chart, occupations, horizontal=True)

    def _show_coverage(self) -> None:
        assert self.data is not None
        lines = self.data.coverage
        counting = bool(self.data.statuses.pending)  # who is protected is still being worked out
        working = translate("DashboardPage", "dihitung…")
        self.coverage.setRowCount(len(lines))
        for row, line in enumerate(lines):
            c = line.coverage
            cells = [
                line.regency_name,
                i18n.number(c.workers),
                display.figure(format_bp(c.baseline_bp)),
                working if counting else display.figure(format_bp(c.covered_bp)),
                display.figure(format_bp(c.target_bp)),
                working if counting else i18n.number(c.remaining),
                translate("DashboardPage", "{enrolled} terdaftar, {protected} terlindungi").format(
                    protected=working if counting else i18n.number(line.protected),
                    enrolled=i18n.number(c.enrolled_since),
                ),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.coverage.setItem(row, col, item)
            bar = QProgressBar()
            bar.setObjectName(f"coverageProgress_{row}")
            bar.setRange(0, 10_000)
            bar.setValue(0 if counting else c.progress_bp)
            bar.setFormat(
                working
                if counting
                else translate("DashboardPage", "{progress_bp} dari awal ke target").format(
                    progress_bp=display.figure(format_bp(c.progress_bp))
                )
            )
            bar.setAccessibleName(
                translate("DashboardPage", "Kemajuan {regency_name}").format(regency_name=line.regency_name)
            )
            self.coverage.setCellWidget(row, 7, bar)
        self.coverage.setVisible(bool(lines))
        self.coverage_hint.setVisible(not lines)

    # ---- the status index: worked out in the background when it is behind ----------------------------
    def _work_out_statuses(self) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor
        task = self.ui.runner.run(
            lambda progress, cancel: dash_service.refresh_statuses(
                ctx, actor, progress=progress, cancel=cancel
            ),
            on_success=self._on_statuses_done,
            on_error=self._on_statuses_failed,
            with_progress=True,
        )
        task.progressed.connect(lambda done, total, _m: self.statuses.working(done, total))
        task.cancelled.connect(self._on_statuses_stopped)
        self._status_task = task
        self.statuses.working(0, data_pending(self.data))

    def _cancel_statuses(self) -> None:
        if self._status_task is not None:
            self._status_task.cancel()

    def _on_statuses_done(self, _count: int) -> None:
        self._status_task = None
        self.statuses.idle()
        self.refresh()

    def _on_statuses_stopped(self) -> None:
        self._status_task = None
        self.statuses.idle()

    def _on_statuses_failed(self, exc: BaseException) -> None:
        self._on_statuses_stopped()
        self._on_failed(exc)

    # ---- actions -------------------------------------------------------------------------------------
    def my_summary(self) -> None:
        """The officer's own day summary (PDF) for today, in the preview."""
        ctx, actor = self.ui.ctx, self.ui.actor
        today = self.data.today if self.data else None

        def work(progress: Any, cancel: Any) -> tuple[dt.date, bytes]:
            progress(0, 2, translate("DashboardPage", "Menyusun ringkasan…"))
            day = today or dash_service.dashboard(ctx, actor).today
            _summary, pdf = day_service.day_report(
                ctx, actor, day, officer=actor.username, verify_chain=False
            )
            return day, pdf

        self.mine_button.setEnabled(False)
        task = self.ui.runner.run_with_dialog(
            self,
            translate("DashboardPage", "Ringkasan saya hari ini"),
            work,
            on_success=self._on_my_summary,
            on_error=self._on_summary_failed,
        )
        task.finished.connect(lambda: self.mine_button.setEnabled(True))

    def _on_my_summary(self, result: tuple[dt.date, bytes]) -> None:
        day, pdf = result
        self.preview = PdfPreviewDialog(
            self,
            translate("DashboardPage", "Ringkasan harian {username} — {day}").format(
                username=self.ui.actor.username, day=display.long_date(day)
            ),
            pdf,
            suggested_name=f"ringkasan-{self.ui.actor.username}-{day.isoformat()}.pdf",
        )
        self.preview.open()

    def _on_summary_failed(self, exc: BaseException) -> None:
        message = (
            display.message(exc.issues[0].message)
            if isinstance(exc, DomainError)
            else display.message_of(exc)
        )
        self.banner.show_message(
            "error", message or translate("DashboardPage", "Ringkasan belum dapat dibuat. Coba lagi.")
        )

    def _on_outreach_clicked(self) -> None:
        from ui.dialogs.outreach import OutreachDialog

        self.outreach_dialog = OutreachDialog(self.ui, self)
        self.outreach_dialog.open()

    def _on_targets_clicked(self) -> None:
        from ui.dialogs.eod_targets import EodTargetsDialog

        self.targets_dialog = EodTargetsDialog(self.ui, self)
        self.targets_dialog.finished.connect(lambda _r: self.refresh())
        self.targets_dialog.open()
