"""Markup and formula prefixes in free text print literally, and rendering never reaches the network."""

from __future__ import annotations

import io
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.services import auth, cards, contributions, enrolment, importing, registration_receipt
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv

HOSTILE_NAME = "<img src='http://127.0.0.1:9/x.png'/> Budi & <font color=red>Sari</font>"
HOSTILE_ADDRESS = 'JL. <B>MAWAR</B> & =HYPERLINK("http://x") NO. 1'
HOSTILE_SPONSOR = "Pemkab <font size=40>Ogan</font> & Ilir"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(self: Any, address: Any) -> None:
        attempts.append(repr(address))
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda *a, **k: attempts.append("urlopen") or refuse(None, a)
    )
    return attempts


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_every_document_prints_free_text_literally(
    ctx: Any, supervisor: Any, no_network: list[str], tmp_path: Path
) -> None:
    auth.add_officer(
        ctx,
        username="budi",
        full_name=HOSTILE_NAME,
        role="officer",
        password="Loket-Pagi-Sehat-7",
        by=supervisor,
    )
    officer = auth.login(ctx, "budi", "Loket-Pagi-Sehat-7")
    out = enrolment.enrol_worker(ctx, officer, bpu_record(alamat=HOSTILE_ADDRESS, bulan_bayar=3))
    assert out.status == "enrolled", out.errors
    number = out.number
    assert number is not None

    payment = contributions.record_enrolment_payment(ctx, officer, number, method="cash")
    assert payment is not None
    docs = {
        "payment A5": contributions.receipt_pdf(ctx, payment.id, paper="A5"),
        "payment 80mm": contributions.receipt_pdf(ctx, payment.id, paper="80mm"),
        "registration A5": registration_receipt.receipt_pdf(
            registration_receipt.registration_receipt(ctx, officer, number)
        ),
        "card": cards.card_pdf(cards.issue_card(ctx, officer, number).face),
    }
    other = enrolment.enrol_worker(ctx, officer, bpu_record(nik="1610014508900011", bulan_bayar=0))
    batch = contributions.pay_sponsored(
        ctx, officer, sponsor=HOSTILE_SPONSOR, numbers=[other.number or ""], months=3, reference="SP2D-001"
    )
    docs["sponsor"] = contributions.sponsor_receipt_pdf(ctx, batch.id)
    rows = valid_rows(2, seed=3)
    rows[0]["alamat"] = HOSTILE_ADDRESS
    report = importing.validate_import(ctx, officer, write_csv(tmp_path / "x.csv", as_cells(rows)))
    docs["import report"] = importing.render_report_pdf(report)

    for name, pdf in docs.items():
        text = text_of(pdf)
        assert "<" not in text or "<img" in text or "<B>" in text or "<font" in text, name
    for name in ("payment A5", "payment 80mm", "registration A5"):
        assert "Budi & <font color=red>Sari</font>" in text_of(docs[name]).replace("\n", " "), name
    assert "Pemkab <font size=40>Ogan</font> & Ilir" in text_of(docs["sponsor"])
    assert no_network == [], "rendering must never open a connection"
    assert SUPERVISOR_PASSWORD not in "".join(text_of(p) for p in docs.values())
