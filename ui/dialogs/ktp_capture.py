"""Baca KTP: take the card's picture from the webcam, a file, the scanner's folder, the clipboard or a drop.

The dialog only gets the picture (as bytes, in memory); reading it is the intake page's background task.
Without a camera the other ways work the same.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.infra.settings import load_settings, save_settings
from ui.i18n import translate
from ui.ktp_camera import CameraFeed, guide_rect
from ui.theme import repolish
from ui.widgets import primary_button

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")
MAX_FILE = 40 * 1024 * 1024
PREVIEW_W, PREVIEW_H = 560, 340  # fits a 1366×768 screen with the texts and buttons


def encode_image(image: QImage) -> bytearray:
    """A Qt image as PNG bytes (lossless: the reader sees what the camera or clipboard gave)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    out = bytearray(data.data())
    data.fill("\0")  # the encoded picture leaves no copy in Qt's buffer
    return out


def read_picture(path: Path) -> bytearray:
    """A picture file's bytes; ``ValueError`` (Indonesian) when it is too big to be a KTP photo."""
    if path.stat().st_size > MAX_FILE:
        raise ValueError(translate("KtpCaptureDialog", "Berkas terlalu besar untuk foto KTP (maks. 40 MB)."))
    return bytearray(path.read_bytes())


def picture_from_mime(mime: QMimeData) -> bytearray | None:
    """A picture from a drop or the clipboard: image data, or a picture file's address."""
    if mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            return encode_image(image)
    for url in mime.urls():
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path is not None and path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
            try:
                return read_picture(path)
            except (OSError, ValueError):
                return None
    return None


def newest_image(folder: Path) -> Path | None:
    """The most recently written picture in ``folder`` (a scanner's output folder)."""
    try:
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    except OSError:
        return None
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


