"""Page furniture shared by every document: the canvas with Loket's metadata, the letterhead and
footer of A4 documents with "Halaman X dari N", the green band that heads an A5 receipt, and the
small-print line at the foot of a page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.pdf import fonts
from app.pdf.marks import draw_mark
from app.pdf.palette import GOLD, GREEN, GREEN_DARK, GREY, INK, MINT, MINT_DARK, RULE, WHITE
from app.pdf.text import draw_tracked, ellipsize, fit_one_line, width

AUTHOR = "Loket"
PROGRAMME = "Jaminan Sosial Ketenagakerjaan"
HEADER_DEPTH = 27 * mm  # page top to the first line of an A4 document's body
FOOTER_DEPTH = 17 * mm  # page bottom to the last line of its body


def new_canvas(buf: io.BytesIO, pagesize: tuple[float, float], title: str, *, subject: str = "") -> Canvas:
    """A compressed canvas writing to ``buf``, titled and signed as Loket's."""
    c = Canvas(buf, pagesize=pagesize, pageCompression=1, invariant=0)
    c.setTitle(fonts.printable(title))
    c.setAuthor(AUTHOR)
    c.setCreator(AUTHOR)
    if subject:
        c.setSubject(fonts.printable(subject))
    return c


# --- A4 documents --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Badge:
    """A pill at the top right of the letterhead: the document's state in a word or two."""

    text: str
    fill: Color
    ink: Color


@dataclass(frozen=True, slots=True)
class Letterhead:
    """What the header and footer of every page of an A4 document say."""

    title: str
    subtitle: str
    note: str = ""  # right, under the badge: whose document it is
    badge: Badge | None = None
    footer: str = ""  # left of the page number


def draw_letterhead(
    c: Any, head: Letterhead, page: int, total: int, pagesize: tuple[float, float], margin: float
) -> None:
    """The mark, title, subtitle, note and badge above the body, the footer and page number below."""
    page_w, page_h = pagesize
    top = page_h - 12 * mm
    right = page_w - margin
    c.saveState()
    draw_mark(c, margin + 5.5 * mm, top - 5 * mm, 5.5 * mm)
    x = margin + 14 * mm
    badge_w = 0.0
    if head.badge is not None:
        label = ellipsize(head.badge.text, fonts.BOLD, 7.5, 60 * mm)
        badge_w = width(label, fonts.BOLD, 7.5) + 5 * mm
        c.setFillColor(head.badge.fill)
        c.roundRect(right - badge_w, top - 4.6 * mm, badge_w, 5 * mm, 1.4 * mm, stroke=0, fill=1)
        c.setFillColor(head.badge.ink)
        c.setFont(fonts.BOLD, 7.5)
        c.drawCentredString(right - badge_w / 2, top - 3.0 * mm, label)
    size, title = fit_one_line(head.title, fonts.BOLD, 13, right - x - badge_w - 4 * mm, min_size=10)
    c.setFillColor(GREEN_DARK)
    c.setFont(fonts.BOLD, size)
    c.drawString(x, top - 3.2 * mm, title)
    note_w = 0.0
    if head.note:
        note = ellipsize(head.note, fonts.REGULAR, 8.5, 70 * mm)
        note_w = width(note, fonts.REGULAR, 8.5) + 4 * mm
        c.setFont(fonts.REGULAR, 8.5)
        c.setFillColor(GREY)
        c.drawRightString(right, top - 8.6 * mm, note)
    c.setFillColor(INK)
    c.setFont(fonts.REGULAR, 9)
    c.drawString(x, top - 8.6 * mm, ellipsize(head.subtitle, fonts.REGULAR, 9, right - x - note_w))
    c.setStrokeColor(GREEN)
    c.setLineWidth(1.2)
    c.line(margin, top - 11.5 * mm, right, top - 11.5 * mm)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(margin, 12 * mm, right, 12 * mm)
    number = f"Halaman {page} dari {total}"
    number_w = width(number, fonts.BOLD, 8)
    c.setFont(fonts.REGULAR, 7.5)
    c.setFillColor(GREY)
    c.drawString(
        margin, 8 * mm, ellipsize(head.footer, fonts.REGULAR, 7.5, right - margin - number_w - 6 * mm)
    )
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, 8)
    c.drawRightString(right, 8 * mm, number)
    c.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps its pages until save, then draws the letterhead on each: "Halaman X dari N" needs N."""

    head: Letterhead
    margin: float

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            draw_letterhead(self, self.head, self._pageNumber, total, self._pagesize, self.margin)
            super().showPage()
        super().save()


def build_document(
    story: Sequence[Flowable],
    head: Letterhead,
    *,
    pagesize: tuple[float, float] = A4,
    margin: float = 15 * mm,
    title: str,
    subject: str = "",
) -> bytes:
    """Lay ``story`` out on numbered pages under ``head``; the PDF's bytes."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=HEADER_DEPTH,
        bottomMargin=FOOTER_DEPTH,
        title=fonts.printable(title),
        author=AUTHOR,
        subject=fonts.printable(subject),
        creator=AUTHOR,
    )

    class _Canvas(_NumberedCanvas):
        pass

    _Canvas.head, _Canvas.margin = head, margin
    doc.build(list(story), canvasmaker=_Canvas)
    return buf.getvalue()


