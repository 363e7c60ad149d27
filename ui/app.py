"""Starting the GUI: login window first, the database opened behind it, then the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ui.i18n import current_locale, install_translator, translate
from ui.login import LoginDialog
from ui.models import display
from ui.tasks import TaskRunner
from ui.theme import apply_theme
from ui.warmup import EnumWarmer

_T0 = time.perf_counter()


@dataclass(frozen=True)
class _Ready:
    opened: Any
    branch: Any
    has_officers: bool


class StartupController(QObject):
    """Owns the start-up sequence; tests drive it exactly as ``run`` does."""

    main_window_shown = Signal(object)
    failed = Signal(str)

    def __init__(self, *, db: str | None = None, home: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.home = home
        self.language = self._install_language()  # before any window exists: the login window too
        self.runner = TaskRunner(self)
        self.login = LoginDialog()
        self.login.submitted.connect(self._on_login_submitted)
        self.first_run: Any = None
        self.ready: _Ready | None = None
        self.window: Any = None
        # Intake forms not saved when their officer handed the counter over, by username (memory only).
        self.drafts: dict[str, Any] = {}
        self.warmer = EnumWarmer(self)

    def _install_language(self) -> str:
        """The interface language from this computer's settings.json (Indonesian when unset)."""
        from app.infra.paths import app_paths
        from app.infra.settings import load_settings

        language = load_settings(app_paths(self.home)).language
        app = QCoreApplication.instance()
        if app is not None:
            install_translator(app, language)
        return current_locale()

    def start(self) -> None:
        self.login.show()
        self.warmer.start()  # while the officer types (see ui.warmup)
        if self._first_start_here():
            # A new computer: ask where the database lives before creating anything.
            from ui.first_run import STEP_DATABASE, FirstRunDialog

            self.login.hide()
            self.first_run = FirstRunDialog()
            self.first_run.database_chosen.connect(self._on_database_chosen)
            self.first_run.test_requested.connect(self._on_test_requested)
            self.first_run.submitted.connect(self._on_first_run_submitted)
            self.first_run.show_step(STEP_DATABASE)
            self.first_run.show()
            return
        self.runner.run(self._open, on_success=self._on_opened, on_error=self._on_open_failed)

    def _first_start_here(self) -> bool:
        import os

        from app.infra.paths import app_paths

        if self.db or os.environ.get("LOKET_DB"):
            return False
        return not app_paths(self.home).settings_file.exists()

    def _on_test_requested(self, url: str) -> None:
        from app.services.dbsettings import probe_database

        def describe(probe: Any) -> str:
            if not probe.ok:
                return translate("StartupController", "Tidak dapat dipakai: ") + " ".join(
                    display.message(i.message) for i in probe.issues
                )
            if probe.schema is None:
                return translate(
                    "StartupController", "Tersambung ke {label}. Basis data kosong: Loket akan menyiapkannya."
                ).format(label=probe.label)
            return translate("StartupController", "Tersambung ke {label} (skema {schema}).").format(
                label=probe.label, schema=probe.schema
            )

        self.first_run.show_probe(translate("StartupController", "Menguji koneksi…"))
        self.runner.run(
            lambda: describe(probe_database(url)),
            on_success=self.first_run.show_probe,
            on_error=lambda e: self.first_run.show_probe(str(e)),
        )

    def _on_database_chosen(self, url: str | None) -> None:
        counter = self.first_run.counter_name()

        def work() -> _Ready:
            from app.infra.paths import app_paths
            from app.infra.settings import load_settings, save_settings
            from app.services.dbsettings import save_database_url

            paths = app_paths(self.home)
            paths.ensure()
            if url is not None:
                save_database_url(paths, url)  # DomainError when the server is unusable
            # Marks this computer as set up, with the counter's name printed on its receipts.
            save_settings(paths, load_settings(paths).with_(counter_name=counter))
            return self._open()

        def failed(exc: BaseException) -> None:
            from app.domain.issues import DomainError

            text = (
                "\n".join(display.message(i.message) for i in exc.issues)
                if isinstance(exc, DomainError)
                else (display.message_of(exc) or str(exc))
            )
            self.first_run.database_failed(text)

        self.runner.run(work, on_success=self._on_opened, on_error=failed)

    def _open(self) -> _Ready:
        # Everything heavy (SQLAlchemy, migrations, region data) happens here, behind the login window.
        from app.bootstrap import open_app
        from app.services import auth, branch

        opened = open_app(self.db, home=self.home)
        opened.ctx.regions.name("16.10")  # load the Kemendagri data now, not at the first NIK
        ready = _Ready(opened, branch.current_branch(opened.ctx), auth.has_officers(opened.ctx))
        warm_main_window()
        return ready

    def _on_open_failed(self, exc: BaseException) -> None:
        message = display.message_of(exc) or str(exc)
        self.login.pending = None
        self.login.set_busy(False)
        self.login.branch_label.setText(
            translate("StartupController", "Basis data tidak dapat dibuka:\n{message}").format(
                message=message
            )
        )
        self.login.branch_label.setProperty("role", "error")
        self.failed.emit(message)

    def _on_opened(self, ready: _Ready) -> None:
        self.ready = ready
        if ready.branch is None or not ready.has_officers:
            from app.infra.settings import counter_name_saved
            from ui.first_run import STEP_BRANCH, FirstRunDialog

            self.login.hide()
            if self.first_run is None:
                paths = ready.opened.ctx.paths
                named = counter_name_saved(paths)
                self.first_run = FirstRunDialog(
                    ready.opened.database_label, counter_name=ready.opened.ctx.counter if named else ""
                )
                self.first_run.submitted.connect(self._on_first_run_submitted)
            self.first_run.set_database_label(ready.opened.database_label)
            self.first_run.show_step(STEP_BRANCH)
            self.first_run.show()
            return
        if self.first_run is not None:  # joined a server whose branch is already set up
            self.first_run.close()
            self.first_run = None
            self.login.show()
        self.login.set_ready(True, self._branch_text())
        from app.infra.heap import settle_heap

        # The day's heap (database, regions, reference data, the window's modules) is loaded: settle it
        # now, while the officer types the password, not in the first minute at the counter.
        QTimer.singleShot(0, settle_heap)

    def _branch_text(self) -> str:
        assert self.ready is not None and self.ready.branch is not None
        b = self.ready.branch
        return translate("StartupController", "Cabang {code} {name}\n{database_label}").format(
            code=b.code, name=b.name, database_label=self.ready.opened.database_label
        )

    def _on_first_run_submitted(self, data: dict[str, str]) -> None:
        assert self.ready is not None
        ctx = self.ready.opened.ctx

        def work() -> Any:
            from app.domain.issues import DomainError
            from app.services import auth, branch
            from app.services.auth import validate_new_officer

            problems = list(branch.validate_branch(data["code"], data["name"], data["timezone"]))
            problems += validate_new_officer(
                data["username"], data["full_name"], "supervisor", data["password"]
            )
            if problems:
                raise DomainError(problems)
            b = branch.current_branch(ctx) or branch.setup_branch(
                ctx, code=data["code"], name=data["name"], timezone=data["timezone"]
            )
            if not auth.has_officers(ctx):
                auth.create_first_supervisor(
                    ctx, username=data["username"], full_name=data["full_name"], password=data["password"]
                )
            name_counter(ctx.paths, data["counter"])
            return b

        def done(b: Any) -> None:
            assert self.ready is not None
            # The counter's name is printed on receipts from now on (the context was opened before).
            opened = self.ready.opened
            opened = replace(opened, ctx=replace(opened.ctx, counter=data["counter"]))
            self.ready = replace(self.ready, opened=opened, branch=b, has_officers=True)
            self.first_run.close()
            self.first_run = None
            # As the README says: the login window next, the new supervisor's name already typed.
            self.login.show()
            self.login.prefill(data["username"])
            self.login.set_ready(True, self._branch_text())

        def failed(exc: BaseException) -> None:
            from app.domain.issues import DomainError, Issue

            issues = exc.issues if isinstance(exc, DomainError) else [Issue("", "error", str(exc))]
            self.first_run.show_issues(issues)

        self.runner.run(work, on_success=done, on_error=failed)

    def _on_login_submitted(self, username: str, password: str) -> None:
        assert self.ready is not None
        ctx = self.ready.opened.ctx
        self.login.set_busy(True)

        def work() -> Any:
            from app.services import auth

            return auth.login(ctx, username, password)

        def done(actor: Any) -> None:
            self.login.set_busy(False)
            self.login.hide()
            self._show_main(self.ready.branch, actor)  # type: ignore[union-attr]

        def failed(exc: BaseException) -> None:
            self.login.set_busy(False)
            self.login.show_error(display.message_of(exc) or translate("StartupController", "Gagal masuk."))

        self.runner.run(work, on_success=done, on_error=failed)

    def _show_main(self, branch: Any, actor: Any) -> None:
        from app.infra.heap import settle_heap
        from ui.context import UiContext
        from ui.daily_backup import start_daily_backup
        from ui.intake_draft import restore
        from ui.main_window import MainWindow

        assert self.ready is not None
        ui = UiContext(self.ready.opened, actor, branch, self.runner)
        self.warmer.stop()  # what is not warm yet is made as the window needs it
        window = MainWindow(ui)
        self.window = window
        window.logout_requested.connect(self._on_logout_requested)
        draft = self.drafts.pop(actor.username, None)
        if draft is not None:  # the form this officer left unsaved when handing the counter over
            restore(window.pages["IntakePage"], draft)  # type: ignore[arg-type]
        window.show()
        self.main_window_shown.emit(window)
        # After a first start (no login window before): once every page is built (see app.infra.heap).
        window.stack.all_built.connect(settle_heap)
        start_daily_backup(ui)

    def _on_logout_requested(self, draft: Any) -> None:
        """The officer hands the counter over: the login window first (the app never has no
        window), then their main window goes; a form they kept waits for their next login."""
        window = self.window
        if window is None:
            return
        actor = window.ui.actor
        note = ""
        if draft is not None:
            self.drafts[actor.username] = draft
            note = translate(
                "StartupController",
                "Formulir pendaftaran {full_name} yang belum disimpan disimpan sementara; kembali saat ia masuk lagi.",
            ).format(full_name=actor.full_name)
        self.login.prefill("", note)
        self.login.set_ready(False)  # a login typed now waits for the logout to be recorded first
        self.login.show()
        self.login.raise_()
        self.login.activateWindow()
        self.window = None
        window.close()
        window.deleteLater()
        ctx = window.ui.ctx
        from app.services.counter_session import log_out

        self.runner.run(
            lambda: log_out(ctx, actor, kept_form=draft is not None),
            on_success=lambda _r: self.login.set_ready(True),
            on_error=lambda _e: self.login.set_ready(True),  # (logged by the runner) never a stuck login
        )


