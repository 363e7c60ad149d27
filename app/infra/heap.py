"""Python's cyclic garbage collector, tuned for a counter app that runs all day.

Reference counting frees almost everything the moment it is done with; the cyclic collector only
finds reference cycles. With its default young-generation threshold (700) it runs every few
enrolments, and each pass costs about a quarter of an enrolment (~1 ms on SQLite): exactly the
slowest 5 % of saves. So:

- ``settle_heap`` (once the main window is up): collect once, then freeze everything alive —
  modules, reference data, regions, the window — out of later passes, and raise the young
  threshold so passes are rare (a few milliseconds each, unnoticeable at the counter).
- ``bulk_gc`` (around an import): a higher threshold still, while rows stream through.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_THRESHOLD = (700, 10, 10)  # Python's own
SETTLED_THRESHOLD = (20_000, 10, 10)
BULK_THRESHOLD = (50_000, 20, 20)

_lock = threading.Lock()
_settled = False
_depth = 0
_saved: tuple[int, int, int] = (700, 10, 10)
_froze = False


def settle_heap() -> None:
    """Call once the application is up; calling it again does nothing."""
    global _settled, _saved
    with _lock:
        if _settled:
            return
        gc.collect()
        gc.freeze()
        if _depth == 0:
            gc.set_threshold(*SETTLED_THRESHOLD)
        else:
            _saved = SETTLED_THRESHOLD  # what the running bulk pass puts back
        _settled = True


def unsettle_heap() -> None:
    """Undo ``settle_heap``: for a process that goes on to other work (the benchmarks)."""
    global _settled
    with _lock:
        if not _settled:
            return
        gc.unfreeze()
        if _depth == 0:
            gc.set_threshold(*DEFAULT_THRESHOLD)
        _settled = False


@contextmanager
def bulk_gc() -> Iterator[None]:
    """Fewer cyclic-GC passes while a bulk pass streams rows (25-30 % of an import's time on 10k rows).

    When the heap was not settled (the command line), the objects alive before the pass are frozen
    out of its scans for the duration. Nested or parallel passes share one setting; the previous
    one comes back after the last. Reference counting still frees every row as soon as it is done.
    """
    global _depth, _saved, _froze
    with _lock:
        _depth += 1
        if _depth == 1:
            _saved = gc.get_threshold()
            _froze = not _settled
            if _froze:
                gc.freeze()
            gc.set_threshold(*BULK_THRESHOLD)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
                if _froze and not _settled:  # settled meanwhile: those objects stay frozen too
                    gc.unfreeze()
