"""Membership cards: serials, the signed Claim 169 QR payload, and what a scanned QR proves.

The QR follows MOSIP Claim 169 (CWT in COSE_Sign1, Ed25519, zlib, Base45) so any reader of the
standard can decode it. Claim 169 has no field for programmes or card serials, so we map:

=================  =============================  =====================================
card               Claim 169 / CWT                example
=================  =============================  =====================================
membership number  169 → 1 ``id``                 ``10100000013``
card serial        169 → 2 ``version`` (the k-th  ``2`` (serial ``10100000013-2``)
                   card printed for this number)
name               169 → 4 ``fullName``           ``SITI AMINAH``
birth date         169 → 8 ``dateOfBirth``        ``19900805`` (the spec's YYYYMMDD)
programmes         169 → 22 ``legalStatus``       ``JKK JKM JHT``
issue date         CWT 6 ``iat``                  seconds since 1970, UTC
expiry (optional)  CWT 4 ``exp``                  absent on our cards
key id             COSE protected header 4 kid    4 bytes, shown as 8 hex digits
=================  =============================  =====================================

The NIK is never in the QR. The QR must fit version 11 at error correction M; a name so long that
it would not (only a PU member with five programmes and a name over ~93 characters) is shortened in
the QR only: the card prints it in full.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass

import claim169

from app.domain import cardcode
from app.domain.membership import MembershipNumber, parse_number
from app.domain.reference import PROGRAMMES

KEY_ID_BYTES = 4
# QR version 11 at error correction M holds 366 alphanumeric characters = 244 Base45 bytes.
QR_MAX_VERSION = 11
QR_MAX_STREAM_BYTES = 244

REPRINT_REASONS = {
    "hilang": "Kartu hilang",
    "rusak": "Kartu rusak",
    "perubahan_data": "Perubahan data peserta",
}

CARD_STATUS_LABELS = {
    "issued": "Berlaku",
    "revoked": "Dicabut (sudah diganti)",
    "spoiled": "Rusak cetak (tidak berlaku)",
}

# Reasons a scanned card is not valid, in the order they are checked.
REASONS = ("malformed", "unknown_key", "bad_signature", "revoked", "expired")

_SERIAL = re.compile(r"(\d{11})-([1-9]\d{0,5})")


def key_id_for(public_key: bytes) -> str:
    """The key id printed on cards and carried in the QR: SHA-256 of the raw public key, 4 bytes."""
    if len(public_key) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return hashlib.sha256(public_key).digest()[:KEY_ID_BYTES].hex()


def card_serial(number: str, seq: int) -> str:
    """Serial of the ``seq``-th card printed for ``number`` (1 for the first): ``10100000013-1``."""
    if seq < 1:
        raise ValueError("card sequence starts at 1")
    return f"{number}-{seq}"


def parse_serial(text: str) -> tuple[str, int] | None:
    m = _SERIAL.fullmatch(text.strip())
    if not m or not isinstance(parse_number(m.group(1)), MembershipNumber):
        return None
    return m.group(1), int(m.group(2))


@dataclass(frozen=True, slots=True)
class CardClaims:
    """What a card's QR says, signed by the issuing branch."""

    number: str
    name: str
    birth_date: dt.date
    programmes: tuple[str, ...]
    serial: str
    issued_at: dt.datetime  # aware; the QR keeps whole seconds
    key_id: str
    expires_at: dt.datetime | None = None

    @property
    def seq(self) -> int:
        return int(self.serial.rsplit("-", 1)[1])


def _claim_input(claims: CardClaims, name: str) -> tuple[claim169.Claim169Input, claim169.CwtMetaInput]:
    data = claim169.Claim169Input(
        id=claims.number,
        version=str(claims.seq),
        full_name=name,
        date_of_birth=claims.birth_date.strftime("%Y%m%d"),
        legal_status=" ".join(claims.programmes),
    )
    meta = claim169.CwtMetaInput()
    meta.issued_at = int(claims.issued_at.timestamp())
    if claims.expires_at is not None:
        meta.expires_at = int(claims.expires_at.timestamp())
    return data, meta


def _sign_cose(claims: CardClaims, name: str, sign: Callable[[bytes], bytes]) -> bytes:
    data, meta = _claim_input(claims, name)
    text = claim169.encode_with_signer(
        data,
        meta,
        lambda _alg, _kid, message: sign(message),
        "EdDSA",
        key_id=bytes.fromhex(claims.key_id),
    )
    # claim169 compresses with its own zlib settings; keep its COSE bytes, re-wrap in our one form.
    return zlib.decompress(cardcode.b45decode(text))


def encode_card(claims: CardClaims, sign: Callable[[bytes], bytes]) -> str:
    """The QR text for ``claims``, signed by ``sign`` (Ed25519 over the COSE Sig_structure)."""
    if any(p not in PROGRAMMES for p in claims.programmes):
        raise ValueError("unknown programme")
    if claims.issued_at.tzinfo is None:
        raise ValueError("issued_at must be aware")
    name = claims.name
    for _ in range(4):
        cose = _sign_cose(claims, name, sign)
        excess = cardcode.qr_bytes_for(len(cose)) - QR_MAX_STREAM_BYTES
        if excess <= 0:
            return cardcode.wrap(cose)
        name = shorten_utf8(name, len(name.encode("utf-8")) - excess)
    raise ValueError("card payload does not fit the QR")  # pragma: no cover - budget guarantees a fit


