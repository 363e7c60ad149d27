"""The one QR encoder of every Loket PDF: codes drawn as vector paths, encoded with a fixed mask, one
filled path per code.

Choosing the "best" mask costs about 80% of encoding in the ``qrcode`` package; any fixed mask
decodes everywhere, so we always use one. The rest of ``qrcode``'s work (bit buffers, polynomial
objects for Reed–Solomon, a module-by-module walk) is still ~3 ms for a card QR, so the encoder
here keeps ``qrcode``'s tables and its function patterns (built once per version) and does the
per-code work with integers: Reed–Solomon as a shift register over precomputed generator
multiples, and module placement along a precomputed path. The tests hold its matrix equal to
``qrcode``'s for the same mask.

The dark modules become one path of row runs in module units (small integers, so formatting is
cheap) filled once, which also avoids hairline seams. The work is split so a process pool can
compute :func:`qr_ops` and the main process only pastes the result onto its canvas
(:func:`draw_ops`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qrcode import QRCode, base, constants, util

FIXED_MASK = 2
_EC = {
    "L": constants.ERROR_CORRECT_L,
    "M": constants.ERROR_CORRECT_M,
    "Q": constants.ERROR_CORRECT_Q,
    "H": constants.ERROR_CORRECT_H,
}
_ALNUM_CHARS = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALNUM = {ch: i for i, ch in enumerate(_ALNUM_CHARS)}


@dataclass(frozen=True, slots=True)
class QrOps:
    """A QR as PDF path operators in module units (origin at the bottom-left module)."""

    version: int
    modules: int  # modules per side, without quiet zone
    ops: str


def _is_alnum(raw: bytes) -> bool:
    return bool(raw) and all(b in _ALNUM for b in raw)


def _data_bits(raw: bytes, alnum: bool) -> int:
    return len(raw) // 2 * 11 + len(raw) % 2 * 6 if alnum else 8 * len(raw)


def version_for(text: str, ec: str = "M") -> int:
    """The smallest QR version holding ``text`` in one segment at error correction ``ec``."""
    raw = text.encode("utf-8")
    alnum = _is_alnum(raw)
    mode = util.MODE_ALPHA_NUM if alnum else util.MODE_8BIT_BYTE
    level = _EC[ec]
    for start, stop in ((1, 10), (10, 27), (27, 41)):
        needed = 4 + util.length_in_bits(mode, start) + _data_bits(raw, alnum)
        version = bisect_left(util.BIT_LIMIT_TABLE[level], needed, start)
        if version < stop:
            return version
    raise ValueError("text too long for a QR code")


# --- Reed–Solomon over GF(256) -------------------------------------------------------------------


@lru_cache(maxsize=64)
def _rs_table(ecc: int) -> tuple[int, ...]:
    """For each feedback byte f: f × (generator without its leading 1), as one ``ecc``-byte int."""
    gen = [1]
    for i in range(ecc):  # multiply by (x - α^i); minus is plus in GF(2^8)
        root = base.gexp(i)
        nxt = [*gen, 0]
        for j, coef in enumerate(gen):
            if coef:
                nxt[j + 1] ^= base.gexp(base.glog(coef) + base.glog(root))
        gen = nxt
    tail = gen[1:]
    table = [0]
    for f in range(1, 256):
        lf = base.glog(f)
        row = 0
        for coef in tail:
            row = (row << 8) | (base.gexp(lf + base.glog(coef)) if coef else 0)
        table.append(row)
    return tuple(table)


def _ecc(data: bytes, ecc: int) -> bytes:
    table = _rs_table(ecc)
    shift = 8 * (ecc - 1)
    mask = (1 << (8 * ecc)) - 1
    reg = 0
    for byte in data:
        reg = ((reg << 8) & mask) ^ table[(reg >> shift) ^ byte]
    return reg.to_bytes(ecc, "big")


# --- function patterns and the data path, once per version/level/mask ------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    size: int
    template: bytes  # b"0"/b"1" per module, row by row; data modules hold the mask bit
    path: tuple[int, ...]  # flat indices of the data modules, in placement order
    blocks: tuple[tuple[int, int], ...]  # (data codewords, ecc codewords) per block
    data_codewords: int


@lru_cache(maxsize=32)
def _layout(version: int, level: int, mask: int) -> _Layout:
    code: Any = QRCode(version=version, error_correction=level, border=0, mask_pattern=mask)
    n = code.modules_count = version * 4 + 17
    code.modules = [[None] * n for _ in range(n)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(n - 7, 0)
    code.setup_position_probe_pattern(0, n - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(False, mask)
    if version >= 7:
        code.setup_type_number(False)
    masked = util.mask_func(mask)
    path: list[int] = []
    row, step = n - 1, -1
    for col in range(n - 1, 0, -2):  # the standard zig-zag, as qrcode's map_data walks it
        if col <= 6:
            col -= 1
        while 0 <= row < n:
            for c in (col, col - 1):
                if code.modules[row][c] is None:
                    path.append(row * n + c)
            row += step
        row -= step
        step = -step
    template = bytearray(49 if m else 48 for line in code.modules for m in line)  # b"1" / b"0"
    for idx in path:
        template[idx] = ord("1") if masked(idx // n, idx % n) else ord("0")
    blocks = tuple((b.data_count, b.total_count - b.data_count) for b in base.rs_blocks(version, level))
    return _Layout(n, bytes(template), tuple(path), blocks, sum(d for d, _ in blocks))


def _codewords(raw: bytes, alnum: bool, version: int, layout: _Layout) -> bytes:
    mode = util.MODE_ALPHA_NUM if alnum else util.MODE_8BIT_BYTE
    acc, nbits = mode, 4
    count_bits = util.length_in_bits(mode, version)
    acc, nbits = (acc << count_bits) | len(raw), nbits + count_bits
    if alnum:
        for i in range(0, len(raw) - 1, 2):
            acc = (acc << 11) | (_ALNUM[raw[i]] * 45 + _ALNUM[raw[i + 1]])
        nbits += len(raw) // 2 * 11
        if len(raw) % 2:
            acc, nbits = (acc << 6) | _ALNUM[raw[-1]], nbits + 6
    else:
        acc, nbits = (acc << (8 * len(raw))) | int.from_bytes(raw, "big"), nbits + 8 * len(raw)
    capacity = 8 * layout.data_codewords
    if nbits > capacity:
        raise ValueError("text does not fit this version")
    terminator = min(4, capacity - nbits)
    acc, nbits = acc << terminator, nbits + terminator
    pad = -nbits % 8
    acc, nbits = acc << pad, nbits + pad
    data = (
        acc.to_bytes(nbits // 8, "big")
        + (b"\xec\x11" * layout.data_codewords)[: layout.data_codewords - nbits // 8]
    )
    blocks, ecc_blocks, offset = [], [], 0
    for dc, ec in layout.blocks:
        block = data[offset : offset + dc]
        offset += dc
        blocks.append(block)
        ecc_blocks.append(_ecc(block, ec))
    out = bytearray()
    for group in (blocks, ecc_blocks):
        for i in range(max(len(b) for b in group)):
            out.extend(b[i] for b in group if i < len(b))
    return bytes(out)


def _modules(text: str, ec: str) -> tuple[int, int, bytes]:
    """(version, size, b"0"/b"1" per module row by row) for ``text``."""
    raw = text.encode("utf-8")
    version = version_for(text, ec)
    layout = _layout(version, _EC[ec], FIXED_MASK)
    words = _codewords(raw, _is_alnum(raw), version, layout)
    flat = bytearray(layout.template)
    bits = bin(int.from_bytes(words, "big") | (1 << (8 * len(words))))[3:]  # keep leading zeros
    # Data bit XOR mask bit: the template holds the mask bit at every data module.
    for idx, bit in zip(layout.path, bits, strict=False):
        if bit == "1":
            flat[idx] ^= 1  # b"0" <-> b"1"
    return version, layout.size, bytes(flat)


def qr_matrix(text: str, ec: str = "M") -> list[list[bool]]:
    """The modules of ``text``'s code, row by row from the top (True is dark)."""
    _version, n, flat = _modules(text, ec)
    return [[flat[r * n + c] == ord("1") for c in range(n)] for r in range(n)]


