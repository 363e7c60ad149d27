"""A big spreadsheet's rows, read in a helper process while this one checks them.

openpyxl spends as long parsing an XLSX row as the intake rules spend checking it, and neither
releases the interpreter, so one process keeps one core busy while the other idles. Here a helper
process opens the file as soon as an import starts (while this process opens it too, to find the
header), then streams the rows a few batches ahead; the caller gets them as
:meth:`TableReader.rows` gives them. A small file or a CSV is read in place: starting a helper
costs more than it saves.

The helper hashes the file it opened, so rows read from a file replaced in the meantime are
refused (the caller compares the hash with its own). Errors come back as they would in place:
:class:`UnreadableFileError` with its code and message.
"""

from __future__ import annotations

import hashlib
import queue
from collections.abc import Generator
from pathlib import Path
from typing import Any

from app.infra.tabular import UnreadableFileError, open_table, sniff_kind

# An XLSX smaller than this is read in place (about 2,000 rows of the intake record).
PREFETCH_MIN_BYTES = 200 * 1024
BATCH_ROWS = 500
AHEAD = 4  # batches waiting at most: memory stays flat whatever the file's size


class FileChangedError(Exception):
    """The helper read a different file than the one the caller opened (replaced in between)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _serve(path: str, requests: Any, results: Any) -> None:
    """The helper process: open, say so with the file's hash, then stream the sheet it is asked for."""
    try:
        reader = open_table(Path(path))
    except UnreadableFileError as exc:
        results.put(("unreadable", (exc.issue.code, exc.issue.message)))
        return
    except BaseException as exc:  # reported to the caller, which raises it there
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        return
    try:
        results.put(("opened", _sha256(Path(path))))
        request = requests.get()  # ("rows", sheet name or None for the first), or None: not needed
        if request is None:
            return
        batch: list[tuple[int, tuple[Any, ...]]] = []
        for n, values in reader.rows(request[1]):
            batch.append((n, values))
            if len(batch) >= BATCH_ROWS:
                results.put(("rows", batch))
                batch = []
        results.put(("rows", batch))
        results.put(("end", None))
    except UnreadableFileError as exc:
        results.put(("unreadable", (exc.issue.code, exc.issue.message)))
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        reader.close()


class RowPrefetch:
    """``RowPrefetch.start(path)`` (None when the file is better read in place), then ``rows(sheet,
    sha256)`` once, then ``close()``."""

    def __init__(self, path: Path) -> None:
        import multiprocessing

        mp = multiprocessing.get_context("spawn")  # the same on Linux, Windows and a frozen bundle
        self.requests: Any = mp.Queue()
        self.results: Any = mp.Queue(maxsize=AHEAD)
        self.process = mp.Process(target=_serve, args=(str(path), self.requests, self.results), daemon=True)
        self.process.start()
        self._streaming = False

    @classmethod
    def start(cls, path: str | Path) -> RowPrefetch | None:
        p = Path(path)
        try:
            if sniff_kind(p) != "xlsx" or p.stat().st_size < PREFETCH_MIN_BYTES:
                return None
        except (UnreadableFileError, OSError):
            return None  # the caller opens it too and says what is wrong
        return cls(p)

    def rows(self, sheet: str | None, sha256: str) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
        kind, payload = self._take()
        if kind != "opened":
            raise RuntimeError(f"unexpected message from the row reader: {kind}")
        if payload != sha256:
            raise FileChangedError()
        self.requests.put(("rows", sheet))
        self._streaming = True
        while True:
            kind, payload = self._take()
            if kind == "end":
                self._streaming = False
                return
            yield from payload

    def _take(self) -> tuple[str, Any]:
        while True:
            try:
                kind, payload = self.results.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    raise RuntimeError("Proses pembaca file berhenti tanpa hasil.") from None
                continue
            if kind == "unreadable":
                self._streaming = False
                raise UnreadableFileError(*payload)
            if kind == "error":
                self._streaming = False
                raise RuntimeError(f"Pembacaan file gagal: {payload}")
            return kind, payload

    def close(self) -> None:
        if self.process.is_alive() and not self._streaming:
            self.requests.put(None)  # never asked for rows, or all read: it ends by itself
            self.process.join(timeout=5)
        if self.process.is_alive():  # mid-stream (a cancel, a refused row limit): stop it
            self.process.terminate()
            self.process.join()
        self.requests.close()
        self.results.close()
        self.requests.join_thread()
        self.results.cancel_join_thread()  # rows it had queued are not wanted any more
