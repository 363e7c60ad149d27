"""The outreach laptop's standing at the top of the intake page: a warning after N days without a
sync, and after M the refusal of new enrolments, shown before the officer starts typing (the form
is disabled; the enrolment service refuses anyway). Hidden on a branch and on a laptop in time."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.domain.sync_freshness import Freshness, SyncState
from app.services.outreach_sync import sync_freshness
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import Banner


def _todo(on_page: bool) -> str:
    if on_page:
        return translate("SyncGate", "Buat paket (Ctrl+E), bawa ke cabang, lalu impor balasannya (Ctrl+I).")
    return translate(
        "SyncGate", "Di halaman Jemput Bola (Ctrl+J): buat paket, bawa ke cabang, lalu impor balasannya."
    )


def freshness_text(f: Freshness, *, on_page: bool = False) -> str:
    """The laptop's standing in one sentence (``on_page``: said on the Jemput Bola page itself)."""
    last = display.date(f.since)
    if f.state is SyncState.FROZEN:
        return translate(
            "SyncGate",
            "Laptop ini {days} hari belum sinkron dengan cabang {home} (terakhir {last}; batas {limit} hari): "
            "pendaftaran baru ditolak. {what} Pembayaran dan kartu tetap bisa.",
        ).format(days=f.days, home=f.home, last=last, limit=f.freeze_days, what=_todo(on_page))
    if f.state is SyncState.WARN:
        return translate(
            "SyncGate",
            "Laptop ini {days} hari belum sinkron dengan cabang {home} (terakhir {last}). {left} hari lagi pendaftaran "
            "baru ditolak: bawa paket ke cabang dan impor balasannya.",
        ).format(days=f.days, home=f.home, last=last, left=f.days_left)
    ago = (
        translate("SyncGate", "hari ini")
        if f.days == 0
        else translate("SyncGate", "{days} hari lalu").format(days=f.days)
    )
    what = translate("SyncGate", "sinkron terakhir") if f.ever_synced else translate("SyncGate", "diatur")
    return translate(
        "SyncGate",
        "Laptop jemput bola cabang {home}: {what} {last} ({ago}); peringatan setelah {warn} hari tanpa sinkron, "
        "pendaftaran ditolak setelah {limit} hari.",
    ).format(home=f.home, what=what, last=last, ago=ago, warn=f.warn_days, limit=f.freeze_days)


class SyncGate(Banner):
    """An outreach laptop too long without a sync: a warning, then the form closed until it syncs."""

    frozen_changed = Signal(bool)

    def __init__(self, ui: UiContext) -> None:
        super().__init__("syncGate")
        self.ui = ui
        self.frozen = False
        self._guarded: list[QWidget] = []
        self.action.setText(translate("SyncGate", "Buka Jemput Bola  (Ctrl+J)"))
        self.action.clicked.connect(lambda: ui.bus.page_requested.emit("OutreachPage"))
        ui.bus.synced.connect(self.refresh)

    def guard(self, *widgets: QWidget) -> None:
        """Widgets disabled while new enrolments are refused."""
        self._guarded.extend(widgets)

    def refresh(self) -> None:
        ctx = self.ui.ctx
        self.ui.runner.run(
            lambda: sync_freshness(ctx), on_success=self.show_freshness, on_error=lambda _e: None
        )

    def show_freshness(self, f: Freshness) -> None:
        if not shiboken6.isValid(self):
            return
        frozen = f.state is SyncState.FROZEN
        if f.state in (SyncState.WARN, SyncState.FROZEN):
            self.show_message("error" if frozen else "warning", freshness_text(f))
            self.action.setVisible(True)
        else:
            self.clear()
        for w in self._guarded:
            w.setEnabled(not frozen)
        if frozen != self.frozen:
            self.frozen = frozen
            self.frozen_changed.emit(frozen)
