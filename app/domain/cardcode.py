"""The card QR's outer layers, read strictly: Base45, a stored zlib stream and the COSE_Sign1 envelope.

Claim 169 wraps a signed COSE_Sign1 in zlib and Base45. Only the COSE content is signed, so a lax
reader would accept many texts for one signature (another zlib header, other padding bits, a longer
CBOR length head). We write exactly one form and accept only that form: every character of the QR
text is then covered either by the signature or by an exact structural rule, and a single changed
character can never verify.

- Base45 (RFC 9285): groups above 65535 (or 255 for a final pair) are refused.
- zlib: one *stored* deflate block (header ``78 01``, ``LEN``/``NLEN``, Adler-32). Card payloads
  are ~150–230 bytes of mostly signature and name, which deflate barely shrinks, and a stored block
  has one encoding only, independent of the zlib build on the machine.
- COSE_Sign1: tag 18, a 4-array of protected bstr, an empty unprotected map, payload bstr and a
  64-byte signature, all with minimal CBOR heads and nothing after them.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ZLIB_STORED_HEADER = b"\x78\x01"  # deflate, 32 KiB window, FLEVEL 0 ("fastest"), FCHECK ok
_FINAL_STORED_BLOCK = b"\x01"  # BFINAL=1, BTYPE=00, padding bits 0
ED25519_SIGNATURE_LEN = 64


class CodecError(ValueError):
    """The text is not in the one form our cards are written in."""


# --- Base45 ----------------------------------------------------------------------------------


def b45encode(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, rest = divmod(n, 2025)
        d, c = divmod(rest, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise CodecError("base45 length")
    try:
        values = [_VALUE[ch] for ch in text]
    except KeyError as exc:
        raise CodecError("base45 character") from exc
    out = bytearray()
    full = len(values) - len(values) % 3
    for i in range(0, full, 3):
        n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if n > 0xFFFF:
            raise CodecError("base45 group")
        out += n.to_bytes(2, "big")
    if full < len(values):
        n = values[full] + values[full + 1] * 45
        if n > 0xFF:
            raise CodecError("base45 group")
        out.append(n)
    return bytes(out)


# --- zlib, one stored block -------------------------------------------------------------------


def zlib_stored(data: bytes) -> bytes:
    if len(data) > 0xFFFF:
        raise ValueError("payload too large for one stored block")
    n = len(data)
    return (
        _ZLIB_STORED_HEADER
        + _FINAL_STORED_BLOCK
        + struct.pack("<HH", n, n ^ 0xFFFF)
        + data
        + struct.pack(">I", zlib.adler32(data))
    )


def zlib_unstored(stream: bytes) -> bytes:
    """The data of a stream written by :func:`zlib_stored`; anything else is refused."""
    if len(stream) < 11 or stream[:3] != _ZLIB_STORED_HEADER + _FINAL_STORED_BLOCK:
        raise CodecError("zlib header")
    n, n_complement = struct.unpack_from("<HH", stream, 3)
    if n ^ 0xFFFF != n_complement or len(stream) != 7 + n + 4:
        raise CodecError("zlib block length")
    data = stream[7 : 7 + n]
    if struct.unpack_from(">I", stream, 7 + n)[0] != zlib.adler32(data):
        raise CodecError("zlib checksum")
    return data


# --- COSE_Sign1 envelope --------------------------------------------------------------------------


def _bstr_head(n: int) -> bytes:
    if n < 24:
        return bytes([0x40 + n])
    if n < 0x100:
        return bytes([0x58, n])
    return bytes([0x59]) + n.to_bytes(2, "big")


def _read_bstr(buf: bytes, pos: int) -> tuple[bytes, int]:
    if pos >= len(buf):
        raise CodecError("cbor truncated")
    head = buf[pos]
    if 0x40 <= head <= 0x57:
        n, pos = head - 0x40, pos + 1
    elif head == 0x58 and pos + 1 < len(buf):
        n, pos = buf[pos + 1], pos + 2
        if n < 24:
            raise CodecError("cbor head not minimal")
    elif head == 0x59 and pos + 2 < len(buf):
        n, pos = int.from_bytes(buf[pos + 1 : pos + 3], "big"), pos + 3
        if n < 0x100:
            raise CodecError("cbor head not minimal")
    else:
        raise CodecError("cbor byte string expected")
    if pos + n > len(buf):
        raise CodecError("cbor truncated")
    return buf[pos : pos + n], pos + n


@dataclass(frozen=True, slots=True)
class CoseSign1:
    """A signed card payload (COSE_Sign1) in the one strict CBOR encoding the card QR carries."""

    protected: bytes
    payload: bytes
    signature: bytes

    def encode(self) -> bytes:
        return b"".join(
            (
                b"\xd2\x84",
                _bstr_head(len(self.protected)),
                self.protected,
                b"\xa0",
                _bstr_head(len(self.payload)),
                self.payload,
                _bstr_head(len(self.signature)),
                self.signature,
            )
        )


def parse_cose_sign1(data: bytes) -> CoseSign1:
    """Tag 18, [protected bstr, {} , payload bstr, 64-byte signature], minimal heads, no tail."""
    if data[:2] != b"\xd2\x84":
        raise CodecError("cose envelope")
    protected, pos = _read_bstr(data, 2)
    if data[pos : pos + 1] != b"\xa0":
        raise CodecError("cose unprotected header")
    payload, pos = _read_bstr(data, pos + 1)
    signature, pos = _read_bstr(data, pos)
    if len(signature) != ED25519_SIGNATURE_LEN or pos != len(data):
        raise CodecError("cose signature")
    return CoseSign1(protected, payload, signature)


# --- the whole text ------------------------------------------------------------------------------


def wrap(cose: bytes) -> str:
    """COSE bytes → the QR text."""
    return b45encode(zlib_stored(cose))


def unwrap(text: str) -> CoseSign1:
    """The QR text → its COSE_Sign1, refusing every form we do not write."""
    return parse_cose_sign1(zlib_unstored(b45decode(text)))


def qr_bytes_for(cose_len: int) -> int:
    """Length of the Base45-decoded stream for a COSE message of ``cose_len`` bytes."""
    return cose_len + 11
