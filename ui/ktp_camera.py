"""The webcam for reading a KTP: Qt Multimedia, loaded only when the capture dialog opens.

Frames arrive in the GUI thread; every few frames the card guide's middle is checked for sharpness
(app/domain/ktp_capture.py) and a sharp run of frames is captured by itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from app.domain.ktp_capture import SharpGate, sharpness

log = logging.getLogger(__name__)
CHECK_EVERY = 4  # frames between sharpness checks (~7 checks a second at 30 fps)


def guide_rect(width: int, height: int) -> tuple[int, int, int, int]:
    """The card-shaped guide inside a ``width`` × ``height`` frame: x, y, w, h (ID-1 aspect 1.585)."""
    w = int(min(width * 0.84, height * 0.84 * 1.585))
    h = int(w / 1.585)
    return (width - w) // 2, (height - h) // 2, w, h


def frame_sharpness(image: QImage) -> float:
    x, y, w, h = guide_rect(image.width(), image.height())
    # The middle of the guide, where the card's text is, on a small grey copy.
    inner = image.copy(x + w // 8, y + h // 4, w * 3 // 4, h // 2)
    small = inner.scaledToWidth(160, Qt.TransformationMode.FastTransformation).convertToFormat(
        QImage.Format.Format_Grayscale8
    )
    bpl = small.bytesPerLine()
    raw = bytes(small.constBits())
    rows = b"".join(raw[r * bpl : r * bpl + small.width()] for r in range(small.height()))
    return sharpness(rows, small.width(), small.height())


class CameraFeed(QObject):
    """One camera, started and stopped with the dialog. ``available()`` is False without a camera."""

    frame = Signal(QImage)
    sharp_frame = Signal(QImage)  # captured when sharp
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = SharpGate()
        self._count = 0
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self.last: QImage | None = None
        self.auto = True

    @staticmethod
    def devices() -> list[Any]:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:  # the bundle was built without the camera component
            log.info("Qt Multimedia not available: %s", type(exc).__name__)
            return []
        return list(QMediaDevices.videoInputs())

    def available(self) -> bool:
        return bool(self.devices())

    def start(self) -> bool:
        devices = self.devices()
        if not devices:
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self._camera = QCamera(devices[0], self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera.errorOccurred.connect(lambda _e, text: self.failed.emit(text))
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self._camera = self._session = self._sink = None
        self.last = None
        self.gate.reset()

    def _on_frame(self, video_frame: Any) -> None:
        image = video_frame.toImage()
        if image.isNull():
            return
        self.last = image
        self.frame.emit(image)
        self._count += 1
        if self.auto and self._count % CHECK_EVERY == 0 and self.gate.feed(frame_sharpness(image)):
            self.sharp_frame.emit(image.copy())
