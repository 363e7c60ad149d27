"""The member's cover in words and dates, the months owed, and "was he protected on this date?".

It shows a ``CoverDTO`` (``app.services.contributions.member_cover``) and asks the service about
other dates; it decides nothing itself.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.contribution_dto import ArrearDTO, CoverDTO, CoverOnDateDTO
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import record_table

STATUS_ROLE = {"BELUM_AKTIF": "muted", "AKTIF": "ok", "MENUNGGAK": "warn", "BERAKHIR": "bad"}


def _label(name: str, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        label.setStyleSheet("font-weight: bold; font-size: 11.5pt;")
    return label


class CoverPanel(QFrame):
    """``date_asked`` carries the QDate the officer asked about; the page answers with ``show_answer``."""

    date_asked = Signal(QDate)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 8, 12, 8)
        v.setSpacing(4)
        self.headline = _label("coverHeadline", bold=True)
        self.details = _label("coverDetails")
        v.addWidget(self.headline)
        v.addWidget(self.details)
        self.arrears_model: RowsModel[ArrearDTO] = RowsModel(
            [
                Column(translate("CoverPanel", "Bulan tertunggak"), lambda a: display.month(a.month)),
                Column(translate("CoverPanel", "Jatuh tempo"), lambda a: display.date(a.due_date)),
                Column(translate("CoverPanel", "Program"), lambda a: ", ".join(a.programmes)),
                Column(translate("CoverPanel", "Iuran"), lambda a: display.rupiah(a.amount), right=True),
                Column(translate("CoverPanel", "Denda"), lambda a: display.rupiah(a.fine), right=True),
            ],
            parent=self,
        )
        self.arrears = record_table(
            "coverArrears", translate("CoverPanel", "Bulan yang tertunggak"), self.arrears_model, 0
        )
        self.arrears.setMaximumHeight(130)
        v.addWidget(self.arrears)
        ask = QHBoxLayout()
        ask_label = QLabel(translate("CoverPanel", "Dilindungi pada &tanggal:"))
        self.ask_date = QDateEdit()
        self.ask_date.setObjectName("coverAskDate")
        self.ask_date.setCalendarPopup(True)
        self.ask_date.setDisplayFormat("dd-MM-yyyy")
        ask_label.setBuddy(self.ask_date)
        self.ask_button = QPushButton(translate("CoverPanel", "Periksa"))
        self.ask_button.setObjectName("coverAskButton")
        self.answer = _label("coverAnswer")
        ask.addWidget(ask_label)
        ask.addWidget(self.ask_date)
        ask.addWidget(self.ask_button)
        ask.addWidget(self.answer, 1)
        v.addLayout(ask)
        self.ask_button.clicked.connect(lambda: self.date_asked.emit(self.ask_date.date()))
        self.show_cover(None)

    def show_cover(self, cover: CoverDTO | None) -> None:
        self.answer.clear()
        if cover is None:
            self.headline.setText("—")
            self.details.clear()
            self.arrears_model.set_rows([])
            self.arrears.setVisible(False)
            self.ask_button.setEnabled(False)
            return
        self.headline.setText(display.message(cover.headline))
        self.headline.setProperty("role", STATUS_ROLE.get(cover.status, "muted"))
        self.details.setText("\n".join(display.message(s) for s in cover.sentences[1:]))
        self.arrears_model.set_rows(list(cover.arrears))
        self.arrears.setVisible(bool(cover.arrears))
        self.ask_button.setEnabled(True)
        self.ask_date.setDate(QDate(cover.as_of.year, cover.as_of.month, cover.as_of.day))

    def show_answer(self, answer: CoverOnDateDTO) -> None:
        if not shiboken6.isValid(self):
            return
        verdict = (
            translate("CoverPanel", "Dilindungi")
            if answer.covered
            else translate("CoverPanel", "Bersyarat")
            if answer.conditional
            else translate("CoverPanel", "Tidak dilindungi")
        )
        self.answer.setText(f"{verdict}. {display.message(answer.reason)}")
