"""The supervisor's password before a package or an answer is merged: checked here, then the long
work runs with its own progress dialog (the merge re-checks it, as every supervisor action does)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.issues import Issue
from app.services.auth import reauthenticate
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, password_field
from ui.i18n import translate


class PackagePasswordDialog(MemberDialog):
    """``succeeded`` carries the password, once it is proven."""

    def __init__(
        self, ui: UiContext, *, title: str, intro: str, confirm_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ui,
            object_name="packagePasswordDialog",
            title=title,
            intro=intro,
            confirm_text=confirm_text,
            parent=parent,
        )
        self.password = password_field("packagePassword")
        self.body.addWidget(
            self.row(
                "password",
                translate("PackagePasswordDialog", "Kata sandi {username} (konfirmasi)").format(
                    username=ui.actor.username
                ),
                self.password,
                required=True,
            )
        )
        self.body.addStretch(1)
        self.setMinimumWidth(560)
        self.password.returnPressed.connect(self.submit)
        self.set_focus_order([self.password])

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.show_issues(
                [
                    Issue(
                        "password",
                        "password.empty",
                        translate("PackagePasswordDialog", "Masukkan kata sandi Anda."),
                    )
                ]
            )
            return
        ctx, actor = self.ui.ctx, self.ui.actor

        def check() -> str:
            reauthenticate(ctx, actor, password)
            return password

        self.run(check)
