"""When the webcam frame is taken: sharp text beats blur, and a sharp run of frames triggers once."""

from __future__ import annotations

import io

from PIL import Image, ImageFilter

from app.domain.ktp_capture import SharpGate, sharpness
from app.infra.paths import resources_dir


def _grey(img: Image.Image) -> tuple[bytes, int, int]:
    small = img.convert("L").resize((160, 100))
    return small.tobytes(), 160, 100


def test_sharp_text_scores_higher_than_the_same_text_blurred() -> None:
    card = Image.open(io.BytesIO((resources_dir() / "ktp" / "contoh-ktp.jpg").read_bytes())).crop(
        (150, 150, 450, 340)
    )
    sharp = sharpness(*_grey(card))
    blurred = sharpness(*_grey(card.filter(ImageFilter.GaussianBlur(3))))
    assert sharp > 2 * blurred > 0
    assert sharpness(b"", 0, 0) == 0.0
    assert sharpness(bytes(16), 4, 4) == 0.0  # a flat grey frame


def test_the_gate_fires_after_a_sharp_run_and_starts_over() -> None:
    gate = SharpGate(threshold=50, needed=3)
    assert [gate.feed(v) for v in (10, 80, 85, 20, 90, 92, 95)] == [False] * 6 + [True]
    assert not gate.feed(95)  # the run starts again after a capture
    gate.reset()
    assert gate.history == []


def test_a_blurred_frame_after_a_very_sharp_one_does_not_count() -> None:
    gate = SharpGate(threshold=50, needed=2)
    gate.feed(400)
    assert not gate.feed(100)  # above the threshold, but far below what this camera just showed
    assert not gate.feed(120)
