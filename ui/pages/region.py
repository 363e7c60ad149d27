"""Wilayah (Ctrl+Shift+W), for supervisors and IT: this database's place in the region — at a branch,
where its Kanwil is, how its link is doing and whether the last regional NIK check ran — and the
Kanwil's view of every branch (lag, last change, state, what to do) with its actions and dashboard,
either because this database is the Kanwil or once the supervisor opens the Kanwil by its URL.
Every figure and every sentence is the region services' decision; the page only lays them out."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import open_kanwil
from app.domain.progress import Cancelled, CancelToken, ProgressSink
from app.domain.roles import Permission
from app.services import auth
from app.services.audit import AuditKeyMismatchError
from app.services.region import status
from app.services.region.check import LastCheck, RegionalCheck, last_check
from app.services.region.status import RegionStatusDTO
from ui.context import UiContext
from ui.dialogs.member_base import line, password_field
from ui.i18n import translate
from ui.models import display
from ui.region_kanwil import HELP, KanwilPanel
from ui.region_session import KanwilSession
from ui.widgets import REFRESH_KEY, Banner, primary_button


@dataclass(frozen=True)
class RegionView:
    """What the page shows of its own database (``refreshed`` carries it)."""

    status: RegionStatusDTO
    last_check: LastCheck | None


def _label(text: str, name: str, *, role: str = "") -> QLabel:
    w = QLabel(text)
    w.setObjectName(name)
    w.setWordWrap(True)
    w.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        w.setProperty("role", role)
    return w


class RegionPage(QWidget):
    """Refreshes whenever it is shown (off the GUI thread)."""

    nav_label = QT_TRANSLATE_NOOP("RegionPage", "Wilayah")
    shortcut = "Ctrl+Shift+W"
    required_permission = Permission.REGION
    help_shortcuts = HELP
    refreshed = Signal(object)  # RegionView
    kanwil_opened = Signal(object)  # RegionStatusDTO of the Kanwil just opened

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.view: RegionView | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(18, 14, 18, 10)
        v.setSpacing(8)
        title = QLabel(translate("RegionPage", "Wilayah"))
        title.setObjectName("pageTitle")
        v.addWidget(title)
        v.addWidget(
            _label(
                translate(
                    "RegionPage",
                    "Setiap cabang mengirim datanya ke basis data Kanwil lewat replikasi PostgreSQL; Kanwil "
                    "mengirim tarif, target, kunci kartu dan daftar kartu dicabut ke cabang. Di sini tampak "
                    "keadaannya, dan supervisor Kanwil menambah atau memperbaiki cabang.",
                ),
                "pageHint",
            )
        )
        self.banner = Banner("regionBanner")
        v.addWidget(self.banner)

        own = QFrame()
        own.setObjectName("regionOwn")
        grid = QGridLayout(own)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.where = _label(translate("RegionPage", "Memeriksa…"), "regionWhere", role="fieldLabel")
        self.state = _label("", "regionState")
        self.last_change = _label("", "regionLastChange")
        self.check = _label("", "regionLastCheck")
        self.note = _label("", "regionNote")
        grid.addWidget(self.where, 0, 0, 1, 2)
        grid.addWidget(self.state, 1, 0, 1, 2)
        grid.addWidget(self.last_change, 2, 0)
        grid.addWidget(self.check, 2, 1)
        grid.addWidget(self.note, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        v.addWidget(own)

        self.connect_box = QFrame()
        self.connect_box.setObjectName("kanwilConnect")
        row = QHBoxLayout(self.connect_box)
        row.setContentsMargins(0, 4, 0, 4)
        self.url = line("kanwilUrl", max_len=500)
        self.url.setPlaceholderText("postgresql+psycopg://loket@kanwil/loket")
        self.username = line("kanwilUsername", max_len=64)
        self.password = password_field("kanwilPassword")
        self.connect_button = primary_button(translate("RegionPage", "Buka Kanwil"), "kanwilOpen")
        self.connect_button.setDefault(True)
        for text, editor, stretch in (
            (translate("RegionPage", "URL Kanwil (akun IT)"), self.url, 3),
            (translate("RegionPage", "Supervisor Kanwil"), self.username, 1),
            (translate("RegionPage", "Kata sandi"), self.password, 1),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            caption = QLabel(text)
            caption.setProperty("role", "fieldLabel")
            caption.setBuddy(editor)
            editor.setAccessibleName(text)
            box.addWidget(caption)
            box.addWidget(editor)
            row.addLayout(box, stretch)
        row.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.close_button = QPushButton(translate("RegionPage", "Tutup Kanwil"))
        self.close_button.setObjectName("kanwilClose")
        self.close_button.setAccessibleName(self.close_button.text())
        self.close_button.setVisible(False)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        v.addWidget(self.connect_box)
        self.url_error = _label("", "kanwilUrlError", role="error")
        self.url_error.setVisible(False)
        v.addWidget(self.url_error)

        self.kanwil = KanwilPanel(ui, self._show, self._fail)
        self.kanwil.setVisible(False)
        v.addWidget(self.kanwil, 1)
        v.addStretch(0)

        self.url.returnPressed.connect(self.username.setFocus)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.open_kanwil)
        self.connect_button.clicked.connect(self.open_kanwil)
        self.close_button.clicked.connect(self.close_kanwil)
        QShortcut(QKeySequence(REFRESH_KEY), self, self.refresh_all)

    # ---- messages ----------------------------------------------------------------------------------
    def _show(self, kind: str, text: str) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message(kind, text)

    def _fail(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message("error", display.error_text(exc))

    # ---- this database -----------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor

        def work() -> RegionView:
            return RegionView(status.region_status(ctx, actor), last_check(ctx))

        self.ui.runner.run(work, on_success=self._on_refreshed, on_error=self._fail)

    def refresh_all(self) -> None:
        self.banner.clear()
        if self.kanwil.session is not None and not self.kanwil.session.own:
            self.kanwil.load_status()
        self.refresh()

    def _on_refreshed(self, view: RegionView) -> None:
        if not shiboken6.isValid(self):
            return
        self.view = view
        st, tz = view.status, self.ui.branch.timezone
        self.where.setText(st.where)
        if st.role == "kanwil":
            self.state.setText(
                translate(
                    "RegionPage", "Basis data ini adalah basis data Kanwil: semua cabang tampak di bawah."
                )
            )
            self.last_change.setText("")
            self.check.setText("")
            self.connect_box.setVisible(False)
            self.kanwil.setVisible(True)
            session = self.kanwil.session
            if session is None or not session.own:
                self.kanwil.open_session(KanwilSession(self.ui.opened, self.ui.actor, tz, own=True), st)
            else:
                self.kanwil.show_status(st)
        else:
            link = st.links[0] if st.links else None
            if link is None:
                self.state.setText("")
                self.last_change.setText("")
            else:
                behind = (
                    ""
                    if link.events_behind is None
                    else translate("RegionPage", " Kanwil tertinggal {n} peristiwa.").format(
                        n=display.number(link.events_behind)
                    )
                )
                self.state.setText(
                    f"{display.message(link.label)}: {display.message(link.message)} [{link.message_code}]{behind}"
                )
                self.state.setProperty("role", "error" if link.needs_repair else "")
                self.last_change.setText(
                    translate("RegionPage", "Perubahan terakhir yang sampai di Kanwil: {at}").format(
                        at=display.when(link.last_change_at, tz)
                    )
                )
            self.check.setText(self._check_text(view.last_check, st.role))
            self.connect_box.setVisible(True)
        self.note.setText(display.message(st.note) if st.note else "")
        self.note.setVisible(bool(st.note))
        self.refreshed.emit(view)

    def _check_text(self, last: LastCheck | None, role: str) -> str:
        if role != "branch":
            return ""
        if last is None:
            return translate("RegionPage", "Pemeriksaan NIK regional terakhir: belum ada sejak Loket dibuka.")
        at = display.when(last.at, self.ui.branch.timezone)
        if last.state is RegionalCheck.CHECKED:
            return translate("RegionPage", "Pemeriksaan NIK regional terakhir: {at}, berjalan.").format(at=at)
        return translate(
            "RegionPage", "Pemeriksaan NIK regional terakhir: {at}, TIDAK berjalan (Kanwil tak terjangkau)."
        ).format(at=at)

    # ---- another database: the Kanwil by its URL ---------------------------------------------------
    def open_kanwil(self) -> None:
        url, username, password = self.url.text().strip(), self.username.text().strip(), self.password.text()
        missing = (
            translate("RegionPage", "Tulis URL basis data Kanwil.")
            if not url
            else translate("RegionPage", "Tulis nama pengguna dan kata sandi supervisor Kanwil.")
            if not username or not password
            else ""
        )
        self.url_error.setText(missing)
        self.url_error.setVisible(bool(missing))
        if missing:
            (self.url if not url else self.username if not username else self.password).setFocus()
            return
        opened, tz = self.ui.opened, self.ui.branch.timezone

        def work(progress: ProgressSink, cancel: CancelToken) -> tuple[KanwilSession, RegionStatusDTO]:
            progress(0, 3, translate("RegionPage", "Menghubungi server Kanwil…"))
            kanwil = open_kanwil(opened, url)
            try:
                if cancel.cancelled:
                    raise Cancelled()
                progress(1, 3, translate("RegionPage", "Memeriksa kata sandi supervisor Kanwil…"))
                actor = auth.login(kanwil.ctx, username, password)  # region_status authorizes it
                if cancel.cancelled:
                    raise Cancelled()
                progress(2, 3, translate("RegionPage", "Menanyai Kanwil dan server tiap cabang…"))
                found = status.region_status(kanwil.ctx, actor)
                if cancel.cancelled:
                    raise Cancelled()
            except BaseException:
                kanwil.ctx.engine.dispose()
                raise
            return KanwilSession(kanwil, actor, tz), found

        self.password.clear()
        self.ui.runner.run_with_dialog(
            self,
            translate("RegionPage", "Membuka Kanwil"),
            work,
            on_success=self._on_kanwil_opened,
            on_error=self._on_kanwil_failed,
            on_cancel=lambda: self._show("info", translate("RegionPage", "Dibatalkan; Kanwil tidak dibuka.")),
        )

    def _on_kanwil_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        text = display.error_text(exc)
        if isinstance(exc, AuditKeyMismatchError):
            text = (
                translate(
                    "RegionPage",
                    "Komputer ini tidak memegang kunci audit Kanwil, jadi Kanwil tidak dibuka dari sini (setiap "
                    "masuk dicatat di jejak audit Kanwil). Buka dari komputer IT Kanwil, atau salin kunci audit "
                    "Kanwil ke komputer ini.",
                )
                + " "
                + text
            )
        self.url_error.setText(text)
        self.url_error.setVisible(True)
        self.password.setFocus()

    def _on_kanwil_opened(self, result: tuple[KanwilSession, RegionStatusDTO]) -> None:
        session, found = result
        if not shiboken6.isValid(self):
            session.close()
            return
        self.url_error.setVisible(False)
        self.banner.clear()
        self.kanwil.open_session(session, found)
        self.kanwil.setVisible(True)
        self.close_button.setVisible(True)
        self.kanwil.links_tab.table.setFocus()
        self.kanwil_opened.emit(found)

    def close_kanwil(self) -> None:
        self.kanwil.close_session()
        self.kanwil.setVisible(False)
        self.close_button.setVisible(False)
        self.url.setFocus()

    # ---- page life ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def closeEvent(self, event: object) -> None:  # the window closes: the Kanwil's connections go
        self.kanwil.close_session()
        super().closeEvent(event)  # type: ignore[arg-type]

    def focus_first(self) -> None:
        if self.connect_box.isVisible():
            self.url.setFocus()
        else:
            self.kanwil.links_tab.table.setFocus()
