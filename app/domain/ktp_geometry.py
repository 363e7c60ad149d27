"""Plane geometry for straightening a photographed card: corner order and perspective coefficients."""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]


def order_corners(points: Sequence[Point]) -> tuple[Point, Point, Point, Point]:
    """Four corners as top-left, top-right, bottom-right, bottom-left (image coordinates, y down)."""
    if len(points) != 4:
        raise ValueError("four corners expected")
    cx = sum(p[0] for p in points) / 4
    cy = sum(p[1] for p in points) / 4
    by_angle = sorted(points, key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
    # atan2 with y down runs clockwise from the left; start at the corner nearest the top-left.
    start = min(range(4), key=lambda i: by_angle[i][0] + by_angle[i][1])
    tl, tr, br, bl = (by_angle[(start + k) % 4] for k in range(4))
    return tl, tr, br, bl


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 unknowns: cheaper than pulling in numpy)."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("degenerate quadrilateral")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                if f:
                    m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective_coefficients(dst: Sequence[Point], src: Sequence[Point]) -> tuple[float, ...]:
    """The 8 coefficients mapping each ``dst`` point to its ``src`` point (Pillow's PERSPECTIVE data).

    Pillow samples the output at (x, y) from the input at ((a x + b y + c) / (g x + h y + 1),
    (d x + e y + f) / (g x + h y + 1)), so ``dst`` are output corners and ``src`` input corners.
    """
    a: list[list[float]] = []
    b: list[float] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return tuple(_solve(a, b))


def quad_area(q: Sequence[Point]) -> float:
    return abs(sum(q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1] for i in range(4))) / 2
