"""The KTP's printed layout: where each label and value sits, as fractions of the card's width and height.

The e-KTP (85.6 × 54 mm) prints the province and regency as two centred title lines, the NIK in a
large face under them, then one labelled row per field down the left two thirds of the card (label,
colon, value), with the photo on the right. Fields are read from these positions, never guessed from
free text.
"""

from __future__ import annotations

from dataclasses import dataclass

CARD_ASPECT = 85.6 / 54.0  # ID-1 card, width / height


@dataclass(frozen=True, slots=True)
class Band:
    """One printed line: its label (empty for the title lines) and the value's box on the card."""

    key: str
    label: str
    y: float  # centre of the line, fraction of the card's height
    height: float  # text height (cap to descender), fraction of the card's height
    x0: float  # where the value starts, fraction of the card's width
    x1: float  # where the value ends at the latest
    label_x: float = 0.03
    centred: bool = False


TITLE_HEIGHT = 0.048
ROW_HEIGHT = 0.040
NIK_HEIGHT = 0.062
ROW_TOP = 0.318
ROW_STEP = 0.0565
VALUE_X = 0.285  # values start after the colon
COLON_X = 0.265
VALUE_END = 0.705  # the photo begins right of this
SUB_LABEL_X = 0.06  # RT/RW, Kel/Desa and Kecamatan are indented under Alamat

TITLES = (
    Band("provinsi", "", 0.075, TITLE_HEIGHT, 0.12, 0.88, centred=True),
    Band("kabupaten", "", 0.138, TITLE_HEIGHT, 0.12, 0.88, centred=True),
)
NIK = Band("nik", "NIK", 0.222, NIK_HEIGHT, 0.245, 0.70)

_ROWS = (
    ("nama", "Nama"),
    ("ttl", "Tempat/Tgl Lahir"),
    ("jenis_kelamin", "Jenis Kelamin"),
    ("alamat", "Alamat"),
    ("rt_rw", "RT/RW"),
    ("kel_desa", "Kel/Desa"),
    ("kecamatan", "Kecamatan"),
    ("agama", "Agama"),
    ("status", "Status Perkawinan"),
    ("pekerjaan", "Pekerjaan"),
    ("kewarganegaraan", "Kewarganegaraan"),
    ("berlaku", "Berlaku Hingga"),
)
_SUB = {"rt_rw", "kel_desa", "kecamatan"}
_SHORT = {"jenis_kelamin": 0.50}  # "Gol. Darah" follows on the same line


def _row(i: int, key: str, label: str) -> Band:
    return Band(
        key,
        label,
        ROW_TOP + i * ROW_STEP,
        ROW_HEIGHT,
        VALUE_X,
        _SHORT.get(key, VALUE_END),
        label_x=SUB_LABEL_X if key in _SUB else 0.03,
    )


ROWS = tuple(_row(i, key, label) for i, (key, label) in enumerate(_ROWS))
BLOOD = Band("gol_darah", "Gol. Darah", ROWS[2].y, ROW_HEIGHT, 0.655, 0.705, label_x=0.51)
PHOTO = (0.725, 0.20, 0.945, 0.70)  # x0, y0, x1, y1
ISSUE_PLACE = Band("tempat_terbit", "", 0.765, 0.034, 0.725, 0.945, centred=True)
ISSUE_DATE = Band("tanggal_terbit", "", 0.815, 0.034, 0.725, 0.945, centred=True)

# The bands the reader reads, in reading order.
READ_BANDS: tuple[Band, ...] = (
    *TITLES,
    NIK,
    *(b for b in ROWS if b.key not in {"agama", "status", "kewarganegaraan", "berlaku"}),
)


def band(key: str) -> Band:
    for b in (*TITLES, NIK, *ROWS, BLOOD, ISSUE_PLACE, ISSUE_DATE):
        if b.key == key:
            return b
    raise KeyError(key)
