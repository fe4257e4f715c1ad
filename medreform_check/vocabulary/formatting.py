"""How numbers, ranges, dates and lists are written for people, in either language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def format_number(value: float, places: int = 2) -> str:
    """``3.0`` → ``3``, ``82.456`` → ``82.46``: how people write figures."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def format_range(low: float | None, high: float | None) -> str:
    """``0–100``; an open end is left blank (``0–``)."""
    return (
        f"{'' if low is None else format_number(low)}–{'' if high is None else format_number(high)}"
    )


def format_date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def listing(items: Iterable[str], lang: str) -> str:
    """Items in a sentence: ``a, b`` in English, ``a、b`` in Chinese."""
    return ("、" if lang == "zh" else ", ").join(items)


_CHINESE_NUMERALS = "一二三四五六七八九十"


def section_number(k: int, lang: str) -> str:
    """The number before the ``k``-th heading of a document: ``一、`` in Chinese (to 二十),
    ``1. `` in English — counted as the document is laid out, so a section can be added."""
    if lang != "zh":
        return f"{k}. "
    if k <= 10:
        return _CHINESE_NUMERALS[k - 1] + "、"
    tens, ones = divmod(k, 10)
    return (
        ("十" if tens == 1 else _CHINESE_NUMERALS[tens - 1] + "十")
        + (_CHINESE_NUMERALS[ones - 1] if ones else "")
        + "、"
    )
