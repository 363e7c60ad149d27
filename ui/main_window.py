"""The main window: a thin shell of navigation, pages and a status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import TIMEZONES, business_date
from app.domain.roles import ROLE_LABELS, Role, allowed
from app.services import health
from ui import i18n
from ui.context import UiContext
from ui.i18n import translate
from ui.lock import IdleWatcher, LockDialog
from ui.models import display
from ui.pages.registry import PAGES


class MainWindow(QMainWindow):
    HEALTH_INTERVAL_MS = 30_000

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
        side.addWidget(self.nav, 1)
        layout.addLayout(side)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        for factory in PAGES:
            needed = getattr(factory, "required_permission", None)
            if needed is not None and not allowed(ui.actor.role, needed):
                continue  # the services refuse it anyway; the page is not offered
            page = factory(ui)
            # nav_label is marked with QT_TRANSLATE_NOOP in the page class's own context.
            label = translate(type(page).__name__, str(getattr(page, "nav_label", type(page).__name__)))
            shortcut = str(getattr(page, "shortcut", ""))
            item = QListWidgetItem(f"{label}" + (f"   {shortcut}" if shortcut else ""))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.nav.addItem(item)
            self.stack.addWidget(page)
            self.pages[page.__class__.__name__] = page
            if shortcut:
                index = self.stack.count() - 1
                QShortcut(QKeySequence(shortcut), self, lambda i=index: self.show_page(i))
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)
        ui.bus.page_requested.connect(self.show_page_named)
        ui.bus.member_requested.connect(lambda _number: self.show_page_named("MemberPage"))

        self._build_status_bar()
        self._health = QTimer(self, interval=self.HEALTH_INTERVAL_MS)
        self._health.timeout.connect(self.check_connection)
        self._health.start()
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self._update_date)
        self._clock.start()
        self.lock_dialog: LockDialog | None = None
        self.idle = IdleWatcher(ui.opened.settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("F1"), self, self.show_help)
        self.help_dialog: QWidget | None = None

    def show_help(self) -> None:
        from ui.help import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self, [self.stack.widget(i) for i in range(self.stack.count())])
        self.help_dialog.open()

    # ---- idle lock -------------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every page (the data on screen is personal) until the officer's password is re-entered."""
        if self.lock_dialog is not None:
            return
        self.idle.paused = True
        self.centralWidget().setVisible(False)
        dialog = LockDialog(self.ui.actor.full_name, self)
        dialog.submitted.connect(self._on_unlock_submitted)
        dialog.quit_requested.connect(self.close)
        self.lock_dialog = dialog
        dialog.show()
        dialog.password.setFocus()

    def _on_unlock_submitted(self, password: str) -> None:
        from app.services.auth import reauthenticate

        def done(_: object) -> None:
            if self.lock_dialog is not None:
                self.lock_dialog.done(0)
                self.lock_dialog.deleteLater()
                self.lock_dialog = None
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
        self.stack.setCurrentIndex(index)
        page = self.stack.currentWidget()
        focus = getattr(page, "focus_first", None)
        if callable(focus):
            focus()

    def show_page_named(self, class_name: str) -> None:
        page = self.pages.get(class_name)
        if page is not None:
            self.show_page(self.stack.indexOf(page))

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

    def closeEvent(self, event: object) -> None:
        self._health.stop()
        self.idle.stop()
        self.ui.runner.wait(10_000)
        super().closeEvent(event)  # type: ignore[arg-type]
