"""``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, written faster.

With ``indent`` the standard library encodes in Python, one generator step per value: a
province's audit (24,000 reporting entries, 140,000 unit ids) took longer to write than to
evaluate. Here lists of strings are encoded by the C encoder in one call, and a long list of
mappings that all have the same keys (reporting entries, the per-unit scorecard) column by
column: each key's values encoded together, each mapping laid out by one ``str.format``.
Anything this module does not know how to lay out goes through ``json.dumps`` itself, so the
text is always what ``json.dumps`` would have written (a property test holds them together).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

try:  # the C encoder of the json module (ensure_ascii=False), if this Python has it
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - every CPython has it
    from json.encoder import py_encode_basestring as _string

_INDENT = "  "
_COLUMNS_FROM = 8  # shorter lists of mappings are laid out one mapping at a time


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``."""
    _TUPLES.clear()
    try:
        return _encode(value, 0)
    finally:
        _TUPLES.clear()


# Tuples are immutable: one met again at the same depth (every result of a task lists the
# same units, a nation's fifty thousand of them) is written once. Kept during one dumps().
_TUPLES: dict[tuple[int, int], tuple[tuple[Any, ...], str]] = {}


def _scalar(value: Any) -> str | None:
    """A value that is not a container, encoded; None for a container (or anything else)."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _encode(value: Any, level: int) -> str:
    text = _scalar(value)
    if text is not None:
        return text
    if isinstance(value, dict):
        return _mapping(value, level)
    if isinstance(value, (list, tuple)):
        return _sequence(value, level)
    # Something json.dumps itself refuses (or encodes in its own way): let it say so.
    return json.dumps(value, ensure_ascii=False, indent=2)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is True or key is False or key is None:
        return _string({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return _string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _mapping(value: dict[Any, Any], level: int) -> str:
    if not value:
        return "{}"
    inner = "\n" + _INDENT * (level + 1)
    items = [_key(k) + ": " + _encode(v, level + 1) for k, v in value.items()]
    return "{" + inner + ("," + inner).join(items) + "\n" + _INDENT * level + "}"


def _sequence(value: Sequence[Any], level: int) -> str:
    if not value:
        return "[]"
    if isinstance(value, tuple):
        seen = _TUPLES.get((id(value), level))
        if seen is not None and seen[0] is value:
            return seen[1]
        text = _laid_out(value, level)
        _TUPLES[id(value), level] = (value, text)  # (kept: its id stays its own)
        return text
    return _laid_out(value, level)


def _laid_out(value: Sequence[Any], level: int) -> str:
    inner = "\n" + _INDENT * (level + 1)
    try:  # a list of strings: the C encoder over all of them
        return "[" + inner + ("," + inner).join(map(_string, value)) + "\n" + _INDENT * level + "]"
    except TypeError:
        pass
    items = _records(value, level + 1)
    if items is None:
        items = [_encode(v, level + 1) for v in value]
    return "[" + inner + ("," + inner).join(items) + "\n" + _INDENT * level + "]"


def _records(value: Sequence[Any], level: int) -> list[str] | None:
    """Mappings that all have the same string keys in the same order, laid out column by
    column; None when ``value`` is not such a list (or too short to be worth it)."""
    first = value[0]
    if len(value) < _COLUMNS_FROM or not isinstance(first, dict) or not first:
        return None
    keys = tuple(first)
    if not all(isinstance(k, str) for k in keys) or not all(
        type(v) is dict and tuple(v) == keys for v in value
    ):
        return None
    inner = "\n" + _INDENT * (level + 1)
    layout = (
        "{{"
        + inner
        + ("," + inner).join(
            _string(k).replace("{", "{{").replace("}", "}}") + ": {}" for k in keys
        )
        + "\n"
        + _INDENT * level
        + "}}"
    )
    columns = [_column([v[k] for v in value], level + 1) for k in keys]
    return list(map(layout.format, *columns))


def _column(values: list[Any], level: int) -> list[str] | map[str]:
    """One key's values of every mapping, encoded."""
    kinds = set(map(type, values))
    encode: Callable[[Any], str]
    if kinds == {str}:
        return map(_string, values)
    if kinds == {int}:
        return map(int.__repr__, values)
    encode = _scalar_or_nested(level)
    return list(map(encode, values))


def _scalar_or_nested(level: int) -> Callable[[Any], str]:
    def encode(value: Any) -> str:
        text = _scalar(value)
        return text if text is not None else _encode(value, level)

    return encode
