"""Reported values as offices write them: ``80%``, ``８０％``, ``是``, ``41.2:33.5:25.3``.

Each parser returns a plain Python value or raises ``ValueError`` with a message
that says what was expected.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from medreform_check.errors import ParseError
from medreform_check.language.magnitudes import rescale, split_magnitude
from medreform_check.vocabulary import Message

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# Forms YAML 1.1 reads as numbers and people do not mean as such (the YAML reader keeps them
# as text): each refused with a message that says what is wrong with it.
_HEXADECIMAL = re.compile(r"^([+-]?)0[xX]([0-9a-fA-F_]+)$")
_UNDERSCORES = re.compile(r"^[+-]?[0-9][0-9_]*(?:\.[0-9_]*)?$")
_COLONS = re.compile(r"^[+-]?[0-9]+(?::[0-9]+(?:\.[0-9]*)?)+$")
_YAML_SPECIAL = re.compile(r"^[+-]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")

_TRUE_WORDS = frozenset({"true", "yes", "y", "1", "是", "完成", "已完成"})
_FALSE_WORDS = frozenset({"false", "no", "n", "0", "否", "未完成"})


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def visible(text: str) -> str:
    """``text`` with invisible characters spelt out, so 'a\\u200b' does not look like 'a'."""
    return "".join(
        c if c.isprintable() and c not in _INVISIBLE else f"\\u{ord(c):04x}" for c in text
    )


def shown(raw: object, limit: int = 60) -> str:
    """An input value quoted for a message: invisible characters spelt out, and cut short —
    a 100,000-character cell should not become a 100,000-character message."""
    text = visible(str(raw))
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def finite(number: float) -> float:
    if not math.isfinite(number):
        raise ParseError(Message("number.not_finite", {"number": str(number)}))
    return number


def split_unit(text: str) -> tuple[str, str]:
    """Split ``'80 %'`` into ``('80', '%')``; the unit part may be empty."""
    text = normalise(text)
    match = re.match(r"^([+-]?[\d.,]+(?:[eE][+-]?\d+)?)\s*(.*)$", text)
    if not match:
        return text, ""
    return match.group(1), match.group(2).strip()


def parse_number(raw: object, unit: str | None = None) -> float:
    """A finite number; a string may carry ``%`` (when ``unit`` is ``%``) or ``unit`` itself."""
    if isinstance(raw, bool):
        raise ParseError(Message("number.got", {"value": str(raw).lower()}))
    if isinstance(raw, (int, float)):
        try:
            return finite(float(raw))
        except OverflowError:
            raise ParseError(Message("number.int_too_large")) from None
    if not isinstance(raw, str):
        raise ParseError(Message("number.expected"))
    _refuse_yaml_forms(raw)
    digits, written_unit = split_unit(raw)
    if written_unit and written_unit != unit:
        expected = (
            Message("number.unit_or_none", {"unit": unit}) if unit else Message("number.no_unit")
        )
        raise ParseError(
            Message(
                "number.unit",
                {"raw": shown(raw), "unit": shown(written_unit), "expected": expected},
            )
        )
    if _THOUSANDS.match(digits):
        digits = digits.replace(",", "")
    if not _NUMBER.match(digits):
        raise ParseError(Message("number.not_a_number", {"raw": shown(raw)}))
    number = float(digits)
    if not math.isfinite(number):  # digits only: too many of them for a float
        raise ParseError(Message("number.too_large", {"raw": shown(raw)}))
    return number


def _refuse_yaml_forms(raw: str) -> None:
    text = normalise(raw)
    if _YAML_SPECIAL.match(text):
        raise ParseError(Message("number.not_finite", {"number": shown(raw)}))
    hexadecimal = _HEXADECIMAL.match(text)
    if hexadecimal and hexadecimal.group(2).replace("_", ""):
        sign, digits = hexadecimal.groups()
        value = f"{sign}{int(digits.replace('_', ''), 16)}"
        raise ParseError(Message("number.hexadecimal", {"raw": shown(raw), "value": value}))
    if "_" in text and _UNDERSCORES.match(text):
        value = text.replace("_", "")
        raise ParseError(Message("number.underscores", {"raw": shown(raw), "value": value}))
    if _COLONS.match(text):
        raise ParseError(Message("number.colons", {"raw": shown(raw)}))


def parse_quantity(raw: object, unit: str | None = None) -> float:
    """``parse_number`` that also converts 千/万/亿 (CONTRACT §1.1 "Magnitudes") into
    ``unit``, which may carry one itself: ``12.6万人`` is 126000 in 人 and 12.6 in 万人.
    Scaled exactly (decimal text, integer powers of ten), then made a float once."""
    if not isinstance(raw, str):
        return parse_number(raw, unit)
    digits, written = split_unit(raw)
    factor, base = split_magnitude(written)
    unit_factor, unit_base = split_magnitude(unit or "")
    if factor == 1 and unit_factor == 1:
        return parse_number(raw, unit)
    if base and base != unit_base:
        expected = (
            Message("number.unit_or_none", {"unit": unit}) if unit else Message("number.no_unit")
        )
        details = {"raw": shown(raw), "unit": shown(written), "expected": expected}
        raise ParseError(Message("number.unit", details))
    if _THOUSANDS.match(digits):
        digits = digits.replace(",", "")
    if not _NUMBER.match(digits):
        raise ParseError(Message("number.not_a_number", {"raw": shown(raw)}))
    number = float(rescale(Decimal(digits), factor, unit_factor))
    if not math.isfinite(number):
        raise ParseError(Message("number.too_large", {"raw": shown(raw)}))
    return number


def parse_done(raw: object) -> bool:
    """A completion flag written as any of the accepted yes/no words."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = normalise(raw).lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise ParseError(Message("done.not_yes_no", {"raw": shown(raw)}))


def parse_composition(raw: object, parts: tuple[str, ...]) -> dict[str, float]:
    """A composition as a ``{part: value}`` mapping or ``'41.2:33.5:25.3'`` in part order."""
    if isinstance(raw, dict):
        unknown = sorted(set(map(str, raw)) - set(parts))
        missing = [p for p in parts if p not in raw]
        if unknown:
            raise ParseError(
                Message(
                    "composition.unknown_parts",
                    {"parts": ", ".join(unknown), "expected": ", ".join(parts)},
                )
            )
        if missing:
            raise ParseError(Message("composition.missing_parts", {"parts": ", ".join(missing)}))
        values = {p: parse_number(raw[p], "%") for p in parts}
    elif isinstance(raw, str):
        pieces = normalise(raw).split(":")
        if len(pieces) != len(parts):
            raise ParseError(
                Message(
                    "composition.count",
                    {
                        "raw": shown(raw),
                        "count": len(pieces),
                        "expected": len(parts),
                        "names": ":".join(parts),
                    },
                )
            )
        values = {p: parse_number(x, "%") for p, x in zip(parts, pieces, strict=True)}
    else:
        raise ParseError(Message("composition.expected", {"count": len(parts)}))
    if any(v < 0 for v in values.values()):
        raise ParseError(Message("composition.negative"))
    if sum(values.values()) <= 0:
        raise ParseError(Message("composition.zero"))
    return values


def shares(composition: dict[str, float]) -> dict[str, float]:
    """Each part as a percentage of the whole."""
    total = sum(composition.values())
    return {part: value * 100.0 / total for part, value in composition.items()}
