"""The card verification page: scanner input, valid and invalid cards, the history, trusted keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain import cardcode
from app.domain.cards import key_id_for
from app.infra.card_keys import PublicKeyRecord
from app.services import cards, contributions
from tests.card_helpers import enrol
from tests.conftest import SUPERVISOR_PASSWORD
from ui.context import UiContext
from ui.pages.verify import VerifyPage


def make_page(qtbot: Any, ui: UiContext) -> VerifyPage:
    page = VerifyPage(ui)
    qtbot.addWidget(page)
    page.resize(1160, 690)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.focus_first()
    return page


def scan(qtbot: Any, page: VerifyPage, text: str) -> Any:
    """A USB scanner is a keyboard: it types the QR text fast and presses Enter."""
    page.last = None
    assert QApplication.focusWidget() is page.scan
    qtbot.keyClicks(page.scan, text)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last is not None, timeout=10_000)
    assert page.scan.text() == "" and QApplication.focusWidget() is page.scan  # ready for the next card
    return page.last.verification


def tampered(text: str) -> str:
    """The same card with one letter of the name changed and wrapped correctly again."""
    cose = cardcode.unwrap(text)
    payload = cose.payload.replace(b"SITI AMINAH", b"SITI AMINAX")
    assert payload != cose.payload
    return cardcode.wrap(cardcode.CoseSign1(cose.protected, payload, cose.signature).encode())


def test_a_valid_card_shows_the_member_as_this_database_knows_them(qtbot: Any, ui_ctx: UiContext) -> None:
    (number,) = enrol(ui_ctx.ctx, ui_ctx.actor, bulan_bayar=3)
    contributions.record_enrolment_payment(ui_ctx.ctx, ui_ctx.actor, number)
    issued = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = make_page(qtbot, ui_ctx)
    v = scan(qtbot, page, issued.face.qr_text)
    assert v.valid and page.verdict.property("kind") == "valid"
    assert "SAH" in page.verdict_title.text() and not page.verdict_reason.isVisible()
    assert page.verdict_name.text() == "SITI AMINAH"
    assert page.fields["number"].text() == "101 0000 001 3"
    assert page.fields["serial"].text() == issued.card.serial
    assert page.fields["issuer"].text() == "KCP Indralaya (101)"
    assert page.fields["member_status"].text() == "Aktif"
    assert page.fields["contribution"].text() == "Dilindungi s.d. 31 Januari 2027"
    assert page.fields["member_programmes"].text() == "JKK, JKM"
    assert page.history.count() == 1 and "SAH" in page.history.item(0).text()


def test_tampered_revoked_and_garbage_are_refused_with_the_reason(qtbot: Any, ui_ctx: UiContext) -> None:
    (number,) = enrol(ui_ctx.ctx, ui_ctx.actor)
    first = cards.issue_card(ui_ctx.ctx, ui_ctx.actor, number)
    page = make_page(qtbot, ui_ctx)

    v = scan(qtbot, page, tampered(first.face.qr_text))
    assert (v.valid, v.reason) == (False, "bad_signature")
    assert page.verdict.property("kind") == "invalid"
    assert page.verdict_reason.text() == "Tanda tangan tidak cocok"
    assert "TIDAK cocok" in page.verdict_message.text() and not page.card_grid.isVisibleTo(page)

    v = scan(qtbot, page, "HC1:BUKAN-KARTU")
    assert v.reason == "malformed" and page.verdict_reason.text() == "QR tidak terbaca sebagai kartu"

    # A lost card: the supervisor approves the reprint, the old serial is revoked.
    cards.reprint_card(
        ui_ctx.ctx,
        ui_ctx.actor,
        number,
        reason="hilang",
        approver_username="siti",
        approver_password=SUPERVISOR_PASSWORD,
    )
    v = scan(qtbot, page, first.face.qr_text)
    assert (v.valid, v.reason) == (False, "revoked")
    assert page.verdict_reason.text() == "Kartu sudah dicabut"
    assert first.card.serial in page.verdict_message.text() and "kartu hilang" in page.verdict_message.text()
    assert page.fields["current_card"].text() == f"{number}-2"
    texts = [page.history.item(i).text() for i in range(page.history.count())]
    assert len(texts) == 3 and all("TIDAK SAH" in t for t in texts)


def test_a_supervisor_imports_another_branchs_key(
    qtbot: Any, ui_ctx: UiContext, supervisor: Any, tmp_path: Path
) -> None:
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    record = PublicKeyRecord(key_id_for(raw), raw, "205", "KCP Muara Enim", ui_ctx.ctx.clock(), "own")
    other = record.export()  # what 'loket keys export' prints at the other branch
    path = tmp_path / "kunci-205.json"
    path.write_text(json.dumps(other), encoding="utf-8")

    officer_page = make_page(qtbot, ui_ctx)
    assert not officer_page.import_button.isEnabled()
    page = make_page(qtbot, UiContext(ui_ctx.opened, supervisor, ui_ctx.branch, ui_ctx.runner))
    assert page.import_button.isEnabled()
    page.import_key_file(path)
    qtbot.waitUntil(lambda: "dipercaya" in page.keys_banner.text.text(), timeout=10_000)
    # The branch's own key is listed from set-up on, so wait for the refreshed list, not for any row.
    qtbot.waitUntil(lambda: page.keys_table.rowCount() >= 2)
    rows = [page.keys_table.item(r, 1).text() for r in range(page.keys_table.rowCount())]
    assert "205 KCP Muara Enim" in rows
    bad = tmp_path / "rusak.json"
    bad.write_text("{bukan json", encoding="utf-8")
    page.import_key_file(bad)
    qtbot.waitUntil(lambda: page.keys_banner.property("kind") == "error", timeout=10_000)
    assert "JSON" in page.keys_banner.text.text()
