"""A4 sheets of ten cards with crop marks, for outreach events: a front page, then its back page
mirrored for double-sided printing (flip on the long edge).

The QR codes are the expensive part (~3 ms each in pure Python); for big batches they are encoded in
worker processes while this process lays out the text, so both cores work.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.domain.progress import NEVER, Cancelled, CancelToken, ProgressSink, no_progress
from app.pdf import fonts, qr
from app.pdf.card import CARD_HEIGHT, CARD_WIDTH, CardFace, draw_back, draw_front
from app.pdf.page import new_canvas
from app.pdf.palette import BLACK, GREY
from app.pdf.text import fit_one_line

COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
PAGE_WIDTH, PAGE_HEIGHT = A4
GRID_X = (PAGE_WIDTH - COLUMNS * CARD_WIDTH) / 2
GRID_Y = (PAGE_HEIGHT - ROWS * CARD_HEIGHT) / 2
MARK_GAP, MARK_LENGTH = 3 * mm, 6 * mm

PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
_CHUNK = 25


def slot_origin(index: int, *, back: bool = False) -> tuple[float, float]:
    """Lower-left corner of slot ``index`` (0–9, row by row from the top left) on a sheet."""
    row, col = divmod(index, COLUMNS)
    if back:
        col = COLUMNS - 1 - col  # long-edge duplex mirrors the columns
    return GRID_X + col * CARD_WIDTH, PAGE_HEIGHT - GRID_Y - (row + 1) * CARD_HEIGHT


def _crop_marks(c: Any) -> None:
    c.setStrokeColor(BLACK)
    c.setLineWidth(0.25)
    left, right = GRID_X, GRID_X + COLUMNS * CARD_WIDTH
    bottom, top = GRID_Y, GRID_Y + ROWS * CARD_HEIGHT
    for col in range(COLUMNS + 1):
        x = left + col * CARD_WIDTH
        c.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LENGTH)
        c.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LENGTH)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_HEIGHT
        c.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LENGTH, y)
        c.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y)


def _page_labels(c: Any, sheet: int, sheets: int, count: int, side: str, branch: str) -> None:
    c.setFillColor(GREY)
    top_y = PAGE_HEIGHT - GRID_Y / 2 - 2
    size, left_text = fit_one_line(
        f"Lembar kartu {sheet}/{sheets} · sisi {side} · {count} kartu",
        fonts.CONDENSED,
        7,
        78 * mm,
        min_size=5,
    )
    c.setFont(fonts.CONDENSED, size)
    c.drawString(GRID_X + 6 * mm, top_y, left_text)
    size, right_text = fit_one_line(
        fonts.printable(branch, fonts.CONDENSED), fonts.CONDENSED, 7, 74 * mm, min_size=5
    )
    c.setFont(fonts.CONDENSED, size)
    c.drawRightString(GRID_X + 2 * CARD_WIDTH - 6 * mm, top_y, right_text)
    c.setFont(fonts.CONDENSED, 6.5)
    c.drawCentredString(
        PAGE_WIDTH / 2 - CARD_WIDTH / 2,
        GRID_Y / 2 - 4,
        "Cetak dua sisi (balik pada sisi panjang), skala 100%.",
    )
    c.drawCentredString(PAGE_WIDTH / 2 + CARD_WIDTH / 2, GRID_Y / 2 - 4, "Potong pada tanda potong.")


def default_workers() -> int:
    """Processes for a big sheet: ``LOKET_WORKERS``, else up to two (the counter PCs have two cores)."""
    env = os.environ.get("LOKET_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return min(2, os.cpu_count() or 1)


def _qr_stream(texts: Sequence[str], workers: int) -> Generator[qr.QrOps, None, None]:
    """QR operators in order; computed by ``workers`` processes when that pays off."""
    if workers <= 1 or len(texts) < PARALLEL_MIN:
        for t in texts:
            yield qr.qr_ops(t)
        return
    # "spawn": a fresh interpreter per worker. Forking a process that runs Qt threads is unsafe.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures: list[Future[list[qr.QrOps]]] = [
            pool.submit(qr.qr_ops_batch, list(texts[i : i + _CHUNK])) for i in range(0, len(texts), _CHUNK)
        ]
        for f in futures:
            yield from f.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def render_card_sheet(
    cards: Sequence[CardFace],
    *,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    workers: int | None = None,
) -> bytes:
    """Sheets of ten: page 2k+1 the fronts, page 2k+2 the backs. Raises ``Cancelled``."""
    fonts.require()
    if not cards:
        raise ValueError("no cards to print")
    total = len(cards)
    sheets = (total + PER_SHEET - 1) // PER_SHEET
    branch = f"{cards[0].branch_name} ({cards[0].branch_code})"
    buf = io.BytesIO()
    c = new_canvas(buf, A4, f"Lembar kartu peserta ({total} kartu)")
    codes = _qr_stream([card.qr_text for card in cards], workers or default_workers())
    try:
        done = 0
        for sheet in range(sheets):
            batch = cards[sheet * PER_SHEET : (sheet + 1) * PER_SHEET]
            for side, back in (("DEPAN", False), ("BELAKANG", True)):
                _page_labels(c, sheet + 1, sheets, len(batch), side, branch)
                _crop_marks(c)
                for i, card in enumerate(batch):
                    if cancel.cancelled:
                        raise Cancelled()
                    x, y = slot_origin(i, back=back)
                    if back:
                        draw_back(c, card, x, y)
                    else:
                        draw_front(c, card, next(codes), x, y)
                        done += 1
                        progress(done, total, f"Kartu {done} dari {total}")
                c.showPage()
    finally:
        codes.close()  # shuts the worker pool down, also on cancel
    c.save()
    return buf.getvalue()
