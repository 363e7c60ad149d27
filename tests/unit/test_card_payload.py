"""The signed card QR: what it holds, how big it gets, and that no tampering verifies."""

from __future__ import annotations

import datetime as dt
import string

import claim169
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import cardcode
from app.domain.cards import (
    QR_MAX_VERSION,
    REASONS,
    CardClaims,
    card_serial,
    encode_card,
    key_id_for,
    parse_serial,
    verify_card,
)
from app.domain.membership import make_number
from app.pdf.qr import version_for

ISSUED = dt.datetime(2026, 11, 23, 3, 0, 5, tzinfo=dt.UTC)
LATER = ISSUED + dt.timedelta(days=30)
NUMBER = make_number("101", 1).value


def _keypair() -> tuple[Ed25519PrivateKey, bytes, str]:
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return private, public, key_id_for(public)


PRIVATE, PUBLIC, KEY_ID = _keypair()
TRUSTED = {KEY_ID: PUBLIC}


def claims(**overrides: object) -> CardClaims:
    data: dict[str, object] = {
        "number": NUMBER,
        "name": "SITI AMINAH",
        "birth_date": dt.date(1990, 8, 5),
        "programmes": ("JKK", "JKM", "JHT"),
        "serial": card_serial(NUMBER, 1),
        "issued_at": ISSUED,
        "key_id": KEY_ID,
    }
    data.update(overrides)
    return CardClaims(**data)  # type: ignore[arg-type]


TEXT = encode_card(claims(), PRIVATE.sign)


def test_a_card_verifies_and_reads_back_what_was_signed() -> None:
    check = verify_card(TEXT, trusted=TRUSTED, revoked=set(), now=LATER)
    assert check.valid and check.reason is None and check.key_id == KEY_ID
    assert check.claims == claims()


def test_any_claim169_reader_decodes_it_with_our_public_key() -> None:
    result = claim169.decode(TEXT, verify_with_ed25519=PUBLIC)
    assert result.is_verified()
    c = result.claim169
    assert (c.id, c.full_name, c.date_of_birth, c.legal_status, c.version) == (
        NUMBER,
        "SITI AMINAH",
        "19900805",
        "JKK JKM JHT",
        "1",
    )
    assert result.cwt_meta.issued_at == int(ISSUED.timestamp())
    assert claim169.inspect(TEXT).key_id == bytes.fromhex(KEY_ID)
    assert result.detected_compression == "zlib"


def test_the_qr_never_holds_a_nik() -> None:
    decoded = claim169.decode(TEXT, verify_with_ed25519=PUBLIC).claim169.to_dict()
    assert "1610014508900003" not in str(decoded)
    assert set(decoded) == {"id", "version", "fullName", "dateOfBirth", "legalStatus"}


@pytest.mark.parametrize(
    ("name", "programmes", "seq"),
    [
        ("A", ("JKK", "JKM"), 1),
        ("N" * 100, ("JKK", "JKM", "JHT"), 9),
        ("MUHAMMAD " * 11 + "A", ("JKK", "JKM", "JHT", "JP", "JKP"), 999_999),
        ("É" * 100, ("JKK", "JKM", "JHT", "JP", "JKP"), 999_999),  # two bytes a letter in UTF-8
    ],
)
def test_every_card_fits_qr_version_11_at_level_m(name: str, programmes: tuple[str, ...], seq: int) -> None:
    text = encode_card(
        claims(name=name[:100], programmes=programmes, serial=card_serial(NUMBER, seq)), PRIVATE.sign
    )
    assert version_for(text, "M") <= QR_MAX_VERSION
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER)
    assert check.valid and check.claims is not None
    assert name[:100].startswith(check.claims.name)


def test_a_100_character_name_is_kept_whole_for_a_bpu_card() -> None:
    name = "N" * 100
    text = encode_card(claims(name=name), PRIVATE.sign)
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER)
    assert check.claims is not None and check.claims.name == name


_ALPHABET = cardcode.ALPHABET + string.ascii_lowercase + "\n\t#\"'<>&\u00e9\u200b"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_single_character_change_of_the_qr_text_is_rejected(data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(TEXT) - 1))
    ch = data.draw(st.sampled_from(_ALPHABET).filter(lambda c: c != TEXT[i]))
    mutated = TEXT[:i] + ch + TEXT[i + 1 :]
    check = verify_card(mutated, trusted=TRUSTED, revoked=set(), now=LATER)
    assert not check.valid and check.reason in REASONS


