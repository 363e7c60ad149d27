"""One construction project on screen: its terms, its workers, adding workers, paying, the receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import Issue
from app.domain.payment_methods import METHOD_LABELS
from app.domain.projects import PROJECT_STATUS_LABELS, ProjectStatus
from app.services.contributions.projects import ProjectDTO, ProjectWorkerDTO
from ui.dialogs.member_payment import PAPERS
from ui.i18n import translate
from ui.models import display
from ui.models.rows import Column, RowsModel
from ui.widgets import FieldRow, record_table


def status_text(p: ProjectDTO) -> str:
    try:
        return display.label(PROJECT_STATUS_LABELS[ProjectStatus(p.status)])
    except (KeyError, ValueError):
        return p.status


def _value(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names typed by officers are data, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _with_button(row: FieldRow, button: QPushButton) -> FieldRow:
    """The button beside the field's editor, the error line still under both."""
    layout = row.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.removeWidget(row.editor)
    h = QHBoxLayout()
    h.setSpacing(8)
    h.addWidget(row.editor, 1)
    h.addWidget(button)
    layout.insertLayout(1, h)
    return row


class ProjectDetailPanel(QGroupBox):
    """The project selected: its terms and workers, adding workers, paying, printing the receipt."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("projectDetail")
        self.rows: dict[str, FieldRow] = {}
        body = QHBoxLayout(self)
        body.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(6)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.fields: dict[str, QLabel] = {}
        for r, (key, label) in enumerate(
            (
                ("code", translate("ProjectsPage", "Kode proyek")),
                ("parties", translate("ProjectsPage", "Pemilik · kontraktor")),
                ("value", translate("ProjectsPage", "Nilai kontrak")),
                ("months", translate("ProjectsPage", "Masa proyek")),
                ("charge", translate("ProjectsPage", "Iuran JKK + JKM")),
                ("status", translate("ProjectsPage", "Status")),
            )
        ):
            k = QLabel(label)
            k.setProperty("role", "dataKey")
            grid.addWidget(k, r, 0, Qt.AlignmentFlag.AlignTop)
            self.fields[key] = _value(f"project_{key}")
            grid.addWidget(self.fields[key], r, 1)
        grid.setColumnStretch(1, 1)
        left.addLayout(grid)
        self.workers_title = QLabel()
        self.workers_title.setProperty("role", "fieldLabel")
        left.addWidget(self.workers_title)
        self.workers_model: RowsModel[ProjectWorkerDTO] = RowsModel(
            [
                Column(translate("ProjectsPage", "Nomor peserta"), lambda w: display.grouped(w.number)),
                Column(translate("ProjectsPage", "Nama"), lambda w: w.name),
                Column(translate("ProjectsPage", "NIK"), lambda w: w.nik_masked),
            ]
        )
        self.workers_table = record_table(
            "projectWorkers",
            translate("ProjectsPage", "Pekerja yang terdaftar di proyek"),
            self.workers_model,
            1,
        )
        self.workers_table.setMinimumHeight(96)
        left.addWidget(self.workers_table, 1)
        body.addLayout(left, 3)
        body.addLayout(self._build_actions(), 2)

    def _build_actions(self) -> QVBoxLayout:
        v = QVBoxLayout()
        v.setSpacing(4)
        self.worker_number = QLineEdit()
        self.worker_number.setObjectName("workerNumber")
        self.worker_number.setMaxLength(2000)
        self.add_button = QPushButton(translate("ProjectsPage", "Tambah  (Enter)"))
        self.add_button.setObjectName("addWorkersButton")
        self.add_button.setAutoDefault(True)
        self.add_button.setAccessibleName(translate("ProjectsPage", "Tambah pekerja"))
        row = FieldRow(
            "pekerja",
            translate("ProjectsPage", "Nomor peserta pekerja JAKON"),
            self.worker_number,
            hint=translate("ProjectsPage", "Beberapa nomor dipisah koma; pemindai kartu bisa dipakai."),
        )
        self.rows["pekerja"] = _with_button(row, self.add_button)
        v.addWidget(row)
        self.method = QComboBox()
        self.method.setObjectName("projectMethod")
        for code, label in METHOD_LABELS.items():
            self.method.addItem(display.label(label), code)
        self.reference = QLineEdit()
        self.reference.setObjectName("projectReference")
        self.reference.setMaxLength(60)
        pay_grid = QGridLayout()
        pay_grid.setHorizontalSpacing(10)
        pay_grid.setVerticalSpacing(2)
        top = Qt.AlignmentFlag.AlignTop
        self.rows["metode"] = FieldRow("metode", translate("ProjectsPage", "Cara bayar"), self.method)
        self.rows["referensi"] = FieldRow(
            "referensi", translate("ProjectsPage", "Nomor referensi"), self.reference
        )
        pay_grid.addWidget(self.rows["metode"], 0, 0, top)
        pay_grid.addWidget(self.rows["referensi"], 0, 1, top)
        pay_grid.setColumnStretch(0, 1)
        pay_grid.setColumnStretch(1, 1)
        v.addLayout(pay_grid)
        pay_row = QHBoxLayout()
        self.pay_total = QLabel()
        self.pay_total.setObjectName("payTotal")
        self.pay_total.setTextFormat(Qt.TextFormat.PlainText)
        self.pay_total.setStyleSheet("font-size: 14pt; font-weight: bold; color: #0f5a3a;")
        pay_row.addWidget(self.pay_total)
        pay_row.addStretch(1)
        self.pay_button = QPushButton(translate("ProjectsPage", "Terima pembayaran  (Ctrl+B)"))
        self.pay_button.setObjectName("payProjectButton")
        self.pay_button.setAutoDefault(True)
        pay_row.addWidget(self.pay_button)
        v.addLayout(pay_row)
        print_row = QHBoxLayout()
        self.paper = QComboBox()
        self.paper.setObjectName("projectPaper")
        self.paper.setAccessibleName(translate("ProjectsPage", "Kertas tanda bukti"))
        for code, label in PAPERS:
            self.paper.addItem(translate("MemberPaymentDialog", label), code)
        print_row.addWidget(self.paper)
        print_row.addStretch(1)
        self.print_button = QPushButton(translate("ProjectsPage", "Cetak tanda bukti  (Ctrl+P)"))
        self.print_button.setObjectName("printProjectReceipt")
        self.print_button.setAutoDefault(True)
        print_row.addWidget(self.print_button)
        v.addSpacing(6)
        v.addLayout(print_row)
        v.addStretch(1)
        return v

    # ---- showing a project ---------------------------------------------------------------------------
    def show_project(self, p: ProjectDTO) -> None:
        self.setTitle(p.name)
        npp = translate("ProjectsPage", " (NPP {npp})").format(npp=p.npp) if p.npp else ""
        self.fields["code"].setText(p.code)
        self.fields["parties"].setText(f"{p.owner} · {p.contractor}{npp}")
        self.fields["value"].setText(
            translate("ProjectsPage", "{value} sebelum PPN · SPK {date}").format(
                value=display.rupiah(p.contract_value), date=display.date(p.spk_date)
            )
        )
        self.fields["months"].setText(f"{display.period(p.months)} ({display.months(len(p.months))})")
        charge = translate("ProjectsPage", "JKK {jkk} + JKM {jkm} = {total}").format(
            jkk=display.rupiah(p.jkk), jkm=display.rupiah(p.jkm), total=display.rupiah(p.total)
        )
        self.fields["charge"].setText(charge)
        status = status_text(p)
        if p.receipt_no:
            status = f"{status} · {p.receipt_no}"
        self.fields["status"].setText(status)
        self.workers_title.setText(
            translate("ProjectsPage", "Pekerja terdaftar: {n}").format(n=display.number(len(p.workers)))
        )
        self.workers_model.set_rows(p.workers)
        self.pay_total.setText(display.rupiah(p.total))

    def clear_issues(self) -> None:
        for r in self.rows.values():
            r.set_error(None)

    def show_issues(self, issues: list[Issue], *, at: str) -> list[Issue]:
        """Findings at their fields; a finding named by a member number goes to ``at`` (the worker
        field), number first. The ones with no place here come back."""
        self.clear_issues()
        loose: list[Issue] = []
        lines: dict[str, list[str]] = {}
        for issue in issues:
            if issue.field in self.rows:
                lines.setdefault(issue.field, []).append(display.message(issue.message))
            elif issue.field == "nomor" and at in self.rows:  # the list as a whole (empty, too long)
                lines.setdefault(at, []).append(display.message(issue.message))
            elif issue.field and issue.field != "proyek" and at in self.rows:
                lines.setdefault(at, []).append(f"{issue.field}: {display.message(issue.message)}")
            else:
                loose.append(issue)
        for key, texts in lines.items():
            self.rows[key].set_error("\n".join(texts))
        first = next((self.rows[k] for k in self.rows if k in lines), None)
        if first is not None:
            first.editor.setFocus()
            if isinstance(first.editor, QLineEdit):
                first.editor.selectAll()
        return loose

    def action_editors(self) -> list[QWidget]:
        return [
            self.workers_table,
            self.worker_number,
            self.add_button,
            self.method,
            self.reference,
            self.pay_button,
            self.paper,
            self.print_button,
        ]
