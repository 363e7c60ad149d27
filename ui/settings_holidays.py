"""Settings: the holidays that move a contribution's due date, and every unconfirmed figure Loket uses.

Both only show what the services decide (``app.services.holidays``, ``app.services.unconfirmed``);
changing a holiday asks for the supervisor's password, as every branch-wide setting does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services import holidays as svc
from app.services.unconfirmed import UnconfirmedFact, unconfirmed_facts
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import primary_button, record_table


class HolidaysTab(QWidget):
    """``ok``/``fail`` report to the page's banner."""

    def __init__(
        self, ui: UiContext, ok: Callable[[str], None], fail: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.ui, self._ok, self._fail = ui, ok, fail
        v = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "HolidaysTab",
                "Iuran yang jatuh tempo pada hari Sabtu, Minggu atau hari libur bergeser ke hari kerja berikutnya. "
                "Daftar libur nasional berasal dari paket 'holidays'; tambahkan keputusan yang terlambat atau libur "
                "daerah di sini. Berlaku untuk semua loket.",
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        top = QHBoxLayout()
        self.joint_leave = QCheckBox(
            translate("HolidaysTab", "Cuti bersama menggeser jatuh tempo (belum terkonfirmasi)")
        )
        self.joint_leave.setObjectName("jointLeave")
        top.addWidget(self.joint_leave, 1)
        top.addWidget(QLabel(translate("HolidaysTab", "&Tahun:")))
        self.year = QSpinBox()
        self.year.setObjectName("holidayYear")
        self.year.setRange(2015, 2100)
        top.itemAt(top.count() - 1).widget().setBuddy(self.year)  # type: ignore[union-attr]
        top.addWidget(self.year)
        v.addLayout(top)
        self.model: RowsModel[svc.HolidayDTO] = RowsModel(
            [
                Column(translate("HolidaysTab", "Tanggal"), lambda d: display.date(d.day)),
                Column(translate("HolidaysTab", "Hari libur"), lambda d: d.name),
                Column(translate("HolidaysTab", "Sumber"), lambda d: d.source),
            ],
            parent=self,
        )
        self.table = record_table(
            "holidayTable", translate("HolidaysTab", "Hari libur tahun ini"), self.model, 1
        )
        v.addWidget(self.table, 1)
        box = QGroupBox(translate("HolidaysTab", "Pengecualian supervisor"))
        grid = QGridLayout(box)
        self.day = QDateEdit()
        self.day.setObjectName("holidayDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.name = QLineEdit()
        self.name.setObjectName("holidayName")
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(translate("HolidaysTab", "nama / dasar keputusan"))
        self.name.setAccessibleName(translate("HolidaysTab", "Nama hari libur"))
        self.password = QLineEdit()
        self.password.setObjectName("holidayPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("HolidaysTab", "kata sandi Anda"))
        self.password.setAccessibleName(translate("HolidaysTab", "Kata sandi supervisor"))
        self.add = primary_button(translate("HolidaysTab", "Jadikan hari libur"), "holidayAdd")
        self.workday = QPushButton(translate("HolidaysTab", "Jadikan hari kerja"))
        self.workday.setObjectName("holidayWorkday")
        self.remove = QPushButton(translate("HolidaysTab", "Hapus pengecualian"))
        self.remove.setObjectName("holidayRemove")
        self.save_joint = QPushButton(translate("HolidaysTab", "Simpan pilihan cuti bersama"))
        self.save_joint.setObjectName("holidayJointSave")
        grid.addWidget(self.day, 0, 0)
        grid.addWidget(self.name, 0, 1, 1, 3)
        grid.addWidget(self.password, 1, 0)
        grid.addWidget(self.add, 1, 1)
        grid.addWidget(self.workday, 1, 2)
        grid.addWidget(self.remove, 1, 3)
        grid.setColumnStretch(1, 1)
        top.insertWidget(1, self.save_joint)
        v.addWidget(box)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.add.clicked.connect(lambda: self._change("add"))
        self.workday.clicked.connect(lambda: self._change("workday"))
        self.remove.clicked.connect(lambda: self._change("remove"))
        self.save_joint.clicked.connect(lambda: self._change("joint"))
        self.refresh(first=True)

    def refresh(self, *, first: bool = False) -> None:
        ctx = self.ui.ctx
        year = None if first else self.year.value()
        self.ui.runner.run(lambda: svc.holidays(ctx, year=year), on_success=self._show, on_error=self._fail)

    def _show(self, data: svc.HolidaysDTO) -> None:
        self.joint_leave.setChecked(data.joint_leave)
        self.year.blockSignals(True)
        self.year.setValue(data.year)
        self.year.blockSignals(False)
        if self.day.date().year() != data.year:
            self.day.setDate(QDate(data.year, 1, 1))
        self.model.set_rows(
            list(data.days) + [o for o in data.overrides if o.working and o.day.year == data.year]
        )

    def _change(self, what: str) -> None:
        ctx, actor, password = self.ui.ctx, self.ui.actor, self.password.text()
        day = self.day.date().toPython()
        name = self.name.text()
        joint = self.joint_leave.isChecked()
        self.password.clear()

        def work() -> Any:
            if what == "add":
                return svc.set_override(ctx, actor, day, name=name, password=password)  # type: ignore[arg-type]
            if what == "workday":
                return svc.set_override(ctx, actor, day, name=None, working=True, password=password)  # type: ignore[arg-type]
            if what == "remove":
                return svc.remove_override(ctx, actor, day, password=password)  # type: ignore[arg-type]
            return svc.set_joint_leave(ctx, actor, joint, password=password)

        def done(data: svc.HolidaysDTO) -> None:
            self._show(data)
            self.name.clear()
            self._ok(
                translate(
                    "HolidaysTab", "Daftar hari libur diperbarui; jatuh tempo semua loket mengikutinya."
                )
            )

        self.ui.runner.run(work, on_success=done, on_error=self._fail)


class UnconfirmedTab(QWidget):
    """The figures and rules that are not confirmed by a primary source, with where they come from."""

    def __init__(self, ui: UiContext, fail: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.ui = ui
        v = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "UnconfirmedTab",
                "Angka dan aturan berikut dipakai Loket tetapi sumbernya belum terkonfirmasi oleh teks resmi. "
                "Angka ini tidak pernah dicetak pada kertas peserta. Periksa terhadap peraturan resmi, lalu muat "
                "tabel yang diperbaiki.",
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        self.model: RowsModel[UnconfirmedFact] = RowsModel(
            [
                Column(translate("UnconfirmedTab", "Bagian"), lambda f: f.area),
                Column(translate("UnconfirmedTab", "Angka / aturan"), lambda f: f.item),
                Column(
                    translate("UnconfirmedTab", "Sumber dan catatan"),
                    lambda f: f.source,
                    tooltip=lambda f: f.source,
                ),
            ],
            parent=self,
        )
        self.table = record_table(
            "unconfirmedTable", translate("UnconfirmedTab", "Angka belum terkonfirmasi"), self.model, 2
        )
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        v.addWidget(self.table, 1)
        ctx = ui.ctx
        ui.runner.run(
            lambda: unconfirmed_facts(ctx),
            on_success=lambda facts: self.model.set_rows(list(facts)),
            on_error=fail,
        )
