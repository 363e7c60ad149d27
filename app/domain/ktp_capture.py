"""When to take the picture: a camera frame is captured once it has been sharp for a moment (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field


def sharpness(grey: bytes, width: int, height: int) -> float:
    """Variance of the 4-neighbour Laplacian over a grey image (one byte per pixel, rows packed).

    Blur and motion lower it; a card's printed text raises it. Used on a small copy (~160 px wide).
    """
    if width < 3 or height < 3 or len(grey) < width * height:
        return 0.0
    total = 0.0
    total_sq = 0.0
    n = 0
    for y in range(1, height - 1):
        row = y * width
        up, down = row - width, row + width
        for x in range(1, width - 1):
            i = row + x
            lap = grey[i - 1] + grey[i + 1] + grey[up + x] + grey[down + x] - 4 * grey[i]
            total += lap
            total_sq += lap * lap
            n += 1
    mean = total / n
    return total_sq / n - mean * mean


@dataclass
class SharpGate:
    """Says "take it" after ``needed`` sharp frames in a row, each at least ``threshold`` sharp.

    The threshold follows the scene: a frame counts as sharp when it is above ``threshold`` and near
    the sharpest seen lately, so a camera that is never very sharp still captures its best.
    """

    threshold: float = 60.0
    needed: int = 3
    _streak: int = 0
    _best: float = 0.0
    history: list[float] = field(default_factory=list)

    def feed(self, value: float) -> bool:
        self.history = [*self.history[-29:], value]
        self._best = max(self.history)
        if value >= self.threshold and value >= 0.7 * self._best:
            self._streak += 1
        else:
            self._streak = 0
        if self._streak >= self.needed:
            self._streak = 0
            return True
        return False

    def reset(self) -> None:
        self._streak = 0
        self.history = []
        self._best = 0.0
