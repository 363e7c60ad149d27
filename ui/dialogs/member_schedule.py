"""Jadwal bayar: monthly, or at harvest/catch time (the months the member pays ahead until the next).

Which occupations need a reason is the service's rule (``set_schedule``); its refusal shows under the
field it names."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QRadioButton, QWidget

from app.domain.issues import Issue
from app.domain.schedule import Schedule
from app.services import contributions
from app.services.contribution_dto import CoverDTO
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line
from ui.i18n import translate
from ui.models import display

_FIELDS = {"jadwal": "months", "alasan": "reason"}


class MemberScheduleDialog(MemberDialog):
    """``succeeded`` carries the member's new ``CoverDTO``."""

    def __init__(
        self, ui: UiContext, number: str, name: str, cover: CoverDTO | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ui,
            object_name="memberScheduleDialog",
            title=translate("MemberScheduleDialog", "Jadwal bayar iuran"),
            intro=translate(
                "MemberScheduleDialog",
                "{name} · {number}\nBayar saat panen: pada setiap bulan panen peserta membayar di muka sampai panen "
                "berikutnya, sehingga perlindungan tetap bersambung.",
            ).format(name=name, number=display.grouped(number)),
            confirm_text=translate("MemberScheduleDialog", "Simpan jadwal  (Enter)"),
            parent=parent,
        )
        self.number = number
        current = Schedule.decode(cover.schedule if cover else None)
        self.monthly = QRadioButton(translate("MemberScheduleDialog", "Bulanan"))
        self.monthly.setObjectName("scheduleMonthly")
        self.harvest = QRadioButton(translate("MemberScheduleDialog", "Saat panen, pada bulan:"))
        self.harvest.setObjectName("scheduleHarvest")
        box = QWidget()
        box.setObjectName("field_months")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.monthly, 0, 0, 1, 6)
        grid.addWidget(self.harvest, 1, 0, 1, 6)
        self.months: list[QCheckBox] = []
        for m in range(1, 13):
            cb = QCheckBox(display.month_name(m))
            cb.setObjectName(f"scheduleMonth{m}")
            cb.setChecked(m in current.harvest_months)
            self.months.append(cb)
            grid.addWidget(cb, 2 + (m - 1) // 6, (m - 1) % 6)
        self.body.addWidget(self.row("months", translate("MemberScheduleDialog", "Jadwal"), box))
        self.reason = line("scheduleReason", max_len=200)
        if cover is not None and cover.schedule_reason:
            self.reason.setText(cover.schedule_reason)
        self.body.addWidget(
            self.row(
                "reason",
                translate("MemberScheduleDialog", "Alasan (wajib bila pekerjaan bukan pekerjaan musiman)"),
                self.reason,
            )
        )
        (self.monthly if current.monthly else self.harvest).setChecked(True)
        self.monthly.toggled.connect(self._on_kind)
        self._on_kind()
        self.set_focus_order([self.monthly, self.harvest, *self.months, self.reason])

    def _on_kind(self) -> None:
        for cb in self.months:
            cb.setEnabled(self.harvest.isChecked())

    def submit(self) -> None:
        chosen = [i + 1 for i, cb in enumerate(self.months) if cb.isChecked()]
        if self.harvest.isChecked() and not chosen:
            self.show_issues(
                [
                    Issue(
                        "months",
                        "schedule.empty",
                        translate("MemberScheduleDialog", "Pilih minimal satu bulan panen."),
                    )
                ]
            )
            return
        schedule = Schedule(frozenset(chosen)) if self.harvest.isChecked() else Schedule()
        ctx, actor, number, reason = self.ui.ctx, self.ui.actor, self.number, self.reason.text()
        self.run(lambda: contributions.set_schedule(ctx, actor, number, schedule, reason=reason))

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self.show_issues(
            [
                Issue(_FIELDS.get(i.field, i.field), i.code, display.message(i.message))
                for i in display.error_issues(exc)
            ]
        )
