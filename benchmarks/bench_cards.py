"""Cards: one card PDF and a 1,000-card A4 sheet, each beside a bare-ReportLab floor from this run.

Floors draw the same strings with the same embedded DejaVu fonts and the same QR payloads as
vector rectangles (``qrcode`` with a fixed mask, one path of row runs filled once: the fastest
way the public APIs allow), page compression on, in one process, without signing or layout.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import time
from collections.abc import Sequence
from typing import Any

import qrcode
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from qrcode.util import MODE_ALPHA_NUM, QRData
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.domain.cards import CardClaims, card_serial, encode_card, key_id_for
from app.domain.membership import make_number
from app.infra.card_copy import load_card_copy
from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.card import CARD_HEIGHT, CARD_SIZE, CARD_WIDTH, BenefitText, CardFace, render_card
from app.pdf.card_sheet import render_card_sheet, slot_origin
from app.pdf.qr import FIXED_MASK
from benchmarks.harness import Row, median, temp_home, time_calls

SHEET_CARDS = 1000
NAMES = (
    "SITI AMINAH",
    "BUDI SANTOSO",
    "NI LUH PUTU AYU LESTARI",
    "MUHAMMAD RIZKY PRATAMA",
    "YOHANES BAPTISTA MANUEL DA COSTA",
    "I GUSTI NGURAH RAI",
    "SRI WAHYUNI",
    "ANDI",
)
ISSUED = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


class _Signer:
    def __init__(self) -> None:
        self.private = Ed25519PrivateKey.generate()
        public = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.key_id = key_id_for(public)


def _face(i: int, signer: _Signer) -> CardFace:
    number = make_number("101", i + 1)
    programmes = ("JKK", "JKM", "JHT") if i % 3 == 0 else ("JKK", "JKM")
    name = NAMES[i % len(NAMES)]
    claims = CardClaims(
        number=number.value,
        name=name,
        birth_date=dt.date(1990, 8, 5),
        programmes=programmes,
        serial=card_serial(number.value, 1),
        issued_at=ISSUED,
        key_id=signer.key_id,
    )
    copy = load_card_copy()
    return CardFace(
        number=number.value,
        number_grouped=number.grouped(),
        name=name,
        segment="BPU",
        segment_label="Bukan Penerima Upah",
        programmes=programmes,
        member_since=dt.date(2026, 11, 23),
        serial=claims.serial,
        issued_on=dt.date(2026, 11, 23),
        branch_code="101",
        branch_name="KCP Indralaya",
        key_id=signer.key_id,
        qr_text=encode_card(claims, signer.private.sign),
        benefits=tuple(BenefitText(p, copy.programmes[p].label, copy.programmes[p].card) for p in programmes),
        found_card=copy.found_card,
        terms=copy.card_terms,
    )


def _strings(face: CardFace) -> tuple[list[str], list[str]]:
    front = [
        "KARTU PESERTA",
        "Jaminan Sosial Ketenagakerjaan",
        face.segment,
        face.segment_label,
        "NAMA PESERTA",
        face.name,
        "NOMOR PESERTA",
        face.number_grouped,
        "PROGRAM",
        *face.programmes,
        "PESERTA SEJAK",
        "23 Nov 2026",
        "KANTOR CABANG",
        face.branch_name,
        "Pindai untuk cek keaslian",
        "Seri kartu",
        face.serial,
        f"Cabang {face.branch_code} · kunci {face.key_id}",
    ]
    back = ["MANFAAT PROGRAM ANDA"]
    for b in face.benefits:
        back += [b.code, *textwrap.wrap(f"{b.label} — {b.text}", 88)]
    back += ["CONTACT CENTER", face.contact_centre]
    back += textwrap.wrap(face.found_card, 60) + textwrap.wrap(face.terms, 70)
    back.append(
        f"Diterbitkan {face.branch_name} ({face.branch_code}) · 23 November 2026 · seri {face.serial}"
    )
    return front, back


def _bare_qr(c: Any, text: str, x: float, y: float, size: float) -> None:
    code: Any = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=FIXED_MASK
    )
    code.add_data(QRData(text.encode(), mode=MODE_ALPHA_NUM))
    code.make(fit=True)
    n = len(code.modules)
    m = size / n
    p = c.beginPath()
    for r, row in enumerate(code.modules):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                p.rect(x + start * m, y + (n - 1 - r) * m, (col - start) * m, m)
            else:
                col += 1
    c.drawPath(p, stroke=0, fill=1)


def _bare_front(c: Any, face: CardFace, strings: list[str], x0: float, y0: float) -> None:
    y = y0 + CARD_HEIGHT - 12
    for i, s in enumerate(strings):
        c.setFont(fonts.CONDENSED_BOLD if i % 2 else fonts.CONDENSED, 6)
        c.drawString(x0 + 8, y, s)
        y -= 7
    _bare_qr(c, face.qr_text, x0 + CARD_WIDTH - 70, y0 + 31, 61)


def _bare_back(c: Any, strings: list[str], x0: float, y0: float) -> None:
    y = y0 + CARD_HEIGHT - 10
    for i, s in enumerate(strings):
        c.setFont(fonts.CONDENSED_BOLD if i == 0 else fonts.CONDENSED, 5)
        c.drawString(x0 + 8, y, s)
        y -= 6


def floor_card(face: CardFace, strings: tuple[list[str], list[str]]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=CARD_SIZE, pageCompression=1)
    _bare_front(c, face, strings[0], 0, 0)
    c.showPage()
    _bare_back(c, strings[1], 0, 0)
    c.showPage()
    c.save()
    return buf.getvalue()


def floor_sheet(faces: Sequence[CardFace], strings: Sequence[tuple[list[str], list[str]]]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    for start in range(0, len(faces), 10):
        for back in (False, True):
            for i in range(start, min(start + 10, len(faces))):
                x, y = slot_origin(i - start, back=back)
                if back:
                    _bare_back(c, strings[i][1], x, y)
                else:
                    _bare_front(c, faces[i], strings[i][0], x, y)
            c.showPage()
    c.save()
    return buf.getvalue()


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _service_sheet(faces_count: int) -> float:
    """End to end through the service: read members, sign, render on both cores, record + audit."""
    from app.bootstrap import open_app
    from app.services import auth, branch, cards, demo

    with temp_home("loket-bench-cards-") as home:
        opened = open_app(home=home, clock=lambda: ISSUED, counter="BENCH")
        ctx = opened.ctx
        branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
        auth.create_first_supervisor(ctx, username="siti", full_name="Siti", password="Kantor-Cabang-101!")
        actor = auth.login(ctx, "siti", "Kantor-Cabang-101!")
        demo.seed_members(ctx, actor, faces_count, seed=7)
        numbers = [make_number("101", i + 1).value for i in range(faces_count)]
        cards.ensure_fonts()
        elapsed = _timed(lambda: cards.print_card_sheet(ctx, actor, numbers=numbers))
        ctx.engine.dispose()
        return elapsed


def run() -> list[Row]:
    fonts.register(resources_dir() / "fonts")
    signer = _Signer()
    face = _face(0, signer)
    strings = _strings(face)
    claims = CardClaims(
        number=face.number,
        name=face.name,
        birth_date=dt.date(1990, 8, 5),
        programmes=face.programmes,
        serial=face.serial,
        issued_at=ISSUED,
        key_id=signer.key_id,
    )

    def ours_card() -> None:
        encode_card(claims, signer.private.sign)  # signing is part of our figure, not the floor's
        render_card(face)

    for _ in range(5):
        ours_card()
        floor_card(face, strings)
    n = 150
    ours_ms, floor_ms = [], []
    for _ in range(3):  # interleaved rounds: both see the same machine noise
        ours_ms += time_calls(ours_card, n // 3)
        floor_ms += time_calls(lambda: floor_card(face, strings), n // 3)
    card_ours, card_floor = median(ours_ms), median(floor_ms)

    faces = [_face(i, signer) for i in range(SHEET_CARDS)]
    all_strings = [_strings(f) for f in faces]
    sheet_floor = _timed(lambda: floor_sheet(faces, all_strings))
    sheet_parallel = _timed(lambda: render_card_sheet(faces, workers=2))
    sheet_single = _timed(lambda: render_card_sheet(faces, workers=1))
    service = _service_sheet(SHEET_CARDS)

    return [
        Row(
            "card PDF, front+back, signed QR",
            card_ours,
            "ms",
            card_floor,
            "bare canvas, same text + QR",
            "≤ 1.3× floor",
            card_ours <= 1.3 * card_floor,
        ),
        Row(
            f"{SHEET_CARDS}-card A4 sheet, 2 processes",
            sheet_parallel,
            "s",
            sheet_floor,
            "bare canvas, 1 process",
            "≤ 1.2× floor or faster",
            sheet_parallel <= 1.2 * sheet_floor,
        ),
        Row(
            f"{SHEET_CARDS}-card A4 sheet, 1 process",
            sheet_single,
            "s",
            sheet_floor,
            "bare canvas, 1 process",
            "(info)",
        ),
        Row(
            f"{SHEET_CARDS}-card sheet via service (sign+record)",
            service,
            "s",
            sheet_floor,
            "bare canvas, 1 process",
            "(info)",
        ),
    ]
