"""Jemput Bola (Ctrl+J): the outreach laptop's outbox and days without a sync, or, at the branch, the
laptops' packages and the conflicts waiting for a supervisor. Which one is the core's answer
(``outreach_sync``: a laptop has a home branch)."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.domain.roles import Permission, allowed
from app.domain.sync_freshness import Freshness, SyncState
from app.services import outreach_sync, packages
from app.services.packages import ConflictDTO, LaptopDTO, OutboxDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.outreach_branch import BranchPackagesPanel
from ui.outreach_outbox import OutboxPanel
from ui.sync_gate import freshness_text
from ui.widgets import Banner


@dataclass(frozen=True)
class OutreachState:
    """What Jemput Bola shows: how fresh the data is, the outbox or the laptops, the conflicts."""

    freshness: Freshness
    outbox: OutboxDTO | None  # on a laptop
    laptops: tuple[LaptopDTO, ...] = ()  # at a branch (supervisor)
    conflicts: tuple[ConflictDTO, ...] = ()


class OutreachPage(QWidget):
    """Refreshes whenever it is shown and after every import."""

    nav_label = QT_TRANSLATE_NOOP("OutreachPage", "Jemput Bola")
    shortcut = "Ctrl+J"
    help_shortcuts = (
        (
            "Ctrl+E",
            QT_TRANSLATE_NOOP("OutreachPage", "laptop: buat paket untuk cabang; cabang: buat balasan"),
        ),
        (
            "Ctrl+I",
            QT_TRANSLATE_NOOP("OutreachPage", "laptop: impor balasan cabang; cabang: impor paket laptop"),
        ),
        ("Enter", QT_TRANSLATE_NOOP("OutreachPage", "putuskan konflik yang dipilih (gabungkan per kolom)")),
    )
    refreshed = Signal(object)  # OutreachState, once on screen

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.state: OutreachState | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(18, 14, 18, 10)
        v.setSpacing(8)
        title = QLabel(translate("OutreachPage", "Jemput Bola"))
        title.setObjectName("pageTitle")
        v.addWidget(title)
        hint = QLabel(
            translate(
                "OutreachPage",
                "Laptop jemput bola dan cabangnya saling mengirim berkas bertanda tangan: paket laptop membawa "
                "pendaftaran, pembayaran, kartu, koreksi dan penonaktifan ke cabang; balasan cabang memberi tahu "
                "apa yang sudah sampai dan membawa perubahan cabang kembali ke laptop.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.banner = Banner("outreachBanner")
        v.addWidget(self.banner)
        self.status = QLabel()
        self.status.setObjectName("outreachStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.status)
        self.stack = QStackedWidget()
        self.outbox = OutboxPanel(ui, self._ok, self._fail, self._after_answer)
        self.branch = BranchPackagesPanel(ui, self._ok, self._fail, self.refresh)
        self.stack.addWidget(self.outbox)
        self.stack.addWidget(self.branch)
        v.addWidget(self.stack, 1)

    def _ok(self, text: str) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message("info", text)
            self.refresh()

    def _fail(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message("error", display.error_text(exc))

    def _after_answer(self) -> None:
        self.ui.bus.synced.emit()
        self.refresh()

    def refresh(self) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor
        supervisor = allowed(actor.role, Permission.APPROVE)

        def work() -> OutreachState:
            f = outreach_sync.sync_freshness(ctx)
            if f.state is not SyncState.NOT_LAPTOP:
                return OutreachState(f, packages.outbox(ctx, actor))
            if not supervisor:
                return OutreachState(f, None)
            return OutreachState(
                f, None, packages.known_laptops(ctx, actor), packages.package_conflicts(ctx, actor)
            )

        self.ui.runner.run(work, on_success=self._on_refreshed, on_error=self._fail)

    def _on_refreshed(self, state: OutreachState) -> None:
        if not shiboken6.isValid(self):
            return
        self.state = state
        f = state.freshness
        if state.outbox is not None:
            self.stack.setCurrentWidget(self.outbox)
            self.outbox.show_outbox(state.outbox)
            self.status.setText(freshness_text(f, on_page=True))
            kind = {SyncState.FROZEN: "error", SyncState.WARN: "warning"}.get(f.state, "")
            self.status.setProperty("role", kind)
            self.status.setStyleSheet(
                {
                    "error": "color: #b3261e; font-weight: bold;",
                    "warning": "color: #8a5a00; font-weight: bold;",
                }.get(kind, "")
            )
        else:
            self.stack.setCurrentWidget(self.branch)
            self.branch.show_state(state.laptops, state.conflicts)
            self.status.setText(
                translate(
                    "OutreachPage",
                    "Cabang {code}: paket dari laptop jemput bola diimpor di sini, dan balasannya dibuat untuk laptop itu.",
                ).format(code=self.ui.branch.code)
            )
            self.status.setStyleSheet("")
        self.refreshed.emit(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def focus_first(self) -> None:
        panel = self.stack.currentWidget()
        if isinstance(panel, OutboxPanel | BranchPackagesPanel):
            panel.focus_first()
