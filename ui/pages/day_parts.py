"""The parts of Tutup Hari: the day's figures, the per-officer table, and the two panels on the right
(close the day with the cash counted and the password; reopen it with a reason)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain.day_summary import DaySummary
from app.services.day_flow import OfficerLine
from ui import i18n
from ui.cash_count import CashCountForm
from ui.i18n import translate
from ui.theme import repolish
from ui.widgets import FieldRow, primary_button

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


def caption(text: str) -> QLabel:
    """A small caption over a part of the page."""
    label = QLabel(text)
    label.setProperty("role", "caption")
    return label


def _password(name: str) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    return e


class DayFiguresPanel(QFrame):
    """The day's figures in a grid of captions and values."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dayFigures")
        self.setProperty("card", True)
        grid = QGridLayout(self)
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
            cell.addWidget(caption(text))
            self.values[key] = _value(f"day_{key}")
            cell.addWidget(self.values[key])
            grid.addLayout(cell, i // 3, i % 3)

    def show_summary(self, s: DaySummary) -> None:
        f = s.figures
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


class OfficerTable(QTableWidget):
    """Enrolments and takings by method per officer; at a closed day the cash counted too."""

    def __init__(self) -> None:
        super().__init__(0, len(OFFICER_COLUMNS))
        self.setObjectName("dayOfficers")
        self.setAccessibleName(translate("DayClosePage", "Pendaftaran dan penerimaan per petugas"))
        self.setHorizontalHeaderLabels([translate("DayClosePage", c) for c in OFFICER_COLUMNS])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside it)
        # Money columns as wide as their figures (with air on both sides); the officer's name takes the rest.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns fit
        self.setMaximumHeight(220)

    def show_lines(self, lines: Sequence[OfficerLine]) -> None:
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            t, c = line.takings, line.count
            cells = [
                line.officer,
                i18n.number(line.enrolments),
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
                self.setItem(row, col, item)


class DayCloseBox(QGroupBox):
    """Close the day: the cash each officer handed in, the supervisor's password, Tutup hari."""

    def __init__(self) -> None:
        super().__init__(translate("DayClosePage", "Tutup hari"))
        v = QVBoxLayout(self)
        v.addWidget(caption(translate("DayClosePage", "Uang tunai yang diserahkan tiap petugas")))
        self.cash_form = CashCountForm()
        v.addWidget(self.cash_form)
        self.password = _password("closePassword")
        self.close_row = FieldRow(
            "password", translate("DayClosePage", "Kata sandi Anda"), self.password, required=True
        )
        v.addWidget(self.close_row)
        self.close_button = primary_button(
            translate("DayClosePage", "Tutup hari  (Ctrl+Enter)"), "dayCloseButton"
        )
        v.addWidget(self.close_button)


class DayReopenBox(QGroupBox):
    """Reopen a closed day with a reason and the password, or open its archived PDF."""

    def __init__(self) -> None:
        super().__init__(translate("DayClosePage", "Buka kembali hari"))
        v = QVBoxLayout(self)
        self.reason = QLineEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setMaxLength(500)
        self.reason_row = FieldRow(
            "alasan", translate("DayClosePage", "Alasan (dicatat di jejak audit)"), self.reason, required=True
        )
        v.addWidget(self.reason_row)
        self.reopen_password = _password("reopenPassword")
        self.reopen_row = FieldRow(
            "reopen_password",
            translate("DayClosePage", "Kata sandi Anda"),
            self.reopen_password,
            required=True,
        )
        v.addWidget(self.reopen_row)
        self.reopen_button = QPushButton(translate("DayClosePage", "Buka kembali"))
        self.reopen_button.setObjectName("dayReopenButton")
        v.addWidget(self.reopen_button)
        self.archive_button = QPushButton(translate("DayClosePage", "Lihat PDF arsip"))
        self.archive_button.setObjectName("dayArchive")
        v.addWidget(self.archive_button)
