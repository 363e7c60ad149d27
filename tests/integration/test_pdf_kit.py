"""One PDF kit for every document: the fonts, colours, QR encoder and canvases come from the kit only;
every document prints the same programme mark; hostile text neither breaks a document nor leaves
its page or runs into other text."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFilter

import app.pdf
from app.domain.issues import Issue
from app.domain.money import format_rupiah
from app.domain.months import Month
from app.domain.outreach import OutreachList, OutreachRow
from app.pdf import marks, qr
from app.pdf.payment_receipt import render_payment_receipt, render_sponsor_receipt
from app.services import cards, day, enrolment, importing, privacy, registration_receipt
from app.services import contributions as cs
from app.services.contributions import outreach, projects, receipts
from app.services.dto import Actor
from tests.card_helpers import decode_qr, enrol, pdf_text, rasterise
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from tests.import_fixtures import as_cells, valid_rows, write_csv

PDF = Path(app.pdf.__file__).parent
MM = 72 / 25.4
LONG = "NI LUH PUTU AYU KADEK WAYAN SRI RAHAYU NINGSIH PRATIWI DEWI ANGGRAENI KUSUMAWARDHANI BINTI I MADE"
HOSTILE = (
    "محمد عبد الله בן שלום ANDI 😀 PRATAMA 漢 👍🏽 BUDI\x00\x07\u202eSANTOSO\u200b\tX\r\nY "
    "Z̴̡a̷l̸g̵o̶ <b>&amp;</b> <font size=40>x</font> " + "X" * 60
)

# --- one registry, one palette, one encoder, one canvas ----------------------------------------------

# What only one kit module may do: (what, where it may happen).
_ONLY_IN = {
    "import qrcode": "qr.py",
    "registerFont": "fonts.py",
    "TTFont": "fonts.py",
    "HexColor": "palette.py",
    "Color": "palette.py",
    "CMYKColor": "palette.py",
    "toColor": "palette.py",
    "setFillColorRGB": "palette.py",
    "setStrokeColorRGB": "palette.py",
    "setFillGray": "palette.py",
    "setStrokeGray": "palette.py",
    "reportlab.lib.colors.*": "palette.py",
    "Canvas": "page.py",
    "SimpleDocTemplate": "page.py",
    "BaseDocTemplate": "page.py",
}
_FONT_NAME = re.compile(
    r"^(Helvetica(-\w+)*|Times-\w+|Courier(-\w+)*|Symbol|ZapfDingbats|DejaVu[\w-]*|LoketSans[\w-]*)$"
)


def _uses(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """What a module does that only the kit may: imports, calls and font names, with line numbers."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                name = f"{module}.{alias.name}" if module else alias.name
                if name.split(".")[0] == "qrcode":
                    yield "import qrcode", node.lineno
                if module == "reportlab.lib" and alias.name == "colors":
                    yield "reportlab.lib.colors.*", node.lineno
                if module == "reportlab.lib.colors" and alias.name not in ("Color",):
                    yield "reportlab.lib.colors.*", node.lineno
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if name in _ONLY_IN:
                yield name, node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _FONT_NAME.match(node.value):
            yield f"font name {node.value!r}", node.lineno


def test_only_the_kit_registers_fonts_names_faces_picks_colours_encodes_qr_or_opens_canvases() -> None:
    modules = sorted(PDF.glob("*.py"))
    assert len(modules) > 15
    strays = []
    for path in modules:
        for what, line in _uses(ast.parse(path.read_text(encoding="utf-8"))):
            allowed = _ONLY_IN.get(what, "fonts.py" if what.startswith("font name") else None)
            if path.name != allowed:
                strays.append(f"{path.name}:{line} {what} (only in {allowed})")
    assert strays == []


