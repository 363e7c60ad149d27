"""The colours of every Loket PDF: a restrained green for the programme, gold for its promise, ink and
greys for text, red and amber for what needs attention. No document defines a colour of its own."""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor

GREEN_DARK = HexColor("#0B5D41")  # headers, titles, big figures
GREEN = HexColor("#12895C")  # table heads, chips, bars
MINT = HexColor("#E6F4EC")  # bands and tiles behind text
MINT_DARK = HexColor("#CFE9DA")  # rules on white, light text on dark green
ZEBRA = HexColor("#F5FAF7")  # every other table row
GOLD = HexColor("#F2B705")  # the mark's ground line and the header rule
INK = HexColor("#14241C")  # body text
GREY = HexColor("#5A6A62")  # labels and small print
RULE = HexColor("#C9D6CF")  # hairlines between rows
NEUTRAL = HexColor("#EEF1EF")  # a neutral tile (counts that need no attention)
RED = HexColor("#B3261E")  # refused, voided, broken
RED_LIGHT = HexColor("#FBE9E7")
AMBER = HexColor("#8A5A00")  # warnings
AMBER_LIGHT = HexColor("#FFF4D6")
WHITE = HexColor("#FFFFFF")
BLACK = HexColor("#000000")  # thermal rolls print black only


def translucent(color: Color, alpha: float) -> Color:
    """``color`` with opacity ``alpha`` (stamps laid over printed text)."""
    return Color(color.red, color.green, color.blue, alpha=alpha)