def name_counter(paths: Any, name: str) -> None:
    """Save the counter's name in this computer's settings (printed on its receipts)."""
    from app.infra.settings import load_settings, save_settings

    save_settings(paths, load_settings(paths).with_(counter_name=name))


def warm_main_window() -> None:
    """Import the main window's modules behind the login window (no widget is made here), so the
    window after the password is only built, not loaded."""
    import datetime as dt

    import ui.main_window  # noqa: F401
    from ui import i18n

    i18n.date_full(dt.date.today())  # Babel's Indonesian calendar data, for the status bar


def run(args: Sequence[str] = ()) -> int:
    db = home = None
    rest = list(args)
    while rest:
        flag = rest.pop(0)
        if flag == "--db" and rest:
            db = rest.pop(0)
        elif flag == "--home" and rest:
            home = rest.pop(0)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loket")
    app.setOrganizationName("Loket")
    apply_theme(app)  # type: ignore[arg-type]
    from app.infra.logs import configure_logging
    from app.infra.paths import app_paths
    from app.infra.workspace import private_tempdir
    from ui.crash import CrashHandler

    log_folder = app_paths(home).logs
    configure_logging(log_folder)
    paths = app_paths(home)
    paths.ensure()
    temp = contextlib.ExitStack()
    temp.enter_context(private_tempdir(paths))  # the window's temporary files: private, cleaned
    controller = StartupController(db=db, home=home)
    CrashHandler(log_folder, lambda: controller.window or controller.login).install()
    controller.start()
    if os.environ.get("LOKET_STARTUP_PROBE"):
        # Benchmarks: report when the login window is on screen, then quit.
        def probe() -> None:
            print(f"login-window-shown {time.perf_counter() - _T0:.4f}", flush=True)
            app.quit()

        QTimer.singleShot(0, probe)
    code = int(app.exec())
    controller.runner.wait(30_000)  # let a database write in flight finish before the process ends
    temp.close()
    return code
