"""Is today's business day closed? Asked off the GUI thread, so a page can say so before any typing."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.domain.clock import business_date, local_time
from app.services import day as day_service
from app.services.day import DayStatusDTO
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate


class ClosedDayGuard(QObject):
    """``changed`` carries the reason in plain Indonesian while today is closed, or "" when it is open."""

    changed = Signal(str)

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.reason = ""
        self._asking = False
        ui.bus.day_changed.connect(self.check)

    @property
    def closed(self) -> bool:
        return bool(self.reason)

    def check(self) -> None:
        if self._asking:
            return
        self._asking = True
        ctx, tz = self.ui.ctx, self.ui.branch.timezone
        today = business_date(ctx.clock(), tz)
        self.ui.runner.run(
            lambda: day_service.day_status(ctx, today),
            on_success=self._on_status,
            on_error=self._on_failed,
        )

    def _on_status(self, status: DayStatusDTO) -> None:
        self._asking = False
        current = status.current
        reason = ""
        if status.closed and current is not None:
            at = local_time(current.closed_at, self.ui.branch.timezone).strftime("%H.%M")
            reason = translate(
                "ClosedDayGuard",
                "Hari ini ({day}) sudah ditutup oleh {closed_by} pukul {at}. Pendaftaran dan pembayaran "
                "baru tidak dapat disimpan sampai supervisor membuka kembali hari ini (Tutup Hari, F10).",
            ).format(day=i18n.date_full(status.business_date), closed_by=current.closed_by, at=at)
        if reason != self.reason:
            self.reason = reason
            self.changed.emit(reason)

    def _on_failed(self, _exc: BaseException) -> None:
        self._asking = False  # the save itself still refuses a closed day; nothing to show here
