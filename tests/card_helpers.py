"""Helpers for the card tests: enrol members quickly, rasterise PDFs, decode their QR codes."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from app.services import enrolment
from app.services.dto import Actor
from tests.conftest import bpu_record

MM = 72 / 25.4


def enrol(ctx: Any, actor: Actor, n: int = 1, **overrides: Any) -> list[str]:
    """Enrol ``n`` BPU members (women born 5 Aug 1990, NIK serials 0003, 0004 …) → their numbers."""
    numbers = []
    for i in range(n):
        rec = bpu_record(nik=f"161001450890{i + 3:04d}", **overrides)
        out = enrolment.enrol_worker(ctx, actor, rec)
        assert out.status == "enrolled", out.errors
        assert out.number is not None
        numbers.append(out.number)
    return numbers


def rasterise(pdf: bytes, dpi: int = 300, page: int = 1) -> Image.Image:
    """Render one page with poppler's pdftoppm, as a print shop's RIP would."""
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(src),
                f"{d}/out",
            ],
            check=True,
            timeout=60,
        )
        with Image.open(f"{d}/out.png") as img:
            return img.convert("L")


def decode_qr(pdf: bytes, page: int = 1, dpi: int = 300) -> list[Any]:
    """Every QR code zxing-cpp finds on the page rendered at ``dpi``."""
    return [
        r
        for r in zxingcpp.read_barcodes(rasterise(pdf, dpi, page))
        if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width) / MM, 2), round(float(p.mediabox.height) / MM, 2))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def embedded_fonts(pdf: bytes) -> set[str]:
    """Base names of the fonts embedded in the PDF (each with a FontFile2 stream)."""
    out: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get_object().get("/FontDescriptor")
                if fd is not None and "/FontFile2" in fd.get_object():
                    out.add(str(font["/BaseFont"]))
    return out
