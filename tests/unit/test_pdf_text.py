"""The kit's text fitting holds for any text: nothing it returns is wider than its box, longer than
its line budget, or holds a character the fonts cannot show."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.infra.paths import resources_dir
from app.pdf import fonts
from app.pdf.text import ELLIPSIS, clamp, ellipsize, fit_lines, fit_one_line, literal, width, wrap

fonts.register(resources_dir() / "fonts")

FACES = st.sampled_from([fonts.REGULAR, fonts.BOLD, fonts.CONDENSED, fonts.CONDENSED_BOLD])
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=120),
    st.sampled_from(
        [
            "X" * 400,
            "محمد عبد الله בן שלום",
            "ANDI 😀 PRATAMA 漢 👍🏽",
            "BUDI\x00\x07\u202eSANTOSO\u200b\tX\r\nY",
            "Z̴̡a̷l̸g̵o̶ S\u0301A\u0308N",
            "<b>&amp;</b> <font size=40>x</font>",
        ]
    ),
)
BOX = st.floats(min_value=20, max_value=400)


def shown(text: str) -> bool:
    """Every character printable and inside the Basic Multilingual Plane."""
    return all(ch.isprintable() and ord(ch) <= 0xFFFF for ch in text)


@settings(max_examples=200, deadline=None)
@given(HOSTILE, FACES, st.floats(min_value=4, max_value=14), BOX)
def test_wrapped_lines_fit_the_box(text: str, font: str, size: float, box: float) -> None:
    for line in wrap(text, font, size, box):
        assert shown(line)
        # A single glyph wider than the box is the only way past it.
        assert width(line, font, size) <= box or len(line) == 1


@settings(max_examples=200, deadline=None)
@given(HOSTILE, FACES, st.floats(min_value=4, max_value=14), BOX, st.integers(1, 4))
def test_cut_and_clamped_text_fits_its_lines(
    text: str, font: str, size: float, box: float, most: int
) -> None:
    one = ellipsize(text, font, size, box)
    assert shown(one) and "\n" not in one
    assert width(one, font, size) <= box or one == ELLIPSIS
    lines = clamp(text, font, size, box, most)
    assert 1 <= len(lines) <= most
    assert all(width(line, font, size) <= box or len(line) == 1 for line in lines)


@settings(max_examples=100, deadline=None)
@given(HOSTILE, FACES, BOX)
def test_shrinking_stops_at_the_smallest_size_and_still_fits(text: str, font: str, box: float) -> None:
    size, line = fit_one_line(text, font, 10, box, min_size=6)
    assert 6 <= size <= 10 and (width(line, font, size) <= box or line == ELLIPSIS)
    size, lines = fit_lines(text, font, box, sizes=((1, 10, 8), (3, 8, 6)))
    assert 6 <= size <= 10 and len(lines) <= 3


def test_whole_text_is_kept_when_it_fits() -> None:
    assert ellipsize("SITI AMINAH", fonts.BOLD, 10, 200) == "SITI AMINAH"
    assert wrap("SITI AMINAH BINTI ABDULLAH", fonts.REGULAR, 10, 80) == ["SITI AMINAH", "BINTI", "ABDULLAH"]
    assert clamp("a b c d e f", fonts.REGULAR, 10, 12, 2)[-1].endswith(ELLIPSIS)


def test_markup_is_escaped_for_paragraphs_and_controls_replaced() -> None:
    assert literal("<b>Budi</b> & Sari") == "&lt;b&gt;Budi&lt;/b&gt; &amp; Sari"
    assert literal("A\x00B\u202eC😀") == "A\ufffdB\ufffdC\ufffd"
