"""The least-squares line behind ``at_risk`` projections."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def project(points: Sequence[tuple[date, float]], at: date) -> float | None:
    """The value a least-squares line through ``points`` reaches on ``at``.

    None with fewer than two distinct dates: one point says nothing about a trend.
    """
    if len(points) < 2:
        return None
    xs = [day.toordinal() for day, _ in points]
    ys = [value for _, value in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return mean_y + slope * (at.toordinal() - mean_x)
