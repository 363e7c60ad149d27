"""Reading spreadsheets row by row: XLSX (openpyxl read-only, streamed) and CSV (encoding and delimiter sniffed).

Nothing here holds a whole file in memory: rows are yielded as they are parsed. Every way a
file can be broken ends in :class:`UnreadableFileError` with a stable code and an Indonesian
message, raised before or while rows are read (the caller has written nothing by then).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol

from app.domain.imports import MAX_CELL_CHARS, header_score
from app.domain.issues import Issue
from app.domain.messages import msg

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_SNIFF_BYTES = 64 * 1024
# A CSV line longer than this cannot be a row of the intake record (18 fields of ≤ 250 chars).
MAX_LINE_CHARS = 256 * 1024
# Decompressed size limits for the parts of an XLSX (a "zip bomb" or a 50 MB cell stops here).
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")
_FORMULA_TAG = re.compile(rb"<((?:\w+:)?)f[\s>/]")
_CELL_ATTR_REF = re.compile(rb"\sr=\"([A-Z]{1,3})(\d+)\"")
_STORED_VALUE = re.compile(rb"<(?:\w+:)?(?:v>[^<]|is>)")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)\"")
_HEAD_BYTES = 64 * 1024  # the <dimension> comes before the rows (sheetData), near the top
# Text longer than any cell we accept (MAX_CELL_CHARS, in its worst XML form: 6 bytes a character,
# ``&quot;``) is a row error, found after the row is parsed. Parsing costs memory and time in
# proportion to the text, so ALL such text of a sheet together may not exceed MAX_OVERSIZE_BYTES:
# counted on the decompressed stream BEFORE openpyxl parses anything (it parses a sheet without a
# <dimension> whole just to size it), a 0.5 MB file whose one inline cell holds 500 million
# characters is refused after reading 16 MiB instead of being parsed for minutes into gigabytes.
_OVERSIZE_NODE = re.compile(rb">[^<]{%d,}" % (MAX_CELL_CHARS * 6 + 256))
MAX_OVERSIZE_BYTES = 16 * 1024 * 1024
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


class UnreadableFileError(Exception):
    """The file cannot be read as a table; ``issue`` says why in Indonesian, with a stable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.issue = Issue("file", code, message)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


@dataclass(frozen=True, slots=True)
class CellScan:
    """What the row values alone do not show: merged ranges and formulas (XLSX only)."""

    merged: tuple[
        tuple[int, int, int, int], ...
    ] = ()  # (first row, first col, last row, last col), 1/0-based
    formulas_without_value: frozenset[tuple[int, int]] = frozenset()  # (row, col) whose result is not stored
    formula_cells: int = 0


class TableReader(Protocol):
    """A spreadsheet being read row by row, whatever its format (XLSX or CSV)."""

    kind: str
    encoding: str | None
    delimiter: str | None
    epoch_1904: bool

    def sheet_names(self) -> list[str]: ...

    def estimated_rows(self, sheet: str | None) -> int | None: ...

    def rows(self, sheet: str | None) -> Generator[tuple[int, tuple[Any, ...]], None, None]: ...

    def scan(self, sheet: str | None) -> CellScan: ...

    def close(self) -> None: ...


def sniff_kind(path: Path) -> str:
    """``"xlsx"`` or ``"csv"`` from the file's first bytes (never from its name)."""
    try:
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise UnreadableFileError(
            "file.missing", msg("File {name} tidak ditemukan.", name=path.name)
        ) from exc
    except OSError as exc:
        raise UnreadableFileError(
            "file.unreadable",
            msg("File {name} tidak bisa dibuka: {strerror}.", name=path.name, strerror=exc.strerror),
        ) from exc
    if not head:
        raise UnreadableFileError("file.empty", msg("File {name} kosong (0 byte).", name=path.name))
    if head.startswith(_OLE_MAGIC):
        if _contains(path, _ENCRYPTED_STREAM):
            raise UnreadableFileError(
                "file.encrypted",
                msg(
                    "File {name} dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File › Info › Proteksi Buku Kerja), simpan, lalu impor lagi.",
                    name=path.name,
                ),
            )
        raise UnreadableFileError(
            "file.xls",
            msg(
                "File {name} berformat Excel 97-2003 (.xls). Simpan sebagai Excel Workbook (.xlsx) atau CSV, lalu impor lagi.",
                name=path.name,
            ),
        )
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text ("Unicode Text" from Excel)
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 100:
        raise UnreadableFileError(
            "file.binary",
            msg(
                "File {name} bukan teks CSV maupun Excel (.xlsx): isinya biner. Periksa apakah file yang dipilih benar.",
                name=path.name,
            ),
        )
    return "csv"


def _contains(path: Path, needle: bytes) -> bool:
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def open_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> TableReader:
    kind = sniff_kind(path)
    if kind == "xlsx":
        return XlsxReader(path)
    return CsvReader(path, encoding=encoding, delimiter=delimiter)


