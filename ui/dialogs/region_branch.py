"""The Kanwil supervisor's two region actions: add a branch, repair a branch's link. Each dialog
checks its fields and the supervisor's password on the Kanwil (off the GUI thread), then hands the
form to the page, which runs the work itself with progress (the service decides the rest)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QWidget

from app.domain.issues import Issue
from app.services.auth import reauthenticate
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.region.repair import RESYNC_STATES
from app.services.region.setup import check_regencies
from app.services.region.status import LinkDTO
from ui.context import UiContext
from ui.dialogs.member_base import MemberDialog, line, password_field
from ui.i18n import translate


@dataclass(frozen=True)
class AddBranchForm:
    """What the Kanwil supervisor typed to add a branch: its server and regencies."""

    branch_url: str
    regencies: tuple[str, ...]


@dataclass(frozen=True)
class RepairForm:
    """What the Kanwil supervisor chose to repair a branch's link."""

    code: str
    resync: bool
    branch_url: str | None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.replace(";", ",").split(",") if c.strip())


class _KanwilDialog(MemberDialog):
    """A Kanwil action: its fields, then the Kanwil supervisor's password (Enter there confirms)."""

    def __init__(
        self, ui: UiContext, kanwil: ServiceContext, actor: Actor, *, object_name: str, title: str, intro: str,
        confirm_text: str, parent: QWidget | None,
    ) -> None:  # fmt: skip
        super().__init__(
            ui, object_name=object_name, title=title, intro=intro, confirm_text=confirm_text, parent=parent
        )
        self.kanwil, self.actor = kanwil, actor
        self.password = password_field("regionPassword")
        self.password.returnPressed.connect(self.submit)
        self.setMinimumWidth(600)

    def add_password(self) -> None:
        self.body.addWidget(
            self.row(
                "password",
                translate("RegionDialog", "Kata sandi {username} di Kanwil (konfirmasi)").format(
                    username=self.actor.username
                ),
                self.password,
                required=True,
            )
        )
        self.body.addStretch(1)

    def missing_password(self) -> bool:
        if self.password.text():
            return False
        self.show_issues(
            [Issue("password", "password.empty", translate("RegionDialog", "Masukkan kata sandi Anda."))]
        )
        return True


class AddBranchDialog(_KanwilDialog):
    """``succeeded`` carries an ``AddBranchForm`` once the password is proven and the regencies known."""

    def __init__(
        self, ui: UiContext, kanwil: ServiceContext, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ui, kanwil, actor, object_name="addBranchDialog",
            title=translate("RegionDialog", "Tambah cabang ke Kanwil"),
            intro=translate(
                "RegionDialog",
                "Kanwil menerbitkan data cabang (publikasi di server cabang), berlangganan kepadanya, lalu "
                "mengirim data rujukan (tarif, target, kunci kartu, daftar kartu dicabut) ke cabang. Akun di URL "
                "cabang perlu atribut REPLICATION (atau superuser).",
            ),
            confirm_text=translate("RegionDialog", "Sambungkan cabang"), parent=parent,
        )  # fmt: skip
        self.url = line("branchUrl", max_len=500)
        self.url.setPlaceholderText("postgresql+psycopg://loket@cabang101/loket")
        self.regencies = line("branchRegencies", max_len=200)
        self.regencies.setPlaceholderText("16.10,16.71")
        self.body.addWidget(
            self.row(
                "branch_url",
                translate("RegionDialog", "URL basis data cabang (akun IT)"),
                self.url,
                required=True,
            )
        )
        self.body.addWidget(
            self.row(
                "wilayah",
                translate("RegionDialog", "Kabupaten/kota wilayah cabang"),
                self.regencies,
                hint=translate(
                    "RegionDialog", "Kode Kemendagri dipisah koma, mis. 16.10,16.71 (boleh kosong)."
                ),
            )
        )
        self.add_password()
        self.url.returnPressed.connect(self.regencies.setFocus)
        self.regencies.returnPressed.connect(self.password.setFocus)
        self.confirm.setDefault(False)  # Enter walks the fields; Enter in the password confirms
        self.confirm.setAutoDefault(False)
        self.set_focus_order([self.url, self.regencies, self.password])

    def submit(self) -> None:
        url = self.url.text().strip()
        if "://" not in url or not url.startswith("postgresql"):
            self.show_issues(
                [
                    Issue(
                        "branch_url",
                        "region.branch_url",
                        translate(
                            "RegionDialog",
                            "Tulis URL server PostgreSQL cabang, mis. postgresql+psycopg://loket@cabang101/loket.",
                        ),
                    )
                ]
            )
            return
        if self.missing_password():
            return
        kanwil, actor, password, codes = (
            self.kanwil,
            self.actor,
            self.password.text(),
            _codes(self.regencies.text()),
        )

        def check() -> AddBranchForm:
            reauthenticate(kanwil, actor, password)
            return AddBranchForm(url, check_regencies(kanwil, codes))  # refusals land at "wilayah"

        self.run(check)


class RepairBranchDialog(_KanwilDialog):
    """``succeeded`` carries a ``RepairForm`` once the password is proven."""

    def __init__(
        self,
        ui: UiContext,
        kanwil: ServiceContext,
        actor: Actor,
        link: LinkDTO,
        parent: QWidget | None = None,
    ) -> None:
        todo = (
            "\n\n" + translate("RegionDialog", "Perbaikan yang disarankan: {what}").format(what=link.repair)
            if link.repair
            else ""
        )
        super().__init__(
            ui, kanwil, actor, object_name="repairBranchDialog",
            title=translate("RegionDialog", "Perbaiki cabang {code} {name}").format(code=link.code, name=link.name),
            intro=f"{link.label}: {link.message}{todo}",
            confirm_text=translate("RegionDialog", "Perbaiki"), parent=parent,
        )  # fmt: skip
        self.link = link
        self.resync = QCheckBox(translate("RegionDialog", "Salin ulang seluruh data cabang ke Kanwil"))
        self.resync.setObjectName("repairResync")
        self.resync.setAccessibleName(self.resync.text())
        self.resync.setChecked(link.state in RESYNC_STATES)  # the service's own list
        self.body.addWidget(self.resync)
        self.url = line("repairBranchUrl", max_len=500)
        self.body.addWidget(
            self.row(
                "branch_url",
                translate(
                    "RegionDialog", "URL basis data cabang (hanya bila Kanwil tidak lagi menyimpannya)"
                ),
                self.url,
            )
        )
        self.add_password()
        self.url.returnPressed.connect(self.password.setFocus)
        self.confirm.setDefault(False)  # Enter walks the fields; Enter in the password confirms
        self.confirm.setAutoDefault(False)
        self.set_focus_order([self.resync, self.url, self.password])
        self.password.setFocus()

    def submit(self) -> None:
        if self.missing_password():
            return
        kanwil, actor, password = self.kanwil, self.actor, self.password.text()
        form = RepairForm(self.link.code, self.resync.isChecked(), self.url.text().strip() or None)

        def check() -> RepairForm:
            reauthenticate(kanwil, actor, password)
            return form

        self.run(check)
