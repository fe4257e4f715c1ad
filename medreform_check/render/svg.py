"""Small inline SVG charts for the HTML report.

Each function returns one ``<svg>`` element as text: no script, no reference to anything
outside the element, every piece of text escaped. Charts carry a ``<title>`` so the figures
behind them can be read without the picture, and they never rely on colour alone: the
target is a black tick or a dashed line, the deadline a dotted one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from medreform_check.language.targets import COMPARISON_OPS, Target
from medreform_check.vocabulary import format_number

INK = "#1f2933"
# Text inside charts: 11 px, so that printed at 85 % (the A4 layout) it is still 7 pt.
LABEL_PX = 11
TRACK = "#e6e9ed"
PART_FILLS = ("#274c77", "#6096ba", "#a3cef1", "#8b8c89", "#cfd2cd")


def _n(value: float) -> str:
    """A coordinate, short: 12.0 → 12, 3.14159 → 3.14."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, label: str, body: str) -> str:
    text = escape(label)
    return (
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{text}"><title>{text}</title>{body}</svg>'
    )


def target_marks(target: Target | None) -> tuple[float, ...]:
    """The numbers a chart should draw for a target: one for comparisons, two for between."""
    if target is None:
        return ()
    if target.op in COMPARISON_OPS and target.number is not None:
        return (target.number,)
    if target.op == "between" and target.low is not None and target.high is not None:
        return (target.low, target.high)
    return ()


def progress_bar(fraction: float | None, fill: str, label: str, width: int = 160) -> str:
    """A bar filled to ``fraction`` (0–1) of its track; an empty track when unknown."""
    height = 12
    filled = 0.0 if fraction is None else max(0.0, min(1.0, fraction)) * width
    body = f'<rect width="{width}" height="{height}" fill="{TRACK}"/>'
    if filled:
        body += f'<rect width="{_n(filled)}" height="{height}" fill="{fill}"/>'
    return _svg(width, height, label, body)


def _domain(values: Sequence[float], percent: bool) -> tuple[float, float]:
    """The axis of a meter: always through zero, so a bar's length is its value.

    Percentages run over their natural 0–100 (and beyond, when a value does). When values
    fall below zero, the positive side is at least as long as the negative one: −2.8 against
    a target of 0 is a short bar to the left of a zero line in the middle, never a bar across
    the whole track that would read as almost met. Room is left at both ends so a target
    tick there stays visible.
    """
    below, above = -min(0.0, *values), max(0.0, *values)
    if percent:
        above = max(above, 100.0)
    elif below:
        above = max(above, below)
    room = (above + below) * 0.06 or 1.0
    return -(below + room) if below else 0.0, above + (0.0 if percent and above == 100 else room)


def meter(actual: float, target: Target, fill: str, label: str, percent: bool) -> str:
    """The actual value against the target: a bar from zero to the value (to the left of
    the zero line when negative); the target a black tick, or for ``between`` a grey band
    edged by two ticks."""
    width, height, pad = 150, 16, 2
    marks = target_marks(target)
    low, high = _domain((actual, *marks), percent)

    def x(value: float) -> float:
        return pad + (value - low) / (high - low) * (width - 2 * pad)

    start, end = sorted((x(0.0), x(actual)))
    body = f'<rect x="{pad}" y="4" width="{width - 2 * pad}" height="8" fill="{TRACK}"/>'
    if target.op == "between" and len(marks) == 2:
        left, right = x(marks[0]), x(marks[1])
        body += (
            f'<rect x="{_n(left)}" y="1" width="{_n(right - left)}" height="14" fill="#c5cbd3"/>'
        )
    body += (
        f'<rect class="bar" x="{_n(start)}" y="4" width="{_n(max(end - start, 1))}" height="8" '
        f'fill="{fill}"/>'
    )
    if low < 0:  # the zero line, so a negative bar reads as below zero
        body += (
            f'<line class="zero" x1="{_n(x(0.0))}" x2="{_n(x(0.0))}" y1="2" y2="{height - 2}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
    for mark in marks:
        body += (
            f'<line class="target" x1="{_n(x(mark))}" x2="{_n(x(mark))}" y1="0" y2="{height}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
    return _svg(width, height, label, body)


def composition(actual: Mapping[str, float], target: Target, label: str) -> str:
    """Two stacked bars, the reported structure above the target's, shares in each part."""
    width, row = 150, 16
    bars = [tuple(actual.values()), target.parts]
    body = ""
    for k, parts in enumerate(bars):
        total = sum(parts) or 1.0
        x, y = 0.0, k * (row + 3)
        for j, part in enumerate(parts):
            share = part / total
            fill = PART_FILLS[j % len(PART_FILLS)]
            body += (
                f'<rect x="{_n(x)}" y="{y}" width="{_n(share * width)}" height="{row}" '
                f'fill="{fill}"/>'
            )
            if share * width >= 22:
                colour = "#fff" if j < 2 else INK
                body += (
                    f'<text x="{_n(x + 2)}" y="{y + 12}" font-size="{LABEL_PX}" '
                    f'fill="{colour}">{share * 100:.0f}</text>'
                )
            x += share * width
    return _svg(width, 2 * row + 3, label, body)


def sparkline(
    points: Sequence[tuple[date, float]], target: Target | None, deadline: date, label: str
) -> str:
    """The reported values over time, with the target as a dashed line and the deadline as a
    dotted one; the time axis runs to the deadline, so the space left shows the time left.
    The highest and lowest of the values and the target are written at the right, level
    with where they are drawn, so the line reads without its tooltip."""
    width, height, pad, labels = 160, 44, 6, 40
    plot = width - labels
    start = points[0][0]
    span = max((max(points[-1][0], deadline) - start).days, 1)
    marks = target_marks(target)
    values = [v for _, v in points] + list(marks)
    top, bottom = max(values), min(values)
    margin = (top - bottom) * 0.12 or max(abs(top) * 0.1, 1.0)
    low, high = bottom - margin, top + margin

    def x(day: date) -> float:
        return pad + (day - start).days / span * (plot - 2 * pad)

    def y(value: float) -> float:
        return height - pad - (value - low) / (high - low) * (height - 2 * pad)

    body = ""
    if deadline >= start:
        body += (
            f'<line x1="{_n(x(deadline))}" x2="{_n(x(deadline))}" y1="0" y2="{height}" '
            f'stroke="#7b8794" stroke-dasharray="1 2"/>'
        )
    for mark in marks:
        body += (
            f'<line x1="0" x2="{plot}" y1="{_n(y(mark))}" y2="{_n(y(mark))}" '
            f'stroke="{INK}" stroke-dasharray="4 2"/>'
        )
    coords = [(x(day), y(value)) for day, value in points]
    if len(coords) > 1:
        path = " ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in coords)
        body += f'<polyline points="{path}" fill="none" stroke="#274c77" stroke-width="1.5"/>'
    for cx, cy in coords:
        body += f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="2" fill="#274c77"/>'
    extremes = (top,) if top == bottom else (top, bottom)
    for value in extremes:
        baseline = min(max(y(value) + LABEL_PX * 0.35, LABEL_PX), height - 1)
        body += (
            f'<text class="value" x="{plot + 3}" y="{_n(baseline)}" '
            f'font-size="{LABEL_PX}" fill="{INK}">{escape(format_number(value))}</text>'
        )
    return _svg(width, height, label, body)