# --- XLSX ---------------------------------------------------------------------------------------------


def _corrupt(path: Path, detail: str = "") -> UnreadableFileError:
    return UnreadableFileError(
        "file.corrupt",
        f"File {path.name} rusak atau terpotong dan tidak bisa dibaca sebagai Excel (.xlsx)"
        + (f" ({detail})" if detail else "")
        + ". Buka dan simpan ulang di Excel/LibreOffice, atau minta kiriman ulang file aslinya.",
    )


def _check_text_nodes(zf: zipfile.ZipFile, part: str, path: Path) -> None:
    """Refuse, before it is parsed, a sheet whose over-long texts together pass
    ``MAX_OVERSIZE_BYTES``: one streamed pass that stops as soon as they do."""
    oversize = 0
    with zf.open(part) as src:
        carry = b""
        while chunk := src.read(_CHUNK):
            buf = carry + chunk
            # Texts are complete up to the last '<'; the rest waits for the next chunk.
            end = buf.rfind(b"<")
            complete, carry = (buf[:end], buf[end:]) if end >= 0 else (b"", buf)
            oversize += sum(len(m.group()) for m in _OVERSIZE_NODE.finditer(complete))
            if oversize > MAX_OVERSIZE_BYTES or len(carry) > MAX_OVERSIZE_BYTES:
                raise UnreadableFileError(
                    "file.cell_too_long",
                    f"File {path.name} berisi sel dengan teks yang sangat panjang (jauh lebih dari "
                    f"{MAX_CELL_CHARS:,} karakter). File ditolak sebelum dibaca; periksa isi file (data "
                    "intake tidak pernah sepanjang itu).".replace(",", "."),
                )


class XlsxReader:
    """openpyxl in read-only mode with cached formula values (``data_only``): rows are streamed."""

    kind = "xlsx"
    encoding: str | None = None
    delimiter: str | None = None

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] = path.open("rb")
        try:
            with zipfile.ZipFile(self._file) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" not in names:
                    raise UnreadableFileError(
                        "file.not_xlsx",
                        msg("File {name} adalah arsip ZIP, bukan buku kerja Excel (.xlsx).", name=path.name),
                    )
                ss = next((i for i in zf.infolist() if i.filename.lower() == "xl/sharedstrings.xml"), None)
                if ss is not None and ss.file_size > MAX_SHARED_STRINGS_BYTES:
                    raise UnreadableFileError(
                        "file.too_large",
                        msg(
                            "Teks di file {name} terlalu besar ({file_size} MB setelah dibuka). Periksa isi file; mungkin ada sel berisi data yang tidak semestinya.",
                            name=path.name,
                            file_size=ss.file_size // (1024 * 1024),
                        ),
                    )
                for info in zf.infolist():
                    if _SHEET_PART.match(info.filename):
                        _check_text_nodes(zf, info.filename, path)
            self._file.seek(0)
            with warnings.catch_warnings():
                # openpyxl warns about styles and extensions it ignores; irrelevant to the values.
                warnings.simplefilter("ignore")
                self._wb = _load_read_only(self._file)
        except UnreadableFileError:
            self._file.close()
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            self._file.close()
            raise _corrupt(path) from exc
        except Exception as exc:  # openpyxl raises KeyError, ValueError, ParseError… for broken parts
            self._file.close()
            raise _corrupt(path, type(exc).__name__) from exc
        self.epoch_1904 = self._wb.epoch.year == 1904
        self._dimensions: dict[str, int | None] = {}

    def sheet_names(self) -> list[str]:
        return [ws.title for ws in self._wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]

    def _sheet(self, name: str | None) -> Any:
        if name is None:
            return self._wb.worksheets[0]
        if name not in self._wb.sheetnames:
            raise UnreadableFileError(
                "file.sheet_missing",
                f"Lembar '{name[:40]}' tidak ada di {self.path.name}. Lembar yang ada: "
                + ", ".join(self.sheet_names())
                + ".",
            )
        return self._wb[name]

    def estimated_rows(self, sheet: str | None) -> int | None:
        """The sheet's own ``<dimension>`` (absent or wrong in some files; rows() never trusts it)."""
        ws = self._sheet(sheet)
        rows = self._dimensions.get(ws.title, ws.max_row)
        return int(rows) if rows else None

    def rows(self, sheet: str | None) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
        """(row number, values) for every row, blank ones included; a lying dimension is ignored."""
        ws = self._sheet(sheet)
        self._dimensions.setdefault(ws.title, ws.max_row)
        ws.reset_dimensions()
        it = ws.iter_rows(min_row=1, values_only=True)
        n = 0
        try:
            while True:
                # Per step, never across a yield: the caller's warning filters stay its own.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    values = next(it, None)
                if values is None:
                    return
                n += 1
                yield n, values
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise _corrupt(self.path) from exc
        except Exception as exc:
            raise _corrupt(self.path, type(exc).__name__) from exc

    def scan(self, sheet: str | None) -> CellScan:
        """Merged ranges and formula cells, from the sheet's XML (openpyxl's read-only mode skips them).

        One streamed pass over the decompressed XML with byte searches; rows are cut at ``</row>``
        so a cell never straddles two pieces. Costs about as much as decompressing the sheet.
        """
        ws = self._sheet(sheet)
        part = getattr(ws, "_worksheet_path", None)
        if not part:
            return CellScan()
        merged: set[tuple[int, int, int, int]] = set()
        without_value: set[tuple[int, int]] = set()
        count = 0
        try:
            with zipfile.ZipFile(self.path) as zf, zf.open(part) as src:
                buf = b""
                first = True
                while chunk := src.read(_CHUNK):
                    if first and (b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk):
                        raise _corrupt(self.path, "DTD")
                    first = False
                    buf += chunk
                    cut = _last_row_end(buf)
                    if cut > 0:
                        count += _scan_cells(buf[:cut], without_value)
                        buf = buf[cut:]
                count += _scan_cells(buf, without_value)
                if b"mergeCell" in buf:
                    for m in _MERGE_REF.finditer(buf):
                        c1, r1 = _col_index(m.group(1).decode()), int(m.group(2))
                        c2 = _col_index(m.group(3).decode()) if m.group(3) else c1
                        r2 = int(m.group(4)) if m.group(4) else r1
                        merged.add((r1, c1, r2, c2))
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
            raise _corrupt(self.path, type(exc).__name__) from exc
        return CellScan(tuple(sorted(merged)), frozenset(without_value), count)

    def close(self) -> None:
        try:
            self._wb.close()
        finally:
            self._file.close()