# --- receipts --------------------------------------------------------------------------------------------


def draw_band(c: Any, x: float, top: float, w: float, title: str, subtitle: str) -> float:
    """The green band with the mark, title and subtitle that heads an A5 receipt; returns the y
    below it."""
    h = 21 * mm
    c.setFillColor(GREEN_DARK)
    c.rect(x, top - h, w, h, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(x, top - h - 1.2, w, 1.2, stroke=0, fill=1)
    radius = 6.2 * mm
    draw_mark(c, x + 5 * mm + radius, top - h / 2, radius)
    tx = x + 8 * mm + 2 * radius
    room = x + w - tx - 3 * mm
    size = 12.5
    while size > 9 and width(title, fonts.BOLD, size) + 0.4 * len(title) > room:
        size -= 0.25
    c.setFillColor(WHITE)
    draw_tracked(c, tx, top - h / 2 + 2.2, ellipsize(title, fonts.BOLD, size, room), fonts.BOLD, size, 0.4)
    c.setFillColor(MINT_DARK)
    size, sub = fit_one_line(subtitle, fonts.CONDENSED, 8.5, room, min_size=5.5)
    c.setFont(fonts.CONDENSED, size)
    c.drawString(tx, top - h / 2 - 10, sub)
    return float(top - h - 1.2)


def draw_receipt_head(
    c: Any,
    x: float,
    top: float,
    w: float,
    title: str,
    branch: str,
    number: str,
    issued_at: str,
    *,
    number_label: str = "Nomor tanda bukti",
) -> float:
    """The head of every A5 receipt: the band, then its number and its date and time
    (``DD-MM-YYYY HH:MM WIB``, see :func:`receipt_time`) on mint; returns the y below."""
    y = draw_band(c, x, top, w, title, f"{PROGRAMME} · {branch}") - 3 * mm
    c.setFillColor(MINT)
    c.roundRect(x, y - 9 * mm, w, 9 * mm, 2 * mm, stroke=0, fill=1)
    c.setFillColor(GREY)
    c.setFont(fonts.REGULAR, 7.5)
    c.drawString(x + 3 * mm, y - 3.6 * mm, number_label)
    c.drawRightString(x + w - 3 * mm, y - 3.6 * mm, "Tanggal dan jam")
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, 10)
    half = w / 2 - 4 * mm
    c.drawString(x + 3 * mm, y - 7.4 * mm, ellipsize(number, fonts.BOLD, 10, half))
    c.drawRightString(x + w - 3 * mm, y - 7.4 * mm, ellipsize(issued_at, fonts.BOLD, 10, half))
    return float(y - 13 * mm)


def receipt_time(when: dt.datetime, zone: str) -> str:
    """The date and time every receipt prints: ``23-11-2026 10:00 WIB`` (``when`` already local)."""
    return f"{when:%d-%m-%Y %H:%M} {zone}".strip()


def draw_small_print(c: Any, x0: float, x1: float, y: float, left: str, right: str = "") -> None:
    """One line of small print between x0 and x1 (the right part is kept whole, the left cut)."""
    c.setFillColor(GREY)
    c.setFont(fonts.CONDENSED, 7)
    right_w = width(right, fonts.CONDENSED, 7) + 4 * mm if right else 0.0
    c.drawString(x0, y, ellipsize(left, fonts.CONDENSED, 7, x1 - x0 - right_w))
    if right:
        c.drawRightString(x1, y, right)