def test_every_public_module_class_and_function_in_app_pdf_says_what_it_is() -> None:
    missing = []
    for path in sorted(PDF.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not ast.get_docstring(tree):
            missing.append(path.name)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
                if not ast.get_docstring(node):
                    missing.append(f"{path.name}:{node.name}")
                methods = node.body if isinstance(node, ast.ClassDef) else []
                for sub in methods:
                    public = isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_")
                    if public and not ast.get_docstring(sub):
                        missing.append(f"{path.name}:{node.name}.{sub.name}")
    assert missing == []


def test_app_pdf_modules_stay_small_and_import_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for path in PDF.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, path.name
        deps = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("app.pdf."):
                    deps.add(node.module.removeprefix("app.pdf."))
                elif node.module == "app.pdf":
                    deps |= {a.name for a in node.names}
        graph[path.stem] = deps
    seen: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        if seen.get(module) == 1:
            raise AssertionError(" -> ".join([*path, module]))
        if seen.get(module) == 2:
            return
        seen[module] = 1
        for dep in sorted(graph.get(module, ())):
            visit(dep, [*path, module])
        seen[module] = 2

    for module in sorted(graph):
        visit(module, [])


# --- the same mark everywhere ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Drawn:
    page: int
    cx: float
    cy: float
    r: float
    disc: Any


@pytest.fixture
def marks_drawn(monkeypatch: pytest.MonkeyPatch) -> list[_Drawn]:
    """Every call of the kit's mark, wherever a document holds it (a copy would not be seen)."""
    calls: list[_Drawn] = []
    original = marks.draw_mark

    def spy(c: Any, cx: float, cy: float, r: float, **kw: Any) -> None:
        calls.append(_Drawn(c.getPageNumber(), cx, cy, r, kw.get("disc")))
        original(c, cx, cy, r, **kw)

    for name, module in list(sys.modules.items()):
        if name.startswith("app.pdf"):
            for attr, value in list(vars(module).items()):
                if value is original:
                    monkeypatch.setattr(module, attr, spy)
    return calls


def _disc(pdf: bytes, drawn: _Drawn, page_height: float) -> Image.Image:
    """The mark as printed: rendered ~128 px across, scaled to 64 × 64, outside the disc blanked."""
    img = rasterise(pdf, round(128 * 72 / (2 * drawn.r)), drawn.page)
    s = img.width / float(pdfium.PdfDocument(pdf)[drawn.page - 1].get_width())
    box = (
        round((drawn.cx - drawn.r) * s),
        round((page_height - drawn.cy - drawn.r) * s),
        round((drawn.cx + drawn.r) * s),
        round((page_height - drawn.cy + drawn.r) * s),
    )
    disc = img.crop(box).resize((64, 64), Image.Resampling.LANCZOS)
    mask = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(mask).ellipse((3, 3, 60, 60), fill=255)
    return Image.composite(disc, Image.new("L", (64, 64), 255), mask)


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    hist = ImageChops.difference(a, b).histogram()
    return sum(i * n for i, n in enumerate(hist)) / (64 * 64)


def test_cards_receipts_and_reports_print_one_mark(
    ctx: Any, officer: Actor, supervisor: Actor, marks_drawn: list[_Drawn], tmp_path: Path
) -> None:
    (number,) = enrol(ctx, officer, bulan_bayar=1)
    payment = cs.record_enrolment_payment(ctx, officer, number)
    assert payment is not None
    docs: dict[str, Callable[[], bytes]] = {
        "card": lambda: cards.card_pdf(cards.issue_card(ctx, officer, number).face),
        "payment A5": lambda: cs.receipt_pdf(ctx, payment.id),
        "payment 80mm": lambda: cs.receipt_pdf(ctx, payment.id, paper="80mm"),
        "registration A5": lambda: registration_receipt.receipt_pdf(
            registration_receipt.registration_receipt(ctx, officer, number)
        ),
        "registration 80mm": lambda: registration_receipt.receipt_pdf(
            registration_receipt.registration_receipt(ctx, officer, number), "thermal"
        ),
        "day summary": lambda: day.day_report(ctx, supervisor, dt.date(2026, 11, 23))[1],
        "import report": lambda: importing.render_report_pdf(
            importing.validate_import(ctx, officer, write_csv(tmp_path / "a.csv", as_cells(valid_rows(2))))
        ),
        "subject access": lambda: privacy.subject_access_pdf(
            ctx, privacy.subject_access(ctx, supervisor, number)
        ),
    }
    printed: dict[str, tuple[bytes, list[_Drawn]]] = {}
    for name, render in docs.items():
        before = len(marks_drawn)
        pdf = render()
        assert len(marks_drawn) > before, f"{name} prints no programme mark of the kit"
        printed[name] = pdf, marks_drawn[before:]

    card, (front, *_) = printed["card"]
    receipt, (band, *_) = printed["payment A5"]
    on_card = _disc(card, front, 53.98 * MM)
    on_receipt = _disc(receipt, band, 210 * MM)
    assert _mean_difference(on_card, on_receipt) < 8
    report, (head, *_) = printed["day summary"]
    assert _mean_difference(on_card, _disc(report, head, 297 * MM)) < 8
    # The comparison sees a different mark: a blank disc is far from it.
    assert _mean_difference(on_card, Image.new("L", (64, 64), 255)) > 40


# --- hostile text ----------------------------------------------------------------------------------------


def _boxes(
    pdf: bytes,
) -> Iterator[tuple[int, float, float, list[tuple[str, tuple[float, float, float, float]]]]]:
    """Per page: (number, width, height, [(char, (left, bottom, right, top))])."""
    doc = pdfium.PdfDocument(pdf)
    for i in range(len(doc)):
        page = doc[i]
        text = page.get_textpage()
        chars = []
        for k in range(text.count_chars()):
            ch = text.get_text_range(k, 1)
            if ch.strip() and not unicodedata.combining(ch):
                chars.append((ch, text.get_charbox(k)))
        yield i + 1, page.get_width(), page.get_height(), chars


def _collisions(chars: list[tuple[str, tuple[float, float, float, float]]]) -> list[str]:
    """Glyphs of different lines drawn over each other (each box shrunk by a quarter first)."""
    shrunk = []
    for ch, (left, bottom, right, top) in chars:
        dx, dy = (right - left) / 4, (top - bottom) / 4
        if right - left > 0.2 and top - bottom > 0.2:
            shrunk.append((ch, left + dx, bottom + dy, right - dx, top - dy, (bottom + top) / 2))
    hits = []
    shrunk.sort(key=lambda g: g[1])
    for i, (ch, x0, y0, x1, y1, mid) in enumerate(shrunk):
        for ch2, x2, y2, _, y3, mid2 in shrunk[i + 1 :]:
            if x2 >= x1:
                break
            if abs(mid - mid2) > 1 and y0 < y3 and y2 < y1:
                hits.append(f"{ch!r}@({x0:.0f},{y0:.0f}) over {ch2!r}@({x2:.0f},{y2:.0f})")
    return hits


def _hostile_documents(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path
) -> tuple[dict[str, bytes], str]:
    """Every document with hostile text in every free-text field; and the card's QR text."""
    numbers = enrol(ctx, officer, 2, program="JKK,JKM,JHT", bulan_bayar=3)
    cs.record_enrolment_payment(ctx, officer, numbers[0])  # the second is paid by a sponsor
    receipts.ensure_fonts()
    face = cards.issue_card(ctx, officer, numbers[0]).face
    reg = registration_receipt.registration_receipt(ctx, officer, numbers[0])
    reg = dataclasses.replace(
        reg, name=LONG, birth_place=HOSTILE, occupation=HOSTILE, officer_name=HOSTILE, counter=HOSTILE,
        branch_name=HOSTILE, note=HOSTILE,
    )  # fmt: skip
    payment = receipts.payment_receipt_data(cs.payments_for_member(ctx, numbers[0])[0])
    payment = dataclasses.replace(
        payment, member_name=HOSTILE, branch=HOSTILE, officer=HOSTILE, counter=HOSTILE, reference=HOSTILE,
        sponsor=HOSTILE, cover=HOSTILE, copy=HOSTILE, notes=(HOSTILE, HOSTILE), fine_note=HOSTILE,
        fine_total=1_000, credit=500,
    )  # fmt: skip
    batch = cs.pay_sponsored(
        ctx, officer, sponsor="Pemkab Ogan Ilir", numbers=[numbers[1]], months=2, reference="SP2D-1"
    )
    sponsor = receipts.sponsor_receipt_data(cs.get_sponsor_batch(ctx, batch.receipt_no))
    sponsor = dataclasses.replace(
        sponsor,
        sponsor=HOSTILE * 2,
        reference=HOSTILE,
        members=tuple(dataclasses.replace(m, name=HOSTILE) for m in sponsor.members * 30),
    )
    summary = day.day_summary(ctx, supervisor, dt.date(2026, 11, 23))
    figures = summary.figures
    figures = dataclasses.replace(
        figures,
        enrolments=tuple(
            dataclasses.replace(
                e, name=HOSTILE, occupation_name=HOSTILE, regency_name=HOSTILE, officer=HOSTILE
            )
            for e in figures.enrolments
        ),
        by_occupation=tuple(dataclasses.replace(t, label=HOSTILE) for t in figures.by_occupation),
    )
    summary = dataclasses.replace(
        summary, branch_name=HOSTILE, officer="budi", officer_name=HOSTILE, figures=figures
    )
    report = importing.validate_import(ctx, officer, write_csv(tmp_path / "a.csv", as_cells(valid_rows(2))))
    report = dataclasses.replace(report, file_name=HOSTILE, officer_name=HOSTILE, branch_name=HOSTILE)
    row = OutreachRow(
        numbers[0], HOSTILE, "161001******0003", "16.10.01.2005", HOSTILE, HOSTILE, HOSTILE, "3,9", "AKTIF",
        HOSTILE, (Month(2027, 3),), dt.date(2027, 3, 16), 100_800,
    )  # fmt: skip
    lst = OutreachList(Month(2027, 3), "16.10", HOSTILE, HOSTILE, dt.date(2027, 2, 20), (row,) * 3)
    access = privacy.subject_access(ctx, supervisor, numbers[0])
    access["peserta"] = {**access["peserta"], "nama": HOSTILE, "alamat": HOSTILE}
    docs = {
        "card": cards.card_pdf(
            dataclasses.replace(face, name=LONG, branch_name=HOSTILE, segment_label=HOSTILE)
        ),
        "registration A5": registration_receipt.receipt_pdf(reg),
        "registration 80mm": registration_receipt.receipt_pdf(reg, "thermal"),
        "payment A5": render_payment_receipt(payment),
        "payment 80mm": render_payment_receipt(payment, paper="80mm"),
        "sponsor A5": render_sponsor_receipt(sponsor),
        "sponsor 80mm": render_sponsor_receipt(sponsor, paper="80mm"),
        "day summary": day.summary_pdf(summary),
        "import report": importing.render_report_pdf(report),
        "outreach list": outreach.outreach_pdf(lst),
        "subject access": privacy.subject_access_pdf(ctx, access),
    }
    return docs, face.qr_text


@pytest.mark.slow
def test_hostile_text_stays_on_its_page_clear_of_other_text_and_of_the_codes(
    ctx: Any, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    docs, card_code = _hostile_documents(ctx, officer, supervisor, tmp_path)
    problems = []
    for name, pdf in docs.items():
        for page, w, h, chars in _boxes(pdf):
            assert chars, f"{name} p{page} prints no text"
            edge = 1 * MM
            off = [
                ch for ch, (x0, y0, x1, y1) in chars if min(x0, y0) < edge or x1 > w - edge or y1 > h - edge
            ]
            if off:
                problems.append(f"{name} p{page}: {''.join(off)[:40]!r} off the page")
            hits = _collisions(chars)
            if hits:
                problems.append(f"{name} p{page}: {hits[:3]}")
    assert problems == []
    # Nothing printed over the codes: they still read, with what they hold.
    assert [c.text for c in decode_qr(docs["card"])] == [card_code]
    for name in ("payment A5", "payment 80mm", "registration A5", "registration 80mm"):
        assert len(decode_qr(docs[name])) == 1, name


# --- one QR encoder; every code on paper reads back ---------------------------------------------------


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the kit's encoder turned into a code, wherever a document holds the encoder."""
    texts: list[str] = []
    original = qr.qr_ops

    def spy(text: str, ec: str = "M") -> qr.QrOps:
        texts.append(text)
        return original(text, ec)

    for name, module in list(sys.modules.items()):
        if name.startswith("app.pdf"):
            for attr, value in list(vars(module).items()):
                if value is original:
                    monkeypatch.setattr(module, attr, spy)
    return texts


def _enrol(ctx: Any, officer: Actor, nik: str, **kw: Any) -> str:
    out = enrolment.enrol_worker(ctx, officer, bpu_record(nik=nik, **kw))
    assert out.number is not None, out.errors
    return out.number


def _documents_with_codes(ctx: Any, officer: Actor, clock: Any) -> dict[str, bytes]:
    """Every document that prints a QR code, through its service, as a counter prints it."""
    numbers = enrol(ctx, officer, 3, program="JKK,JKM,JHT", bulan_bayar=1)
    payment = cs.record_enrolment_payment(ctx, officer, numbers[0])
    assert payment is not None
    batch = cs.pay_sponsored(
        ctx, officer, sponsor="Pemkab Ogan Ilir", numbers=[numbers[2]], months=2, reference="SP2D-1"
    )
    reg = registration_receipt.registration_receipt(ctx, officer, numbers[0])
    sheet = cards.print_card_sheet(ctx, officer, numbers=numbers[1:], workers=1)
    assert sheet.pdf is not None
    docs = {
        "card": cards.card_pdf(cards.issue_card(ctx, officer, numbers[0]).face),
        "card sheet": sheet.pdf,
        "registration A5": registration_receipt.receipt_pdf(reg),
        "registration 80mm": registration_receipt.receipt_pdf(reg, "thermal"),
        "payment A5": cs.receipt_pdf(ctx, payment.id),
        "payment 80mm": cs.receipt_pdf(ctx, payment.id, paper="80mm"),
        "sponsor A5": cs.sponsor_receipt_pdf(ctx, batch.id),
        "sponsor 80mm": cs.sponsor_receipt_pdf(ctx, batch.id, paper="80mm"),
    }
    clock.now = dt.datetime(2027, 3, 2, 3, 0, tzinfo=dt.UTC)
    worker = _enrol(
        ctx, officer, "1610014508900401", segmen="JAKON", pekerjaan="P012", program="JKK,JKM", bulan_bayar=0
    )
    p = projects.register_project(
        ctx, officer, name="Jembatan Desa Tanjung Pering", owner="Pemerintah Desa Tanjung Pering",
        contractor="CV Sumber Rejeki", npp=None, contract_value=180_000_000, spk_date=dt.date(2027, 2, 22),
        first=Month(2027, 3), last=Month(2027, 8),
    )  # fmt: skip
    projects.add_workers(ctx, officer, p.code, [worker])
    projects.pay_project(ctx, officer, p.code, method="transfer", reference="TRX 77")
    docs["project A5"] = projects.project_receipt_pdf(ctx, p.code)
    docs["project 80mm"] = projects.project_receipt_pdf(ctx, p.code, paper="80mm")
    return docs


@pytest.mark.slow
def test_every_code_on_paper_comes_from_the_one_encoder_and_reads_back(
    ctx: Any, officer: Actor, clock: Any, encoded: list[str]
) -> None:
    docs = _documents_with_codes(ctx, officer, clock)
    for name, pdf in docs.items():
        before = len(encoded)
        pages = len(pdfium.PdfDocument(pdf))
        read = [c.text for page in range(1, pages + 1) for c in decode_qr(pdf, page, dpi=200)]
        assert read, f"{name}: no code reads from a pdftoppm render"
        assert set(read) <= set(encoded[:before]), f"{name}: a code not made by the kit's encoder"
    assert len(encoded) >= len(docs)


# --- thermal rolls -----------------------------------------------------------------------------------


def _tinted_or_solid(img: Image.Image, dpi: int) -> tuple[int, int, float]:
    """(colour pixels, pixels inside a grey tint, the darkest share of any 5 mm window outside the
    QR codes): a thermal head prints black dots only, and large dark areas smear and fade."""
    r, g, b = img.split()
    colour = sum(
        ImageChops.difference(x, y).point(lambda v: 255 if v > 12 else 0).histogram()[255]
        for x, y in ((r, g), (g, b))
    )
    grey = img.convert("L")
    # A tint is grey over an area; anti-aliased edges are grey for a pixel or two only.
    tint = grey.point(lambda v: 255 if 50 < v < 205 else 0)
    for _ in range(2):
        tint = tint.filter(ImageFilter.MinFilter(3))
    for code in zxingcpp.read_barcodes(grey):
        p = code.position
        corners = (p.top_left, p.top_right, p.bottom_left, p.bottom_right)
        xs, ys = [c.x for c in corners], [c.y for c in corners]
        ImageDraw.Draw(grey).rectangle((min(xs) - 8, min(ys) - 8, max(xs) + 8, max(ys) + 8), fill=255)
    dark = grey.point(lambda v: 255 if v < 128 else 0).filter(ImageFilter.BoxBlur(round(2.5 * dpi / 25.4)))
    return colour, tint.histogram()[255], dark.getextrema()[1] / 255


def _colour_render(pdf: bytes, dpi: int) -> Image.Image:
    """The first page rendered in colour by pdftoppm."""
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "in.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", f"{d}/in.pdf", f"{d}/out"],
            check=True,
            timeout=60,
        )
        with Image.open(f"{d}/out.png") as img:
            return img.convert("RGB")


