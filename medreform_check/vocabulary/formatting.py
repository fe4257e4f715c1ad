"""How numbers, ranges, dates and lists are written for people, in either language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def format_number(value: float, places: int = 2) -> str:
    """``3.0`` → ``3``, ``82.456`` → ``82.46``: how people write figures."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)  # never reached by a value we accept; never a crash either
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


# Characters a terminal, a CI log or a reader's eye would take for something else: C0 and C1
# controls (ESC starts a terminal escape sequence, BEL rings, CR rewrites the line), DEL, the
# bidirectional overrides and isolates that reorder what is shown ("Trojan Source"), and the
# Unicode line and paragraph separators.
_CONTROLS = frozenset(
    [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
)  # fmt: skip


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character written out — ESC as ``\\x1b``, a line break as
    ``\\n``, a right-to-left override as ``\\u202e`` — except those in ``keep``; so text from
    input never drives the terminal, never splits one message over two lines (which could
    forge a GitHub workflow command) and never reorders what is shown."""
    if text.isprintable():
        return text  # no control, format or separator character at all: the common case
    out = []
    for char in text:
        code = ord(char)
        if code not in _CONTROLS or char in keep:
            out.append(char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)
