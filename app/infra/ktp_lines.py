"""Cut the straightened card into the printed lines the layout names, each ready for the OCR engine."""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageOps

from app.domain.ktp_layout import ROW_STEP, Band

LINE_PX = 40  # text height handed to the engine (Tesseract reads best at 30–50 px)


def _snap(grey: Image.Image, centre: float, half: float) -> tuple[int, int]:
    """The text line nearest ``centre`` inside ``grey``: top and bottom rows of its ink."""
    h = grey.size[1]
    rows = grey.resize((1, h), Image.Resampling.BOX).tobytes()  # one byte per row: its mean
    light, dark = max(rows), min(rows)
    if light - dark < 12:  # an empty line or no contrast: keep the layout's own box
        return max(0, round(centre - half)), min(h, round(centre + half))
    cut = light - 0.22 * (light - dark)
    runs: list[tuple[int, int]] = []
    start = None
    for y, v in enumerate(rows):
        if v < cut and start is None:
            start = y
        elif v >= cut and start is not None:
            runs.append((start, y))
            start = None
    if start is not None:
        runs.append((start, h))
    runs = [r for r in runs if r[1] - r[0] >= max(3, half * 0.4)] or runs
    if not runs:
        return max(0, round(centre - half)), min(h, round(centre + half))
    best = min(runs, key=lambda r: abs((r[0] + r[1]) / 2 - centre))
    mid = (best[0] + best[1]) / 2
    if abs(mid - centre) > half * 1.6:
        return max(0, round(centre - half)), min(h, round(centre + half))
    # Keep the whole line with a margin, but never reach into the next line.
    top = max(0, min(best[0], round(mid - half)) - 2)
    bottom = min(h, max(best[1], round(mid + half)) + 2)
    return top, bottom


def line_image(card: Image.Image, band: Band) -> Image.Image:
    """The band's value as a grey, contrast-stretched strip ``LINE_PX`` high (plus margins)."""
    w, h = card.size
    x0 = max(0, round((band.x0 - 0.008) * w))
    x1 = min(w, round(band.x1 * w))
    reach = (band.height * 0.9 if band.centred else max(ROW_STEP * 0.55, band.height * 0.8)) * h
    y0 = max(0, round(band.y * h - reach))
    y1 = min(h, round(band.y * h + reach))
    grey = ImageOps.autocontrast(card.crop((x0, y0, x1, y1)).convert("L"), cutoff=1)
    top, bottom = _snap(grey, band.y * h - y0, band.height * h * 0.62)
    strip = grey.crop((0, top, grey.size[0], bottom))
    strip = ImageOps.autocontrast(strip, cutoff=2)
    scale = LINE_PX / max(1, band.height * h)
    size = (max(1, round(strip.size[0] * scale)), max(1, round(strip.size[1] * scale)))
    strip = strip.resize(size, Image.Resampling.BICUBIC)
    if scale > 1.6:
        strip = strip.filter(ImageFilter.UnsharpMask(radius=2, percent=80, threshold=2))
    pad = Image.new("L", (strip.size[0] + 24, strip.size[1] + 16), 255)
    pad.paste(strip, (12, 8))
    return pad
