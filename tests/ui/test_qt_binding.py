"""The Qt binding itself: PySide6 6.12.0 returned None from void methods without a reference
(on Python 3.11, where None is not immortal), so a long session aborted with
``Fatal Python error: none_dealloc``. Pinned to 6.11.3; this guards the pin."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject


def test_void_calls_keep_their_reference_to_none(qapp: Any) -> None:
    o = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        o.setObjectName("loket")  # returns None
    assert sys.getrefcount(None) > before - 200  # the broken binding lost exactly 2000
