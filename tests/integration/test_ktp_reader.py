"""The KTP reader end to end on generated cards (tools/ktp_cards.py): exact fields, hostile files."""

from __future__ import annotations

import io
import struct
import zlib
from functools import lru_cache

import pytest
from PIL import Image

from app.domain.ktp_reading import read_card
from app.domain.regions import default_regions
from app.infra.ktp_image import KtpImageError, open_image
from app.infra.ktp_ocr import default_engine
from app.infra.ktp_reader import read_lines
from app.infra.reference import load_reference
from tools.ktp_cards import LOOKS, TODAY, Sample, build_set


@lru_cache(maxsize=1)
def samples() -> dict[str, Sample]:
    return {s.name: s for s in build_set(17, 3)}


def reading(data: bytes):
    regions = default_regions()
    found = read_lines(default_engine(), data)
    return read_card(
        found.lines,
        today=TODAY,
        regions=regions,
        tree=regions,
        occupations=load_reference().occupations,
        card_found=found.card_found,
    )


def test_the_set_is_deterministic_and_has_every_look() -> None:
    again = {s.name: s for s in build_set(17, 3)}
    assert {n: s.photo.image for n, s in again.items()} == {n: s.photo.image for n, s in samples().items()}
    assert {s.photo.look for s in samples().values()} == set(LOOKS)
    webcam = Image.open(io.BytesIO(samples()["ktp-001-webcam"].photo.image))
    assert webcam.size == (640, 480)


@pytest.mark.parametrize(
    "name",
    [
        "ktp-001-pindai",
        "ktp-001-miring",
        "ktp-001-perspektif",
        "ktp-001-gelap",
        "ktp-002-silau",
        "ktp-002-jpeg40",
    ],
)
def test_reads_every_field_exactly(name: str) -> None:
    sample = samples()[name]
    r = reading(sample.photo.image)
    assert r.card_found
    assert {f.key: f.value for f in r.fields} == sample.expected()
    assert all(c.ok for c in r.checks)
    assert r.get("nik").sure


def test_a_webcam_frame_fills_the_intake_record() -> None:
    sample = samples()["ktp-001-webcam"]
    r = reading(sample.photo.image)
    p = sample.person
    assert r.prefill()["nik"] == p.nik
    assert r.prefill()["tanggal_lahir"] == "-".join(reversed(p.tanggal_lahir.split("-")))
    assert r.prefill()["jenis_kelamin"] == "P"


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "ktp.empty"),
        (b"%PDF-1.7 this is not a picture" * 10, "ktp.not_image"),
        (_png_header_only(40_000, 30_000), "ktp.too_large"),
        (_png_header_only(120, 80), "ktp.damaged"),
    ],
)
def test_hostile_files_are_refused_with_a_message(data: bytes, code: str) -> None:
    with pytest.raises(KtpImageError) as err:
        open_image(data)
    assert err.value.code == code
    assert err.value.message


def test_a_truncated_jpeg_is_refused() -> None:
    jpeg = samples()["ktp-000-pindai"].photo.image
    with pytest.raises(KtpImageError) as err:
        open_image(jpeg[: len(jpeg) // 2])
    assert err.value.code == "ktp.damaged"


def test_a_tiny_picture_is_refused() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buf, "PNG")
    with pytest.raises(KtpImageError) as err:
        open_image(buf.getvalue())
    assert err.value.code == "ktp.too_small"


def test_a_picture_without_a_card_reads_nothing_sure() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 90, 90)).save(buf, "PNG")
    r = reading(buf.getvalue())
    assert not any(f.sure for f in r.fields)
