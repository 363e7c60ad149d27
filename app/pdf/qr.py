"""QR codes drawn as vector paths: encoded with a fixed mask, one filled path per code.

Choosing the "best" mask costs about 80% of encoding in the ``qrcode`` package; any fixed mask
decodes everywhere, so we always use one. The dark modules become one path of row runs in module
units (small integers, so formatting is cheap) filled once, which also avoids hairline seams.
The work is split so a process pool can compute :func:`qr_ops` and the main process only
pastes the result onto its canvas (:func:`draw_ops`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qrcode import QRCode, constants, util

FIXED_MASK = 2
_EC = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M, "Q": constants.ERROR_CORRECT_Q}
_ALNUM = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


@dataclass(frozen=True, slots=True)
class QrOps:
    """A QR as PDF path operators in module units (origin at the bottom-left module)."""

    version: int
    modules: int  # modules per side, without quiet zone
    ops: str


def _segment(text: str) -> util.QRData:
    raw = text.encode("utf-8")
    if raw and all(b in _ALNUM for b in raw):
        return util.QRData(raw, mode=util.MODE_ALPHA_NUM, check_data=False)
    return util.QRData(raw, mode=util.MODE_8BIT_BYTE, check_data=False)


def version_for(text: str, ec: str = "M") -> int:
    """The smallest QR version holding ``text`` in one segment at error correction ``ec``."""
    seg = _segment(text)
    level = _EC[ec]
    data_bits = (
        len(seg.data) // 2 * 11 + len(seg.data) % 2 * 6
        if seg.mode == util.MODE_ALPHA_NUM
        else 8 * len(seg.data)
    )
    for start, stop in ((1, 10), (10, 27), (27, 41)):
        needed = 4 + util.length_in_bits(seg.mode, start) + data_bits
        version = bisect_left(util.BIT_LIMIT_TABLE[level], needed, start)
        if version < stop:
            return version
    raise ValueError("text too long for a QR code")


def qr_matrix(text: str, ec: str = "M") -> list[list[bool]]:
    code: QRCode[Any] = QRCode(
        version=version_for(text, ec), error_correction=_EC[ec], border=0, mask_pattern=FIXED_MASK
    )
    code.add_data(_segment(text))
    code.make(fit=False)
    return [[bool(m) for m in row] for row in code.modules]


def qr_ops(text: str, ec: str = "M") -> QrOps:
    matrix = qr_matrix(text, ec)
    n = len(matrix)
    parts: list[str] = []
    for r, row in enumerate(matrix):
        y = n - 1 - r
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                parts.append(f"{start} {y} {c - start} 1 re")
            else:
                c += 1
    version = (n - 17) // 4
    return QrOps(version, n, "\n".join(parts))


def qr_ops_batch(texts: Sequence[str]) -> list[QrOps]:
    """For a worker process: many codes at once (one round trip per chunk)."""
    return [qr_ops(t) for t in texts]


def draw_ops(canvas: Any, qr: QrOps, x: float, y: float, size: float, color: str = "0 0 0") -> None:
    """Fill ``qr`` into the square of side ``size`` points with its lower-left corner at (x, y)."""
    scale = size / qr.modules
    canvas.addLiteral(f"q {color} rg {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm\n{qr.ops}\nf Q")