_X = tuple(f"{i} " for i in range(178))  # 177 modules at version 40
_W = tuple(f" {i} 1 re" for i in range(178))


def qr_ops(text: str, ec: str = "M") -> QrOps:
    """``text`` encoded (smallest version, fixed mask) as one path of dark row runs."""
    version, n, flat = _modules(text, ec)
    parts: list[str] = []
    add = parts.append
    for r in range(n):
        y = str(n - 1 - r)
        line = flat[r * n : (r + 1) * n]
        start = line.find(49)  # b"1"
        while start != -1:
            end = line.find(48, start)  # b"0"
            if end == -1:
                end = n
            add(_X[start] + y + _W[end - start])
            start = line.find(49, end)
    return QrOps(version, n, "\n".join(parts))


def qr_ops_batch(texts: Sequence[str]) -> list[QrOps]:
    """For a worker process: many codes at once (one round trip per chunk)."""
    return [qr_ops(t) for t in texts]


def draw_ops(canvas: Any, qr: QrOps, x: float, y: float, size: float) -> None:
    """Fill ``qr`` in black into the square of side ``size`` points with its lower-left corner at (x, y)."""
    scale = size / qr.modules
    canvas.addLiteral(f"q 0 0 0 rg {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm\n{qr.ops}\nf Q")


def draw_qr(canvas: Any, text: str, x: float, y: float, size: float) -> None:
    """Encode ``text`` and fill it, black, into the square of side ``size`` at (x, y)."""
    draw_ops(canvas, qr_ops(text), x, y, size)
