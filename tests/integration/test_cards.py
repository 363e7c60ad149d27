"""Card life on a real SQLite file: issue, print, verify from the rendered PDF, reprint, spoil."""

from __future__ import annotations

import base64
import os
import shutil
import stat
from typing import Any

import claim169
import pytest
from sqlalchemy import select

from app.bootstrap import open_app
from app.db.cards_models import Card, CardKey
from app.db.models import AuditEvent
from app.domain.issues import DomainError
from app.services import card_keys, cards
from app.services.audit import verify_audit
from app.services.auth import AuthError, PermissionDeniedError
from app.services.branch import setup_branch
from app.services.dto import Actor
from tests.card_helpers import decode_qr, embedded_fonts, enrol, page_sizes_mm, pdf_text
from tests.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD, FakeClock

NIK = "1610014508900003"


def actions(ctx: Any) -> list[str]:
    return ctx.read(lambda s: s.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars().all())


def test_printed_card_decodes_from_300_dpi_and_verifies(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer, program="JKK,JKM,JHT")
    issued = cards.issue_card(ctx, officer, number)
    assert issued.card.serial == f"{number}-1" and issued.card.status == "issued"
    pdf = cards.card_pdf(issued.face)

    assert page_sizes_mm(pdf) == [(85.6, 53.98), (85.6, 53.98)]
    assert {"DejaVuSans-Bold", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"} <= {
        f.split("+")[-1] for f in embedded_fonts(pdf)
    }

    (found,) = decode_qr(pdf)
    assert found.text == issued.face.qr_text
    assert found.extra["ECLevel"] in ("M", "Q", "H") and int(found.extra["Version"]) <= 11

    result = cards.verify_card_text(ctx, found.text, officer)
    assert (result.valid, result.reason, result.serial, result.number) == (
        True,
        None,
        issued.card.serial,
        number,
    )
    assert result.programmes == ("JKK", "JKM", "JHT") and result.issuer == "KCP Indralaya (101)"
    assert result.member is not None and result.member.record_status == "ACTIVE"
    assert result.member.card_status == "issued" and result.member.programmes == ("JKK", "JKM", "JHT")

    # Any Claim 169 reader with our exported public key reads the same card.
    (exported,) = card_keys.export_keys(ctx)
    public = base64.b64decode(exported["public_key"])
    decoded = claim169.decode(found.text, verify_with_ed25519=public)
    assert decoded.claim169.id == number and decoded.claim169.full_name == "SITI AMINAH"
    assert claim169.inspect(found.text).key_id.hex() == exported["key_id"] == issued.card.key_id


def test_card_text_is_literal_and_never_shows_the_nik(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer)
    pdf = cards.card_pdf(cards.issue_card(ctx, officer, number).face)
    text = " ".join(pdf_text(pdf).split())
    for expected in ("SITI AMINAH", "101 0000 001 3", f"{number}-1", "KCP Indralaya", "JKK", "JKM", "175"):
        assert expected in text
    assert "Jaminan Kecelakaan Kerja" in text and "Menemukan kartu ini?" in text
    assert NIK not in text and NIK.encode() not in pdf
    assert "Jaminan Hari Tua" not in text  # the back explains only the member's programmes


def test_second_card_is_refused_while_the_first_is_valid(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer)
    cards.issue_card(ctx, officer, number)
    with pytest.raises(DomainError) as err:
        cards.issue_card(ctx, officer, number)
    assert err.value.issues[0].code == "card.already_issued"


def test_preview_records_nothing_and_says_so(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer)
    face = cards.preview_card(ctx, officer, number)
    assert face.preview and face.serial == f"{number}-1"
    text = pdf_text(cards.card_pdf(face))
    assert "CONTOH" in text
    assert ctx.read(lambda s: s.execute(select(Card)).first()) is None
    (found,) = decode_qr(cards.card_pdf(face))
    assert cards.verify_card_text(ctx, found.text).reason == "malformed"


