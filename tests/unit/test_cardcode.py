"""The card QR's outer layers: Base45 (RFC 9285), one stored zlib block, a strict COSE envelope."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import cardcode
from app.domain.cardcode import CodecError, CoseSign1


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
        (b"", ""),
    ],
)
def test_base45_matches_rfc_9285_examples(raw: bytes, text: str) -> None:
    assert cardcode.b45encode(raw) == text
    assert cardcode.b45decode(text) == raw


@given(st.binary(max_size=300))
def test_base45_round_trips(raw: bytes) -> None:
    assert cardcode.b45decode(cardcode.b45encode(raw)) == raw


@pytest.mark.parametrize(
    "text",
    [
        "A",  # a lone character encodes nothing
        "ABCD",
        "GGW",  # 16 + 16·45 + 32·45² = 65536: more than two bytes hold
        "::",  # 44 + 44·45 = 2024: more than one byte holds
        "abc",  # lower case is not Base45
        "AB?",
    ],
)
def test_base45_refuses_what_no_encoder_writes(text: str) -> None:
    with pytest.raises(CodecError):
        cardcode.b45decode(text)


@given(st.binary(max_size=2000))
def test_stored_zlib_is_ordinary_zlib(data: bytes) -> None:
    stream = cardcode.zlib_stored(data)
    assert zlib.decompress(stream) == data
    assert cardcode.zlib_unstored(stream) == data


@given(st.binary(min_size=1, max_size=200), st.data())
def test_stored_zlib_refuses_any_changed_byte(data: bytes, draw: st.DataObject) -> None:
    stream = bytearray(cardcode.zlib_stored(data))
    i = draw.draw(st.integers(0, len(stream) - 1))
    stream[i] ^= draw.draw(st.integers(1, 255))
    with pytest.raises(CodecError):
        cardcode.zlib_unstored(bytes(stream))


def test_stored_zlib_refuses_compressed_streams() -> None:
    with pytest.raises(CodecError):
        cardcode.zlib_unstored(zlib.compress(b"x" * 50))


@given(st.binary(max_size=40), st.binary(max_size=400), st.binary(min_size=64, max_size=64))
def test_cose_envelope_round_trips(protected: bytes, payload: bytes, signature: bytes) -> None:
    msg = CoseSign1(protected, payload, signature)
    assert cardcode.parse_cose_sign1(msg.encode()) == msg


def test_cose_envelope_refuses_long_heads_tails_and_other_shapes() -> None:
    good = CoseSign1(b"\xa1\x01\x27", b"payload", bytes(64)).encode()
    assert cardcode.parse_cose_sign1(good).payload == b"payload"
    non_minimal = good.replace(b"\x47payload", b"\x58\x07payload")
    for bad in (
        good + b"\x00",
        good[:-1],
        b"\x84" + good[1:],
        non_minimal,
        good.replace(b"\xa0", b"\xa1\x01\x01"),
    ):
        with pytest.raises(CodecError):
            cardcode.parse_cose_sign1(bad)
    with pytest.raises(CodecError):
        cardcode.parse_cose_sign1(CoseSign1(b"", b"p", bytes(63)).encode())