def shorten_utf8(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, at a character boundary, right-stripped."""
    raw = text.encode("utf-8")[: max(0, max_bytes)]
    return raw.decode("utf-8", errors="ignore").rstrip()


# --- verification --------------------------------------------------------------------------------


MESSAGES = {
    "valid": "Kartu SAH: tanda tangan digital cocok dan kartu masih berlaku.",
    "malformed": "Kode QR tidak terbaca sebagai kartu peserta (rusak, terpotong, atau bukan kartu Loket).",
    "unknown_key": (
        "Kartu ditandatangani dengan kunci {key_id} yang belum dikenal di loket ini. "
        "Minta kunci publik cabang penerbit lalu impor (loket keys import)."
    ),
    "bad_signature": "Tanda tangan digital TIDAK cocok: isi kartu telah diubah atau kartu palsu.",
    "revoked": "Kartu seri {serial} sudah DICABUT (diganti kartu baru atau rusak cetak). Tidak berlaku.",
    "expired": "Masa berlaku kartu habis pada {expires}.",
}


@dataclass(frozen=True, slots=True)
class CardCheck:
    """The verdict on a scanned QR. ``claims`` is set only when the signature verified."""

    valid: bool
    reason: str | None  # None when valid, else one of REASONS
    message: str
    claims: CardClaims | None = None
    key_id: str | None = None


def _fail(
    reason: str, *, key_id: str | None = None, claims: CardClaims | None = None, **fmt: str
) -> CardCheck:
    return CardCheck(False, reason, MESSAGES[reason].format(key_id=key_id or "?", **fmt), claims, key_id)


def clean_scan(text: str) -> str:
    """What a USB scanner or a paste delivers, without line ends (Base45 itself contains spaces)."""
    return text.strip("\r\n\t\x00")


def _claims_from(result: claim169.DecodeResult, key_id: str) -> CardClaims | None:
    c, meta = result.claim169, result.cwt_meta
    if c.id is None or not isinstance(parse_number(c.id), MembershipNumber) or len(c.id) != 11:
        return None
    if c.version is None or not c.version.isdigit() or c.version.startswith("0") or len(c.version) > 6:
        return None
    try:
        birth = dt.datetime.strptime(c.date_of_birth or "", "%Y%m%d").date()
    except ValueError:
        return None
    programmes = tuple((c.legal_status or "").split(" "))
    if (
        not programmes
        or any(p not in PROGRAMMES for p in programmes)
        or len(set(programmes)) != len(programmes)
    ):
        return None
    if meta.issued_at is None or not c.full_name:
        return None
    expires = dt.datetime.fromtimestamp(meta.expires_at, dt.UTC) if meta.expires_at is not None else None
    return CardClaims(
        number=c.id,
        name=c.full_name,
        birth_date=birth,
        programmes=programmes,
        serial=card_serial(c.id, int(c.version)),
        issued_at=dt.datetime.fromtimestamp(meta.issued_at, dt.UTC),
        key_id=key_id,
        expires_at=expires,
    )


def verify_card(
    text: str,
    *,
    trusted: Mapping[str, bytes],
    revoked: Container[str],
    now: dt.datetime,
) -> CardCheck:
    """Check a scanned QR against the trusted public keys (key id → raw Ed25519 key) and the
    revocation list (serials). Reasons are checked in the order of :data:`REASONS`."""
    if now.tzinfo is None:
        raise ValueError("now must be aware")
    text = clean_scan(text)
    try:
        cose = cardcode.unwrap(text)
        info = claim169.inspect(text)
    except (cardcode.CodecError, claim169.Claim169Exception):
        return _fail("malformed")
    if info.algorithm != "EdDSA" or info.key_id is None or len(info.key_id) != KEY_ID_BYTES:
        return _fail("malformed")
    key_id = info.key_id.hex()
    public_key = trusted.get(key_id)
    if public_key is None:
        return _fail("unknown_key", key_id=key_id)
    try:
        result = claim169.decode_with_ed25519(text, public_key, validate_timestamps=False)
    except claim169.SignatureError:
        return _fail("bad_signature", key_id=key_id)
    except (claim169.Claim169Exception, ValueError):
        return _fail("malformed", key_id=key_id)
    if not result.is_verified() or len(cose.signature) != cardcode.ED25519_SIGNATURE_LEN:
        return _fail("bad_signature", key_id=key_id)
    claims = _claims_from(result, key_id)
    if claims is None:
        return _fail("malformed", key_id=key_id)
    if claims.serial in revoked:
        return _fail("revoked", key_id=key_id, claims=claims, serial=claims.serial)
    if claims.expires_at is not None and now >= claims.expires_at:
        return _fail("expired", key_id=key_id, claims=claims, expires=f"{claims.expires_at:%d-%m-%Y}")
    return CardCheck(True, None, MESSAGES["valid"], claims, key_id)
