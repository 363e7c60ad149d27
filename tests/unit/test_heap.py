"""The collector settings the counter app runs with, and that a bulk pass borrows and gives back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.infra import heap


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    """Each test starts unsettled and leaves the process as it found it (other tests may have
    shown the main window, which settles the heap)."""
    threshold, settled = gc.get_threshold(), heap._settled
    gc.unfreeze()
    heap._settled = False
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    heap._settled = settled
    if settled:
        gc.freeze()


def test_a_bulk_pass_on_the_command_line_freezes_and_gives_everything_back() -> None:
    gc.set_threshold(700, 10, 10)
    with heap.bulk_gc():
        assert gc.get_threshold() == heap.BULK_THRESHOLD
        assert gc.get_freeze_count() > 0
        with heap.bulk_gc():  # nested: one setting
            assert gc.get_threshold() == heap.BULK_THRESHOLD
        assert gc.get_threshold() == heap.BULK_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_settled_heap_stays_settled_through_a_bulk_pass() -> None:
    heap.settle_heap()
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.get_threshold() == heap.SETTLED_THRESHOLD
    heap.settle_heap()  # once only
    assert gc.get_freeze_count() == frozen
    with heap.bulk_gc():
        assert gc.get_threshold() == heap.BULK_THRESHOLD
    assert gc.get_threshold() == heap.SETTLED_THRESHOLD
    assert gc.get_freeze_count() == frozen


def test_settling_during_a_bulk_pass_is_what_comes_back_after_it() -> None:
    gc.set_threshold(700, 10, 10)
    with heap.bulk_gc():
        heap.settle_heap()
        assert gc.get_threshold() == heap.BULK_THRESHOLD
    assert gc.get_threshold() == heap.SETTLED_THRESHOLD
    assert gc.get_freeze_count() > 0


def test_cycles_made_after_settling_are_still_collected() -> None:
    heap.settle_heap()

    class Node:
        other: object

    a, b = Node(), Node()
    a.other, b.other = b, a
    import weakref

    gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is None


def test_unsettling_gives_python_its_defaults_back() -> None:
    heap.settle_heap()
    heap.unsettle_heap()
    assert gc.get_threshold() == heap.DEFAULT_THRESHOLD and gc.get_freeze_count() == 0
    heap.unsettle_heap()  # twice does nothing
    assert gc.get_threshold() == heap.DEFAULT_THRESHOLD


def test_no_service_tunes_the_process_gc() -> None:
    """GC tuning is chosen at the edges (the window, the command line, the benchmarks), never by a
    use case that any caller may run."""
    import ast
    from pathlib import Path

    services = Path(__file__).resolve().parents[2] / "app" / "services"
    found = []
    for path in sorted(services.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "gc" or n.startswith("app.infra.heap") for n in names):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found
