"""Reading back what our own PDFs print: the audit head on an archived day summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

# The audit section of a day summary (app/pdf/day_summary.py): the day's last event and its hash,
# printed in groups of eight hex digits.
_SEQ = re.compile(r"Peristiwa terakhir hari ini \(nomor urut\)\s*#(\d+)")
_HASH = re.compile(r"Hash peristiwa terakhir\s*((?:[0-9a-f]{8}\s*){8})")


@dataclass(frozen=True, slots=True)
class PrintedHead:
    seq: int
    hash: str


def _text(doc: pdfium.PdfDocument, index: int) -> str:
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


def printed_audit_head(pdf: bytes) -> PrintedHead | None:
    """The audit head printed on a day summary, read from its text (last pages first: the audit
    section closes the summary). None when the PDF prints none (a day without events) or cannot
    be read."""
    try:
        doc = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        return None
    try:
        for index in range(len(doc) - 1, -1, -1):
            text = _text(doc, index)
            seq, digest = _SEQ.search(text), _HASH.search(text)
            if seq and digest:
                return PrintedHead(int(seq.group(1)), re.sub(r"\s+", "", digest.group(1)))
        return None
    finally:
        doc.close()