@pytest.mark.slow
def test_roll_slips_print_black_on_white_with_no_solid_blocks(
    ctx: Any, officer: Actor, supervisor: Actor, clock: Any
) -> None:
    docs = _documents_with_codes(ctx, officer, clock)
    rolls = {name: pdf for name, pdf in docs.items() if name.endswith("80mm")}
    assert len(rolls) == 4
    # A voided payment's slip carries the stamp; a reprint its copy line.
    number = _enrol(ctx, officer, "1610014508900502", bulan_bayar=1)
    paid = cs.record_enrolment_payment(ctx, officer, number)
    assert paid is not None
    rolls["copy 80mm"] = cs.reprint_receipt_pdf(ctx, officer, paid.id, paper="80mm")
    cs.void_payment(ctx, supervisor, paid.id, reason="Salah input", password=SUPERVISOR_PASSWORD)
    rolls["void 80mm"] = cs.receipt_pdf(ctx, paid.id, paper="80mm")
    dpi = 150
    for name, pdf in rolls.items():
        (page,) = pdfium.PdfDocument(pdf)
        assert round(page.get_width() / MM) == 80, name
        colour, tint, darkest = _tinted_or_solid(_colour_render(pdf, dpi), dpi)
        assert (colour, tint) == (0, 0) and darkest < 0.6, (name, darkest)
    # The check sees what it forbids: the A5 receipt has colour, tints and a solid band.
    colour, tint, darkest = _tinted_or_solid(_colour_render(docs["payment A5"], dpi), dpi)
    assert colour > 0 and tint > 0 and darkest > 0.9


