"""The card, sheet and receipt PDFs themselves: literal text, exact sizes, readable QR codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db.cards_models import Card
from app.domain.membership import make_number
from app.domain.progress import CancelFlag, Cancelled
from app.pdf import card_sheet
from app.pdf.card import CardFace
from app.services import cards
from app.services.dto import Actor
from app.services.registration_receipt import receipt_pdf, registration_receipt
from tests.card_helpers import decode_qr, enrol, page_sizes_mm, pdf_text

NIK_PREFIX = "161001450890"


@pytest.fixture
def face(ctx: Any, officer: Actor) -> CardFace:
    (number,) = enrol(ctx, officer)
    return cards.issue_card(ctx, officer, number).face


def _flat(text: str) -> str:
    return " ".join(text.split())


HOSTILE_NAMES = [
    'SITI <b>AMINAH</b> & "PUTRI"',
    "<font color=red>MERAH</font> &amp; <br/> &#60;",
    "O'NEIL & <PARA> \\ ( ) %",
    "ANDI 😀 PRATAMA 漢 👍🏽",
    "ABCDEFGHIJ " * 9 + "ABCDEFGH",  # 100 characters with spaces
    "X" * 100,  # 100 characters, no space to wrap at
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_print_literally_and_fit(face: CardFace, name: str) -> None:
    name = name[:100]
    pdf = cards.card_pdf(dataclasses.replace(face, name=name))
    assert page_sizes_mm(pdf) == [(85.6, 53.98), (85.6, 53.98)]
    # The shared parts of the card are a form drawn first; the member's own text follows it.
    front = pdf_text(pdf).split(f"kunci {face.key_id}", 1)[1].split(face.number_grouped, 1)[0]
    shown = _flat(front)
    expected = "".join(ch if ord(ch) <= 0xFFFF and ch not in "漢\u200d" else "\ufffd" for ch in name)
    if " " in name:
        assert shown == _flat(expected)
    else:  # one long word is broken between characters: compare without the breaks
        assert shown.replace(" ", "") == expected
    (found,) = decode_qr(pdf)
    assert found.text == face.qr_text  # a long name never pushes the QR out of place


def test_a_sheet_has_ten_cards_a_page_with_backs_mirrored_and_codes_readable(
    ctx: Any, officer: Actor
) -> None:
    numbers = enrol(ctx, officer, 12)
    cards.issue_card(ctx, officer, numbers[0])  # already holds a card: skipped
    seen: list[tuple[int, int]] = []
    result = cards.print_card_sheet(
        ctx,
        officer,
        numbers=[*numbers, make_number("101", 999).value, "12345"],
        progress=lambda done, total, _m="": seen.append((done, total)),
        workers=1,
    )
    assert result.pdf is not None
    assert [s.code for s in result.skipped] == ["nomor.format", "card.already_issued", "member.not_found"]
    assert [c.number for c in result.cards] == numbers[1:]
    assert seen[:2] == [(1, 11), (2, 11)] and (11, 11) in seen
    sizes = page_sizes_mm(result.pdf)
    assert len(sizes) == 4 and all(s == (210.0, 297.0) for s in sizes)  # fronts, backs, fronts, backs

    text = pdf_text(result.pdf)
    assert "sisi DEPAN" in text and "sisi BELAKANG" in text
    found = decode_qr(result.pdf, page=1)
    assert len(found) == 10
    for code in found:
        check = cards.verify_card_text(ctx, code.text)
        assert check.valid and check.number in numbers[1:11]
    for nik_digits in (f"{NIK_PREFIX}{i:04d}" for i in range(3, 15)):
        assert nik_digits not in text


def test_a_cancelled_sheet_records_nothing(ctx: Any, officer: Actor) -> None:
    numbers = enrol(ctx, officer, 4)
    flag = CancelFlag()

    def progress(done: int, total: int, message: str = "") -> None:
        if done == 2:
            flag.cancel()

    with pytest.raises(Cancelled):
        cards.print_card_sheet(ctx, officer, numbers=numbers, progress=progress, cancel=flag, workers=1)
    assert ctx.read(lambda s: s.execute(select(func.count(Card.id))).scalar_one()) == 0


def test_sheet_for_a_business_date_uses_worker_processes(
    ctx: Any, officer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = enrol(ctx, officer, 3)
    monkeypatch.setattr(card_sheet, "PARALLEL_MIN", 2)
    monkeypatch.setattr(card_sheet, "_CHUNK", 1)
    result = cards.print_card_sheet(ctx, officer, enrolled_on=dt.date(2026, 11, 23), workers=2)
    assert result.pdf is not None and [c.number for c in result.cards] == numbers
    assert {cards.verify_card_text(ctx, c.text).number for c in decode_qr(result.pdf)} == set(numbers)
    nothing = cards.print_card_sheet(ctx, officer, enrolled_on=dt.date(2026, 11, 23), workers=1)
    assert nothing.pdf is None and {s.code for s in nothing.skipped} == {"card.already_issued"}


@pytest.mark.parametrize(("layout", "width_mm"), [("a5", 148.0), ("thermal", 80.0)])
def test_registration_receipt(ctx: Any, officer: Actor, layout: str, width_mm: float) -> None:
    (number,) = enrol(ctx, officer, program="JKK,JKM,JHT")
    receipt = registration_receipt(ctx, officer, number)
    pdf = receipt_pdf(receipt, layout)
    ((w, h),) = page_sizes_mm(pdf)
    assert w == width_mm and (h == 210.0 if layout == "a5" else 100 < h < 300)
    text = _flat(pdf_text(pdf))
    for expected in (
        "TANDA TERIMA PENDAFTARAN",
        "SITI AMINAH",
        "161001******0003",
        "101 0000 001 3",
        "Jaminan Hari Tua",
        "Budi Santoso",
        "KCP Indralaya (101)",
        "23-11-2026 10:00 WIB",
        receipt.receipt_id,
    ):
        assert expected in text, expected
    assert "1610014508900003" not in text and b"1610014508900003" not in pdf
    (code,) = decode_qr(pdf)
    assert code.text == receipt.receipt_id == "TTP-101-0000001"
    again = registration_receipt(ctx, officer, number)
    assert again.copy_number == 2 and "SALINAN" in pdf_text(receipt_pdf(again, layout))