def test_reprint_needs_reason_and_supervisor_password_and_revokes_the_old_serial(
    ctx: Any, officer: Actor, supervisor: Actor
) -> None:
    (number,) = enrol(ctx, officer)
    first = cards.issue_card(ctx, officer, number)

    with pytest.raises(DomainError) as err:
        cards.reprint_card(
            ctx,
            officer,
            number,
            reason="bosan",
            approver_username="siti",
            approver_password=SUPERVISOR_PASSWORD,
        )
    assert err.value.issues[0].code == "card.reprint_reason"
    with pytest.raises(AuthError):
        cards.reprint_card(
            ctx, officer, number, reason="hilang", approver_username="siti", approver_password="salah"
        )
    with pytest.raises(PermissionDeniedError):
        cards.reprint_card(
            ctx,
            officer,
            number,
            reason="hilang",
            approver_username="budi",
            approver_password=OFFICER_PASSWORD,
        )
    assert [c.status for c in cards.member_cards(ctx, number)] == ["issued"]

    second = cards.reprint_card(
        ctx,
        officer,
        number,
        reason="hilang",
        note="hilang di pasar",
        approver_username="siti",
        approver_password=SUPERVISOR_PASSWORD,
    )
    assert second.card.serial == f"{number}-2" and second.card.approved_by == "siti"
    history = cards.member_cards(ctx, number)
    assert [(c.serial, c.status, c.status_reason, c.status_by) for c in history] == [
        (f"{number}-1", "revoked", "hilang", "siti"),
        (f"{number}-2", "issued", None, None),
    ]

    old = cards.verify_card_text(ctx, first.face.qr_text)
    assert (old.valid, old.reason) == (False, "revoked")
    assert f"{number}-2" in old.message and "hilang" in old.message
    assert old.member is not None and old.member.current_serial == f"{number}-2"
    assert cards.verify_card_text(ctx, second.face.qr_text).valid

    log = actions(ctx)
    for action in (
        "card.issue",
        "card.reprint_request",
        "card.revoke",
        "card.reprint_approve",
        "access.denied",
    ):
        assert action in log
    assert verify_audit(ctx).ok


def test_reprint_request_waits_for_a_supervisor(ctx: Any, officer: Actor, supervisor: Actor) -> None:
    (number,) = enrol(ctx, officer)
    with pytest.raises(DomainError) as err:
        cards.request_reprint(ctx, officer, number, reason="rusak")
    assert err.value.issues[0].code == "card.none_issued"
    cards.issue_card(ctx, officer, number)
    req = cards.request_reprint(ctx, officer, number, reason="perubahan_data", note="alamat pindah")
    assert req.status == "pending" and req.old_serial == f"{number}-1"
    with pytest.raises(DomainError):
        cards.request_reprint(ctx, officer, number, reason="rusak")
    assert [r.id for r in cards.pending_reprints(ctx)] == [req.id]

    issued = cards.approve_reprint(
        ctx, req.id, approver_username="siti", approver_password=SUPERVISOR_PASSWORD
    )
    assert issued.card.serial == f"{number}-2" and issued.card.issued_by == "budi"
    assert cards.pending_reprints(ctx) == []
    with pytest.raises(DomainError):
        cards.approve_reprint(ctx, req.id, approver_username="siti", approver_password=SUPERVISOR_PASSWORD)

    other = cards.request_reprint(ctx, officer, number, reason="rusak")
    with pytest.raises(PermissionDeniedError):
        cards.reject_reprint(ctx, officer, other.id)
    rejected = cards.reject_reprint(ctx, supervisor, other.id, note="kartu masih baik")
    assert rejected.status == "rejected" and rejected.decided_by == "siti"


def test_spoiled_print_is_recorded_revoked_and_only_on_the_day(
    ctx: Any, officer: Actor, clock: FakeClock
) -> None:
    a, b = enrol(ctx, officer, 2)
    first = cards.issue_card(ctx, officer, a)
    with pytest.raises(DomainError):
        cards.spoil_card(ctx, officer, first.card.serial, "x")
    spoiled = cards.spoil_card(ctx, officer, first.card.serial, "printer macet")
    assert (spoiled.status, spoiled.status_note, spoiled.status_by) == ("spoiled", "printer macet", "budi")
    check = cards.verify_card_text(ctx, first.face.qr_text)
    assert (check.reason, check.member.card_status if check.member else None) == ("revoked", "spoiled")
    assert "RUSAK CETAK" in check.message
    again = cards.issue_card(ctx, officer, a)  # no approval needed: the spoiled card never left the counter
    assert again.card.serial == f"{a}-2"
    with pytest.raises(DomainError) as err:
        cards.spoil_card(ctx, officer, first.card.serial, "lagi")
    assert err.value.issues[0].code == "card.not_issued"

    late = cards.issue_card(ctx, officer, b)
    clock.advance(days=1)
    with pytest.raises(DomainError) as err:
        cards.spoil_card(ctx, officer, late.card.serial, "printer macet")
    assert err.value.issues[0].code == "card.spoil_late"
    assert "card.spoil" in actions(ctx)


