"""From a photo or scan to a straight, card-sized KTP image: open safely, find the card, undo the perspective.

Pillow only (already shipped for ReportLab): the card is found on a small copy by its pale-blue print
against the surface under it, its four edges are fitted as lines, and their crossings are the corners.
"""

from __future__ import annotations

import io
import math
import warnings
from collections import deque
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from app.domain.ktp_geometry import Point, order_corners, perspective_coefficients, quad_area
from app.domain.ktp_layout import CARD_ASPECT

MAX_BYTES = 40 * 1024 * 1024  # a phone photo is 2–8 MB; a 40 MB "image" is not a KTP photo
MAX_PIXELS = 50_000_000  # refused before decoding (a decompression bomb is small on disk)
MIN_SIDE = 200  # below this no text on a card is readable
WORK_LONG_SIDE = 2000  # large photos are decoded at about this size (JPEG draft mode)
CARD_W, CARD_H = 1012, 638  # the straightened card, 300 dpi
_DETECT_W = 240


class KtpImageError(Exception):
    """The file cannot be read as a KTP picture. ``code`` is stable, ``message`` Indonesian."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Straightened:
    """A KTP photo cut and straightened to the card, with where its corners were found."""

    card: Image.Image  # RGB, CARD_W × CARD_H
    corners: tuple[Point, Point, Point, Point]  # in the opened image's pixels, TL TR BR BL
    found: bool  # False: no card edge was found, the whole image was taken as the card
    scale: float  # the opened image's size relative to the file's


def open_image(data: bytes | bytearray) -> tuple[Image.Image, float]:
    """Decode ``data`` into an RGB image, refusing what is not a sane picture; with its scale vs the file."""
    if len(data) > MAX_BYTES:
        raise KtpImageError("ktp.too_large", "Berkas terlalu besar untuk foto KTP (maks. 40 MB).")
    if not data:
        raise KtpImageError("ktp.empty", "Berkas kosong.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img: Image.Image = Image.open(io.BytesIO(data))
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise KtpImageError("ktp.too_large", f"Gambar terlalu besar ({w}×{h} piksel).")
            if getattr(img, "format", None) == "JPEG" and max(w, h) > WORK_LONG_SIDE:
                img.draft("RGB", (WORK_LONG_SIDE, WORK_LONG_SIDE))
            img.load()
            img = ImageOps.exif_transpose(img) or img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise KtpImageError("ktp.too_large", "Gambar terlalu besar.") from exc
    except UnidentifiedImageError as exc:
        raise KtpImageError("ktp.not_image", "Berkas ini bukan gambar (JPEG, PNG, BMP, TIFF, WebP).") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise KtpImageError("ktp.damaged", "Gambar rusak atau terpotong; ambil atau pindai ulang.") from exc
    scale = img.size[0] / w
    if min(img.size) < MIN_SIDE:
        raise KtpImageError(
            "ktp.too_small", f"Gambar terlalu kecil ({img.size[0]}×{img.size[1]}); minimal {MIN_SIDE} piksel."
        )
    if max(img.size) > WORK_LONG_SIDE * 1.5:
        img.thumbnail((WORK_LONG_SIDE, WORK_LONG_SIDE), Image.Resampling.LANCZOS)
        scale = img.size[0] / w
    return img.convert("RGB"), scale


def _card_mask(small: Image.Image) -> list[bool]:
    """Pixels that look like the card: bluish (blue well above red) or, failing that, brighter than the surface."""
    r, _g, b = small.split()
    blue = [bb - rr for rr, bb in zip(r.tobytes(), b.tobytes(), strict=True)]
    hist = [0] * 512
    for v in blue:
        hist[v + 255] += 1
    t = _otsu(hist) - 255
    if t < 6:  # no clear blue card: take the bright part instead
        grey = small.convert("L").tobytes()
        gh = [0] * 256
        for v in grey:
            gh[v] += 1
        gt = _otsu(gh)
        return [v > gt for v in grey]
    return [v > t for v in blue]


def _otsu(hist: list[int]) -> int:
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, best_t, w0, s0 = -1.0, 0, 0, 0.0
    for i, h in enumerate(hist):
        w0 += h
        if w0 == 0:
            continue
        w1 = total - w0
        if w1 == 0:
            break
        s0 += i * h
        m0, m1 = s0 / w0, (sum_all - s0) / w1
        between = w0 * w1 * (m0 - m1) ** 2
        if between > best:
            best, best_t = between, i
    return best_t


def _largest_component(mask: list[bool], w: int, h: int) -> set[int]:
    seen = bytearray(len(mask))
    best: list[int] = []
    for start, on in enumerate(mask):
        if not on or seen[start]:
            continue
        comp = [start]
        seen[start] = 1
        queue = deque([start])
        while queue:
            i = queue.popleft()
            x, y = i % w, i // w
            for j in (
                i - 1 if x else -1,
                i + 1 if x < w - 1 else -1,
                i - w if y else -1,
                i + w if y < h - 1 else -1,
            ):
                if j >= 0 and mask[j] and not seen[j]:
                    seen[j] = 1
                    comp.append(j)
                    queue.append(j)
        if len(comp) > len(best):
            best = comp
    return set(best)


def _fit_line(points: list[Point]) -> tuple[float, float, float] | None:
    """Total-least-squares line a·x + b·y = c through ``points``."""
    if len(points) < 3:
        return None
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    syy = sum((p[1] - my) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    theta = 0.5 * math.atan2(2 * sxy, sxx - syy)  # direction of the line
    a, b = -math.sin(theta), math.cos(theta)
    return a, b, a * mx + b * my


def _cross(l1: tuple[float, float, float], l2: tuple[float, float, float]) -> Point | None:
    det = l1[0] * l2[1] - l2[0] * l1[1]
    if abs(det) < 1e-9:
        return None
    return ((l1[2] * l2[1] - l2[2] * l1[1]) / det, (l1[0] * l2[2] - l2[0] * l1[2]) / det)


def find_card(img: Image.Image) -> tuple[Point, Point, Point, Point] | None:
    """The card's corners in ``img`` pixels, or None when no card-shaped region stands out."""
    scale = _DETECT_W / img.size[0]
    sw, sh = _DETECT_W, max(1, round(img.size[1] * scale))
    small = img.resize((sw, sh), Image.Resampling.BILINEAR).filter(ImageFilter.MedianFilter(3))
    comp = _largest_component(_card_mask(small), sw, sh)
    if len(comp) < 0.08 * sw * sh:
        return None
    boundary: list[Point] = []
    for i in comp:
        x, y = i % sw, i // sw
        if (i - 1 not in comp) or (i + 1 not in comp) or (i - sw not in comp) or (i + sw not in comp):
            boundary.append((x + 0.5, y + 0.5))
    # Rough corners from the extremes, then each side's own points fitted as a line.
    rough = [
        min(boundary, key=lambda p: p[0] + p[1]),
        max(boundary, key=lambda p: p[0] - p[1]),
        max(boundary, key=lambda p: p[0] + p[1]),
        min(boundary, key=lambda p: p[0] - p[1]),
    ]
    lines = []
    for k in range(4):
        a, b = rough[k], rough[(k + 1) % 4]
        length = math.dist(a, b)
        if length < 10:
            return None
        side = []
        for p in boundary:
            t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length**2
            if 0.15 < t < 0.85:  # away from the rounded corners
                dist = abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / length
                if dist < max(3.0, 0.04 * length):
                    side.append(p)
        line = _fit_line(side)
        if line is None:
            return None
        lines.append(line)
    corners = [_cross(lines[k - 1], lines[k]) for k in range(4)]
    if any(c is None for c in corners):
        return None
    quad = order_corners([(c[0] / scale, c[1] / scale) for c in corners if c is not None])
    if not _plausible(quad, img.size):
        return None
    return quad


def _plausible(q: tuple[Point, Point, Point, Point], size: tuple[int, int]) -> bool:
    w, h = size
    if quad_area(q) < 0.08 * w * h:
        return False
    if any(x < -0.1 * w or x > 1.1 * w or y < -0.1 * h or y > 1.1 * h for x, y in q):
        return False
    top, right = math.dist(q[0], q[1]), math.dist(q[1], q[2])
    bottom, left = math.dist(q[2], q[3]), math.dist(q[3], q[0])
    aspect = (top + bottom) / max(left + right, 1e-6)
    return 0.6 * CARD_ASPECT < aspect < 1.5 * CARD_ASPECT


def straighten(img: Image.Image, scale: float = 1.0) -> Straightened:
    """The card cut out and warped flat; the whole picture when no card stands out (a tight scan)."""
    quad = find_card(img)
    found = quad is not None
    if quad is None:
        w, h = img.size
        quad = ((0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h)))
    dst = ((0, 0), (CARD_W, 0), (CARD_W, CARD_H), (0, CARD_H))
    coeffs = perspective_coefficients(dst, quad)
    card = img.transform((CARD_W, CARD_H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    return Straightened(card, quad, found, scale)