class KtpCaptureDialog(QDialog):
    """Emits ``image_chosen`` with the picture's bytes and closes; Esc closes without a picture."""

    image_chosen = Signal(bytearray)

    def __init__(self, parent: QWidget, paths: object) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setObjectName("ktpCaptureDialog")
        self.setWindowTitle(translate("KtpCaptureDialog", "Baca KTP"))
        self.setAcceptDrops(True)
        self.resize(900, 640)
        self.camera = CameraFeed(self)
        layout = QVBoxLayout(self)
        title = QLabel(translate("KtpCaptureDialog", "Baca KTP"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            translate(
                "KtpCaptureDialog",
                "Gambar KTP hanya dibaca di komputer ini, tidak disimpan dan tidak dikirim ke mana pun. "
                "Setelah dibaca, periksa kolom yang ditandai, lalu simpan dengan Ctrl+S seperti biasa.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.preview = QLabel()
        self.preview.setObjectName("ktpPreview")
        self.preview.setMinimumSize(PREVIEW_W, PREVIEW_H)
        # Ignored: the frames shown must not grow the label (each frame is scaled to its size).
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(translate("KtpCaptureDialog", "Pratinjau kamera"))
        layout.addWidget(self.preview, 1)
        self.status = QLabel()
        self.status.setObjectName("ktpCaptureStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.shoot_button = primary_button(translate("KtpCaptureDialog", "Ambil foto  (Enter)"), "ktpShoot")
        self.file_button = QPushButton(translate("KtpCaptureDialog", "Buka berkas…  (Ctrl+O)"))
        self.file_button.setObjectName("ktpOpenFile")
        self.scan_button = QPushButton(translate("KtpCaptureDialog", "&Pindaian terbaru"))
        self.scan_button.setObjectName("ktpNewestScan")
        self.paste_button = QPushButton(translate("KtpCaptureDialog", "Tempel gambar  (Ctrl+V)"))
        self.paste_button.setObjectName("ktpPaste")
        self.cancel_button = QPushButton(translate("KtpCaptureDialog", "Batal  (Esc)"))
        self.cancel_button.setObjectName("ktpCancel")
        for b in (self.shoot_button, self.file_button, self.scan_button, self.paste_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.shoot_button.clicked.connect(self.shoot)
        self.file_button.clicked.connect(self.open_file)
        self.scan_button.clicked.connect(self.newest_scan)
        self.paste_button.clicked.connect(self.paste)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_file)
        QShortcut(QKeySequence("Ctrl+V"), self, self.paste)
        self.camera.frame.connect(self._on_frame)
        self.camera.sharp_frame.connect(self._on_sharp)
        self.camera.failed.connect(self._on_camera_failed)
        self.finished.connect(lambda _r: self.camera.stop())
        self._start_camera()

    # ---- the camera ------------------------------------------------------------------------------
    def _start_camera(self) -> None:
        if self.camera.start():
            self.shoot_button.setVisible(True)
            self.shoot_button.setDefault(True)
            self.preview.setText(translate("KtpCaptureDialog", "Menyalakan kamera…"))
            self.status.setText(
                translate(
                    "KtpCaptureDialog",
                    "Pegang KTP di dalam bingkai hijau; foto diambil sendiri begitu gambar tajam, "
                    "atau tekan Enter.",
                )
            )
        else:
            self._no_camera(translate("KtpCaptureDialog", "Tidak ada kamera di komputer ini."))

    def _no_camera(self, why: str) -> None:
        self.shoot_button.setVisible(False)
        self.file_button.setDefault(True)
        self.preview.setProperty("role", "dropZone")
        repolish(self.preview)
        self.preview.setText(
            why
            + "\n\n"
            + translate(
                "KtpCaptureDialog",
                "Seret gambar KTP ke sini, tempel dari papan klip (Ctrl+V), buka berkas (Ctrl+O) "
                "atau ambil pindaian terbaru dari folder pemindai (Alt+P).",
            )
        )
        self.status.setText("")

    def _on_camera_failed(self, text: str) -> None:
        self.camera.stop()
        self._no_camera(translate("KtpCaptureDialog", "Kamera tidak dapat dipakai: {text}").format(text=text))

    def _on_frame(self, image: QImage) -> None:
        shown = image.scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        )
        pix = QPixmap.fromImage(shown)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#1f9d55"), 3))
        painter.drawRoundedRect(QRect(*guide_rect(pix.width(), pix.height())), 14, 14)
        painter.end()
        self.preview.setPixmap(pix)

    def _on_sharp(self, image: QImage) -> None:
        self._choose(encode_image(image))

    def shoot(self) -> None:
        if self.shoot_button.isVisible() and self.camera.last is not None:
            self._choose(encode_image(self.camera.last))

    # ---- files, scanner folder, clipboard, drops -------------------------------------------------
    def load_file(self, path: Path) -> bool:
        try:
            data = read_picture(path)
        except ValueError as exc:
            self.status.setText(str(exc))
            return False
        except OSError as exc:
            self.status.setText(
                translate("KtpCaptureDialog", "Berkas tidak dapat dibuka: {why}").format(
                    why=exc.strerror or exc
                )
            )
            return False
        self._choose(data)
        return True

    def _start_dir(self) -> str:
        settings = load_settings(self.paths)  # type: ignore[arg-type]
        return settings.ktp_scanner_dir or str(Path.home())

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("KtpCaptureDialog", "Pilih gambar KTP"),
            self._start_dir(),
            translate("KtpCaptureDialog", "Gambar (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)"),
        )
        if name:
            self.load_file(Path(name))

    def newest_scan(self) -> None:
        settings = load_settings(self.paths)  # type: ignore[arg-type]
        folder = settings.ktp_scanner_dir
        if not folder or not Path(folder).is_dir():
            folder = QFileDialog.getExistingDirectory(
                self, translate("KtpCaptureDialog", "Folder hasil pindaian"), str(Path.home())
            )
            if not folder:
                return
            save_settings(self.paths, settings.with_(ktp_scanner_dir=folder))  # type: ignore[arg-type]
        newest = newest_image(Path(folder))
        if newest is None:
            self.status.setText(
                translate("KtpCaptureDialog", "Belum ada gambar di folder pemindai {folder}.").format(
                    folder=folder
                )
            )
            return
        self.load_file(newest)

    def take_mime(self, mime: QMimeData) -> bool:
        data = picture_from_mime(mime)
        if data is None:
            self.status.setText(translate("KtpCaptureDialog", "Tidak ada gambar untuk dibaca."))
            return False
        self._choose(data)
        return True

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.take_mime(mime):
            self.status.setText(translate("KtpCaptureDialog", "Papan klip tidak berisi gambar."))

    def dragEnterEvent(self, event: object) -> None:
        accept_drag(event)

    def dropEvent(self, event: object) -> None:
        mime = event.mimeData()  # type: ignore[attr-defined]
        if self.take_mime(mime):
            event.acceptProposedAction()  # type: ignore[attr-defined]

    def _choose(self, data: bytearray) -> None:
        self.camera.stop()
        self.image_chosen.emit(data)
        self.accept()


def accept_drag(event: object) -> None:
    mime = event.mimeData()  # type: ignore[attr-defined]
    if mime.hasImage() or any(
        u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES for u in mime.urls()
    ):
        event.acceptProposedAction()  # type: ignore[attr-defined]