# --- what a member's paper says --------------------------------------------------------------------------


def test_a_rate_tables_own_note_never_reaches_a_members_paper(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer, bulan_bayar=1)
    payment = cs.record_enrolment_payment(ctx, officer, number)
    assert payment is not None
    dto = cs.get_payment(ctx, payment.id)
    for_the_maintainer = Issue("program", "quote.note.JKK", "Tabel golongan JKK belum dimuat [U].")
    for_the_member = Issue("penghasilan", "quote.base_minimum", "Iuran dihitung dari dasar minimum.")
    quote = dataclasses.replace(dto.quote, notes=(*dto.quote.notes, for_the_maintainer, for_the_member))
    data = receipts.payment_receipt_data(dataclasses.replace(dto, quote=quote))
    receipts.ensure_fonts()
    for paper in ("A5", "80mm"):
        text = " ".join(pdf_text(render_payment_receipt(data, paper=paper)).split())
        assert "dasar minimum" in text and "belum dimuat" not in text and "[U]" not in text, paper


def test_amounts_after_the_total_print_on_both_papers(ctx: Any, officer: Actor) -> None:
    (number,) = enrol(ctx, officer, bulan_bayar=1)
    payment = cs.record_enrolment_payment(ctx, officer, number)
    assert payment is not None
    data = receipts.payment_receipt_data(cs.get_payment(ctx, payment.id))
    cash = dataclasses.replace(data, after_total=(("Diterima", 100_000), ("Kembali", 100_000 - data.total)))
    receipts.ensure_fonts()
    for paper in ("A5", "80mm"):
        text = " ".join(pdf_text(render_payment_receipt(cash, paper=paper)).split())
        assert "Diterima Rp100.000" in text, paper
        assert f"Kembali {format_rupiah(100_000 - data.total)}" in text, paper
        assert "Diterima" not in pdf_text(render_payment_receipt(data, paper=paper))
