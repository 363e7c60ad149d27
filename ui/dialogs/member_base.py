"""The frame every member dialog shares: a form, its service call off the GUI thread, errors at the fields.

A dialog closes itself *before* announcing its result (``succeeded``), so the page may then open a
PDF preview without stacking one dialog on another.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import Issue
from app.services.auth import AuthError
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.widgets import FieldRow, primary_button


def password_field(name: str) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setMaxLength(256)
    return e


def line(name: str, *, max_len: int = 200) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setMaxLength(max_len)
    return e


class MemberDialog(QDialog):
    """A member dialog: its form, the service call off the GUI thread, errors at the fields."""

    succeeded = Signal(object)  # the service's result, emitted after the dialog has closed

    def __init__(
        self,
        ui: UiContext,
        *,
        object_name: str,
        title: str,
        intro: str,
        confirm_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.rows: dict[str, FieldRow] = {}
        self.busy = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 16)
        outer.setSpacing(8)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        outer.addWidget(heading)
        self.intro = QLabel(intro)
        self.intro.setObjectName("pageHint")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # may carry a member's name
        outer.addWidget(self.intro)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body, 1)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.buttons = QHBoxLayout()
        self.confirm = primary_button(confirm_text, "dialogConfirm")
        self.confirm.setDefault(True)
        self.cancel = QPushButton(translate("MemberDialog", "Batal  (Esc)"))
        self.cancel.setObjectName("dialogCancel")
        self.buttons.addWidget(self.confirm)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.cancel)
        outer.addLayout(self.buttons)
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)

    def set_focus_order(self, fields: list[QWidget], extra_buttons: tuple[QWidget, ...] = ()) -> None:
        """Tab walks the fields in reading order, then the buttons; the cursor starts in the first field."""
        chain = [*fields, self.confirm, *extra_buttons, self.cancel]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        if fields:
            fields[0].setFocus()

    def row(
        self, key: str, label: str, editor: QWidget, *, hint: str = "", required: bool = False
    ) -> FieldRow:
        r = FieldRow(key, label, editor, hint=hint, required=required)
        self.rows[key] = r
        return r

    # ---- running the service call -------------------------------------------------------------------
    def submit(self) -> None:  # each dialog checks its fields, then calls ``run``
        raise NotImplementedError

    def run(self, fn: Callable[[], Any]) -> None:
        if self.busy:
            return
        self.busy = True
        self.confirm.setEnabled(False)
        self.clear_issues()
        self.ui.runner.run(fn, on_success=self._on_done, on_error=self._on_failed)

    def _on_done(self, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.accept()  # closed first: the page may open a preview next
        self.succeeded.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.confirm.setEnabled(True)
        issues = display.error_issues(exc)
        if isinstance(exc, AuthError) and "password" in self.rows:
            issues = [Issue("password", exc.code, display.message(exc.message))]
        self.show_issues(issues)  # everything typed stays: the officer fixes and retries

    def clear_issues(self) -> None:
        for r in self.rows.values():
            r.set_error(None)
        self.error.setVisible(False)

    def show_issues(self, issues: list[Issue]) -> None:
        self.clear_issues()
        loose: list[str] = []
        first: FieldRow | None = None
        for issue in issues:
            r = self.rows.get(issue.field)
            if r is None:
                loose.append(display.message(issue.message))
                continue
            r.set_error(display.message(issue.message))
            first = first or r
        if loose:
            self.error.setText("\n".join(loose))
            self.error.setVisible(True)
        if first is not None:
            first.editor.setFocus()
            if isinstance(first.editor, QLineEdit):
                first.editor.selectAll()

    def reject(self) -> None:
        if self.busy:
            return  # the call is on its way; its answer decides
        super().reject()


class MemberReasonDialog(MemberDialog):
    """A reason (and, for a supervisor's decision, the password again) before one service call."""

    def __init__(
        self,
        ui: UiContext,
        *,
        object_name: str,
        title: str,
        intro: str,
        confirm_text: str,
        reason_label: str,
        action: Callable[[str, str], Any],
        password: bool,
        min_reason: int = 5,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ui, object_name=object_name, title=title, intro=intro, confirm_text=confirm_text, parent=parent
        )
        self.action = action
        self.min_reason = min_reason
        self.reason = line("reasonField", max_len=200)
        self.body.addWidget(self.row("reason", reason_label, self.reason, required=True))
        self.needs_password = password
        self.password = password_field("passwordField")
        if password:
            self.body.addWidget(
                self.row(
                    "password",
                    translate("MemberReasonDialog", "Kata sandi {username} (konfirmasi)").format(
                        username=ui.actor.username
                    ),
                    self.password,
                    required=True,
                )
            )
        self.body.addStretch(1)
        self.setMinimumWidth(520)
        self.set_focus_order([self.reason, self.password] if password else [self.reason])
        if password:
            # Enter in the reason moves on to the password; Enter there decides.
            self.confirm.setDefault(False)
            self.confirm.setAutoDefault(False)
            self.reason.returnPressed.connect(self.password.setFocus)
            self.password.returnPressed.connect(self.submit)

    def submit(self) -> None:
        reason = " ".join(self.reason.text().split())
        if len(reason) < self.min_reason:
            self.show_issues(
                [
                    Issue(
                        "reason",
                        "reason.short",
                        translate("MemberReasonDialog", "Tulis alasannya (minimal {n} karakter).").format(
                            n=self.min_reason
                        ),
                    )
                ]
            )
            return
        if self.needs_password and not self.password.text():
            self.show_issues(
                [
                    Issue(
                        "password",
                        "password.empty",
                        translate("MemberReasonDialog", "Masukkan kata sandi Anda."),
                    )
                ]
            )
            return
        password = self.password.text()
        action = self.action
        self.run(lambda: action(reason, password))
