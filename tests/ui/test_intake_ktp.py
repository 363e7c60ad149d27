"""Ctrl+K on the intake page: a KTP picture fills the form, marks what to check, saves nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_intake_page import make_page, members
from ui.dialogs.ktp_capture import KtpCaptureDialog, newest_image

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "ktp" / "contoh-ktp.jpg"


def wait_read(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: not page.ktp.busy and page.banner.isVisible(), timeout=60_000)
    if page.ktp.focus_key:  # the cursor moves once the progress dialog has gone
        editor = page.rows[page.ktp.focus_key].editor
        qtbot.waitUntil(
            lambda: QApplication.focusWidget() in (editor, getattr(editor, "lineEdit", lambda: 0)())
        )


def banner(page: Any) -> str:
    return page.banner.text.text()


def test_a_ktp_picture_fills_the_form_and_saves_nothing(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    page.ktp.read(bytearray(SAMPLE.read_bytes()))
    wait_read(qtbot, page)
    assert "KTP terbaca" in banner(page), banner(page)
    assert page.nik.text() == "3207126710800819"
    assert page.nama.text() == "IMAS"
    assert page.tempat_lahir.text() == "JAKARTA"
    assert page.tanggal_lahir.text() == "27-10-1980"
    assert page.jenis_kelamin.currentData() == "P"
    assert page.alamat.text() == "JL. DIPONEGORO NO. 75 RT 012/RW 008"
    assert str(page.kode_wilayah.currentData()).startswith("32.07.12.")
    assert page.pekerjaan.currentData() == "P036"  # PENGACARA on the list
    hint = page.rows["nama"].hint
    assert hint.isVisible() and "Dari KTP" in hint.text() and "%" in hint.text()
    # All sure: the cursor waits at the first field the card does not give.
    assert QApplication.focusWidget() is page.nama_ibu
    assert members(ui_ctx) == 0
    # Typing over a field takes its KTP note away.
    qtbot.keyClicks(page.nama, "H")
    assert not page.rows["nama"].hint.isVisible()


def test_an_unsure_reading_is_marked_and_the_cursor_goes_to_the_first_doubt(
    qtbot: Any, ui_ctx: Any, tmp_path: Path
) -> None:
    page = make_page(qtbot, ui_ctx)
    img = Image.open(SAMPLE).filter(ImageFilter.GaussianBlur(2.2))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=40)
    page.ktp.read(bytearray(buf.getvalue()))
    wait_read(qtbot, page)
    reading = page.ktp.reading
    assert reading is not None and reading.unsure
    assert "perlu dicek" in banner(page)
    focus = QApplication.focusWidget()
    marked = [k for k, row in page.rows.items() if row.property("ktp") == "warning"]
    assert marked
    first = page.rows[marked[0]].editor
    assert focus is first or focus is getattr(first, "lineEdit", lambda: None)()
    assert members(ui_ctx) == 0


def test_ctrl_k_without_a_camera_takes_a_pasted_picture(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    page.nik.setFocus()
    qtbot.keyClick(page.nik, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.ktp.dialog is not None and page.ktp.dialog.isVisible())
    dialog = page.ktp.dialog
    assert "Tidak ada kamera" in dialog.preview.text()
    assert not dialog.shoot_button.isVisible()
    QGuiApplication.clipboard().setImage(QImage(str(SAMPLE)))
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_read(qtbot, page)
    assert page.ktp.dialog is None or not page.ktp.dialog.isVisible()
    assert page.nik.text() == "3207126710800819"
    QGuiApplication.clipboard().clear()


def test_a_picture_dropped_on_the_page_is_read(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    where = QPointF(400, 300)
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    wait_read(qtbot, page)
    assert page.nama.text() == "IMAS"


def test_a_file_that_is_not_a_picture_says_so_and_keeps_the_form(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    qtbot.keyClicks(page.nama, "BUDI")
    page.ktp.read(bytearray(b"GIF89a but not really"))
    wait_read(qtbot, page)
    assert "Gagal membaca KTP" in banner(page)
    assert page.nama.text() == "BUDI"


def test_the_newest_scan_comes_from_the_scanner_folder(qtbot: Any, ui_ctx: Any, tmp_path: Path) -> None:
    import os

    from app.infra.settings import load_settings, save_settings

    older = tmp_path / "scan-001.jpg"
    older.write_bytes(b"old")
    newer = tmp_path / "scan-002.jpg"
    newer.write_bytes(SAMPLE.read_bytes())
    os.utime(older, (1_000_000, 1_000_000))
    (tmp_path / "catatan.txt").write_text("x")
    assert newest_image(tmp_path) == newer
    paths = ui_ctx.ctx.paths
    save_settings(paths, load_settings(paths).with_(ktp_scanner_dir=str(tmp_path)))
    page = make_page(qtbot, ui_ctx)
    dialog = KtpCaptureDialog(page, paths)
    qtbot.addWidget(dialog)
    got: list[bytearray] = []
    dialog.image_chosen.connect(got.append)
    dialog.scan_button.click()
    assert got and bytes(got[0]) == SAMPLE.read_bytes()


def test_the_capture_dialog_is_reachable_by_keyboard(qtbot: Any, ui_ctx: Any) -> None:
    page = make_page(qtbot, ui_ctx)
    dialog = KtpCaptureDialog(page, ui_ctx.ctx.paths)
    qtbot.addWidget(dialog)
    dialog.show()
    for b in (dialog.file_button, dialog.scan_button, dialog.paste_button, dialog.cancel_button):
        assert b.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dialog.findChild(QLabel, "ktpPreview") is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


class _Frame:
    """What Qt Multimedia's sink hands over: a frame that converts to an image (no camera on this machine)."""

    def __init__(self, image: QImage) -> None:
        self.image = image

    def toImage(self) -> QImage:
        return self.image


def test_camera_frames_show_the_guide_and_a_sharp_run_is_taken(qtbot: Any, ui_ctx: Any) -> None:
    from ui.ktp_camera import CHECK_EVERY

    page = make_page(qtbot, ui_ctx)
    dialog = KtpCaptureDialog(page, ui_ctx.ctx.paths)
    qtbot.addWidget(dialog)
    dialog.show()
    got: list[bytearray] = []
    dialog.image_chosen.connect(got.append)
    blurred = QImage(str(SAMPLE))
    small = blurred.scaled(64, 48).scaled(blurred.size())  # a camera still focusing
    dialog.camera.gate.threshold = 1.0
    for _ in range(CHECK_EVERY * 2):
        dialog.camera._on_frame(_Frame(small))
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    sharp = QImage(str(SAMPLE))
    for _ in range(CHECK_EVERY * 4):
        if got:
            break
        dialog.camera._on_frame(_Frame(sharp))
    assert got, "a sharp run of frames is captured by itself"
    assert Image.open(io.BytesIO(bytes(got[0]))).size == (640, 480)
    assert not dialog.isVisible()
