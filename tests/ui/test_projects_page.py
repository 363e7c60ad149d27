"""Proyek Konstruksi, the real page on a real SQLite file, driven from the keyboard: the Elucidation's
Rp180 million project registered with its charge shown as typed, two workers listed, paid, and its
receipt read back; Tab walks every control; hostile input is refused at the field and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from app.db.contribution_models import ConstructionProject
from app.db.models import AuditEvent, Enrolment, Member
from app.domain.membership import make_number
from app.services import contributions, enrolment
from app.services.contributions import projects as project_service
from app.services.contributions.project_flow import REFUSAL_LABELS, Action, ProjectStep
from app.services.contributions.projects import ProjectRights
from tests.conftest import bpu_record
from tests.ui.test_counter_grade import _controls
from ui.context import UiContext
from ui.pages.projects import ProjectsPage

CTRL = Qt.KeyboardModifier.ControlModifier
NAMES = ("Ahmad Fauzi", "Budi Hartono", "Candra Wijaya")


def jakon_worker(ui: UiContext, i: int) -> str:
    record = bpu_record(
        nik=f"16100145089004{i:02d}",
        nama=NAMES[i - 1],
        segmen="JAKON",
        pekerjaan="P012",
        program="JKK,JKM",
        bulan_bayar=0,
    )
    out = enrolment.enrol_worker(ui.ctx, ui.actor, record)
    assert out.number is not None, out.errors
    return out.number


def open_page(qtbot: Any, ui: UiContext) -> ProjectsPage:
    page = ProjectsPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    activate(qtbot, page)
    return page


def activate(qtbot: Any, page: QWidget) -> None:
    """Keyboard shortcuts reach only the active window."""
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)


def idle(qtbot: Any, page: ProjectsPage) -> None:
    qtbot.waitUntil(lambda: page.desk.busy is None and not page.ui.runner.busy, timeout=10_000)


def type_in(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def fill(qtbot: Any, page: ProjectsPage, value: str = "180000000") -> None:
    f = page.form
    type_in(qtbot, f.name, "Jembatan Desa Tanjung Pering")
    type_in(qtbot, f.owner, "Pemerintah Desa Tanjung Pering")
    type_in(qtbot, f.contractor, "CV Sumber Rejeki")
    type_in(qtbot, f.value, value)
    f.spk.setDate(QDate(2026, 11, 16))
    f.first.setDate(QDate(2026, 11, 1))
    f.last.setDate(QDate(2027, 4, 1))


def error_at(page: ProjectsPage, key: str) -> str:
    row = page.form.rows.get(key) or page.detail.rows[key]
    return row.error.text() if row.error.isVisible() else ""


def counts(ui: UiContext) -> tuple[int, int, int]:
    """Projects, workers listed under any project, and project audit events: what a refusal must not add."""

    def work(s: Any) -> tuple[int, int, int]:
        return (
            s.execute(select(func.count()).select_from(ConstructionProject)).scalar_one(),
            s.execute(select(func.count()).where(Enrolment.project_id.is_not(None))).scalar_one(),
            s.execute(select(func.count()).where(AuditEvent.action.like("project.%"))).scalar_one(),
        )

    return ui.ctx.read(work)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_project_from_its_contract_value_to_its_receipt(qtbot: Any, ui_ctx: UiContext) -> None:
    a, b = jakon_worker(ui_ctx, 1), jakon_worker(ui_ctx, 2)
    page = open_page(qtbot, ui_ctx)
    assert page.desk.step is ProjectStep.NEW and page.stack.currentWidget() is page.form

    # The charge follows the value as it is typed, with the thousands dots put in.
    fill(qtbot, page)
    assert page.form.value.text() == "180.000.000"
    qtbot.waitUntil(lambda: page.quote.charge is not None and page.quote.charge.contract_value == 180_000_000)
    table = page.form.charge_table
    assert table.rowCount() == 2
    assert [table.item(r, c).text() for r in range(2) for c in range(4)] == [
        "≤ Rp100.000.000",
        "Rp100.000.000",
        "0,21% = Rp210.000",
        "0,03% = Rp30.000",
        "≤ Rp500.000.000",
        "Rp80.000.000",
        "0,17% = Rp136.000",
        "0,02% = Rp16.000",
    ]
    assert page.form.split.text() == "JKK Rp346.000 + JKM Rp46.000"
    assert page.form.total.text() == "Rp392.000"

    # Enter walks the form; Enter in its last field registers, as Ctrl+S does.
    page.form.last.setFocus()
    qtbot.keyClick(page.form.last, Qt.Key.Key_Return)
    idle(qtbot, page)
    p = page.desk.project
    assert p is not None and (p.jkk, p.jkm, p.total) == (346_000, 46_000, 392_000)
    assert project_service.get_project(ui_ctx.ctx, p.code).contract_value == 180_000_000
    assert page.stack.currentWidget() is page.detail and page.desk.step is ProjectStep.LIST_WORKERS
    assert QApplication.focusWidget() is page.detail.worker_number
    assert page.form.value.text() == "" and page.form.name.text() == ""  # ready for the next project
    assert p.code in page.banner.text.text() and "Rp392.000" in page.banner.text.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert not page.detail.pay_button.isEnabled() and page.detail.add_button.property("primary")

    # Two workers, one typed in its groups as read aloud; Enter adds.
    qtbot.keyClicks(page.detail.worker_number, a)
    qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_Return)
    idle(qtbot, page)
    grouped = f"{b[:3]} {b[3:7]} {b[7:10]} {b[10]}"
    qtbot.keyClicks(page.detail.worker_number, grouped)
    qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert [w.number for w in page.desk.project.workers] == [a, b]  # type: ignore[union-attr]
    assert page.detail.workers_model.rowCount() == 2
    assert page.detail.workers_title.text() == "Pekerja terdaftar: 2"
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None and len(page.model.row_at(0).workers) == 2)  # type: ignore[union-attr]
    assert page.desk.step is ProjectStep.PAY and page.detail.pay_button.isEnabled()
    assert page.detail.pay_button.property("primary") and not page.detail.add_button.property("primary")

    # A transfer needs its reference (the core's rule): the field opens and is marked required.
    assert not page.detail.reference.isEnabled()
    page.detail.method.setFocus()
    page.detail.method.setCurrentIndex(page.detail.method.findData("transfer"))
    assert page.detail.reference.isEnabled()
    assert page.detail.rows["referensi"].label.text().endswith("*")
    qtbot.keyClicks(page.detail.reference, "TRX 77")
    with qtbot.waitSignal(page.receipt_shown, timeout=15_000) as shown:
        qtbot.keyClick(page.detail.reference, Qt.Key.Key_Return)
    pdf: bytes = shown.args[0]
    paid = project_service.get_project(ui_ctx.ctx, p.code)
    assert paid.status == "PAID" and paid.receipt_no is not None
    text = pdf_text(pdf)
    for expected in (
        paid.receipt_no,
        p.code,
        "Rp346.000",
        "Rp46.000",
        "Rp392.000",
        "TRX 77",
        "CV SUMBER REJEKI",
    ):
        assert expected in text, expected
    assert "JEMBATAN DESA TANJUNG PERING" in text.replace("\n", " ")
    assert page.preview is not None and page.preview.isVisible()
    assert page.desk.step is ProjectStep.PRINT and page.detail.print_button.property("primary")
    for number in (a, b):
        cover = contributions.member_cover(ui_ctx.ctx, number)
        assert cover.status == "AKTIF" and cover.protected_until == dt.date(2027, 4, 30)

    # Ctrl+P prints it again (an 80 mm roll this time); a second payment is not offered.
    page.preview.reject()
    qtbot.waitUntil(lambda: page.preview is None or not page.preview.isVisible())
    activate(qtbot, page)
    assert not page.detail.pay_button.isEnabled() and not page.detail.method.isEnabled()
    page.detail.paper.setCurrentIndex(page.detail.paper.findData("80mm"))
    with qtbot.waitSignal(page.receipt_shown, timeout=15_000) as again:
        qtbot.keyClick(page.detail.print_button, Qt.Key.Key_P, CTRL)
    assert paid.receipt_no in pdf_text(again.args[0])
    page.preview.reject()  # type: ignore[union-attr]
    qtbot.keyClick(page, Qt.Key.Key_B, CTRL)  # nothing to pay: nothing happens
    idle(qtbot, page)
    assert project_service.get_project(ui_ctx.ctx, p.code).receipt_no == paid.receipt_no

    # Ctrl+N: the form again, for the next project.
    activate(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
    assert page.stack.currentWidget() is page.form and QApplication.focusWidget() is page.form.name


def test_hostile_input_is_refused_at_the_field_and_writes_nothing(qtbot: Any, ui_ctx: UiContext) -> None:
    worker = jakon_worker(ui_ctx, 1)
    farmer = enrolment.enrol_worker(ui_ctx.ctx, ui_ctx.actor, bpu_record(nik="1610014508900499")).number
    assert farmer is not None
    page = open_page(qtbot, ui_ctx)
    before = counts(ui_ctx)

    # Letters in the value: said at the field while typing, and Ctrl+S does not call the service.
    fill(qtbot, page, value="18O000000")
    assert page.form.value.text() == "18O000000"
    assert error_at(page, "nilai_kontrak") == (
        "Nilai kontrak hanya angka rupiah dengan titik ribuan, misalnya 180.000.000."
    )
    assert page.form.total.text() == "—" and page.form.charge_table.rowCount() == 0
    qtbot.keyClick(page.form.name, Qt.Key.Key_S, CTRL)
    idle(qtbot, page)
    assert QApplication.focusWidget() is page.form.value and counts(ui_ctx) == before

    # Value 0.
    type_in(qtbot, page.form.value, "0")
    assert error_at(page, "nilai_kontrak") == "Nilai kontrak (sebelum PPN) harus lebih dari Rp0."
    qtbot.keyClick(page.form.value, Qt.Key.Key_S, CTRL)
    idle(qtbot, page)
    assert counts(ui_ctx) == before and page.desk.project is None

    # The last month before the first, and no name: both said at once, by the core.
    type_in(qtbot, page.form.value, "180000000")
    assert error_at(page, "nilai_kontrak") == ""
    page.form.name.clear()
    page.form.last.setDate(QDate(2026, 10, 1))
    qtbot.keyClick(page.form.value, Qt.Key.Key_S, CTRL)
    idle(qtbot, page)
    assert error_at(page, "sampai") == "Bulan selesai proyek sebelum bulan mulainya."
    assert error_at(page, "nama") == "Nama proyek 3–150 karakter."
    assert QApplication.focusWidget() is page.form.name
    assert counts(ui_ctx) == before and page.stack.currentWidget() is page.form
    assert page.form.owner.text() == "Pemerintah Desa Tanjung Pering"  # nothing typed is lost

    type_in(qtbot, page.form.name, "Jembatan Desa Tanjung Pering")
    page.form.last.setDate(QDate(2027, 4, 1))
    qtbot.keyClick(page.form.name, Qt.Key.Key_S, CTRL)
    idle(qtbot, page)
    p = page.desk.project
    assert p is not None and not page.form.rows["sampai"].error.isVisible()
    registered = counts(ui_ctx)
    # Ctrl+S with a project on screen registers nothing from the hidden form.
    fill(qtbot, page)
    page.detail.worker_number.setFocus()
    qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_S, CTRL)
    idle(qtbot, page)
    assert counts(ui_ctx) == registered and page.stack.currentWidget() is page.detail

    # A number with a wrong check digit is caught before any call; an unknown one by the service.
    wrong = worker[:-1] + str((int(worker[-1]) + 1) % 10)
    unknown = make_number("101", 999).value
    for typed, expected in (
        (wrong, "digit pemeriksa tidak cocok"),
        (unknown, "tidak ditemukan"),
        ("", "Ketik nomor peserta pekerja JAKON."),
    ):
        type_in(qtbot, page.detail.worker_number, typed)
        qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_Return)
        idle(qtbot, page)
        assert expected in error_at(page, "pekerja"), (typed, error_at(page, "pekerja"))
        assert page.detail.worker_number.text() == typed and counts(ui_ctx) == registered

    # A member who is not JAKON: refused by the service, and the JAKON worker beside him is not listed
    # either (all or nothing).
    type_in(qtbot, page.detail.worker_number, f"{worker}, {farmer}")
    qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_Return)
    idle(qtbot, page)
    assert error_at(page, "pekerja") == f"{farmer}: Hanya pekerja segmen Jasa Konstruksi (JAKON)."
    assert counts(ui_ctx) == registered
    assert project_service.get_project(ui_ctx.ctx, p.code).workers == ()
    assert (
        ui_ctx.ctx.read(
            lambda s: s.execute(
                select(Enrolment.project_id)
                .join(Member, Member.id == Enrolment.member_id)
                .where(Member.number == farmer)
            ).scalar_one()
        )
        is None
    )

    # A transfer with no reference: the core's message at the reference, nothing paid.
    type_in(qtbot, page.detail.worker_number, worker)
    qtbot.keyClick(page.detail.worker_number, Qt.Key.Key_Return)
    idle(qtbot, page)
    listed = counts(ui_ctx)
    page.detail.method.setCurrentIndex(page.detail.method.findData("transfer"))
    qtbot.keyClick(page.detail.reference, Qt.Key.Key_B, CTRL)
    idle(qtbot, page)
    assert error_at(page, "referensi").startswith("Nomor referensi wajib")
    assert QApplication.focusWidget() is page.detail.reference
    assert project_service.get_project(ui_ctx.ctx, p.code).status == "REGISTERED" and counts(ui_ctx) == listed
    assert contributions.member_cover(ui_ctx.ctx, worker).status == "BELUM_AKTIF"


def _tab_cycle(qtbot: Any, page: ProjectsPage, start: QWidget) -> list[QWidget]:
    """Real Tab presses from ``start`` until the focus is back on it; every widget that had focus."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = [start]
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        assert w is not None and page.isAncestorOf(w), "Tab left the page"
        if w is start:
            return seen
        if w not in seen:
            seen.append(w)
    raise AssertionError(f"Tab never came back to the start: stuck at {QApplication.focusWidget()!r}")


