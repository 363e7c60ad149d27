"""Proyek Konstruksi: construction projects charged on their contract value. Register one (its charge
by brackets shown while the value is typed), list its JAKON workers, take the payment, print the
receipt. What is possible now and what comes next is the core's ``ProjectDesk``."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import business_date
from app.domain.issues import Issue
from app.domain.projects import ProjectStatus
from app.domain.roles import Permission
from app.services.contributions import projects as project_service
from app.services.contributions.project_flow import (
    WORKER_FIELD,
    Action,
    Focus,
    ProjectDesk,
    ProjectStep,
    read_value,
    read_worker_numbers,
)
from app.services.contributions.projects import ProjectDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.pages.project_detail import ProjectDetailPanel
from ui.pages.project_form import ProjectFormPanel
from ui.pages.project_list import ProjectList
from ui.pages.project_quote import ProjectQuote
from ui.printing import PdfPreviewDialog
from ui.theme import repolish
from ui.widgets import Banner


class ProjectsPage(QWidget):
    """Proyek Konstruksi: the list, registering a project, its workers, its payment and receipt."""

    loaded = Signal()  # the project list is on screen
    receipt_shown = Signal(bytes)  # a receipt PDF opened in the preview
    # The navigation column (200 px) holds "Proyek" beside its key, not "Proyek Konstruksi".
    nav_label = QT_TRANSLATE_NOOP("ProjectsPage", "Proyek")
    shortcut = "Ctrl+Shift+J"
    required_permission = Permission.ENROL
    help_shortcuts = (
        ("Ctrl+N", QT_TRANSLATE_NOOP("ProjectsPage", "proyek baru (formulir pendaftaran proyek)")),
        ("Ctrl+S", QT_TRANSLATE_NOOP("ProjectsPage", "daftarkan proyek")),
        (
            "Enter",
            QT_TRANSLATE_NOOP(
                "ProjectsPage", "di formulir: kolom berikutnya; di nomor peserta: tambahkan pekerja"
            ),
        ),
        ("Ctrl+B", QT_TRANSLATE_NOOP("ProjectsPage", "terima pembayaran iuran proyek")),
        ("Ctrl+P", QT_TRANSLATE_NOOP("ProjectsPage", "cetak tanda bukti iuran proyek")),
    )

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.desk = ProjectDesk(project_service.project_rights(ui.actor))
        self.preview: PdfPreviewDialog | None = None
        self._build()
        self._wire()
        self._render()
        self.reload()

    def _today(self) -> dt.date:
        return business_date(self.ui.ctx.clock(), self.ui.branch.timezone)

    # ---- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 8)
        outer.setSpacing(6)
        top = QHBoxLayout()
        title = QLabel(translate("ProjectsPage", "Proyek Konstruksi"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.new_button = QPushButton(translate("ProjectsPage", "Proyek baru  (Ctrl+N)"))
        self.new_button.setObjectName("newProjectButton")
        self.new_button.setAutoDefault(True)
        top.addWidget(self.new_button)
        outer.addLayout(top)
        hint = QLabel(
            translate(
                "ProjectsPage",
                "Untuk proyek yang upah pekerjanya tidak diketahui: JKK dan JKM dihitung dari nilai kontrak "
                "(sebelum PPN) secara bertingkat, dan melindungi setiap pekerja JAKON yang terdaftar di "
                "bawah proyek selama masa proyek.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.banner = Banner("projectsBanner")
        outer.addWidget(self.banner)
        self.list = ProjectList(self.ui, self._current_code, self._on_list_failed, self)
        self.list.loaded.connect(self.loaded)
        self.model, self.table = self.list.model, self.list.table
        outer.addWidget(self.table, 1)
        self.step_label = QLabel()
        self.step_label.setObjectName("projectStep")
        self.step_label.setProperty("role", "derived")
        self.step_label.setWordWrap(True)
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.step_label)
        self.form = ProjectFormPanel(self._today())
        self.quote = ProjectQuote(self.ui, self.form)
        self.detail = ProjectDetailPanel()
        self.stack = QStackedWidget()
        self.stack.setObjectName("projectPanels")
        self.stack.addWidget(self.form)
        self.stack.addWidget(self.detail)
        outer.addWidget(self.stack, 0)
        self.buttons = {
            Action.REGISTER: self.form.register_button,
            Action.ADD_WORKERS: self.detail.add_button,
            Action.PAY: self.detail.pay_button,
            Action.PRINT: self.detail.print_button,
        }

    def _wire(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.new_button.clicked.connect(self.new_project)
        self.form.register_button.clicked.connect(self.register)
        self.form.submitted.connect(self.register)
        self.detail.worker_number.returnPressed.connect(self.add_workers)
        self.detail.add_button.clicked.connect(self.add_workers)
        self.detail.method.currentIndexChanged.connect(self._on_method_changed)
        self.detail.reference.returnPressed.connect(self.pay)
        self.detail.pay_button.clicked.connect(self.pay)
        self.detail.print_button.clicked.connect(self.print_receipt)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            ("Ctrl+N", self.new_project),
            ("Ctrl+S", self.register),
            ("Ctrl+B", self.pay),
            ("Ctrl+P", self.print_receipt),
        ):
            QShortcut(QKeySequence(key), self, slot, context=within)
        chain: list[QWidget] = [
            self.new_button,
            self.table,
            *self.form.editors(),
            self.form.register_button,
            *self.detail.action_editors(),
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # ---- what the desk says ------------------------------------------------------------------------
    def _render(self) -> None:
        v = self.desk.view()
        self.stack.setCurrentWidget(self.form if v.step is ProjectStep.NEW else self.detail)
        self.step_label.setText("➜  " + display.label(v.hint))
        for action, button in self.buttons.items():
            button.setEnabled(v.can(action))
            button.setProperty("primary", action is v.next_action)
            repolish(button)
            why = v.refused.get(action)
            button.setToolTip(display.label(why) if why else "")
        register_open = Action.REGISTER not in v.refused
        for editor in self.form.editors():
            editor.setEnabled(register_open)
        self.detail.worker_number.setEnabled(Action.ADD_WORKERS in v.open)
        self.detail.method.setEnabled(Action.PAY in v.open)
        self.detail.reference.setEnabled(v.reference_enabled)
        self.detail.paper.setEnabled(Action.PRINT in v.open)
        required = " *" if v.reference_enabled else ""
        self.detail.rows["referensi"].label.setText(translate("ProjectsPage", "Nomor referensi") + required)

    def _focus(self, where: Focus) -> None:
        target: QWidget = {
            Focus.FORM: self.form.name,
            Focus.WORKER: self.detail.worker_number,
            Focus.METHOD: self.detail.method,
            Focus.PRINT: self.detail.print_button,
        }[where]
        if not target.isEnabled():
            target = self.table
        target.setFocus()

    def focus_first(self) -> None:
        self.reload()
        self._focus(Focus.FORM if self.desk.step is ProjectStep.NEW else Focus.WORKER)

    # ---- the list ----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.list.reload(select)

    def _current_code(self) -> str | None:
        return self.desk.project.code if self.desk.project is not None else None

    def _on_list_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message("error", display.error_text(exc))

    def _on_table_selection(self) -> None:
        p = self.list.selected()
        if p is None:
            return
        changed = self.desk.project is None or self.desk.project.code != p.code
        self.desk.select(p)
        self.detail.show_project(p)
        if changed:
            self.detail.clear_issues()
            self.detail.worker_number.clear()
        self._render()

    def new_project(self) -> None:
        """The registration form (what was typed in it before is still there)."""
        self.desk.select(None)
        self.table.clearSelection()
        self._render()
        self.form.name.setFocus()

    # ---- registering -------------------------------------------------------------------------------
    def register(self) -> None:
        read = read_value(self.form.value.text())
        if read.issue is not None or read.value is None:
            if self.desk.view().can(Action.REGISTER):
                self.form.show_issues([read.issue] if read.issue else [])
            return
        first, last = self.form.months()
        kw: dict[str, Any] = {
            "name": self.form.name.text(),
            "owner": self.form.owner.text(),
            "contractor": self.form.contractor.text(),
            "npp": self.form.npp.text().strip() or None,
            "contract_value": read.value,
            "spk_date": self.form.spk_date(),
            "first": first,
            "last": last,
        }
        if not self.desk.begin(Action.REGISTER):
            return
        self.form.clear_issues()
        self.banner.clear()
        self._render()
        ctx, actor = self.ui.ctx, self.ui.actor
        self.ui.runner.run(
            lambda: project_service.register_project(ctx, actor, **kw),
            on_success=self._on_registered,
            on_error=self._on_failed,
        )

    def _on_registered(self, p: ProjectDTO) -> None:
        if not shiboken6.isValid(self):
            return
        focus = self.desk.succeeded(p)
        self.form.reset(self._today())
        self.quote.clear()
        self.detail.show_project(p)
        self.detail.clear_issues()
        self.detail.worker_number.clear()
        text = translate("ProjectsPage", "Proyek {code} terdaftar: iuran {total}.").format(
            code=p.code, total=display.rupiah(p.total)
        )
        warnings = [display.message(w.message) for w in p.warnings]
        self.banner.show_message("warning" if warnings else "info", "\n".join([text, *warnings]))
        self._render()
        self.reload(select=p.code)
        self._focus(focus)

    # ---- workers -----------------------------------------------------------------------------------
    def add_workers(self) -> None:
        numbers, issues = read_worker_numbers(self.detail.worker_number.text())
        if not self.desk.view().can(Action.ADD_WORKERS):
            return
        if issues:
            self._show_loose(self.detail.show_issues(list(issues), at=WORKER_FIELD))
            return
        project = self.desk.project
        if project is None or not self.desk.begin(Action.ADD_WORKERS):
            return
        self.detail.clear_issues()
        self.banner.clear()
        self._render()
        ctx, actor, code = self.ui.ctx, self.ui.actor, project.code
        self.ui.runner.run(
            lambda: project_service.add_workers(ctx, actor, code, numbers),
            on_success=lambda p: self._on_workers_added(p, numbers),
            on_error=self._on_failed,
        )

    def _on_workers_added(self, p: ProjectDTO, numbers: Sequence[str]) -> None:
        if not shiboken6.isValid(self):
            return
        focus = self.desk.succeeded(p)
        self.detail.worker_number.clear()
        self.detail.show_project(p)
        if p.status == ProjectStatus.PAID:
            text = translate(
                "ProjectsPage", "{n} pekerja ditambahkan ke {code} dan langsung dilindungi sampai {month}."
            ).format(n=len(numbers), code=p.code, month=display.month(p.months[-1]))
        else:
            text = translate("ProjectsPage", "{n} pekerja ditambahkan ke {code}.").format(
                n=len(numbers), code=p.code
            )
        self.banner.show_message("info", text)
        for number in numbers:
            self.ui.bus.member_changed.emit(number)
        self._render()
        self.reload(select=p.code)
        self._focus(focus)

    # ---- paying and the receipt --------------------------------------------------------------------
    def _on_method_changed(self) -> None:
        self.desk.set_method(str(self.detail.method.currentData()))
        if not self.desk.view().reference_required:
            self.detail.reference.clear()
            self.detail.rows["referensi"].set_error(None)
        self._render()

    def pay(self) -> None:
        project = self.desk.project
        if project is None or not self.desk.begin(Action.PAY):
            return
        self.detail.clear_issues()
        self.banner.clear()
        self._render()
        ctx, actor, code = self.ui.ctx, self.ui.actor, project.code
        method, reference = str(self.detail.method.currentData()), self.detail.reference.text()
        self.ui.runner.run(
            lambda: project_service.pay_project(ctx, actor, code, method=method, reference=reference or None),
            on_success=self._on_paid,
            on_error=self._on_failed,
        )

    def _on_paid(self, p: ProjectDTO) -> None:
        if not shiboken6.isValid(self):
            return
        focus = self.desk.succeeded(p)
        self.detail.show_project(p)
        self.detail.reference.clear()
        self.banner.show_message(
            "info",
            translate(
                "ProjectsPage",
                "Iuran proyek {code} diterima: {total}, tanda bukti {receipt}. {n} pekerja dilindungi {period}.",
            ).format(
                code=p.code,
                total=display.rupiah(p.total),
                receipt=p.receipt_no or "",
                n=len(p.workers),
                period=display.period(p.months),
            ),
        )
        for w in p.workers:
            self.ui.bus.member_changed.emit(w.number)
        self._render()
        self.reload(select=p.code)
        self._focus(focus)
        self.print_receipt()  # the receipt opens at once, as after a member's payment

    def print_receipt(self) -> None:
        project = self.desk.project
        if project is None or not self.desk.begin(Action.PRINT):
            return
        self._render()
        ctx, code, paper = self.ui.ctx, project.code, str(self.detail.paper.currentData())
        self.ui.runner.run(
            lambda: project_service.project_receipt_pdf(ctx, code, paper=paper),
            on_success=lambda pdf: self._on_receipt(pdf, project.receipt_no or code),
            on_error=self._on_failed,
        )

    def _on_receipt(self, pdf: bytes, receipt_no: str) -> None:
        if not shiboken6.isValid(self):
            return
        focus = self.desk.succeeded()
        self._render()
        self._focus(focus)
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        self.preview = PdfPreviewDialog(
            self,
            translate("ProjectsPage", "Tanda bukti iuran proyek {receipt}").format(receipt=receipt_no),
            pdf,
            suggested_name=f"{receipt_no}.pdf",
        )
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
        self.receipt_shown.emit(pdf)

    # ---- failures ----------------------------------------------------------------------------------
    def _on_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        action = self.desk.busy
        focus = self.desk.failed()
        self._render()
        issues = display.error_issues(exc)
        if action is Action.REGISTER:
            loose = self.form.show_issues(issues)
        else:
            at = WORKER_FIELD if action is Action.ADD_WORKERS else ""
            loose = self.detail.show_issues(issues, at=at)
            if loose:
                self._focus(focus)
        self._show_loose(loose)

    def _show_loose(self, issues: list[Issue]) -> None:
        if issues:
            self.banner.show_message("error", "\n".join(display.message(i.message) for i in issues))
