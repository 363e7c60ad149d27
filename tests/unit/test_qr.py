"""Our fixed-mask QR encoder draws exactly the matrix the ``qrcode`` package draws."""

from __future__ import annotations

import string
from typing import Any

import pytest
import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode.util import MODE_8BIT_BYTE, MODE_ALPHA_NUM, QRData

from app.pdf.qr import _EC, FIXED_MASK, qr_matrix, qr_ops, version_for

ALNUM = string.digits + string.ascii_uppercase + " $%*+-./:"


def reference(text: str, ec: str) -> tuple[int, list[list[bool]]]:
    raw = text.encode("utf-8")
    mode = MODE_ALPHA_NUM if raw and all(chr(b) in ALNUM for b in raw) else MODE_8BIT_BYTE
    code: Any = qrcode.QRCode(error_correction=_EC[ec], border=0, mask_pattern=FIXED_MASK)
    code.add_data(QRData(raw, mode=mode, check_data=False))
    code.make(fit=True)
    return code.version, [[bool(m) for m in row] for row in code.modules]


def from_ops(ops: str, n: int) -> list[list[bool]]:
    grid = [[False] * n for _ in range(n)]
    for op in ops.splitlines():
        x, y, w, h, name = op.split()
        assert name == "re" and h == "1"
        for c in range(int(x), int(x) + int(w)):
            grid[n - 1 - int(y)][c] = True
    return grid


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(ALNUM, min_size=1, max_size=400), st.text(min_size=1, max_size=150)),
    st.sampled_from("LMQH"),
)
def test_matrix_matches_qrcode(text: str, ec: str) -> None:
    version, matrix = reference(text, ec)
    assert version_for(text, ec) == version
    assert qr_matrix(text, ec) == matrix
    ops = qr_ops(text, ec)
    assert (ops.version, ops.modules) == (version, len(matrix))
    assert from_ops(ops.ops, ops.modules) == matrix


@pytest.mark.parametrize(
    ("length", "version"), [(262, 9), (263, 10), (311, 10), (312, 11), (366, 11), (367, 12)]
)
def test_alphanumeric_capacity_at_level_m(length: int, version: int) -> None:
    text = "A" * length
    assert version_for(text, "M") == version
    assert qr_matrix(text) == reference(text, "M")[1]