def test_tab_walks_every_control_of_both_panels_and_comes_back(qtbot: Any, ui_ctx: UiContext) -> None:
    worker = jakon_worker(ui_ctx, 1)
    page = open_page(qtbot, ui_ctx)
    seen = _tab_cycle(qtbot, page, page.new_button)
    expected = _controls(page)
    assert page.form.value in expected and page.form.last in expected
    assert [w for w in expected if w not in seen] == []
    # In reading order: the list, then the form top to bottom, then its button.
    form = [page.table, *page.form.editors(), page.form.register_button]
    assert [w for w in seen if w in form] == form

    fill(qtbot, page)
    page.register()
    idle(qtbot, page)
    page.detail.worker_number.setText(worker)
    page.add_workers()
    idle(qtbot, page)
    page.detail.method.setCurrentIndex(page.detail.method.findData("employer"))
    assert page.stack.currentWidget() is page.detail
    seen = _tab_cycle(qtbot, page, page.new_button)
    expected = _controls(page)
    for w in (page.detail.worker_number, page.detail.reference, page.detail.pay_button, page.detail.method):
        assert w in expected
    assert [w for w in expected if w not in seen] == []


def test_the_page_renders_the_services_rights(
    qtbot: Any, ui_ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role that may not take payments (none ships today) sees the payment closed and why."""
    worker = jakon_worker(ui_ctx, 1)
    monkeypatch.setattr(
        project_service,
        "project_rights",
        lambda actor: ProjectRights(register=True, add_workers=True, pay=False),
    )
    page = open_page(qtbot, ui_ctx)
    fill(qtbot, page)
    page.register()
    idle(qtbot, page)
    page.detail.worker_number.setText(worker)
    page.add_workers()
    idle(qtbot, page)
    assert page.desk.step is ProjectStep.PAY
    assert not page.detail.pay_button.isEnabled() and not page.detail.method.isEnabled()
    assert page.detail.pay_button.toolTip() == REFUSAL_LABELS[Action.PAY]
    qtbot.keyClick(page, Qt.Key.Key_B, CTRL)
    idle(qtbot, page)
    assert page.desk.project is not None and page.desk.project.status == "REGISTERED"
