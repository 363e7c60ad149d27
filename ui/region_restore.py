"""The Kanwil supervisor's way out for a branch restored from an older backup (the Wilayah page's
"Terima pemulihan cabang…"): the dialog that asks why (and the password again), then the work
with progress (``region.restore.accept_restore``), and what was lost said plainly after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.domain.issues import Issue
from app.domain.progress import CancelToken, ProgressSink
from app.services.auth import reauthenticate
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.region import restore, status
from app.services.region.restore import RestoreDTO
from app.services.region.status import LinkDTO, RegionStatusDTO
from ui.context import UiContext
from ui.dialogs.member_base import line
from ui.dialogs.region_branch import _KanwilDialog
from ui.i18n import translate

if TYPE_CHECKING:
    from ui.region_kanwil_links import KanwilLinksTab

RESTORED = "restored"  # LinkState.RESTORED: the state this action answers


@dataclass(frozen=True)
class AcceptForm:
    """What the Kanwil supervisor gave to accept a restored branch: its code and the reason."""

    code: str
    reason: str


class AcceptRestoreDialog(_KanwilDialog):
    """``succeeded`` carries an ``AcceptForm`` once a reason is written and the password proven."""

    def __init__(
        self,
        ui: UiContext,
        kanwil: ServiceContext,
        actor: Actor,
        link: LinkDTO,
        parent: QWidget | None = None,
    ) -> None:
        intro = translate(
            "RegionDialog",
            "{message}\n\nData cabang di Kanwil akan disamakan dengan data cabang sekarang (cabang yang menang: "
            "datanya sendiri, jejak auditnya ditandatangani kunci cabang). Data yang hilang tidak dibuang: "
            "disimpan di Kanwil dan di cabang, dapat diekspor. Penerimaan dicatat di jejak audit Kanwil dan "
            "cabang.",
        ).format(message=link.message)
        super().__init__(
            ui, kanwil, actor, object_name="acceptRestoreDialog",
            title=translate("RegionDialog", "Terima pemulihan cabang {code} {name}").format(
                code=link.code, name=link.name
            ),
            intro=intro, confirm_text=translate("RegionDialog", "Terima pemulihan"), parent=parent,
        )  # fmt: skip
        self.link = link
        self.reason = line("restoreReason", max_len=restore.MAX_REASON)
        self.body.addWidget(
            self.row(
                "alasan",
                translate("RegionDialog", "Alasan (masuk jejak audit)"),
                self.reason,
                required=True,
                hint=translate(
                    "RegionDialog", "Mis. server cabang rusak, dipulihkan dari cadangan hari Senin."
                ),
            )
        )
        self.add_password()
        self.reason.returnPressed.connect(self.password.setFocus)
        self.confirm.setDefault(False)  # Enter walks the fields; Enter in the password confirms
        self.confirm.setAutoDefault(False)
        self.set_focus_order([self.reason, self.password])
        self.reason.setFocus()

    def submit(self) -> None:
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.show_issues(
                [
                    Issue(
                        "alasan",
                        "region.restore_reason",
                        translate("RegionDialog", "Tuliskan alasan menerima pemulihan cabang."),
                    )
                ]
            )
            return
        if self.missing_password():
            return
        kanwil, actor, password, form = (
            self.kanwil,
            self.actor,
            self.password.text(),
            AcceptForm(self.link.code, reason),
        )

        def check() -> AcceptForm:
            reauthenticate(kanwil, actor, password)
            return form

        self.run(check)


def accept_selected(panel: KanwilLinksTab) -> None:
    """Open the dialog for the branch selected on ``panel``, then do the work there."""
    s = panel.session()
    link = panel.model.row_at(panel.table.currentIndex().row())
    if s is None or link is None or link.state != RESTORED:
        return
    dialog = AcceptRestoreDialog(panel.ui, s.opened.ctx, s.actor, link, parent=panel)
    dialog.succeeded.connect(lambda form: _run(panel, form))
    dialog.open()


def _run(panel: KanwilLinksTab, form: AcceptForm) -> None:
    s = panel.session()
    if s is None:
        return

    def work(progress: ProgressSink, cancel: CancelToken) -> tuple[RestoreDTO, RegionStatusDTO]:
        done = restore.accept_restore(
            s.opened.ctx, s.actor, form.code, form.reason, progress=progress, cancel=cancel
        )
        return done, status.region_status(s.opened.ctx, s.actor)

    def finished(result: tuple[RestoreDTO, RegionStatusDTO]) -> None:
        accepted, st = result
        panel.on_status(st)
        panel.show_message("warning" if accepted.reused_numbers else "info", "\n".join(accepted.lines()))

    panel.ui.runner.run_with_dialog(
        panel,
        translate("KanwilPanel", "Menerima pemulihan cabang {code}").format(code=form.code),
        work,
        on_success=finished,
        on_error=panel.fail,
    )