def _last_row_end(buf: bytes) -> int:
    """Just past the last ``</row>`` (any namespace prefix) in ``buf``, or -1."""
    k = len(buf)
    while True:
        k = buf.rfind(b"row>", 0, k)
        if k < 0:
            return -1
        lt = buf.rfind(b"<", 0, k)
        if lt >= 0 and buf[lt + 1 : lt + 2] == b"/":
            return k + 4


@lru_cache(maxsize=1)
def _read_only_reader() -> Any:
    """openpyxl's reader in read-only mode whose sheets are sized from their ``<dimension>`` only.

    Where a file has none (openpyxl's write-only mode, many exporters) openpyxl parses the whole
    sheet once looking for it, before a single row is read, and finds nothing: such a sheet has no
    estimate either way, and ``XlsxReader.rows`` never trusts a size. Built on first use: openpyxl
    is imported only when a spreadsheet is opened."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            with self._get_source() as src:
                head = src.read(_HEAD_BYTES)
            data = head.find(b"sheetData")
            m = _DIMENSION.search(head, 0, data if data >= 0 else len(head))
            if m is not None:
                with contextlib.suppress(ValueError, TypeError):
                    bounds = range_boundaries(m.group(1).decode("ascii"))
                    self._min_column, self._min_row, self._max_column, self._max_row = bounds

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_worksheets(self) -> None:  # the read-only branch of openpyxl's own
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                ws = UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    return Reader


def _load_read_only(file: IO[bytes]) -> Any:
    """``openpyxl.load_workbook(file, read_only=True, data_only=True, keep_links=False)``, minus
    the whole-sheet pass that sizes a sheet without ``<dimension>``."""
    reader = _read_only_reader()(file, read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def _scan_cells(seg: bytes, without_value: set[tuple[int, int]]) -> int:
    """Formula cells in whole rows of XML; those with no stored result go into ``without_value``."""
    if b"f>" not in seg and b"f " not in seg and b"f/" not in seg:
        return 0
    count = 0
    for m in _FORMULA_TAG.finditer(seg):
        prefix = m.group(1)
        cstart = seg.rfind(b"<" + prefix + b"c ", 0, m.start())
        if cstart < 0:
            continue
        count += 1
        ref = _CELL_ATTR_REF.search(seg, cstart, seg.find(b">", cstart))
        cend = seg.find(b"</" + prefix + b"c>", m.end())
        body = seg[m.end() : cend if cend >= 0 else len(seg)]
        if ref is not None and _STORED_VALUE.search(body) is None:
            without_value.add((int(ref.group(2)), _col_index(ref.group(1).decode())))
    return count


# --- CSV ----------------------------------------------------------------------------------------------


def _detect_encoding(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := f.read(_CHUNK):
                if b"\x00" in chunk:
                    raise UnreadableFileError(
                        "file.binary",
                        msg(
                            "File {name} berisi byte NUL; ini bukan file teks CSV. Simpan ulang dari Excel sebagai CSV (UTF-8).",
                            name=path.name,
                        ),
                    )
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
        f.seek(0)
        cp1252 = codecs.getincrementaldecoder("cp1252")()
        try:
            while chunk := f.read(_CHUNK):
                cp1252.decode(chunk)
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(
                "file.encoding",
                msg(
                    "File {name} tidak bisa dibaca sebagai teks UTF-8 maupun Windows-1252; mungkin bukan file CSV. Simpan ulang dari Excel sebagai CSV UTF-8.",
                    name=path.name,
                ),
            ) from exc
        return "cp1252"


def _bounded_lines(f: IO[str], path: Path) -> Iterator[str]:
    """Lines of at most MAX_LINE_CHARS: a 50 MB cell is refused without reading it whole."""
    while True:
        line = f.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS:
            raise UnreadableFileError(
                "file.cell_too_large",
                msg(
                    "File {name} berisi baris atau sel yang terlalu panjang (lebih dari {max_line_chars} ribu karakter). Periksa isi file; mungkin ada data yang tidak semestinya.",
                    name=path.name,
                    max_line_chars=MAX_LINE_CHARS // 1024,
                ),
            )
        if "\x00" in line:
            raise UnreadableFileError(
                "file.binary",
                msg(
                    "File {name} berisi byte NUL; ini bukan file teks CSV. Simpan ulang dari Excel sebagai CSV (UTF-8).",
                    name=path.name,
                ),
            )
        yield line


class CsvReader:
    """Reads a CSV file row by row, guessing its encoding and delimiter when not given."""

    kind = "csv"
    epoch_1904 = False

    def __init__(self, path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> None:
        self.path = path
        self.encoding: str | None = encoding or _detect_encoding(path)
        self.delimiter: str | None = delimiter or self._sniff_delimiter()

    def _open(self) -> IO[str]:
        return self.path.open("r", encoding=self.encoding, newline="")

    def _sniff_delimiter(self) -> str:
        """``,`` ``;`` or tab: whichever splits the first lines into known headers (then most columns)."""
        with self._open() as f:
            head = "".join(_first_lines(f, self.path, 20))
        best, best_score = ",", (-1, -1)
        for candidate in (",", ";", "\t"):
            score = (-1, -1)
            try:
                reader = csv.reader(io.StringIO(head), delimiter=candidate)
                rows = [r for _, r in zip(range(20), reader, strict=False)]
            except csv.Error:
                continue
            if rows:
                score = (max(header_score(r) for r in rows), max(len(r) for r in rows))
            if score > best_score:
                best, best_score = candidate, score
        return best

    def sheet_names(self) -> list[str]:
        return []

    def estimated_rows(self, sheet: str | None) -> int | None:
        """Lines in the file (records spanning lines make this an upper bound)."""
        newlines = 0
        with self.path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                newlines += chunk.count(b"\n")
        if self.encoding == "utf-16":
            return None
        return newlines

    def rows(self, sheet: str | None) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
        if sheet is not None:
            raise UnreadableFileError(
                "file.sheet_missing",
                msg("File CSV {name} tidak punya lembar; hapus pilihan lembar.", name=self.path.name),
            )
        previous = csv.field_size_limit()
        csv.field_size_limit(MAX_CELL_CHARS * 4)
        try:
            with self._open() as f:
                reader = csv.reader(_bounded_lines(f, self.path), delimiter=self.delimiter or ",")
                n = 0
                while True:
                    try:
                        record = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:
                        if "field larger" in str(exc):
                            raise UnreadableFileError(
                                "file.cell_too_large",
                                f"Sel di baris {n + 1} file {self.path.name} terlalu panjang (lebih dari "
                                f"{MAX_CELL_CHARS * 4:,} karakter).".replace(",", "."),
                            ) from exc
                        raise UnreadableFileError(
                            "file.csv_format",
                            msg(
                                "File {name} tidak bisa dibaca sebagai CSV di baris {n}: {exc}.",
                                name=self.path.name,
                                n=n + 1,
                                exc=exc,
                            ),
                        ) from exc
                    except UnicodeDecodeError as exc:
                        raise UnreadableFileError(
                            "file.encoding",
                            msg(
                                "File {name} berisi teks yang tidak bisa dibaca ({encoding}) di sekitar baris {n}.",
                                name=self.path.name,
                                encoding=self.encoding,
                                n=n + 1,
                            ),
                        ) from exc
                    n += 1
                    yield n, tuple(record)
        finally:
            csv.field_size_limit(previous)

    def scan(self, sheet: str | None) -> CellScan:
        return CellScan()

    def close(self) -> None:
        return None


def _first_lines(f: IO[str], path: Path, n: int) -> list[str]:
    out = []
    for line in _bounded_lines(f, path):
        out.append(line)
        if len(out) >= n:
            break
    return out