_COSE = cardcode.unwrap(TEXT).encode()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_single_byte_change_of_the_signed_message_is_rejected(data: st.DataObject) -> None:
    """Change one byte of the COSE message, then wrap it correctly again: still refused."""
    i = data.draw(st.integers(0, len(_COSE) - 1))
    mutated = bytearray(_COSE)
    mutated[i] ^= data.draw(st.integers(1, 255))
    check = verify_card(cardcode.wrap(bytes(mutated)), trusted=TRUSTED, revoked=set(), now=LATER)
    assert not check.valid and check.reason in REASONS


def test_single_byte_changes_everywhere_exhaustively_on_one_position_set() -> None:
    """Besides the random search: every position of the text, one fixed replacement each."""
    for i, original in enumerate(TEXT):
        ch = "0" if original != "0" else "1"
        check = verify_card(TEXT[:i] + ch + TEXT[i + 1 :], trusted=TRUSTED, revoked=set(), now=LATER)
        assert not check.valid, i


def test_a_card_signed_by_an_unknown_key_is_rejected_with_its_key_id() -> None:
    other, _public, other_id = _keypair()
    text = encode_card(claims(key_id=other_id), other.sign)
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER)
    assert (check.valid, check.reason, check.key_id, check.claims) == (False, "unknown_key", other_id, None)
    assert other_id in check.message


def test_a_forgery_naming_our_key_id_has_a_bad_signature() -> None:
    forger, _public, _ = _keypair()
    text = encode_card(claims(), forger.sign)
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER)
    assert (check.valid, check.reason, check.claims) == (False, "bad_signature", None)


def test_a_revoked_serial_is_rejected_and_revocation_outranks_expiry() -> None:
    check = verify_card(TEXT, trusted=TRUSTED, revoked={card_serial(NUMBER, 1)}, now=LATER)
    assert (check.valid, check.reason) == (False, "revoked")
    assert check.claims is not None and card_serial(NUMBER, 1) in check.message
    expired = encode_card(claims(expires_at=ISSUED + dt.timedelta(days=1)), PRIVATE.sign)
    assert (
        verify_card(expired, trusted=TRUSTED, revoked={card_serial(NUMBER, 1)}, now=LATER).reason == "revoked"
    )


def test_an_expired_card_is_rejected_after_its_expiry_only() -> None:
    expires = ISSUED + dt.timedelta(days=10)
    text = encode_card(claims(expires_at=expires), PRIVATE.sign)
    assert verify_card(text, trusted=TRUSTED, revoked=set(), now=expires - dt.timedelta(seconds=1)).valid
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=expires)
    assert (check.valid, check.reason) == (False, "expired")
    assert "03-12-2026" in check.message


@pytest.mark.parametrize(
    "text", ["", "HELLO", "hello world", "10100000013", TEXT[:-3], TEXT + "A", "6BF" * 80]
)
def test_garbage_is_malformed(text: str) -> None:
    check = verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER)
    assert (check.valid, check.reason) == (False, "malformed")


def test_scanner_line_ends_are_ignored() -> None:
    assert verify_card(TEXT + "\r\n", trusted=TRUSTED, revoked=set(), now=LATER).valid


def test_claim169_defaults_would_not_be_accepted() -> None:
    """A card re-encoded the way claim169 compresses by default is not in our one form."""
    data = claim169.Claim169Input(
        id=NUMBER, full_name="X", date_of_birth="19900805", version="1", legal_status="JKK"
    )
    meta = claim169.CwtMetaInput()
    meta.issued_at = int(ISSUED.timestamp())
    text = claim169.encode_with_signer(
        data, meta, lambda _a, _k, m: PRIVATE.sign(m), "EdDSA", key_id=bytes.fromhex(KEY_ID)
    )
    assert verify_card(text, trusted=TRUSTED, revoked=set(), now=LATER).reason == "malformed"


def test_serials() -> None:
    assert card_serial(NUMBER, 2) == f"{NUMBER}-2"
    assert parse_serial(f"{NUMBER}-2") == (NUMBER, 2)
    for bad in (f"{NUMBER}-0", f"{NUMBER}-", "10100000012-1", f"{NUMBER}-01", "x"):
        assert parse_serial(bad) is None
    with pytest.raises(ValueError):
        card_serial(NUMBER, 0)


def test_key_ids_are_stable_and_short() -> None:
    assert key_id_for(bytes(32)) == key_id_for(bytes(32))
    assert len(KEY_ID) == 8 and int(KEY_ID, 16) >= 0
    with pytest.raises(ValueError):
        key_id_for(bytes(31))
