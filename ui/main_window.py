"""The main window: a thin shell of navigation, pages, a menu and a status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import TIMEZONES, business_date
from app.domain.roles import ROLE_LABELS, Role, allowed
from app.services import health
from ui import i18n
from ui.context import UiContext
from ui.handover import Leaving, UnsavedChoice, ask_about_unsaved
from ui.i18n import translate
from ui.intake_draft import IntakeDraft, capture, has_unsaved_data
from ui.lock import IdleWatcher, LockDialog
from ui.models import display
from ui.page_stack import Pages, PageStack, page_name
from ui.pages.registry import PAGES

SWITCH_KEY = "Ctrl+Shift+L"
QUIT_KEY = "Ctrl+Q"


class MainWindow(QMainWindow):
    """The shell: navigation, the pages, the status bar, the lock; the pages do the work."""

    HEALTH_INTERVAL_MS = 30_000
    # The officer leaves (switch officer, or from the lock screen): the intake form they had not
    # saved, when they chose to keep it (None otherwise). The window is closed by the receiver.
    logout_requested = Signal(object)

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("mainWindow")
        self.setWindowTitle(
            translate("MainWindow", "Loket — {code} {name}").format(code=ui.branch.code, name=ui.branch.name)
        )
        self.resize(1366, 740)
        self.setMinimumSize(1024, 640)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QVBoxLayout()
        side.setSpacing(0)
        brand = QLabel("◆ Loket")
        brand.setObjectName("navBrand")
        side.addWidget(brand)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(translate("MainWindow", "Navigasi halaman"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # labels fit the column
        side.addWidget(self.nav, 1)
        layout.addLayout(side)
        # The services refuse a page's work anyway; a page the officer may not use is not offered.
        factories = [
            f
            for f in PAGES
            if (needed := getattr(f, "required_permission", None)) is None or allowed(ui.actor.role, needed)
        ]
        self.page_classes: list[Any] = list(factories)
        self.stack = PageStack(ui, factories)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.pages = Pages(self.stack)
        for index, factory in enumerate(factories):
            name = page_name(factory)
            # nav_label is marked with QT_TRANSLATE_NOOP in the page class's own context.
            label = translate(name, str(getattr(factory, "nav_label", name)))
            shortcut = str(getattr(factory, "shortcut", ""))
            item = QListWidgetItem(f"{label}" + (f"   {shortcut}" if shortcut else ""))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.nav.addItem(item)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, lambda i=index: self.show_page(i))
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)
        ui.bus.page_requested.connect(self.show_page_named)
        ui.bus.member_requested.connect(self._on_member_requested)

        self._build_status_bar()
        self._health = QTimer(self, interval=self.HEALTH_INTERVAL_MS)
        self._health.timeout.connect(self.check_connection)
        self._health.start()
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self._update_date)
        self._clock.start()
        self.lock_dialog: LockDialog | None = None
        self.idle = IdleWatcher(ui.opened.settings.idle_lock_minutes, self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self.help_dialog: QWidget | None = None
        self.leaving = False  # set once the officer's leaving is decided: closing asks nothing more
        self._build_menu()

    def _build_menu(self) -> None:
        """The Loket menu (Alt+L): hand the counter over, lock, help, quit — each with its key."""
        menu = self.menuBar().addMenu(translate("MainWindow", "&Loket"))
        menu.setObjectName("loketMenu")
        self.menuBar().setObjectName("menuBar")
        self.actions_by_key: dict[str, QAction] = {}
        for key, label, slot, name in (
            (
                SWITCH_KEY,
                translate("MainWindow", "Ganti petugas / keluar akun…"),
                self.switch_officer,
                "switch",
            ),
            ("Ctrl+L", translate("MainWindow", "Kunci layar"), self.lock, "lock"),
            ("F1", translate("MainWindow", "Bantuan: daftar pintasan"), self.show_help, "help"),
            (QUIT_KEY, translate("MainWindow", "Tutup Loket"), self.close, "quit"),
        ):
            action = QAction(label, self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            self.addAction(action)  # the key works with the menu closed
            self.actions_by_key[key] = action
            if name == "lock":
                menu.addSeparator()

    def show_help(self) -> None:
        from ui.help import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self, self.page_classes)
        self.help_dialog.open()

    def _on_member_requested(self, number: str) -> None:
        # A member page built just now connected to the bus during this very signal: it missed it.
        fresh = not self.pages.is_built("MemberPage")
        page = self.pages.get("MemberPage")
        if page is not None and fresh:
            page.open_member(number)  # type: ignore[attr-defined]
        self.show_page_named("MemberPage")

    # ---- handing over the counter -----------------------------------------------------------------
    def _unsaved_work_decision(self, leaving: Leaving) -> tuple[bool, IntakeDraft | None]:
        """Ask about an intake form not saved. (go ahead?, the draft kept for its officer)"""
        intake = self.pages.get("IntakePage") if self.pages.is_built("IntakePage") else None
        if intake is None:
            return True, None
        if has_unsaved_data(intake):  # type: ignore[arg-type]
            draft = capture(intake)  # type: ignore[arg-type]
            choice = ask_about_unsaved(
                self, leaving, draft, self.ui.actor.full_name, locked=self.lock_dialog is not None
            )
            if choice is UnsavedChoice.STAY:
                return False, None
            return True, (draft if choice is UnsavedChoice.KEEP else None)
        return True, None

    def switch_officer(self, *, leaving: Leaving = Leaving.SWITCH) -> bool:
        """Log this officer out without quitting; the login window takes the next one."""
        if self.leaving:
            return False
        go, draft = self._unsaved_work_decision(leaving)
        if not go:
            self._focus_intake_form()
            return False
        self.leaving = True
        self.logout_requested.emit(draft)
        return True

    def _focus_intake_form(self) -> None:
        if self.pages.is_built("IntakePage"):
            self.show_page_named("IntakePage")

    # ---- lock ------------------------------------------------------------------------------------
    def lock(self, *, idle: bool = False) -> None:
        """Hide every page (the data on screen is personal) until the officer's password is re-entered."""
        if self.lock_dialog is not None or self.leaving:
            return
        self.idle.paused = True
        self.centralWidget().setVisible(False)
        dialog = LockDialog(self.ui.actor.full_name, self, idle=idle)
        dialog.submitted.connect(self._on_unlock_submitted)
        dialog.quit_requested.connect(self.close)
        dialog.switch_requested.connect(self._on_lock_switch)
        self.lock_dialog = dialog
        dialog.show()
        dialog.password.setFocus()

    def _on_lock_switch(self) -> None:
        """Someone else at a locked counter: the away officer's unsaved form is kept for them."""
        self._close_lock_dialog()
        self.switch_officer(leaving=Leaving.LOCKED)

    def _close_lock_dialog(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.done(0)
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    def _on_unlock_submitted(self, password: str) -> None:
        from app.services.auth import reauthenticate

        def done(_: object) -> None:
            self._close_lock_dialog()
            self.centralWidget().setVisible(True)
            self.idle.resume()
            self.show_page(self.stack.currentIndex())

        def failed(exc: BaseException) -> None:
            if self.lock_dialog is not None:
                self.lock_dialog.show_error(
                    display.message_of(exc) or translate("MainWindow", "Kata sandi salah.")
                )

        self.ui.runner.run(
            lambda: reauthenticate(self.ui.ctx, self.ui.actor, password), on_success=done, on_error=failed
        )

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        role = display.label(ROLE_LABELS.get(Role(self.ui.actor.role), self.ui.actor.role))
        self.status_officer = QLabel(
            translate("MainWindow", "Petugas: {full_name} ({role})").format(
                full_name=self.ui.actor.full_name, role=role
            )
        )
        self.status_officer.setObjectName("statusOfficer")
        self.status_branch = QLabel(
            translate("MainWindow", "Cabang {code} {name}").format(
                code=self.ui.branch.code, name=self.ui.branch.name
            )
        )
        self.status_branch.setObjectName("statusBranch")
        self.status_date = QLabel()
        self.status_date.setObjectName("statusDate")
        self.status_db = QLabel(self.ui.opened.database_label)
        self.status_db.setObjectName("statusDatabase")
        self.status_db.setToolTip(self.ui.opened.database_label)
        self.status_conn = QLabel(translate("MainWindow", "● Tersambung"))
        self.status_conn.setObjectName("statusConnection")
        self.status_conn.setStyleSheet("color: #13704a;")
        for w in (self.status_officer, self.status_branch, self.status_date, self.status_db):
            w.setTextFormat(Qt.TextFormat.PlainText)
            bar.addWidget(w)
        bar.addPermanentWidget(self.status_conn)
        self._update_date()

    def _update_date(self) -> None:
        today = business_date(self.ui.ctx.clock(), self.ui.branch.timezone)
        zone = TIMEZONES.get(self.ui.branch.timezone, "")
        self.status_date.setText(f"{i18n.date_full(today)} ({zone})")

    def show_page(self, index: int) -> None:
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
            return
        page = self.stack.page_at(index)
        self.stack.setCurrentIndex(index)
        focus = getattr(page, "focus_first", None)
        if callable(focus):
            focus()

    def show_page_named(self, class_name: str) -> None:
        if class_name in self.stack.names:
            self.show_page(self.stack.index_of(class_name))

    def check_connection(self) -> None:
        ctx = self.ui.ctx

        def ping() -> bool:
            return health.ping(ctx)

        def ok(_: object) -> None:
            self.status_conn.setText(translate("MainWindow", "● Tersambung"))
            self.status_conn.setStyleSheet("color: #13704a;")

        def failed(exc: BaseException) -> None:
            self.status_conn.setText(translate("MainWindow", "● Basis data tidak terjangkau"))
            self.status_conn.setStyleSheet("color: #b3261e; font-weight: bold;")

        self.ui.runner.run(ping, on_success=ok, on_error=failed)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.stack.build_in_background()

    def closeEvent(self, event: Any) -> None:
        if not self.leaving:
            go, _draft = self._unsaved_work_decision(Leaving.QUIT)
            if not go:
                event.ignore()
                self._focus_intake_form()
                return
            self.leaving = True
        self._close_lock_dialog()
        for timer in self.findChildren(QTimer):  # pages' pending checks die with the window
            timer.stop()
        self._health.stop()
        self.idle.stop()
        self.ui.runner.wait(10_000)
        super().closeEvent(event)  # type: ignore[arg-type]
