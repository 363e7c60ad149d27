"""Building blocks of the A4 documents: section headings, literal notes, table styles and the
two-column layout, so the day summary, the import report, the outreach list and the subject-access
export read alike. Cells hold plain strings (drawn literally) or Paragraphs made with :func:`para`."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from app.pdf import fonts
from app.pdf.palette import GREEN, GREEN_DARK, GREY, INK, MINT, RULE, ZEBRA
from app.pdf.text import ellipsize, literal, width, wrap

BODY = ParagraphStyle("loket-body", fontName=fonts.REGULAR, fontSize=8.5, leading=11, textColor=INK)
SMALL = ParagraphStyle("loket-small", parent=BODY, fontName=fonts.CONDENSED, fontSize=8, leading=10)
SMALL_BOLD = ParagraphStyle("loket-small-bold", parent=SMALL, fontName=fonts.CONDENSED_BOLD)


def para(text: object, style: ParagraphStyle = SMALL) -> Paragraph:
    """A Paragraph showing ``text`` exactly as typed (escaped, printable), wrapped to its cell."""
    return Paragraph(literal(text, style.fontName), style)


class SectionHeading(Flowable):  # type: ignore[misc]
    """A section heading on a mint band with a green edge, and a note at its right."""

    def __init__(self, text: str, width: float, note: str = "") -> None:
        super().__init__()
        self.text, self.note = text, note
        self.width, self.height = width, 8 * mm

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """As wide as the body it was made for."""
        self._available = aw
        return self.width, self.height

    def draw(self) -> None:
        """The band, the heading and the note."""
        c = self.canv
        # Tables are centred in the frame (and as wide as the body): line the band up with them.
        c.translate((getattr(self, "_available", self.width) - self.width) / 2, 0)
        c.setFillColor(MINT)
        c.rect(0, 1 * mm, self.width, 6 * mm, stroke=0, fill=1)
        c.setFillColor(GREEN)
        c.rect(0, 1 * mm, 1.2 * mm, 6 * mm, stroke=0, fill=1)
        note = ellipsize(self.note, fonts.REGULAR, 7.5, self.width / 2) if self.note else ""
        note_w = width(note, fonts.REGULAR, 7.5) + 6 * mm if note else 0.0
        c.setFillColor(GREEN_DARK)
        c.setFont(fonts.BOLD, 10.5)
        c.drawString(3.5 * mm, 2.9 * mm, ellipsize(self.text, fonts.BOLD, 10.5, self.width - note_w - 5 * mm))
        if note:
            c.setFillColor(GREY)
            c.setFont(fonts.REGULAR, 7.5)
            c.drawRightString(self.width - 2 * mm, 3.0 * mm, note)


def heading(text: str, width: float, note: str = "") -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page."""
    return [CondPageBreak(40 * mm), SectionHeading(text, width, note), Spacer(0, 1.5 * mm)]


def note(text: str, width: float, *, color: Color = GREY, size: float = 8, bold: bool = False) -> Table:
    """A plain paragraph of literal text, wrapped to ``width``."""
    font = fonts.BOLD if bold else fonts.REGULAR
    t = Table([[line] for line in wrap(text, font, size, width)], colWidths=[width])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, size),
                ("TEXTCOLOR", (0, 0), (-1, -1), color),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    )
    return t


def grid_style(rows: int, *, total_row: bool, numeric_from: int, font_size: float = 8) -> TableStyle:
    """A header in green over a rule, zebra rows, numbers right-aligned from column ``numeric_from``,
    and an optional total row on mint."""
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, font_size),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, font_size - 0.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), GREEN_DARK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREEN),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    body_end = rows - 2 if total_row else rows - 1
    for r in range(2, body_end + 1, 2):
        cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if total_row:
        cmds += [
            ("FONT", (0, -1), (-1, -1), fonts.BOLD, font_size),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("BACKGROUND", (0, -1), (-1, -1), MINT),
        ]
    return TableStyle(cmds)


def paragraph_grid_style(
    *, header: bool = True, head: Color = GREEN_DARK, head_fill: Color | None = None, zebra: bool = True
) -> TableStyle:
    """For tables of Paragraphs (cells that wrap): top-aligned, hairlines between rows, a header row
    over a rule in ``head`` (on ``head_fill``), zebra rows."""
    first = 1 if header else 0
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, first), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, head))
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [None, ZEBRA]))
    if head_fill is not None:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), head_fill))
    return TableStyle(cmds)


def side_by_side(left: Flowable, right: Flowable, width: float, gap: float = 6 * mm) -> Table:
    """Two flowables in columns of equal width, top-aligned."""
    half = (width - gap) / 2
    t = Table([[left, "", right]], colWidths=[half, gap, half])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t