def test_signing_key_is_private_and_published_for_sibling_counters(
    ctx: Any, officer: Actor, home: Any
) -> None:
    (number,) = enrol(ctx, officer)
    issued = cards.issue_card(ctx, officer, number)
    key_file = ctx.paths.keys / "card-signing" / f"{issued.card.key_id}.key"
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    row = ctx.read(
        lambda s: s.execute(
            select(CardKey.origin, CardKey.branch_code).where(CardKey.key_id == issued.card.key_id)
        ).one()
    )
    assert tuple(row) == ("own", "101")
    raw_private = key_file.read_text().strip()
    for value in ctx.read(lambda s: [r.public_key for r in s.execute(select(CardKey)).scalars()]):
        assert raw_private not in value

    # A second counter with its own keys folder, on the same database, trusts the first's cards.
    # (Counters sharing a database share the audit key: IT copies it with `loket audit key`.)
    second = home.parent / "counter-2"
    (second / "keys").mkdir(parents=True)
    shutil.copy(ctx.paths.keys / "audit.key", second / "keys" / "audit.key")
    other = open_app(
        f"sqlite:///{ctx.engine.url.database}",
        home=second,
        clock=ctx.clock,
        counter="LOKET-2",
    )
    try:
        assert cards.verify_card_text(other.ctx, issued.face.qr_text).valid
    finally:
        other.ctx.engine.dispose()


def test_cards_of_another_branch_verify_after_importing_its_key_and_after_rotation(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Any, clock: FakeClock
) -> None:
    far = open_app(home=tmp_path / "branch-202", clock=clock, counter="LOKET-202")
    try:
        setup_branch(far.ctx, code="202", name="KCP Prabumulih", timezone="Asia/Jakarta")
        from app.services import auth

        auth.create_first_supervisor(far.ctx, username="rina", full_name="Rina", password=SUPERVISOR_PASSWORD)
        rina = auth.login(far.ctx, "rina", SUPERVISOR_PASSWORD)
        (far_number,) = enrol(far.ctx, rina)
        far_card = cards.issue_card(far.ctx, rina, far_number)

        unknown = cards.verify_card_text(ctx, far_card.face.qr_text)
        assert (unknown.valid, unknown.reason, unknown.key_id) == (False, "unknown_key", far_card.card.key_id)
        assert unknown.member is None

        exported = card_keys.export_keys(far.ctx)
        with pytest.raises(PermissionDeniedError):
            card_keys.import_keys(ctx, officer, exported)
        added = card_keys.import_keys(ctx, supervisor, exported)
        assert [k.key_id for k in added] == [far_card.card.key_id]
        assert card_keys.import_keys(ctx, supervisor, exported) == []
        known = cards.verify_card_text(ctx, far_card.face.qr_text)
        assert known.valid and known.issuer == "KCP Prabumulih (202)" and known.member is None

        # Rotation: new cards get the new key, old cards keep verifying everywhere that imports --all.
        new_key, old_id = card_keys.rotate_key(far.ctx, rina)
        assert old_id == far_card.card.key_id and new_key.key_id != old_id
        assert not (far.ctx.paths.keys / "card-signing" / f"{old_id}.key").exists()
        assert cards.verify_card_text(far.ctx, far_card.face.qr_text).valid
        far_new = cards.reprint_card(
            far.ctx,
            rina,
            far_number,
            reason="rusak",
            approver_username="rina",
            approver_password=SUPERVISOR_PASSWORD,
        )
        assert far_new.card.key_id == new_key.key_id
        everything = card_keys.export_keys(far.ctx, include_all=True)
        assert {k["key_id"] for k in everything} == {old_id, new_key.key_id}
        assert next(k for k in everything if k["key_id"] == old_id)["retired_at"] is not None
        assert cards.verify_card_text(ctx, far_new.face.qr_text).reason == "unknown_key"
        assert [k.key_id for k in card_keys.import_keys(ctx, supervisor, everything)] == [new_key.key_id]
        assert cards.verify_card_text(ctx, far_new.face.qr_text).valid

        tampered = dict(exported[0], key_id="00000000")
        with pytest.raises(DomainError) as err:
            card_keys.import_keys(ctx, supervisor, tampered)
        assert err.value.issues[0].code == "card_key.file"
        assert {"card_key.create", "card_key.rotate"} <= set(actions(far.ctx))
        assert verify_audit(far.ctx).ok
    finally:
        far.ctx.engine.dispose()
    assert "card_key.import" in actions(ctx)
